// The details a reviewer meets all day, on the real MainWindow, real case files and the real engine:
// the folded request line elided at a field boundary (English and Spanish), a refused answer that leaves
// nothing to undo, one paint of the judgment page per step, what takes the keyboard in view, answer
// buttons never cut, L that says why it does nothing.
#include "DeskTestSupport.h"
#include "UiTestSupport.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/case/RequestPanel.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/checklist/JudgmentPage.h"

#include <QGroupBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QToolButton>
#include <QTranslator>
#include <QUndoStack>

using namespace rd;
using namespace rd::test;

namespace {
// Counts the paint events a widget receives.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(QWidget* widget)
        : QObject(widget)
    {
        widget->installEventFilter(this);
    }
    int count = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

// Everything the event loop has to do now (layouts, updates, queued calls), without waiting on time.
void settle()
{
    for (int i = 0; i < 20; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}
} // namespace

class TestDeskDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(setUpPeople(m_organization, m_home, "DeskDetailsTest"));
    }
    void init()
    {
        m_dir = startDeskTest();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { MessageBox::setAutoAnswer(std::nullopt); }

    void foldedRequestElidesAtAFieldBoundary_data()
    {
        QTest::addColumn<bool>("spanish");
        QTest::newRow("English") << false;
        QTest::newRow("Spanish") << true;
    }
    void foldedRequestElidesAtAFieldBoundary()
    {
        QFETCH(bool, spanish);
        QTranslator translator;
        if (spanish) {
            QVERIFY(translator.load(QStringLiteral(":/i18n/reviewdesk_es.qm")));
            QCoreApplication::installTranslator(&translator);
        }
        const auto removeTranslator = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });
        CaseData data =
            openRequest(QStringLiteral("M4001"),
                        {QStringLiteral("96000"), QStringLiteral("96001"), QStringLiteral("96004")},
                        Urgency::Expedited, QDateTime::currentDateTimeUtc().addDays(-5));
        data.member.name = QStringLiteral("Maximiliana Fernández-Oyelaran & Sons");
        const QString path = createCase(m_dir->path(), QStringLiteral("fold"), data);
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        RequestPanel* panel = window->caseView()->requestPanel();
        panel->setExpanded(false);
        QToolButton* toggle = panel->toggle();
        // Expedited, received 5 days ago: 2 days overdue.
        panel->setNow(data.request.receivedAt.addDays(5));
        const QString full = toggle->toolTip();
        QVERIFY2(full.contains(data.member.name), qPrintable(full));
        QVERIFY2(full.contains(spanish ? QStringLiteral("vencido") : QStringLiteral("overdue")),
                 qPrintable(full));
        // Narrower, the clock gives the time overdue alone and fields go from the end: of this line.
        const QString whole =
            (spanish
                 ? QStringLiteral("Solicitud: %1 · ⚠ vencido hace 2 d 0 h · 96000, 96001, 96004 · 10 años")
                 : QStringLiteral("Request: %1 · ⚠ overdue by 2 d 0 h · 96000, 96001, 96004 · age 10"))
                .arg(data.member.name);
        int elided = 0;
        int shortClock = 0;
        for (int width = 2600; width >= 200; width -= 80) {
            window->resize(width, 700);
            settle();
            // What the button draws: its text with the mnemonic marks taken out.
            QString shown = toggle->text();
            shown.replace(QStringLiteral("&&"), QStringLiteral("&"));
            QCOMPARE(toggle->toolTip(), full);
            const int room = toggle->contentsRect().width() - toggle->iconSize().width() - 8;
            QVERIFY2(
                toggle->fontMetrics().horizontalAdvance(shown) <= room,
                qPrintable(QStringLiteral("%1 px wide: \"%2\" in %3 px").arg(width).arg(shown).arg(room)));
            // Whole fields and a mark for the ones left out; only a name too long for any room is cut.
            if (shown != full && shown != whole) {
                QVERIFY2(shown.endsWith(QStringLiteral("…")), qPrintable(shown));
                QString kept = shown.chopped(1);
                if (kept.endsWith(QStringLiteral(" · "))) {
                    kept.chop(3);
                    QVERIFY2(
                        whole.startsWith(kept + QStringLiteral(" · ")),
                        qPrintable(QStringLiteral("\"%1\" is not whole fields of \"%2\"").arg(shown, whole)));
                } else {
                    const QString name = data.member.name;
                    QVERIFY2(full.startsWith(kept) && !kept.contains(QStringLiteral(" · ")) &&
                                 kept.size() < full.indexOf(name) + name.size(),
                             qPrintable(QStringLiteral("\"%1\" is cut after the name").arg(shown)));
                }
                ++elided;
                if (shown.contains(spanish ? QStringLiteral("⚠ vencido hace")
                                           : QStringLiteral("⚠ overdue by")))
                    ++shortClock;
            }
        }
        QVERIFY(elided > 0);
        QVERIFY(shortClock > 0);
        // Wide again: the whole line.
        window->resize(3200, 700);
        settle();
        QCOMPARE(toggle->text().replace(QStringLiteral("&&"), QStringLiteral("&")), full);
    }

    void refusedAnswerLeavesNothingToUndo()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("refused"),
                                        openRequest(QStringLiteral("M4002"), {QStringLiteral("96000")}));
        {
            QString error;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            QVERIFY(file->setStatus(CaseStatus::AwaitingMedicalDirector,
                                    m_organization.actor(QStringLiteral("nurse.kim")), &error));
        }
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        ChecklistView* checklist = window->caseView()->checklist();
        QUndoStack* undo = window->session()->undoStack();
        for (const Qt::Key key : {Qt::Key_M, Qt::Key_2, Qt::Key_U}) {
            checklist->setFocus();
            press(window.get(), key);
        }
        QVERIFY(window->session()->data().answers.isEmpty());
        QCOMPARE(undo->count(), 0);
        QVERIFY(!undo->canUndo());
    }

    void undoOnARoutedCaseChangesNothing()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("routed"),
                                        openRequest(QStringLiteral("M4003"), {QStringLiteral("96000")}));
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        ChecklistView* checklist = window->caseView()->checklist();
        QUndoStack* undo = window->session()->undoStack();
        press(window.get(), Qt::Key_2);
        press(window.get(), Qt::Key_J);
        press(window.get(), Qt::Key_N);
        const auto notMet = [&] {
            const auto answer = window->session()->answer(QStringLiteral("management-impact"));
            return answer && answer->value == AnswerValue::NotMet;
        };
        QVERIFY(notMet());
        MessageBox::setAutoAnswer(QMessageBox::Yes);
        press(window.get(), Qt::Key_R, Qt::ControlModifier);
        MessageBox::setAutoAnswer(std::nullopt);
        QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::AwaitingMedicalDirector));
        const int audit = int(window->session()->file()->auditTrail().size());
        const int index = undo->index();
        QVERIFY(index > 0);

        // Ctrl+Z on the locked case: nothing to undo, nothing written.
        checklist->setFocus();
        press(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(notMet());
        QCOMPARE(undo->index(), index);
        // And should an undo reach the command all the same: refused, said, and not written.
        undo->undo();
        QVERIFY(notMet());
        QCOMPARE(int(window->session()->file()->auditTrail().size()), audit);
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("locked")),
                 qPrintable(window->statusBar()->currentMessage()));
        QCOMPARE(undo->index(), index - 1); // the refused step is gone from the history, not "undone"
        QVERIFY(!undo->canRedo());

        // Reopened: Ctrl+Z takes back an answer again.
        onNextModal([](QWidget* dialog) {
            QTest::keyClicks(dialog->focusWidget(), QStringLiteral("More records came"));
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Return);
        });
        window->caseView()->reopenAction()->trigger();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QVERIFY(undo->canUndo());
        const QString before = undo->undoText();
        checklist->setFocus();
        press(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(undo->index(), index - 2);
        QVERIFY2(int(window->session()->file()->auditTrail().size()) > audit, qPrintable(before));
    }

    void nextJudgmentPaintsThePageOnce()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("paint"),
                                        openRequest(QStringLiteral("M4004"), {QStringLiteral("96000")}));
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        ChecklistView* checklist = window->caseView()->checklist();
        settle();
        auto* counter = new PaintCounter(checklist->judgmentPage());
        for (int step = 0; step < 4; ++step) {
            counter->count = 0;
            checklist->setFocus();
            press(window.get(), Qt::Key_J);
            settle();
            QVERIFY2(
                counter->count == 1,
                qPrintable(QStringLiteral("step %1 painted %2 times").arg(step + 1).arg(counter->count)));
        }
    }

    void whatTakesTheKeyboardIsInView()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("inview"),
                                        openRequest(QStringLiteral("M4005"), {QStringLiteral("96000")}));
        auto window = showDesk(m_dir->path());
        window->resize(1400, 760);
        QVERIFY(window->openCase(path));
        window->caseView()->requestPanel()->setExpanded(false);
        ChecklistView* checklist = window->caseView()->checklist();
        auto* scroll = checklist->findChild<QScrollArea*>();
        JudgmentPage* page = checklist->judgmentPage();
        auto* note = page->findChild<QPlainTextEdit*>();
        QVERIFY(scroll && note);
        // Top to bottom in the scroll area's view.
        const auto inView = [scroll](QWidget* widget) {
            const int top = widget->mapTo(scroll->viewport(), QPoint(0, 0)).y();
            return top >= 0 && top + widget->height() <= scroll->viewport()->height();
        };
        settle();
        // The indication: its policy text is long, the note and the types below the fold.
        QCOMPARE(checklist->currentJudgment(), QStringLiteral("indication"));
        QVERIFY(!inView(note));
        QVERIFY(!inView(page->typesBox()));
        // E: the note takes the keyboard, in view.
        checklist->setFocus();
        press(window.get(), Qt::Key_E);
        settle();
        QVERIFY(note->hasFocus());
        QVERIFY(inView(note));
        press(window.get(), Qt::Key_Escape);
        // L without a citation: says why nothing happens, and how to cite.
        press(window.get(), Qt::Key_L);
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("press C")),
                 qPrintable(window->statusBar()->currentMessage()));
        // M: the types that keys 1–9 choose come into view.
        press(window.get(), Qt::Key_J);
        press(window.get(), Qt::Key_K);
        settle();
        QVERIFY(!inView(page->typesBox()));
        press(window.get(), Qt::Key_M);
        settle();
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("indication types")));
        QVERIFY(inView(page->typesBox()));
    }

    void answerButtonsAreNeverCut()
    {
        const QString path = createCase(m_dir->path(), QStringLiteral("buttons"),
                                        openRequest(QStringLiteral("M4006"), {QStringLiteral("96000")}));
        auto window = showDesk(m_dir->path());
        QVERIFY(window->openCase(path));
        ChecklistView* checklist = window->caseView()->checklist();
        checklist->goToJudgment(QStringLiteral("management-impact"));
        press(window.get(), Qt::Key_U); // the answer given: bold and marked, wider
        checklist->goToJudgment(QStringLiteral("management-impact"));
        QList<QPushButton*> buttons;
        for (QPushButton* button : checklist->judgmentPage()->findChildren<QPushButton*>())
            if (button->text().contains(QStringLiteral("[M]")) ||
                button->text().contains(QStringLiteral("[N]")) ||
                button->text().contains(QStringLiteral("[U]")))
                buttons << button;
        QCOMPARE(buttons.size(), 3);
        for (int width = 1600; width >= 800; width -= 100) {
            window->resize(width, 800);
            settle();
            for (QPushButton* button : std::as_const(buttons))
                QVERIFY2(button->width() >= button->sizeHint().width(),
                         qPrintable(QStringLiteral("%1 px: \"%2\" %3 px wide, needs %4")
                                        .arg(width)
                                        .arg(button->text())
                                        .arg(button->width())
                                        .arg(button->sizeHint().width())));
        }
    }

private:
    QTemporaryDir m_home;
    TrustFixture m_organization;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestDeskDetails)
#include "tst_deskdetails.moc"
