// The FHIR origin of a case imported from a Da Vinci PAS request (docs/fhir.md): what the response must
// echo, and the request Bundle's bytes as received. Stored once, at import, with an audit entry that
// records both hashes: the audit chain (and through its head, the signature) covers them, and verify()
// compares the stored bytes with the entry.
#include "model/audit/AuditChain.h"
#include "model/casefile/CaseFile.h"
#include "model/casefile/Sqlite.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <sodium.h>
#include <sqlite3.h>

namespace rd {

namespace {

const QString kImportAction = QStringLiteral("fhir.import");

// libsodium's SHA-256: the same digest as QCryptographicHash, several times faster on a large Bundle.
QByteArray sha256(const QByteArray& bytes)
{
    QByteArray digest(crypto_hash_sha256_BYTES, Qt::Uninitialized);
    if (sodium_init() < 0)
        return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                       reinterpret_cast<const unsigned char*>(bytes.constData()), quint64(bytes.size()));
    return digest;
}

bool hasOriginTable(sqlite3* db)
{
    sqlite::Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fhir_origin'");
    return query.step() == SQLITE_ROW;
}

// What the signed fhir.import audit entry records of the fhir_origin row: every column, the large ones
// by SHA-256. verify() rebuilds it from the row and compares.
QJsonObject auditRecord(const QByteArray& origin, const QByteArray& bundle, const QStringList& warnings,
                        const QString& importedAt)
{
    return QJsonObject{{QStringLiteral("bundleBytes"), qint64(bundle.size())},
                       {QStringLiteral("bundleSha256"), QString::fromLatin1(sha256(bundle).toHex())},
                       {QStringLiteral("originSha256"), QString::fromLatin1(sha256(origin).toHex())},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
                       {QStringLiteral("importedAt"), importedAt}};
}

} // namespace

bool CaseFile::storeFhirOrigin(const QJsonObject& origin, const QByteArray& bundle,
                               const QStringList& warnings, const Actor& actor, QString* error)
{
    if (!checkWritable(error))
        return false;
    auto fail = [&](const QString& what) {
        *error = QStringLiteral("%1: the FHIR origin was not stored: %2").arg(m_path, what);
        return false;
    };
    if (!hasOriginTable(m_db))
        return fail(QStringLiteral("the case file's version has no place for it"));
    const QByteArray originText = QJsonDocument(origin).toJson(QJsonDocument::Compact);
    const QByteArray warningsText =
        QJsonDocument(QJsonArray::fromStringList(warnings)).toJson(QJsonDocument::Compact);
    const QString importedAt = AuditChain::timestamp(QDateTime::currentDateTimeUtc());
    sqlite::Transaction transaction(m_db);
    sqlite::Statement insert(m_db,
                             "INSERT INTO fhir_origin(singleton, origin, bundle, warnings, imported_at) "
                             "VALUES (1, ?, zeroblob(?), ?, ?)");
    insert.bind(1, QString::fromUtf8(originText))
        .bind(2, qint64(bundle.size()))
        .bind(3, QString::fromUtf8(warningsText))
        .bind(4, importedAt);
    if (!transaction.isActive() || !insert.exec())
        return fail(sqlite::lastError(m_db));
    // The Bundle can be large: written in place rather than bound as one more copy.
    if (!bundle.isEmpty()) {
        sqlite3_blob* blob = nullptr;
        if (sqlite3_blob_open(m_db, "main", "fhir_origin", "bundle", 1, 1, &blob) != SQLITE_OK) {
            sqlite3_blob_close(blob);
            return fail(sqlite::lastError(m_db));
        }
        for (qsizetype offset = 0; offset < bundle.size(); offset += 1 << 20) {
            const int length = int(qMin<qsizetype>(1 << 20, bundle.size() - offset));
            if (sqlite3_blob_write(blob, bundle.constData() + offset, length, int(offset)) != SQLITE_OK) {
                sqlite3_blob_close(blob);
                return fail(sqlite::lastError(m_db));
            }
        }
        if (sqlite3_blob_close(blob) != SQLITE_OK)
            return fail(sqlite::lastError(m_db));
    }
    QString message;
    if (!appendAudit(actor, kImportAction, QStringLiteral("Bundle"), QString(),
                     QString::fromUtf8(QJsonDocument(auditRecord(originText, bundle, warnings, importedAt))
                                           .toJson(QJsonDocument::Compact)),
                     &message) ||
        !committed(transaction.commit()))
        return fail(message.isEmpty() ? sqlite::lastError(m_db) : message);
    return true;
}

std::optional<FhirOriginRecord> CaseFile::fhirOrigin(QString* error) const
{
    if (!hasOriginTable(m_db))
        return std::nullopt;
    sqlite::Statement query(
        m_db, "SELECT origin, bundle, warnings, imported_at FROM fhir_origin WHERE singleton = 1");
    const int rc = query.step();
    if (rc == SQLITE_DONE)
        return std::nullopt;
    if (rc != SQLITE_ROW) {
        if (error)
            *error =
                QStringLiteral("%1: the FHIR origin cannot be read: %2").arg(m_path, sqlite::lastError(m_db));
        return std::nullopt;
    }
    FhirOriginRecord record;
    record.originText = query.text(0).toUtf8();
    record.origin = QJsonDocument::fromJson(record.originText).object();
    record.bundle = query.blob(1);
    const QJsonArray warnings = QJsonDocument::fromJson(query.text(2).toUtf8()).array();
    for (const QJsonValue& warning : warnings)
        record.warnings.append(warning.toString());
    record.importedAtText = query.text(3);
    record.importedAt = QDateTime::fromString(record.importedAtText, Qt::ISODateWithMs).toUTC();
    return record;
}

QString CaseFile::readFhirTraceNumber(sqlite3* db)
{
    // Cheap: one value of one row, for the queue (a file without the table has none).
    sqlite::Statement query(db, "SELECT json_extract(origin, '$.claimIdentifier[0].value') FROM fhir_origin "
                                "WHERE singleton = 1");
    return query.isValid() && query.step() == SQLITE_ROW ? query.text(0) : QString();
}

void CaseFile::verifyFhirOrigin(VerifyReport& report, const QList<AuditEntry>& trail) const
{
    QString recorded;
    int imports = 0;
    for (const AuditEntry& entry : trail)
        if (entry.action == kImportAction) {
            recorded = entry.newValue;
            ++imports;
        }
    QString error;
    const std::optional<FhirOriginRecord> origin = fhirOrigin(&error);
    const QString where = QStringLiteral("FHIR origin");
    if (!error.isEmpty()) {
        report.problems.append({where, error});
        return;
    }
    if (!origin) {
        if (imports > 0)
            report.problems.append({where, QStringLiteral("is in the audit trail but was deleted")});
        return;
    }
    if (imports != 1) {
        report.problems.append(
            {where, QStringLiteral("is stored but the audit trail records %1 imports").arg(imports)});
        return;
    }
    const QString stored =
        QString::fromUtf8(QJsonDocument(auditRecord(origin->originText, origin->bundle, origin->warnings,
                                                    origin->importedAtText))
                              .toJson(QJsonDocument::Compact));
    if (stored != recorded) {
        report.problems.append(
            {where, QStringLiteral("differs from what the audit trail recorded at import: the "
                                   "request Bundle or its origin record was altered")});
        return;
    }
    report.checked.append(
        QStringLiteral("FHIR origin: the request Bundle (%1 bytes, SHA-256 %2) agrees with the audit "
                       "trail")
            .arg(origin->bundle.size())
            .arg(QString::fromLatin1(sha256(origin->bundle).toHex())));
}

} // namespace rd
