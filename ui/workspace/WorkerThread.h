// A thread of its own with an event loop, for objects that must stay on one thread and may wait on
// the network (a workspace connection: PgConnection's threading contract). Work runs there in the
// order posted, one piece at a time; its result comes back to the owner's thread (the GUI thread).
//
// What runs on the thread owns what it uses: the objects it keeps live in shared state captured by the
// work (never the GUI's objects). stop() (or the destructor) never waits: the work posted before ends
// by itself (a libpq call at its connect timeout at the latest), then the cleanup runs there, the
// thread ends and deletes itself; results are no longer posted back. waitForAll() at the very end of
// the program lets them finish.
#pragma once

#include <QMutex>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

class QThread;

namespace rd {

class WorkerThread : public QObject
{
    Q_OBJECT
public:
    explicit WorkerThread(const QString& name, QObject* parent = nullptr);
    ~WorkerThread() override;

    // Runs work on the thread (after what was posted before).
    void post(std::function<void()> work);
    // Runs work on the thread, then done(result) on owner's thread. owner is the object that stops
    // this WorkerThread before it is destroyed (its parent).
    template <typename Work, typename Done> void run(QObject* owner, Work work, Done done)
    {
        QPointer<QObject> guard(owner);
        post([gate = m_gate, owner, guard, work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<std::invoke_result_t<Work>>(work());
            gate->post(owner, [guard, done = std::move(done), result]() mutable {
                if (guard)
                    done(*result);
            });
        });
    }
    // Lets owner know from the thread (e.g. a socket notifier's wakeup): call is run on owner's
    // thread, unless this WorkerThread was stopped meanwhile.
    std::function<void(std::function<void()>)> poster(QObject* owner) const;
    // An object living on the thread (for socket notifiers and timers of the work).
    QObject* context() const { return m_context; }
    // Ends the thread after the work posted so far, running cleanup there last; never waits.
    void stop(std::function<void()> cleanup = {});
    // At the end of the program: waits (up to ms each) for stopped threads still finishing.
    static void waitForAll(int ms);

private:
    // Closed by stop(): from then on nothing is posted back (the owner may be gone).
    struct Gate
    {
        QMutex mutex;
        bool open = true;
        void post(QObject* owner, std::function<void()> call);
    };
    std::shared_ptr<Gate> m_gate;
    QThread* m_thread = nullptr;  // deletes itself once finished
    QObject* m_context = nullptr; // lives on m_thread, deleted there
    bool m_stopped = false;
};

} // namespace rd
