// The reviewer's workstation on the real MainWindow, real case files (CaseFile::create in a
// temporary folder) and the real engine: a case done with keys only, citations, a broken
// attachment, routing, the queue.
#include "MainWindow.h"
#include "CaseQueueFilter.h"
#include "CaseQueueModel.h"
#include "CaseSession.h"
#include "CaseView.h"
#include "ChecklistView.h"
#include "JudgmentPage.h"
#include "MessageBox.h"
#include "PageListViewer.h"
#include "PolicyLoader.h"
#include "QueueView.h"
#include "SummaryPage.h"
#include "UiTestSupport.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
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

int countAudit(const CaseFile& file, const QString& action, const QString& target = {})
{
    int count = 0;
    for (const AuditEntry& entry : file.auditTrail())
        if (entry.action == action && (target.isEmpty() || entry.target == target))
            ++count;
    return count;
}

} // namespace

class MainWindowTest : public QObject
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

private:
    std::unique_ptr<MainWindow> showWindow();
    void answerAllWithKeys(MainWindow* window, const QString& exclusionKey = QStringLiteral("N"));

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void MainWindowTest::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("MainWindowTest"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void MainWindowTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QSettings().clear();
    QSettings().setValue(QStringLiteral("reviewer/name"), QStringLiteral("nurse.test"));
    MessageBox::setAutoAnswer(std::nullopt);
}

void MainWindowTest::cleanup()
{
    MessageBox::setAutoAnswer(std::nullopt);
    m_dir.reset();
}

std::unique_ptr<MainWindow> MainWindowTest::showWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->openFolder(m_dir->path());
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active");
    return window;
}

// Every step answered with keys only: M for criteria (with the indication type by number),
// the exclusion key for exclusions, J to move on.
void MainWindowTest::answerAllWithKeys(MainWindow* window, const QString& exclusionKey)
{
    ChecklistView* checklist = window->caseView()->checklist();
    QVERIFY(checklist->stepCount() > 0);
    QCOMPARE(checklist->currentIndex(), 0);
    for (int i = 0; i < checklist->stepCount(); ++i) {
        QCOMPARE(checklist->currentIndex(), i);
        const ChecklistStep step = checklist->steps().at(i);
        if (step.exclusion) {
            press(window, exclusionKey == QLatin1String("Y") ? Qt::Key_Y : Qt::Key_N);
        } else {
            press(window, Qt::Key_M);
            if (!step.types.isEmpty())
                press(window, Qt::Key_2); // the second type: neuromuscular disease
        }
        press(window, Qt::Key_J);
    }
    QVERIFY(checklist->isOnSummary());
}

void MainWindowTest::completeCaseWithKeysOnly()
{
    const QString path =
        createCase(m_dir->path(), QStringLiteral("keys"),
                   openRequest(QStringLiteral("M2001"),
                               {QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")}));
    QVERIFY(!path.isEmpty());
    auto window = showWindow();
    // From the queue, with keys: the table has the focus, Enter opens the current case.
    QTRY_COMPARE(window->queueView()->model()->rowCount(), 1);
    window->queueView()->table()->setFocus();
    QTRY_VERIFY(window->queueView()->table()->currentIndex().isValid());
    press(window.get(), Qt::Key_Return);
    QVERIFY(window->session());
    QVERIFY(window->windowTitle().contains(QStringLiteral("M2001")));

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
    window->closeCase();

    // The saved judgments, read back from the real case file.
    auto file = reopen(path);
    QVERIFY(file);
    const CaseData& data = file->data();
    QCOMPARE(toString(data.status), toString(CaseStatus::Determined));
    for (const ChecklistStep& step : checklist->steps()) {
        QVERIFY2(data.answers.contains(step.id), qPrintable(step.id));
        QCOMPARE(data.answers.value(step.id).value,
                 step.exclusion ? QStringLiteral("no") : QStringLiteral("met"));
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

void MainWindowTest::undoAndRedoAreRecordedJudgments()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("undo"),
                                    openRequest(QStringLiteral("M2002"), {QStringLiteral("96000")}));
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    ChecklistView* checklist = window->caseView()->checklist();
    QCOMPARE(checklist->currentJudgment(), QStringLiteral("indication"));
    press(window.get(), Qt::Key_J); // management-impact
    press(window.get(), Qt::Key_N);
    press(window.get(), Qt::Key_M);
    QCOMPARE(window->session()->answer(QStringLiteral("management-impact"))->value, QStringLiteral("met"));
    press(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window->session()->answer(QStringLiteral("management-impact"))->value,
             QStringLiteral("not-met"));
    press(window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window->session()->answer(QStringLiteral("management-impact"))->value,
             QStringLiteral("unknown"));
    press(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window->session()->answer(QStringLiteral("management-impact"))->value,
             QStringLiteral("not-met"));
    // A denial shows live in the summary.
    press(window.get(), Qt::Key_S);
    QVERIFY(checklist->isOnSummary());
    QCOMPARE(toString(checklist->decision().decision.overall), toString(OverallOutcome::Denied));
    QVERIFY(checklist->summaryPage()->plainText().contains(QStringLiteral("management-impact")));
    window->closeCase();

    auto file = reopen(path);
    QCOMPARE(file->data().answers.value(QStringLiteral("management-impact")).value,
             QStringLiteral("not-met"));
    // not-met, met, undo (not-met), undo (unknown), redo (not-met): five audited judgments.
    QCOMPARE(countAudit(*file, QStringLiteral("judgment.record"), QStringLiteral("management-impact")), 5);
    QVERIFY(file->verify().ok());
}

void MainWindowTest::citeEvidenceAndJumpBack()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("cite"),
                                    openRequest(QStringLiteral("M2003"), {QStringLiteral("96000")}),
                                    {{QStringLiteral("clinic-note.pdf"), makePdf(3), 3}});
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    auto* viewer = qobject_cast<PageListViewer*>(window->caseView()->viewer());
    QVERIFY(viewer);
    QTRY_COMPARE(viewer->currentPage(), 1);

    // The reader goes to page 2 and marks the passage.
    auto* pageBox = viewer->findChild<QSpinBox*>();
    QVERIFY(pageBox);
    pageBox->setValue(2);
    auto* passage = viewer->findChild<QLineEdit*>();
    passage->setFocus();
    QTest::keyClicks(passage, QStringLiteral("crouch gait, GMFCS II"));
    window->caseView()->checklist()->setFocus();
    press(window.get(), Qt::Key_C);

    const Evidence expected{
        QStringLiteral("clinic-note.pdf"), 2, QStringLiteral("crouch gait, GMFCS II"), {}};
    const auto answer = window->session()->answer(QStringLiteral("indication"));
    QVERIFY(answer);
    QCOMPARE(answer->evidence, QList<Evidence>{expected});
    {
        auto file = reopen(path);
        QCOMPARE(file->data().answers.value(QStringLiteral("indication")).evidence,
                 QList<Evidence>{expected});
    }

    // Elsewhere now; the citation opens the page again and highlights the passage.
    pageBox->setValue(3);
    QCOMPARE(viewer->currentPage(), 3);
    JudgmentPage* page = window->caseView()->checklist()->judgmentPage();
    QCOMPARE(page->citations()->count(), 1);
    window->caseView()->checklist()->setFocus();
    press(window.get(), Qt::Key_L);
    QCOMPARE(QApplication::focusWidget(), page->citations());
    press(window.get(), Qt::Key_Return);
    QCOMPARE(viewer->currentPage(), 2);
    bool highlighted = false;
    for (QLabel* label : viewer->findChildren<QLabel*>())
        if (label->isVisible() && label->text().contains(QStringLiteral("crouch gait, GMFCS II")))
            highlighted = true;
    QVERIFY(highlighted);

    // Pages shown were recorded for the reading coverage.
    window->session()->flushViewedPages();
    const auto info = window->session()->file()->attachment(QStringLiteral("clinic-note.pdf"));
    QVERIFY(info);
    QCOMPARE(window->session()->file()->viewedPages(info->id), (QList<int>{1, 2, 3}));
}

void MainWindowTest::brokenAttachmentNeverBlocksChecklist()
{
    const QString path =
        createCase(m_dir->path(), QStringLiteral("broken"),
                   openRequest(QStringLiteral("M2004"), {QStringLiteral("96000")}),
                   {{QStringLiteral("scan.pdf"), QByteArrayLiteral("this is not a PDF at all"), 2}});
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    auto* viewer = window->caseView()->viewer();
    QSignalSpy failed(viewer, &AttachmentViewer::failed);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.first().first().toString(), QStringLiteral("scan.pdf"));
    QCOMPARE(MessageBox::shownCount() >= 0, true);
    // The checklist answers on.
    press(window.get(), Qt::Key_M);
    press(window.get(), Qt::Key_1);
    QCOMPARE(window->session()->answer(QStringLiteral("indication"))->value, QStringLiteral("met"));
    window->closeCase();
    auto file = reopen(path);
    QCOMPARE(file->data().answers.value(QStringLiteral("indication")).types,
             QStringList{QStringLiteral("gait-abnormality")});
}

void MainWindowTest::routingDenialWarnsAboutUnreadPages()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("deny"),
                                    openRequest(QStringLiteral("M2005"), {QStringLiteral("96000")}),
                                    {{QStringLiteral("clinic-note.pdf"), makePdf(4), 4},
                                     {QStringLiteral("pt-notes.pdf"), makePdf(2), 2}});
    auto window = showWindow();
    QVERIFY(window->openCase(path));
    QTRY_COMPARE(window->caseView()->viewer()->currentPage(), 1);
    answerAllWithKeys(window.get(), QStringLiteral("Y")); // every exclusion applies: a denial

    // The reviewer backs out at the warning: nothing changes.
    MessageBox::setNextAnswer(QMessageBox::No);
    press(window.get(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("clinic-note.pdf: pages 2–4")));
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("pt-notes.pdf: never opened")));
    QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::InReview));

    MessageBox::setNextAnswer(QMessageBox::Yes);
    press(window.get(), Qt::Key_R, Qt::ControlModifier);
    window->closeCase();
    auto file = reopen(path);
    QCOMPARE(toString(file->data().status), toString(CaseStatus::AwaitingMedicalDirector));
}

void MainWindowTest::routingPendsForMissingInformation()
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

void MainWindowTest::queueListsFiltersAndFollowsFolder()
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

void MainWindowTest::openPathOpensCaseOrFolder()
{
    const QString path = createCase(m_dir->path(), QStringLiteral("p"),
                                    openRequest(QStringLiteral("P100"), {QStringLiteral("96000")}));
    auto window = showWindow();
    QVERIFY(window->openPath(path));
    QVERIFY(window->session());
    QVERIFY(window->windowTitle().contains(QStringLiteral("P100")));
    QVERIFY(window->openPath(m_dir->path()));
    QCOMPARE(window->queueView()->model()->folder(), QDir(m_dir->path()).absolutePath());
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QVERIFY(!window->openPath(QDir(m_dir->path()).filePath(QStringLiteral("missing.rdcase"))));
}

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
