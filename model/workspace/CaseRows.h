// A case file's content as rows, the form in which the workspace keeps a case: every table of the
// case file (but the audit trail, attachment bytes, the holder and reading coverage, kept apart) as
// (table, primary key, the row as JSON). Reading is generic over the file's tables, so a column or
// table added to the case file format travels without a change here; writing creates a case file of
// the current version and inserts the rows, only into tables and columns that version has.
//
// JSON of a row: integers and reals as numbers, text as strings, NULL as null, blobs as
// {"b": BASE64}. Used on one thread at a time with the connection it is given.
#pragma once

#include "model/audit/AuditChain.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

struct sqlite3;

namespace rd::CaseRows {

struct Row
{
    QString table;
    QString key; // the primary key's values, as compact JSON
    QJsonObject row;
    bool operator==(const Row&) const = default;
};

using Snapshot = QMap<QPair<QString, QString>, QJsonObject>; // (table, key) -> row

struct TableInfo
{
    QStringList columns;
    QStringList keyColumns;
};
using Tables = QMap<QString, TableInfo>; // the synchronized tables of a case file

// Every row of the synchronized tables of an open case file.
std::optional<Snapshot> read(sqlite3* db, QString* error);
// The same, opening path read-only.
std::optional<Snapshot> readFile(const QString& path, QString* error);

// A read-only connection to a case file kept open, so that repeated reads parse its schema once.
class Reader
{
public:
    Reader() = default;
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;
    bool open(const QString& path, QString* error);
    std::optional<Snapshot> read(QString* error) const;

private:
    sqlite3* m_db = nullptr;
    Tables m_tables; // read once: the schema does not change under an open case
};

// One attachment's bytes.
std::optional<QByteArray> readAttachmentData(const QString& path, qint64 attachmentId, QString* error);

// What changed from before to after: rows to insert or replace, rows to delete.
void diff(const Snapshot& before, const Snapshot& after, QList<Row>* upserts, QList<Row>* deletes);

// A page seen: (attachment id, page number from 1), the case file's page_view table.
using PageView = QPair<qint64, int>;

// Creates a case file at path (which must not exist; mode 0600) holding rows, audit, the
// attachments' bytes (data(attachmentId) returns them) and the pages seen (pageViews). Refuses a table
// or column the current version does not have.
bool write(const QString& path, const Snapshot& rows, const QList<AuditEntry>& audit,
           const std::function<std::optional<QByteArray>(qint64, QString*)>& data,
           const QList<PageView>& pageViews, QString* error);

// JSON forms for the workspace's functions.
QString compact(const QJsonArray& array);
QString compact(const QJsonObject& object);
QJsonObject auditJson(const AuditEntry& entry);
AuditEntry auditFromJson(const QJsonObject& object);

} // namespace rd::CaseRows
