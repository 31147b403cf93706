// A workspace case open read-only because someone else holds it follows their work, on the real
// MainWindow against a real PostgreSQL server: a second client's judgment shows in the read-only view by
// itself, pages it read show as read, its release is told (and Take This Case makes the case this
// person's, writable), and a holder whose connection dies is told too. Last, the login window in team
// mode signs in against the workspace's roster.
#include "DeskTestSupport.h"
#include "UiTestSupport.h"
#include "workspace/PgTestCluster.h"

#include "model/signoff/UserDirectory.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"
#include "model/workspace/WorkspaceSchema.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/signoff/LoginDialog.h"
#include "ui/workspace/TeamMode.h"
#include "ui/workspace/WorkerThread.h"
#include "ui/workspace/WorkspaceCaseLink.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>

using namespace rd;
using namespace rd::test;

namespace {
const QString kNurse = QStringLiteral("nurse.kim");
const QString kOther = QStringLiteral("held.other"); // another client: a role of the server only
constexpr int kServerTimeoutMs = 60000;
} // namespace

class TestTeamHeld : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    TrustFixture m_organization;
    PgTestCluster m_cluster;
    QString m_caseId;
    QString m_second; // its holder's connection dies
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<WorkspaceCase> m_other;

    QString importCase(const QString& name, QString* error)
    {
        const QString path = createCase(m_home.path(), name,
                                        openRequest(name, {QStringLiteral("96000")}, Urgency::Standard,
                                                    QDateTime::currentDateTimeUtc().addDays(-1)),
                                        {{QStringLiteral("record.pdf"), QByteArrayLiteral("%PDF-1.4\n"), 3}});
        auto workspace = Workspace::open(m_cluster.url(kNurse), error);
        if (!workspace)
            return {};
        return workspace->importCaseFile(path, error).value_or(QString());
    }
    TeamMode* team() const { return m_window->teamMode(); }
    CaseSession* session() const { return m_window->session(); }
    QString caseState() const { return team()->caseStateLabel()->text(); }
    // The login window in team mode, signing kNurse in; the message when it refuses.
    std::optional<Login> signIn(QString* message)
    {
        UserDirectory directory;
        QString error;
        if (!directory.load(&error)) {
            *message = error;
            return std::nullopt;
        }
        LoginDialog dialog(directory);
        dialog.setWorkspace(m_cluster.url(QStringLiteral("someone.else")));
        dialog.userChooser()->setCurrentIndex(dialog.userChooser()->findData(kNurse));
        dialog.passwordField()->setText(QString::fromUtf8(passwordOf(kNurse)));
        QSignalSpy finished(&dialog, &LoginDialog::loginFinished);
        dialog.logIn();
        if (!finished.wait(kServerTimeoutMs)) {
            *message = QStringLiteral("the login window did not finish");
            return std::nullopt;
        }
        *message = finished.first().at(1).toString();
        return dialog.login();
    }

    bool openCase(const QString& caseId)
    {
        QSignalSpy opened(team(), &TeamMode::caseOpened);
        team()->openCase(caseId);
        return opened.wait(kServerTimeoutMs) && opened.first().at(1).toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(setUpPeople(m_organization, m_home, "TeamHeldTest"));
        QString error;
        QVERIFY2(m_cluster.setUp(QStringLiteral("rd_uiteamheld"), &error), qPrintable(error));
        auto owner = PgConnection::open(m_cluster.superuser(), &error);
        QVERIFY2(owner && WorkspaceSchema::migrate(*owner, &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(kNurse, QStringLiteral("rd_reviewer"), &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(kOther, QStringLiteral("rd_reviewer"), &error), qPrintable(error));
        m_caseId = importCase(QStringLiteral("M6001"), &error);
        QVERIFY2(!m_caseId.isEmpty(), qPrintable(error));
        m_second = importCase(QStringLiteral("M6002"), &error);
        QVERIFY2(!m_second.isEmpty(), qPrintable(error));
        m_other =
            WorkspaceCase::open(m_cluster.url(kOther), m_caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(m_other && !m_other->isReadOnly(), qPrintable(error));

        m_window = showDesk(m_home.path(), kNurse);
        m_window->openWorkspace(m_cluster.url(kNurse));
        QVERIFY(openCase(m_caseId));
        QVERIFY(session()->isReadOnly());
        QVERIFY2(caseState().contains(kOther), qPrintable(caseState()));
    }

    void cleanupTestCase()
    {
        m_other.reset();
        m_window.reset();
        WorkerThread::waitForAll(15000);
    }

    void holdersJudgmentAppearsInTheReadOnlyView()
    {
        const QString judgment = m_window->caseView()->checklist()->currentJudgment();
        QVERIFY(!judgment.isEmpty());
        QVERIFY(!session()->answer(judgment));
        QSignalSpy changed(session(), &CaseSession::answerChanged); // the checklist follows it
        QString error;
        QVERIFY2(
            m_other->recordJudgment(judgment, Answer{AnswerValue::Yes, {}, {}, {}}, actor(kOther), &error),
            qPrintable(error));
        // No reopening, no write here: the view follows by itself.
        QTRY_VERIFY_WITH_TIMEOUT(session()->answer(judgment).has_value(), kServerTimeoutMs);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toString(), judgment);
        QVERIFY(session()->answer(judgment)->value == AnswerValue::Yes);
        QVERIFY(session()->isReadOnly());
        QVERIFY2(caseState().contains(kOther), qPrintable(caseState()));
    }

    void pagesTheHolderReadShowAsRead()
    {
        const QList<AttachmentInfo> attachments = m_other->attachments();
        QCOMPARE(attachments.size(), 1);
        QVERIFY(!session()->anyPageViewed(attachments.first()));
        QString error;
        QVERIFY2(m_other->markPagesViewed(attachments.first().id, {1, 2}, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(session()->anyPageViewed(attachments.first()), kServerTimeoutMs);
        QCOMPARE(session()->unviewedPages(attachments.first()), QList<int>{3});
    }

    void releaseIsToldAndTheCaseCanBeTaken()
    {
        QVERIFY(!team()->takeThisAction()->isEnabled());
        QString error;
        QVERIFY2(m_other->route(QString(), &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(caseState().contains(QStringLiteral("released")), kServerTimeoutMs);
        QVERIFY2(caseState().contains(kOther), qPrintable(caseState()));
        QVERIFY(session()->isReadOnly());
        QTRY_VERIFY(team()->takeThisAction()->isEnabled());
        team()->takeThisAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!session()->isReadOnly(), kServerTimeoutMs);
        QVERIFY2(caseState().contains(QStringLiteral("every answer saved")), qPrintable(caseState()));
        QVERIFY(!team()->takeThisAction()->isEnabled());
        auto workspace = Workspace::open(m_cluster.url(kOther), &error);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->entry(m_caseId, &error)->assignee, kNurse);
    }

    void holderWhoseConnectionDiesIsTold()
    {
        QString error;
        m_other =
            WorkspaceCase::open(m_cluster.url(kOther), m_second, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(m_other && !m_other->isReadOnly(), qPrintable(error));
        QVERIFY(openCase(m_second));
        QVERIFY(session()->isReadOnly());
        m_other.reset(); // the other app's connection ends: its lock goes, the assignment stays
        QTRY_VERIFY_WITH_TIMEOUT(caseState().contains(QStringLiteral("not connected")), kServerTimeoutMs);
        QVERIFY(session()->isReadOnly());
        QVERIFY(!team()->takeThisAction()->isEnabled());
    }

    // Last: it stores a newer roster in the workspace, which this computer then remembers.
    void loginWindowSignsInAgainstTheWorkspaceRoster()
    {
        QString message;
        QVERIFY(!signIn(&message));
        QVERIFY2(message.contains(QLatin1String("holds no organization roster")), qPrintable(message));

        // The administrator stores a newer roster in which the nurse is a medical director; the local
        // file still says reviewer.
        QString error;
        UserDirectory directory;
        QVERIFY2(directory.load(&error), qPrintable(error));
        const auto adminKey =
            directory.unlock(QStringLiteral("admin.test"), TrustFixture::adminPassword(), &error);
        QVERIFY2(adminKey, qPrintable(error));
        const auto local = Roster::load(m_organization.rosterPath(), QString(), &error);
        QVERIFY2(local, qPrintable(error));
        Roster roster =
            Roster::create(local->entries().first().user, QDateTime::currentDateTimeUtc().addSecs(-120));
        User nurse = *directory.user(kNurse);
        nurse.role = UserRole::MedicalDirector;
        QVERIFY2(roster.add(nurse, QDateTime::currentDateTimeUtc().addSecs(-60), &error), qPrintable(error));
        const QString path = m_home.filePath(QStringLiteral("workspace-roster.json"));
        while (roster.serial() <= local->serial())
            QVERIFY2(roster.save(path, *adminKey, &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(QStringLiteral("held.admin"), QStringLiteral("rd_admin"), &error),
                 qPrintable(error));
        auto admin = Workspace::open(m_cluster.url(QStringLiteral("held.admin")), &error);
        QVERIFY2(admin, qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(admin->storeRoster(file.readAll(), roster.serial(), &error), qPrintable(error));

        const auto login = signIn(&message);
        QVERIFY2(login, qPrintable(message));
        QVERIFY(login->user.role == UserRole::MedicalDirector);
        QCOMPARE(login->actor.login(), kNurse);
        // The local file, older than the serial seen now, no longer signs anyone in.
        QVERIFY(!TrustStore::load(&error));
        QVERIFY2(error.contains(QLatin1String("older")), qPrintable(error));
    }
};

QTEST_MAIN(TestTeamHeld)
#include "tst_teamheld.moc"
