// Every change to a case file: one durable transaction with its audit entry.
#include "model/casefile/CaseFile.h"

#include "model/audit/AuditChain.h"
#include "model/casefile/CaseRecordJson.h"
#include "model/casefile/Sqlite.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>
#include <sys/stat.h>

namespace rd {

bool CaseFile::checkWritable(QString* error) const
{
    if (m_signature) {
        *error = QStringLiteral("%1: is signed (by %2, %3): a signed case is read-only")
                     .arg(m_path, m_signature->signer, AuditChain::timestamp(m_signature->signedAt));
        return false;
    }
    if (m_readOnly) {
        *error = QStringLiteral("%1: is open read-only: %2")
                     .arg(m_path, m_readOnlyReason.isEmpty() ? QStringLiteral("opened for reading")
                                                             : m_readOnlyReason);
        return false;
    }
    switch (diskChange()) {
    case DiskChange::None:
        break;
    case DiskChange::Replaced:
        *error = QStringLiteral("%1: was replaced or removed by another program since it was opened: "
                                "nothing was saved; open the case again")
                     .arg(m_path);
        return false;
    case DiskChange::Written:
        *error = QStringLiteral("%1: was written by another program since it was opened: nothing was "
                                "saved; open the case again")
                     .arg(m_path);
        return false;
    }
    return true;
}

CaseFile::DiskChange CaseFile::diskChange() const
{
    if (m_readOnly)
        return DiskChange::None;
    // Another program may have put a file in its place (a copy saved over it, a sync tool): this
    // connection would then write into the old, unlinked file and the change would be lost.
    struct stat now = {};
    if (::stat(QFile::encodeName(m_path).constData(), &now) != 0 || quint64(now.st_dev) != m_device ||
        quint64(now.st_ino) != m_inode)
        return DiskChange::Replaced;
    if (qint64(now.st_size) != m_size ||
        qint64(now.st_mtim.tv_sec) * 1000000000 + now.st_mtim.tv_nsec != m_modifiedNs)
        return DiskChange::Written;
    return DiskChange::None;
}

bool CaseFile::appendAudit(const Actor& actor, const QString& action, const QString& target,
                           const QString& oldValue, const QString& newValue, QString* error)
{
    if (!actor.isValid()) {
        *error = QStringLiteral("no one is logged in: every change is signed by its author's key");
        return false;
    }
    if (!m_holderWritten) {
        if (!writeHolder(error))
            return false;
        m_holderWritten = true;
        m_holderUncommitted = true; // until committed (onRollback)
    }
    sqlite::Statement head(m_db,
                           "SELECT case_id, audit_count, audit_head FROM case_info WHERE singleton = 1");
    if (head.step() != SQLITE_ROW) {
        *error = QStringLiteral("cannot read the audit trail's head: %1").arg(sqlite::lastError(m_db));
        return false;
    }
    if (head.text(0) != m_caseId) {
        *error = QStringLiteral("the file now holds another case (its content was replaced since it was "
                                "opened): nothing was saved; open the case again");
        return false;
    }
    AuditEntry entry;
    entry.seq = head.int64(1) + 1;
    entry.prevHash = head.int64(1) == 0 ? AuditChain::genesisHash(head.text(0)) : head.blob(2);
    entry.at = QDateTime::currentDateTimeUtc();
    entry.actor = actor.login();
    entry.action = action;
    entry.target = target;
    entry.oldValue = oldValue;
    entry.newValue = newValue;
    entry.hash = AuditChain::entryHash(entry);
    entry.signature = actor.sign(AuditChain::signedMessage(entry));
    const QString at = AuditChain::timestamp(entry.at);

    sqlite::Statement insert(m_db, "INSERT INTO audit(seq, at, actor, action, target, old_value, new_value, "
                                   "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, entry.seq)
        .bind(2, at)
        .bind(3, actor.login())
        .bind(4, action)
        .bind(5, target)
        .bind(6, oldValue)
        .bind(7, newValue)
        .bind(8, entry.prevHash)
        .bind(9, entry.hash);
    sqlite::Statement sign(m_db, "INSERT INTO audit_signature(seq, signature) VALUES (?, ?)");
    sign.bind(1, entry.seq).bind(2, entry.signature);
    sqlite::Statement update(m_db, "UPDATE case_info SET audit_count = ?, audit_head = ?, last_change = ? "
                                   "WHERE singleton = 1");
    update.bind(1, entry.seq).bind(2, entry.hash).bind(3, at);
    if (!insert.exec() || !sign.exec() || !update.exec()) {
        *error = QStringLiteral("cannot append to the audit trail: %1").arg(sqlite::lastError(m_db));
        return false;
    }
    return true;
}

bool CaseFile::recordJudgment(const QString& judgmentId, const Answer& answer, const Actor& actor,
                              QString* error)
{
    if (!checkWritable(error))
        return false;
    const auto previous = m_data.answers.constFind(judgmentId);
    const bool hadAnswer = previous != m_data.answers.cend();
    if (hadAnswer && *previous == answer)
        return true; // nothing changes: no write, no audit entry
    const QString oldText = hadAnswer ? CaseRecordJson::answerText(*previous) : QString();
    const QString newText = CaseRecordJson::answerText(answer);
    const QString now = AuditChain::timestamp(QDateTime::currentDateTimeUtc());

    auto fail = [&](const QString& what) {
        *error = QStringLiteral("%1: the judgment %2 was not saved: %3").arg(m_path, judgmentId, what);
        return false;
    };
    sqlite::Transaction transaction(m_db);
    if (!transaction.isActive())
        return fail(sqlite::lastError(m_db));
    sqlite::Statement upsert(
        m_db, "INSERT OR REPLACE INTO judgment(id, value, types, note, updated_at, updated_by) "
              "VALUES (?, ?, ?, ?, ?, ?)");
    upsert.bind(1, judgmentId)
        .bind(2, toString(answer.value))
        .bind(3, QString::fromUtf8(
                     QJsonDocument(QJsonArray::fromStringList(answer.types)).toJson(QJsonDocument::Compact)))
        .bind(4, answer.note)
        .bind(5, now)
        .bind(6, actor.login());
    sqlite::Statement clear(m_db, "DELETE FROM evidence WHERE judgment_id = ?");
    clear.bind(1, judgmentId);
    if (!clear.exec() || !upsert.exec())
        return fail(sqlite::lastError(m_db));
    for (qsizetype i = 0; i < answer.evidence.size(); ++i) {
        const Evidence& item = answer.evidence.at(i);
        sqlite::Statement insert(
            m_db, "INSERT INTO evidence(judgment_id, ord, attachment, page, quote, x, y, w, h) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, judgmentId)
            .bind(2, qint64(i))
            .bind(3, item.attachment)
            .bind(4, item.page)
            .bind(5, item.quote);
        if (item.rect.isNull()) {
            for (int column = 6; column <= 9; ++column)
                insert.bindNull(column);
        } else {
            insert.bind(6, item.rect.x())
                .bind(7, item.rect.y())
                .bind(8, item.rect.width())
                .bind(9, item.rect.height());
        }
        if (!insert.exec())
            return fail(sqlite::lastError(m_db));
    }
    QString message;
    if (!appendAudit(actor, QStringLiteral("judgment.record"), judgmentId, oldText, newText, &message))
        return fail(message);
    sqlite::Statement reviewer(m_db,
                               "UPDATE case_info SET reviewer = ? WHERE singleton = 1 AND reviewer = ''");
    reviewer.bind(1, actor.login());
    if (!reviewer.exec())
        return fail(sqlite::lastError(m_db));
    const bool starts = m_data.status == CaseStatus::New;
    if (starts && !writeStatus(CaseStatus::InReview, actor, &message))
        return fail(message);
    if (!committed(transaction.commit()))
        return fail(sqlite::lastError(m_db));
    m_data.answers.insert(judgmentId, answer);
    if (starts)
        m_data.status = CaseStatus::InReview;
    return true;
}

bool CaseFile::writeStatus(CaseStatus status, const Actor& actor, QString* error)
{
    sqlite::Statement update(m_db, "UPDATE case_info SET status = ? WHERE singleton = 1");
    update.bind(1, toString(status));
    if (!update.exec()) {
        *error = sqlite::lastError(m_db);
        return false;
    }
    return appendAudit(actor, QStringLiteral("status.change"), QStringLiteral("status"),
                       toString(m_data.status), toString(status), error);
}

bool CaseFile::setStatus(CaseStatus status, const Actor& actor, QString* error)
{
    if (!checkWritable(error))
        return false;
    if (status == m_data.status)
        return true;
    sqlite::Transaction transaction(m_db);
    QString message;
    if (!transaction.isActive() || !writeStatus(status, actor, &message) ||
        !committed(transaction.commit())) {
        *error = QStringLiteral("%1: the status was not changed: %2")
                     .arg(m_path, message.isEmpty() ? sqlite::lastError(m_db) : message);
        return false;
    }
    m_data.status = status;
    return true;
}

void CaseFile::rememberFileIdentity()
{
    struct stat info = {};
    if (::stat(QFile::encodeName(m_path).constData(), &info) == 0) {
        m_device = quint64(info.st_dev);
        m_inode = quint64(info.st_ino);
        m_size = qint64(info.st_size);
        m_modifiedNs = qint64(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    }
}

bool CaseFile::committed(bool commitSucceeded)
{
    if (commitSucceeded) {
        rememberFileIdentity();
        m_holderUncommitted = false;
    }
    return commitSucceeded;
}

bool CaseFile::reopen(const QString& reason, const Actor& actor, QString* error)
{
    if (!checkWritable(error))
        return false;
    if (m_data.status != CaseStatus::Determined && m_data.status != CaseStatus::AwaitingMedicalDirector) {
        *error = QStringLiteral("%1: is not routed (status %2): nothing to reopen")
                     .arg(m_path, toString(m_data.status));
        return false;
    }
    if (reason.trimmed().isEmpty()) {
        *error = QStringLiteral("%1: was not reopened: a reason is needed").arg(m_path);
        return false;
    }
    sqlite::Transaction transaction(m_db);
    QString message;
    if (!transaction.isActive() ||
        !appendAudit(actor, QStringLiteral("case.reopen"), QStringLiteral("status"), toString(m_data.status),
                     reason.trimmed(), &message) ||
        !writeStatus(CaseStatus::InReview, actor, &message) || !committed(transaction.commit())) {
        *error = QStringLiteral("%1: was not reopened: %2")
                     .arg(m_path, message.isEmpty() ? sqlite::lastError(m_db) : message);
        return false;
    }
    m_data.status = CaseStatus::InReview;
    return true;
}

bool CaseFile::addAttachment(const QString& fileName, const QString& sourcePath, int pageCount,
                             const Actor& actor, QString* error)
{
    return addAttachments({{fileName, sourcePath, pageCount}}, actor, error);
}

bool CaseFile::addAttachments(const QList<AttachmentSource>& sources, const Actor& actor, QString* error)
{
    if (!checkWritable(error))
        return false;
    sqlite::Transaction transaction(m_db);
    if (!transaction.isActive()) {
        *error = QStringLiteral("%1: no attachment was added: %2").arg(m_path, sqlite::lastError(m_db));
        return false;
    }
    QList<AttachmentInfo> added;
    for (const AttachmentSource& source : sources) {
        AttachmentInfo info;
        if (!writeAttachment(source, actor, &info, error))
            return false; // the transaction rolls back: none of sources is stored
        added.append(info);
    }
    if (!committed(transaction.commit())) {
        *error = QStringLiteral("%1: no attachment was added: %2").arg(m_path, sqlite::lastError(m_db));
        return false;
    }
    m_attachments.append(added);
    return true;
}

bool CaseFile::writeAttachment(const AttachmentSource& source, const Actor& actor, AttachmentInfo* added,
                               QString* error)
{
    const QString& fileName = source.fileName;
    const QString& sourcePath = source.sourcePath;
    const int pageCount = source.pageCount;
    auto fail = [&](const QString& what) {
        *error = QStringLiteral("%1: the attachment %2 was not added: %3").arg(m_path, fileName, what);
        return false;
    };
    if (attachment(fileName))
        return fail(QStringLiteral("the case already holds a file of that name"));
    QFile input(sourcePath);
    if (!input.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1 cannot be read: %2").arg(sourcePath, input.errorString()));
    const qint64 size = input.size();
    if (size >= qint64(1) << 30)
        return fail(QStringLiteral("it is larger than 1 GiB"));
    const QString now = AuditChain::timestamp(QDateTime::currentDateTimeUtc());

    sqlite::Statement insert(m_db, "INSERT INTO attachment(file_name, sha256, size, page_count, added_at) "
                                   "VALUES (?, zeroblob(32), ?, ?, ?)");
    insert.bind(1, fileName).bind(2, size).bind(3, pageCount).bind(4, now);
    if (!insert.exec())
        return fail(sqlite::lastError(m_db));
    const qint64 id = sqlite3_last_insert_rowid(m_db);
    sqlite::Statement data(m_db, "INSERT INTO attachment_data(attachment_id, data) VALUES (?, zeroblob(?))");
    data.bind(1, id).bind(2, size);
    if (!data.exec())
        return fail(sqlite::lastError(m_db));

    // Stream the file in, hashing as it goes: a large PDF never sits in memory whole.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    sqlite3_blob* blob = nullptr;
    if (size > 0 && sqlite3_blob_open(m_db, "main", "attachment_data", "data", id, 1, &blob) != SQLITE_OK) {
        sqlite3_blob_close(blob);
        return fail(sqlite::lastError(m_db));
    }
    QByteArray chunk;
    qint64 offset = 0;
    while (offset < size) {
        chunk = input.read(1 << 20);
        if (chunk.isEmpty() || offset + chunk.size() > size ||
            sqlite3_blob_write(blob, chunk.constData(), int(chunk.size()), int(offset)) != SQLITE_OK) {
            sqlite3_blob_close(blob);
            return fail(
                QStringLiteral("%1 changed or could not be read while it was copied").arg(sourcePath));
        }
        hash.addData(chunk);
        offset += chunk.size();
    }
    if (blob && sqlite3_blob_close(blob) != SQLITE_OK)
        return fail(sqlite::lastError(m_db));
    const QByteArray digest = hash.result();
    sqlite::Statement setHash(m_db, "UPDATE attachment SET sha256 = ? WHERE id = ?");
    setHash.bind(1, digest).bind(2, id);
    const QJsonObject record{{QStringLiteral("sha256"), QString::fromLatin1(digest.toHex())},
                             {QStringLiteral("size"), size},
                             {QStringLiteral("pageCount"), pageCount}};
    QString message;
    if (!setHash.exec() ||
        !appendAudit(actor, QStringLiteral("attachment.add"), fileName, QString(),
                     QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact)), &message))
        return fail(message.isEmpty() ? sqlite::lastError(m_db) : message);
    *added = {id, fileName, digest, size, pageCount, QDateTime::fromString(now, Qt::ISODateWithMs)};
    return true;
}

bool CaseFile::markPagesViewed(qint64 attachmentId, const QList<int>& pages, QString* error)
{
    if (!checkWritable(error))
        return false;
    sqlite::Transaction transaction(m_db);
    for (int page : pages) {
        sqlite::Statement insert(m_db, "INSERT OR IGNORE INTO page_view(attachment_id, page) VALUES (?, ?)");
        insert.bind(1, attachmentId).bind(2, page);
        if (!insert.exec()) {
            *error =
                QStringLiteral("%1: reading coverage not saved: %2").arg(m_path, sqlite::lastError(m_db));
            return false;
        }
    }
    if (!committed(transaction.commit())) {
        *error = QStringLiteral("%1: reading coverage not saved: %2").arg(m_path, sqlite::lastError(m_db));
        return false;
    }
    return true;
}

QList<int> CaseFile::viewedPages(qint64 attachmentId) const
{
    QList<int> pages;
    sqlite::Statement query(m_db, "SELECT page FROM page_view WHERE attachment_id = ? ORDER BY page");
    query.bind(1, attachmentId);
    while (query.step() == SQLITE_ROW)
        pages.append(int(query.int64(0)));
    return pages;
}

} // namespace rd
