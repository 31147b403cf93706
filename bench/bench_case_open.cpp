// Opening a case that holds 200 MB of attachments in the real MainWindow, until the checklist and the
// first page of the first attachment are on screen. Baseline in the same run: the PDF service
// opening the same PDF straight from its file and rendering its first page (what any viewer must
// at least do). Also the longest stall of the GUI thread's event loop while the case opens.
//   bench_case_open [ROUNDS]
#include "BenchCase.h"
#include "model/casefile/CaseFile.h"
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfService.h"
#include "ui/MainWindow.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/pdf/PdfPageCache.h"
#include "ui/pdf/PdfViewer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
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

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;
    qputenv("REVIEWDESK_HOME", home.path().toLocal8Bit());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDesk-bench"));
    const int rounds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 5;
    const QString pdf = QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/big-500.pdf");
    if (!QFileInfo::exists(pdf)) {
        std::fprintf(stderr, "missing %s (build the rd_test_pdfs target)\n", qPrintable(pdf));
        return 1;
    }

    // A case with 200 MB of real PDFs: the 500-page document, again and again under other names.
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-caseopen-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("big.rdcase"));
    const CaseData data =
        bench::benchCase({QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")},
                         QDate::currentDate().addDays(10));
    QString error;
    {
        auto file = CaseFile::create(path, data, QStringLiteral("bench"), &error);
        qint64 total = 0;
        for (int i = 1; file && total < 200LL * 1000 * 1000; ++i) {
            if (!file->addAttachment(QStringLiteral("records-%1.pdf").arg(i, 2, 10, QLatin1Char('0')), pdf,
                                     502, QStringLiteral("bench"), &error))
                break;
            total += QFileInfo(pdf).size();
        }
        if (!file || !error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    std::printf("case: %.0f MB, attachments of %.1f MB each (big-500.pdf)\n", QFileInfo(path).size() / 1e6,
                QFileInfo(pdf).size() / 1e6);

    std::vector<double> baseline, opened;
    double baselineStall = 0;
    double openStall = 0;
    for (int round = 0; round < rounds; ++round) {
        {
            PdfService service;
            PdfDocument* doc = service.openFile(pdf);
            bool rendered = false;
            QObject::connect(doc, &PdfDocument::stateChanged, doc, [doc] {
                if (doc->state() == PdfDocument::State::Ready)
                    doc->requestRender(0, 1.0);
            });
            QObject::connect(doc, &PdfDocument::pageRendered, doc, [&rendered] { rendered = true; });
            baseline.push_back(waitUntil([&] { return rendered; }, 30000, &baselineStall));
            delete doc;
        }
        {
            MainWindow window;
            window.resize(1400, 900);
            window.show();
            QElapsedTimer clock;
            clock.start();
            if (!window.openPath(path)) {
                std::fprintf(stderr, "the case did not open\n");
                return 1;
            }
            const double syncPart = double(clock.nsecsElapsed()) / 1e6;
            openStall = std::max(openStall, syncPart);
            const double waited = waitUntil(
                [&window] {
                    const auto* checklist = window.findChild<ChecklistView*>();
                    const auto* viewer = window.findChild<PdfViewer*>();
                    return checklist && checklist->isVisible() && checklist->stepCount() > 0 && viewer &&
                           viewer->isVisible() && viewer->cache()->count() > 0;
                },
                30000, &openStall);
            opened.push_back(waited < 0 ? -1 : syncPart + waited);
        }
    }
    const double base = median(baseline);
    const double ours = median(opened);
    std::printf("first page + checklist on screen after opening the case: median %.1f ms over %d rounds\n",
                ours, rounds);
    std::printf(
        "baseline, the PDF service opening the same PDF from its file to its first page: median %.1f ms\n",
        base);
    std::printf(
        "ratio %.2f; longest GUI-thread stall while the case opened %.1f ms (baseline loop %.1f ms)\n",
        ours / base, openStall, baselineStall);
    return 0;
}
