// The reviewer's workstation on the real MainWindow, real case files (CaseFile::create in a
// temporary folder) and the real engine: a case done with keys only, citations, a broken
// attachment, routing, the queue.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "checklist/PolicyLoader.h"
#include "model/pdf/PdfDocument.h"
#include "ui/CaseOpener.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/case/PdfAttachmentViewer.h"
#include "ui/case/SummaryPage.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/checklist/JudgmentPage.h"
#include "ui/pdf/PdfPageView.h"
#include "ui/pdf/PdfViewer.h"
#include "ui/queue/CaseQueueFilter.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUndoStack>

using namespace rd;
using namespace rd::test;

namespace {

std::unique_ptr<CaseFile> reopen(const QString& path)
{
    QString error;
    auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
    if (!file)
        qWarning("reopen failed");
    return file;
}

void dragMouse(QWidget* widget, QPoint from, QPoint to)
{
    QTest::mousePress(widget, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(widget, (from + to) / 2);
    QTest::mouseMove(widget, to);
    QTest::mouseRelease(widget, Qt::LeftButton, Qt::NoModifier, to);
}

int countAudit(const CaseFile& file, const QString& action, const QString& target = {})
{
    int count = 0;
    for (const AuditEntry& entry : file.auditTrail())
        if (entry.action == action && (target.isEmpty() || entry.target == target))
            ++count;
    return count;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void completeCaseWithKeysOnly();
    void undoAndRedoAreRecordedJudgments();
    void citeEvidenceAndJumpBack();
    void brokenAttachmentNeverBlocksChecklist();
    void routingDenialWarnsAboutUnreadPages();
    void routingPendsForMissingInformation();
    void queueListsFiltersAndFollowsFolder();
    void openPathOpensCaseOrFolder();
    void layoutIsRemembered();
    void caseHeldElsewhereOpensReadOnly();
    void navigationKeys();
    void newCaseFromJson();
    void addRecordsToOpenCase();
    void citationInAnotherAttachmentOpensIt();
    void titleShowsTheFolderAsTheQueueDoes();
    void listingLeavesTheStatusBarToTheReviewer();
    void recordOpensBeforeTheChecklistIsBuilt();

private:
    std::unique_ptr<MainWindow> showWindow();
    void answerAllWithKeys(MainWindow* window, const QString& exclusionKey = QStringLiteral("N"));

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestMainWindow"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QSettings().clear();
    QSettings().setValue(QStringLiteral("reviewer/name"), QStringLiteral("nurse.test"));
    MessageBox::setAutoAnswer(std::nullopt);
}

void TestMainWindow::cleanup()
{
    MessageBox::setAutoAnswer(std::nullopt);
    m_dir.reset();
}

std::unique_ptr<MainWindow> TestMainWindow::showWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setLogin(test::logIn(QStringLiteral("nurse.test")));
    window->openFolder(m_dir->path());
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active");
    return window;
}

// Every step answered with keys only: M for criteria (the indication by its type's number, which
// answers Met, then J), the exclusion key for exclusions; the checklist moves on by itself and skips
// the step that an earlier answer settled.
void TestMainWindow::answerAllWithKeys(MainWindow* window, const QString& exclusionKey)
{
    ChecklistView* checklist = window->caseView()->checklist();
    QVERIFY(checklist->stepCount() > 0);
    QCOMPARE(checklist->currentIndex(), 0);
    for (int keys = 0; !checklist->isOnSummary() && keys < 40; ++keys) {
        const ChecklistStep step = checklist->steps().at(checklist->currentIndex());
        QVERIFY2(checklist->settledBy(checklist->currentIndex()).isEmpty(), qPrintable(step.id));
        if (step.exclusion) {
            press(window, exclusionKey == QLatin1String("Y") ? Qt::Key_Y : Qt::Key_N);
        } else if (!step.types.isEmpty()) {
            press(window, Qt::Key_2); // the second type: neuromuscular disease (answers Met)
            press(window, Qt::Key_J);
        } else {
            press(window, Qt::Key_M);
        }
    }
    QVERIFY(checklist->isOnSummary());
}

void TestMainWindow::completeCaseWithKeysOnly()
{
    const QString path =
        createCase(m_dir->path(), QStringLiteral("keys"),
                   openRequest(QStringLiteral("M2001"),
                               {QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")}));
    QVERIFY(!path.isEmpty());
    auto window = showWindow();
    // From the queue, with keys: the table has the focus, Enter opens the current case.
    QTRY_COMPARE(window->queueView()->model()->rowCount(), 1);
    // Ctrl+F, type part of the member id, Enter: the one match opens.
    press(window.get(), Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("m2001"));
    press(window.get(), Qt::Key_Return);
    QTRY_VERIFY(window->session()); // read off the GUI thread
    QVERIFY(window->windowTitle().contains(QStringLiteral("M2001")));

    // A note, with keys: E, type, Esc (saved, and the keys answer again).
    press(window.get(), Qt::Key_E);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Spastic diplegia, GMFCS II"));
    press(window.get(), Qt::Key_Escape);
    QCOMPARE(window->session()->answer(QStringLiteral("indication"))->note,
             QStringLiteral("Spastic diplegia, GMFCS II"));

    answerAllWithKeys(window.get());
    ChecklistView* checklist = window->caseView()->checklist();
    const QStringList ids = [&] {
        QStringList list;
        for (const ChecklistStep& step : checklist->steps())
            list << step.id;
        return list;
    }();
    QVERIFY(ids.contains(QStringLiteral("emg-equipment")));
    QVERIFY(ids.contains(QStringLiteral("emg-distinct")));
    QVERIFY(!ids.contains(QStringLiteral("plantar-pressure")));
    QCOMPARE(checklist->decision().error, QString());
    QCOMPARE(toString(checklist->decision().decision.overall), toString(OverallOutcome::Approved));
    QVERIFY(window->caseView()->checklist()->summaryPage()->plainText().contains(QStringLiteral("Approved")));

    // Finalize with the keyboard: Ctrl+R, then yes.
    MessageBox::setNextAnswer(QMessageBox::Yes);
    press(window.get(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY2(window->session()->file()->isSigned(), qPrintable(MessageBox::lastText()));
    press(window.get(), Qt::Key_W, Qt::ControlModifier); // close the case: back to the queue
    QVERIFY(!window->session());

    // The saved judgments, read back from the real case file.
    auto file = reopen(path);
    QVERIFY(file);
    const CaseData& data = file->data();
    QCOMPARE(toString(data.status), toString(CaseStatus::Determined));
    for (const ChecklistStep& step : checklist->steps()) {
        if (step.id == QLatin1String("conservative-care-exception")) {
            QVERIFY(!data.answers.contains(step.id)); // not asked: conservative care is met
            continue;
        }
        QVERIFY2(data.answers.contains(step.id), qPrintable(step.id));
        QCOMPARE(toString(data.answers.value(step.id).value),
                 toString(step.exclusion ? AnswerValue::No : AnswerValue::Met));
        QVERIFY(countAudit(*file, QStringLiteral("judgment.record"), step.id) >= 1);
    }
    QCOMPARE(data.answers.value(QStringLiteral("indication")).types,
             QStringList{QStringLiteral("neuromuscular-disease")});
    // Exactly the engine's decision, as reviewdesk-cli evaluate computes it.
    const auto policy = PolicyLoader::loadBuiltIn();
    QVERIFY(policy.ok());
    QCOMPARE(toString(Engine(*policy).evaluate(data).overall), toString(OverallOutcome::Approved));
    QVERIFY(file->verify().ok());
    for (const AuditEntry& entry : file->auditTrail())
        if (entry.action == QLatin1String("judgment.record"))
            QCOMPARE(entry.actor, QStringLiteral("nurse.test"));
}

void TestMainWindow::undoAndRedoAreRecordedJudgments()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("undo"),
                                    openRequest(QStringLiteral("M2002"), {QStringLiteral("96000")}));
    auto window = showWindow();
    ChecklistView::setAutoAdvance(false); // answers given again on one step
    QVERIFY(window->openCase(path));
    ChecklistView* checklist = window->caseView()->checklist();
    QCOMPARE(checklist->currentJudgment(), QStringLiteral("indication"));
    press(window.get(), Qt::Key_J); // management-impact
    press(window.get(), Qt::Key_N);
    press(window.get(), Qt::Key_M);
    QCOMPARE(toString(window->session()->answer(QStringLiteral("management-impact"))->value),
             toString(AnswerValue::Met));
    press(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(toString(window->session()->answer(QStringLiteral("management-impact"))->value),
             toString(AnswerValue::NotMet));
    press(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(toString(window->session()->answer(QStringLiteral("management-impact"))->value),
             toString(AnswerValue::Unknown));
    press(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(toString(window->session()->answer(QStringLiteral("management-impact"))->value),
             toString(AnswerValue::NotMet));
    // A denial shows live in the summary.
    press(window.get(), Qt::Key_S);
    QVERIFY(checklist->isOnSummary());
    QCOMPARE(toString(checklist->decision().decision.overall), toString(OverallOutcome::Denied));
    QVERIFY(checklist->summaryPage()->plainText().contains(QStringLiteral("management-impact")));
    // Exactly the engine's decision (what reviewdesk-cli evaluate prints), every reason shown.
    const auto policy = PolicyLoader::loadBuiltIn();
    QVERIFY(policy.ok());
    const Decision expected = Engine(*policy).evaluate(window->session()->data());
    QVERIFY(checklist->decision().decision == expected);
    for (const LineDecision& line : expected.lines)
        for (const Reason& reason : line.reasons)
            QVERIFY2(checklist->summaryPage()->plainText().contains(reason.text), qPrintable(reason.id));
    window->closeCase();

    auto file = reopen(path);
    QCOMPARE(toString(file->data().answers.value(QStringLiteral("management-impact")).value),
             toString(AnswerValue::NotMet));
    // not-met, met, undo (not-met), undo (unknown), redo (not-met): five audited judgments.
    QCOMPARE(countAudit(*file, QStringLiteral("judgment.record"), QStringLiteral("management-impact")), 5);
    QVERIFY(file->verify().ok());
}

void TestMainWindow::citeEvidenceAndJumpBack()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("cite"),
                                    openRequest(QStringLiteral("M2003"), {QStringLiteral("96000")}),
                                    {{QStringLiteral("clinic-note.pdf"), makePdf(5), 5}});
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    auto* viewer = qobject_cast<PdfAttachmentViewer*>(window->caseView()->viewer());
    QVERIFY(viewer);
    QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);
    QCOMPARE(viewer->pageCount(), 5);
    const auto info = window->session()->file()->attachment(QStringLiteral("clinic-note.pdf"));
    QVERIFY(info);
    QTRY_VERIFY_WITH_TIMEOUT(!window->session()->unviewedPages(*info).contains(1), 20000); // drawn

    // The reader goes to page 2 and selects the passage with the mouse (text selection).
    PdfViewer* pdf = viewer->pdfViewer();
    PdfPageView* view = pdf->pageView();
    pdf->setCurrentPage(1);
    QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(view->isPageSharp(1), 20000);
    QSignalSpy selected(viewer, &AttachmentViewer::selectionChanged);
    const QPoint from = view->pageToViewport(1, {70, 88});
    const QPoint to = view->pageToViewport(1, {420, 88});
    dragMouse(view->viewport(), from, to);
    QTRY_VERIFY_WITH_TIMEOUT(pdf->document()->hasText(1), 10000);
    if (!viewer->selection()) // the text layer arrived after the release: select again
        dragMouse(view->viewport(), from, to);
    QTRY_VERIFY(viewer->selection().has_value());
    const Evidence expected = *viewer->selection();
    QCOMPARE(expected.page, 2);
    QVERIFY2(expected.quote.contains(QStringLiteral("crouch gait")), qPrintable(expected.quote));

    window->caseView()->checklist()->setFocus();
    press(window.get(), Qt::Key_C);
    const auto answer = window->session()->answer(QStringLiteral("indication"));
    QVERIFY(answer);
    QCOMPARE(answer->evidence, QList<Evidence>{expected});
    {
        auto file = reopen(path);
        QCOMPARE(file->data().answers.value(QStringLiteral("indication")).evidence,
                 QList<Evidence>{expected});
    }

    // Elsewhere now; the citation opens the page again and highlights the passage.
    QTRY_VERIFY_WITH_TIMEOUT(!window->session()->unviewedPages(*info).contains(2), 20000); // drawn
    pdf->setCurrentPage(3);
    QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 4, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->session()->unviewedPages(*info).contains(4), 20000); // drawn
    JudgmentPage* page = window->caseView()->checklist()->judgmentPage();
    QCOMPARE(page->citations()->count(), 1);
    window->caseView()->checklist()->setFocus();
    press(window.get(), Qt::Key_L);
    QCOMPARE(QApplication::focusWidget(), page->citations());
    press(window.get(), Qt::Key_Return);
    // The cited passage on page 2 is in view again.
    QTRY_VERIFY_WITH_TIMEOUT(
        view->viewport()->rect().contains(view->pageToViewport(1, expected.rect.center())), 10000);
    QVERIFY(viewer->currentPage() <= 2);

    // Pages shown (drawn, not only scrolled past) were recorded for the reading coverage.
    window->session()->flushViewedPages();
    const QList<int> viewed = window->session()->file()->viewedPages(info->id);
    QVERIFY(viewed.contains(1) && viewed.contains(2) && viewed.contains(4));
    QVERIFY(!viewed.contains(5));
}

void TestMainWindow::brokenAttachmentNeverBlocksChecklist()
{
    const QString path =
        createCase(m_dir->path(), QStringLiteral("broken"),
                   openRequest(QStringLiteral("M2004"), {QStringLiteral("96000")}),
                   {{QStringLiteral("scan.pdf"), QByteArrayLiteral("this is not a PDF at all"), 2}});
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    auto* viewer = window->caseView()->viewer();
    QSignalSpy failed(viewer, &AttachmentViewer::failed);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QCOMPARE(failed.first().first().toString(), QStringLiteral("scan.pdf"));
    QCOMPARE(MessageBox::shownCount() >= 0, true);
    // The checklist answers on.
    press(window.get(), Qt::Key_M);
    press(window.get(), Qt::Key_1);
    QCOMPARE(toString(window->session()->answer(QStringLiteral("indication"))->value),
             toString(AnswerValue::Met));
    window->closeCase();
    auto file = reopen(path);
    QCOMPARE(file->data().answers.value(QStringLiteral("indication")).types,
             QStringList{QStringLiteral("gait-abnormality")});
}

void TestMainWindow::routingDenialWarnsAboutUnreadPages()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("deny"),
                                    openRequest(QStringLiteral("M2005"), {QStringLiteral("96000")}),
                                    {{QStringLiteral("clinic-note.pdf"), makePdf(4), 4},
                                     {QStringLiteral("pt-notes.pdf"), makePdf(2), 2}});
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    QTRY_COMPARE_WITH_TIMEOUT(window->caseView()->viewer()->currentPage(), 1, 20000);
    // Page 1 counts as read once it is drawn.
    const auto note = window->session()->file()->attachment(QStringLiteral("clinic-note.pdf"));
    QTRY_VERIFY_WITH_TIMEOUT(!window->session()->unviewedPages(*note).contains(1), 20000);
    answerAllWithKeys(window.get(), QStringLiteral("Y")); // every exclusion applies: a denial

    // The reviewer backs out at the warning: nothing changes. Ctrl+R routes from the attachment
    // too (where Ctrl+Right / Ctrl+Left rotate: no key the window uses).
    auto* pages = window->findChild<PdfPageView*>();
    QVERIFY(pages);
    pages->setFocus();
    QTRY_VERIFY(pages->hasFocus());
    press(window.get(), Qt::Key_Right, Qt::ControlModifier);
    QCOMPARE(pages->rotation(), 1);
    press(window.get(), Qt::Key_Left, Qt::ControlModifier);
    QCOMPARE(pages->rotation(), 0);
    MessageBox::setNextAnswer(QMessageBox::No);
    press(window.get(), Qt::Key_R, Qt::ControlModifier);
    // Page 1 was shown (and maybe the top of page 2); the last pages and the other file never.
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("clinic-note.pdf: pages ")),
             qPrintable(MessageBox::lastText()));
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("–4")));
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("pt-notes.pdf: never opened")));
    QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::InReview));

    MessageBox::setNextAnswer(QMessageBox::Yes);
    press(window.get(), Qt::Key_R, Qt::ControlModifier);
    window->closeCase();
    auto file = reopen(path);
    QCOMPARE(toString(file->data().status), toString(CaseStatus::AwaitingMedicalDirector));
}

void TestMainWindow::routingPendsForMissingInformation()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("pend"),
                                    openRequest(QStringLiteral("M2006"), {QStringLiteral("96000")}));
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    press(window.get(), Qt::Key_U);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    press(window.get(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("Documented clinical indication")));
    window->closeCase();
    QCOMPARE(toString(reopen(path)->data().status), toString(CaseStatus::PendedForInformation));
}

void TestMainWindow::queueListsFiltersAndFollowsFolder()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    createCase(
        m_dir->path(), QStringLiteral("a"),
        openRequest(QStringLiteral("A100"), {QStringLiteral("96000")}, Urgency::Expedited, now.addDays(-4)));
    createCase(
        m_dir->path(), QStringLiteral("b"),
        openRequest(QStringLiteral("B200"), {QStringLiteral("96002")}, Urgency::Standard, now.addDays(-1)));
    auto window = showWindow();
    CaseQueueModel* model = window->queueView()->model();
    QTRY_COMPARE(model->rowCount(), 2);
    const int overdue = model->rowOf(QDir(m_dir->path()).filePath(QStringLiteral("a.rdcase")));
    const int onTime = model->rowOf(QDir(m_dir->path()).filePath(QStringLiteral("b.rdcase")));
    QVERIFY(model->index(overdue, 0).data(CaseQueueModel::OverdueRole).toBool());
    QVERIFY(!model->index(onTime, 0).data(CaseQueueModel::OverdueRole).toBool());
    QVERIFY(model->index(overdue, CaseQueueModel::DueColumn)
                .data()
                .toString()
                .contains(QStringLiteral("overdue")));
    QVERIFY(
        model->index(onTime, CaseQueueModel::DueColumn).data().toString().contains(QStringLiteral("left")));

    // Search.
    CaseQueueFilter* filter = window->queueView()->filter();
    filter->setSearchText(QStringLiteral("b200"));
    QCOMPARE(filter->rowCount(), 1);
    filter->setSearchText(QStringLiteral("no-such-member"));
    QCOMPARE(filter->rowCount(), 0);
    QVERIFY(!window->queueView()->table()->isVisible()); // a sentence says why instead
    filter->setSearchText(QStringLiteral("b200"));
    QVERIFY(window->queueView()->table()->isVisible());
    filter->setSearchText({});
    // Status filter: both are new.
    filter->setStatusFilter(CaseQueueFilter::StatusFilter::Only, CaseStatus::InReview);
    QCOMPARE(filter->rowCount(), 0);
    filter->setStatusFilter(CaseQueueFilter::StatusFilter::Only, CaseStatus::New);
    QCOMPARE(filter->rowCount(), 2);
    // Sorting by due time puts the overdue case first.
    filter->setStatusFilter(CaseQueueFilter::StatusFilter::Open);
    filter->sort(CaseQueueModel::DueColumn, Qt::AscendingOrder);
    QCOMPARE(filter->index(0, 0).data(CaseQueueModel::PathRole).toString(), model->pathAt(overdue));

    // Files added and removed are followed.
    createCase(m_dir->path(), QStringLiteral("c"),
               openRequest(QStringLiteral("C300"), {QStringLiteral("96001")}));
    QTRY_COMPARE(model->rowCount(), 3);
    QVERIFY(QFile::remove(QDir(m_dir->path()).filePath(QStringLiteral("b.rdcase"))));
    QTRY_COMPARE(model->rowCount(), 2);
    // A file that is not a case shows as unreadable, without blocking the rest.
    QFile junk(QDir(m_dir->path()).filePath(QStringLiteral("junk.rdcase")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a case file");
    junk.close();
    QTRY_COMPARE(model->rowCount(), 3);
    const int junkRow = model->rowOf(junk.fileName());
    QVERIFY(junkRow >= 0);
    QVERIFY(model->index(junkRow, 0).data().toString().contains(QStringLiteral("cannot be read")));
}

void TestMainWindow::openPathOpensCaseOrFolder()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("p"),
                                    openRequest(QStringLiteral("P100"), {QStringLiteral("96000")}));
    auto window = showWindow();
    QVERIFY(window->openPath(path));
    QTRY_VERIFY(window->session()); // read off the GUI thread
    QVERIFY(window->windowTitle().contains(QStringLiteral("P100")));
    QVERIFY(window->openPath(m_dir->path()));
    QCOMPARE(window->queueView()->model()->folder(), QDir(m_dir->path()).absolutePath());
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QVERIFY(!window->openPath(QDir(m_dir->path()).filePath(QStringLiteral("missing.rdcase"))));
}

void TestMainWindow::layoutIsRemembered()
{
    QList<int> sizes;
    {
        auto window = showWindow();
        window->caseView()->splitter()->setSizes({300, 900});
        sizes = window->caseView()->splitter()->sizes();
        window->close();
    }
    auto window = showWindow();
    QCOMPARE(window->caseView()->splitter()->sizes(), sizes);
    QCOMPARE(window->queueView()->model()->folder(), QDir(m_dir->path()).absolutePath());
    QCOMPARE(MainWindow::defaultFolder(), QDir(m_dir->path()).absolutePath());
}

void TestMainWindow::caseHeldElsewhereOpensReadOnly()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("held"),
                                    openRequest(QStringLiteral("H100"), {QStringLiteral("96000")}));
    QString error;
    auto holder = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
    QVERIFY2(holder && !holder->isReadOnly(), qPrintable(error));
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    QVERIFY(window->session()->isReadOnly());
    QVERIFY(!window->caseView()->viewer()->isVisible()); // no attachments: a plain note, no endless "Opening"
    QVERIFY(window->windowTitle().contains(QStringLiteral("read-only")));
    const int dialogs = MessageBox::shownCount();
    press(window.get(), Qt::Key_M);
    QVERIFY(!window->session()->answer(QStringLiteral("indication")));
    QCOMPARE(MessageBox::shownCount(), dialogs); // said in the status bar, no modal dialog
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("read-only")));
    window->closeCase();
    holder.reset();
    QVERIFY(!reopen(path)->data().answers.contains(QStringLiteral("indication")));
}

void TestMainWindow::navigationKeys()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("nav"),
                                    openRequest(QStringLiteral("N100"), {QStringLiteral("96000")}));
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    ChecklistView* checklist = window->caseView()->checklist();
    QCOMPARE(checklist->currentIndex(), 0);
    press(window.get(), Qt::Key_PageDown);
    QCOMPARE(checklist->currentIndex(), 1);
    press(window.get(), Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(checklist->currentIndex(), 2);
    press(window.get(), Qt::Key_K);
    QCOMPARE(checklist->currentIndex(), 1);
    press(window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(checklist->currentIndex(), 0);
    press(window.get(), Qt::Key_PageUp); // stays on the first
    QCOMPARE(checklist->currentIndex(), 0);
    press(window.get(), Qt::Key_S);
    QVERIFY(checklist->isOnSummary());
    // Y on a criterion does not answer it.
    press(window.get(), Qt::Key_Home, Qt::AltModifier);
    QCOMPARE(checklist->currentIndex(), 0);
    press(window.get(), Qt::Key_Y);
    QVERIFY(!window->session()->answer(QStringLiteral("indication")));
    // The queue and back with Ctrl+1 / Ctrl+2; the answer keys do nothing on the queue.
    press(window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window->centralWidget()->findChild<QueueView*>()->isVisible(), true);
    press(window.get(), Qt::Key_M);
    QVERIFY(!window->session()->answer(QStringLiteral("indication")));
    press(window.get(), Qt::Key_2, Qt::ControlModifier);
    QVERIFY(window->caseView()->isVisible());
    press(window.get(), Qt::Key_M);
    QCOMPARE(toString(window->session()->answer(QStringLiteral("indication"))->value),
             toString(AnswerValue::Met));
}

void TestMainWindow::newCaseFromJson()
{
    auto window = showWindow();
    const QDir dir(m_dir->path());
    const QString note = dir.filePath(QStringLiteral("clinic-note.pdf"));
    QVERIFY(test::writeFile(note, makePdf(3)));
    const QString pt = dir.filePath(QStringLiteral("pt-notes.pdf"));
    QVERIFY(test::writeFile(pt, makePdf(2)));
    const QString json = QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json");

    // The records go into the new case, checked and stored off the GUI thread; then it opens.
    const QString target = dir.filePath(QStringLiteral("from-json.rdcase"));
    QSignalSpy created(window.get(), &MainWindow::caseCreated);
    QVERIFY(window->createCaseFromJson(json, target, {note, pt}));
    QVERIFY(window->isBusyWithCase());
    QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 30000);
    QCOMPARE(created.at(0).at(1).toBool(), true);
    QVERIFY(window->session());
    QCOMPARE(window->session()->data().member.id, QStringLiteral("M1002"));
    QCOMPARE(toString(window->session()->answer(QStringLiteral("indication"))->value),
             toString(AnswerValue::Met));
    QCOMPARE(window->caseView()->attachmentChooser()->count(), 2);
    QTRY_COMPARE(window->queueView()->model()->rowOf(target) >= 0, true);

    // A PDF that is not one is refused with a message naming it, and nothing is created.
    const QString broken = dir.filePath(QStringLiteral("broken.pdf"));
    QVERIFY(test::writeFile(broken, QByteArray("%PDF-1.4\nnot really\n")));
    const QString refused = dir.filePath(QStringLiteral("refused.rdcase"));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QVERIFY(window->createCaseFromJson(json, refused, {note, broken}));
    QTRY_COMPARE_WITH_TIMEOUT(created.size(), 2, 30000);
    QCOMPARE(created.at(1).at(1).toBool(), false);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("broken.pdf")));
    QVERIFY(!QFile::exists(refused));
    QCOMPARE(window->session()->path(), target); // the open case stays

    // A bad JSON is refused at once with a message naming the file; nothing is created.
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QVERIFY(test::writeFile(bad, "{ \"member\": 3 }"));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QVERIFY(!window->createCaseFromJson(bad, dir.filePath(QStringLiteral("bad.rdcase"))));
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("bad.json")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad.rdcase"))));
}

void TestMainWindow::addRecordsToOpenCase()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("rfi"),
                                    openRequest(QStringLiteral("R100"), {QStringLiteral("96000")}),
                                    {{QStringLiteral("clinic-note.pdf"), makePdf(2), 2}});
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    QVERIFY(window->session()->recordAnswer(QStringLiteral("cosmetic"), Answer{AnswerValue::No, {}, {}, {}}));
    const QDir dir(m_dir->path());
    // The records that answered a request for information: stored, and the case opens again on them.
    const QString pt = dir.filePath(QStringLiteral("pt-notes.pdf"));
    QVERIFY(test::writeFile(pt, makePdf(4)));
    QSignalSpy added(window.get(), &MainWindow::recordsAdded);
    QVERIFY(window->addRecordsToCase({pt}));
    QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 30000);
    QCOMPARE(added.at(0).at(1).toBool(), true);
    QVERIFY(window->session());
    QCOMPARE(window->session()->path(), path);
    QCOMPARE(window->session()->file()->attachments().size(), 2);
    QCOMPARE(window->caseView()->attachmentChooser()->currentIndex(), 1);
    QCOMPARE(toString(window->session()->answer(QStringLiteral("cosmetic"))->value),
             toString(AnswerValue::No)); // kept
    // The message stays, though the queue lists its folder again meanwhile.
    QSignalSpy listed(window->queueView()->model(), &CaseQueueModel::loaded);
    window->queueView()->model()->rescan();
    QVERIFY(listed.wait(30000));
    QVERIFY2(window->statusBar()->currentMessage().startsWith(QStringLiteral("1 clinical record")),
             qPrintable(window->statusBar()->currentMessage()));

    // A name the case holds, or a file that is not a PDF: refused with a message, the case unchanged
    // and open again.
    const QString broken = dir.filePath(QStringLiteral("fax.pdf"));
    QVERIFY(test::writeFile(broken, QByteArray("%PDF-1.4\ntruncated")));
    for (const QString& bad : {QString(dir.filePath(QStringLiteral("clinic-note.pdf"))), broken}) {
        if (!QFile::exists(bad))
            QVERIFY(test::writeFile(bad, makePdf(1)));
        MessageBox::setNextAnswer(QMessageBox::Ok);
        QVERIFY(window->addRecordsToCase({bad}));
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2 + (bad == broken ? 1 : 0), 30000);
        QCOMPARE(added.last().at(1).toBool(), false);
        QVERIFY2(MessageBox::lastText().contains(QFileInfo(bad).fileName()),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(window->session());
        QCOMPARE(window->session()->file()->attachments().size(), 2);
    }
}

void TestMainWindow::citationInAnotherAttachmentOpensIt()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("two"),
                                    openRequest(QStringLiteral("T100"), {QStringLiteral("96000")}),
                                    {{QStringLiteral("clinic-note.pdf"), makePdf(2), 2},
                                     {QStringLiteral("pt-notes.pdf"), makePdf(6), 6}});
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    auto* viewer = qobject_cast<PdfAttachmentViewer*>(window->caseView()->viewer());
    QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);
    QCOMPARE(viewer->currentAttachment(), QStringLiteral("clinic-note.pdf"));
    // A citation on page 5 of the other attachment (given as a scanned-page area).
    const Evidence evidence{QStringLiteral("pt-notes.pdf"), 5, {}, QRectF(70, 80, 300, 20)};
    QVERIFY(window->caseView()->checklist()->cite(evidence));
    window->caseView()->checklist()->setFocus();
    press(window.get(), Qt::Key_L);
    press(window.get(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(viewer->currentAttachment(), QStringLiteral("pt-notes.pdf"), 10000);
    QCOMPARE(window->caseView()->attachmentChooser()->currentIndex(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->currentPage() > 0, 20000); // read and opened
    PdfPageView* view = viewer->pdfViewer()->pageView();
    QTRY_VERIFY_WITH_TIMEOUT(
        !view->pageRectInViewport(4).isEmpty() &&
            view->viewport()->rect().contains(view->pageToViewport(4, evidence.rect.center())),
        10000);
    // Page Down in the attachment turns its pages; the checklist stays where it is.
    const int step = window->caseView()->checklist()->currentIndex();
    const int scrolled = viewer->pdfViewer()->pageView()->verticalScrollBar()->value();
    viewer->pdfViewer()->pageView()->setFocus();
    press(window.get(), Qt::Key_PageDown);
    QCOMPARE(window->caseView()->checklist()->currentIndex(), step);
    QVERIFY(viewer->pdfViewer()->pageView()->verticalScrollBar()->value() > scrolled);
    // Saved with its rectangle.
    window->closeCase();
    QCOMPARE(reopen(path)->data().answers.value(QStringLiteral("indication")).evidence,
             QList<Evidence>{evidence});
}

// The title names the queue's folder as the queue does: "~/Cases", not a path of the machine.
void TestMainWindow::titleShowsTheFolderAsTheQueueDoes()
{
    auto window = showWindow();
    QTemporaryDir home;
    const QByteArray savedHome = qgetenv("HOME");
    qputenv("HOME", QFile::encodeName(home.path()));
    const auto restore = qScopeGuard([&] { qputenv("HOME", savedHome); });
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral("Cases")));
    window->openFolder(home.filePath(QStringLiteral("Cases")));
    QCOMPARE(window->windowTitle(), QStringLiteral("~/Cases — ReviewDesk"));
    const auto* label = window->queueView()->findChild<QLabel*>(QStringLiteral("queueFolder"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("~/Cases"));
    // A folder outside the home folder: its path.
    window->openFolder(m_dir->path());
    QCOMPARE(window->windowTitle(),
             QStringLiteral("%1 — ReviewDesk").arg(QDir(m_dir->path()).absolutePath()));
}

// A listing of the folder says nothing in the status bar: the queue shows the count, and how long the
// listing took is no reviewer's concern (the model's loaded() signal gives it to the benchmark).
void TestMainWindow::listingLeavesTheStatusBarToTheReviewer()
{
    createCase(m_dir->path(), QStringLiteral("a"),
               openRequest(QStringLiteral("A100"), {QStringLiteral("96000")}));
    createCase(m_dir->path(), QStringLiteral("b"),
               openRequest(QStringLiteral("B200"), {QStringLiteral("96002")}));
    auto window = showWindow();
    CaseQueueModel* model = window->queueView()->model();
    QTRY_COMPARE(model->rowCount(), 2);
    QSignalSpy listed(model, &CaseQueueModel::loaded);
    window->statusBar()->clearMessage();
    model->rescan();
    QVERIFY(listed.wait(30000));
    QCOMPARE(listed.last().at(0).toInt(), 2);
    QVERIFY(listed.last().at(1).toLongLong() >= 0);
    QVERIFY2(window->statusBar()->currentMessage().isEmpty(),
             qPrintable(window->statusBar()->currentMessage()));
    bool counted = false;
    for (const QLabel* label : window->queueView()->findChildren<QLabel*>())
        counted = counted || label->text().startsWith(QStringLiteral("Cases: 2"));
    QVERIFY(counted);
}

// The case opener copies the first attachment into memory on the pool while it reads the case, and the
// case view hands it to the PDF worker before it builds the checklist: the record's page 1 is rendered on
// another core meanwhile, and no second trip to the pool comes between the case and its record.
void TestMainWindow::recordOpensBeforeTheChecklistIsBuilt()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("ahead"),
                                    openRequest(QStringLiteral("A100"), {QStringLiteral("96000")}),
                                    {{QStringLiteral("clinic-note.pdf"), makePdf(5), 5}});
    auto window = showWindow();
    CaseOpener opener;
    std::optional<CaseOpener::Result> opened;
    opener.open(path, test::actor(QStringLiteral("nurse.test")),
                [&opened](CaseOpener::Result& result) { opened = std::move(result); });
    QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
    QVERIFY2(opened->file, qPrintable(opened->error));
    QVERIFY(opened->firstAttachment);
    QString error;
    QVERIFY2(opened->firstAttachment->verify(&error), qPrintable(error)); // the recorded bytes, whole

    auto* viewer = qobject_cast<PdfAttachmentViewer*>(window->caseView()->viewer());
    QVERIFY(viewer);
    window->showSession(
        CaseSession::fromFile(std::move(opened->file), test::actor(QStringLiteral("nurse.test"))),
        opened->firstAttachment);
    // Before any event is processed: the record's document exists, its open already sent.
    QVERIFY(viewer->pdfViewer()->document());
    QCOMPARE(viewer->pdfViewer()->document()->state(), PdfDocument::State::Opening);
    QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);
    QCOMPARE(viewer->pageCount(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->pdfViewer()->pageView()->isPageSharp(0), 20000);

    // Without a read-ahead (a case shown some other way) the record is read on the pool, as before.
    window->closeCase();
    QString openError;
    auto session = CaseSession::open(path, test::actor(QStringLiteral("nurse.test")), &openError);
    QVERIFY2(session, qPrintable(openError));
    window->showSession(std::move(session));
    QVERIFY(!viewer->pdfViewer()->document());
    QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);

    // The window's own open (the queue's path): when the checklist takes the focus, in the turn of the
    // event loop that shows the case, the record's document is open already.
    window->closeCase();
    window->queueView()->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(!window->caseView()->checklist()->hasFocus());
    std::optional<bool> documentWhenShown;
    ChecklistView* checklist = window->caseView()->checklist();
    const auto watch = connect(qApp, &QApplication::focusChanged, window.get(), [&](QWidget*, QWidget* now) {
        if (!documentWhenShown && now && (now == checklist || checklist->isAncestorOf(now)))
            documentWhenShown = viewer->pdfViewer()->document() != nullptr;
    });
    QVERIFY(window->openPath(path));
    QTRY_VERIFY_WITH_TIMEOUT(documentWhenShown.has_value(), 20000);
    disconnect(watch);
    QVERIFY(*documentWhenShown);
    QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
