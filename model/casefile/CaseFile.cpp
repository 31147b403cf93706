// Opening, creating and loading case files. Writes are in CaseFileWrite.cpp, checks in
// CaseFileVerify.cpp.
#include "model/casefile/CaseFile.h"

#include "model/audit/AuditChain.h"
#include "model/casefile/CaseFileFormat.h"
#include "model/casefile/CaseFileSchema.h"
#include "model/casefile/CaseInfoPages.h"
#include "model/casefile/CaseRecordJson.h"
#include "model/casefile/Sqlite.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>
#include <utility>

namespace rd {

namespace {

// The byte range of the writer's lock: far past any byte SQLite locks or stores.
constexpr off_t kWriterLockOffset = off_t(1) << 62;

// Takes the writer's lock on an open-file-description of its own. Returns the descriptor, -1 when
// another process holds it (or the lock cannot be taken; errno tells).
int takeWriterLock(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct flock lock = {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = kWriterLockOffset;
    lock.l_len = 1;
    if (::fcntl(fd, F_OFD_SETLK, &lock) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

QString& holderLogin()
{
    static QString login;
    return login;
}

QString currentUser()
{
    if (!holderLogin().isEmpty())
        return holderLogin();
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

QStringList stringList(const QString& json)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue& value : array)
        list.append(value.toString());
    return list;
}

QString jsonList(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QDateTime utcTime(const QString& text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.toUTC();
}

// The member's letter language, address and guardian: a table of format version 2. A version 1 file has
// none, and its member keeps the defaults.
bool readMemberContact(sqlite3* db, const QString& path, Member* member, QString* error)
{
    sqlite::Statement version(db, "PRAGMA user_version");
    if (!version.isValid() || version.step() != SQLITE_ROW) {
        *error =
            QStringLiteral("%1: its format version cannot be read (%2)").arg(path, sqlite::lastError(db));
        return false;
    }
    if (version.int64(0) < CaseFileFormat::SchemaVersion2)
        return true;
    sqlite::Statement query(
        db, "SELECT language, address, guardian_name FROM member_contact WHERE singleton = 1");
    if (!query.isValid() || query.step() != SQLITE_ROW) {
        *error = QStringLiteral("%1: is damaged: its member contact record cannot be read (%2)")
                     .arg(path, sqlite::lastError(db));
        return false;
    }
    const QJsonObject address = QJsonDocument::fromJson(query.text(1).toUtf8()).object();
    if (!memberLanguages().contains(query.text(0)) || (!query.text(1).isEmpty() && address.isEmpty())) {
        *error =
            QStringLiteral("%1: is damaged: member_contact holds an unknown language or a broken address")
                .arg(path);
        return false;
    }
    member->language = query.text(0);
    QStringList lines;
    for (const QJsonValue& line : address.value(QStringLiteral("lines")).toArray())
        lines.append(line.toString());
    member->address = {lines, address.value(QStringLiteral("city")).toString(),
                       address.value(QStringLiteral("state")).toString(),
                       address.value(QStringLiteral("postalCode")).toString()};
    member->guardianName = query.text(2);
    return true;
}

QString addressText(const Address& address)
{
    if (address.isEmpty())
        return {};
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("lines"), QJsonArray::fromStringList(address.lines)},
                                  {QStringLiteral("city"), address.city},
                                  {QStringLiteral("state"), address.state},
                                  {QStringLiteral("postalCode"), address.postalCode}})
            .toJson(QJsonDocument::Compact));
}

// The summary of the case, read with one statement.
bool readCaseInfo(sqlite3* db, const QString& path, CaseData* data, CaseSummary* summary, QString* error)
{
    sqlite::Statement query(
        db, "SELECT member_id, member_name, member_birth_date, provider_name, provider_npi, "
            "received_at, urgency, service_date, lines, diagnoses, prior_study_date, "
            "clinical_question, status, reviewer, last_change FROM case_info WHERE singleton = 1");
    if (!query.isValid() || query.step() != SQLITE_ROW) {
        *error = QStringLiteral("%1: is damaged: its case record cannot be read (%2)")
                     .arg(path, sqlite::lastError(db));
        return false;
    }
    const auto urgency = urgencyFromString(query.text(6));
    const auto status = caseStatusFromString(query.text(12));
    if (!urgency || !status) {
        *error = QStringLiteral("%1: is damaged: case_info holds an unknown urgency or status").arg(path);
        return false;
    }
    if (data) {
        data->member.id = query.text(0);
        data->member.name = query.text(1);
        data->member.birthDate = QDate::fromString(query.text(2), Qt::ISODate);
        data->provider = {query.text(3), query.text(4)};
        Request& request = data->request;
        request.receivedAt = utcTime(query.text(5));
        request.urgency = *urgency;
        request.serviceDate = QDate::fromString(query.text(7), Qt::ISODate);
        request.lines = stringList(query.text(8));
        request.diagnoses = stringList(query.text(9));
        request.priorStudyDate.reset();
        if (!query.isNull(10))
            request.priorStudyDate = QDate::fromString(query.text(10), Qt::ISODate);
        request.clinicalQuestion = query.text(11);
        data->status = *status;
    }
    if (summary) {
        summary->path = path;
        summary->memberId = query.text(0);
        summary->memberName = query.text(1);
        summary->lines = stringList(query.text(8));
        summary->urgency = *urgency;
        summary->receivedAt = utcTime(query.text(5));
        summary->status = *status;
        summary->reviewer = query.text(13);
        summary->lastChange = utcTime(query.text(14));
    }
    return true;
}

} // namespace

CaseFile::~CaseFile()
{
    CaseFileSchema::closeConnection(m_db);
    // Closed after SQLite: closing any descriptor of the file drops this process's POSIX locks on it.
    if (m_lockFd >= 0)
        ::close(m_lockFd);
}

std::unique_ptr<CaseFile> CaseFile::create(const QString& path, const CaseData& data, const Actor& actor,
                                           QString* error)
{
    const QByteArray nativePath = QFile::encodeName(path);
    const int fd = ::open(nativePath.constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error =
            QStringLiteral("%1: cannot be created: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return nullptr;
    }
    ::close(fd);

    std::unique_ptr<CaseFile> file(new CaseFile);
    file->m_path = path;
    auto fail = [&](const QString& message) -> std::unique_ptr<CaseFile> {
        *error = QStringLiteral("%1: %2").arg(path, message);
        file.reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-journal"));
        return nullptr;
    };
    if (sqlite3_open_v2(nativePath.constData(), &file->m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                        nullptr) != SQLITE_OK)
        return fail(QStringLiteral("cannot be opened: %1").arg(sqlite::lastError(file->m_db)));
    sqlite3_rollback_hook(file->m_db, &CaseFile::onRollback, file.get());
    QString message;
    if (!CaseFileSchema::configure(file->m_db, &message) || !CaseFileSchema::create(file->m_db, &message))
        return fail(message);
    file->m_lockFd = takeWriterLock(path);
    if (file->m_lockFd < 0)
        return fail(
            QStringLiteral("cannot be locked for writing: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    file->rememberFileIdentity();

    const QString caseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    file->m_caseId = caseId;
    const QString now = AuditChain::timestamp(QDateTime::currentDateTimeUtc());
    {
        sqlite::Transaction transaction(file->m_db);
        const Request& request = data.request;
        sqlite::Statement insert(
            file->m_db,
            "INSERT INTO case_info(singleton, case_id, created_at, member_id, member_name, "
            "member_birth_date, provider_name, provider_npi, received_at, urgency, service_date, lines, "
            "diagnoses, prior_study_date, clinical_question, status, reviewer, last_change, "
            "audit_count, audit_head) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, 0, ?)");
        insert.bind(1, caseId)
            .bind(2, now)
            .bind(3, data.member.id)
            .bind(4, data.member.name)
            .bind(5, CaseRecordJson::dateText(data.member.birthDate))
            .bind(6, data.provider.name)
            .bind(7, data.provider.npi)
            .bind(8, request.receivedAt.toUTC().toString(Qt::ISODate))
            .bind(9, toString(request.urgency))
            .bind(10, CaseRecordJson::dateText(request.serviceDate))
            .bind(11, jsonList(request.lines))
            .bind(12, jsonList(request.diagnoses))
            .bind(14, request.clinicalQuestion)
            .bind(15, toString(CaseStatus::New))
            .bind(16, now)
            .bind(17, AuditChain::genesisHash(caseId));
        if (request.priorStudyDate)
            insert.bind(13, CaseRecordJson::dateText(*request.priorStudyDate));
        else
            insert.bindNull(13);
        if (!transaction.isActive() || !insert.exec())
            return fail(QStringLiteral("cannot store the request: %1").arg(sqlite::lastError(file->m_db)));
        sqlite::Statement contact(file->m_db, "INSERT INTO member_contact(singleton, language, address, "
                                              "guardian_name) VALUES (1, ?, ?, ?)");
        contact.bind(1, data.member.language)
            .bind(2, addressText(data.member.address))
            .bind(3, data.member.guardianName);
        if (!contact.exec())
            return fail(
                QStringLiteral("cannot store the member's contact: %1").arg(sqlite::lastError(file->m_db)));
        if (!file->appendAudit(actor, QStringLiteral("case.create"), caseId, QString(),
                               CaseRecordJson::requestText(data), &message) ||
            !file->committed(transaction.commit()))
            return fail(message.isEmpty() ? sqlite::lastError(file->m_db) : message);
    }
    if (!file->load(&message))
        return fail(message);
    for (auto it = data.answers.cbegin(); it != data.answers.cend(); ++it) {
        if (!file->recordJudgment(it.key(), it.value(), actor, &message))
            return fail(message);
    }
    if (data.status != CaseStatus::New && data.status != file->m_data.status &&
        !file->setStatus(data.status, actor, &message))
        return fail(message);
    return file;
}

std::unique_ptr<CaseFile> CaseFile::open(const QString& path, OpenMode mode, QString* error)
{
    std::unique_ptr<CaseFile> file(new CaseFile);
    file->m_path = path;
    file->m_readOnly = mode == OpenMode::ReadOnly;
    file->m_db = CaseFileSchema::openConnection(path, file->m_readOnly, error);
    if (!file->m_db || !file->load(error))
        return nullptr;
    sqlite3_rollback_hook(file->m_db, &CaseFile::onRollback, file.get());
    if (file->m_readOnly)
        return file;
    // A table, trigger or view added or changed outside ReviewDesk would run inside this person's own
    // writes (a planted trigger rewriting a judgment while they sign): such a file is only read.
    const QList<VerifyFinding> schema = CaseFileSchema::checkSchema(file->m_db);
    if (!schema.isEmpty()) {
        file->m_readOnly = true;
        file->m_readOnlyReason =
            QStringLiteral("its tables or triggers were altered outside ReviewDesk (%1), "
                           "so nothing is written into it; verify lists what")
                .arg(schema.first().what);
        return file;
    }

    file->m_lockFd = takeWriterLock(path);
    if (file->m_lockFd < 0) {
        const bool heldElsewhere = errno == EAGAIN || errno == EACCES;
        file->m_readOnly = true;
        file->m_heldElsewhere = heldElsewhere;
        file->m_readOnlyReason = heldElsewhere ? file->holderDescription()
                                               : QStringLiteral("it cannot be locked for writing (%1)")
                                                     .arg(QString::fromLocal8Bit(strerror(errno)));
        return file;
    }
    if (QFileInfo(path).permissions().testFlag(QFileDevice::WriteUser) == false) {
        file->m_readOnly = true;
        file->m_readOnlyReason = QStringLiteral("the file is not writable");
        return file;
    }
    file->rememberFileIdentity();
    return file;
}

bool CaseFile::writeHolder(QString* error)
{
    sqlite::Statement statement(m_db, "INSERT OR REPLACE INTO holder(singleton, user, host, pid, since) "
                                      "VALUES (1, ?, ?, ?, ?)");
    statement.bind(1, currentUser())
        .bind(2, QSysInfo::machineHostName())
        .bind(3, qint64(::getpid()))
        .bind(4, AuditChain::timestamp(QDateTime::currentDateTimeUtc()));
    if (!statement.exec()) {
        *error = sqlite::lastError(m_db);
        return false;
    }
    return true;
}

void CaseFile::onRollback(void* file)
{
    auto* self = static_cast<CaseFile*>(file);
    if (std::exchange(self->m_holderUncommitted, false))
        self->m_holderWritten = false; // the next write writes it again
}

void CaseFile::setHolderLogin(const QString& login)
{
    holderLogin() = login;
}

std::optional<CaseHolder> CaseFile::holder() const
{
    sqlite::Statement query(m_db, "SELECT user, host, pid, since FROM holder WHERE singleton = 1");
    if (query.step() != SQLITE_ROW)
        return std::nullopt;
    return CaseHolder{query.text(0), query.text(1), query.int64(2), utcTime(query.text(3))};
}

QString CaseFile::holderDescription() const
{
    sqlite::Statement query(m_db, "SELECT user, host, pid, since FROM holder WHERE singleton = 1");
    if (query.step() != SQLITE_ROW)
        return QStringLiteral("another process has it open for writing");
    return QStringLiteral("%1 on %2 (process %3) has it open for writing since %4")
        .arg(query.text(0), query.text(1))
        .arg(query.int64(2))
        .arg(QLocale::c().toString(utcTime(query.text(3)), QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
}

bool CaseFile::load(QString* error)
{
    if (!readCaseInfo(m_db, m_path, &m_data, nullptr, error) ||
        !readMemberContact(m_db, m_path, &m_data.member, error))
        return false;
    m_caseId = caseId();
    m_data.answers.clear();
    sqlite::Statement judgments(m_db, "SELECT id, value, types, note FROM judgment ORDER BY id");
    sqlite::Statement evidence(m_db, "SELECT judgment_id, attachment, page, quote, x, y, w, h FROM evidence "
                                     "ORDER BY judgment_id, ord");
    sqlite::Statement attachments(m_db,
                                  "SELECT id, file_name, sha256, size, page_count, added_at FROM attachment "
                                  "ORDER BY id");
    if (!judgments.isValid() || !evidence.isValid() || !attachments.isValid()) {
        *error = QStringLiteral("%1: is damaged: %2").arg(m_path, sqlite::lastError(m_db));
        return false;
    }
    int rc;
    while ((rc = judgments.step()) == SQLITE_ROW) {
        const std::optional<AnswerValue> value = answerValueFromString(judgments.text(1));
        if (!value) {
            *error = QStringLiteral("%1: is damaged: judgment %2 has no answer value")
                         .arg(m_path, judgments.text(0));
            return false;
        }
        m_data.answers.insert(judgments.text(0),
                              Answer{*value, stringList(judgments.text(2)), judgments.text(3), {}});
    }
    if (rc == SQLITE_DONE) {
        while ((rc = evidence.step()) == SQLITE_ROW) {
            Evidence item{evidence.text(1), int(evidence.int64(2)), evidence.text(3), QRectF()};
            if (!evidence.isNull(4))
                item.rect = QRectF(evidence.real(4), evidence.real(5), evidence.real(6), evidence.real(7));
            m_data.answers[evidence.text(0)].evidence.append(item);
        }
    }
    m_attachments.clear();
    if (rc == SQLITE_DONE) {
        while ((rc = attachments.step()) == SQLITE_ROW)
            m_attachments.append({attachments.int64(0), attachments.text(1), attachments.blob(2),
                                  attachments.int64(3), int(attachments.int64(4)),
                                  utcTime(attachments.text(5))});
    }
    if (rc != SQLITE_DONE) {
        *error = QStringLiteral("%1: is damaged: %2").arg(m_path, sqlite::lastError(m_db));
        return false;
    }
    return loadSignoff(error);
}

std::optional<AttachmentInfo> CaseFile::attachment(const QString& fileName) const
{
    for (const AttachmentInfo& info : m_attachments)
        if (info.fileName == fileName)
            return info;
    return std::nullopt;
}

std::optional<CaseSummary> CaseFile::readSummary(const QString& path, QString* error)
{
    // Straight from the file's pages when it is as usual (no connection, no schema parsed): the queue
    // reads one summary per case file. Anything else goes through SQLite, which names what is wrong.
    static const QByteArrayList columns{"member_id",   "member_name", "lines",    "urgency",
                                        "received_at", "status",      "reviewer", "last_change"};
    // A case imported from a PAS request shows its request number, which is in fhir_origin: SQLite reads
    // those (the pages reader knows case_info only).
    if (const auto values = CaseInfoPages::read(path, columns, {QByteArrayLiteral("fhir_origin")})) {
        const auto urgency = urgencyFromString(values->at(3));
        const auto status = caseStatusFromString(values->at(5));
        if (urgency && status) {
            CaseSummary summary;
            summary.path = path;
            summary.memberId = values->at(0);
            summary.memberName = values->at(1);
            summary.lines = stringList(values->at(2));
            summary.urgency = *urgency;
            summary.receivedAt = utcTime(values->at(4));
            summary.status = *status;
            summary.reviewer = values->at(6);
            summary.lastChange = utcTime(values->at(7));
            return summary;
        }
    }
    sqlite3* db = CaseFileSchema::openConnection(path, true, error);
    if (!db)
        return std::nullopt;
    CaseSummary summary;
    const bool ok = readCaseInfo(db, path, nullptr, &summary, error);
    if (ok)
        summary.traceNumber = readFhirTraceNumber(db);
    CaseFileSchema::closeConnection(db);
    if (!ok)
        return std::nullopt;
    return summary;
}

std::optional<QByteArray> CaseFile::readAttachment(const QString& path, qint64 attachmentId, QString* error)
{
    sqlite3* db = CaseFileSchema::openConnection(path, true, error);
    if (!db)
        return std::nullopt;
    auto closer = qScopeGuard([db] { CaseFileSchema::closeConnection(db); });
    sqlite::Statement query(db, "SELECT file_name, sha256, size FROM attachment WHERE id = ?");
    query.bind(1, attachmentId);
    if (query.step() != SQLITE_ROW) {
        *error = QStringLiteral("%1: has no attachment %2").arg(path).arg(attachmentId);
        return std::nullopt;
    }
    const QString fileName = query.text(0);
    const QByteArray expected = query.blob(1);
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db, "main", "attachment_data", "data", attachmentId, 0, &blob) != SQLITE_OK) {
        *error = QStringLiteral("%1: the bytes of attachment %2 cannot be read: %3")
                     .arg(path, fileName, sqlite::lastError(db));
        sqlite3_blob_close(blob);
        return std::nullopt;
    }
    QByteArray bytes(sqlite3_blob_bytes(blob), Qt::Uninitialized);
    const int rc = sqlite3_blob_read(blob, bytes.data(), int(bytes.size()), 0);
    sqlite3_blob_close(blob);
    if (rc != SQLITE_OK) {
        *error = QStringLiteral("%1: the bytes of attachment %2 cannot be read: %3")
                     .arg(path, fileName, QString::fromUtf8(sqlite3_errstr(rc)));
        return std::nullopt;
    }
    if (QCryptographicHash::hash(bytes, QCryptographicHash::Sha256) != expected) {
        *error = QStringLiteral("%1: attachment %2 does not match its SHA-256: it was altered")
                     .arg(path, fileName);
        return std::nullopt;
    }
    return bytes;
}

} // namespace rd
