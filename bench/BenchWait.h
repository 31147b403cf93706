#pragma once
// Waiting in benchmarks without spinning.
//
// QCoreApplication::processEvents(flags, maxTime) drops WaitForMoreEvents and returns at once when
// nothing is pending, so a loop around it spins a core. On a two-core machine that spinning core
// slows the PDF worker on the other one (a hyperthread sibling, or the same physical core under a
// hypervisor) and the benchmark measures its own busy loop. These helpers sleep in the event
// dispatcher until something happens, like the app's event loop does.
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace rd::bench {

// Processes events, sleeping between them, until done() is true or timeoutMs passed. Returns done().
template <typename Done> bool waitFor(Done done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer wake; // bounds each sleep, so that the deadline is seen even when nothing else happens
    wake.start(20);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

} // namespace rd::bench
