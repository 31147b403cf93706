// Runs work on Qt's thread pool and gives its result to done on the thread of context (the GUI
// thread for a widget), so the GUI thread never waits. done is not called once context is gone.
// work runs while context may be destroyed: it must own what it uses (capture values, never this).
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace rd {

template <typename Work, typename Done> void runOnPool(QObject* context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto* watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace rd
