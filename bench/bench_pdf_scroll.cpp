// Scrolling the real app's viewer (a case file holding the generated 500-page record opened in the
// MainWindow, as a reviewer does) from the first page to the last (every third page a scanned image),
// the two figures bench_pdf does not give:
//
//   GUI-thread stall   longest gap and 99th percentile between ticks of a 1 ms heartbeat timer (so
//                      between turns of the event loop) while a 16 ms timer moves the page view's
//                      scroll bar at a steady pace (position from the elapsed time, so the run takes
//                      the same time on a loaded machine). Baseline in the same run: the same loop
//                      over an empty scroll area (the machine's own event-loop jitter). Also the GUI
//                      thread's CPU time in the longest gap, and the most in any gap: a long gap with
//                      little CPU time is the machine (descheduled), not our code.
//   memory             the memory of the app and its reviewdesk-pdfworker children (the spare worker
//                      PdfService keeps started too), against the viewer's render cache cap
//                      (pdf/pixmapCacheKiB) + 150 MB. Two measures: (1) the peak, over the scroll and
//                      the settling after it, of the sum of their proportional set sizes (Pss from
//                      /proc/<pid>/smaps_rollup, sampled every 200 ms by a thread of its own): memory
//                      they share (the shared libraries every process maps, the page buffer a worker
//                      shares with the app) counts once; this is the goal's measure. (2) the sum of
//                      each process's own peak resident set (VmHWM), an upper bound that counts the
//                      shared libraries and buffers once per process. Current VmRSS is printed beside.
//
// Usage: bench_pdf_scroll [seconds for the scroll, default 20]. Offscreen platform; a watchdog
// ends the run if it ever hangs.
#include "bench/BenchCaseRecord.h"
#include "bench/BenchProcessMemory.h"
#include "model/pdf/PdfDocument.h"
#include "ui/MainWindow.h"
#include "ui/pdf/PdfPageCache.h"
#include "ui/pdf/PdfViewer.h"

#include "BenchWait.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

#include <time.h>
#include <unistd.h>

using namespace rd;
using bench::descendants;
using bench::readPssKiB;

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

constexpr int HeartbeatMs = 1;
constexpr int ScrollTickMs = 16;
constexpr int WatchdogSeconds = 170;

struct Stall
{
    double longestMs = 0;
    double longestCpuMs = 0; // of which the GUI thread was on a CPU (else descheduled or blocked)
    double mostCpuMs = 0;    // the most CPU time the GUI thread spent in any one gap (load-independent)
    double p99Ms = 0;
    double medianMs = 0;
    int over50 = 0; // gaps over 50 ms
    int ticks = 0;
    int pageAtLongest = -1;
};

// Runs the event loop while a 16 ms timer scrolls bar from 0 to its maximum in durationMs; a 1 ms
// heartbeat records the gaps between its ticks. After the end, keeps measuring until settled()
// (bounded by settleMs). page() names where the longest gap happened (may return -1).
Stall measureScroll(QScrollBar* bar, int durationMs, int settleMs, const std::function<bool()>& settled,
                    const std::function<int()>& page)
{
    std::vector<double> gaps;
    gaps.reserve(size_t(durationMs + settleMs) * 2);
    Stall s;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    qint64 lastCpu = threadCpuNs();
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        const double gap = double(now - last) / 1e6;
        const double cpuGap = double(cpu - lastCpu) / 1e6;
        last = now;
        lastCpu = cpu;
        gaps.push_back(gap);
        s.mostCpuMs = std::max(s.mostCpuMs, cpuGap);
        if (gap > s.longestMs) {
            s.longestMs = gap;
            s.longestCpuMs = cpuGap;
            s.pageAtLongest = page();
        }
    });
    const int maximum = bar->maximum();
    QTimer scroller;
    scroller.setTimerType(Qt::PreciseTimer);
    bool atEnd = false;
    QObject::connect(&scroller, &QTimer::timeout, [&] {
        const double f = std::min(1.0, double(clock.elapsed()) / durationMs);
        bar->setValue(int(f * maximum));
        atEnd = f >= 1.0;
    });
    heartbeat.start(HeartbeatMs);
    scroller.start(ScrollTickMs);
    bench::waitFor([&atEnd] { return atEnd; }, durationMs + 10000);
    scroller.stop();
    bench::waitFor(settled, settleMs);
    heartbeat.stop();

    s.ticks = int(gaps.size());
    if (!gaps.empty()) {
        std::sort(gaps.begin(), gaps.end());
        s.p99Ms = gaps[std::min(gaps.size() - 1, size_t(double(gaps.size()) * 0.99))];
        s.medianMs = gaps[gaps.size() / 2];
        s.over50 = int(gaps.end() - std::upper_bound(gaps.begin(), gaps.end(), 50.0));
    }
    return s;
}

struct Memory
{
    qint64 hwmKiB = 0; // VmHWM: peak resident set
    qint64 rssKiB = 0; // VmRSS: now
};

Memory readStatus(qint64 pid)
{
    Memory m;
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return m;
    for (const QByteArray& line : f.readAll().split('\n')) {
        const auto value = [&line] {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        };
        if (line.startsWith("VmHWM:"))
            m.hwmKiB = value();
        else if (line.startsWith("VmRSS:"))
            m.rssKiB = value();
    }
    return m;
}

QString comm(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll().trimmed()) : QString();
}

double mib(qint64 kib)
{
    return double(kib) / 1024.0;
}

void printStall(const char* what, const Stall& s)
{
    std::printf("%s: longest %.1f ms (GUI thread on a CPU %.1f ms of it), 99th percentile %.1f ms, median "
                "%.2f ms, %d gaps over 50 ms of %d heartbeats; most GUI-thread CPU time in one gap %.1f ms",
                what, s.longestMs, s.longestCpuMs, s.p99Ms, s.medianMs, s.over50, s.ticks, s.mostCpuMs);
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    // Never hangs: whatever happens, the run ends (the workers die with the app, PR_SET_PDEATHSIG).
    std::thread([] {
        std::this_thread::sleep_for(std::chrono::seconds(WatchdogSeconds));
        std::printf("bench_pdf_scroll: gave up after %d s\n", WatchdogSeconds);
        std::_Exit(3);
    }).detach();

    QTemporaryDir home;
    qputenv("REVIEWDESK_HOME", home.path().toLocal8Bit());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDesk-bench"));
    const QString path = QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/big-500.pdf");
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-scroll-XXXXXX"));
    const QString casePath = bench::makeCase(dir.path(), path, 500);
    if (casePath.isEmpty())
        return 1;
    const int durationMs = qBound(2, app.arguments().value(1, QStringLiteral("20")).toInt(), 60) * 1000;
    const int settleMs = 5000;
    const QSize size(1400, 900);
    std::printf(
        "bench_pdf_scroll: a case file holding %s in the MainWindow (%dx%d), scroll first to last page in %d "
        "s (bar step every %d ms), heartbeat %d ms\n",
        "big-500.pdf", size.width(), size.height(), durationMs / 1000, ScrollTickMs, HeartbeatMs);

    // Baseline: the same loop over an empty scroll area with the same range (nothing to paint or render).
    // Before the PDF service exists, so no worker starts in its background.
    Stall baseline;
    {
        QAbstractScrollArea empty;
        empty.resize(size);
        empty.show();
        empty.verticalScrollBar()->setRange(0, 500 * 1100);
        QCoreApplication::processEvents();
        baseline = measureScroll(
            empty.verticalScrollBar(), durationMs, 0, [] { return true; }, [] { return -1; });
    }

    MainWindow window;
    window.resize(size);
    window.show();
    if (!window.openPath(casePath))
        return 1;
    PdfViewer* viewerFound = nullptr;
    bench::waitFor(
        [&] {
            viewerFound = window.findChild<PdfViewer*>();
            return viewerFound && viewerFound->document() &&
                   viewerFound->document()->state() == PdfDocument::State::Ready &&
                   viewerFound->pageView()->isPageSharp(0);
        },
        30000);
    if (!viewerFound || !viewerFound->document() || !viewerFound->pageView()->isPageSharp(0)) {
        std::printf("page 1 not shown after 30 s\n");
        return 1;
    }
    PdfViewer& viewer = *viewerFound;
    PdfDocument* doc = viewer.document();
    PdfPageView* view = viewer.pageView();
    // The peak of the app's and its workers' summed Pss, sampled off the GUI thread.
    std::atomic<bool> sampling{true};
    std::atomic<qint64> peakPssKiB{0};
    std::thread sampler([&sampling, &peakPssKiB] {
        while (sampling.load()) {
            qint64 sum = readPssKiB(getpid());
            for (const qint64 pid : descendants(getpid()))
                sum += readPssKiB(pid);
            peakPssKiB.store(std::max(peakPssKiB.load(), sum));
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });
    int rendered = 0; // images (pages, thumbnails) that came back during the scroll
    QObject::connect(doc, &PdfDocument::pageRendered, [&rendered] { ++rendered; });
    QScrollBar* bar = view->verticalScrollBar();
    const int lastPage = doc->pageCount() - 1;
    const Stall scroll = measureScroll(
        bar, durationMs, settleMs,
        [&] { return view->pendingRenderCount() == 0 && view->isPageSharp(lastPage); },
        [&] { return view->currentPage(); });
    const bool lastSharp = view->isPageSharp(lastPage);
    sampling.store(false);
    sampler.join();

    printStall("GUI-thread stall while scrolling all pages", scroll);
    std::printf(" (longest at page %d; goal: longest < 50 ms)\n", scroll.pageAtLongest + 1);
    printStall("  baseline, the same loop over an empty scroll area", baseline);
    std::printf("\n");
    std::printf("  ended at page %d of %d, last page %s, %d renders pending; %d images (pages and "
                "thumbnails) rendered during the scroll\n",
                view->currentPage() + 1, doc->pageCount(), lastSharp ? "shown sharp" : "NOT shown sharp",
                view->pendingRenderCount(), rendered);

    // Memory after the scroll.
    const PdfPageCache* cache = viewer.cache();
    const Memory self = readStatus(getpid());
    Memory total = self;
    QStringList parts{QStringLiteral("app %1").arg(mib(self.hwmKiB), 0, 'f', 0)};
    const QList<qint64> workers = doc->workerProcessIds();
    for (const qint64 pid : descendants(getpid())) {
        const Memory m = readStatus(pid);
        total.hwmKiB += m.hwmKiB;
        total.rssKiB += m.rssKiB;
        parts.append(QStringLiteral("%1 %2%3 %4")
                         .arg(comm(pid))
                         .arg(pid)
                         .arg(workers.contains(pid) ? QString() : QStringLiteral(" (spare)"))
                         .arg(mib(m.hwmKiB), 0, 'f', 0));
    }
    const double capMiB = mib(cache->maxCostKiB());
    const double peakPss = mib(peakPssKiB.load());
    std::printf(
        "peak memory while scrolling all pages, app + workers (peak of the summed Pss): %.0f MiB; cache "
        "cap %.0f MiB (pdf/pixmapCacheKiB), cache holds %.0f MiB in %d images; goal: under cap + 150 = "
        "%.0f MiB, %s; beside the peers: at most 1.5x qpdfview's 122 MiB = 183 MiB, %s\n",
        peakPss, capMiB, mib(cache->totalCostKiB()), cache->count(), capMiB + 150,
        peakPss < capMiB + 150 ? "met" : "NOT met", peakPss <= 183 ? "met" : "NOT met");
    std::printf("  upper bound, sum of each process's peak resident set (VmHWM; shared libraries and buffers "
                "counted once per process): %.0f MiB (%s); now (sum of VmRSS) %.0f MiB\n",
                mib(total.hwmKiB), qPrintable(parts.join(QStringLiteral(", "))), mib(total.rssKiB));
    return 0;
}
