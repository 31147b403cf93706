#include "model/workspace/WorkspaceCase.h"

#include "model/casefile/CaseFile.h"
#include "model/workspace/WorkingFolder.h"
#include "model/workspace/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace rd {

WorkspaceCase::~WorkspaceCase() = default;

std::unique_ptr<WorkspaceCase> WorkspaceCase::open(const QString& conninfo, const QString& caseId,
                                                   OpenMode mode, QString* error)
{
    std::unique_ptr<WorkspaceCase> store(new WorkspaceCase);
    store->m_conninfo = conninfo;
    store->m_caseId = caseId;
    store->m_mode = mode;
    store->m_workspace = Workspace::open(conninfo, error);
    if (!store->m_workspace)
        return nullptr;
    store->m_folder = WorkingFolder::create();
    if (!store->m_folder->isValid()) {
        *error = QStringLiteral("cannot make a private folder for the case's working copy");
        return nullptr;
    }
    if (mode == OpenMode::ReadWrite) {
        const auto holder = store->m_workspace->hold(caseId, error);
        if (!holder)
            return nullptr;
        store->m_heldBy = *holder;
    }
    if (!store->load(error))
        return nullptr;
    return store;
}

bool WorkspaceCase::load(QString* error)
{
    const QString path =
        QDir(m_folder->path()).filePath(QStringLiteral("case-%1.rdcase").arg(++m_generation));
    QString message;
    // Counted first: a page read meanwhile makes the count look behind, and the next look reloads.
    const auto pageViews = m_workspace->pageViewCount(m_caseId, &message);
    if (!pageViews) {
        *error = message;
        return false;
    }
    const auto head = m_workspace->exportCase(m_caseId, path, &message);
    if (!head) {
        *error = message.replace(path, location());
        return false;
    }
    auto copy = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &message);
    auto reader = std::make_unique<CaseRows::Reader>();
    const auto rows = copy && reader->open(path, &message) ? reader->read(&message) : std::nullopt;
    if (!rows) {
        *error = QStringLiteral("%1: %2").arg(location(), message.replace(path, location()));
        return false;
    }
    if (m_copy) {
        const QString old = m_copy->path();
        m_reader.reset();
        m_copy.reset();
        QFile::remove(old);
    }
    m_copy = std::move(copy);
    m_reader = std::move(reader);
    m_rows = *rows;
    m_auditCount = head->first;
    m_pageViews = *pageViews;
    return true;
}

QString WorkspaceCase::location() const
{
    return m_conninfo + QLatin1Char('#') + m_caseId;
}

bool WorkspaceCase::isReadOnly() const
{
    return m_mode == OpenMode::ReadOnly || !m_heldBy.isEmpty() || !m_letGo.isEmpty() || m_unreachable ||
           m_copy->isSigned();
}

QString WorkspaceCase::readOnlyReason() const
{
    if (m_unreachable)
        return QStringLiteral(
            "workspace unreachable: the case is read-only until the workspace answers again");
    if (!m_heldBy.isEmpty())
        return m_letGo.isEmpty() ? QStringLiteral("held by %1").arg(m_heldBy)
                                 : QStringLiteral("held by %1: %2").arg(m_heldBy, m_letGo);
    if (!m_letGo.isEmpty())
        return m_letGo;
    if (m_copy->isSigned())
        return m_copy->readOnlyReason();
    if (m_mode == OpenMode::ReadOnly)
        return QStringLiteral("opened for reading");
    return {};
}

const CaseData& WorkspaceCase::data() const
{
    return m_copy->data();
}

QList<AttachmentInfo> WorkspaceCase::attachments() const
{
    return m_copy->attachments();
}

std::function<std::optional<QByteArray>(QString*)> WorkspaceCase::attachmentReader(qint64 attachmentId) const
{
    QByteArray sha256;
    for (const AttachmentInfo& info : m_copy->attachments())
        if (info.id == attachmentId)
            sha256 = info.sha256;
    return [conninfo = m_conninfo, caseId = m_caseId, attachmentId,
            sha256](QString* error) -> std::optional<QByteArray> {
        const auto workspace = Workspace::open(conninfo, error);
        if (!workspace)
            return std::nullopt;
        auto bytes = workspace->attachmentData(caseId, attachmentId, error);
        if (bytes && QCryptographicHash::hash(*bytes, QCryptographicHash::Sha256) != sha256) {
            *error = QStringLiteral("case %1: attachment %2 does not match its SHA-256")
                         .arg(caseId)
                         .arg(attachmentId);
            return std::nullopt;
        }
        return bytes;
    };
}

bool WorkspaceCase::reconnect(QString* error)
{
    if (!m_workspace->connection().reconnect(error))
        return false;
    // A case its holder let go of while it was open here is taken only when the person asks (take()).
    if (m_mode == OpenMode::ReadWrite && m_letGo.isEmpty()) {
        const auto holder = m_workspace->hold(m_caseId, error);
        if (!holder)
            return false;
        m_heldBy = *holder;
    }
    if (!load(error))
        return false;
    m_unreachable = false;
    return true;
}

bool WorkspaceCase::checkReachable(QString* error)
{
    if (m_unreachable)
        return reconnect(error);
    if (m_workspace->connection().exec("SELECT 1", {}, error))
        return true;
    if (m_workspace->connection().isUnreachable())
        m_unreachable = true;
    return false;
}

bool WorkspaceCase::markPagesViewed(qint64 attachmentId, const QList<int>& pages, QString* error)
{
    // The server first: the working copy never holds what the server does not.
    if (!m_workspace->addPageViews(m_caseId, attachmentId, pages, error)) {
        if (m_workspace->connection().isUnreachable())
            m_unreachable = true;
        return false;
    }
    m_pageViews += pages.size(); // at most; a page read before adds no row, and the next look reloads
    return m_copy->markPagesViewed(attachmentId, pages, error);
}

bool WorkspaceCase::listen(QString* error)
{
    return m_workspace->listen(error);
}

int WorkspaceCase::socket() const
{
    return m_workspace->connection().socket();
}

bool WorkspaceCase::takeChanged()
{
    return m_workspace->connection().takeNotifications(Workspace::NotifyChannel).contains(m_caseId) ||
           m_workspace->connection().isUnreachable();
}

bool WorkspaceCase::followHolder(QString* error)
{
    if (m_unreachable)
        return reconnect(error);
    const auto state = m_workspace->holderState(m_caseId, error);
    if (!state) {
        if (m_workspace->connection().isUnreachable())
            m_unreachable = true;
        return false;
    }
    if (m_mode == OpenMode::ReadWrite && !state->isSigned && (!m_heldBy.isEmpty() || !m_letGo.isEmpty())) {
        const QString me = m_workspace->user();
        // rd.hold's answer for a reviewer opening a case of the medical directors' queue: nobody holds it.
        const bool queueOnly = m_heldBy == QLatin1String("the medical directors' queue");
        if (state->assignee.isEmpty()) {
            if (!m_heldBy.isEmpty() && !queueOnly) {
                const QString holder = m_heldBy;
                m_heldBy.clear();
                m_letGo = state->queue == Workspace::MedicalDirectorQueue
                              ? QStringLiteral("%1 routed it to the medical directors' queue").arg(holder)
                              : QStringLiteral("%1 released it: nobody holds it").arg(holder);
            }
        } else if (state->assignee == me) {
            if (!state->locked) {
                // Assigned to this person and no session holds it: theirs again, writable.
                const auto held = m_workspace->hold(m_caseId, error);
                if (!held)
                    return false;
                m_heldBy = *held;
                if (m_heldBy.isEmpty())
                    m_letGo.clear();
            }
        } else {
            m_heldBy = state->assignee;
            // The holder's app is gone (its connection died): the case stays assigned to them.
            m_letGo = state->locked ? QString()
                                    : QStringLiteral("%1 is not connected (the case stays assigned to them)")
                                          .arg(state->assignee);
        }
    }
    if (state->auditCount != m_auditCount || state->pageViews != m_pageViews ||
        (state->isSigned && !isSigned()))
        return load(error);
    return true;
}

bool WorkspaceCase::take(QString* error)
{
    const auto held = m_workspace->hold(m_caseId, error);
    if (!held) {
        if (m_workspace->connection().isUnreachable())
            m_unreachable = true;
        return false;
    }
    m_heldBy = *held;
    m_mode = OpenMode::ReadWrite;
    if (m_heldBy.isEmpty())
        m_letGo.clear();
    return load(error);
}

bool WorkspaceCase::push(QString* error)
{
    const QString path = m_copy->path();
    QString message;
    const auto after = m_reader->read(&message);
    // The entries the server does not have yet: those after its head.
    const QList<AuditEntry> audit =
        after ? m_copy->auditTrail(&message).mid(m_auditCount) : QList<AuditEntry>();
    if (!after || !message.isEmpty()) {
        *error = message;
        return false;
    }
    QList<CaseRows::Row> upserts;
    QList<CaseRows::Row> deletes;
    CaseRows::diff(m_rows, *after, &upserts, &deletes);
    if (audit.isEmpty() && upserts.isEmpty() && deletes.isEmpty())
        return true;
    QJsonArray auditArray;
    for (const AuditEntry& entry : audit)
        auditArray.append(CaseRows::auditJson(entry));
    QJsonArray upsertArray;
    PgParam blobId = PgParam::null();
    PgParam blob = PgParam::null();
    for (const CaseRows::Row& row : std::as_const(upserts)) {
        upsertArray.append(QJsonObject{{QStringLiteral("t"), row.table},
                                       {QStringLiteral("k"), row.key},
                                       {QStringLiteral("r"), row.row}});
        if (row.table == QLatin1String("attachment") && !m_rows.contains({row.table, row.key})) {
            const qint64 id = qint64(row.row.value(QStringLiteral("id")).toDouble());
            const auto bytes = CaseRows::readAttachmentData(path, id, &message);
            if (!bytes) {
                *error = message;
                return false;
            }
            blobId = PgParam::text(QString::number(id));
            blob = PgParam::bytes(*bytes);
        }
    }
    QJsonArray deleteArray;
    for (const CaseRows::Row& row : std::as_const(deletes))
        deleteArray.append(QJsonObject{{QStringLiteral("t"), row.table}, {QStringLiteral("k"), row.key}});
    const auto result =
        m_workspace->connection().exec("SELECT rd.apply($1, $2::jsonb, $3::jsonb, $4::jsonb, $5::bigint, $6)",
                                       {PgParam::text(m_caseId), PgParam::text(CaseRows::compact(auditArray)),
                                        PgParam::text(CaseRows::compact(upsertArray)),
                                        PgParam::text(CaseRows::compact(deleteArray)), blobId, blob},
                                       error);
    if (!result)
        return false;
    m_rows = *after;
    m_auditCount = result->int64(0, 0);
    return true;
}

bool WorkspaceCase::change(const std::function<bool(CaseFile&, QString*)>& operation, QString* error)
{
    QString message;
    if (m_unreachable && !reconnect(&message)) {
        *error = QStringLiteral("%1: not saved: %2").arg(location(), message);
        return false;
    }
    if (isReadOnly()) {
        *error = QStringLiteral("%1: is open read-only: %2").arg(location(), readOnlyReason());
        return false;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        message.clear();
        if (!operation(*m_copy, &message)) {
            *error = message.replace(m_copy->path(), location());
            return false;
        }
        if (push(&message))
            return true;
        const bool unreachable = m_workspace->connection().isUnreachable();
        // The working copy is ahead of the server: rebuild it from what the server holds.
        QString reloadError;
        if (unreachable) {
            m_unreachable = true;
            if (attempt == 0 && reconnect(&reloadError))
                continue; // the server is back (restarted, or a replica promoted): try once more
        } else {
            load(&reloadError);
        }
        *error = QStringLiteral("%1: not saved: %2").arg(location(), message);
        return false;
    }
    return false;
}

bool WorkspaceCase::addAttachment(const QString& fileName, const QString& sourcePath, int pageCount,
                                  const Actor& actor, QString* error)
{
    return change(
        [&](CaseFile& copy, QString* why) {
            return copy.addAttachment(fileName, sourcePath, pageCount, actor, why);
        },
        error);
}

bool WorkspaceCase::addAttachments(const QList<AttachmentSource>& sources, const Actor& actor, QString* error)
{
    return change([&](CaseFile& copy, QString* why) { return copy.addAttachments(sources, actor, why); },
                  error);
}

bool WorkspaceCase::recordJudgment(const QString& judgmentId, const Answer& answer, const Actor& actor,
                                   QString* error)
{
    return change(
        [&](CaseFile& copy, QString* why) { return copy.recordJudgment(judgmentId, answer, actor, why); },
        error);
}

bool WorkspaceCase::setStatus(CaseStatus status, const Actor& actor, QString* error)
{
    return change([&](CaseFile& copy, QString* why) { return copy.setStatus(status, actor, why); }, error);
}

bool WorkspaceCase::reopen(const QString& reason, const Actor& actor, QString* error)
{
    return change([&](CaseFile& copy, QString* why) { return copy.reopen(reason, actor, why); }, error);
}

QList<LineOverride> WorkspaceCase::overrides() const
{
    return m_copy->overrides();
}

bool WorkspaceCase::setOverride(const LineOverride& lineOverride, const Actor& actor, QString* error)
{
    return change([&](CaseFile& copy, QString* why) { return copy.setOverride(lineOverride, actor, why); },
                  error);
}

bool WorkspaceCase::removeOverride(const QString& code, const Actor& actor, QString* error)
{
    return change([&](CaseFile& copy, QString* why) { return copy.removeOverride(code, actor, why); }, error);
}

QMap<QString, QString> WorkspaceCase::letterFields() const
{
    return m_copy->letterFields();
}

bool WorkspaceCase::setLetterField(const QString& name, const QString& text, const Actor& actor,
                                   QString* error)
{
    return change([&](CaseFile& copy, QString* why) { return copy.setLetterField(name, text, actor, why); },
                  error);
}

bool WorkspaceCase::recordInformationRequest(const QString& language, const QString& html,
                                             const QJsonObject& record, const Actor& actor, QString* error)
{
    return change(
        [&](CaseFile& copy, QString* why) {
            return copy.recordInformationRequest(language, html, record, actor, why);
        },
        error);
}

bool WorkspaceCase::isSigned() const
{
    return m_copy->isSigned();
}

std::optional<SignatureRecord> WorkspaceCase::signature() const
{
    return m_copy->signature();
}

bool WorkspaceCase::sign(const SignRequest& request, QString* error)
{
    return change([&](CaseFile& copy, QString* why) { return copy.sign(request, why); }, error);
}

QList<AuditEntry> WorkspaceCase::auditTrail(QString* error) const
{
    return m_copy->auditTrail(error);
}

VerifyReport WorkspaceCase::verify() const
{
    VerifyReport report;
    // What the server holds now, checked as a file is, then against the head the server keeps.
    QTemporaryDir folder(QDir(m_folder->path()).filePath(QStringLiteral("verify-XXXXXX")));
    const QString path = QDir(folder.path()).filePath(QStringLiteral("case.rdcase"));
    QString error;
    const auto head = m_workspace->exportCase(m_caseId, path, &error);
    const auto file = head ? CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error) : nullptr;
    if (!file) {
        report.problems.append({QStringLiteral("workspace"), error.replace(path, location())});
        return report;
    }
    report = file->verify();
    const QList<AuditEntry> trail = file->auditTrail(&error);
    if (trail.size() != head->first || trail.isEmpty() || trail.last().hash != head->second)
        report.problems.append(
            {QStringLiteral("workspace"),
             QStringLiteral("the audit trail does not end at the head the server keeps (%1 "
                            "entries): it was cut short or rewritten")
                 .arg(head->first)});
    else
        report.checked.append(
            QStringLiteral("workspace: the audit trail ends at the head the server keeps (%1 "
                           "entries, %2...)")
                .arg(head->first)
                .arg(QString::fromLatin1(head->second.toHex().left(16))));
    return report;
}

CaseVerification WorkspaceCase::verifyWithWorkspaceRoster() const
{
    QTemporaryDir folder(QDir(m_folder->path()).filePath(QStringLiteral("verify-XXXXXX")));
    const QString path = QDir(folder.path()).filePath(QStringLiteral("case.rdcase"));
    QString error;
    VerifyOptions options;
    const auto head = m_workspace->exportCase(m_caseId, path, &error);
    const auto file = head && m_workspace->useRoster(&options, &error)
                          ? CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error)
                          : nullptr;
    if (!file) {
        CaseVerification failed;
        failed.report.problems.append({QStringLiteral("workspace"), error.replace(path, location())});
        return failed;
    }
    // The server keeps the head: a trail cut short in the workspace is caught.
    options.headCount = head->first;
    options.headHash = head->second;
    return verifyCase(*file, options);
}

bool WorkspaceCase::saveCopyAs(const QString& destination, QString* error) const
{
    return m_workspace->exportCase(m_caseId, destination, error).has_value();
}

bool WorkspaceCase::route(const QString& queue, QString* error)
{
    if (!m_heldBy.isEmpty() || m_mode == OpenMode::ReadOnly) {
        *error = QStringLiteral("%1: only its holder routes it (%2)").arg(location(), readOnlyReason());
        return false;
    }
    if (!m_workspace->route(m_caseId, queue, error))
        return false;
    m_heldBy =
        queue.isEmpty() ? QStringLiteral("nobody (released)") : QStringLiteral("the %1 queue").arg(queue);
    return true;
}

} // namespace rd
