// How many keys the reviewer's day takes, counted on the real MainWindow with real dialogs (a chord is
// one key; typed passwords and free text are not counted): an all-met approval finalized with its
// letter, a denial routed to the medical director, and the director's sign-off of that denial with its
// letter exported. Prints "keys: approval=N denial=N signoff=N".
#include "DeskTestSupport.h"
#include "UiTestSupport.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/queue/QueueView.h"
#include "ui/signoff/SignoffDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>

#include <cstdio>

using namespace rd;
using namespace rd::test;

namespace {
const QString kRationale =
    QStringLiteral("The notes do not show how the results of the study would change the treatment plan.");
const QString kRationaleEs = QStringLiteral(
    "Las notas no muestran cómo los resultados del estudio cambiarían el plan de tratamiento.");
} // namespace

class TestKeyCount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(setUpPeople(m_organization, m_home, "KeyCountTest"));
        QSettings().clear();
        MessageBox::setAutoAnswer(std::nullopt);
    }

    void approvalDenialAndSignoff()
    {
        QTemporaryDir approvals;
        QVERIFY(createCase(approvals.path(), QStringLiteral("approve"),
                           openRequest(QStringLiteral("K100"), {QStringLiteral("96000")}))
                    .size());
        const int approval = approve(approvals.path());

        QTemporaryDir denials;
        CaseData data = openRequest(QStringLiteral("K200"), {QStringLiteral("96000")});
        data.member.language = QStringLiteral("es");
        const QString denialPath = createCase(denials.path(), QStringLiteral("deny"), data);
        QVERIFY(!denialPath.isEmpty());
        const int denial = routeDenial(denials.path(), denialPath);
        const int signoff = signDenial(denials.path(), denialPath);

        std::printf("keys: approval=%d denial=%d signoff=%d\n", approval, denial, signoff);
        std::fflush(stdout);
        QVERIFY2(approval <= 15, qPrintable(QString::number(approval)));
        QVERIFY2(denial <= 20, qPrintable(QString::number(denial)));
        QVERIFY2(signoff <= 8, qPrintable(QString::number(signoff)));
    }

private:
    // The nurse from the queue: open, answer every step, finalize (one question, answered with Enter;
    // her key, unlocked when she logged in, signs).
    int approve(const QString& folder)
    {
        auto window = showDesk(folder, QStringLiteral("nurse.kim"));
        KeyCounter keys;
        openFirstCase(window.get(), keys);
        answer(window.get(), keys, /*deny=*/false);
        onNextModal([&keys](QWidget*) { keys.key(Qt::Key_Return); });
        keys.key(Qt::Key_R, Qt::ControlModifier);
        [&] {
            QVERIFY(window->session()->file()->isSigned());
            const auto signature = window->session()->file()->signature();
            QCOMPARE(signature->letterKinds.value(QStringLiteral("en")), QStringLiteral("approval"));
            QVERIFY(!signature->letters.value(QStringLiteral("en")).isEmpty());
            QCOMPARE(toString(window->session()->data().status), toString(CaseStatus::Determined));
        }();
        return keys.count;
    }

    // The nurse: one criterion not met; route to the medical director (a real question, Enter).
    int routeDenial(const QString& folder, const QString& path)
    {
        auto window = showDesk(folder, QStringLiteral("nurse.kim"));
        KeyCounter keys;
        openFirstCase(window.get(), keys);
        answer(window.get(), keys, /*deny=*/true);
        onNextModal([&keys](QWidget*) { keys.key(Qt::Key_Return); });
        keys.key(Qt::Key_R, Qt::ControlModifier);
        [&] {
            QCOMPARE(window->session()->path(), path);
            QCOMPARE(toString(window->session()->data().status),
                     toString(CaseStatus::AwaitingMedicalDirector));
        }();
        return keys.count;
    }

    // The director: open from the queue, sign off with the rationale (in English and in the member's
    // Spanish) and password, export the letter (in the member's language), close.
    int signDenial(const QString& folder, const QString& path)
    {
        auto window = showDesk(folder, QStringLiteral("dr.whitfield"));
        KeyCounter keys;
        openFirstCase(window.get(), keys);
        bool signedIt = false;
        onNextModal([&](QWidget* modal) {
            auto* dialog = qobject_cast<SignoffDialog*>(modal);
            QVERIFY(dialog);
            KeyCounter::type(kRationale);
            keys.key(Qt::Key_Tab); // the member reads Spanish: the rationale in Spanish too
            KeyCounter::type(kRationaleEs);
            keys.key(Qt::Key_P, Qt::AltModifier);
            KeyCounter::type(QString::fromUtf8(kDoctorPassword));
            QSignalSpy finished(dialog, &SignoffDialog::signingFinished);
            keys.key(Qt::Key_Return);
            QVERIFY(finished.wait(30000));
            QVERIFY2(finished.first().first().toBool(), qPrintable(finished.first().at(1).toString()));
            signedIt = dialog->isSigned();
            onNextModal([&keys](QWidget* files) {
                QVERIFY(qobject_cast<QFileDialog*>(files));
                keys.key(Qt::Key_Return);
            });
            keys.key(Qt::Key_Return); // Export PDF…, the next thing once signed
            dialog->activateWindow(); // no window manager here to give it back after the file dialog
            QVERIFY(QTest::qWaitForWindowActive(dialog));
            keys.key(Qt::Key_Escape);
        });
        keys.key(Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        [&] {
            QVERIFY(signedIt);
            QVERIFY(window->session()->file()->isSigned());
            // The exported letter is the member's: Spanish.
            const QStringList letters = QDir(folder).entryList({QStringLiteral("*-es.pdf")});
            QCOMPARE(letters.size(), 1);
            QVERIFY(QFileInfo(QDir(folder).filePath(letters.first())).size() > 1000);
            QCOMPARE(window->session()->path(), path);
        }();
        return keys.count;
    }

    void openFirstCase(MainWindow* window, KeyCounter& keys)
    {
        QTableView* table = window->queueView()->table();
        QTRY_VERIFY(table->currentIndex().isValid());
        QTRY_VERIFY(table->hasFocus());
        keys.key(Qt::Key_Return);
        QVERIFY(window->session());
    }

    // Every step with keys: the indication by its type (Met), J; criteria M (one N for a denial),
    // exclusions N. The checklist moves on by itself.
    void answer(MainWindow* window, KeyCounter& keys, bool deny)
    {
        ChecklistView* checklist = window->caseView()->checklist();
        bool denied = false;
        for (int guard = 0; !checklist->isOnSummary() && guard < 40; ++guard) {
            const ChecklistStep step = checklist->steps().at(checklist->currentIndex());
            if (step.exclusion) {
                keys.key(Qt::Key_N);
            } else if (!step.types.isEmpty()) {
                keys.key(Qt::Key_2);
                keys.key(Qt::Key_J);
            } else if (deny && !denied) {
                keys.key(Qt::Key_N);
                denied = true;
            } else {
                keys.key(Qt::Key_M);
            }
        }
        QVERIFY(checklist->isOnSummary());
    }

    QTemporaryDir m_home;
    TrustFixture m_organization;
};

QTEST_MAIN(TestKeyCount)
#include "tst_keycount.moc"
