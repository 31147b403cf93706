// PdfService/PdfDocument through the real reviewdesk-pdfworker on the generated test PDFs.
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfImageMemory.h"
#include "model/pdf/PdfService.h"
#include "ui/pdf/PdfSearch.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace rd;

namespace {

QString pdf(const char* name)
{
    return QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/") + QLatin1String(name);
}

bool waitState(PdfDocument* doc, PdfDocument::State state, int ms = 20000)
{
    (void)QTest::qWaitFor(
        [&] { return doc->state() != PdfDocument::State::Opening || doc->state() == state; }, ms);
    return doc->state() == state;
}

// Waits for the answer to id: the image, or the error.
struct Answer
{
    bool done = false;
    QImage image;
    PdfError error;
};

Answer waitAnswer(PdfDocument* doc, quint32 id, int ms = 20000)
{
    Answer a;
    auto c1 = QObject::connect(doc, &PdfDocument::pageRendered, doc,
                               [&](quint32 got, int, double, int, const QImage& image) {
                                   if (got == id) {
                                       a.done = true;
                                       a.image = image;
                                   }
                               });
    auto c2 = QObject::connect(doc, &PdfDocument::textReady, doc, [&](quint32 got, int) {
        if (got == id)
            a.done = true;
    });
    auto c3 =
        QObject::connect(doc, &PdfDocument::requestFailed, doc, [&](quint32 got, int, const PdfError& e) {
            if (got == id) {
                a.done = true;
                a.error = e;
            }
        });
    (void)QTest::qWaitFor([&a] { return a.done; }, ms);
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    QObject::disconnect(c3);
    return a;
}

// A service with these options and file opened in it; doc is null when it did not get Ready.
struct Opened
{
    std::unique_ptr<PdfService> service;
    std::unique_ptr<PdfDocument> doc;
};

Opened openReady(const PdfServiceOptions& options, const char* file = "text-3pages.pdf")
{
    Opened o;
    o.service = std::make_unique<PdfService>(options);
    o.doc.reset(o.service->openFile(pdf(file)));
    if (!waitState(o.doc.get(), PdfDocument::State::Ready))
        o.doc.reset();
    return o;
}

int darkPixels(const QImage& image)
{
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    int n = 0;
    for (int y = 0; y < gray.height(); ++y) {
        const uchar* line = gray.constScanLine(y);
        for (int x = 0; x < gray.width(); ++x)
            n += line[x] < 128;
    }
    return n;
}

} // namespace

class TestPdfService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(PdfService::defaultWorkerPath()),
                 "reviewdesk-pdfworker is not beside the test");
        QVERIFY(QFile::exists(pdf("big-500.pdf")));
    }

    void openRenderText()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("text-3pages.pdf")));
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        QCOMPARE(doc->pageCount(), 3);
        QCOMPARE(doc->pageSize(0), QSizeF(612, 792));

        Answer a = waitAnswer(doc.get(), doc->requestRender(0, 1.0));
        QVERIFY(a.done);
        QVERIFY2(!a.error.isError(), qPrintable(a.error.message));
        QCOMPARE(a.image.size(), QSize(612, 792));
        QVERIFY(darkPixels(a.image) > 500);

        a = waitAnswer(doc.get(), doc->requestRender(1, 2.0, 1));
        QVERIFY(!a.error.isError());
        QCOMPARE(a.image.size(), QSize(1584, 1224)); // rotated a quarter turn

        a = waitAnswer(doc.get(), doc->requestText(1));
        QVERIFY(a.done && !a.error.isError());
        QVERIFY(doc->hasText(1));
        const PdfPageText text = doc->text(1);
        QVERIFY(text.plainText().contains(QStringLiteral("alpha-2-omega.")));
        for (const PdfWord& w : text.words)
            QVERIFY(QRectF(0, 0, 612, 792).contains(w.box));
        const auto hits = PdfSearchModel::searchPage(text, QStringLiteral("ALPHA-2"), Qt::CaseInsensitive);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0].boxes.size(), 1);
        QCOMPARE(text.textIn(hits[0].boxes[0].adjusted(1, 1, -1, -1)), QStringLiteral("alpha-2-omega."));

        a = waitAnswer(doc.get(), doc->requestRender(7, 1.0));
        QCOMPARE(a.error.code, PdfError::BadRequest);
    }

    // setFirstPage: page 1's render goes with the open; the pages are measured after it.
    void firstPageGoesWithTheOpen()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("mixed-sizes.pdf")));
        PdfFirstPage first;
        first.fitWidth = 612; // page 1 is US Letter: 1 pixel per point
        QVERIFY(doc->setFirstPage(first));
        QVERIFY(!doc->setFirstPage(first)); // sent already
        QSignalSpy sizesChanged(doc.get(), &PdfDocument::pageSizesChanged);
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        QCOMPARE(doc->pageCount(), 3);
        QCOMPARE(doc->pageSize(0), QSizeF(612, 792));
        if (!doc->pageSizesFinal()) // until measured, every page has page 1's size
            QCOMPARE(doc->pageSize(2), QSizeF(612, 792));
        // The request of page 1 at the fit's scale takes over the one that went with the open.
        const Answer a = waitAnswer(doc.get(), doc->requestRender(0, 1.0));
        QVERIFY2(!a.error.isError(), qPrintable(a.error.message));
        QCOMPARE(a.image.size(), QSize(612, 792));
        QCOMPARE(doc->renderRequestsSent(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(doc->pageSizesFinal(), 10000);
        QCOMPARE(sizesChanged.size(), 1);
        QCOMPARE(doc->pageSize(1), QSizeF(792, 612));
        QCOMPARE(doc->pageSize(2), QSizeF(595, 842));
        // Another scale: a render of its own.
        const Answer b = waitAnswer(doc.get(), doc->requestRender(0, 2.0));
        QCOMPARE(b.image.size(), QSize(1224, 1584));
        QCOMPARE(doc->renderRequestsSent(), 2);
    }

    // The first page arrives before anybody asks for it: kept for the request that comes.
    void firstPageKeptUntilAskedFor()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("text-3pages.pdf")));
        PdfFirstPage first;
        first.scale = 0.5;
        QSignalSpy rendered(doc.get(), &PdfDocument::pageRendered);
        QVERIFY(doc->setFirstPage(first));
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        QTRY_COMPARE_WITH_TIMEOUT(rendered.size(), 1, 20000); // received before anyone asked
        QCOMPARE(doc->renderRequestsSent(), 1);
        const Answer a = waitAnswer(doc.get(), doc->requestRender(0, 0.5));
        QCOMPARE(a.image.size(), QSize(306, 396));
        QCOMPARE(doc->renderRequestsSent(), 1);
        QVERIFY(darkPixels(a.image) > 100);
    }

    void firstPageScale_data()
    {
        QTest::addColumn<double>("scale");
        QTest::addColumn<double>("fitWidth");
        QTest::addColumn<double>("fitHeight");
        QTest::addColumn<int>("rotation");
        QTest::addColumn<double>("dpr");
        QTest::addColumn<double>("expected");
        // A US Letter page, 612 x 792 points.
        QTest::newRow("fixed") << 1.5 << 0.0 << 0.0 << 0 << 1.0 << 1.5;
        QTest::newRow("fit width") << 0.0 << 918.0 << 0.0 << 0 << 1.0 << 1.5;
        QTest::newRow("fit page: the height decides") << 0.0 << 918.0 << 396.0 << 0 << 1.0 << 0.5;
        QTest::newRow("fit width, turned") << 0.0 << 792.0 << 0.0 << 1 << 1.0 << 1.0;
        QTest::newRow("fit width, HiDPI") << 0.0 << 612.0 << 0.0 << 0 << 2.0 << 2.0;
        QTest::newRow("clamped") << 0.0 << 61200.0 << 0.0 << 0 << 1.0 << 8.0;
    }

    void firstPageScale()
    {
        QFETCH(double, scale);
        QFETCH(double, fitWidth);
        QFETCH(double, fitHeight);
        QFETCH(int, rotation);
        QFETCH(double, dpr);
        QFETCH(double, expected);
        PdfFirstPage f;
        f.scale = scale;
        f.fitWidth = fitWidth;
        f.fitHeight = fitHeight;
        f.rotation = rotation;
        f.devicePixelRatio = dpr;
        f.maxPixelsPerPoint = 8;
        QVERIFY(f.isValid());
        QCOMPARE(f.scaleFor(QSizeF(612, 792)), expected);
        QVERIFY(!PdfFirstPage{-1}.isValid());
        QVERIFY(!PdfFirstPage{}.isValid()); // neither a scale nor a fit
    }

    // Page images in the app: mappings made ready on the thread pool, kept for the next page.
    void pageImageMemory()
    {
        const qsizetype bpl = 918 * 4;
        PdfImageMemory::prepare(bpl * 1188);
        QTRY_VERIFY(PdfImageMemory::readyCount() >= 1);
        {
            QImage image = PdfImageMemory::allocate(918, 1188, bpl, QImage::Format_RGB32);
            QCOMPARE(image.size(), QSize(918, 1188));
            QCOMPARE(image.bytesPerLine(), bpl);
            image.fill(Qt::red);
            QCOMPARE(image.pixelColor(917, 1187), QColor(Qt::red));
            const QImage copy = image; // shares the mapping
            QCOMPARE(copy.pixelColor(0, 0), QColor(Qt::red));
        }
        QTRY_VERIFY(PdfImageMemory::readyCount() == 1); // the mapping waits for the next page
        // Small images are ordinary ones; bad geometry is refused.
        QCOMPARE(PdfImageMemory::allocate(100, 140, 400, QImage::Format_RGB32).size(), QSize(100, 140));
        QVERIFY(PdfImageMemory::allocate(918, 1188, 918 * 3, QImage::Format_RGB32).isNull());
        QVERIFY(PdfImageMemory::allocate(918, 1188, bpl + 2, QImage::Format_RGB32).isNull());
        QVERIFY(PdfImageMemory::allocate(0, 1188, bpl, QImage::Format_RGB32).isNull());
    }

    void pageImageMemoryCutToSize()
    {
        // A mapping got ready for a bigger page is cut to the image; the rest goes back afterwards,
        // not while the image is made (the first page waits for that).
        const qsizetype big = 16 * 1024 * 1024;
        PdfImageMemory::prepare(big);
        QTRY_VERIFY(PdfImageMemory::largestReady() >= big);
        const qsizetype bpl = 918 * 4;
        const QImage image = PdfImageMemory::allocate(918, 1188, bpl, QImage::Format_RGB32);
        QVERIFY(!image.isNull());
        QVERIFY(PdfImageMemory::unusedBytes() >= big - bpl * 1188 - 4096);
        QTRY_COMPARE(PdfImageMemory::unusedBytes(), qsizetype(0));
        QCOMPARE(image.bytesPerLine(), bpl);
    }

    void pixelsOverThePipeMatchSharedBuffer()
    {
        PdfServiceOptions pipe;
        pipe.sharedMemoryPixels = false;
        PdfService viaPipe(pipe);
        PdfService viaShared;
        std::unique_ptr<PdfDocument> a(viaPipe.openFile(pdf("scanned-2pages.pdf")));
        std::unique_ptr<PdfDocument> b(viaShared.openFile(pdf("scanned-2pages.pdf")));
        QVERIFY(waitState(a.get(), PdfDocument::State::Ready));
        QVERIFY(waitState(b.get(), PdfDocument::State::Ready));
        for (int page = 0; page < 2; ++page) {
            const Answer x = waitAnswer(a.get(), a->requestRender(page, 0.8));
            const Answer y = waitAnswer(b.get(), b->requestRender(page, 0.8));
            QVERIFY(!x.error.isError() && !y.error.isError());
            QCOMPARE(x.image, y.image);
        }
    }

    void openFromData()
    {
        QFile f(pdf("clinic-note.pdf"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openData(f.readAll(), QStringLiteral("note")));
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        QCOMPARE(doc->pageCount(), 2);
        const Answer a = waitAnswer(doc.get(), doc->requestText(0));
        QVERIFY(!a.error.isError());
        QVERIFY(doc->text(0).plainText().contains(QStringLiteral("crouch gait")));
    }

    void scannedPageHasNoText()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("scanned-2pages.pdf")));
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        Answer a = waitAnswer(doc.get(), doc->requestText(0));
        QVERIFY(!a.error.isError());
        QVERIFY(doc->text(0).words.isEmpty());
        a = waitAnswer(doc.get(), doc->requestRender(0, 0.5));
        QVERIFY(!a.error.isError());
        QVERIFY(darkPixels(a.image) > 1000);
    }

    void encrypted()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("encrypted-secret.pdf")));
        QVERIFY(waitState(doc.get(), PdfDocument::State::NeedsPassword));
        QCOMPARE(doc->error().code, PdfError::NeedsPassword);
        doc->setPassword("wrong");
        QVERIFY(waitState(doc.get(), PdfDocument::State::NeedsPassword));
        QCOMPARE(doc->error().code, PdfError::WrongPassword);
        doc->setPassword("secret");
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        QCOMPARE(doc->pageCount(), 2);
        const Answer a = waitAnswer(doc.get(), doc->requestText(0));
        QVERIFY(!a.error.isError());
        QVERIFY(doc->text(0).plainText().contains(QStringLiteral("unlocked-text")));
    }

    void damagedAndBroken()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("damaged-xref.pdf")));
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        const Answer a = waitAnswer(doc.get(), doc->requestText(0));
        QVERIFY(doc->text(0).plainText().contains(QStringLiteral("repaired-ok")));
        Q_UNUSED(a);

        QTemporaryDir dir;
        const QString garbage = dir.filePath(QStringLiteral("garbage.pdf"));
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(QByteArray(5000, 'x'));
        g.close();
        for (const QString& path :
             {garbage, dir.filePath(QStringLiteral("missing.pdf")), pdf("truncated.pdf")}) {
            std::unique_ptr<PdfDocument> bad(service.openFile(path));
            QTRY_VERIFY_WITH_TIMEOUT(bad->state() != PdfDocument::State::Opening, 20000);
            if (path != pdf("truncated.pdf")) {
                QCOMPARE(bad->state(), PdfDocument::State::Failed);
                QCOMPARE(bad->error().code, PdfError::LoadFailed);
                QVERIFY(!bad->error().message.isEmpty());
            }
        }
    }

    // Poppler draws these pages without failing but reports errors on the way: the worker says so with
    // each page, each render with its own errors only; a clean page says nothing.
    void drawingErrorsComeWithThePage()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("damaged-page.pdf")));
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        QCOMPARE(doc->pageCount(), 3);
        for (int page : {0, 1, 2}) {
            const Answer a = waitAnswer(doc.get(), doc->requestRender(page, 1.0));
            QVERIFY(a.done);
            QVERIFY2(!a.error.isError(), qPrintable(a.error.message)); // drawn, not failed
            QCOMPARE(a.image.size(), QSize(612, 792));
        }
        QVERIFY(!doc->hasPageProblems(0));
        const QString second = doc->pageProblems(1).join(QLatin1Char('\n'));
        QVERIFY2(second.contains(QStringLiteral("'ImMissing'")) && second.contains(QStringLiteral("'xyzzy'")),
                 qPrintable(second));
        const QString third = doc->pageProblems(2).join(QLatin1Char('\n'));
        QVERIFY2(third.contains(QStringLiteral("flate"), Qt::CaseInsensitive), qPrintable(third));
        QVERIFY2(!third.contains(QStringLiteral("xyzzy")), qPrintable(third));

        // Again after page 3 (the last render's errors are the page's): page 2 has its own only, page 1
        // none at another zoom.
        QVERIFY(waitAnswer(doc.get(), doc->requestRender(1, 0.5)).done);
        QVERIFY2(!doc->pageProblems(1).join(QLatin1Char('\n')).contains(QStringLiteral("flate")),
                 qPrintable(doc->pageProblems(1).join(QLatin1Char('\n'))));
        QVERIFY(waitAnswer(doc.get(), doc->requestRender(0, 0.5)).done);
        QVERIFY(!doc->hasPageProblems(0));

        // Every page of the other test PDFs is clean (the repaired xref too: its errors are the open's).
        for (const char* name : {"text-3pages.pdf", "scanned-2pages.pdf", "clinic-note.pdf", "pt-notes.pdf",
                                 "referral-letter.pdf", "mixed-sizes.pdf", "damaged-xref.pdf"}) {
            std::unique_ptr<PdfDocument> clean(service.openFile(pdf(name)));
            QVERIFY2(waitState(clean.get(), PdfDocument::State::Ready), name);
            for (int page = 0; page < clean->pageCount(); ++page) {
                const Answer a = waitAnswer(clean.get(), clean->requestRender(page, 0.5));
                QVERIFY2(a.done && !a.image.isNull(), name);
                QVERIFY2(!clean->hasPageProblems(page),
                         qPrintable(QStringLiteral("%1 page %2: %3")
                                        .arg(QLatin1String(name))
                                        .arg(page + 1)
                                        .arg(clean->pageProblems(page).join(QLatin1Char(' ')))));
            }
        }
    }

    void probe()
    {
        PdfProbeResult text, locked, unlocked, garbage;
        QThread* thread = QThread::create([&] {
            text = PdfService::probe(pdf("text-3pages.pdf"));
            locked = PdfService::probe(pdf("encrypted-secret.pdf"));
            unlocked = PdfService::probe(pdf("encrypted-secret.pdf"), "secret");
            garbage = PdfService::probe(QStringLiteral(REVIEWDESK_TEST_DATA "/does-not-exist.pdf"));
        });
        thread->start();
        QTRY_VERIFY_WITH_TIMEOUT(thread->isFinished(), 30000);
        delete thread;
        QVERIFY(text.ok());
        QCOMPARE(text.pageCount, 3);
        QCOMPARE(locked.error.code, PdfError::NeedsPassword);
        QVERIFY(unlocked.ok());
        QCOMPARE(unlocked.pageCount, 2);
        QCOMPARE(garbage.error.code, PdfError::LoadFailed);
    }

    void cancelDropsRequest()
    {
        PdfServiceOptions options;
        options.workersPerDocument = 1; // answers in order: nothing can come after queued2's
        options.extraWorkerArguments = {QStringLiteral("--test-render-delay-ms"), QStringLiteral("400")};
        const Opened opened = openReady(options);
        PdfDocument* doc = opened.doc.get();
        QVERIFY(doc);
        QSignalSpy rendered(doc, &PdfDocument::pageRendered);
        QSignalSpy failed(doc, &PdfDocument::requestFailed);
        const quint32 running = doc->requestRender(0, 1.0);
        const quint32 queued1 = doc->requestRender(1, 1.0, 0, PdfDocument::PriorityPrefetch);
        const quint32 queued2 = doc->requestRender(2, 1.0, 0, PdfDocument::PriorityPrefetch);
        QTRY_VERIFY(doc->renderRequestsSent() >= 1); // running is in the worker
        doc->cancel(running);
        doc->cancel(queued1);
        const Answer a = waitAnswer(doc, queued2);
        QVERIFY(!a.error.isError());
        // One worker answers in order: a request after queued2 is answered after anything for the others.
        const Answer b = waitAnswer(doc, doc->requestText(0));
        QVERIFY(b.done);
        QCOMPARE(rendered.size(), 1);
        QCOMPARE(rendered.at(0).at(0).toUInt(), queued2);
        QCOMPARE(failed.size(), 0);
    }

    void searchTextGoesBeforeThumbnailsAndPrefetch()
    {
        PdfServiceOptions options;
        options.workersPerDocument = 1; // answers in order
        options.extraWorkerArguments = {QStringLiteral("--test-render-delay-ms"), QStringLiteral("300")};
        const Opened opened = openReady(options);
        PdfDocument* doc = opened.doc.get();
        QVERIFY(doc);
        QList<quint32> order;
        connect(doc, &PdfDocument::pageRendered, doc, [&order](quint32 id) { order.append(id); });
        connect(doc, &PdfDocument::textReady, doc, [&order](quint32 id) {
            if (!order.contains(id))
                order.append(id);
        });
        const quint32 running = doc->requestRender(0, 1.0);
        QTRY_VERIFY(doc->renderRequestsSent() >= 1); // running is in the worker; the rest queue
        const quint32 thumbnail = doc->requestRender(1, 0.2, 0, PdfDocument::PriorityThumbnail);
        const quint32 prefetch = doc->requestRender(2, 1.0, 0, PdfDocument::PriorityPrefetch);
        const quint32 search = doc->requestTextRange(1, 2, PdfDocument::PrioritySearch);
        QTRY_VERIFY_WITH_TIMEOUT(order.size() == 4, 30000);
        QCOMPARE(order, (QList<quint32>{running, search, thumbnail, prefetch}));
    }

    void pageBufferMustBeSealed()
    {
        // The app reads page images from the worker's page buffer only when the worker cannot shrink
        // it under the app's mapping (that would crash the app): a worker that did not seal it gets
        // its pages refused, with a message, and the app goes on.
        PdfServiceOptions options;
        options.extraWorkerArguments = {QStringLiteral("--test-unsealed-page-buffer"), QStringLiteral("1")};
        const Opened opened = openReady(options);
        PdfDocument* doc = opened.doc.get();
        QVERIFY(doc);
        const Answer a = waitAnswer(doc, doc->requestRender(0, 1.0));
        QVERIFY(a.done);
        QCOMPARE(a.error.code, PdfError::RenderFailed);
        QVERIFY(a.image.isNull());
        // The same worker build, sealing as it should: the page comes.
        PdfService sealed;
        std::unique_ptr<PdfDocument> good(sealed.openFile(pdf("text-3pages.pdf")));
        QVERIFY(waitState(good.get(), PdfDocument::State::Ready));
        const Answer b = waitAnswer(good.get(), good->requestRender(0, 1.0));
        QVERIFY(!b.error.isError() && !b.image.isNull());
    }

    void spareWaitsUntilWorkersAreIdle()
    {
        // Starting the next spare takes a core for a while: not while a worker renders.
        PdfServiceOptions options;
        options.workersPerDocument = 1;
        options.extraWorkerArguments = {QStringLiteral("--test-render-delay-ms"), QStringLiteral("1200")};
        PdfService service(options);
        QTRY_VERIFY(service.hasSpare());
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("text-3pages.pdf")));
        QVERIFY(waitState(doc.get(), PdfDocument::State::Ready));
        QVERIFY(!service.hasSpare()); // the document took it
        const quint32 id = doc->requestRender(0, 1.0);
        // Throughout the render (1.2 s; a new spare would start 500 ms after the last was taken), none,
        // up to the moment the answer arrives (a spare may start right after it, in the same turn of the
        // event loop).
        bool spareDuringRender = false;
        bool answered = false;
        QObject::connect(doc.get(), &PdfDocument::pageRendered, doc.get(), [&](quint32 got) {
            if (got != id)
                return;
            answered = true;
            spareDuringRender |= service.hasSpare();
        });
        (void)QTest::qWaitFor(
            [&] {
                if (!answered)
                    spareDuringRender |= service.hasSpare();
                return answered;
            },
            20000);
        QVERIFY(answered);
        QVERIFY(!spareDuringRender);
        QTRY_VERIFY_WITH_TIMEOUT(service.hasSpare(), 2000);
    }

    void workerKilledMidRenderRecovers()
    {
        PdfServiceOptions options;
        options.workersPerDocument = 1;
        options.extraWorkerArguments = {QStringLiteral("--test-render-delay-ms"), QStringLiteral("1500")};
        const Opened opened = openReady(options);
        PdfDocument* doc = opened.doc.get();
        QVERIFY(doc);
        const int sent = doc->renderRequestsSent();
        const quint32 id = doc->requestRender(0, 1.0);
        QTRY_VERIFY(doc->renderRequestsSent() > sent); // in the worker, which sleeps before rendering
        const QList<qint64> pids = doc->workerProcessIds();
        QCOMPARE(pids.size(), 1);
        ::kill(pid_t(pids[0]), SIGKILL);
        Answer a = waitAnswer(doc, id, 5000);
        QVERIFY(a.done);
        QCOMPARE(a.error.code, PdfError::WorkerCrashed);
        QVERIFY(!a.error.message.isEmpty());
        // Retry: the same request again starts a new worker.
        a = waitAnswer(doc, doc->requestRender(0, 1.0), 10000);
        QVERIFY2(!a.error.isError(), qPrintable(a.error.message));
        QCOMPARE(a.image.size(), QSize(612, 792));
        QVERIFY(doc->workerProcessIds().value(0) != pids[0]);
    }

    void hungWorkerIsKilled()
    {
        PdfServiceOptions options;
        options.workersPerDocument = 1;
        options.requestTimeoutMs = 500;
        options.extraWorkerArguments = {QStringLiteral("--test-render-delay-ms"), QStringLiteral("5000")};
        const Opened opened = openReady(options);
        PdfDocument* doc = opened.doc.get();
        QVERIFY(doc);
        QElapsedTimer t;
        t.start();
        Answer a = waitAnswer(doc, doc->requestRender(0, 1.0), 5000);
        QCOMPARE(a.error.code, PdfError::Timeout);
        QVERIFY(t.elapsed() < 3000);
        // Text requests are not delayed: the restarted worker serves them.
        a = waitAnswer(doc, doc->requestText(0), 10000);
        QVERIFY2(!a.error.isError(), qPrintable(a.error.message));
    }

    void memoryLimit()
    {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("no RLIMIT_AS under AddressSanitizer");
#endif
        PdfServiceOptions options;
        options.workersPerDocument = 1;
        options.memoryLimitMiB = 300;
        const Opened opened = openReady(options);
        PdfDocument* doc = opened.doc.get();
        QVERIFY(doc);
        Answer a = waitAnswer(doc, doc->requestRender(0, 12.0)); // about 280 MB of pixels
        QVERIFY(a.done);
        QCOMPARE(a.error.code, PdfError::RenderFailed);
        a = waitAnswer(doc, doc->requestRender(0, 20.0)); // over our own pixel cap
        QCOMPARE(a.error.code, PdfError::BadRequest);
        a = waitAnswer(doc, doc->requestRender(0, 1.0));
        QVERIFY(!a.error.isError());
    }

    void searchBigDocumentTwice()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> big(service.openFile(pdf("big-500.pdf")));
        std::unique_ptr<PdfDocument> note(service.openFile(pdf("clinic-note.pdf")));
        QVERIFY(waitState(big.get(), PdfDocument::State::Ready));
        QVERIFY(waitState(note.get(), PdfDocument::State::Ready));
        QCOMPARE(big->pageCount(), 500);
        int expected = 0;
        for (int n = 1; n <= 500; ++n)
            expected += n % 50 == 1 && n % 3 != 0;

        PdfSearchModel model;
        QSignalSpy progress(&model, &PdfSearchModel::progress);
        QElapsedTimer t;
        t.start();
        model.start({big.get(), note.get()}, QStringLiteral("crouch gait"));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isRunning(), 120000);
        const qint64 first = t.elapsed();
        QCOMPARE(model.pagesDone(), 502);
        QCOMPARE(model.pagesFailed(), 0);
        QVERIFY(progress.size() > 10);
        QCOMPARE(model.rowCount(), expected + 2); // the clinic note says it twice
        for (int row = 1; row < model.rowCount(); ++row) {
            const auto prev = std::pair(model.hit(row - 1).document, model.hit(row - 1).page);
            QVERIFY(prev <= std::pair(model.hit(row).document, model.hit(row).page));
        }
        QCOMPARE(model.hit(0).page, 0);
        QVERIFY(!model.hit(0).boxes.isEmpty());

        t.restart();
        model.start({big.get()}, QStringLiteral("page-marker-250"));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isRunning(), 20000);
        const qint64 second = t.elapsed();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.hit(0).page, 249);
        qInfo("search of 502 pages: %lld ms; again from extracted text: %lld ms", first, second);
        QVERIFY(second < first);

        // Cancel stops a running search.
        std::unique_ptr<PdfDocument> big2(service.openFile(pdf("big-500.pdf")));
        QVERIFY(waitState(big2.get(), PdfDocument::State::Ready));
        model.start({big2.get()}, QStringLiteral("gait"));
        QVERIFY(QTest::qWaitFor([&model] { return model.pagesDone() > 0; }, 20000));
        model.cancel();
        QVERIFY(!model.isRunning());
        QVERIFY(model.pagesDone() < 500);

        // Documents still opening join the search when ready; a failing one drops out.
        std::unique_ptr<PdfDocument> fresh(service.openFile(pdf("referral-letter.pdf")));
        std::unique_ptr<PdfDocument> locked(service.openFile(pdf("encrypted-secret.pdf")));
        model.start({fresh.get(), locked.get()}, QStringLiteral("crouch gait"));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isRunning(), 20000);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.pagesDone(), 1);

        // A document deleted during a search ends its part of the search.
        model.start({big2.get(), note.get()}, QStringLiteral("gait"));
        QVERIFY(QTest::qWaitFor([&model] { return model.pagesDone() > 0; }, 20000));
        big2.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isRunning(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestPdfService)
#include "tst_pdfservice.moc"
