// reviewdesk-cli against a workspace, as a user runs it: workspace init, import, list, take, answer
// and verify a case named URL#CASE-ID, route, export to a file that verifies; bad input is refused
// with one line and exit 2.
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TestSupport.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "model/casefile/CaseFile.h"

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

    test::CliRun cli(const QStringList& args, const QString& input = {})
    {
        return test::runCli(args, input, m_trust.environment());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_cluster.setUp(QStringLiteral("rd_cli"), &error), qPrintable(error));
        QVERIFY2(m_team.setUp(m_cluster, m_trust, m_dir.path(), QStringLiteral("cli"), &error),
                 qPrintable(error));
    }

    void workspaceRoundTrip()
    {
        const auto init = cli({QStringLiteral("workspace"), QStringLiteral("init"), m_cluster.superuser()});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        const QString url = m_cluster.url(m_nurse);
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

        const auto routed = cli({QStringLiteral("workspace"), QStringLiteral("route"), url, caseId,
                                 QStringLiteral("--to"), QStringLiteral("medical-director")});
        QVERIFY2(routed.exitCode == 0, qPrintable(routed.err));
        const auto doctorTakes =
            cli({QStringLiteral("workspace"), QStringLiteral("take"), m_cluster.url(m_doctor),
                 QStringLiteral("--queue"), QStringLiteral("medical-director")});
        QCOMPARE(doctorTakes.out.trimmed(), caseId);
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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
