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

// Every row of the synchronized tables of an open case file.
std::optional<Snapshot> read(sqlite3* db, QString* error);
// The same, opening path read-only.
std::optional<Snapshot> readFile(const QString& path, QString* error);

// The audit trail (with signatures) of an open case file from seq after on.
std::optional<QList<AuditEntry>> readAudit(sqlite3* db, qint64 after, QString* error);
std::optional<QList<AuditEntry>> readAuditFile(const QString& path, qint64 after, QString* error);
// One attachment's bytes.
std::optional<QByteArray> readAttachmentData(const QString& path, qint64 attachmentId, QString* error);

// What changed from before to after: rows to insert or replace, rows to delete.
void diff(const Snapshot& before, const Snapshot& after, QList<Row>* upserts, QList<Row>* deletes);

// Creates a case file at path (which must not exist; mode 0600) holding rows, audit and the
// attachments' bytes (data(attachmentId) returns them). Refuses a table or column the current
// version does not have.
bool write(const QString& path, const Snapshot& rows, const QList<AuditEntry>& audit,
           const std::function<std::optional<QByteArray>(qint64, QString*)>& data, QString* error);

// JSON forms for the workspace's functions.
QJsonObject auditJson(const AuditEntry& entry);
AuditEntry auditFromJson(const QJsonObject& object);

} // namespace rd::CaseRows
