// Team mode on the real MainWindow against a real PostgreSQL server (a cluster of this test's own: it
// stops the server): the workspace's queue, Take Next Case, a judgment saved and read back by a second
// connection, the queue following another client's change, a case held by someone else read-only with
// their name, and the server stopped (read-only, "workspace unreachable") and started again (writable,
// nothing saved lost).
#include "DeskTestSupport.h"
#include "UiTestSupport.h"
#include "workspace/PgTestCluster.h"

#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"
#include "model/workspace/WorkspaceSchema.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/queue/QueueView.h"
#include "ui/workspace/TeamMode.h"
#include "ui/workspace/WorkerThread.h"
#include "ui/workspace/WorkspaceCaseLink.h"
#include "ui/workspace/WorkspaceQueue.h"
#include "ui/workspace/WorkspaceQueueModel.h"
#include "ui/workspace/WorkspaceQueueView.h"
#include "ui/workspace/WorkspaceSettings.h"

#include <QAction>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>

#include <thread>

using namespace rd;
using namespace rd::test;

namespace {
const QString kNurse = QStringLiteral("nurse.kim");
const QString kOther = QStringLiteral("nurse.other"); // another client: a role of the server only
constexpr int kServerTimeoutMs = 60000;               // a cluster restarting on a loaded machine
} // namespace

class TestTeam : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    TrustFixture m_organization;
    PgTestCluster m_cluster;
    QString m_urgent;   // expedited: taken first
    QString m_standard; // taken by the other client
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<WorkspaceCase> m_otherHolds;
    QString m_judgment; // answered before the server stopped
    Answer m_answer;

    QString importCase(const QString& name, Urgency urgency, QString* error)
    {
        const QString path = createCase(m_home.path(), name,
                                        openRequest(name, {QStringLiteral("96000")}, urgency,
                                                    QDateTime::currentDateTimeUtc().addDays(-1)));
        auto workspace = Workspace::open(m_cluster.url(kNurse), error);
        if (!workspace)
            return {};
        return workspace->importCaseFile(path, error).value_or(QString());
    }

    // What the server holds, read on a connection of its own.
    std::optional<Answer> serverAnswer(const QString& caseId, const QString& judgmentId)
    {
        QString error;
        auto store =
            WorkspaceCase::open(m_cluster.url(kOther), caseId, WorkspaceCase::OpenMode::ReadOnly, &error);
        if (!store) {
            qWarning("%s", qPrintable(error));
            return std::nullopt;
        }
        const auto& answers = store->data().answers;
        return answers.contains(judgmentId) ? std::optional<Answer>(answers.value(judgmentId)) : std::nullopt;
    }

    TeamMode* team() const { return m_window->teamMode(); }
    CaseSession* session() const { return m_window->session(); }
    QString caseState() const { return team()->caseStateLabel()->text(); }
    QString openCaseId() const
    {
        return session() && session()->workspace() ? session()->workspace()->caseId() : QString();
    }
    QString holderShown(const QString& caseId) const
    {
        const WorkspaceQueueModel* model = team()->view()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, 0).data(WorkspaceQueueModel::CaseIdRole).toString() == caseId)
                return model->index(row, WorkspaceQueueModel::HolderColumn).data().toString();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(setUpPeople(m_organization, m_home, "TeamTest"));
        QString error;
        QVERIFY2(m_cluster.setUp(QStringLiteral("rd_uiteam"), &error,
                                 qEnvironmentVariable("REVIEWDESK_TEST_PG_DIR") + QStringLiteral("-uiteam")),
                 qPrintable(error));
        auto owner = PgConnection::open(m_cluster.superuser(), &error);
        QVERIFY2(owner && WorkspaceSchema::migrate(*owner, &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(kNurse, QStringLiteral("rd_reviewer"), &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(kOther, QStringLiteral("rd_reviewer"), &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(QStringLiteral("dr.whitfield"), QStringLiteral("rd_medical_director"),
                                     &error),
                 qPrintable(error));
        m_standard = importCase(QStringLiteral("M5001"), Urgency::Standard, &error);
        QVERIFY2(!m_standard.isEmpty(), qPrintable(error));
        m_urgent = importCase(QStringLiteral("M5002"), Urgency::Expedited, &error);
        QVERIFY2(!m_urgent.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_otherHolds.reset();
        m_window.reset();
        WorkerThread::waitForAll(15000);
        QString error;
        QVERIFY2(m_cluster.stop(&error), qPrintable(error));
    }

    void settingsNameTheWorkspaceAndThePerson()
    {
        const QString url =
            QStringLiteral("postgresql://db.plan.example/reviewdesk?sslmode=verify-full&user=x");
        const QString mine = WorkspaceSettings::urlFor(url, kNurse);
        QVERIFY2(mine.contains(QStringLiteral("user=nurse.kim")) && !mine.contains(QStringLiteral("user=x")),
                 qPrintable(mine));
        QVERIFY2(mine.contains(QStringLiteral("sslmode=verify-full")), qPrintable(mine));
        // Shown by database and server: never a user, never a socket's folder.
        QCOMPARE(WorkspaceSettings::displayUrl(
                     QStringLiteral("postgresql://x@db.plan.example:5433/reviewdesk?sslmode=verify-full")),
                 QStringLiteral("reviewdesk on db.plan.example:5433"));
        QCOMPARE(WorkspaceSettings::displayUrl(
                     QStringLiteral("postgresql:///rd_team?host=/tmp/rdpg.AbC123&user=x")),
                 QStringLiteral("rd_team on this computer"));
        QVERIFY(!WorkspaceSettings::displayUrl(m_cluster.url(kNurse)).contains(QLatin1Char('/')));
        QFile file(WorkspaceSettings::filePath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QJsonDocument(
                QJsonObject{{QStringLiteral("url"),
                             QStringLiteral("postgresql://db.plan.example/reviewdesk?password=secret")}})
                .toJson());
        file.close();
        QString error;
        QVERIFY(!WorkspaceSettings::configuredUrl(&error));
        QVERIFY2(error.contains(QStringLiteral("workspace.json")) &&
                     error.contains(QStringLiteral("password")),
                 qPrintable(error));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("url"), m_cluster.url(QString())}}).toJson());
        file.close();
        error.clear();
        QCOMPARE(WorkspaceSettings::configuredUrl(&error).value_or(QString()), m_cluster.url(QString()));
        QVERIFY(error.isEmpty());
        QFile::remove(WorkspaceSettings::filePath());
        QVERIFY(!WorkspaceSettings::configuredUrl(&error));
    }

    void queueListsTheWorkspace()
    {
        m_window = showDesk(m_home.path(), kNurse);
        m_window->openWorkspace(m_cluster.url(kNurse));
        QVERIFY(team());
        QCOMPARE(m_window->centralWidget()->findChild<WorkspaceQueueView*>(), team()->view());
        QTRY_COMPARE_WITH_TIMEOUT(team()->view()->model()->rowCount(), 2, kServerTimeoutMs);
        QVERIFY(team()->queue()->isReachable());
        // Expedited first; the member, and nobody holds either yet.
        const WorkspaceQueueModel* model = team()->view()->model();
        QCOMPARE(model->index(0, 0).data(WorkspaceQueueModel::CaseIdRole).toString(), m_urgent);
        QVERIFY(model->index(0, WorkspaceQueueModel::MemberColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("M5002")));
        QVERIFY(model->index(0, WorkspaceQueueModel::DueColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("expedited")));
        QCOMPARE(holderShown(m_urgent), QStringLiteral("—"));
    }

    void takeNextOpensTheMostUrgentCase()
    {
        QVERIFY(team()->takeNextAction()->isEnabled());
        QSignalSpy opened(team(), &TeamMode::caseOpened);
        team()->takeNextAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kServerTimeoutMs);
        QCOMPARE(opened.first().at(0).toString(), m_urgent);
        QVERIFY(opened.first().at(1).toBool());
        QCOMPARE(openCaseId(), m_urgent);
        QVERIFY2(!session()->isReadOnly(), qPrintable(session()->readOnlyReason()));
        QCOMPARE(m_window->centralWidget()->findChild<CaseView*>(), m_window->caseView());
        // The queue shows who holds it now.
        QTRY_COMPARE_WITH_TIMEOUT(holderShown(m_urgent), kNurse, kServerTimeoutMs);
        QVERIFY(team()->routeAction()->isEnabled());
        QVERIFY(team()->releaseAction()->isEnabled());
    }

    void judgmentIsSavedOnTheServer()
    {
        ChecklistView* checklist = m_window->caseView()->checklist();
        checklist->setFocus(Qt::OtherFocusReason);
        m_judgment = checklist->currentJudgment();
        QVERIFY(!m_judgment.isEmpty());
        QVERIFY(!serverAnswer(m_urgent, m_judgment));
        QSignalSpy saved(session(), &CaseSession::answerSaved);
        press(m_window.get(), Qt::Key_N);
        // Shown at once, not said saved until the workspace has committed it (its answer comes back
        // through the event loop, which has not run yet).
        QCOMPARE(session()->unsavedCount(), 1);
        QVERIFY2(caseState().contains(QStringLiteral("Saving")), qPrintable(caseState()));
        QVERIFY(saved.isEmpty());
        QVERIFY(saved.wait(kServerTimeoutMs));
        QCOMPARE(saved.first().at(0).toString(), m_judgment);
        m_answer = *session()->answer(m_judgment);
        QVERIFY(m_answer.value == AnswerValue::NotMet || m_answer.value == AnswerValue::No);
        QCOMPARE(session()->unsavedCount(), 0);
        QVERIFY2(caseState().contains(QStringLiteral("every answer saved")), qPrintable(caseState()));
        // A second connection reads it from the server.
        const auto stored = serverAnswer(m_urgent, m_judgment);
        QVERIFY(stored);
        QCOMPARE(*stored, m_answer);
        // Save a Copy As: the case as the server holds it, as a case file.
        const QString copy = m_home.filePath(QStringLiteral("copy.rdcase"));
        bool copied = false;
        QString copyError;
        session()->workspace()->saveCopyAs(copy, [&](bool ok, const QString& message) {
            copied = ok;
            copyError = message;
        });
        QTRY_VERIFY2_WITH_TIMEOUT(copied || !copyError.isEmpty(), qPrintable(copyError), kServerTimeoutMs);
        QVERIFY2(copied, qPrintable(copyError));
        QString error;
        const auto file = CaseFile::open(copy, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        QCOMPARE(file->data().answers.value(m_judgment), m_answer);
    }

    void queueFollowsAnotherClientsChange()
    {
        QString error;
        auto other = Workspace::open(m_cluster.url(kOther), &error);
        QVERIFY2(other, qPrintable(error));
        QCOMPARE(other->takeNext(Workspace::ReviewQueue, &error).value_or(QString()), m_standard);
        QTRY_COMPARE_WITH_TIMEOUT(holderShown(m_standard), kOther, kServerTimeoutMs);
        // The other client holds it open for writing.
        m_otherHolds = WorkspaceCase::open(m_cluster.url(kOther), m_standard,
                                           WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(m_otherHolds && !m_otherHolds->isReadOnly(), qPrintable(error));
    }

    void heldElsewhereOpensReadOnlyWithTheHoldersName()
    {
        QSignalSpy opened(team(), &TeamMode::caseOpened);
        team()->openCase(m_standard);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kServerTimeoutMs);
        QCOMPARE(openCaseId(), m_standard);
        QVERIFY(session()->isReadOnly());
        QVERIFY2(session()->readOnlyReason().contains(kOther), qPrintable(session()->readOnlyReason()));
        QVERIFY2(caseState().contains(kOther), qPrintable(caseState()));
        // Said once: beside the status bar, not again in it.
        QVERIFY2(!m_window->statusBar()->currentMessage().contains(kOther),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("read-only")));
        QVERIFY(!team()->routeAction()->isEnabled());
        // An answer key is refused and nothing reaches the server.
        const QString judgment = m_window->caseView()->checklist()->currentJudgment();
        m_window->caseView()->checklist()->setFocus(Qt::OtherFocusReason);
        press(m_window.get(), Qt::Key_N);
        QCOMPARE(session()->unsavedCount(), 0);
        QVERIFY(!serverAnswer(m_standard, judgment));

        // Back to the case this person holds: writable again.
        opened.clear();
        team()->openCase(m_urgent);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kServerTimeoutMs);
        QCOMPARE(openCaseId(), m_urgent);
        QVERIFY2(!session()->isReadOnly(), qPrintable(session()->readOnlyReason()));
        QCOMPARE(*session()->answer(m_judgment), m_answer);
    }

    void serverStoppedThenStartedAgain()
    {
        QString error;
        QVERIFY2(m_cluster.crash(&error), qPrintable(error));
        // Noticed without any write: read-only, and said in the window.
        QTRY_VERIFY_WITH_TIMEOUT(session()->isReadOnly(), kServerTimeoutMs);
        QVERIFY2(caseState().contains(QStringLiteral("workspace unreachable")), qPrintable(caseState()));
        QVERIFY(team()->caseStateLabel()->isVisible());
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("read-only")));
        QVERIFY2(session()->writeBlockedReason().contains(QStringLiteral("workspace unreachable")),
                 qPrintable(session()->writeBlockedReason()));
        QTRY_VERIFY_WITH_TIMEOUT(!team()->queue()->isReachable(), kServerTimeoutMs);
        QVERIFY(team()->view()->stateText().contains(QStringLiteral("workspace unreachable")));
        // What was saved is still shown.
        QCOMPARE(*session()->answer(m_judgment), m_answer);

        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        // Reconnected by itself: writable again, held by this person, with what the server holds.
        QTRY_VERIFY_WITH_TIMEOUT(!session()->isReadOnly(), kServerTimeoutMs);
        QVERIFY2(caseState().contains(QStringLiteral("every answer saved")), qPrintable(caseState()));
        QCOMPARE(*session()->answer(m_judgment), m_answer);
        QTRY_VERIFY_WITH_TIMEOUT(team()->queue()->isReachable(), kServerTimeoutMs);

        // And it saves again; both answers are on the server.
        ChecklistView* checklist = m_window->caseView()->checklist();
        checklist->setFocus(Qt::OtherFocusReason);
        const QString next = checklist->currentJudgment();
        QVERIFY(!next.isEmpty() && next != m_judgment);
        QSignalSpy saved(session(), &CaseSession::answerSaved);
        press(m_window.get(), Qt::Key_N);
        QVERIFY(saved.wait(kServerTimeoutMs));
        QCOMPARE(serverAnswer(m_urgent, m_judgment).value_or(Answer{}), m_answer);
        QVERIFY(serverAnswer(m_urgent, next));
    }

    void holdTakenAgainOnceTheOldSessionGoes()
    {
        // A network cut as the server sees it: this desk's connections end while a session of the same
        // person (here the test's) takes the case and holds it.
        QString error;
        auto lingering = PgConnection::open(m_cluster.url(kNurse), &error);
        QVERIFY2(lingering, qPrintable(error));
        const auto pid = lingering->exec("SELECT pg_backend_pid()", {}, &error);
        QVERIFY2(pid, qPrintable(error));
        const QString lingeringPid = pid->text(0, 0);
        // The test's session asks to hold the case, and waits while this desk's session holds it...
        QString held = QStringLiteral("not answered");
        std::thread waiter([&lingering, &held, caseId = m_urgent] {
            QString why;
            const auto result = lingering->exec("SELECT rd.hold($1)", {PgParam::text(caseId)}, &why);
            held = result ? result->text(0, 0) : why;
        });
        auto admin = PgConnection::open(m_cluster.superuser(), &error);
        QVERIFY2(admin, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(
            admin->exec("SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND pid = $1::int",
                        {PgParam::text(lingeringPid)}, &error)
                    .value_or(PgResult())
                    .rows() == 1,
            kServerTimeoutMs);
        // ... which ends (a network cut, as the server sees it): the waiting session holds it.
        QVERIFY2(admin->command(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                               "usename = '%1' AND pid <> %2")
                                    .arg(kNurse, lingeringPid)
                                    .toUtf8(),
                                &error),
                 qPrintable(error));
        waiter.join();
        QVERIFY2(held.isEmpty(), qPrintable(held)); // the case is the lingering session's
        QTRY_VERIFY_WITH_TIMEOUT(session()->isReadOnly() && session()->readOnlyReason().contains(kNurse),
                                 kServerTimeoutMs);
        // The old session goes: held again by this desk, writable, nothing lost.
        lingering.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!session()->isReadOnly(), kServerTimeoutMs);
        QVERIFY2(caseState().contains(QStringLiteral("every answer saved")), qPrintable(caseState()));
        QCOMPARE(*session()->answer(m_judgment), m_answer);
    }

    void passwordIsAskedWhenTheServerWantsOne()
    {
        // The server wants a password (scram-sha-256) from dr.whitfield, which no ~/.pgpass gives.
        QString error;
        QVERIFY2(m_cluster.sql(QStringLiteral("ALTER ROLE \"dr.whitfield\" PASSWORD 'pg secret 1'"), &error),
                 qPrintable(error));
        QFile hba(qEnvironmentVariable("REVIEWDESK_TEST_PG_DIR") +
                  QStringLiteral("-uiteam/data/pg_hba.conf"));
        QVERIFY(hba.open(QIODevice::ReadOnly));
        const QByteArray original = hba.readAll();
        hba.close();
        QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write("local all dr.whitfield scram-sha-256\n" + original);
        hba.close();
        QVERIFY2(m_cluster.sql(QStringLiteral("SELECT pg_reload_conf()"), &error), qPrintable(error));
        qputenv("PGPASSFILE", QFile::encodeName(m_home.filePath(QStringLiteral("no-pgpass"))));

        auto doctor = showDesk(m_home.path(), QStringLiteral("dr.whitfield"));
        QString prompt;
        onNextModal([&prompt](QWidget* dialog) {
            prompt = dialog->findChild<QLabel*>() ? dialog->findChild<QLabel*>()->text() : QString();
            auto* edit = dialog->findChild<QLineEdit*>();
            QVERIFY(edit);
            QCOMPARE(edit->echoMode(), QLineEdit::Password);
            edit->setText(QStringLiteral("pg secret 1"));
            QTest::keyClick(edit, Qt::Key_Return);
        });
        doctor->openWorkspace(m_cluster.url(QStringLiteral("dr.whitfield")));
        QSignalSpy asked(doctor->teamMode(), &TeamMode::passwordAsked);
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, kServerTimeoutMs);
        QVERIFY(asked.first().at(0).toBool());
        QVERIFY2(prompt.contains(QStringLiteral("dr.whitfield")), qPrintable(prompt));
        QTRY_VERIFY_WITH_TIMEOUT(doctor->teamMode()->queue()->isReachable(), kServerTimeoutMs);
        QCOMPARE(doctor->teamMode()->view()->model()->rowCount(), 2);
        QVERIFY(!doctor->teamMode()->queue()->url().contains(QStringLiteral("secret")));

        doctor.reset();
        PgConnection::setSessionPassword({});
        QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write(original);
        hba.close();
        QVERIFY2(m_cluster.sql(QStringLiteral("SELECT pg_reload_conf()"), &error), qPrintable(error));
    }

    void releasePutsTheCaseBack()
    {
        QSignalSpy letGo(team(), &TeamMode::letGo);
        team()->releaseAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(letGo.size(), 1, kServerTimeoutMs);
        QVERIFY(letGo.first().at(1).toBool());
        QVERIFY(!session());
        QTRY_COMPARE_WITH_TIMEOUT(holderShown(m_urgent), QStringLiteral("—"), kServerTimeoutMs);
    }

    void urlWithCaseIdOpensItAndRoutingSendsItToTheMedicalDirectors()
    {
        QSignalSpy opened(team(), &TeamMode::caseOpened);
        m_window->openWorkspace(m_cluster.url(kNurse) + QLatin1Char('#') + m_urgent);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kServerTimeoutMs);
        QCOMPARE(openCaseId(), m_urgent);
        QVERIFY2(!session()->isReadOnly(), qPrintable(session()->readOnlyReason()));
        QTRY_COMPARE_WITH_TIMEOUT(holderShown(m_urgent), kNurse, kServerTimeoutMs);

        QSignalSpy letGo(team(), &TeamMode::letGo);
        team()->routeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(letGo.size(), 1, kServerTimeoutMs);
        QVERIFY(letGo.first().at(1).toBool());
        QVERIFY(!session());
        QString error;
        auto workspace = Workspace::open(m_cluster.url(kOther), &error);
        QVERIFY2(workspace, qPrintable(error));
        const auto entry = workspace->entry(m_urgent, &error);
        QVERIFY2(entry, qPrintable(error));
        QCOMPARE(entry->queue, Workspace::MedicalDirectorQueue);
        QCOMPARE(entry->status, QStringLiteral("awaiting-medical-director"));
        QVERIFY(entry->assignee.isEmpty());
        // A reviewer's Take Next Case does not get it back.
        QCOMPARE(workspace->takeNext(Workspace::ReviewQueue, &error).value_or(QStringLiteral("?")),
                 QString());
    }

    void closingTheWorkspaceLeavesTeamMode()
    {
        QPointer<QAction> take = team()->takeNextAction();
        m_window->closeWorkspace();
        QVERIFY(!m_window->teamMode());
        QVERIFY(!take);
        QVERIFY(!m_window->centralWidget()->findChild<WorkspaceQueueView*>());
        QCOMPARE(m_window->centralWidget()->findChild<QueueView*>(), m_window->queueView());
        QVERIFY(m_window->queueView()->isVisible());
        for (QAction* action : m_window->menuBar()->actions())
            QVERIFY(action->text() != QStringLiteral("&Team"));
    }
};

QTEST_MAIN(TestTeam)
#include "tst_team.moc"
