// Signing in for workspace work takes the person's role and key from the roster the workspace keeps,
// checked against trust.json's pinned administrator and roster-seen.json, on a real PostgreSQL server:
// a newer workspace roster signs in beside an older local file (which no longer can), a role changed
// there takes effect, a person revoked there is refused although the local file lists them, a newer row
// signed by another key is skipped and named, a serial cannot run away; the command line does the same
// for URL#CASE-ID.
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TestSupport.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "model/casefile/CaseFile.h"
#include "model/signoff/UserDirectory.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceLogin.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestRoster : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::PgTestCluster m_cluster;
    test::TrustFixture m_trust;
    test::WorkspaceTeam m_team;
    const QString m_admin = QStringLiteral("roster.admin");
    const QString m_extra = QStringLiteral("roster.extra"); // in the workspace's roster only
    const QByteArray m_extraPassword = QByteArrayLiteral("extra password");
    qint64 m_localSerial = 0;

    std::optional<Login> workspaceLogIn(const QString& login, const QByteArray& password, QString* error)
    {
        UserDirectory directory(m_trust.home());
        if (!directory.load(error))
            return std::nullopt;
        return WorkspaceLogin::logIn(directory, m_cluster.url(login), login, password, error);
    }
    std::optional<Login> localLogIn(const QString& login, const QByteArray& password, QString* error)
    {
        UserDirectory directory(m_trust.home());
        if (!directory.load(error))
            return std::nullopt;
        return rd::logIn(directory, login, password, false, error);
    }

    // The newest roster the workspace holds that the pinned administrator key signed.
    static std::optional<Roster> storedRoster(Workspace& workspace, QString* error)
    {
        const auto body = workspace.roster(error);
        return body ? Roster::fromJson(*body, QStringLiteral("workspace"), QString(), error) : std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_team.setUpWorkspace(m_cluster, m_trust, m_dir.path(), QStringLiteral("roster"), &error),
                 qPrintable(error));
        QVERIFY2(m_cluster.addPerson(m_admin, QStringLiteral("rd_admin"), &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(m_extra, QStringLiteral("rd_reviewer"), &error), qPrintable(error));

        // The workspace's roster, newer than the local file (which still lists the doctor and the second
        // nurse as a reviewer): the second nurse is a medical director now, the doctor revoked, and a
        // person added whom the local file lacks.
        UserDirectory directory(m_trust.home());
        QVERIFY2(directory.load(&error), qPrintable(error));
        User extra;
        extra.login = m_extra;
        extra.name = QStringLiteral("Eve Extra");
        extra.credentials = QStringLiteral("RN");
        QVERIFY2(directory.addUser(extra, m_extraPassword, &error), qPrintable(error));
        const auto local = Roster::load(m_trust.rosterPath(), QString(), &error);
        QVERIFY2(local, qPrintable(error));
        m_localSerial = local->serial();
        const auto adminKey =
            directory.unlock(QStringLiteral("admin.test"), test::TrustFixture::adminPassword(), &error);
        QVERIFY2(adminKey, qPrintable(error));
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-60);
        Roster roster = Roster::create(local->entries().first().user, before.addSecs(-60));
        auto person = [&](const QString& login, UserRole role) {
            User user = *directory.user(login);
            user.role = role;
            return user;
        };
        QVERIFY2(roster.add(person(m_team.nurse, UserRole::Reviewer), before, &error), qPrintable(error));
        QVERIFY2(roster.add(person(m_team.nurse2, UserRole::MedicalDirector), before, &error),
                 qPrintable(error));
        QVERIFY2(roster.add(person(m_team.doctor, UserRole::MedicalDirector), before, &error),
                 qPrintable(error));
        QVERIFY2(roster.revoke(m_team.doctor, before.addSecs(30), &error), qPrintable(error));
        QVERIFY2(roster.add(person(m_extra, UserRole::Reviewer), before, &error), qPrintable(error));
        const QString path = m_dir.filePath(QStringLiteral("workspace-roster.json"));
        while (roster.serial() <= m_localSerial)
            QVERIFY2(roster.save(path, *adminKey, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto admin = Workspace::open(m_cluster.url(m_admin), &error);
        QVERIFY2(admin, qPrintable(error));
        QVERIFY2(admin->storeRoster(file.readAll(), roster.serial(), &error), qPrintable(error));
    }

    void newerWorkspaceRosterSignsInBesideAnOlderLocalFile()
    {
        QString error;
        // Before: the local file signs the nurse in (nothing newer seen yet).
        QVERIFY2(localLogIn(m_team.nurse, test::WorkspaceTeam::password(m_team.nurse).toUtf8(), &error),
                 qPrintable(error));
        const auto login =
            workspaceLogIn(m_team.nurse, test::WorkspaceTeam::password(m_team.nurse).toUtf8(), &error);
        QVERIFY2(login, qPrintable(error));
        QVERIFY(login->inRoster);
        QCOMPARE(toString(login->user.role), toString(UserRole::Reviewer));
        QCOMPARE(login->actor.login(), m_team.nurse);
        // This computer has seen the newer serial now: the local file is refused as a rollback, and the
        // workspace's sign-in goes on working.
        QVERIFY(!localLogIn(m_team.nurse, test::WorkspaceTeam::password(m_team.nurse).toUtf8(), &error));
        QVERIFY2(error.contains(QLatin1String("older")), qPrintable(error));
        QVERIFY2(workspaceLogIn(m_team.nurse, test::WorkspaceTeam::password(m_team.nurse).toUtf8(), &error),
                 qPrintable(error));
        // Someone only the workspace's roster lists signs in.
        const auto extra = workspaceLogIn(m_extra, m_extraPassword, &error);
        QVERIFY2(extra, qPrintable(error));
        QCOMPARE(extra->user.name, QStringLiteral("Eve Extra"));
        // A wrong password is still wrong.
        QVERIFY(!workspaceLogIn(m_extra, QByteArrayLiteral("not it"), &error));
        QVERIFY2(error.contains(QLatin1String("password")), qPrintable(error));
    }

    void roleChangedInTheWorkspaceRosterTakesEffect()
    {
        QString error;
        const auto login =
            workspaceLogIn(m_team.nurse2, test::WorkspaceTeam::password(m_team.nurse2).toUtf8(), &error);
        QVERIFY2(login, qPrintable(error));
        QCOMPARE(toString(login->user.role), toString(UserRole::MedicalDirector));
    }

    void revokedInTheWorkspaceRosterCannotSignIn()
    {
        QString error;
        // The local file lists the doctor, valid; the workspace's roster revoked them.
        const auto local = Roster::load(m_trust.rosterPath(), QString(), &error);
        QVERIFY2(local && local->current(m_team.doctor, QDateTime::currentDateTimeUtc()), qPrintable(error));
        QVERIFY(
            !workspaceLogIn(m_team.doctor, test::WorkspaceTeam::password(m_team.doctor).toUtf8(), &error));
        QVERIFY2(error.contains(QLatin1String("revoked")) && error.contains(QLatin1String("the workspace")),
                 qPrintable(error));
    }

    void commandLineSignsInFromTheWorkspaceRoster()
    {
        QString error;
        const QString casePath = m_dir.filePath(QStringLiteral("cli.rdcase"));
        {
            auto file = CaseFile::create(casePath, test::sampleCase(), m_trust.actor(m_team.nurse), &error);
            QVERIFY2(file, qPrintable(error));
        }
        auto nurse = Workspace::open(m_cluster.url(m_team.nurse), &error);
        QVERIFY2(nurse, qPrintable(error));
        const auto caseId = nurse->importCaseFile(casePath, &error);
        QVERIFY2(caseId, qPrintable(error));
        const QString spec = m_cluster.url(m_extra) + QLatin1Char('#') + *caseId;
        const auto answered =
            test::runCli({QStringLiteral("answer"), spec, QStringLiteral("--id"), QStringLiteral("cosmetic"),
                          QStringLiteral("--value"), QStringLiteral("yes"), QStringLiteral("--user"), m_extra,
                          QStringLiteral("--password-stdin")},
                         QString::fromUtf8(m_extraPassword) + QLatin1Char('\n'), m_trust.environment());
        QVERIFY2(answered.exitCode == 0, qPrintable(answered.err));
        // The revoked doctor is refused by the command line as well, naming the workspace.
        const QString doctorSpec = m_cluster.url(m_team.doctor) + QLatin1Char('#') + *caseId;
        const auto refused = test::runCli(
            {QStringLiteral("answer"), doctorSpec, QStringLiteral("--id"), QStringLiteral("cosmetic"),
             QStringLiteral("--value"), QStringLiteral("yes"), QStringLiteral("--user"), m_team.doctor,
             QStringLiteral("--password-stdin")},
            test::WorkspaceTeam::password(m_team.doctor) + QLatin1Char('\n'), m_trust.environment());
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("revoked")), qPrintable(refused.err));
    }

    // A roster row signed by another key, stored by an rd_admin member who lacks the administrator's
    // key (the server cannot check signatures): every desk took the newest row whatever signed it, so
    // nobody could sign in or verify. The newest row the pinned key signed is used; the forged one is
    // named in the roster's source.
    void forgedNewestRowIsSkippedAndNamed()
    {
        QString error;
        UserDirectory directory(m_trust.home());
        QVERIFY2(directory.load(&error), qPrintable(error));
        User nurse = *directory.user(m_team.nurse);
        nurse.role = UserRole::MedicalDirector; // what the forger would like
        auto admin = Workspace::open(m_cluster.url(m_admin), &error);
        QVERIFY2(admin, qPrintable(error));
        const auto current = storedRoster(*admin, &error);
        QVERIFY2(current, qPrintable(error));
        const QString path = m_dir.filePath(QStringLiteral("foreign-roster.json"));
        const auto foreign = test::WorkspaceTeam::foreignRoster(nurse, current->serial(), path, &error);
        QVERIFY2(foreign, qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(admin->storeRoster(file.readAll(), foreign->serial(), &error), qPrintable(error));

        const auto login =
            workspaceLogIn(m_team.nurse, test::WorkspaceTeam::password(m_team.nurse).toUtf8(), &error);
        QVERIFY2(login, qPrintable(error));
        QCOMPARE(toString(login->user.role), toString(UserRole::Reviewer));
        const auto trust = WorkspaceLogin::trust(m_cluster.url(m_team.nurse), &error);
        QVERIFY2(trust, qPrintable(error));
        QCOMPARE(trust->roster().serial(), current->serial());
        const QString named = QStringLiteral("serial %1 stored by %2").arg(foreign->serial()).arg(m_admin);
        QVERIFY2(trust->rosterPath().contains(named), qPrintable(trust->rosterPath()));
    }

    // The server took only a newer serial: a row with serial 2^63-1 (signed by anyone) left no room for a
    // genuine roster after it, for good. Now any serial not taken goes in, the forged row is skipped, and
    // the administrator's next roster, below it, is the one used.
    void forgedTopSerialKeepsNoGenuineRosterOut()
    {
        QString error;
        auto admin = Workspace::open(m_cluster.url(m_admin), &error);
        QVERIFY2(admin, qPrintable(error));
        const auto newest = admin->connection().exec(
            "SELECT max(serial), (SELECT body FROM rd.roster ORDER BY serial DESC LIMIT 1) "
            "FROM rd.roster",
            {}, &error);
        QVERIFY2(newest && newest->rows() == 1, qPrintable(error));
        const qint64 top = newest->int64(0, 0);
        // The genuine newest roster with another serial: it names the pinned key, its signature fails.
        auto withSerial = [&](qint64 serial) {
            QJsonObject body = QJsonDocument::fromJson(newest->text(0, 1).toUtf8()).object();
            body.insert(QStringLiteral("serial"), QString::number(serial));
            return QJsonDocument(body).toJson(QJsonDocument::Compact);
        };
        const qint64 highest = std::numeric_limits<qint64>::max();
        QVERIFY2(admin->storeRoster(withSerial(highest), highest, &error), qPrintable(error));
        QVERIFY(!admin->storeRoster(withSerial(highest), highest, &error)); // a serial once
        QVERIFY(!admin->storeRoster(withSerial(0), 0, &error));
        QVERIFY2(error.contains(QLatin1String("counts from 1")), qPrintable(error));

        UserDirectory directory(m_trust.home());
        QVERIFY2(directory.load(&error), qPrintable(error));
        const auto adminKey =
            directory.unlock(QStringLiteral("admin.test"), test::TrustFixture::adminPassword(), &error);
        QVERIFY2(adminKey, qPrintable(error));
        auto genuine = storedRoster(*admin, &error);
        QVERIFY2(genuine, qPrintable(error));
        const QString path = m_dir.filePath(QStringLiteral("next-roster.json"));
        while (genuine->serial() <= top)
            QVERIFY2(genuine->save(path, *adminKey, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(admin->storeRoster(file.readAll(), genuine->serial(), &error), qPrintable(error));
        const auto trust = WorkspaceLogin::trust(m_cluster.url(m_team.nurse), &error);
        QVERIFY2(trust, qPrintable(error));
        QCOMPARE(trust->roster().serial(), genuine->serial());
        const QString named = QStringLiteral("serial %1 stored by %2").arg(highest).arg(m_admin);
        QVERIFY2(trust->rosterPath().contains(named), qPrintable(trust->rosterPath()));
    }

    // A row naming the pinned key in a roster format this program does not read may be the
    // administrator's newest roster (a revocation in it): sign-in stops and says so rather than use an
    // older roster in its place. Deleted by the owner, the team signs in again.
    void newerFormatNamingThePinnedKeyStopsSignIn()
    {
        QString error;
        auto admin = Workspace::open(m_cluster.url(m_admin), &error);
        QVERIFY2(admin, qPrintable(error));
        // The newest genuine row (below any forged top serial an earlier test stored).
        const auto newest = admin->connection().exec("SELECT serial, body FROM rd.roster WHERE serial < "
                                                     "4611686018427387904 ORDER BY serial DESC LIMIT 1",
                                                     {}, &error);
        QVERIFY2(newest && newest->rows() == 1, qPrintable(error));
        const qint64 serial = newest->int64(0, 0) + 1;
        QJsonObject body = QJsonDocument::fromJson(newest->text(0, 1).toUtf8()).object();
        body.insert(QStringLiteral("serial"), QString::number(serial));
        body.insert(QStringLiteral("formatVersion"), Roster::formatVersion() + 1);
        QVERIFY2(admin->storeRoster(QJsonDocument(body).toJson(QJsonDocument::Compact), serial, &error),
                 qPrintable(error));
        QVERIFY(!WorkspaceLogin::trust(m_cluster.url(m_team.nurse), &error));
        QVERIFY2(error.contains(QLatin1String("update ReviewDesk")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("serial %1").arg(serial)), qPrintable(error));
        QVERIFY2(m_cluster.sql(QStringLiteral("DELETE FROM rd.roster WHERE serial = %1").arg(serial), &error),
                 qPrintable(error));
        QVERIFY2(WorkspaceLogin::trust(m_cluster.url(m_team.nurse), &error), qPrintable(error));
    }

    // A version 4 workspace migrates to 5: its rosters and cases stay; the serial rule and the case id's
    // form hold from then on.
    void migrationFromVersionFour()
    {
        QString error;
        const QString database = QStringLiteral("rd_roster_v4");
        auto owner = m_cluster.workspaceAt(database, 4, &error);
        QVERIFY2(owner, qPrintable(error));
        QCOMPARE(WorkspaceSchema::version(*owner, &error), 4);
        QVERIFY2(
            owner->command("INSERT INTO rd.roster(serial, body) VALUES (5, '{\"serial\": \"5\"}'); "
                           "INSERT INTO rd.case_queue(case_id, member_id, member_name, urgency, received_at, "
                           "due_by, status, audit_count, audit_head) VALUES "
                           "('imported-before', 'M1', 'A', 'standard', now(), now(), 'in-review', 0, '')",
                           &error),
            qPrintable(error));
        QVERIFY2(WorkspaceSchema::migrate(*owner, &error), qPrintable(error));
        QCOMPARE(WorkspaceSchema::version(*owner, &error), 5);
        // Older than the newest stored: refused up to version 4, taken from 5 on.
        QVERIFY2(
            owner->command("INSERT INTO rd.roster(serial, body) VALUES (3, '{\"serial\": \"3\"}')", &error),
            qPrintable(error));
        QVERIFY(
            !owner->command("INSERT INTO rd.roster(serial, body) VALUES (0, '{\"serial\": \"0\"}')", &error));
        QVERIFY2(error.contains(QLatin1String("counts from 1")), qPrintable(error));
        QVERIFY(!owner->command("SELECT rd.import_case('imported-after', '{}', '[]', '[]')", &error));
        QVERIFY2(error.contains(QLatin1String("is not a case id")), qPrintable(error));
        const auto kept =
            owner->exec("SELECT count(*) FROM rd.case_queue WHERE case_id = 'imported-before'", {}, &error);
        QVERIFY2(kept && kept->int64(0, 0) == 1, qPrintable(error));
        owner.reset();
        QVERIFY2(m_cluster.sql(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(database), &error),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRoster)
#include "tst_roster.moc"
