// reviewdesk-cli against a workspace, as a user runs it: workspace init, import, list, take, answer
// and verify a case named URL#CASE-ID, route, export to a file that verifies; an imported case lands in
// the queue its status says; a PAS Bundle imported into the workspace and its response exported; verify
// checks against the roster the workspace keeps (signed by the pinned administrator); bad input is
// refused with one line and exit 2.
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TestSupport.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "checklist/PolicyLoader.h"
#include "model/casefile/CaseFile.h"
#include "model/signoff/UserDirectory.h"
#include "model/trust/SigningKey.h"
#include "model/workspace/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::PgTestCluster m_cluster;
    test::TrustFixture m_trust;
    test::WorkspaceTeam m_team;
    const QString m_nurse = QStringLiteral("cli.nurse");
    const QString m_nurse2 = QStringLiteral("cli.nurse2");
    const QString m_doctor = QStringLiteral("cli.doctor");
    const QString m_admin = QStringLiteral("cli.admin"); // the workspace's rd_admin role

    test::CliRun cli(const QStringList& args, const QString& input = {})
    {
        return test::runCli(args, input, m_trust.environment());
    }

    QString password(const QString& login) const
    {
        return test::WorkspaceTeam::password(login) + QLatin1Char('\n');
    }

    // The queue as `workspace list --json` prints it, by case id.
    QMap<QString, QJsonObject> queue(const QString& url)
    {
        const auto listed =
            cli({QStringLiteral("workspace"), QStringLiteral("list"), url, QStringLiteral("--json")});
        QMap<QString, QJsonObject> entries;
        for (const QJsonValue& entry : QJsonDocument::fromJson(listed.out.toUtf8()).array())
            entries.insert(entry[QStringLiteral("caseId")].toString(), entry.toObject());
        return entries;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_cluster.setUp(QStringLiteral("rd_cli"), &error), qPrintable(error));
        QVERIFY2(m_team.setUp(m_cluster, m_trust, m_dir.path(), QStringLiteral("cli"), &error),
                 qPrintable(error));
        QVERIFY2(m_cluster.addPerson(m_admin, QStringLiteral("rd_admin"), &error), qPrintable(error));
    }

    void workspaceRoundTrip()
    {
        const auto init = cli({QStringLiteral("workspace"), QStringLiteral("init"), m_cluster.superuser()});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        const QString url = m_cluster.url(m_nurse);
        // The organization roster goes into the workspace first: only its administrator stores it.
        const auto planted =
            cli({QStringLiteral("workspace"), QStringLiteral("roster"), url, m_trust.rosterPath()});
        QCOMPARE(planted.exitCode, 2);
        QVERIFY2(planted.err.contains(QLatin1String("permission denied")), qPrintable(planted.err));
        const auto stored = cli({QStringLiteral("workspace"), QStringLiteral("roster"),
                                 m_cluster.url(m_admin), m_trust.rosterPath()});
        QVERIFY2(stored.exitCode == 0, qPrintable(stored.err));
        const QString casePath = m_dir.filePath(QStringLiteral("case.rdcase"));
        const auto created = cli({QStringLiteral("new"), casePath, QStringLiteral("--from"),
                                  QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json"),
                                  QStringLiteral("--user"), m_nurse, QStringLiteral("--password-stdin")},
                                 test::WorkspaceTeam::password(m_nurse) + QLatin1Char('\n'));
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const auto imported = cli({QStringLiteral("workspace"), QStringLiteral("import"), url, casePath});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const QString caseId = imported.out.trimmed();
        QCOMPARE(caseId.size(), 36);

        const auto listed = cli({QStringLiteral("workspace"), QStringLiteral("list"), url});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        QVERIFY(listed.out.startsWith(caseId));
        const auto taken = cli({QStringLiteral("workspace"), QStringLiteral("take"), url});
        QCOMPARE(taken.out.trimmed(), caseId);
        const auto empty =
            cli({QStringLiteral("workspace"), QStringLiteral("take"), m_cluster.url(m_nurse2)});
        QCOMPARE(empty.exitCode, 1);

        const QString spec = url + QLatin1Char('#') + caseId;
        const auto answered =
            cli({QStringLiteral("answer"), spec, QStringLiteral("--id"), QStringLiteral("cosmetic"),
                 QStringLiteral("--value"), QStringLiteral("yes"), QStringLiteral("--user"), m_nurse,
                 QStringLiteral("--password-stdin")},
                test::WorkspaceTeam::password(m_nurse) + QLatin1Char('\n'));
        QVERIFY2(answered.exitCode == 0, qPrintable(answered.err));
        // Not the holder: refused, nothing saved.
        const auto refused = cli({QStringLiteral("answer"),
                                  m_cluster.url(m_nurse2) + QLatin1Char('#') + caseId, QStringLiteral("--id"),
                                  QStringLiteral("cosmetic"), QStringLiteral("--value"), QStringLiteral("no"),
                                  QStringLiteral("--user"), m_nurse2, QStringLiteral("--password-stdin")},
                                 test::WorkspaceTeam::password(m_nurse2) + QLatin1Char('\n'));
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(m_nurse), qPrintable(refused.err));

        const auto verified = cli({QStringLiteral("verify"), spec});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.out + verified.err));
        QVERIFY2(verified.out.contains(QLatin1String("verified: ") + spec), qPrintable(verified.out));
        const auto evaluated = cli({QStringLiteral("evaluate"), spec, QStringLiteral("--json")});
        QVERIFY2(evaluated.exitCode == 0, qPrintable(evaluated.err));
        QVERIFY(evaluated.out.contains(QLatin1String("\"overall\"")));

        const QString exported = m_dir.filePath(QStringLiteral("exported.rdcase"));
        const auto exportRun = cli({QStringLiteral("workspace"), QStringLiteral("export"), url, caseId,
                                    QStringLiteral("-o"), exported});
        QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.err));
        const QString head =
            exportRun.out.section(QStringLiteral("audit head "), 1).section(QLatin1Char(' '), 0, 0);
        const auto fileVerified = cli({QStringLiteral("verify"), exported, QStringLiteral("--head"), head});
        QVERIFY2(fileVerified.exitCode == 0, qPrintable(fileVerified.out + fileVerified.err));
        QString error;
        auto file = CaseFile::open(exported, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY(file->data().answers.value(QStringLiteral("cosmetic")).value == AnswerValue::Yes);
        file.reset();
        // An export never replaces a case file that is there (this one, or another case).
        QFile before(exported);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();
        const auto again = cli({QStringLiteral("workspace"), QStringLiteral("export"), url, caseId,
                                QStringLiteral("-o"), exported});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(exported) && again.err.contains(QLatin1String("is a database")),
                 qPrintable(again.err));
        QVERIFY(before.open(QIODevice::ReadOnly));
        QCOMPARE(before.readAll(), bytes);

        const auto routed = cli({QStringLiteral("workspace"), QStringLiteral("route"), url, caseId,
                                 QStringLiteral("--to"), QStringLiteral("medical-director")});
        QVERIFY2(routed.exitCode == 0, qPrintable(routed.err));
        const auto doctorTakes =
            cli({QStringLiteral("workspace"), QStringLiteral("take"), m_cluster.url(m_doctor),
                 QStringLiteral("--queue"), QStringLiteral("medical-director")});
        QCOMPARE(doctorTakes.out.trimmed(), caseId);

        // The medical director signs the denial in the workspace; it verifies there, and its letter is
        // written from it.
        const QString doctorSpec = m_cluster.url(m_doctor) + QLatin1Char('#') + caseId;
        const auto signing =
            cli({QStringLiteral("sign"), doctorSpec, QStringLiteral("--user"), m_doctor,
                 QStringLiteral("--password-stdin"), QStringLiteral("--rationale"),
                 QStringLiteral("The records show the study is requested for cosmetic reasons.")},
                password(m_doctor));
        QVERIFY2(signing.exitCode == 0, qPrintable(signing.out + signing.err));
        const auto signedVerified = cli({QStringLiteral("verify"), spec});
        QVERIFY2(signedVerified.exitCode == 0, qPrintable(signedVerified.out + signedVerified.err));
        QVERIFY2(signedVerified.out.contains(QLatin1String("signed  by ") + m_doctor),
                 qPrintable(signedVerified.out));
        const QString letter = m_dir.filePath(QStringLiteral("letter.pdf"));
        const auto lettered = cli({QStringLiteral("letter"), doctorSpec, QStringLiteral("-o"), letter});
        QVERIFY2(lettered.exitCode == 0, qPrintable(lettered.out + lettered.err));
        QFile letterFile(letter);
        QVERIFY(letterFile.open(QIODevice::ReadOnly));
        QVERIFY(letterFile.read(5) == "%PDF-");
        QCOMPARE(queue(url).value(caseId).value(QStringLiteral("signed")).toBool(), true);
    }

    void importLandsWhereItsStatusSays()
    {
        QString error;
        const QString url = m_cluster.url(m_nurse);
        // Routed to the medical director on a desk, then brought into the workspace.
        const QString routedPath = m_dir.filePath(QStringLiteral("routed.rdcase"));
        {
            auto file = CaseFile::create(routedPath, test::sampleCase(), m_trust.actor(m_nurse), &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY2(file->setStatus(CaseStatus::AwaitingMedicalDirector, m_trust.actor(m_nurse), &error),
                     qPrintable(error));
        }
        const auto routed = cli({QStringLiteral("workspace"), QStringLiteral("import"), url, routedPath});
        QVERIFY2(routed.exitCode == 0, qPrintable(routed.err));
        const QString routedId = routed.out.trimmed();
        // An approval signed on a desk (a reviewer signs one).
        const QString signedPath = m_dir.filePath(QStringLiteral("signed.rdcase"));
        {
            CaseData data = test::sampleCase();
            const auto policy = PolicyLoader::loadBuiltIn();
            QVERIFY(policy);
            test::answerFavourably(data, *policy);
            auto file = CaseFile::create(signedPath, data, m_trust.actor(m_nurse), &error);
            QVERIFY2(file, qPrintable(error));
        }
        const auto signing = cli({QStringLiteral("sign"), signedPath, QStringLiteral("--user"), m_nurse,
                                  QStringLiteral("--password-stdin")},
                                 password(m_nurse));
        QVERIFY2(signing.exitCode == 0, qPrintable(signing.err));
        const auto imported = cli({QStringLiteral("workspace"), QStringLiteral("import"), url, signedPath});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const QString signedId = imported.out.trimmed();

        // Determined on a desk without a signature: done, never handed out.
        const QString determinedPath = m_dir.filePath(QStringLiteral("determined.rdcase"));
        {
            auto file = CaseFile::create(determinedPath, test::sampleCase(), m_trust.actor(m_nurse), &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY2(file->setStatus(CaseStatus::Determined, m_trust.actor(m_nurse), &error),
                     qPrintable(error));
        }
        const auto determined =
            cli({QStringLiteral("workspace"), QStringLiteral("import"), url, determinedPath});
        QVERIFY2(determined.exitCode == 0, qPrintable(determined.err));
        const QString determinedId = determined.out.trimmed();

        auto entries = queue(url);
        QCOMPARE(entries.value(determinedId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("determined"));
        QCOMPARE(entries.value(routedId).value(QStringLiteral("queue")).toString(),
                 QStringLiteral("medical-director"));
        QCOMPARE(entries.value(routedId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("awaiting-medical-director"));
        QCOMPARE(entries.value(signedId).value(QStringLiteral("signed")).toBool(), true);
        QCOMPARE(entries.value(signedId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("determined"));

        // Take Next in the review queue hands out neither, whatever else the queue holds.
        for (int taken = 0; taken < 20; ++taken) {
            const auto take =
                cli({QStringLiteral("workspace"), QStringLiteral("take"), m_cluster.url(m_nurse2)});
            if (take.exitCode == 1)
                break;
            QCOMPARE(take.exitCode, 0);
            QVERIFY(take.out.trimmed() != routedId && take.out.trimmed() != signedId &&
                    take.out.trimmed() != determinedId);
        }
        const auto doctorTakes =
            cli({QStringLiteral("workspace"), QStringLiteral("take"), m_cluster.url(m_doctor),
                 QStringLiteral("--queue"), QStringLiteral("medical-director")});
        QCOMPARE(doctorTakes.out.trimmed(), routedId);

        // The signed case is read-only for everyone and opening it assigns it to nobody.
        const auto answered =
            cli({QStringLiteral("answer"), url + QLatin1Char('#') + signedId, QStringLiteral("--id"),
                 QStringLiteral("cosmetic"), QStringLiteral("--value"), QStringLiteral("yes"),
                 QStringLiteral("--user"), m_nurse, QStringLiteral("--password-stdin")},
                password(m_nurse));
        QCOMPARE(answered.exitCode, 2);
        QVERIFY2(answered.err.contains(QLatin1String("signed")), qPrintable(answered.err));
        QCOMPARE(queue(url).value(signedId).value(QStringLiteral("holder")).toString(), QString());
        const auto verified = cli({QStringLiteral("verify"), url + QLatin1Char('#') + signedId});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.out + verified.err));
        QVERIFY2(verified.out.contains(QLatin1String("signed  by ") + m_nurse), qPrintable(verified.out));
    }

    void fhirIntoTheWorkspace()
    {
        const QString url = m_cluster.url(m_nurse);
        const QString bundle =
            QStringLiteral(REVIEWDESK_TEST_DATA "/fhir/fixtures/ig221-surgical-96001-institutional.json");
        const int before = int(queue(url).size());
        const auto imported = cli({QStringLiteral("import-fhir"), bundle, QStringLiteral("-o"), url,
                                   QStringLiteral("--user"), m_nurse, QStringLiteral("--password-stdin")},
                                  password(m_nurse));
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        // Standard output is the case id alone, for scripts.
        const QString caseId = imported.out.trimmed();
        QCOMPARE(caseId.size(), 36);
        QCOMPARE(imported.out.count(QLatin1Char('\n')), 1);
        QVERIFY2(imported.err.contains(QLatin1String("created ") + url + QLatin1Char('#') + caseId),
                 qPrintable(imported.err));
        const QJsonObject entry = queue(url).value(caseId);
        QCOMPARE(entry.value(QStringLiteral("queue")).toString(), QStringLiteral("review"));
        QVERIFY(!entry.value(QStringLiteral("memberId")).toString().isEmpty());

        // The response of the (all pended) case, read from the workspace.
        const QString spec = url + QLatin1Char('#') + caseId;
        const QString response = m_dir.filePath(QStringLiteral("response.json"));
        const auto exported = cli({QStringLiteral("export-fhir"), spec, QStringLiteral("-o"), response});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.out + exported.err));
        QFile file(response);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject responseBundle = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(responseBundle.value(QStringLiteral("resourceType")).toString(), QStringLiteral("Bundle"));
        const QJsonObject claimResponse =
            responseBundle[QStringLiteral("entry")][0][QStringLiteral("resource")].toObject();
        QCOMPARE(claimResponse.value(QStringLiteral("resourceType")).toString(),
                 QStringLiteral("ClaimResponse"));
        QVERIFY(!claimResponse.value(QStringLiteral("item")).toArray().isEmpty());
        // The request's identity travelled with the case (its FHIR origin is in the workspace).
        QVERIFY2(exported.out.contains(QLatin1String("request from FHIR")), qPrintable(exported.out));

        // Refused: -o naming a case, and a Bundle that is refused creates nothing in the workspace.
        const auto withId = cli({QStringLiteral("import-fhir"), bundle, QStringLiteral("-o"), spec,
                                 QStringLiteral("--user"), m_nurse, QStringLiteral("--password-stdin")},
                                password(m_nurse));
        QCOMPARE(withId.exitCode, 2);
        QCOMPARE(withId.err.count(QLatin1Char('\n')), 1);
        const auto refused =
            cli({QStringLiteral("import-fhir"),
                 QStringLiteral(REVIEWDESK_TEST_DATA "/fhir/fixtures/bad/B01-claim-not-first.json"),
                 QStringLiteral("-o"), url, QStringLiteral("--user"), m_nurse,
                 QStringLiteral("--password-stdin")},
                password(m_nurse));
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("Claim")), qPrintable(refused.err));
        QVERIFY2(!refused.err.contains(QLatin1String(".rdcase")), qPrintable(refused.err));
        QCOMPARE(int(queue(url).size()), before + 1);
    }

    void badInput()
    {
        const QString url = m_cluster.url(m_nurse);
        const auto noId = cli({QStringLiteral("verify"), url});
        QCOMPARE(noId.exitCode, 2);
        QVERIFY2(noId.err.contains(QLatin1String("case id")), qPrintable(noId.err));
        const auto password = cli({QStringLiteral("workspace"), QStringLiteral("list"),
                                   QStringLiteral("postgresql://someone:secret@localhost/db")});
        QCOMPARE(password.exitCode, 2);
        QVERIFY2(password.err.contains(QLatin1String("password")), qPrintable(password.err));
        QVERIFY(!password.err.contains(QLatin1String("secret")));
        const auto verb = cli({QStringLiteral("workspace"), QStringLiteral("frobnicate"), url});
        QCOMPARE(verb.exitCode, 2);
        const auto unknownCase = cli({QStringLiteral("verify"), url + QStringLiteral("#no-such-case")});
        QCOMPARE(unknownCase.exitCode, 2);
        QVERIFY2(unknownCase.err.contains(QLatin1String("no-such-case")), qPrintable(unknownCase.err));
        const auto unreachable = cli({QStringLiteral("workspace"), QStringLiteral("list"),
                                      QStringLiteral("postgresql:///x?host=/nonexistent-socket-dir")});
        QCOMPARE(unreachable.exitCode, 2);
        QVERIFY2(unreachable.err.contains(QLatin1String("workspace unreachable")),
                 qPrintable(unreachable.err));
        QCOMPARE(unreachable.err.count(QLatin1Char('\n')), 1);
    }
    // Last: it stores newer rosters in the workspace. Its commands run as a member on another computer
    // (a people folder of their own), whose newest roster seen becomes the workspace's.
    void verifyUsesTheWorkspaceRoster()
    {
        QString error;
        const QString url = m_cluster.url(m_nurse);
        QProcessEnvironment member = m_trust.environment();
        member.insert(QStringLiteral("REVIEWDESK_HOME"), m_dir.filePath(QStringLiteral("member-home")));
        auto run = [&](const QStringList& args) {
            return test::runCli(args, {}, member);
        };
        QProcessEnvironment administrator = member; // the administrator's computer
        administrator.insert(QStringLiteral("REVIEWDESK_HOME"), m_dir.filePath(QStringLiteral("admin-home")));
        auto runAsAdmin = [&](const QStringList& args) {
            return test::runCli(args, {}, administrator);
        };

        // A person the administrator added to the workspace's roster only (the local file lacks them).
        UserDirectory directory(m_trust.home());
        QVERIFY2(directory.load(&error), qPrintable(error));
        User extra;
        extra.login = QStringLiteral("cli.extra");
        extra.name = QStringLiteral("Eve Extra");
        extra.credentials = QStringLiteral("RN");
        QVERIFY2(directory.addUser(extra, QByteArrayLiteral("extra password"), &error), qPrintable(error));
        std::shared_ptr<const SigningKey> extraKey =
            directory.unlock(extra.login, QByteArrayLiteral("extra password"), &error);
        QVERIFY2(extraKey, qPrintable(error));
        extra = *directory.user(extra.login);
        extra.role = UserRole::Reviewer;
        const auto adminKey =
            directory.unlock(QStringLiteral("admin.test"), test::TrustFixture::adminPassword(), &error);
        QVERIFY2(adminKey, qPrintable(error));
        auto roster = Roster::load(m_trust.rosterPath(), QString(), &error);
        QVERIFY2(roster, qPrintable(error));
        QVERIFY2(roster->add(extra, QDateTime::currentDateTimeUtc().addSecs(-60), &error), qPrintable(error));
        const QString workspaceRoster = m_dir.filePath(QStringLiteral("workspace-roster.json"));
        QVERIFY2(roster->save(workspaceRoster, *adminKey, &error), qPrintable(error));
        const auto stored = runAsAdmin(
            {QStringLiteral("workspace"), QStringLiteral("roster"), m_cluster.url(m_admin), workspaceRoster});
        QVERIFY2(stored.exitCode == 0, qPrintable(stored.err));
        // The older one is not put back on top (the server refuses it too: tst_rules).
        const auto older = runAsAdmin({QStringLiteral("workspace"), QStringLiteral("roster"),
                                       m_cluster.url(m_admin), m_trust.rosterPath()});
        QCOMPARE(older.exitCode, 2);
        QVERIFY2(older.err.contains(QLatin1String("older")), qPrintable(older.err));

        const QString casePath = m_dir.filePath(QStringLiteral("extra.rdcase"));
        {
            const Actor actor(extra.login, extraKey);
            auto file = CaseFile::create(casePath, test::sampleCase(), actor, &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY2(file->recordJudgment(QStringLiteral("cosmetic"), Answer{AnswerValue::Yes, {}, {}, {}},
                                          actor, &error),
                     qPrintable(error));
        }
        const auto local = run({QStringLiteral("verify"), casePath});
        QCOMPARE(local.exitCode, 1);
        QVERIFY2(local.out.contains(QLatin1String("cli.extra is not in the organization roster")),
                 qPrintable(local.out));
        const auto imported = run({QStringLiteral("workspace"), QStringLiteral("import"), url, casePath});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const QString spec = url + QLatin1Char('#') + imported.out.trimmed();
        const auto verified = run({QStringLiteral("verify"), spec});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.out + verified.err));
        QVERIFY2(verified.out.contains(QLatin1String("roster  the workspace ")), qPrintable(verified.out));
        const auto fileVerified =
            run({QStringLiteral("verify"), casePath, QStringLiteral("--workspace"), url});
        QVERIFY2(fileVerified.exitCode == 0, qPrintable(fileVerified.out + fileVerified.err));

        // A roster signed by another key: the CLI does not store it; planted on top by an rd_admin role by
        // hand, every verify skips it (naming it) and goes on with the newest roster the pinned key signed.
        const QString foreignPath = m_dir.filePath(QStringLiteral("foreign-roster.json"));
        const auto foreign = test::WorkspaceTeam::foreignRoster(extra, roster->serial(), foreignPath, &error);
        QVERIFY2(foreign, qPrintable(error));
        const auto refusedStore = runAsAdmin(
            {QStringLiteral("workspace"), QStringLiteral("roster"), m_cluster.url(m_admin), foreignPath});
        QCOMPARE(refusedStore.exitCode, 2);
        QVERIFY2(refusedStore.err.contains(QLatin1String("pins the anchor")), qPrintable(refusedStore.err));
        QFile foreignFile(foreignPath);
        QVERIFY(foreignFile.open(QIODevice::ReadOnly));
        auto admin = Workspace::open(m_cluster.url(m_admin), &error);
        QVERIFY2(admin, qPrintable(error));
        QVERIFY2(admin->storeRoster(foreignFile.readAll(), foreign->serial(), &error), qPrintable(error));
        const QString skipped = QStringLiteral("serial %1 stored by %2").arg(foreign->serial()).arg(m_admin);
        const auto stillVerified = run({QStringLiteral("verify"), spec});
        QVERIFY2(stillVerified.exitCode == 0, qPrintable(stillVerified.out + stillVerified.err));
        QVERIFY2(stillVerified.out.contains(skipped), qPrintable(stillVerified.out));
        const auto fileStillVerified =
            run({QStringLiteral("verify"), casePath, QStringLiteral("--workspace"), url});
        QVERIFY2(fileStillVerified.exitCode == 0, qPrintable(fileStillVerified.out + fileStillVerified.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
