// The app's own path to the first page: a case file whose record has 100, 500 or 2,000 pages (1, 5 and
// 21 MB) opened in the real MainWindow, until the checklist is on screen and page 1 of the record is
// painted sharp. Goal: flat in the record's size (2,000 pages at most 1.1x 100 pages). Baseline in the same
// run: the PDF service opening the same PDF straight from its file to its first page (what any viewer
// must at least do). Also the longest stall of the GUI thread's event loop while the case opens.
//   bench_case_open [ROUNDS]
#include "bench/BenchActor.h"
#include "model/casefile/CaseFile.h"
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfService.h"
#include "ui/MainWindow.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/pdf/PdfViewer.h"

#include "BenchWait.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace rd;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// Runs the event loop until ready() holds (checked every millisecond) or timeoutMs passes; returns the
// elapsed milliseconds, or -1 on time-out. Records the longest gap between event-loop turns.
double waitUntil(const std::function<bool()>& ready, int timeoutMs, double* longestStallMs)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer poll;
    qint64 last = clock.nsecsElapsed();
    double result = -1;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const qint64 now = clock.nsecsElapsed();
        *longestStallMs = std::max(*longestStallMs, double(now - last) / 1e6);
        last = now;
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

QString makeCase(const QString& dir, const QString& pdf, int pages)
{
    const QString path = QStringLiteral("%1/record-%2.rdcase").arg(dir).arg(pages);
    const CaseData data =
        bench::benchCase({QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")},
                         QDate::currentDate().addDays(10));
    QString error;
    auto file = CaseFile::create(path, data, bench::actor(), &error);
    if (!file || !file->addAttachment(QFileInfo(pdf).fileName(), pdf, pages, bench::actor(), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return {};
    }
    return path;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QTemporaryDir home;
    qputenv("REVIEWDESK_HOME", home.path().toLocal8Bit());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDesk-bench"));
    const int rounds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 5;
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
        cases.push_back(makeCase(dir.path(), pdf, pages));
        if (cases.back().isEmpty())
            return 1;
    }

    std::vector<std::vector<double>> baseline(sizes.size()), opened(sizes.size());
    std::vector<double> stall(sizes.size(), 0);
    double baselineStall = 0;
    for (int round = 0; round < rounds; ++round) {
        for (size_t s = 0; s < sizes.size(); ++s) {
            {
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
            MainWindow window;
            window.resize(1400, 900);
            window.show();
            // The app has been running a while when a reviewer opens a case: its spare worker is ready.
            bench::waitFor([] { return false; }, 1000);
            QElapsedTimer clock;
            clock.start();
            if (!window.openPath(cases[s])) {
                std::fprintf(stderr, "the case did not open\n");
                return 1;
            }
            stall[s] = std::max(stall[s], double(clock.nsecsElapsed()) / 1e6);
            std::unique_ptr<PaintWatch> watch;
            const double waited = waitUntil(
                [&] {
                    auto* viewer = window.findChild<PdfViewer*>();
                    if (viewer && !watch)
                        watch = std::make_unique<PaintWatch>(viewer);
                    const auto* checklist = window.findChild<ChecklistView*>();
                    return checklist && checklist->isVisible() && checklist->stepCount() > 0 && watch &&
                           watch->painted;
                },
                30000, &stall[s]);
            opened[s].push_back(waited < 0 ? -1 : double(clock.nsecsElapsed()) / 1e6);
        }
    }
    std::printf(
        "bench_case_open: case file -> checklist and page 1 painted in the real MainWindow, median of %d "
        "rounds\n",
        rounds);
    std::printf("  %6s %8s %12s %14s %10s %12s\n", "pages", "MB", "app ms", "baseline ms", "app/base",
                "GUI stall ms");
    for (size_t s = 0; s < sizes.size(); ++s)
        std::printf("  %6d %8.1f %12.1f %14.1f %10.2f %12.1f\n", sizes[s], QFileInfo(pdfs[s]).size() / 1e6,
                    median(opened[s]), median(baseline[s]), median(opened[s]) / median(baseline[s]),
                    stall[s]);
    std::printf(
        "  flatness: 2,000 pages / 100 pages %.2f (goal <= 1.10); 500 / 100 %.2f; baseline 2,000 / 100 "
        "%.2f; baseline loop's longest stall %.1f ms\n",
        median(opened[2]) / median(opened[0]), median(opened[1]) / median(opened[0]),
        median(baseline[2]) / median(baseline[0]), baselineStall);
    return 0;
}
