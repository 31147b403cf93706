#include "ui/case/CaseSession.h"

#include "model/signoff/UserDirectory.h"
#include "ui/checklist/JudgmentCommand.h"

#include <QLocale>
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

CaseSession::CaseSession(std::unique_ptr<CaseFile> file, const Actor& actor)
    : m_file(std::move(file))
    , m_actor(actor)
    , m_undo(new QUndoStack(this))
    , m_viewedTimer(new QTimer(this))
{
    m_viewedTimer->setSingleShot(true);
    m_viewedTimer->setInterval(1500);
    connect(m_viewedTimer, &QTimer::timeout, this, &CaseSession::flushViewedPages);
}

CaseSession::~CaseSession()
{
    flushViewedPages();
}

std::optional<Answer> CaseSession::answer(const QString& judgmentId) const
{
    const auto& answers = m_file->data().answers;
    const auto it = answers.constFind(judgmentId);
    if (it == answers.constEnd())
        return std::nullopt;
    return *it;
}

QString CaseSession::writeBlockedReason() const
{
    if (m_file->isReadOnly())
        return tr("This case is open read-only: %1").arg(readOnlyReason());
    if (m_file->isSigned())
        return tr("This case is signed: its judgments can no longer change.");
    if (!m_actor.isValid())
        return tr("Nobody is logged in: choose File > Switch Person… to record judgments.");
    if (m_file->data().status == CaseStatus::Determined)
        return tr("This case is determined: its checklist is locked. Review > Reopen unlocks it.");
    if (m_file->data().status == CaseStatus::AwaitingMedicalDirector)
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
    if (!m_file->setStatus(status, m_actor, error))
        return false;
    Q_EMIT statusChanged(status);
    return true;
}

QString CaseSession::readOnlyReason() const
{
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
    if (!m_file->reopen(reason, m_actor, error))
        return false;
    Q_EMIT statusChanged(m_file->data().status);
    return true;
}

void CaseSession::pageShown(qint64 attachmentId, int page)
{
    if (page < 1 || m_file->isReadOnly())
        return;
    if (m_file->viewedPages(attachmentId).contains(page))
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
        QString error;
        if (!m_file->markPagesViewed(it.key(), pages, &error))
            Q_EMIT writeFailed(error);
    }
}

bool CaseSession::anyPageViewed(const AttachmentInfo& info) const
{
    return !m_pendingViewed.value(info.id).isEmpty() || !m_file->viewedPages(info.id).isEmpty();
}

QList<int> CaseSession::unviewedPages(const AttachmentInfo& info) const
{
    QList<int> viewed = m_file->viewedPages(info.id);
    const QSet<int> pending = m_pendingViewed.value(info.id);
    QList<int> missing;
    for (int page = 1; page <= info.pageCount; ++page)
        if (!viewed.contains(page) && !pending.contains(page))
            missing.append(page);
    return missing;
}

} // namespace rd
