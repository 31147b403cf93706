// PdfViewer offscreen over the real worker: first page, navigation, zoom, rotation, selections,
// jump to evidence, a killed worker shown in place of the page and recovered with Retry, password.
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfService.h"
#include "ui/pdf/PdfPageCache.h"
#include "ui/pdf/PdfSearch.h"
#include "ui/pdf/PdfSearchPanel.h"
#include "ui/pdf/PdfTextPrefetch.h"
#include "ui/pdf/PdfViewer.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <csignal>

using namespace rd;

namespace {

QString pdf(const char* name)
{
    return QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/") + QLatin1String(name);
}

void drag(QWidget* w, QPoint from, QPoint to)
{
    QTest::mousePress(w, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(w, (from + to) / 2);
    QTest::mouseMove(w, to);
    QTest::mouseRelease(w, Qt::LeftButton, Qt::NoModifier, to);
}

void saveScreenshot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("REVIEWDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(QDir(dir).filePath(QLatin1String(name)));
}

// A viewer shown at a size, over a document of its own PDF service: what most tests start with.
struct ShownViewer
{
    explicit ShownViewer(const QString& path, QSize size = {900, 700}, const PdfServiceOptions& options = {})
        : service(options)
    {
        viewer.resize(size);
        viewer.show();
        doc.reset(service.openFile(path));
        viewer.setDocument(doc.get());
    }
    PdfService service;
    PdfViewer viewer;
    std::unique_ptr<PdfDocument> doc;
};

} // namespace

class TestPdfViewer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bigDocument()
    {
        PdfService service;
        PdfViewer viewer;
        viewer.resize(1100, 850);
        viewer.show();
        QElapsedTimer t;
        t.start();
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("big-500.pdf")));
        viewer.setDocument(doc.get());
        PdfPageView* view = viewer.pageView();
        QTRY_VERIFY_WITH_TIMEOUT(doc->state() == PdfDocument::State::Ready, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(0), 20000);
        qInfo("first page sharp %lld ms after open", t.elapsed());
        QCOMPARE(viewer.currentPage(), 0);

        // Jump far: the pages in between are never rendered, what scrolled away is cancelled.
        for (int page = 10; page < 300; page += 29)
            viewer.setCurrentPage(page);
        viewer.setCurrentPage(299);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(299), 20000);
        QCOMPARE(viewer.currentPage(), 299);
        QVERIFY(!view->isPageSharp(100));
        QVERIFY(view->pendingRenderCount() <= 8);
        // The neighbours are prefetched.
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(301), 20000);

        // Zoom, and a thumbnail stands in until the sharp image arrives.
        viewer.setZoom(2.0);
        QCOMPARE(viewer.zoom(), 2.0);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(299), 20000);
        QVERIFY(viewer.cache()->totalCostKiB() <= viewer.cache()->maxCostKiB());
        viewer.setZoomMode(PdfPageView::ZoomMode::FitPage);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(299), 20000);
        QVERIFY(view->pageRectInViewport(299).height() <= view->viewport()->height());

        // Rotation: page coordinates survive the round trip.
        viewer.setRotation(1);
        viewer.setCurrentPage(299);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(299), 20000);
        const QRect r = view->pageRectInViewport(299);
        QVERIFY(r.width() > r.height());
        const QPointF p(100, 200);
        QVERIFY((view->viewportToPage(299, view->pageToViewport(299, p)) - p).manhattanLength() < 2);
        viewer.showEvidence(300, QRectF(), QStringLiteral("page-marker-301"));
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(300), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(view->highlightedPage(), 300, 10000);
        saveScreenshot(&viewer, "viewer-rotated.png");
        viewer.setRotation(0);
        viewer.setZoomMode(PdfPageView::ZoomMode::FitWidth);

        // Jump to evidence by quote.
        viewer.showEvidence(120, QRectF(), QStringLiteral("page-marker-121"));
        QTRY_COMPARE_WITH_TIMEOUT(viewer.currentPage(), 120, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(120), 20000);
        saveScreenshot(&viewer, "viewer-evidence.png");
    }

    void selections()
    {
        ShownViewer setup(pdf("big-500.pdf"), {1000, 800});
        PdfViewer& viewer = setup.viewer;
        std::unique_ptr<PdfDocument>& doc = setup.doc;
        PdfPageView* view = viewer.pageView();
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(0), 20000);
        QWidget* vp = view->viewport();

        // Text: drag across the title "Clinical record excerpt 1" (baseline 52 pt from the top).
        QSignalSpy textSpy(&viewer, &PdfViewer::textSelected);
        drag(vp, view->pageToViewport(0, {74, 47}), view->pageToViewport(0, {300, 47}));
        QTRY_VERIFY_WITH_TIMEOUT(doc->hasText(0), 10000);
        if (textSpy.isEmpty()) // the text arrived after the release: select again
            drag(vp, view->pageToViewport(0, {74, 47}), view->pageToViewport(0, {300, 47}));
        QCOMPARE(textSpy.size(), 1);
        QCOMPARE(textSpy.at(0).at(0).toInt(), 0);
        QCOMPARE(textSpy.at(0).at(2).toString(), QStringLiteral("Clinical record excerpt 1"));
        QCOMPARE(viewer.selectedText(), QStringLiteral("Clinical record excerpt 1"));
        viewer.copy();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Clinical record excerpt 1"));

        // Region on a text page.
        viewer.setSelectionMode(PdfPageView::SelectionMode::Region);
        QSignalSpy regionSpy(&viewer, &PdfViewer::regionSelected);
        drag(vp, view->pageToViewport(0, {60, 30}), view->pageToViewport(0, {400, 62}));
        QTRY_COMPARE_WITH_TIMEOUT(regionSpy.size(), 1, 10000);
        const QRectF rect = regionSpy.at(0).at(1).toRectF();
        QVERIFY(qAbs(rect.left() - 60) < 2 && qAbs(rect.bottom() - 62) < 2);
        QVERIFY(regionSpy.at(0).at(2).toString().contains(QStringLiteral("Clinical record excerpt 1")));

        // Region on a scanned page (page 3): no text, still evidence.
        viewer.setCurrentPage(2);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(2), 20000);
        drag(vp, view->pageToViewport(2, {100, 100}), view->pageToViewport(2, {300, 200}));
        QTRY_COMPARE_WITH_TIMEOUT(regionSpy.size(), 2, 10000);
        QCOMPARE(regionSpy.at(1).at(0).toInt(), 2);
        QVERIFY(regionSpy.at(1).at(2).toString().isEmpty());
        saveScreenshot(&viewer, "viewer-region.png");

        // Search panel: results stream in, a click highlights.
        viewer.searchPanel()->search(QStringLiteral("crouch gait"));
        QTRY_VERIFY_WITH_TIMEOUT(!viewer.searchPanel()->model()->isRunning(), 60000);
        QVERIFY(viewer.searchPanel()->model()->rowCount() > 3);
    }

    // Search goes to the hit: the first one found is shown and highlighted at once; Enter (the same
    // query), F3 and Shift+F3 step through the hits; Ctrl+F in the viewer opens its search box.
    void searchGoesToTheHit()
    {
        ShownViewer setup(pdf("big-500.pdf"), {1000, 800});
        PdfViewer& viewer = setup.viewer;
        PdfPageView* view = viewer.pageView();
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(0), 20000);
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QLineEdit* box = viewer.searchPanel()->queryEdit();
        QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(box->hasFocus());

        QSignalSpy shown(&viewer, &PdfViewer::searchHitShown);
        QTest::keyClicks(box, QStringLiteral("page-marker-250"));
        QTest::keyClick(box, Qt::Key_Return);
        QVERIFY(shown.wait(20000));
        QCOMPARE(shown.at(0).at(0).toInt(), 249);
        QCOMPARE(shown.at(0).at(2).toString(), QStringLiteral("page-marker-250"));
        QCOMPARE(view->highlightedPage(), 249);
        QCOMPARE(viewer.currentPage(), 249);
        const QPoint centre = view->pageToViewport(249, shown.at(0).at(1).toRectF().center());
        QVERIFY(view->viewport()->rect().contains(centre)); // on screen
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(249), 20000);

        // Many hits: pages 1, 101, 151, 201, ... (every 50th page, the scanned ones aside).
        QList<int> pages;
        for (int n = 1; n <= 500; ++n)
            if (n % 50 == 1 && n % 3 != 0)
                pages.append(n - 1);
        box->clear();
        QTest::keyClicks(box, QStringLiteral("crouch gait"));
        shown.clear();
        QTest::keyClick(box, Qt::Key_Return);
        QVERIFY(shown.wait(20000));
        const int first = shown.at(0).at(0).toInt();
        QVERIFY(pages.contains(first));
        QCOMPARE(view->highlightedPage(), first);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer.searchPanel()->model()->isRunning(), 60000);
        QCOMPARE(viewer.searchPanel()->model()->rowCount(), pages.size());
        // Step from the current hit: F3 in the page view, Enter in the box, Shift+F3 back.
        auto current = [&viewer] {
            return viewer.searchPanel()->model()->hit(viewer.searchPanel()->currentHit()).page;
        };
        const int from = viewer.searchPanel()->currentHit();
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_F3);
        QCOMPARE(viewer.searchPanel()->currentHit(), (from + 1) % pages.size());
        QCOMPARE(view->highlightedPage(), current());
        QTRY_COMPARE(viewer.currentPage(), current());
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Return);
        QCOMPARE(viewer.searchPanel()->currentHit(), (from + 2) % pages.size());
        QCOMPARE(view->highlightedPage(), current());
        QTest::keyClick(box, Qt::Key_F3, Qt::ShiftModifier);
        QTest::keyClick(box, Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(viewer.searchPanel()->currentHit(), from);
        QCOMPARE(view->highlightedPage(), pages.at(from));
        QTRY_COMPARE(viewer.currentPage(), pages.at(from));
    }

    // The search reports every page, but the panel shows its progress at most every 100 ms (repainting
    // the side panel for every page cost a search a third of the GUI thread's time): far fewer updates of
    // the bar than pages, and the final count once it ends.
    void searchProgressIsShownSparingly()
    {
        ShownViewer setup(pdf("big-500.pdf"), {1000, 800});
        PdfViewer& viewer = setup.viewer;
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageSharp(0), 20000);
        PdfSearchPanel* panel = viewer.searchPanel();
        auto* bar = panel->findChild<QProgressBar*>();
        QVERIFY(bar);
        QSignalSpy pages(panel->model(), &PdfSearchModel::progress);
        QSignalSpy shownValues(bar, &QProgressBar::valueChanged);
        QSignalSpy finished(panel->model(), &PdfSearchModel::finished);
        QElapsedTimer clock;
        clock.start();
        panel->search(QStringLiteral("page-marker-500"));
        QVERIFY(finished.wait(60000));
        const qint64 elapsed = clock.elapsed();
        QVERIFY(pages.size() >= 500);
        // One at the start, then at most one per interval (a coarse timer may fire up to 5 % early).
        QVERIFY2(shownValues.size() <= 2 + elapsed / 90,
                 qPrintable(QStringLiteral("%1 updates in %2 ms").arg(shownValues.size()).arg(elapsed)));
        QVERIFY(!bar->isVisible());
        QCOMPARE(panel->model()->rowCount(), 1);
        QVERIFY(panel->findChildren<QLabel*>().size() > 0);
        bool counted = false;
        for (const QLabel* label : panel->findChildren<QLabel*>())
            counted = counted || label->text() == QStringLiteral("1 result(s)");
        QVERIFY(counted);
    }

    // With text prefetch on (the case view's viewer), the text of every page is extracted after the
    // first page, and a search is then answered from memory: no text request goes to a worker, and the
    // hit is shown and highlighted as before.
    void textPrefetchAnswersTheSearchFromMemory()
    {
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("big-500.pdf")));
        PdfViewer viewer;
        QVERIFY(!viewer.textPrefetch()); // off by default
        viewer.setTextPrefetch(true);
        viewer.resize(1000, 800);
        viewer.show();
        viewer.setDocument(doc.get());
        QVERIFY(viewer.textPrefetch());
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageSharp(0), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.textPrefetch()->isFinished(), 60000);
        for (int page = 0; page < doc->pageCount(); ++page)
            QVERIFY(doc->hasText(page));
        const int sent = doc->textRequestsSent();
        QVERIFY(sent >= doc->pageCount() / PdfTextPrefetch::PagesPerRequest);
        QSignalSpy shown(&viewer, &PdfViewer::searchHitShown);
        viewer.searchPanel()->search(QStringLiteral("page-marker-500"));
        QVERIFY(shown.wait(20000));
        QCOMPARE(shown.at(0).at(0).toInt(), 499);
        QCOMPARE(viewer.pageView()->highlightedPage(), 499);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer.searchPanel()->model()->isRunning(), 20000);
        QCOMPARE(doc->textRequestsSent(), sent);
        // Another document: a prefetch of its own, the old one gone.
        std::unique_ptr<PdfDocument> other(service.openFile(pdf("text-3pages.pdf")));
        viewer.setDocument(other.get());
        QTRY_VERIFY_WITH_TIMEOUT(viewer.textPrefetch() && viewer.textPrefetch()->isFinished(), 30000);
        QVERIFY(other->hasText(2));
    }

    // The window's own Ctrl+F (Find in Queue) keeps its key while the focus is elsewhere; inside the
    // viewer the key opens the viewer's search.
    void findKeyBelongsToTheViewerWithTheFocus()
    {
        QWidget window;
        auto* queue = new QLineEdit(&window);
        auto* viewer = new PdfViewer(&window);
        PdfService service;
        std::unique_ptr<PdfDocument> doc(service.openFile(pdf("clinic-note.pdf")));
        viewer->setDocument(doc.get());
        auto* layout = new QVBoxLayout(&window);
        layout->addWidget(queue);
        layout->addWidget(viewer);
        auto* findInQueue = new QAction(&window);
        findInQueue->setShortcut(QKeySequence::Find);
        window.addAction(findInQueue);
        QSignalSpy queueFind(findInQueue, &QAction::triggered);
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QTRY_VERIFY(window.isActiveWindow());

        queue->setFocus();
        QTRY_VERIFY(queue->hasFocus());
        QTest::keyClick(queue, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(queueFind.size(), 1);

        QTRY_VERIFY_WITH_TIMEOUT(viewer->pageView()->isPageSharp(0), 20000);
        viewer->pageView()->setFocus();
        QTRY_VERIFY(viewer->pageView()->hasFocus());
        QTest::keyClick(viewer->pageView(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(queueFind.size(), 1);
        QVERIFY(viewer->searchPanel()->queryEdit()->hasFocus());
    }

    // Page 1 comes with the open and is laid out with its size; when the worker has measured the
    // others (a landscape page, an A4 page) the view lays them out again, page 1 still sharp.
    void firstPageThenTheRealPageSizes()
    {
        ShownViewer setup(pdf("mixed-sizes.pdf"));
        PdfViewer& viewer = setup.viewer;
        std::unique_ptr<PdfDocument>& doc = setup.doc;
        QVERIFY(viewer.pageView()->isVisible()); // it says "Opening…" itself, at its real size
        QTRY_VERIFY_WITH_TIMEOUT(doc->pageSizesFinal(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageSharp(0), 20000);
        viewer.pageView()->viewport()->repaint();
        const QRect portrait = viewer.pageView()->pageRectInViewport(0);
        const QRect landscape = viewer.pageView()->pageRectInViewport(1);
        QVERIFY(portrait.height() > portrait.width());
        QVERIFY(landscape.width() > landscape.height());
        QVERIFY(landscape.top() > portrait.bottom());
        // Fit width: the widest page (the landscape one) fills the width.
        QCOMPARE(landscape.width(), viewer.pageView()->viewport()->width() - 2 * 12 - 2);
    }

    void killedWorkerShowsRetry()
    {
        PdfServiceOptions options;
        options.workersPerDocument = 1;
        options.extraWorkerArguments = {QStringLiteral("--test-render-delay-ms"), QStringLiteral("1500")};
        ShownViewer setup(pdf("clinic-note.pdf"), {900, 700}, options);
        PdfViewer& viewer = setup.viewer;
        std::unique_ptr<PdfDocument>& doc = setup.doc;
        QTRY_VERIFY_WITH_TIMEOUT(doc->state() == PdfDocument::State::Ready, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->pendingRenderCount() > 0, 5000);
        QVERIFY(doc->renderRequestsSent() > 0); // page 1 went to the worker with the open
        const QList<qint64> pids = doc->workerProcessIds();
        QCOMPARE(pids.size(), 1);
        ::kill(pid_t(pids[0]), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageFailed(0), 5000);
        QVERIFY(viewer.pageView()->pageError(0).contains(QStringLiteral("crashed")));
        auto* retry = viewer.findChild<QPushButton*>(QStringLiteral("retryPage0"));
        QVERIFY(retry);
        QTRY_VERIFY(retry->isVisible());
        saveScreenshot(&viewer, "viewer-failed.png");
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageSharp(0), 20000);
        QVERIFY(!viewer.pageView()->isPageFailed(0));
    }

    void brokenFileShowsMessageAndRetry()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fax.pdf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("%PDF-1.4\nthis is not a PDF at all\n");
        f.close();
        ShownViewer setup(path);
        PdfViewer& viewer = setup.viewer;
        std::unique_ptr<PdfDocument>& doc = setup.doc;
        QTRY_VERIFY_WITH_TIMEOUT(doc->state() == PdfDocument::State::Failed, 20000);
        bool shown = false;
        for (QLabel* label : viewer.findChildren<QLabel*>())
            shown |= label->isVisible() &&
                     label->text().contains(QStringLiteral("fax.pdf could not be displayed"));
        QVERIFY(shown);
        QToolButton* retry = nullptr;
        for (QToolButton* b : viewer.findChildren<QToolButton*>())
            if (b->text() == QStringLiteral("Retry"))
                retry = b;
        QVERIFY(retry && retry->isVisible());
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(doc->state() == PdfDocument::State::Failed, 20000);
    }

    void documentDeletedUnderTheViewer()
    {
        PdfService service;
        PdfViewer viewer;
        viewer.resize(900, 700);
        viewer.show();
        auto* doc = service.openFile(pdf("text-3pages.pdf"));
        viewer.setDocument(doc);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageSharp(0), 20000);
        delete doc;
        QTRY_VERIFY(viewer.document() == nullptr);
        viewer.pageView()->viewport()->repaint();
        QTest::mouseClick(viewer.pageView()->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 300));
    }

    // A page that hangs Poppler (from the shared hostile corpus): the GUI keeps running, the page shows
    // the time-out in place, the other pages of other documents are unaffected.
    void hangingPageKeepsTheGuiResponsive()
    {
        const QString path = QStringLiteral(
            REVIEWDESK_SOURCE_DIR "/../shared/corpus/qpdf/qpdf_qtest_qpdf_shared-unnamed-field.pdf");
        if (!QFileInfo::exists(path))
            QSKIP("the shared corpus (../shared/corpus/qpdf) is not there");
        PdfServiceOptions options;
        options.requestTimeoutMs = 2000;
        ShownViewer setup(path, {900, 700}, options);
        PdfViewer& viewer = setup.viewer;

        QElapsedTimer clock;
        clock.start();
        qint64 last = 0;
        qint64 longestGap = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&] {
            longestGap = qMax(longestGap, clock.elapsed() - last);
            last = clock.elapsed();
        });
        tick.start(10);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageFailed(0), 15000);
        tick.stop();
        qInfo("page 1 refused after %lld ms; longest GUI event-loop gap %lld ms", clock.elapsed(),
              longestGap);
        QVERIFY(viewer.pageView()->pageError(0).contains(QStringLiteral("did not answer")));
        QVERIFY(longestGap < 500);
        QVERIFY(viewer.findChild<QPushButton*>(QStringLiteral("retryPage0")));
    }

    void password()
    {
        ShownViewer setup(pdf("encrypted-secret.pdf"));
        PdfViewer& viewer = setup.viewer;
        std::unique_ptr<PdfDocument>& doc = setup.doc;
        QTRY_VERIFY_WITH_TIMEOUT(doc->state() == PdfDocument::State::NeedsPassword, 20000);
        QLineEdit* edit = nullptr;
        for (QLineEdit* e : viewer.findChildren<QLineEdit*>())
            if (e->echoMode() == QLineEdit::Password)
                edit = e;
        QVERIFY(edit && edit->isVisible());
        QTest::keyClicks(edit, QStringLiteral("secret"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(doc->state() == PdfDocument::State::Ready, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageSharp(0), 20000);
    }

    // A page drawn with errors (blank or partial) carries a warning across its top; a clean page none.
    void incompletePageIsWarned()
    {
        ShownViewer setup(pdf("damaged-page.pdf"));
        PdfViewer& viewer = setup.viewer;
        PdfPageView* view = viewer.pageView();
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(0), 20000);
        QVERIFY(!view->isPageIncomplete(0));
        QVERIFY(!view->pageWarning(0));
        QVERIFY(!viewer.findChild<QLabel*>(QStringLiteral("pageWarning0")));

        viewer.setCurrentPage(1);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(1), 20000);
        QVERIFY(view->isPageIncomplete(1));
        QLabel* warning = view->pageWarning(1);
        QVERIFY(warning);
        QCOMPARE(warning->text(), QStringLiteral("This page may be incomplete: the PDF has errors on it."));
        QTRY_VERIFY(warning->isVisible());
        // On the page, across its top, inside it.
        const QRect page = view->pageRectInViewport(1);
        QVERIFY2(page.contains(warning->geometry()), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                                    .arg(warning->x())
                                                                    .arg(warning->y())
                                                                    .arg(warning->width())
                                                                    .arg(warning->height())));
        QVERIFY(warning->geometry().top() - page.top() < 20);
        QVERIFY(warning->width() > page.width() / 2);
        QVERIFY(!view->isPageFailed(1)); // drawn: no Retry, a warning
        saveScreenshot(&viewer, "pdf-incomplete-page.png");

        // It follows the page when the view scrolls and zooms.
        view->setZoom(view->zoom() / 2);
        QTRY_COMPARE(warning->geometry().left() - view->pageRectInViewport(1).left(), 8);
        viewer.setCurrentPage(0);
        QTRY_VERIFY(view->pageRectInViewport(1).top() > view->pageRectInViewport(0).top());
        QTRY_COMPARE(warning->geometry().top() - view->pageRectInViewport(1).top(), 8);
        QVERIFY(!view->pageWarning(0));
    }

    void screenshot()
    {
        ShownViewer setup(pdf("clinic-note.pdf"), {1200, 860});
        PdfViewer& viewer = setup.viewer;
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageSharp(0), 20000);
        viewer.showEvidence(0, QRectF(),
                            QStringLiteral("Persistent crouch gait with excessive knee flexion"));
        QTRY_COMPARE_WITH_TIMEOUT(viewer.pageView()->highlightedPage(), 0, 10000);
        viewer.showSearch();
        viewer.searchPanel()->queryEdit()->setText(QStringLiteral("crouch"));
        viewer.searchPanel()->search(QStringLiteral("crouch"));
        QTRY_VERIFY_WITH_TIMEOUT(!viewer.searchPanel()->model()->isRunning(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pageView()->isPageSharp(0), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(viewer.pageView()->pendingRenderCount(), 0, 20000);
        saveScreenshot(&viewer, "pdf-viewer.png");
    }
};

QTEST_MAIN(TestPdfViewer)
#include "tst_pdfviewer.moc"
