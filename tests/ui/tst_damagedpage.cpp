// A record with a damaged page on the real MainWindow: Poppler draws the page with errors (an image it
// does not have, garbage operators), the viewer says so on the page, and the page does not count as
// read; the clean page beside it does.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"
#include "model/pdf/PdfDocument.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/case/PdfAttachmentViewer.h"
#include "ui/pdf/PdfPageView.h"
#include "ui/pdf/PdfViewer.h"

#include <QDir>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rd::test;

namespace {

QByteArray damagedPdf()
{
    QFile file(QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/damaged-page.pdf"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void saveScreenshot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("REVIEWDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(QDir(dir).filePath(QLatin1String(name)));
}

} // namespace

class TestDamagedPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        useTestSettings(m_settingsDir.path(), QStringLiteral("TestDamagedPage"));
        MessageBox::setAutoAnswer(std::nullopt);
    }

    void damagedPageIsWarnedAndNotCountedRead()
    {
        QTemporaryDir dir;
        const QByteArray bytes = damagedPdf();
        QVERIFY(!bytes.isEmpty());
        const QString path = createCase(dir.path(), QStringLiteral("damaged"),
                                        openRequest(QStringLiteral("M3001"), {QStringLiteral("96000")}),
                                        {{QStringLiteral("record.pdf"), bytes, 3}});
        const auto owned = showWindowOn(dir.path());
        QVERIFY(owned);
        MainWindow& window = *owned;
        QVERIFY(window.openCase(path));
        auto* viewer = qobject_cast<PdfAttachmentViewer*>(window.caseView()->viewer());
        QVERIFY(viewer);
        QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);
        const auto info = window.session()->file()->attachment(QStringLiteral("record.pdf"));
        QVERIFY(info);
        // The clean page counts once it is drawn, and has no warning.
        QTRY_VERIFY_WITH_TIMEOUT(!window.session()->unviewedPages(*info).contains(1), 20000);
        PdfPageView* view = viewer->pdfViewer()->pageView();
        QVERIFY(!view->pageWarning(0));

        // Pages 1 and 2 in view together: the coverage pass that counts page 1 judges page 2 as well.
        const double pagePixels = (view->viewport()->height() - 3 * 12) / 2.0;
        view->setZoom(pagePixels / (792 * 96.0 / 72.0));
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(0) && view->isPageSharp(1), 20000);
        QVERIFY(view->viewport()->rect().contains(view->pageRectInViewport(1)));
        QLabel* warning = view->pageWarning(1);
        QVERIFY(warning);
        QTRY_VERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QStringLiteral("may be incomplete")));
        QVERIFY(view->pageRectInViewport(1).contains(warning->geometry()));
        QVERIFY(!view->isPageFailed(1)); // drawn, with errors: not a failure with Retry
        saveScreenshot(&window, "damaged-page-warning.png");

        QSignalSpy shown(viewer, &AttachmentViewer::pageShown);
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + 1);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
        QList<int> reported;
        for (const QList<QVariant>& args : std::as_const(shown))
            reported << args.at(1).toInt();
        QVERIFY2(reported.contains(1), qPrintable(QString::number(reported.size())));
        QVERIFY(!reported.contains(2));

        // Page 3 (an image that cannot be decoded): warned, never counted.
        viewer->pdfViewer()->setCurrentPage(2);
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(2), 20000);
        QTRY_VERIFY(view->pageWarning(2) && view->pageWarning(2)->isVisible());

        window.session()->flushViewedPages();
        const QList<int> viewed = window.session()->file()->viewedPages(info->id);
        QVERIFY(viewed.contains(1));
        QVERIFY(!viewed.contains(2));
        QVERIFY(!viewed.contains(3));
        QCOMPARE(window.session()->unviewedPages(*info), QList<int>({2, 3}));
        window.closeCase();
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestDamagedPage)
#include "tst_damagedpage.moc"
