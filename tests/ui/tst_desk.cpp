// The reviewer's desk on the real MainWindow, real case files and the real engine: the request panel,
// keys that answer only in the checklist, a routed case locked until reopened (audited), the member's
// letter language in the sign-off, Esc that asks before typed text is lost, sign-off rows that show all
// their text, the PDF pane's share of the window, citing a search hit with keys, F6, queue sorting.
#include "DeskTestSupport.h"
#include "UiTestSupport.h"
#include "checklist/PolicyLoader.h"
#include "model/signoff/Signoff.h"
#include "ui/Palette.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/case/PdfAttachmentViewer.h"
#include "ui/case/RequestPanel.h"
#include "ui/case/SummaryPage.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/pdf/PdfSearchPanel.h"
#include "ui/pdf/PdfViewer.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"
#include "ui/signoff/SignoffDialog.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolButton>

using namespace rd;
using namespace rd::test;

namespace {
int countAudit(const CaseFile& file, const QString& action)
{
    int count = 0;
    for (const AuditEntry& entry : file.auditTrail())
        count += entry.action == action ? 1 : 0;
    return count;
}

std::unique_ptr<CaseFile> reopenFile(const QString& path)
{
    QString error;
    return CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
}

bool inside(QWidget* widget, QWidget* ancestor)
{
    for (; widget; widget = widget->parentWidget())
        if (widget == ancestor)
            return true;
    return false;
}
} // namespace

class TestDesk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(setUpPeople(m_organization, m_home, "DeskTest"));
    }
    void init()
    {
        m_dir = startDeskTest();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { MessageBox::setAutoAnswer(std::nullopt); }

    void requestPanelShowsTheRequest()
    {
        const QDateTime received = QDateTime::currentDateTimeUtc().addDays(-5);
        CaseData data =
            openRequest(QStringLiteral("M3001"), {QStringLiteral("96000"), QStringLiteral("96001")},
                        Urgency::Expedited, received);
        data.request.serviceDate = received.date().addDays(10);
        data.request.diagnoses = {QStringLiteral("Q66.5")};
        data.request.priorStudyDate = QDate(2025, 3, 14);
        data.member.language = QStringLiteral("es");
        const QString path = createCase(m_dir->path(), QStringLiteral("panel"), data);
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        RequestPanel* panel = window->caseView()->requestPanel();
        QVERIFY(panel->isVisible());
        QVERIFY(panel->browser()->isVisible());
        const QString text = panel->plainText();
        const int age = RequestPanel::ageOn(data.member.birthDate, data.request.serviceDate);
        QVERIFY(age > 0);
        for (const QString& expected :
             {QStringLiteral("Test Member M3001"), QStringLiteral("M3001"),
              QStringLiteral("age %1 on the service date").arg(age), QStringLiteral("born Apr 2, 2016"),
              QStringLiteral("Lakeside Gait Lab"), QStringLiteral("NPI 1234567893"), QStringLiteral("96000"),
              QStringLiteral("96001"), QStringLiteral("dynamic plantar pressure"), QStringLiteral("Q66.5"),
              QStringLiteral("Which muscle groups to target"), QStringLiteral("Expedited"),
              QStringLiteral("overdue"), QStringLiteral("Prior study"), QStringLiteral("Mar 14, 2025"),
              QStringLiteral("Spanish"), QStringLiteral("Pend")})
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" in:\n") + text));
        // The policy's errata beside the diagnosis and the codes, from the policy file via the engine.
        QVERIFY2(text.contains(QStringLiteral("Erratum: The policy's sample codes call Q66.5 clubfoot")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("lists \"CPT 96001\" twice")));
        // Overdue in the palette's colour and in words.
        QVERIFY(panel->browser()->toHtml().contains(palette::tone(palette::Tone::Bad).name()));
        // Each line's decision follows the answers.
        press(window.get(), Qt::Key_2); // indication met (neuromuscular disease)
        window->caseView()->checklist()->goToJudgment(QStringLiteral("management-impact"));
        press(window.get(), Qt::Key_N);
        QVERIFY(panel->plainText().contains(QStringLiteral("Deny")));
        // Collapsed: one line that still names the member and the clock; remembered.
        panel->toggle()->click();
        QVERIFY(!panel->browser()->isVisible());
        QVERIFY(panel->toggle()->text().contains(QStringLiteral("overdue")));
        QVERIFY(panel->toggle()->text().contains(QStringLiteral("Test Member M3001")));
        QCOMPARE(QSettings().value(QStringLiteral("caseView/requestExpanded")).toBool(), false);
        panel->toggle()->click();
        QVERIFY(panel->browser()->isVisible());

        // No clinical question and no diagnosis: said so, not left blank.
        CaseData bare = openRequest(QStringLiteral("M3002"), {QStringLiteral("96000")});
        bare.request.clinicalQuestion.clear();
        bare.request.diagnoses.clear();
        QVERIFY(window->openCase(createCase(m_dir->path(), QStringLiteral("bare"), bare)));
        QVERIFY(panel->plainText().contains(QStringLiteral("none given in the request")));
        QVERIFY(panel->plainText().contains(QStringLiteral("every line pends for the diagnosis codes")));
        QVERIFY(panel->plainText().contains(QStringLiteral("English")));
    }

    void strayKeysNeverAnswer()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("stray"),
                                        openRequest(QStringLiteral("M3003"), {QStringLiteral("96000")}),
                                        {{QStringLiteral("clinic-note.pdf"), makePdf(3), 3}});
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        auto* viewer = qobject_cast<PdfAttachmentViewer*>(window->caseView()->viewer());
        QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);
        // What was reported: the Search tab clicked, "no" typed.
        auto* tabs = viewer->pdfViewer()->findChild<QTabWidget*>();
        QVERIFY(tabs);
        tabs->setCurrentWidget(viewer->pdfViewer()->searchPanel());
        tabs->tabBar()->setFocus();
        QTest::keyClicks(tabs->tabBar(), QStringLiteral("no"));
        QVERIFY(window->session()->data().answers.isEmpty());

        // Every letter and digit into every widget of the window that takes the keyboard, except the
        // checklist itself (where answer keys belong).
        const QString keys = QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789");
        ChecklistView* checklist = window->caseView()->checklist();
        int typedInto = 0;
        for (QWidget* widget : window->findChildren<QWidget*>()) {
            if (!widget->isVisible() || !widget->isEnabled() || widget->focusPolicy() == Qt::NoFocus ||
                inside(widget, checklist))
                continue;
            widget->setFocus(Qt::OtherFocusReason);
            if (QApplication::focusWidget() != widget)
                continue;
            QTest::keyClicks(widget, keys);
            QTest::keyClicks(widget, keys.toUpper());
            ++typedInto;
            if (!window->session() || window->caseView()->isHidden())
                QVERIFY(window->openCase(path)); // a letter in the queue table chose; reopen
        }
        QVERIFY2(typedInto >= 10, qPrintable(QString::number(typedInto)));
        QVERIFY(window->session()->data().answers.isEmpty());
        window->closeCase();
        QCOMPARE(countAudit(*reopenFile(path), QStringLiteral("judgment.record")), 0);

        // In the checklist the same keys answer.
        QVERIFY(window->openCase(path));
        window->caseView()->checklist()->setFocus();
        press(window.get(), Qt::Key_M);
        QVERIFY(window->session()->answer(QStringLiteral("indication")));
    }

    void routedCaseIsLockedUntilReopened()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("lock"),
                                        openRequest(QStringLiteral("M3004"), {QStringLiteral("96000")}));
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        ChecklistView* checklist = window->caseView()->checklist();
        press(window.get(), Qt::Key_2);
        press(window.get(), Qt::Key_J);
        QCOMPARE(checklist->currentJudgment(), QStringLiteral("management-impact"));
        press(window.get(), Qt::Key_N);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        press(window.get(), Qt::Key_R, Qt::ControlModifier);
        // The unanswered steps were named.
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("not answered yet")),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Qualified")) ||
                MessageBox::lastText().contains(QStringLiteral("qualified")));
        QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::AwaitingMedicalDirector));

        // Locked: U changes nothing, and says why.
        checklist->goToJudgment(QStringLiteral("management-impact"));
        checklist->setFocus();
        press(window.get(), Qt::Key_U);
        QCOMPARE(toString(window->session()->answer(QStringLiteral("management-impact"))->value),
                 toString(AnswerValue::NotMet));
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("locked")));
        QAction* reopen = window->caseView()->reopenAction();
        QVERIFY(reopen->isEnabled());

        // Review > Reopen asks why (a real dialog, typed into); the reason is audited.
        onNextModal([](QWidget* dialog) {
            QTest::keyClicks(dialog->focusWidget(), QStringLiteral("Records that came later show a plan"));
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Return);
        });
        reopen->trigger();
        QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::InReview));
        window->activateWindow(); // no window manager here to give it back after the dialog
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QVERIFY(!reopen->isEnabled());
        checklist->setFocus();
        press(window.get(), Qt::Key_M);
        QCOMPARE(toString(window->session()->answer(QStringLiteral("management-impact"))->value),
                 toString(AnswerValue::Met));
        window->closeCase();
        auto file = reopenFile(path);
        bool found = false;
        for (const AuditEntry& entry : file->auditTrail())
            if (entry.action == QLatin1String("case.reopen")) {
                found = true;
                QCOMPARE(entry.newValue, QStringLiteral("Records that came later show a plan"));
                QCOMPARE(entry.oldValue, toString(CaseStatus::AwaitingMedicalDirector));
                QCOMPARE(entry.actor, window->reviewerName());
            }
        QVERIFY(found);
        QVERIFY(file->verify().ok());
    }

    void signedCaseStaysFinal()
    {
        CaseData data = openRequest(QStringLiteral("M3005"), {QStringLiteral("96000")});
        const QString path = createCase(m_dir->path(), QStringLiteral("final"), data);
        auto window = showDesk(m_dir->path(), QStringLiteral("nurse.kim"));
        QVERIFY(window->openCase(path));
        answerAllMet(window.get());
        // One action: the question, then signed with the key the nurse unlocked when she logged in.
        MessageBox::setNextAnswer(QMessageBox::Yes);
        press(window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Sign the determination as Kim Alvarez, RN")),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(window->session()->file()->isSigned());
        QCOMPARE(window->session()->file()->signature()->letterKinds.value(QStringLiteral("en")),
                 QStringLiteral("approval"));
        QVERIFY(!window->caseView()->reopenAction()->isEnabled());
        QVERIFY(!window->caseView()->reopen());
    }

    void signoffTakesTheMembersLanguage()
    {
        // Spanish for one member does not make the next member's letter Spanish.
        for (const QString& language : {QStringLiteral("es"), QStringLiteral("en"), QStringLiteral("en")}) {
            CaseData data = openRequest(QStringLiteral("L-%1").arg(language), {QStringLiteral("96000")});
            data.member.language = language;
            const QString path =
                createCase(m_dir->path(), QStringLiteral("lang-%1-%2").arg(language).arg(++m_cases), data);
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, nullptr);
            QVERIFY(file);
            SignoffDialog dialog(file.get(), signoff(), directory(), *person(QStringLiteral("dr.whitfield")));
            QCOMPARE(dialog.languageChoice()->currentData().toString(), language);
            dialog.languageChoice()->setCurrentIndex(0); // the reader looks at the English letter
        }
    }

    void escAsksBeforeTypedTextIsLost()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("esc"),
                                        openRequest(QStringLiteral("M3006"), {QStringLiteral("96000")}));
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, nullptr);
        SignoffDialog dialog(file.get(), signoff(), directory(), *person(QStringLiteral("dr.whitfield")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setRationale(QStringLiteral("A long rationale the director typed"));
        const int asked = MessageBox::shownCount();
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(MessageBox::shownCount(), asked + 1);
        QVERIFY(dialog.isVisible()); // kept, with the text
        MessageBox::setNextAnswer(QMessageBox::Discard);
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        // Nothing typed: Esc closes without a question.
        SignoffDialog plain(file.get(), signoff(), directory(), *person(QStringLiteral("dr.whitfield")));
        plain.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plain));
        const int before = MessageBox::shownCount();
        QTest::keyClick(&plain, Qt::Key_Escape);
        QCOMPARE(MessageBox::shownCount(), before);
        QVERIFY(!plain.isVisible());
    }

    void signoffRowsShowAllTheirText()
    {
        const QString path =
            createCase(m_dir->path(), QStringLiteral("rows"),
                       openRequest(QStringLiteral("M3007"), {QStringLiteral("96000"), QStringLiteral("96002"),
                                                             QStringLiteral("96004")}));
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, nullptr);
        SignoffDialog dialog(file.get(), signoff(), directory(), *person(QStringLiteral("dr.whitfield")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* table = dialog.findChild<QTableWidget*>();
        QVERIFY(table);
        for (int row = 0; row < table->rowCount(); ++row)
            for (int column = 0; column < 4; ++column) {
                const QTableWidgetItem* item = table->item(row, column);
                const QRect needed = table->fontMetrics().boundingRect(
                    QRect(0, 0, table->columnWidth(column) - 8, 10000), Qt::TextWordWrap, item->text());
                QVERIFY2(table->rowHeight(row) >= needed.height(),
                         qPrintable(QStringLiteral("row %1 column %2: %3 < %4")
                                        .arg(row)
                                        .arg(column)
                                        .arg(table->rowHeight(row))
                                        .arg(needed.height())));
            }
        // No command-line syntax in the window.
        for (QLabel* label : dialog.findChildren<QLabel*>())
            QVERIFY2(!label->text().contains(QStringLiteral("reviewdesk-cli")), qPrintable(label->text()));
    }

    void documentGetsHalfTheWindowAndF6MovesBetweenAreas()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("f6"),
                                        openRequest(QStringLiteral("M3008"), {QStringLiteral("96000")}),
                                        {{QStringLiteral("clinic-note.pdf"), makePdf(2), 2}});
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        auto* viewer = qobject_cast<PdfAttachmentViewer*>(window->caseView()->viewer());
        QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);
        QVERIFY2(viewer->width() * 2 >= window->width(),
                 qPrintable(QStringLiteral("%1 of %2").arg(viewer->width()).arg(window->width())));
        // Readable: a letter-size page fit to the width at 70 % of its natural size or more.
        QVERIFY2(viewer->pdfViewer()->zoom() >= 0.7,
                 qPrintable(QString::number(viewer->pdfViewer()->zoom())));

        ChecklistView* checklist = window->caseView()->checklist();
        QVERIFY(inside(QApplication::focusWidget(), checklist));
        press(window.get(), Qt::Key_F6);
        QVERIFY(inside(QApplication::focusWidget(), window->caseView()->requestPanel()));
        press(window.get(), Qt::Key_F6);
        QVERIFY(inside(QApplication::focusWidget(), viewer));
        press(window.get(), Qt::Key_M); // not an answer here
        QVERIFY(window->session()->data().answers.isEmpty());
        press(window.get(), Qt::Key_F6);
        QVERIFY(inside(QApplication::focusWidget(), checklist));
        press(window.get(), Qt::Key_F6, Qt::ShiftModifier);
        QVERIFY(inside(QApplication::focusWidget(), viewer));
    }

    void citeASearchHitWithKeys()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("cite"),
                                        openRequest(QStringLiteral("M3009"), {QStringLiteral("96000")}),
                                        {{QStringLiteral("clinic-note.pdf"), makePdf(3), 3}});
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        auto* viewer = qobject_cast<PdfAttachmentViewer*>(window->caseView()->viewer());
        QTRY_COMPARE_WITH_TIMEOUT(viewer->currentPage(), 1, 20000);
        // F6 twice to the document, its search, the words, Enter, the hits, Enter, C.
        press(window.get(), Qt::Key_F6);
        press(window.get(), Qt::Key_F6);
        viewer->pdfViewer()->showSearch();
        PdfSearchPanel* search = viewer->pdfViewer()->searchPanel();
        QCOMPARE(QApplication::focusWidget(), search->queryEdit());
        QTest::keyClicks(search->queryEdit(), QStringLiteral("page 2"));
        press(window.get(), Qt::Key_Return);
        auto* results = search->findChild<QListView*>();
        QTRY_VERIFY_WITH_TIMEOUT(results->model()->rowCount() > 0, 20000);
        results->setFocus();
        results->setCurrentIndex(results->model()->index(0, 0));
        press(window.get(), Qt::Key_Return);
        QTRY_VERIFY(viewer->selection().has_value());
        QCOMPARE(viewer->selection()->page, 2);
        press(window.get(), Qt::Key_C);
        const auto answer = window->session()->answer(QStringLiteral("indication"));
        QVERIFY(answer);
        QCOMPARE(answer->evidence.size(), 1);
        QCOMPARE(answer->evidence.first().page, 2);
        QVERIFY2(answer->evidence.first().quote.contains(QStringLiteral("page 2")),
                 qPrintable(answer->evidence.first().quote));
    }

    void holderNamedFromThePeopleDirectory()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("held"),
                                        openRequest(QStringLiteral("M3010"), {QStringLiteral("96000")}));
        // The director has it open and has changed it (as the app records its holder), not the
        // system user.
        CaseFile::setHolderLogin(QStringLiteral("dr.whitfield"));
        QString error;
        auto holder = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(holder && !holder->isReadOnly(), qPrintable(error));
        Answer met;
        met.value = AnswerValue::Met;
        met.types = {QStringLiteral("neuromuscular-disease")};
        QVERIFY2(holder->recordJudgment(QStringLiteral("indication"), met,
                                        m_organization.actor(QStringLiteral("dr.whitfield")), &error),
                 qPrintable(error));
        auto window = showDesk(m_dir->path(), QStringLiteral("nurse.kim"));
        QVERIFY(window->openCase(path));
        QVERIFY(window->session()->isReadOnly());
        const QString message = window->statusBar()->currentMessage();
        QVERIFY2(message.contains(
                     QStringLiteral("Dana Whitfield, MD, FAAPMR (dr.whitfield) has it open for writing")),
                 qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("unknown")));
        window->closeCase();
        holder.reset();
        // The nurse's own session records her login as the holder (with her first change).
        QVERIFY(window->openCase(path));
        window->caseView()->checklist()->goToJudgment(QStringLiteral("management-impact"));
        window->caseView()->checklist()->setFocus();
        press(window.get(), Qt::Key_M);
        QVERIFY(window->session()->answer(QStringLiteral("management-impact")));
        QCOMPARE(window->session()->file()->holder()->user, QStringLiteral("nurse.kim"));
    }

    void queueSortsFromTheKeyboard()
    {
        createCase(m_dir->path(), QStringLiteral("a"),
                   openRequest(QStringLiteral("A100"), {QStringLiteral("96000")}));
        createCase(m_dir->path(), QStringLiteral("b"),
                   openRequest(QStringLiteral("B200"), {QStringLiteral("96002")}));
        auto window = showDesk(m_dir->path());
        QTableView* table = window->queueView()->table();
        QTRY_COMPARE(table->model()->rowCount(), 2);
        table->setFocus();
        const int start = table->horizontalHeader()->sortIndicatorSection();
        press(window.get(), Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(),
                 (start + 1) % table->model()->columnCount());
        press(window.get(), Qt::Key_Left, Qt::AltModifier);
        press(window.get(), Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), start);
        QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("descending")));
        press(window.get(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
    }

    void determinedCaseTakesNoAnswerUntilReopened()
    {
        // Determined but not signed (routed before the one-action finalize, or by another tool).
        const QString path = createCase(m_dir->path(), QStringLiteral("determined"),
                                        openRequest(QStringLiteral("M3011"), {QStringLiteral("96000")}));
        {
            QString error;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            QVERIFY(file->setStatus(CaseStatus::Determined, m_organization.actor(QStringLiteral("nurse.kim")),
                                    &error));
        }
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        ChecklistView* checklist = window->caseView()->checklist();
        for (const Qt::Key key : {Qt::Key_M, Qt::Key_U, Qt::Key_N, Qt::Key_2}) {
            checklist->setFocus();
            press(window.get(), key);
        }
        QVERIFY(window->session()->data().answers.isEmpty());
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("determined")),
                 qPrintable(window->statusBar()->currentMessage()));
        // Routing again is refused with the way out named.
        press(window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("Reopen")));
        QVERIFY(window->caseView()->reopenAction()->isEnabled());
        onNextModal([](QWidget* dialog) {
            QTest::keyClicks(dialog->focusWidget(), QStringLiteral("The records were misread"));
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Return);
        });
        window->caseView()->reopenAction()->trigger();
        QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::InReview));
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        checklist->setFocus();
        press(window.get(), Qt::Key_2);
        QVERIFY(window->session()->answer(QStringLiteral("indication")));
    }

    void contradictionsWarnedBeforeRoutingAndAtSignoff()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("contra"),
                                        openRequest(QStringLiteral("M3012"), {QStringLiteral("96000")}));
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        // A neuromuscular indication, and "screening without symptoms" answered as applying.
        ChecklistView* checklist = window->caseView()->checklist();
        for (int keys = 0; !checklist->isOnSummary() && keys < 40; ++keys) {
            const ChecklistStep step = checklist->steps().at(checklist->currentIndex());
            if (step.id == QLatin1String("screening")) {
                press(window.get(), Qt::Key_Y);
            } else if (step.exclusion) {
                press(window.get(), Qt::Key_N);
            } else if (!step.types.isEmpty()) {
                press(window.get(), Qt::Key_2);
                press(window.get(), Qt::Key_J);
            } else {
                press(window.get(), Qt::Key_M);
            }
        }
        QVERIFY(checklist->isOnSummary());
        // The warning names the contradiction and defaults to No: Enter on it routes nothing.
        MessageBox::setNextAnswer(QMessageBox::No);
        press(window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("contradict each other")),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("screening without symptoms")));
        QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::InReview));
        MessageBox::setNextAnswer(QMessageBox::Yes);
        press(window.get(), Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::AwaitingMedicalDirector));
        window->closeCase();

        // The medical director sees it first among the judgments.
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, nullptr);
        SignoffDialog dialog(file.get(), signoff(), directory(), *person(QStringLiteral("dr.whitfield")));
        const QString judgments = dialog.judgmentsView()->toPlainText();
        QVERIFY2(judgments.startsWith(QStringLiteral("⚠ These answers contradict each other")),
                 qPrintable(judgments));
        QVERIFY(judgments.contains(QStringLiteral("screening without symptoms")));
    }

    void missingDiagnosisNamedInWords()
    {
        CaseData data = openRequest(QStringLiteral("M3013"), {QStringLiteral("96000")});
        data.request.diagnoses.clear();
        const QString path = createCase(m_dir->path(), QStringLiteral("nodx"), data);
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        answerAllMet(window.get());
        ChecklistView* checklist = window->caseView()->checklist();
        const QString summary = checklist->summaryPage()->plainText();
        QVERIFY2(summary.contains(QStringLiteral("We need the diagnosis code or codes")),
                 qPrintable(summary));
        QVERIFY(!summary.contains(QStringLiteral("diagnosis-missing")));
        MessageBox::setNextAnswer(QMessageBox::No);
        press(window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("We need the diagnosis code or codes")),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(!MessageBox::lastText().contains(QStringLiteral("diagnosis-missing")));

        // Alternatives the policy allows are one need: conservative care, or its urgent exception.
        const QString other = createCase(m_dir->path(), QStringLiteral("either"),
                                         openRequest(QStringLiteral("M3014"), {QStringLiteral("96000")}));
        QVERIFY(window->openCase(other));
        checklist->setFocus();
        press(window.get(), Qt::Key_2); // the indication, then nothing else
        MessageBox::setNextAnswer(QMessageBox::No);
        press(window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(MessageBox::lastText().contains(
                     QStringLiteral("• Prior evaluation and conservative care, or Urgent testing justified")),
                 qPrintable(MessageBox::lastText()));
    }

    void queueShowsTheInformationClockOfAPendedCase()
    {
        const QDateTime received = QDateTime::currentDateTimeUtc().addDays(-2);
        const QString path = createCase(
            m_dir->path(), QStringLiteral("pended"),
            openRequest(QStringLiteral("P100"), {QStringLiteral("96000")}, Urgency::Expedited, received));
        createCase(
            m_dir->path(), QStringLiteral("open"),
            openRequest(QStringLiteral("P200"), {QStringLiteral("96000")}, Urgency::Standard, received));
        {
            QString error;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            QVERIFY(file->setStatus(CaseStatus::PendedForInformation,
                                    m_organization.actor(QStringLiteral("nurse.kim")), &error));
        }
        auto window = showDesk(m_dir->path());
        QTableView* table = window->queueView()->table();
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QString pended;
        QString open;
        QString tip;
        for (int row = 0; row < 2; ++row) {
            const QModelIndex due = table->model()->index(row, CaseQueueModel::DueColumn);
            if (table->model()->index(row, 0).data(CaseQueueModel::PathRole).toString() == path) {
                pended = due.data().toString();
                tip = due.data(Qt::ToolTipRole).toString();
            } else {
                open = due.data().toString();
            }
        }
        // Expedited: the provider has 48 hours from the request for information (the case's pending),
        // not the 72 hours from receipt, which ran out yesterday.
        const CaseSummary summary = CaseFile::readSummary(path, nullptr).value_or(CaseSummary());
        QVERIFY(summary.lastChange.isValid());
        const QDateTime respondBy = summary.lastChange.addSecs(48 * 3600);
        QVERIFY2(pended.startsWith(QStringLiteral("RFI: answer by ")), qPrintable(pended));
        QVERIFY2(pended.contains(QLocale().toString(respondBy.toLocalTime(), QStringLiteral("MMM d, HH:mm"))),
                 qPrintable(pended));
        QVERIFY(pended.contains(QStringLiteral("left")));
        QVERIFY(!pended.contains(QStringLiteral("overdue")));
        QVERIFY2(tip.contains(QStringLiteral("the decision is due 2 d 0 h after the answer")),
                 qPrintable(tip));
        // The other case keeps its decision clock (5 days left of 7).
        QVERIFY2(!open.startsWith(QStringLiteral("RFI")) && open.contains(QStringLiteral("left")),
                 qPrintable(open));
    }

private:
    void answerAllMet(MainWindow* window)
    {
        ChecklistView* checklist = window->caseView()->checklist();
        for (int keys = 0; !checklist->isOnSummary() && keys < 40; ++keys) {
            const ChecklistStep step = checklist->steps().at(checklist->currentIndex());
            if (step.exclusion) {
                press(window, Qt::Key_N);
            } else if (!step.types.isEmpty()) {
                press(window, Qt::Key_2);
                press(window, Qt::Key_J);
            } else {
                press(window, Qt::Key_M);
            }
        }
        QVERIFY(checklist->isOnSummary());
    }
    Signoff signoff() const
    {
        QString error;
        return Signoff(PolicyLoader::loadBuiltIn().value(), *PlanInfo::load(QString(), &error));
    }
    const UserDirectory& directory()
    {
        QString error;
        m_directory.emplace();
        m_directory->load(&error);
        return *m_directory;
    }

    QTemporaryDir m_home;
    TrustFixture m_organization;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::optional<UserDirectory> m_directory;
    int m_cases = 0;
};

QTEST_MAIN(TestDesk)
#include "tst_desk.moc"
