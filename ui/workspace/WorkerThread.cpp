#include "ui/workspace/WorkerThread.h"

#include <QThread>

namespace rd {

namespace {
// Stopped threads not finished yet (GUI thread only).
QList<QPointer<QThread>>& finishing()
{
    static QList<QPointer<QThread>> threads;
    return threads;
}
} // namespace

void WorkerThread::Gate::post(QObject* owner, std::function<void()> call)
{
    const QMutexLocker locker(&mutex);
    if (open)
        QMetaObject::invokeMethod(owner, std::move(call), Qt::QueuedConnection);
}

WorkerThread::WorkerThread(const QString& name, QObject* parent)
    : QObject(parent)
    , m_gate(std::make_shared<Gate>())
    , m_thread(new QThread)
    , m_context(new QObject)
{
    m_thread->setObjectName(name);
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_thread->start();
}

WorkerThread::~WorkerThread()
{
    stop();
}

void WorkerThread::post(std::function<void()> work)
{
    if (!m_stopped)
        QMetaObject::invokeMethod(m_context, std::move(work), Qt::QueuedConnection);
}

std::function<void(std::function<void()>)> WorkerThread::poster(QObject* owner) const
{
    return [gate = m_gate, owner](std::function<void()> call) {
        gate->post(owner, std::move(call));
    };
}

void WorkerThread::stop(std::function<void()> cleanup)
{
    if (m_stopped)
        return;
    m_stopped = true;
    {
        const QMutexLocker locker(&m_gate->mutex);
        m_gate->open = false;
    }
    QThread* thread = m_thread;
    QObject* context = m_context;
    QMetaObject::invokeMethod(
        context,
        [cleanup = std::move(cleanup), context, thread] {
            if (cleanup)
                cleanup();
            context->deleteLater(); // deferred deletions still run as the thread ends
            thread->quit();
        },
        Qt::QueuedConnection);
    finishing().append(thread);
}

void WorkerThread::waitForAll(int ms)
{
    for (const QPointer<QThread>& thread : std::as_const(finishing()))
        if (thread)
            thread->wait(ms);
    finishing().clear();
}

} // namespace rd
