// One connection to the team workspace's PostgreSQL server, through libpq.
//
// Threading contract: a PgConnection is used from one thread at a time and is not thread-safe; every
// call but socket() and takeNotifications() may wait on the network (up to the connect timeout, or
// as long as the server takes), so the GUI thread never calls it: the app runs workspace work on a
// thread of its own and comes back with the result. A thread that needs to read at the same time
// (attachment bytes, a copy) opens a connection of its own with the same conninfo.
//
// The conninfo is a libpq URL ("postgresql://host/db?...") or key=value string. A password in it is
// refused (it would sit on a command line or in a config file): libpq takes it from PGPASSFILE or
// ~/.pgpass, or the caller asks for it. Every connection asks for a read-write server
// (target_session_attrs=read-write), so that after a failover the promoted replica is found.
//
// Errors: one line (libpq's first line), naming the workspace; isUnreachable() says whether the
// connection is gone (the server restarted, the network cut) as opposed to a refusal by the server.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

struct pg_conn;
struct pg_result;

namespace rd {

// A parameter of a statement: text, or binary bytes (bytea), or NULL.
struct PgParam
{
    std::optional<QByteArray> value;
    bool binary = false;
    static PgParam text(const QString& text) { return {text.toUtf8(), false}; }
    static PgParam bytes(const QByteArray& bytes) { return {bytes, true}; }
    static PgParam null() { return {std::nullopt, false}; }
};

class PgResult
{
public:
    PgResult() = default;
    explicit PgResult(pg_result* result);
    ~PgResult();
    PgResult(PgResult&& other) noexcept;
    PgResult& operator=(PgResult&& other) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    bool isValid() const { return m_result != nullptr; }
    int rows() const;
    bool isNull(int row, int column) const;
    QString text(int row, int column) const;
    QByteArray bytes(int row, int column) const; // a bytea column, decoded
    qint64 int64(int row, int column) const;
    pg_result* raw() const { return m_result; }

private:
    pg_result* m_result = nullptr;
};

class PgConnection
{
public:
    // Connects; fails with one line naming the workspace (never its password).
    static std::unique_ptr<PgConnection> open(const QString& conninfo, QString* error);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // The password of the person at this desk, when the server asks for one that PGPASSFILE /
    // ~/.pgpass does not give (the desktop asks once): kept in this process's memory only and handed
    // to libpq as a connection parameter of every later connection; never in a URL, a message or a
    // log. Empty: none. Thread-safe.
    // role: whose password it is (the login it was asked for), so that a desk signing in as someone else
    // drops it (sessionPasswordRole()).
    static void setSessionPassword(const QByteArray& password, const QString& role = QString());
    static QString sessionPasswordRole();
    // error (from open()) says the server wants a password that was not given, or refused the one given.
    static bool isPasswordError(const QString& error);

    // The conninfo without any password, for messages and "URL#CASE-ID".
    QString conninfo() const { return m_conninfo; }
    static QString withoutPassword(const QString& conninfo);
    static bool hasPassword(const QString& conninfo);

    // Runs one statement. On failure returns nullopt and fills error with the server's message;
    // sqlState() then holds the SQLSTATE ("42501" for a privilege refused, "" when the connection
    // was lost).
    std::optional<PgResult> exec(const char* sql, const QList<PgParam>& params, QString* error);
    bool command(const char* sql, QString* error) { return exec(sql, {}, error).has_value(); }
    QString sqlState() const { return m_sqlState; }

    // The connection is gone (server restarted, network cut, backend killed): the caller reconnects.
    bool isUnreachable() const;
    // A fresh connection with the same conninfo (session state such as advisory locks is gone).
    bool reconnect(QString* error);
    QString user() const; // the session's role

    // LISTEN/NOTIFY: the socket to watch for readability, then takeNotifications().
    int socket() const;
    QStringList takeNotifications(const QByteArray& channel);

private:
    explicit PgConnection(const QString& conninfo)
        : m_conninfo(conninfo)
    {}
    bool connect(QString* error);

    QString m_conninfo;
    pg_conn* m_conn = nullptr;
    QString m_sqlState;
    bool m_lost = false; // a statement failed without reaching the server
};

} // namespace rd
