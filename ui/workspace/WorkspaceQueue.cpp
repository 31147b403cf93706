#include "ui/workspace/WorkspaceQueue.h"

#include "ui/workspace/WorkerThread.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <atomic>

namespace rd {

namespace {
constexpr int kRetryMs = 2000;
// Any member may NOTIFY rd_queue (PostgreSQL has no privilege for it): a flood of notifications lists
// the queue at most once per this interval, the first at once.
constexpr qint64 kCoalesceMs = 1000;

struct ListResult
{
    bool ok = false;
    QList<QueueEntry> entries;
    QString error;
};
} // namespace

struct WorkspaceQueue::Shared : std::enable_shared_from_this<WorkspaceQueue::Shared>
{
    QString url;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<QSocketNotifier> notifier;
    std::function<void(std::function<void()>)> toOwner; // posts to the WorkspaceQueue, while it is there
    WorkspaceQueue* owner = nullptr;                    // used on its own thread only (through toOwner)
    QObject* context = nullptr;                         // the worker thread's
    QElapsedTimer lastListed;
    bool pending = false; // a listing is due (at most one, however many notifications came)
    std::atomic<int> listings = 0;

    // later: from the notifier's own signal, which must not delete it while it is delivered.
    void close(bool later = false)
    {
        if (notifier) {
            notifier->setEnabled(false);
            if (later)
                notifier.release()->deleteLater();
        }
        notifier.reset();
        workspace.reset();
    }

    ListResult list()
    {
        ListResult result;
        if (!workspace) {
            result.error = QStringLiteral("workspace unreachable (%1): not connected").arg(url);
            return result;
        }
        lastListed.start();
        ++listings;
        auto entries = workspace->list(&result.error);
        if (!entries)
            return result;
        result.ok = true;
        result.entries = std::move(*entries);
        // A NOTIFY that came in while the statement ran was read with its result, and the socket will
        // not wake the notifier for it: list once more, soon.
        if (!workspace->connection().takeNotifications(Workspace::NotifyChannel).isEmpty())
            listSoon();
        return result;
    }
    // Lists again at once when the last listing is older than kCoalesceMs, else at the end of that
    // interval; a listing already due takes this one's place.
    void listSoon()
    {
        if (pending || !context)
            return;
        pending = true;
        const qint64 wait =
            lastListed.isValid() ? std::max<qint64>(0, kCoalesceMs - lastListed.elapsed()) : 0;
        QTimer::singleShot(int(wait), context, [self = shared_from_this()] {
            self->pending = false;
            if (!self->workspace)
                return;
            ListResult listed = self->list();
            if (!listed.ok && self->isLost())
                self->close(true);
            self->post(listed);
        });
    }
    void post(const ListResult& listed)
    {
        WorkspaceQueue* queue = owner;
        toOwner([queue, listed] { queue->listed(listed.ok, listed.entries, listed.error); });
    }
    bool isLost() const { return !workspace || workspace->connection().isUnreachable(); }
    ListResult listOrClose()
    {
        ListResult result = list();
        if (!result.ok && isLost())
            close();
        return result;
    }
};

WorkspaceQueue::WorkspaceQueue(QObject* parent)
    : QObject(parent)
    , m_thread(new WorkerThread(QStringLiteral("workspace queue"), this))
    , m_shared(std::make_shared<Shared>())
    , m_retry(new QTimer(this))
{
    m_shared->toOwner = m_thread->poster(this);
    m_shared->owner = this;
    m_retry->setInterval(kRetryMs);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &WorkspaceQueue::connectNow);
}

WorkspaceQueue::~WorkspaceQueue()
{
    m_thread->stop([shared = m_shared] { shared->close(); });
}

int WorkspaceQueue::listings() const
{
    return m_shared->listings;
}

std::optional<QueueEntry> WorkspaceQueue::entry(const QString& caseId) const
{
    for (const QueueEntry& entry : m_entries)
        if (entry.caseId == caseId)
            return entry;
    return std::nullopt;
}

void WorkspaceQueue::open(const QString& url)
{
    m_url = url;
    m_thread->post([shared = m_shared, url] {
        shared->close();
        shared->url = url;
    });
    connectNow();
}

void WorkspaceQueue::connectNow()
{
    QObject* threadContext = m_thread->context();
    m_thread->run(
        this,
        [shared = m_shared, threadContext]() -> ListResult {
            ListResult result;
            if (!shared->workspace) {
                shared->workspace = Workspace::open(shared->url, &result.error);
                if (!shared->workspace)
                    return result;
                if (!shared->workspace->listen(&result.error)) {
                    shared->close();
                    return result;
                }
                // A change anyone commits wakes this thread; the queue is listed again at once (under a
                // flood of notifications, once per kCoalesceMs). A lost connection wakes it too (the
                // socket reads end-of-file): the queue says so.
                shared->context = threadContext;
                shared->notifier = std::make_unique<QSocketNotifier>(shared->workspace->connection().socket(),
                                                                     QSocketNotifier::Read);
                QObject::connect(
                    shared->notifier.get(), &QSocketNotifier::activated, threadContext, [shared] {
                        if (!shared->workspace)
                            return;
                        const QStringList changed =
                            shared->workspace->connection().takeNotifications(Workspace::NotifyChannel);
                        if (shared->workspace->connection().isUnreachable()) {
                            ListResult lost;
                            lost.error = QStringLiteral("workspace unreachable (%1): the connection was lost")
                                             .arg(shared->url);
                            shared->close(true);
                            shared->post(lost);
                        } else if (!changed.isEmpty()) {
                            shared->listSoon();
                        }
                    });
            }
            return shared->listOrClose();
        },
        [this](const ListResult& result) { listed(result.ok, result.entries, result.error); });
}

void WorkspaceQueue::refresh()
{
    if (!m_reachable) {
        connectNow();
        return;
    }
    m_thread->run(
        this, [shared = m_shared] { return shared->listOrClose(); },
        [this](const ListResult& result) { listed(result.ok, result.entries, result.error); });
}

void WorkspaceQueue::listed(bool ok, const QList<QueueEntry>& entries, const QString& error)
{
    const bool wasReachable = m_reachable;
    m_reachable = ok;
    m_error = ok ? QString() : error;
    if (ok) {
        m_entries = entries;
        Q_EMIT entriesChanged();
    } else if (!m_retry->isActive()) {
        m_retry->start();
    }
    if (wasReachable != m_reachable || !ok)
        Q_EMIT reachableChanged(m_reachable);
}

void WorkspaceQueue::takeNext(const QString& queue,
                              std::function<void(const QString& caseId, const QString& error)> done)
{
    struct Taken
    {
        QString caseId;
        QString error;
    };
    m_thread->run(
        this,
        [shared = m_shared, queue]() -> Taken {
            Taken taken;
            if (!shared->workspace) {
                taken.error = QStringLiteral("workspace unreachable (%1): not connected").arg(shared->url);
                return taken;
            }
            const auto id = shared->workspace->takeNext(queue, &taken.error);
            if (id)
                taken.caseId = *id;
            else if (shared->workspace->connection().isUnreachable())
                shared->close();
            return taken;
        },
        [done = std::move(done)](const Taken& taken) { done(taken.caseId, taken.error); });
}

} // namespace rd
