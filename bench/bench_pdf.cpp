// PDF service against Poppler used directly in the same run, on the generated 500-page PDF
// (every third page a scanned image). Prints the figures and the ratios (ours / direct).
//
//   first page visible after opening   worker start + open + render page 1 vs load + render in-process
//   page turn to an uncached page      render request round trip vs renderToImage
//   page turn to a cached page         PdfViewer jump + repaint from its cache (ms)
//   search of all pages                PdfSearchModel (two workers) vs single-threaded textList() scan
//   transfer                           round trip minus worker render time (raw pixels over the pipe)
//   devices                            first page and page turn with each speed device turned off in
//                                      turn (PdfServiceOptions::withoutDevices), against all on and
//                                      against direct Poppler, rounds interleaved in the same run
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfService.h"
#include "ui/pdf/PdfSearch.h"
#include "ui/pdf/PdfViewer.h"

#include "BenchWait.h"
#include "model/pdf/PdfTrace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <poppler-qt6.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace rd;

namespace {

constexpr double Scale = 1.5; // pixels per point: 108 dpi, a page at about 100 % on a laptop screen

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

double ms(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

bool waitReady(PdfDocument* doc)
{
    bench::waitFor([doc] { return doc->state() != PdfDocument::State::Opening; }, 30000);
    return doc->state() == PdfDocument::State::Ready;
}

QImage renderSync(PdfDocument* doc, int page, double scale)
{
    QImage result;
    bool done = false;
    const quint32 id = doc->requestRender(page, scale);
    auto c1 = QObject::connect(doc, &PdfDocument::pageRendered, doc,
                               [&](quint32 got, int, double, int, const QImage& image) {
                                   if (got == id) {
                                       result = image;
                                       done = true;
                                   }
                               });
    auto c2 =
        QObject::connect(doc, &PdfDocument::requestFailed, doc, [&](quint32 got, int, const PdfError& e) {
            if (got == id) {
                std::printf("page %d failed: %s\n", page + 1, qPrintable(e.message));
                done = true;
            }
        });
    bench::waitFor([&done] { return done; }, 30000);
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    return result;
}

// Opens path in service with page 1 asked for at Scale (as a viewer does), waits for page 1; the
// milliseconds it took, -1 when the document did not open. *doc keeps the document.
double firstPageMs(PdfService& service, const QString& path, std::unique_ptr<PdfDocument>* doc)
{
    QElapsedTimer t;
    t.start();
    doc->reset(service.openFile(path));
    PdfFirstPage first;
    first.scale = Scale;
    (*doc)->setFirstPage(first);
    if (!waitReady(doc->get()))
        return -1;
    const QImage image = renderSync(doc->get(), 0, Scale); // takes over the one on its way
    if (image.isNull())
        std::printf("page 1 did not render\n");
    return ms(t);
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QApplication app(argc, argv);
    const QString path = QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/big-500.pdf");
    const int rounds = 9;
    // Optional argument: run only one part (first, turn, cached, search).
    const QString only = app.arguments().value(1);
    auto runs = [&only](const char* part) {
        return only.isEmpty() || only == QLatin1String(part);
    };
    std::printf("bench_pdf: %s, scale %.2f px/pt, median of %d rounds\n", "big-500.pdf", Scale, rounds);

    if (runs("first")) {
        // 1. First page visible after opening. Ours as the viewer does it: page 1's render request
        //    goes right behind the open (PdfDocument::setFirstPage; the worker measures the other
        //    pages after it), and the request after Ready takes it over. "spare": the
        //    app's PdfService keeps a worker started ahead (the default); "cold": the worker process
        //    starts when the document opens. Then the same in a real PdfViewer, painted.
        //    Two baselines: Poppler loading the file and rendering page 1, nothing else; and Poppler as
        //    a viewer that uses it directly opens a document: Okular's PDF generator (loadPages) takes
        //    every page's size when it loads it, for the layout, before any page shows.
        //    The direct measurement runs twice: back to back with the other work of the round (hot: the
        //    same file just loaded and rendered, the processor busy), and, as ours is, after 400 ms in
        //    which the process waited for events (an idle processor: colder caches, a halted virtual
        //    processor to wake). The ratio that compares like with like is the second.
        QList<double> directFirst, directIdleFirst, directViewerFirst, oursFirst, coldFirst, viewerFirst;
        auto directOpen = [&path](bool measure) {
            QElapsedTimer t;
            t.start();
            RD_PDF_TRACE("direct open");
            std::unique_ptr<Poppler::Document> doc = Poppler::Document::load(path);
            doc->setRenderHint(Poppler::Document::Antialiasing);
            doc->setRenderHint(Poppler::Document::TextAntialiasing);
            RD_PDF_TRACE("direct loaded");
            double widest = 0;
            for (int i = 0; measure && i < doc->numPages(); ++i)
                widest = std::max(widest, doc->page(i)->pageSizeF().width());
            const QImage image = doc->page(0)->renderToImage(72 * Scale, 72 * Scale);
            RD_PDF_TRACE("direct rendered");
            Q_UNUSED(image);
            return ms(t);
        };
        for (int r = 0; r < rounds; ++r) {
            QElapsedTimer t;
            QTest::qWait(400);
            directIdleFirst.append(directOpen(false));
            directFirst.append(directOpen(false));
            directViewerFirst.append(directOpen(true));
            for (const bool spare : {true, false}) {
                PdfServiceOptions options;
                options.keepSpareWorker = spare;
                PdfService service(options);
                QTest::qWait(400); // the app started a while ago
                RD_PDF_TRACE("bench open");
                std::unique_ptr<PdfDocument> doc;
                const double first = firstPageMs(service, path, &doc);
                if (first < 0)
                    return 1;
                (spare ? oursFirst : coldFirst).append(first);
                RD_PDF_TRACE("bench first page");
            }
            {
                PdfService service;
                PdfViewer viewer;
                viewer.resize(1100, 850);
                viewer.show();
                QTest::qWait(400);
                t.restart();
                std::unique_ptr<PdfDocument> doc(service.openFile(path));
                viewer.setDocument(doc.get());
                bench::waitFor([&viewer] { return viewer.pageView()->isPageSharp(0); }, 30000);
                viewer.pageView()->viewport()->repaint();
                viewerFirst.append(ms(t));
            }
        }
        const double directIdle = median(directIdleFirst);
        const double direct = median(directFirst);
        const double directViewer = median(directViewerFirst);
        std::printf("first page visible after opening: direct (load + page 1) after 400 ms idle %.1f ms, "
                    "hot %.1f ms; direct as a viewer (load + every page's size + page 1), hot, %.1f ms\n",
                    directIdle, direct, directViewer);
        auto ratios = [&](const char* what, double ours) {
            std::printf("  %s %.1f ms: ratio %.2f to direct after the same idle, %.2f to direct hot, %.2f to "
                        "direct as a viewer hot\n",
                        what, ours, ours / directIdle, ours / direct, ours / directViewer);
        };
        ratios("ours (spare worker)", median(oursFirst));
        ratios("with a cold worker start", median(coldFirst));
        ratios("in a PdfViewer, painted,", median(viewerFirst));
    }
    if (runs("turn")) {
        // 2. Page turn to an uncached page (text and scanned pages alike), pixels through a memfd (the
        //    default) and raw over the pipe.
        std::unique_ptr<Poppler::Document> direct = Poppler::Document::load(path);
        direct->setRenderHint(Poppler::Document::Antialiasing);
        direct->setRenderHint(Poppler::Document::TextAntialiasing);
        for (const bool shared : {true, false}) {
            PdfServiceOptions options;
            options.sharedMemoryPixels = shared;
            options.keepSpareWorker = false; // no process start-up in the background of the measurement
            options.workersPerDocument = 1;
            PdfService service(options);
            std::unique_ptr<PdfDocument> doc(service.openFile(path));
            if (!waitReady(doc.get()))
                return 1;
            renderSync(doc.get(), 0, Scale); // warm the worker
            QList<double> directTurn, oursTurn, overhead, workerRender;
            for (int round = 0; round < 2; ++round) {
                for (int p = 10 + round; p < 500; p += 37) {
                    QElapsedTimer t;
                    t.start();
                    const QImage a = direct->page(p)->renderToImage(72 * Scale, 72 * Scale);
                    directTurn.append(ms(t));
                    t.restart();
                    const QImage b = renderSync(doc.get(), p, Scale);
                    const double roundTrip = ms(t);
                    oursTurn.append(roundTrip);
                    overhead.append(roundTrip - doc->lastRenderMs());
                    workerRender.append(doc->lastRenderMs());
                    if (b.size() != a.size())
                        std::printf("size mismatch on page %d\n", p + 1);
                }
            }
            const QImage sample = renderSync(doc.get(), 1, Scale);
            std::printf(
                "page turn to an uncached page (%s): direct %.1f ms, ours %.1f ms (Poppler in the worker "
                "%.1f ms), ratio %.2f; transfer overhead of a %dx%d page (%.1f MiB) %.2f ms\n",
                shared ? "memfd" : "pipe", median(directTurn), median(oursTurn), median(workerRender),
                median(oursTurn) / median(directTurn), sample.width(), sample.height(),
                double(sample.sizeInBytes()) / 1048576.0, median(overhead));
            if (!shared) {
                QByteArray copy(sample.sizeInBytes(), Qt::Uninitialized);
                QElapsedTimer t;
                t.start();
                for (int i = 0; i < 10; ++i)
                    std::memcpy(copy.data(), sample.constBits(), size_t(sample.sizeInBytes()));
                std::printf("(one memcpy of that page in memory: %.2f ms)\n", ms(t) / 10);
            }
        }
    }
    if (runs("cached"))
    // 3. Page turn to a cached page in the viewer.
    {
        PdfService service;
        PdfViewer viewer;
        viewer.resize(1100, 850);
        viewer.show();
        std::unique_ptr<PdfDocument> doc(service.openFile(path));
        viewer.setDocument(doc.get());
        if (!waitReady(doc.get()))
            return 1;
        auto waitSharp = [&](int page) {
            bench::waitFor(
                [&] { return viewer.pageView()->isPageSharp(page) || viewer.pageView()->isPageFailed(page); },
                30000);
            if (!viewer.pageView()->isPageSharp(page))
                std::printf("page %d: %s\n", page + 1, qPrintable(viewer.pageView()->pageError(page)));
        };
        waitSharp(0);
        viewer.setCurrentPage(200);
        waitSharp(200);
        QList<double> cached;
        for (int i = 0; i < 20; ++i) {
            const int page = i % 2 ? 200 : 0;
            QElapsedTimer t;
            t.start();
            viewer.setCurrentPage(page);
            viewer.pageView()->viewport()->repaint();
            cached.append(ms(t));
            if (!viewer.pageView()->isPageSharp(page))
                std::printf("page %d was not cached\n", page + 1);
            QCoreApplication::processEvents();
        }
        std::printf("page turn to a cached page (jump + repaint): %.2f ms\n", median(cached));
    }

    if (only == QLatin1String("devices")) {
        // 5. What each speed device buys: the first page (spare worker, after 400 ms idle, as above) and
        //    a page turn, with one device turned off, every variant in each round so that the machine's
        //    drift hits all alike. Goals: first page <= 1.2x direct after the same idle, page turn
        //    <= 1.2x direct.
        struct Variant
        {
            const char* name;
            QStringList without;
            bool spare = true;
            bool shared = true;
        };
        QList<Variant> variants{{"all devices on", {}},
                                {"no spare worker", {}, false},
                                {"no warm-up page", {QStringLiteral("warm-up")}},
                                {"no kept freed heap (mallopt)", {QStringLiteral("keep-freed-heap")}},
                                {"no populated page buffer", {QStringLiteral("populate-page-buffer")}},
                                {"no ready image memory", {QStringLiteral("image-memory")}},
                                {"pixels over the pipe", {}, true, false}};
        std::unique_ptr<Poppler::Document> direct = Poppler::Document::load(path);
        direct->setRenderHint(Poppler::Document::Antialiasing);
        direct->setRenderHint(Poppler::Document::TextAntialiasing);
        QList<double> directIdle, directTurn;
        const int deviceRounds = qMax(5, app.arguments().value(2).toInt());
        QList<QList<double>> first(variants.size()), turned(variants.size());
        for (int r = 0; r < deviceRounds; ++r) {
            QTest::qWait(400);
            {
                QElapsedTimer t;
                t.start();
                std::unique_ptr<Poppler::Document> doc = Poppler::Document::load(path);
                doc->setRenderHint(Poppler::Document::Antialiasing);
                doc->setRenderHint(Poppler::Document::TextAntialiasing);
                const QImage image = doc->page(0)->renderToImage(72 * Scale, 72 * Scale);
                directIdle.append(ms(t));
            }
            for (qsizetype i = 0; i < variants.size(); ++i) {
                const Variant& v = variants[i];
                PdfServiceOptions options;
                options.withoutDevices = v.without;
                options.keepSpareWorker = v.spare;
                options.sharedMemoryPixels = v.shared;
                PdfService service(options);
                QTest::qWait(400);
                std::unique_ptr<PdfDocument> doc;
                const double firstMs = firstPageMs(service, path, &doc);
                if (firstMs < 0)
                    return 1;
                first[i].append(firstMs);
                QElapsedTimer t;
                for (int p = 10 + r; p < 500; p += 61) {
                    t.restart();
                    renderSync(doc.get(), p, Scale);
                    turned[i].append(ms(t));
                    if (i == 0) {
                        t.restart();
                        const QImage image = direct->page(p)->renderToImage(72 * Scale, 72 * Scale);
                        directTurn.append(ms(t));
                    }
                }
            }
        }
        const double idle = median(directIdle);
        const double turn = median(directTurn);
        std::printf(
            "devices, %d rounds: direct first page after 400 ms idle %.2f ms, direct page turn %.2f ms\n",
            deviceRounds, idle, turn);
        std::printf("  %-30s %9s %7s %9s %7s\n", "variant", "first ms", "ratio", "turn ms", "ratio");
        for (qsizetype i = 0; i < variants.size(); ++i)
            std::printf("  %-30s %9.2f %7.2f %9.2f %7.2f\n", variants[i].name, median(first[i]),
                        median(first[i]) / idle, median(turned[i]), median(turned[i]) / turn);
        return 0;
    }
    if (runs("search"))
    // 4. Search of all pages.
    {
        QElapsedTimer t;
        t.start();
        int directHits = 0;
        {
            std::unique_ptr<Poppler::Document> single = Poppler::Document::load(path);
            for (int p = 0; p < single->numPages(); ++p) {
                QString text;
                for (const auto& box : single->page(p)->textList())
                    text += box->text() + QLatin1Char(' ');
                directHits += int(text.count(QStringLiteral("crouch gait"), Qt::CaseInsensitive));
            }
        }
        const double directMs = ms(t);
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(path));
        if (!waitReady(doc.get()))
            return 1;
        QTest::qWait(500); // both workers have opened the document
        PdfSearchModel model;
        t.restart();
        model.start({doc.get()}, QStringLiteral("crouch gait"));
        bench::waitFor([&model] { return !model.isRunning(); }, 60000);
        const double oursMs = ms(t);
        const int firstHits = model.rowCount();
        t.restart();
        model.start({doc.get()}, QStringLiteral("knee flexion"));
        bench::waitFor([&model] { return !model.isRunning(); }, 60000);
        const double againMs = ms(t);
        std::printf(
            "search of all 500 pages: direct single-threaded %.0f ms (%d hits), ours %.0f ms (%d hits), "
            "ratio %.2f; second search from extracted text %.0f ms\n",
            directMs, directHits, oursMs, firstHits, oursMs / directMs, againMs);
    }
    return 0;
}
