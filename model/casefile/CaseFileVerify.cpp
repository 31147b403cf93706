// Reading the audit trail, checking a case file, and saving a copy of it.
#include "model/casefile/CaseFile.h"

#include "model/audit/AuditChain.h"
#include "model/casefile/AtomicFile.h"
#include "model/casefile/CaseFileFormat.h"
#include "model/casefile/CaseFileSchema.h"
#include "model/casefile/CaseRecordJson.h"
#include "model/casefile/Sqlite.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace rd {

QList<AuditEntry> CaseFile::auditTrail(QString* error) const
{
    QList<AuditEntry> entries;
    sqlite::Statement query(m_db,
                            "SELECT audit.seq, at, actor, action, target, old_value, new_value, prev_hash, "
                            "hash, audit_signature.signature FROM audit LEFT JOIN audit_signature "
                            "ON audit_signature.seq = audit.seq ORDER BY audit.rowid");
    int rc;
    while ((rc = query.step()) == SQLITE_ROW) {
        AuditEntry entry;
        entry.seq = query.int64(0);
        entry.at = QDateTime::fromString(query.text(1), Qt::ISODateWithMs).toUTC();
        entry.actor = query.text(2);
        entry.action = query.text(3);
        entry.target = query.text(4);
        entry.oldValue = query.text(5);
        entry.newValue = query.text(6);
        entry.prevHash = query.blob(7);
        entry.hash = query.blob(8);
        entry.signature = query.blob(9);
        entries.append(entry);
    }
    if (rc != SQLITE_DONE && error)
        *error =
            QStringLiteral("%1: the audit trail cannot be read: %2").arg(m_path, sqlite::lastError(m_db));
    return entries;
}

VerifyReport CaseFile::verify() const
{
    VerifyReport report;
    auto problem = [&report](const QString& where, const QString& what) {
        report.problems.append({where, what});
    };

    const int version = CaseFileSchema::fileVersion(m_db);
    report.checked.append(QStringLiteral("file header: ReviewDesk case file, version %1").arg(version));
    {
        sqlite::Statement integrity(m_db, "PRAGMA integrity_check(20)");
        QStringList messages;
        while (integrity.step() == SQLITE_ROW)
            messages.append(integrity.text(0));
        if (messages == QStringList{QStringLiteral("ok")})
            report.checked.append(QStringLiteral("SQLite integrity_check: ok"));
        else
            for (const QString& message : std::as_const(messages))
                problem(QStringLiteral("SQLite integrity_check"),
                        message.isEmpty() ? QStringLiteral("cannot run") : message);
    }

    const QList<VerifyFinding> schema = CaseFileSchema::checkSchema(m_db);
    report.problems.append(schema);
    if (schema.isEmpty())
        report.checked.append(
            QStringLiteral("schema: tables and triggers as version %1 declares them").arg(version));

    for (const AttachmentInfo& info : m_attachments) {
        const QString where = QStringLiteral("attachment %1").arg(info.fileName);
        sqlite3_blob* blob = nullptr;
        if (sqlite3_blob_open(m_db, "main", "attachment_data", "data", info.id, 0, &blob) != SQLITE_OK) {
            sqlite3_blob_close(blob);
            problem(where, QStringLiteral("its bytes are missing"));
            continue;
        }
        const int size = sqlite3_blob_bytes(blob);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        bool readable = true;
        for (int offset = 0; offset < size && readable; offset += int(chunk.size())) {
            const int length = qMin(int(chunk.size()), size - offset);
            readable = sqlite3_blob_read(blob, chunk.data(), length, offset) == SQLITE_OK;
            hash.addData(QByteArrayView(chunk.constData(), length));
        }
        sqlite3_blob_close(blob);
        if (!readable)
            problem(where, QStringLiteral("its bytes cannot be read"));
        else if (size != info.size)
            problem(where, QStringLiteral("holds %1 bytes, its record says %2").arg(size).arg(info.size));
        else if (hash.result() != info.sha256)
            problem(where, QStringLiteral("does not match its SHA-256: its bytes were altered"));
        else
            report.checked.append(
                QStringLiteral("%1: SHA-256 %2").arg(where, QString::fromLatin1(info.sha256.toHex())));
    }

    QString error;
    const QList<AuditEntry> trail = auditTrail(&error);
    if (!error.isEmpty())
        problem(QStringLiteral("audit trail"), error);
    sqlite::Statement head(m_db,
                           "SELECT case_id, audit_count, audit_head FROM case_info WHERE singleton = 1");
    if (head.step() != SQLITE_ROW) {
        problem(QStringLiteral("case record"), QStringLiteral("cannot be read"));
        return report;
    }
    const QList<VerifyFinding> chain = AuditChain::check(trail, head.text(0), head.int64(1), head.blob(2));
    report.problems.append(chain);
    if (chain.isEmpty())
        report.checked.append(QStringLiteral("audit trail: %1 entries, hash chain intact").arg(trail.size()));

    // Every attachment is the one its audit row recorded, byte for byte: the table's SHA-256 was
    // checked against the bytes above; here it is checked against the signed trail.
    QMap<QString, QString> addedHash;
    for (const AuditEntry& entry : trail)
        if (entry.action == QLatin1String("attachment.add"))
            addedHash.insert(entry.target, QJsonDocument::fromJson(entry.newValue.toUtf8())
                                               .object()
                                               .value(QStringLiteral("sha256"))
                                               .toString());
    for (const AttachmentInfo& info : m_attachments) {
        const QString where = QStringLiteral("attachment %1").arg(info.fileName);
        if (!addedHash.contains(info.fileName))
            problem(where, QStringLiteral("has no audit row: it was planted outside ReviewDesk"));
        else if (addedHash.take(info.fileName) != QString::fromLatin1(info.sha256.toHex()))
            problem(where, QStringLiteral("is not the file its audit row recorded (SHA-256 differs): it was "
                                          "replaced"));
    }
    for (auto it = addedHash.cbegin(); it != addedHash.cend(); ++it)
        problem(QStringLiteral("attachment %1").arg(it.key()),
                QStringLiteral("is in the audit trail but was deleted"));

    // The current state must be what the trail last recorded.
    QMap<QString, QString> lastAnswer;
    QString lastStatus = toString(CaseStatus::New);
    QString request;
    for (const AuditEntry& entry : trail) {
        if (entry.action == QLatin1String("judgment.record"))
            lastAnswer.insert(entry.target, entry.newValue);
        else if (entry.action == QLatin1String("status.change"))
            lastStatus = entry.newValue;
        else if (entry.action == QLatin1String("case.create"))
            request = entry.newValue;
    }
    if (request != CaseRecordJson::requestText(m_data))
        problem(QStringLiteral("request"),
                QStringLiteral("differs from the request recorded when the case was created"));
    for (auto it = m_data.answers.cbegin(); it != m_data.answers.cend(); ++it) {
        if (lastAnswer.value(it.key()) != CaseRecordJson::answerText(it.value()))
            problem(QStringLiteral("judgment %1").arg(it.key()),
                    QStringLiteral("differs from its last audit entry: it was changed outside ReviewDesk"));
        lastAnswer.remove(it.key());
    }
    for (auto it = lastAnswer.cbegin(); it != lastAnswer.cend(); ++it)
        problem(QStringLiteral("judgment %1").arg(it.key()),
                QStringLiteral("is in the audit trail but was deleted"));
    QMap<QString, QString> lastOverride;
    QMap<QString, QString> lastField;
    for (const AuditEntry& entry : trail) {
        if (entry.action == QLatin1String("decision.override"))
            lastOverride.insert(entry.target, entry.newValue);
        else if (entry.action == QLatin1String("letter.field"))
            lastField.insert(entry.target, entry.newValue);
    }
    for (const LineOverride& item : m_overrides) {
        const QString text =
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("decision"), toString(item.decision)},
                                                        {QStringLiteral("rationale"), item.rationale}})
                                  .toJson(QJsonDocument::Compact));
        if (lastOverride.take(item.code) != text)
            problem(QStringLiteral("override of line %1").arg(item.code),
                    QStringLiteral("differs from its last audit entry: it was changed outside ReviewDesk"));
    }
    for (auto it = lastOverride.cbegin(); it != lastOverride.cend(); ++it)
        if (!it.value().isEmpty())
            problem(QStringLiteral("override of line %1").arg(it.key()),
                    QStringLiteral("is in the audit trail but was deleted"));
    for (auto it = m_letterFields.cbegin(); it != m_letterFields.cend(); ++it)
        if (lastField.take(it.key()) != it.value())
            problem(QStringLiteral("letter field %1").arg(it.key()),
                    QStringLiteral("differs from its last audit entry: it was changed outside ReviewDesk"));
    for (auto it = lastField.cbegin(); it != lastField.cend(); ++it)
        if (!it.value().isEmpty())
            problem(QStringLiteral("letter field %1").arg(it.key()),
                    QStringLiteral("is in the audit trail but was deleted"));
    if (lastStatus != toString(m_data.status))
        problem(QStringLiteral("status"), QStringLiteral("is %1 but the audit trail last recorded %2")
                                              .arg(toString(m_data.status), lastStatus));
    if (report.problems.size() == chain.size() && chain.isEmpty())
        report.checked.append(QStringLiteral("request, judgments and status agree with the audit trail"));
    verifySignoff(report, trail);
    verifyFhirOrigin(report, trail);
    return report;
}

bool CaseFile::saveCopyAs(const QString& destination, QString* error) const
{
    return saveCopy(m_path, destination, error);
}

bool CaseFile::saveCopy(const QString& source, const QString& destination, QString* error)
{
    const QFileInfo sourceInfo(source);
    const QFileInfo destinationInfo(destination);
    if (destinationInfo.exists() && sourceInfo.canonicalFilePath() == destinationInfo.canonicalFilePath()) {
        *error =
            QStringLiteral("%1: is the case itself: a copy cannot replace its own original").arg(destination);
        return false;
    }
    sqlite3* db = CaseFileSchema::openConnection(source, true, error);
    if (!db)
        return false;
    const auto closer = qScopeGuard([db] { CaseFileSchema::closeConnection(db); });
    const QFileInfo target(destination);
    const QString folder = target.absolutePath();
    QByteArray pattern =
        QFile::encodeName(folder + QStringLiteral("/.") + target.fileName() + QStringLiteral(".XXXXXX"));
    const int fd = ::mkstemp(pattern.data()); // mode 0600
    if (fd < 0) {
        *error = QStringLiteral("%1: cannot write in %2: %3")
                     .arg(destination, folder, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    ::close(fd);
    const QString temporary = QFile::decodeName(pattern);
    auto fail = [&](const QString& what) {
        *error = QStringLiteral("%1: the copy was not saved: %2").arg(destination, what);
        QFile::remove(temporary);
        QFile::remove(temporary + QStringLiteral("-journal"));
        return false;
    };

    sqlite3* copy = nullptr;
    if (sqlite3_open_v2(pattern.constData(), &copy, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        const QString message = sqlite::lastError(copy);
        sqlite3_close(copy);
        return fail(message);
    }
    QString message;
    CaseFileSchema::configure(copy, &message);
    sqlite3_backup* backup = sqlite3_backup_init(copy, "main", db, "main");
    int rc = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
    if (backup)
        sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        message = sqlite::lastError(copy);
    sqlite3_close(copy);
    if (rc != SQLITE_DONE)
        return fail(message);

    const int copyFd = ::open(pattern.constData(), O_RDONLY | O_CLOEXEC);
    const bool synced = copyFd >= 0 && ::fsync(copyFd) == 0;
    if (copyFd >= 0)
        ::close(copyFd);
    if (!synced)
        return fail(QStringLiteral("cannot be flushed to disk"));
    QString reason;
    if (!AtomicFile::renameIntoPlace(pattern, destination, &reason))
        return fail(reason);
    return true;
}

} // namespace rd
