// Small RAII helpers over the SQLite C API, used only by the case file classes.
#pragma once

#include <QByteArray>
#include <QString>

#include <sqlite3.h>

namespace rd::sqlite {

// A prepared statement, finalized on destruction.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    // Binds by 1-based index. Strings are bound as UTF-8 text, byte arrays as blobs.
    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const QByteArray& value);
    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, qint64(value)); }
    Statement& bind(int index, double value);
    Statement& bindNull(int index);

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    bool exec(); // steps to the end; true on SQLITE_DONE

    QString text(int column) const;
    QByteArray blob(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    bool isNull(int column) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
};

// Runs one statement with no result; true on success.
bool exec(sqlite3* db, const char* sql);
// The connection's last error, with the file named.
QString lastError(sqlite3* db);

// BEGIN IMMEDIATE on construction; rolled back on destruction unless commit() succeeded.
class Transaction
{
public:
    explicit Transaction(sqlite3* db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isActive() const { return m_active; }
    bool commit();

private:
    sqlite3* m_db;
    bool m_active = false;
};

} // namespace rd::sqlite
