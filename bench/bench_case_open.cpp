// The app's own path to the first page: a case file whose record has 100, 500 or 2,000 pages (1, 5 and
// 21 MB) opened in the real MainWindow, until the checklist is on screen and page 1 of the record is
// painted sharp. Goal: flat in the record's size (2,000 pages at most 1.1x 100 pages). Baseline in the same
// run: the PDF service opening the same PDF straight from its file to its first page (what any viewer
// must at least do). Beside it the figures bench/peers.sh takes of every viewer: search to visible and
// the memory after paging to the end (PSS of the process tree); the search twice: right after page 1, and
// 1.5 s after page 1 of the next case, as peers.sh types it (the text extracted in the background by
// then). Also the longest stall of the GUI thread's
// event loop while the case opens, and the attachment's own path in the same run: the case view's
// PdfAttachmentViewer alone, from the case file to page 1 painted (what the main window adds on top is
// opening the case and building the checklist).
//   bench_case_open [ROUNDS] [--open-only]
// --open-only: only the main window opening the cases (no baseline, no search, no paging), for profiling
// what the GUI thread does meanwhile, e.g. under valgrind --tool=callgrind --toggle-collect=...
#include "bench/BenchCaseRecord.h"
#include "model/casefile/CaseFile.h"
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfService.h"
#include "ui/MainWindow.h"
#include "ui/case/PdfAttachmentViewer.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/pdf/PdfSearch.h"
#include "ui/pdf/PdfViewer.h"

#include "BenchEventTrace.h"
#include "BenchProcessMemory.h"
#include "BenchWait.h"
#include "model/pdf/PdfTrace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <thread>
#include <time.h>
#include <vector>

using namespace rd;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// The calling thread's CPU time in nanoseconds.
qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Runs the event loop until ready() holds (checked every millisecond) or timeoutMs passes; returns the
// elapsed milliseconds, or -1 on time-out. Records the longest gap between event-loop turns, and the most
// CPU time the GUI thread used between two turns (the gap's share that is our own work, not waiting for
// a core on a loaded machine).
// *window (optional): when this call's longest gap began and ended (EventTraceApplication::steadyNs()).
double waitUntil(const std::function<bool()>& ready, int timeoutMs, double* longestStallMs,
                 double* longestCpuMs = nullptr, std::pair<qint64, qint64>* window = nullptr)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer poll;
    qint64 last = clock.nsecsElapsed();
    qint64 lastCpu = threadCpuNs();
    qint64 lastSteady = bench::EventTraceApplication::steadyNs();
    qint64 longestHere = 0;
    double result = -1;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        *longestStallMs = std::max(*longestStallMs, double(now - last) / 1e6);
        if (longestCpuMs)
            *longestCpuMs = std::max(*longestCpuMs, double(cpu - lastCpu) / 1e6);
        const qint64 steady = bench::EventTraceApplication::steadyNs();
        if (window && now - last > longestHere) {
            longestHere = now - last;
            *window = {lastSteady, steady};
        }
        lastSteady = steady;
        last = now;
        lastCpu = cpu;
        if (ready()) {
            result = double(now) / 1e6;
            loop.quit();
        } else if (now / 1000000 > timeoutMs) {
            loop.quit();
        }
    });
    poll.start(1);
    loop.exec();
    return result;
}

// Notes when the page view paints while page 1 is sharp in its cache.
class PaintWatch : public QObject
{
public:
    explicit PaintWatch(PdfViewer* viewer)
        : m_viewer(viewer)
    {
        viewer->pageView()->viewport()->installEventFilter(this);
    }
    bool painted = false;

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && m_viewer->pageView()->isPageSharp(0))
            painted = true;
        return false;
    }

private:
    PdfViewer* m_viewer;
};

// Search to visible, as bench/peers.sh measures it for every viewer: from the first key of a word that
// only the last page holds (Ctrl+F in the viewer, the word, Enter) until that page is on screen, sharp.
// Split where the time goes: the typing (until Enter is delivered), the search (until the hit on the last
// page is shown, i.e. every page's text extracted and searched), the render (until that page is sharp).
struct SearchTimes
{
    double typed = -1;
    double found = -1;
    double visible = -1;
};

SearchTimes searchToVisible(PdfViewer* viewer, const QString& word)
{
    PdfPageView* view = viewer->pageView();
    const int last = viewer->document()->pageCount() - 1;
    SearchTimes times;
    QElapsedTimer clock;
    const auto connection =
        QObject::connect(viewer, &PdfViewer::searchHitShown, viewer, [&times, &clock, last](int page) {
            if (page == last && times.found < 0)
                times.found = double(clock.nsecsElapsed()) / 1e6;
        });
    clock.start();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
    QWidget* box = QApplication::focusWidget() ? QApplication::focusWidget() : viewer;
    QTest::keyClicks(box, word);
    QTest::keyClick(box, Qt::Key_Return);
    times.typed = double(clock.nsecsElapsed()) / 1e6;
    const bool shown = bench::waitFor([&] { return times.found >= 0 && view->isPageSharp(last); }, 30000);
    QObject::disconnect(connection);
    if (shown)
        times.visible = double(clock.nsecsElapsed()) / 1e6;
    return times;
}

// The same search by the engine alone, the baseline of the same run: a document opened straight from its
// file by the PDF service (two workers, no window), searched by PdfSearchModel until the hit on the last
// page is listed. What the app adds on top is the difference.
double engineSearch(const QString& pdf, const QString& word)
{
    PdfService service;
    std::unique_ptr<PdfDocument> doc(service.openFile(pdf));
    if (!bench::waitFor([&] { return doc->state() == PdfDocument::State::Ready; }, 30000))
        return -1;
    const int last = doc->pageCount() - 1;
    PdfSearchModel model;
    bool hit = false;
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model,
                     [&](const QModelIndex&, int first, int lastRow) {
                         for (int row = first; row <= lastRow; ++row)
                             hit = hit || model.hit(row).page == last;
                     });
    QElapsedTimer clock;
    clock.start();
    model.start({doc.get()}, word);
    return bench::waitFor([&] { return hit; }, 30000) ? double(clock.nsecsElapsed()) / 1e6 : -1;
}

// The peak Pss of the app and its workers while paging from page 1 to the end (Page Down every 15 ms, as
// peers.sh's xdotool does) and for 2 s after, in KiB; *lastPage: the page reached (1-based).
qint64 pagingPeakPssKiB(PdfViewer* viewer, int* lastPage)
{
    PdfPageView* view = viewer->pageView();
    const int last = viewer->document()->pageCount() - 1;
    viewer->setCurrentPage(0);
    bench::waitFor([&] { return view->isPageSharp(0); }, 10000);
    std::atomic<bool> sampling{true};
    std::atomic<qint64> peak{0};
    std::thread sampler([&] {
        while (sampling.load()) {
            peak.store(std::max(peak.load(), bench::processTreePssKiB()));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    view->setFocus();
    QScrollBar* bar = view->verticalScrollBar();
    for (int i = 0; i < 4 * (last + 1) && !(bar->value() == bar->maximum() && view->isPageSharp(last)); ++i) {
        QTest::keyClick(view, Qt::Key_PageDown);
        bench::waitFor([] { return false; }, 15);
    }
    *lastPage =
        view->isPageSharp(last) && bar->value() == bar->maximum() ? last + 1 : view->currentPage() + 1;
    bench::waitFor([] { return false; }, 2000);
    sampling.store(false);
    sampler.join();
    return peak.load();
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QTemporaryDir home;
    qputenv("REVIEWDESK_HOME", home.path().toLocal8Bit());
    bench::EventTraceApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDesk-bench"));
    const QStringList arguments = QCoreApplication::arguments();
    const bool openOnly = arguments.contains(QStringLiteral("--open-only"));
    const int rounds =
        argc > 1 && arguments.at(1) != QLatin1String("--open-only") ? arguments.at(1).toInt() : 5;
    const std::vector<int> sizes{100, 500, 2000};
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-caseopen-XXXXXX"));
    std::vector<QString> pdfs, cases;
    for (const int pages : sizes) {
        const QString pdf = QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/big-%1.pdf").arg(pages);
        if (!QFileInfo::exists(pdf)) {
            std::fprintf(stderr, "missing %s (build the rd_bench_pdfs target)\n", qPrintable(pdf));
            return 1;
        }
        pdfs.push_back(pdf);
        cases.push_back(bench::makeCase(dir.path(), pdf, pages));
        if (cases.back().isEmpty())
            return 1;
    }

    std::vector<std::vector<double>> baseline(sizes.size()), opened(sizes.size()), attachment(sizes.size());
    std::vector<std::vector<double>> search(sizes.size()), searchTyped(sizes.size()),
        searchFound(sizes.size());
    std::vector<std::vector<double>> engineSearched(sizes.size());
    std::vector<std::vector<double>> searchSettled(sizes.size()), searchSettledFound(sizes.size());
    qint64 pagingPssKiB = -1;
    int pagingLastPage = 0;
    std::vector<AttachmentInfo> infos;
    for (const QString& path : cases) {
        QString error;
        const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        if (!file || file->attachments().isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        infos.push_back(file->attachments().constFirst());
    }
    // Where the app's time goes, per round: openPath() returned, the PDF document made (the attachment's
    // memory file exists), the document Ready (page count known), page 1 in the viewer's cache.
    enum Phase
    {
        Returned,
        DocumentMade,
        Ready,
        PageInCache,
        PhaseCount
    };
    std::vector<std::vector<std::vector<double>>> phases(sizes.size(),
                                                         std::vector<std::vector<double>>(PhaseCount));
    std::vector<double> stall(sizes.size(), 0), stallCpu(sizes.size(), 0);
    std::vector<double> nextStall(sizes.size(), 0), nextStallCpu(sizes.size(), 0);
    std::vector<QString> longestGap(sizes.size()), nextLongestGap(sizes.size());
    // What the GUI thread delivered between two turns of the event loop (events of 1 ms or more).
    const auto delivered = [&app](const std::pair<qint64, qint64>& gap) {
        QString text;
        for (const auto& slow : app.slowEvents())
            if (slow.startNs >= gap.first && slow.startNs < gap.second)
                text += QStringLiteral(" %1/%2 %3 ms (CPU %4);")
                            .arg(QString::fromLatin1(slow.receiver),
                                 QString::fromLatin1(bench::EventTraceApplication::typeName(slow.type)))
                            .arg(slow.ms, 0, 'f', 1)
                            .arg(slow.cpuMs, 0, 'f', 1);
        return text;
    };
    // The events the GUI thread took 20 ms or more to deliver while a case opened, by receiver and type.
    struct SlowKind
    {
        int count = 0;
        double maxMs = 0;
        double maxCpuMs = 0;
        double totalMs = 0;
    };
    std::map<std::pair<QByteArray, QByteArray>, SlowKind> slowKinds;
    double baselineStall = 0;
    for (int round = 0; round < rounds; ++round) {
        for (size_t s = 0; s < sizes.size(); ++s) {
            if (!openOnly) {
                PdfService service;
                bench::waitFor([] { return false; }, 500); // the spare worker is ready
                QElapsedTimer clock;
                clock.start();
                std::unique_ptr<PdfDocument> doc(service.openFile(pdfs[s]));
                PdfFirstPage first;
                first.scale = 1.0;
                doc->setFirstPage(first);
                bool rendered = false;
                QObject::connect(doc.get(), &PdfDocument::pageRendered, doc.get(),
                                 [&rendered] { rendered = true; });
                waitUntil([&] { return rendered; }, 30000, &baselineStall);
                baseline[s].push_back(double(clock.nsecsElapsed()) / 1e6);
            }
            if (!openOnly) {
                PdfAttachmentViewer viewer;
                viewer.resize(1100, 850);
                viewer.show();
                bench::waitFor([] { return false; }, 1000); // its spare worker is ready
                QElapsedTimer clock;
                clock.start();
                viewer.showAttachment(cases[s], infos[s]);
                std::unique_ptr<PaintWatch> watch;
                double unused = 0;
                const double waited = waitUntil(
                    [&] {
                        auto* pdfViewer = viewer.findChild<PdfViewer*>();
                        if (pdfViewer && !watch)
                            watch = std::make_unique<PaintWatch>(pdfViewer);
                        return watch && watch->painted;
                    },
                    30000, &unused);
                attachment[s].push_back(waited < 0 ? -1 : double(clock.nsecsElapsed()) / 1e6);
            }
            MainWindow window;
            window.resize(1400, 900);
            window.show();
            // The app has been running a while when a reviewer opens a case: its spare worker is ready.
            bench::waitFor([] { return false; }, 1000);
            QElapsedTimer clock;
            app.trace(1);
            RD_PDF_TRACE("bench openPath %d", sizes[s]);
            clock.start();
            if (!window.openPath(cases[s])) {
                std::fprintf(stderr, "the case did not open\n");
                return 1;
            }
            stall[s] = std::max(stall[s], double(clock.nsecsElapsed()) / 1e6);
            std::vector<double> seen(PhaseCount, -1);
            seen[Returned] = double(clock.nsecsElapsed()) / 1e6;
            const auto note = [&](Phase phase, bool now) {
                if (now && seen[phase] < 0) {
                    seen[phase] = double(clock.nsecsElapsed()) / 1e6;
                    RD_PDF_TRACE("bench phase %d", int(phase));
                }
            };
            std::unique_ptr<PaintWatch> watch;
            const double stallBefore = stall[s];
            std::pair<qint64, qint64> gap;
            const double waited = waitUntil(
                [&] {
                    auto* viewer = window.findChild<PdfViewer*>();
                    if (viewer && !watch)
                        watch = std::make_unique<PaintWatch>(viewer);
                    const PdfDocument* doc = viewer ? viewer->document() : nullptr;
                    note(DocumentMade, doc);
                    note(Ready, doc && doc->state() == PdfDocument::State::Ready);
                    note(PageInCache, viewer && viewer->pageView()->isPageSharp(0));
                    const auto* checklist = window.findChild<ChecklistView*>();
                    return checklist && checklist->isVisible() && checklist->stepCount() > 0 && watch &&
                           watch->painted;
                },
                30000, &stall[s], &stallCpu[s], &gap);
            opened[s].push_back(waited < 0 ? -1 : double(clock.nsecsElapsed()) / 1e6);
            RD_PDF_TRACE("bench opened %d", sizes[s]);
            if (stall[s] > stallBefore)
                longestGap[s] = delivered(gap);
            for (const auto& slow : app.slowEvents()) {
                if (slow.ms < 20)
                    continue;
                SlowKind& kind =
                    slowKinds[{slow.receiver, bench::EventTraceApplication::typeName(slow.type)}];
                ++kind.count;
                kind.maxMs = std::max(kind.maxMs, slow.ms);
                kind.maxCpuMs = std::max(kind.maxCpuMs, slow.cpuMs);
                kind.totalMs += slow.ms;
            }
            app.trace(-1);
            if (auto* viewer = window.findChild<PdfViewer*>(); viewer && waited >= 0 && !openOnly) {
                window.activateWindow();
                bench::waitFor([&] { return window.isActiveWindow(); }, 2000);
                const QString word = QStringLiteral("page-marker-%1").arg(sizes[s]);
                const SearchTimes times = searchToVisible(viewer, word);
                search[s].push_back(times.visible);
                searchTyped[s].push_back(times.typed);
                searchFound[s].push_back(times.found);
                engineSearched[s].push_back(engineSearch(pdfs[s], word));
                // Memory after paging to the end: the 500-page record, once (it takes a while).
                if (sizes[s] == 500 && round == rounds - 1)
                    pagingPssKiB = pagingPeakPssKiB(viewer, &pagingLastPage);
            }
            for (int phase = 0; phase < PhaseCount; ++phase)
                phases[s][size_t(phase)].push_back(seen[size_t(phase)]);
            // The next case in the same window, as a reviewer works (back to the queue, the next case):
            // the case view was shown once already. The same file again, read as any other.
            window.closeCase();
            bench::waitFor([] { return false; }, 300);
            app.trace(1);
            const double nextBefore = nextStall[s];
            std::pair<qint64, qint64> nextGap;
            if (!window.openPath(cases[s])) {
                std::fprintf(stderr, "the case did not open again\n");
                return 1;
            }
            std::unique_ptr<PaintWatch> nextWatch;
            waitUntil(
                [&] {
                    auto* viewer = window.findChild<PdfViewer*>();
                    if (viewer && !nextWatch && viewer->document())
                        nextWatch = std::make_unique<PaintWatch>(viewer);
                    return nextWatch && nextWatch->painted;
                },
                30000, &nextStall[s], &nextStallCpu[s], &nextGap);
            if (nextStall[s] > nextBefore)
                nextLongestGap[s] = delivered(nextGap);
            app.trace(-1);
            // The search as peers.sh types it: 1.5 s after page 1 (the reviewer looked at it first), when
            // the case view has extracted the record's text in the background.
            if (auto* viewer = window.findChild<PdfViewer*>(); viewer && viewer->document() && !openOnly) {
                bench::waitFor([] { return false; }, 1500);
                window.activateWindow();
                bench::waitFor([&] { return window.isActiveWindow(); }, 2000);
                const SearchTimes times =
                    searchToVisible(viewer, QStringLiteral("page-marker-%1").arg(sizes[s]));
                searchSettled[s].push_back(times.visible);
                searchSettledFound[s].push_back(times.found);
            }
        }
    }
    std::printf(
        "bench_case_open: case file -> checklist and page 1 painted in the real MainWindow, median of %d "
        "rounds\n",
        rounds);
    std::printf("  %6s %8s %12s %14s %10s %12s %14s\n", "pages", "MB", "app ms", "baseline ms", "app/base",
                "GUI stall ms", "its CPU ms");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf("  %6d %8.1f %12.1f %14.1f %10.2f %12.1f %14.1f\n", sizes[s],
                    QFileInfo(pdfs[s]).size() / 1e6, median(opened[s]), median(baseline[s]),
                    median(opened[s]) / median(baseline[s]), stall[s], stallCpu[s]);
    std::printf("  what the GUI thread delivered in the longest stall (events of 1 ms or more):\n");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf("    %d pages:%s\n", sizes[s], qPrintable(longestGap[s]));
    std::printf(
        "  the next case in the same window (closed, opened again), longest GUI stall ms (its CPU ms):");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf(" %d pages %.1f (%.1f);", sizes[s], nextStall[s], nextStallCpu[s]);
    std::printf("\n");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf("    %d pages, delivered then:%s\n", sizes[s], qPrintable(nextLongestGap[s]));
    std::printf("  events of 20 ms or more on the GUI thread while a case opened (all rounds and sizes):\n");
    for (const auto& [key, kind] : slowKinds)
        std::printf("    %-28s %-22s %4d times, longest %6.1f ms (most CPU %5.1f ms), %7.1f ms in all\n",
                    key.first.constData(), key.second.constData(), kind.count, kind.maxMs, kind.maxCpuMs,
                    kind.totalMs);
    std::printf("  where the app's time goes, median ms from openPath():\n");
    std::printf("  %6s %10s %10s %10s %12s\n", "pages", "returned", "doc made", "ready", "page cached");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf("  %6d %10.1f %10.1f %10.1f %12.1f\n", sizes[s], median(phases[s][Returned]),
                    median(phases[s][DocumentMade]), median(phases[s][Ready]),
                    median(phases[s][PageInCache]));
    std::printf(
        "  the attachment's path alone (PdfAttachmentViewer: case file -> page 1 painted), median ms:");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf(" %d pages %.1f;", sizes[s], median(attachment[s]));
    std::printf(" 2,000 / 100 %.2f\n", median(attachment[2]) / median(attachment[0]));
    std::printf("  search to visible (a word only the last page holds, from the first key), median ms:");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf(" %d pages %.1f;", sizes[s], median(search[s]));
    std::printf(
        "\n  search split, median ms from the first key: typed (Enter delivered) / hit on the last page "
        "shown / page sharp; baseline: the engine alone on the PDF's file, same word, after the app's "
        "search:");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf(" %d pages %.1f / %.1f / %.1f, engine %.1f (app / engine %.2f);", sizes[s],
                    median(searchTyped[s]), median(searchFound[s]), median(search[s]),
                    median(engineSearched[s]), median(searchFound[s]) / median(engineSearched[s]));
    std::printf(
        "\n  the same search 1.5 s after page 1 of the next case (as peers.sh: the text extracted "
        "meanwhile), "
        "median ms from the first key: hit shown / page sharp (hit shown / the engine alone above; page "
        "sharp / the search right after page 1):");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf(" %d pages %.1f / %.1f (%.2f; %.2f);", sizes[s], median(searchSettledFound[s]),
                    median(searchSettled[s]), median(searchSettledFound[s]) / median(engineSearched[s]),
                    median(searchSettled[s]) / median(search[s]));
    std::printf(
        "\n  memory after paging to the end (500 pages, Page Down every 15 ms, reached page %d), peak "
        "Pss of the app and its workers: %.0f MiB\n",
        pagingLastPage, double(pagingPssKiB) / 1024);
    std::printf(
        "  flatness: 2,000 pages / 100 pages %.2f (goal <= 1.10); 500 / 100 %.2f; baseline 2,000 / 100 "
        "%.2f; baseline loop's longest stall %.1f ms\n",
        median(opened[2]) / median(opened[0]), median(opened[1]) / median(opened[0]),
        median(baseline[2]) / median(baseline[0]), baselineStall);
    return 0;
}
