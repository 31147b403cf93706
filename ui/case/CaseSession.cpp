#include "ui/case/CaseSession.h"

#include "model/signoff/UserDirectory.h"
#include "ui/checklist/JudgmentCommand.h"
#include "ui/workspace/WorkspaceCaseLink.h"

#include <QLocale>
#include <QSet>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace rd {

std::unique_ptr<CaseSession> CaseSession::open(const QString& path, const Actor& actor, QString* error)
{
    auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, error);
    if (!file)
        return nullptr;
    return std::unique_ptr<CaseSession>(new CaseSession(std::move(file), actor));
}

std::unique_ptr<CaseSession> CaseSession::fromFile(std::unique_ptr<CaseFile> file, const Actor& actor)
{
    return std::unique_ptr<CaseSession>(new CaseSession(std::move(file), actor));
}

std::unique_ptr<CaseSession> CaseSession::fromWorkspace(std::unique_ptr<WorkspaceCaseLink> link,
                                                        const Actor& actor)
{
    return std::unique_ptr<CaseSession>(new CaseSession(std::move(link), actor));
}

CaseSession::CaseSession(std::unique_ptr<CaseFile> file, const Actor& actor)
    : m_file(std::move(file))
    , m_actor(actor)
    , m_undo(new QUndoStack(this))
    , m_viewedTimer(new QTimer(this))
{
    connectTimer();
}

CaseSession::CaseSession(std::unique_ptr<WorkspaceCaseLink> link, const Actor& actor)
    : m_link(std::move(link))
    , m_actor(actor)
    , m_undo(new QUndoStack(this))
    , m_viewedTimer(new QTimer(this))
{
    connectTimer();
    refreshFromView();
    connect(m_link.get(), &WorkspaceCaseLink::viewChanged, this, [this] {
        const QMap<QString, Answer> before = m_data.answers;
        refreshFromView();
        // What the server holds changed under this view (the holder of a case followed read-only):
        // the checklist shows their answers as they come.
        QSet<QString> ids(before.keyBegin(), before.keyEnd());
        for (auto it = m_data.answers.cbegin(); it != m_data.answers.cend(); ++it)
            ids.insert(it.key());
        for (const QString& id : std::as_const(ids))
            if (before.value(id) != m_data.answers.value(id))
                Q_EMIT answerChanged(id);
        Q_EMIT workspaceStateChanged();
    });
}

void CaseSession::connectTimer()
{
    m_viewedTimer->setSingleShot(true);
    m_viewedTimer->setInterval(1500);
    connect(m_viewedTimer, &QTimer::timeout, this, &CaseSession::flushViewedPages);
}

CaseFile* CaseSession::file() const
{
    return m_link ? m_link->view().file.get() : m_file.get();
}

const CaseData& CaseSession::data() const
{
    return m_link ? m_data : m_file->data();
}

QString CaseSession::path() const
{
    return file() ? file()->path() : QString();
}

bool CaseSession::isReadOnly() const
{
    return m_link ? m_link->view().readOnly : m_file->isReadOnly();
}

void CaseSession::refreshFromView()
{
    if (CaseFile* view = file())
        m_data = view->data();
    for (auto it = m_unsavedAnswers.cbegin(); it != m_unsavedAnswers.cend(); ++it)
        m_data.answers.insert(it.key(), it.value());
}

QString CaseSession::workspaceReadOnlyReason() const
{
    const WorkspaceCaseLink::View& view = m_link->view();
    if (view.unreachable)
        return tr("workspace unreachable: the case is read-only until the workspace answers again "
                  "(reconnecting by itself)");
    if (!view.heldBy.isEmpty()) {
        UserDirectory directory;
        QString error;
        std::optional<User> person;
        if (directory.load(&error))
            person = directory.user(view.heldBy);
        const QString holder = person ? tr("held by %1 (%2)").arg(person->printedName(), person->login)
                                      : tr("held by %1").arg(view.heldBy);
        // Their app is gone: the case stays theirs, and this person is told.
        return view.letGo.isEmpty() ? holder : tr("%1: %2").arg(holder, view.letGo);
    }
    if (view.canTake)
        return tr("%1 (Team > Take This Case to work on it)").arg(view.letGo);
    return view.readOnlyReason;
}

CaseSession::~CaseSession()
{
    flushViewedPages();
}

std::optional<Answer> CaseSession::answer(const QString& judgmentId) const
{
    const auto& answers = data().answers;
    const auto it = answers.constFind(judgmentId);
    if (it == answers.constEnd())
        return std::nullopt;
    return *it;
}

QString CaseSession::writeBlockedReason() const
{
    if (isReadOnly())
        return tr("This case is open read-only: %1").arg(readOnlyReason());
    if (!file())
        return tr("This case could not be read.");
    if (file()->isSigned())
        return tr("This case is signed: its judgments can no longer change.");
    if (!m_actor.isValid())
        return tr("Nobody is logged in: choose File > Switch Person… to record judgments.");
    if (data().status == CaseStatus::Determined)
        return tr("This case is determined: its checklist is locked. Review > Reopen unlocks it.");
    if (data().status == CaseStatus::AwaitingMedicalDirector)
        return tr(
            "This case is with the medical director: its checklist is locked. Review > Reopen unlocks it.");
    return {};
}

void CaseSession::giveAnswer(const QString& judgmentId, const Answer& answer, const QString& description)
{
    if (const QString reason = writeBlockedReason(); !reason.isEmpty()) {
        Q_EMIT answerRefused(reason);
        return;
    }
    const std::optional<Answer> before = this->answer(judgmentId);
    if (before && *before == answer)
        return;
    m_undo->push(new JudgmentCommand(this, judgmentId, before, answer, description));
}

bool CaseSession::recordAnswer(const QString& judgmentId, const Answer& answer)
{
    if (m_link) {
        // Shown at once, unsaved until the workspace has committed it.
        ++m_inFlight[judgmentId];
        ++m_unsaved;
        m_unsavedAnswers.insert(judgmentId, answer);
        m_data.answers.insert(judgmentId, answer);
        m_link->recordJudgment(judgmentId, answer, m_actor,
                               [this, judgmentId](bool ok, const QString& error) {
                                   --m_unsaved;
                                   if (--m_inFlight[judgmentId] <= 0) {
                                       m_inFlight.remove(judgmentId);
                                       m_unsavedAnswers.remove(judgmentId);
                                   }
                                   if (!ok) {
                                       // Taken back: the answer shown is the server's again, and the undo
                                       // history (which counted this one as given) starts over.
                                       m_unsavedAnswers.remove(judgmentId);
                                       m_undo->clear();
                                   }
                                   refreshFromView();
                                   Q_EMIT answerChanged(judgmentId);
                                   Q_EMIT workspaceStateChanged();
                                   if (ok)
                                       Q_EMIT answerSaved(judgmentId);
                                   else
                                       Q_EMIT writeFailed(error);
                               });
        Q_EMIT answerChanged(judgmentId);
        Q_EMIT workspaceStateChanged();
        return true;
    }
    QString error;
    if (!m_file->recordJudgment(judgmentId, answer, m_actor, &error)) {
        Q_EMIT writeFailed(error);
        return false;
    }
    Q_EMIT answerChanged(judgmentId);
    return true;
}

bool CaseSession::setStatus(CaseStatus status, QString* error)
{
    if (m_link) {
        // Reported by statusChanged() once saved, or by writeFailed().
        m_link->setStatus(status, m_actor, [this, status](bool ok, const QString& message) {
            if (ok)
                Q_EMIT statusChanged(status);
            else
                Q_EMIT writeFailed(message);
        });
        return true;
    }
    if (!m_file->setStatus(status, m_actor, error))
        return false;
    Q_EMIT statusChanged(status);
    return true;
}

QString CaseSession::readOnlyReason() const
{
    if (m_link)
        return workspaceReadOnlyReason();
    const auto holder = m_file->isHeldElsewhere() ? m_file->holder() : std::nullopt;
    if (!holder)
        return m_file->readOnlyReason();
    UserDirectory directory;
    QString error;
    std::optional<User> person;
    if (directory.load(&error))
        person = directory.user(holder->user);
    const QString who = person ? tr("%1 (%2)").arg(person->printedName(), person->login) : holder->user;
    return tr("%1 has it open for writing on %2 since %3")
        .arg(who, holder->host,
             QLocale().toString(holder->since.toLocalTime(), tr("MMM d, HH:mm", "date format (QDateTime)")));
}

bool CaseSession::reopen(const QString& reason, QString* error)
{
    if (m_link) {
        m_link->reopen(reason, m_actor, [this](bool ok, const QString& message) {
            if (ok)
                Q_EMIT statusChanged(data().status);
            else
                Q_EMIT writeFailed(message);
        });
        return true;
    }
    if (!m_file->reopen(reason, m_actor, error))
        return false;
    Q_EMIT statusChanged(m_file->data().status);
    return true;
}

void CaseSession::pageShown(qint64 attachmentId, int page)
{
    if (page < 1 || isReadOnly() || !file())
        return;
    if (file()->viewedPages(attachmentId).contains(page))
        return;
    m_pendingViewed[attachmentId].insert(page);
    m_viewedTimer->start();
}

void CaseSession::flushViewedPages()
{
    m_viewedTimer->stop();
    const auto pending = std::exchange(m_pendingViewed, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        QList<int> pages(it->cbegin(), it->cend());
        std::sort(pages.begin(), pages.end());
        if (m_link) {
            // Kept by the server; a refusal (the workspace unreachable) loses only these marks.
            m_link->markPagesViewed(it.key(), pages, {});
            continue;
        }
        QString error;
        if (!m_file->markPagesViewed(it.key(), pages, &error))
            Q_EMIT writeFailed(error);
    }
}

bool CaseSession::anyPageViewed(const AttachmentInfo& info) const
{
    return !m_pendingViewed.value(info.id).isEmpty() || (file() && !file()->viewedPages(info.id).isEmpty());
}

QList<int> CaseSession::unviewedPages(const AttachmentInfo& info) const
{
    QList<int> viewed = file() ? file()->viewedPages(info.id) : QList<int>();
    const QSet<int> pending = m_pendingViewed.value(info.id);
    QList<int> missing;
    for (int page = 1; page <= info.pageCount; ++page)
        if (!viewed.contains(page) && !pending.contains(page))
            missing.append(page);
    return missing;
}

} // namespace rd
