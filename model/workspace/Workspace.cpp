#include "model/workspace/Workspace.h"

#include "checklist/Engine.h"
#include "model/casefile/AtomicFile.h"
#include "model/casefile/CaseFile.h"
#include "model/trust/Roster.h"
#include "model/trust/SigningKey.h"
#include "model/trust/TrustStore.h"
#include "model/workspace/CaseRows.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace rd {

namespace {

QueueEntry queueEntry(const PgResult& result, int row)
{
    QueueEntry entry;
    entry.caseId = result.text(row, 0);
    entry.memberId = result.text(row, 1);
    entry.memberName = result.text(row, 2);
    entry.urgency = result.text(row, 3);
    entry.dueBy = QDateTime::fromString(result.text(row, 4), Qt::ISODate).toUTC();
    entry.status = result.text(row, 5);
    entry.queue = result.text(row, 6);
    entry.assignee = result.isNull(row, 7) ? QString() : result.text(row, 7);
    entry.isSigned = result.text(row, 8) == QLatin1String("t");
    return entry;
}

const char kQueueColumns[] = "case_id, member_id, member_name, urgency, "
                             "to_char(due_by AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), status, "
                             "queue, assignee, signed";

bool rollback(PgConnection& connection)
{
    QString ignored;
    return connection.command("ROLLBACK", &ignored);
}

} // namespace

std::unique_ptr<Workspace> Workspace::open(const QString& conninfo, QString* error)
{
    auto connection = PgConnection::open(conninfo, error);
    if (!connection || !WorkspaceSchema::check(*connection, error))
        return nullptr;
    return std::unique_ptr<Workspace>(new Workspace(std::move(connection)));
}

std::optional<QList<QueueEntry>> Workspace::list(QString* error)
{
    const QByteArray sql =
        QByteArrayLiteral("SELECT ") + kQueueColumns +
        " FROM rd.case_queue ORDER BY signed, (urgency = 'expedited') DESC, due_by, case_id";
    const auto result = m_connection->exec(sql.constData(), {}, error);
    if (!result)
        return std::nullopt;
    QList<QueueEntry> entries;
    entries.reserve(result->rows());
    for (int row = 0; row < result->rows(); ++row)
        entries.append(queueEntry(*result, row));
    return entries;
}

std::optional<QueueEntry> Workspace::entry(const QString& caseId, QString* error)
{
    const QByteArray sql =
        QByteArrayLiteral("SELECT ") + kQueueColumns + " FROM rd.case_queue WHERE case_id = $1";
    const auto result = m_connection->exec(sql.constData(), {PgParam::text(caseId)}, error);
    if (!result)
        return std::nullopt;
    if (result->rows() != 1) {
        *error = QStringLiteral("the workspace holds no case %1").arg(caseId);
        return std::nullopt;
    }
    return queueEntry(*result, 0);
}

std::optional<QString> Workspace::takeNext(const QString& queue, QString* error)
{
    const auto result = m_connection->exec("SELECT rd.take_next($1)", {PgParam::text(queue)}, error);
    if (!result)
        return std::nullopt;
    return result->isNull(0, 0) ? QString() : result->text(0, 0);
}

std::optional<QString> Workspace::hold(const QString& caseId, QString* error)
{
    const auto result = m_connection->exec("SELECT rd.hold($1)", {PgParam::text(caseId)}, error);
    if (!result)
        return std::nullopt;
    return result->text(0, 0);
}

bool Workspace::route(const QString& caseId, const QString& queue, QString* error)
{
    return m_connection
        ->exec("SELECT rd.route($1, $2)",
               {PgParam::text(caseId), queue.isEmpty() ? PgParam::null() : PgParam::text(queue)}, error)
        .has_value();
}

std::optional<QString> Workspace::importCaseFile(const QString& path, QString* error)
{
    QString message;
    const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &message);
    if (!file) {
        *error = message;
        return std::nullopt;
    }
    const auto rows = CaseRows::readFile(path, &message);
    const QList<AuditEntry> audit = rows ? file->auditTrail(&message) : QList<AuditEntry>();
    if (!rows || !message.isEmpty()) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, message);
        return std::nullopt;
    }
    const QString caseId = file->caseId();
    const CaseData& data = file->data();
    const QJsonObject queue{
        {QStringLiteral("memberId"), data.member.id},
        {QStringLiteral("memberName"), data.member.name},
        {QStringLiteral("urgency"), toString(data.request.urgency)},
        {QStringLiteral("receivedAt"), data.request.receivedAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("dueBy"), Engine::dueBy(data.request).toUTC().toString(Qt::ISODate)}};
    QJsonArray auditArray;
    for (const AuditEntry& entry : audit)
        auditArray.append(CaseRows::auditJson(entry));
    QJsonArray rowArray;
    for (auto it = rows->cbegin(); it != rows->cend(); ++it)
        rowArray.append(QJsonObject{{QStringLiteral("t"), it.key().first},
                                    {QStringLiteral("k"), it.key().second},
                                    {QStringLiteral("r"), it.value()}});
    if (!m_connection->command("BEGIN", error))
        return std::nullopt;
    if (!m_connection->exec("SELECT rd.import_case($1, $2::jsonb, $3::jsonb, $4::jsonb)",
                            {PgParam::text(caseId), PgParam::text(CaseRows::compact(queue)),
                             PgParam::text(CaseRows::compact(auditArray)),
                             PgParam::text(CaseRows::compact(rowArray))},
                            &message)) {
        rollback(*m_connection);
        *error = QStringLiteral("%1 was not imported: %2").arg(path, message);
        return std::nullopt;
    }
    for (const AttachmentInfo& attachment : file->attachments()) {
        const auto bytes = CaseRows::readAttachmentData(path, attachment.id, &message);
        if (!bytes ||
            !m_connection->exec("SELECT rd.import_attachment($1, $2::bigint, $3)",
                                {PgParam::text(caseId), PgParam::text(QString::number(attachment.id)),
                                 PgParam::bytes(*bytes)},
                                &message)) {
            rollback(*m_connection);
            *error = QStringLiteral("%1 was not imported: %2").arg(path, message);
            return std::nullopt;
        }
    }
    // The file's reading coverage, in the importing person's name (the file does not say who read).
    for (const AttachmentInfo& attachment : file->attachments()) {
        const QList<int> pages = file->viewedPages(attachment.id);
        if (!pages.isEmpty() && !insertPageViews(caseId, attachment.id, pages, true, &message)) {
            rollback(*m_connection);
            *error = QStringLiteral("%1 was not imported: %2").arg(path, message);
            return std::nullopt;
        }
    }
    if (!m_connection->command("COMMIT", &message)) {
        *error = QStringLiteral("%1 was not imported: %2").arg(path, message);
        return std::nullopt;
    }
    return caseId;
}

std::optional<QByteArray> Workspace::attachmentData(const QString& caseId, qint64 attachmentId,
                                                    QString* error)
{
    const auto result = m_connection->exec(
        "SELECT data FROM rd.attachment_data WHERE case_id = $1 AND attachment_id = $2::bigint",
        {PgParam::text(caseId), PgParam::text(QString::number(attachmentId))}, error);
    if (!result)
        return std::nullopt;
    if (result->rows() != 1) {
        *error = QStringLiteral("case %1: the workspace holds no bytes of attachment %2")
                     .arg(caseId)
                     .arg(attachmentId);
        return std::nullopt;
    }
    return result->bytes(0, 0);
}

std::optional<QPair<qint64, QByteArray>> Workspace::auditHead(const QString& caseId, QString* error)
{
    const auto result =
        m_connection->exec("SELECT audit_count, audit_head FROM rd.case_queue WHERE case_id = $1",
                           {PgParam::text(caseId)}, error);
    if (!result)
        return std::nullopt;
    if (result->rows() != 1) {
        *error = QStringLiteral("the workspace holds no case %1").arg(caseId);
        return std::nullopt;
    }
    return qMakePair(result->int64(0, 0), result->bytes(0, 1));
}

std::optional<QPair<qint64, QByteArray>> Workspace::exportCase(const QString& caseId,
                                                               const QString& destination, QString* error)
{
    if (!AtomicFile::isReplaceableOutput(destination, error))
        return std::nullopt;
    // One snapshot of the case: rows, trail and head as of the same moment.
    if (!m_connection->command("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
        return std::nullopt;
    auto done = [&](auto value) {
        rollback(*m_connection);
        return value;
    };
    QString message;
    const auto head = auditHead(caseId, &message);
    const auto rows =
        head ? m_connection->exec("SELECT tbl, key, row::text FROM rd.case_row WHERE case_id = $1",
                                  {PgParam::text(caseId)}, &message)
             : std::nullopt;
    const auto audit =
        rows ? m_connection->exec("SELECT seq, at, actor, action, target, old_value, new_value, "
                                  "prev_hash, hash, signature FROM rd.audit WHERE case_id = $1 "
                                  "ORDER BY seq",
                                  {PgParam::text(caseId)}, &message)
             : std::nullopt;
    const auto viewed =
        audit ? m_connection->exec("SELECT DISTINCT attachment_id, page FROM rd.page_view WHERE case_id = $1 "
                                   "ORDER BY 1, 2",
                                   {PgParam::text(caseId)}, &message)
              : std::nullopt;
    if (!viewed) {
        *error = message;
        return done(std::optional<QPair<qint64, QByteArray>>());
    }
    QList<CaseRows::PageView> pageViews;
    for (int row = 0; row < viewed->rows(); ++row)
        pageViews.append({viewed->int64(row, 0), int(viewed->int64(row, 1))});
    CaseRows::Snapshot snapshot;
    for (int row = 0; row < rows->rows(); ++row)
        snapshot.insert({rows->text(row, 0), rows->text(row, 1)},
                        QJsonDocument::fromJson(rows->text(row, 2).toUtf8()).object());
    QList<AuditEntry> entries;
    for (int row = 0; row < audit->rows(); ++row) {
        AuditEntry entry;
        entry.seq = audit->int64(row, 0);
        entry.at = QDateTime::fromString(audit->text(row, 1), Qt::ISODateWithMs).toUTC();
        entry.actor = audit->text(row, 2);
        entry.action = audit->text(row, 3);
        entry.target = audit->text(row, 4);
        entry.oldValue = audit->text(row, 5);
        entry.newValue = audit->text(row, 6);
        entry.prevHash = audit->bytes(row, 7);
        entry.hash = audit->bytes(row, 8);
        entry.signature = audit->bytes(row, 9);
        entries.append(entry);
    }
    const QFileInfo target(destination);
    const QString temporary =
        QDir(target.absolutePath())
            .filePath(QStringLiteral(".%1.%2.partial").arg(target.fileName()).arg(getpid()));
    QFile::remove(temporary);
    const bool written = CaseRows::write(
        temporary, snapshot, entries,
        [&](qint64 id, QString* why) { return attachmentData(caseId, id, why); }, pageViews, &message);
    if (!written || !AtomicFile::renameIntoPlace(QFile::encodeName(temporary), destination, &message)) {
        QFile::remove(temporary);
        *error = QStringLiteral("%1: the case %2 was not exported: %3").arg(destination, caseId, message);
        return done(std::optional<QPair<qint64, QByteArray>>());
    }
    return done(std::optional<QPair<qint64, QByteArray>>(*head));
}

bool Workspace::insertPageViews(const QString& caseId, qint64 attachmentId, const QList<int>& pages,
                                bool imported, QString* error)
{
    QStringList numbers;
    for (int page : pages)
        numbers.append(QString::number(page));
    // viewer and viewed_at are the server's (session_user, now()): a client may not name them.
    return m_connection
        ->exec("INSERT INTO rd.page_view(case_id, attachment_id, page, imported) "
               "SELECT $1, $2::bigint, p, $4::boolean FROM unnest($3::int[]) AS p ON CONFLICT DO NOTHING",
               {PgParam::text(caseId), PgParam::text(QString::number(attachmentId)),
                PgParam::text(QLatin1Char('{') + numbers.join(QLatin1Char(',')) + QLatin1Char('}')),
                PgParam::text(imported ? QStringLiteral("true") : QStringLiteral("false"))},
               error)
        .has_value();
}

bool Workspace::addPageViews(const QString& caseId, qint64 attachmentId, const QList<int>& pages,
                             QString* error)
{
    return pages.isEmpty() || insertPageViews(caseId, attachmentId, pages, false, error);
}

std::optional<HolderState> Workspace::holderState(const QString& caseId, QString* error)
{
    const auto result = m_connection->exec(
        "SELECT q.assignee, q.queue, q.signed, q.audit_count, "
        "(SELECT count(*) FROM rd.page_view v WHERE v.case_id = q.case_id), "
        // The holding session still connected (rd.holder_alive's test: another role's session start is
        // hidden, so the process id and the role name count then).
        "q.holder_pid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = q.holder_pid "
        "AND a.usename = q.assignee AND (a.backend_start IS NULL OR a.backend_start = q.holder_start)) "
        "FROM rd.case_queue q WHERE q.case_id = $1",
        {PgParam::text(caseId)}, error);
    if (!result)
        return std::nullopt;
    if (result->rows() != 1) {
        *error = QStringLiteral("the workspace holds no case %1").arg(caseId);
        return std::nullopt;
    }
    HolderState state;
    state.assignee = result->isNull(0, 0) ? QString() : result->text(0, 0);
    state.queue = result->text(0, 1);
    state.isSigned = result->text(0, 2) == QLatin1String("t");
    state.auditCount = result->int64(0, 3);
    state.pageViews = result->int64(0, 4);
    state.locked = result->text(0, 5) == QLatin1String("t");
    return state;
}

std::optional<qint64> Workspace::pageViewCount(const QString& caseId, QString* error)
{
    const auto result = m_connection->exec("SELECT count(*) FROM rd.page_view WHERE case_id = $1",
                                           {PgParam::text(caseId)}, error);
    if (!result)
        return std::nullopt;
    return result->int64(0, 0);
}

bool Workspace::storeRoster(const QByteArray& body, qint64 serial, QString* error)
{
    return m_connection
        ->exec("INSERT INTO rd.roster(serial, body) VALUES ($1::bigint, $2)",
               {PgParam::text(QString::number(serial)), PgParam::text(QString::fromUtf8(body))}, error)
        .has_value();
}

std::optional<QByteArray> Workspace::roster(QString* error, QStringList* forged)
{
    const auto result =
        m_connection->exec("SELECT serial, body, stored_by FROM rd.roster ORDER BY serial DESC", {}, error);
    if (!result)
        return std::nullopt;
    if (result->rows() == 0)
        return QByteArray();
    const auto anchor = TrustStore::pinnedAnchor(error);
    if (!anchor)
        return std::nullopt;
    QStringList skipped;
    for (int row = 0; row < result->rows(); ++row) {
        const QByteArray body = result->text(row, 1).toUtf8();
        const QString what =
            QStringLiteral("serial %1 stored by %2").arg(result->text(row, 0), result->text(row, 2));
        QString why;
        if (Roster::fromJson(body, QString(), *anchor, &why)) {
            if (forged)
                *forged = skipped;
            return body;
        }
        // A row that names the pinned key in a roster format this program does not read may be the
        // administrator's newest roster (a revocation among it): taking an older one instead would undo
        // it. Stop there. Anything else that fails (another key, a signature that does not match, in
        // the format read here) is not the administrator's and is skipped.
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        const QByteArray key =
            QByteArray::fromHex(object.value(QStringLiteral("adminKey")).toString().toLatin1());
        const int version = object.value(QStringLiteral("formatVersion")).toInt();
        if (key.size() == 32 && crypto::keyId(key) == anchor->trimmed().toLower() &&
            version != Roster::formatVersion()) {
            *error =
                QStringLiteral("%1: its newest roster naming the administrator key trust.json pins (%2) is "
                               "in roster format version %3, and this program reads version %4: update "
                               "ReviewDesk (if no such roster was published, the row is forged: the "
                               "workspace's DBA removes it)")
                    .arg(conninfo(), what)
                    .arg(version)
                    .arg(Roster::formatVersion());
            return std::nullopt;
        }
        skipped.append(what);
    }
    *error = QStringLiteral("%1: holds no roster signed by the administrator key trust.json pins (%2): %3")
                 .arg(conninfo(), *anchor, skipped.join(QStringLiteral(", ")));
    return std::nullopt;
}

QString Workspace::rosterSource(const QStringList& forged) const
{
    const QString source = QStringLiteral("the workspace %1").arg(conninfo());
    if (forged.isEmpty())
        return source;
    return QStringLiteral("%1 (newer rows not signed by the pinned administrator key skipped: %2)")
        .arg(source, forged.join(QStringLiteral(", ")));
}

bool Workspace::useRoster(VerifyOptions* options, QString* error)
{
    QStringList forged;
    auto body = roster(error, &forged);
    if (!body)
        return false;
    options->roster = std::move(*body);
    options->rosterSource = rosterSource(forged);
    return true;
}

bool Workspace::listen(QString* error)
{
    return m_connection->command("LISTEN rd_queue", error);
}

} // namespace rd
