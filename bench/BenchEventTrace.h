#pragma once
// Where a GUI-thread stall goes: an application that times every event it delivers from the event loop
// (the outermost delivery only, so that an event sent from inside another is counted in the outer one)
// and keeps those over a threshold, naming the receiver's class and the event's type. Benchmarks only.
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QMetaEnum>

#include <time.h>
#include <vector>

namespace rd::bench {

class EventTraceApplication : public QApplication
{
public:
    struct Slow
    {
        double ms = 0;
        double cpuMs = 0;   // of that, the GUI thread's own CPU time
        qint64 startNs = 0; // steadyNs() when it began
        QByteArray receiver;
        int type = 0;
    };

    using QApplication::QApplication;

    // Keeps the events that take at least thresholdMs from now on; a negative threshold stops.
    void trace(double thresholdMs)
    {
        m_thresholdMs = thresholdMs;
        m_slow.clear();
    }
    const std::vector<Slow>& slowEvents() const { return m_slow; }

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (m_thresholdMs < 0 || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer clock;
        clock.start();
        const qint64 startNs = steadyNs();
        const double cpuStart = cpuMs();
        const int type = event->type();
        const QByteArray name = receiver->metaObject()->className();
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        if (ms >= m_thresholdMs)
            m_slow.push_back({ms, cpuMs() - cpuStart, startNs, name, type});
        return result;
    }

    static qint64 steadyNs()
    {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
    }

    static double cpuMs()
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    }

    static QByteArray typeName(int type)
    {
        const QMetaEnum names = QMetaEnum::fromType<QEvent::Type>();
        const char* name = names.valueToKey(type);
        return name ? QByteArray(name) : QByteArray::number(type);
    }

private:
    double m_thresholdMs = -1;
    int m_depth = 0;
    std::vector<Slow> m_slow;
};

} // namespace rd::bench
