// Sign Off, Finalize and Add Clinical Records on a case of the team workspace, in the real MainWindow
// against a real PostgreSQL server (a cluster of this test's own: it stops the server): the medical
// director signs a denial in the app and a second connection (and reviewdesk-cli verify) verifies it
// against the workspace's roster; a reviewer cannot sign a denial (the dialog refuses, and the server
// refuses what the app would not send); a reviewer finalizes an all-approved case; PDFs are checked and
// stored on the server (a refused one changes nothing); the server stopped mid-sign leaves nothing
// signed, says so, and the dialog signs once the server is back.
#include "DeskTestSupport.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "workspace/PgTestCluster.h"

#include "checklist/CaseJson.h"
#include "checklist/PolicyLoader.h"
#include "model/letters/Letter.h"
#include "model/letters/PlanInfo.h"
#include "model/signoff/Signoff.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"
#include "model/workspace/WorkspaceSchema.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/signoff/SignoffDialog.h"
#include "ui/signoff/SignoffFlow.h"
#include "ui/workspace/TeamMode.h"
#include "ui/workspace/WorkerThread.h"
#include "ui/workspace/WorkspaceCaseLink.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>

using namespace rd;
using namespace rd::test;

namespace {
const QString kNurse = QStringLiteral("nurse.kim");
const QString kDoctor = QStringLiteral("dr.whitfield");
const QString kAdmin = QStringLiteral("ws.admin");   // stores the roster in the workspace
const QString kReader = QStringLiteral("ws.reader"); // a second connection, reading only
constexpr int kServerTimeoutMs = 60000;              // a cluster restarting on a loaded machine
const QString kRationale =
    QStringLiteral("The notes do not show that the muscle activity recording would be read "
                   "on its own or change the injection plan.");
} // namespace

class TestTeamSignoff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    TrustFixture m_organization;
    PgTestCluster m_cluster;
    std::optional<Policy> m_policy;
    QString m_denied;      // awaiting the medical director: signed by them in the app
    QString m_nurseDenied; // in review with a reviewer, who cannot sign it
    QString m_approved;    // in review, every line approved: finalized by the reviewer
    QString m_records;     // clinical records added
    QString m_outage;      // awaiting the medical director: the server stops mid-sign
    std::unique_ptr<MainWindow> m_nurse;
    std::unique_ptr<MainWindow> m_doctor;

    QString importCase(const QString& kind, const QString& name, CaseStatus status, QString* error)
    {
        Result<CaseData> data =
            CaseJson::readFile(QStringLiteral(REVIEWDESK_TEST_DATA "/signoff-%1.json").arg(kind), *m_policy);
        if (!data) {
            *error = data.error().toString();
            return {};
        }
        const QString path = m_home.filePath(name + QStringLiteral(".rdcase"));
        const Actor nurse = m_organization.actor(kNurse);
        auto file = CaseFile::create(path, data.value(), nurse, error);
        if (!file || (status != CaseStatus::New && !file->setStatus(status, nurse, error)))
            return {};
        file.reset();
        auto workspace = Workspace::open(m_cluster.url(kNurse), error);
        return workspace ? workspace->importCaseFile(path, error).value_or(QString()) : QString();
    }

    // The case as the server holds it, read on a connection of its own.
    std::unique_ptr<WorkspaceCase> serverCase(const QString& caseId)
    {
        QString error;
        auto store =
            WorkspaceCase::open(m_cluster.url(kReader), caseId, WorkspaceCase::OpenMode::ReadOnly, &error);
        if (!store)
            qWarning("%s", qPrintable(error));
        return store;
    }

    // Opens caseId in window (team mode as the person logged in) and waits until it is held.
    static bool openHeld(MainWindow* window, const QString& url, const QString& caseId)
    {
        window->openWorkspace(url + QLatin1Char('#') + caseId);
        if (!QTest::qWaitFor(
                [window, caseId] {
                    return window->session() && window->session()->workspace() &&
                           window->session()->workspace()->caseId() == caseId &&
                           !window->session()->isReadOnly();
                },
                kServerTimeoutMs)) {
            qWarning("%s not held: %s", qPrintable(caseId),
                     window->session() ? qPrintable(window->session()->readOnlyReason()) : "not open");
            return false;
        }
        return true;
    }

    static QAction* actionWithShortcut(MainWindow* window, const QKeySequence& shortcut)
    {
        for (QAction* action : window->findChildren<QAction*>())
            if (action->shortcut() == shortcut)
                return action;
        return nullptr;
    }
    static QAction* signOffAction(MainWindow* window)
    {
        return actionWithShortcut(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(setUpPeople(m_organization, m_home, "TeamSignoffTest"));
        Result<Policy> policy = PolicyLoader::loadBuiltIn();
        QVERIFY(policy.ok());
        m_policy = policy.value();
        QString error;
        QVERIFY2(m_cluster.setUp(QStringLiteral("rd_uisign"), &error,
                                 qEnvironmentVariable("REVIEWDESK_TEST_PG_DIR") + QStringLiteral("-uisign")),
                 qPrintable(error));
        auto owner = PgConnection::open(m_cluster.superuser(), &error);
        QVERIFY2(owner && WorkspaceSchema::migrate(*owner, &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(kNurse, QStringLiteral("rd_reviewer"), &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(kReader, QStringLiteral("rd_reviewer"), &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(kDoctor, QStringLiteral("rd_medical_director"), &error),
                 qPrintable(error));
        QVERIFY2(m_cluster.addPerson(kAdmin, QStringLiteral("rd_admin"), &error), qPrintable(error));
        // The roster every member's verify uses is the one the workspace keeps.
        QFile roster(m_organization.rosterPath());
        QVERIFY(roster.open(QIODevice::ReadOnly));
        auto admin = Workspace::open(m_cluster.url(kAdmin), &error);
        QVERIFY2(admin && admin->storeRoster(roster.readAll(), 1, &error), qPrintable(error));

        const auto awaiting = CaseStatus::AwaitingMedicalDirector;
        m_denied = importCase(QStringLiteral("denied"), QStringLiteral("denied"), awaiting, &error);
        QVERIFY2(!m_denied.isEmpty(), qPrintable(error));
        m_outage = importCase(QStringLiteral("denied"), QStringLiteral("outage"), awaiting, &error);
        QVERIFY2(!m_outage.isEmpty(), qPrintable(error));
        m_nurseDenied = importCase(QStringLiteral("denied"), QStringLiteral("nurse-denied"),
                                   CaseStatus::InReview, &error);
        QVERIFY2(!m_nurseDenied.isEmpty(), qPrintable(error));
        m_approved =
            importCase(QStringLiteral("approved"), QStringLiteral("approved"), CaseStatus::InReview, &error);
        QVERIFY2(!m_approved.isEmpty(), qPrintable(error));
        m_records =
            importCase(QStringLiteral("approved"), QStringLiteral("records"), CaseStatus::InReview, &error);
        QVERIFY2(!m_records.isEmpty(), qPrintable(error));
        MessageBox::setAutoAnswer(QMessageBox::Yes);
    }

    void cleanupTestCase()
    {
        MessageBox::setAutoAnswer(std::nullopt);
        m_nurse.reset();
        m_doctor.reset();
        WorkerThread::waitForAll(15000);
        QString error;
        QVERIFY2(m_cluster.stop(&error), qPrintable(error));
    }

    void reviewerCannotSignADenial()
    {
        m_nurse = showDesk(m_home.path(), kNurse);
        QVERIFY(openHeld(m_nurse.get(), m_cluster.url(kNurse), m_nurseDenied));
        // Sign Off shows the decision and the letters; signing a denial is the medical director's.
        QAction* signOff = signOffAction(m_nurse.get());
        QVERIFY(signOff && signOff->isEnabled());
        bool shown = false;
        onNextModal([&shown](QWidget* modal) {
            auto* dialog = qobject_cast<SignoffDialog*>(modal);
            QVERIFY(dialog);
            shown = true;
            dialog->setRationale(kRationale);
            dialog->setPassword(QString::fromUtf8(kNursePassword));
            const QString problems = dialog->problems().join(QLatin1Char('\n'));
            QVERIFY2(problems.contains(QStringLiteral("medical director")) ||
                         problems.contains(QStringLiteral("medical-director")),
                     qPrintable(problems));
            QVERIFY(!dialog->signButton()->isEnabled());
            dialog->done(QDialog::Rejected);
        });
        signOff->trigger();
        QVERIFY(shown);
        QVERIFY(!m_nurse->session()->file()->isSigned());

        // A reviewer whose desk claimed the medical director's role: the server refuses the signature.
        QString error;
        const auto plan = PlanInfo::load(QString(), &error);
        QVERIFY2(plan, qPrintable(error));
        User forged = *person(kNurse);
        forged.role = UserRole::MedicalDirector;
        SignoffInput input;
        input.login = kNurse;
        input.letterFields.insert(LetterField::clinicalRationale(), kRationale);
        bool done = false;
        bool ok = true;
        m_nurse->session()->workspace()->signOff(Signoff(*m_policy, *plan), forged, m_nurse->actor().key(),
                                                 input, [&](bool signedNow, const QString& why) {
                                                     done = true;
                                                     ok = signedNow;
                                                     error = why;
                                                 });
        QTRY_VERIFY_WITH_TIMEOUT(done, kServerTimeoutMs);
        QVERIFY(!ok);
        QVERIFY2(error.contains(QStringLiteral("only a medical director signs a denial")), qPrintable(error));
        const auto stored = serverCase(m_nurseDenied);
        QVERIFY(stored && !stored->isSigned());
        QVERIFY(!m_nurse->session()->file()->isSigned());
    }

    void medicalDirectorSignsADenial()
    {
        m_doctor = showDesk(m_home.path(), kDoctor);
        QVERIFY(openHeld(m_doctor.get(), m_cluster.url(kDoctor), m_denied));
        QAction* signOff = signOffAction(m_doctor.get());
        QVERIFY(signOff && signOff->isEnabled());
        const QString letterPdf = m_home.filePath(QStringLiteral("denial-letter.pdf"));
        bool finished = false;
        QString failure;
        onNextModal([&](QWidget* modal) {
            auto* dialog = qobject_cast<SignoffDialog*>(modal);
            QVERIFY(dialog);
            QVERIFY(dialog->windowTitle().contains(QStringLiteral("M")));
            dialog->setRationale(kRationale);
            QCOMPARE(dialog->problems(), QStringList());
            const QString screenshots = qEnvironmentVariable("REVIEWDESK_SCREENSHOT_DIR");
            if (!screenshots.isEmpty())
                dialog->grab().save(QDir(screenshots).filePath(QStringLiteral("guide-team-signoff.png")));
            dialog->setPassword(QString::fromUtf8(kDoctorPassword));
            QVERIFY(dialog->signButton()->isEnabled());
            QSignalSpy signing(dialog, &SignoffDialog::signingFinished);
            dialog->sign();
            QVERIFY(dialog->isSigning());
            QTRY_COMPARE_WITH_TIMEOUT(signing.size(), 1, kServerTimeoutMs);
            finished = signing.first().at(0).toBool();
            failure = signing.first().at(1).toString();
            QVERIFY2(finished, qPrintable(failure));
            QVERIFY(dialog->isSigned());
            QVERIFY(dialog->letterHtml(QStringLiteral("en")).contains(kRationale));
            // Export PDF of the signed letter, as for a case file.
            onNextModal([&letterPdf](QWidget* fileDialog) {
                auto* name = fileDialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
                QVERIFY(name);
                name->setText(letterPdf);
                QTest::keyClick(name, Qt::Key_Return);
            });
            for (QPushButton* button : dialog->findChildren<QPushButton*>())
                if (button->text() == SignoffDialog::tr("&Export PDF…"))
                    button->click();
            dialog->done(QDialog::Accepted);
        });
        signOff->trigger();
        QVERIFY2(finished, qPrintable(failure));
        QVERIFY(m_doctor->session()->file()->isSigned());
        QVERIFY(m_doctor->session()->isReadOnly());
        QFile letter(letterPdf);
        QVERIFY(letter.open(QIODevice::ReadOnly));
        QVERIFY(letter.read(5) == "%PDF-");

        // A second connection: the server holds the signature, and it verifies against the workspace's
        // roster and the head the server keeps, in the app's code and in reviewdesk-cli.
        const auto stored = serverCase(m_denied);
        QVERIFY(stored && stored->isSigned());
        QCOMPARE(stored->signature()->signer, kDoctor);
        const CaseVerification result = stored->verifyWithWorkspaceRoster();
        QVERIFY2(result.report.problems.isEmpty(),
                 qPrintable(result.report.problems.value(0).where + QStringLiteral(": ") +
                            result.report.problems.value(0).what));
        QCOMPARE(result.decision, QStringLiteral("denied"));
        const CliRun verify =
            runCli({QStringLiteral("verify"), m_cluster.url(kReader) + QLatin1Char('#') + m_denied}, {},
                   m_organization.environment());
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));

        // Opened again: the signature is checked off the GUI thread against the workspace's roster.
        m_doctor->closeCase();
        m_doctor->statusBar()->clearMessage();
        m_doctor->openWorkspace(m_cluster.url(kDoctor) + QLatin1Char('#') + m_denied);
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_doctor->statusBar()->currentMessage().contains(QStringLiteral("signature verifies")),
            qPrintable(m_doctor->statusBar()->currentMessage()), kServerTimeoutMs);
    }

    void reviewerFinalizesAnApprovedCase()
    {
        QVERIFY(openHeld(m_nurse.get(), m_cluster.url(kNurse), m_approved));
        // Route Case (Ctrl+R) on an all-approved case: one question (answered yes), signed with the key
        // unlocked at login, on the case's thread.
        QAction* route = actionWithShortcut(m_nurse.get(), QKeySequence(Qt::CTRL | Qt::Key_R));
        QVERIFY(route && route->isEnabled());
        route->trigger();
        QVERIFY(m_nurse->signoffFlow()->isSigning());
        QVERIFY(!signOffAction(m_nurse.get())->isEnabled()); // no second signature while one is on its way
        QTRY_VERIFY_WITH_TIMEOUT(m_nurse->session()->file()->isSigned(), kServerTimeoutMs);
        QVERIFY(m_nurse->session()->isReadOnly());
        QTRY_VERIFY(m_nurse->statusBar()->currentMessage().contains(QStringLiteral("Signed")));
        const auto stored = serverCase(m_approved);
        QVERIFY(stored && stored->isSigned());
        QCOMPARE(stored->signature()->signer, kNurse);
        const CaseVerification result = stored->verifyWithWorkspaceRoster();
        QVERIFY(result.report.problems.isEmpty());
        QCOMPARE(result.decision, QStringLiteral("approved"));
    }

    void clinicalRecordsAreStoredOnTheServer()
    {
        QVERIFY(openHeld(m_nurse.get(), m_cluster.url(kNurse), m_records));
        const int before = int(m_nurse->session()->file()->attachments().size());
        const QString good = m_home.filePath(QStringLiteral("later-note.pdf"));
        const QString broken = m_home.filePath(QStringLiteral("broken-scan.pdf"));
        QVERIFY(writeFile(good, makePdf(3)));
        QVERIFY(writeFile(broken, QByteArray("%PDF-1.4\nnot a PDF at all\n")));
        QSignalSpy added(m_nurse.get(), &MainWindow::recordsAdded);
        // A refused PDF is named, and nothing is stored (not the good one either).
        QVERIFY(m_nurse->addRecordsToCase({good, broken}));
        QVERIFY(m_nurse->isBusyWithCase());
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, kServerTimeoutMs);
        QVERIFY(!added.first().at(1).toBool());
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("broken-scan.pdf")),
                 qPrintable(MessageBox::lastText()));
        QCOMPARE(int(serverCase(m_records)->attachments().size()), before);
        QVERIFY(!m_nurse->session()->isReadOnly());

        QVERIFY(m_nurse->addRecordsToCase({good}));
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2, kServerTimeoutMs);
        QVERIFY(added.last().at(1).toBool());
        const auto stored = serverCase(m_records);
        QCOMPARE(int(stored->attachments().size()), before + 1);
        QCOMPARE(stored->attachments().last().fileName, QStringLiteral("later-note.pdf"));
        QCOMPARE(stored->attachments().last().pageCount, 3);
        // Shown: the first one added.
        QVERIFY2(m_nurse->caseView()->attachmentChooser()->currentText().contains(
                     QStringLiteral("later-note.pdf")),
                 qPrintable(m_nurse->caseView()->attachmentChooser()->currentText()));
        QVERIFY(stored->verify().problems.isEmpty());
    }

    void serverStoppedMidSign()
    {
        QVERIFY(openHeld(m_doctor.get(), m_cluster.url(kDoctor), m_outage));
        bool signedAtLast = false;
        QString failure;
        onNextModal([&](QWidget* modal) {
            auto* dialog = qobject_cast<SignoffDialog*>(modal);
            QVERIFY(dialog);
            dialog->setRationale(kRationale);
            dialog->setPassword(QString::fromUtf8(kDoctorPassword));
            QVERIFY(dialog->signButton()->isEnabled());
            QSignalSpy signing(dialog, &SignoffDialog::signingFinished);
            QString error;
            QVERIFY2(m_cluster.crash(&error), qPrintable(error));
            dialog->sign();
            QTRY_COMPARE_WITH_TIMEOUT(signing.size(), 1, kServerTimeoutMs);
            QVERIFY(!signing.first().at(0).toBool());
            failure = signing.first().at(1).toString();
            QVERIFY2(failure.contains(QStringLiteral("not saved")) ||
                         failure.contains(QStringLiteral("unreachable")),
                     qPrintable(failure));
            QVERIFY2(failure.contains(QStringLiteral("Nothing was signed")), qPrintable(failure));
            QCOMPARE(MessageBox::lastTitle(), SignoffDialog::tr("Not Signed"));
            // Nothing half-signed; the dialog stays open and usable.
            QVERIFY(!dialog->isSigned());
            QVERIFY(!dialog->isSigning());
            QVERIFY(dialog->isVisible());
            QVERIFY(!dialog->signButton()->isEnabled()); // the password is asked again

            QVERIFY2(m_cluster.start(&error), qPrintable(error));
            const auto stored = serverCase(m_outage);
            QVERIFY(stored && !stored->isSigned());
            // Reconnected by itself: signed at the second try.
            QTRY_VERIFY_WITH_TIMEOUT(!m_doctor->session()->isReadOnly(), kServerTimeoutMs);
            dialog->setPassword(QString::fromUtf8(kDoctorPassword));
            QTRY_VERIFY_WITH_TIMEOUT(dialog->signButton()->isEnabled(), kServerTimeoutMs);
            dialog->sign();
            QTRY_COMPARE_WITH_TIMEOUT(signing.size(), 2, kServerTimeoutMs);
            signedAtLast = signing.last().at(0).toBool();
            QVERIFY2(signedAtLast, qPrintable(signing.last().at(1).toString()));
            dialog->done(QDialog::Accepted);
        });
        signOffAction(m_doctor.get())->trigger();
        QVERIFY2(signedAtLast, qPrintable(failure));
        const auto stored = serverCase(m_outage);
        QVERIFY(stored && stored->isSigned());
        QVERIFY(stored->verifyWithWorkspaceRoster().report.problems.isEmpty());
    }
};

QTEST_MAIN(TestTeamSignoff)
#include "tst_teamsignoff.moc"
