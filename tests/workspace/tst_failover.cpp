// Failover: every connection asks for a read-write server (target_session_attrs=read-write) among the
// hosts of the workspace URL. With a streaming standby listed first, the app lands on the primary; the
// primary dies (pg_ctl stop -m immediate), the standby is promoted, and the case open for writing
// reconnects to it by itself and saves; the judgment saved before (a synchronous standby, as
// docs/workspace.md asks for zero loss) is there, and the case verifies.
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "model/casefile/CaseFile.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

// A cluster left by an earlier run is removed: after a failover its two servers have diverged.
void removeCluster(const QString& dir)
{
    QProcess process;
    process.start(QStringLiteral("sh"),
                  {QStringLiteral(REVIEWDESK_SOURCE_DIR "/tests/workspace/pg_cluster.sh"),
                   QStringLiteral("stop"), dir});
    process.waitForFinished(120000);
    QDir(dir).removeRecursively();
}

std::optional<QString> scalar(const QString& url, const char* sql, QString* error)
{
    auto connection = PgConnection::open(url, error);
    if (!connection)
        return std::nullopt;
    const auto result = connection->exec(sql, {}, error);
    if (!result || result->rows() != 1)
        return std::nullopt;
    return result->text(0, 0);
}

} // namespace

class TestFailover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promotedStandbyIsFound()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString base = qEnvironmentVariable("REVIEWDESK_TEST_PG_DIR");
        QVERIFY2(!base.isEmpty(), "REVIEWDESK_TEST_PG_DIR is not set (run the test through ctest)");
        const QString primaryDir = base + QStringLiteral("-failover-primary");
        const QString standbyDir = base + QStringLiteral("-failover-standby");
        removeCluster(standbyDir);
        removeCluster(primaryDir);

        QString error;
        test::PgTestCluster primary;
        QVERIFY2(primary.setUp(QStringLiteral("rd_failover"), &error, primaryDir), qPrintable(error));
        test::TrustFixture trust;
        test::WorkspaceTeam team;
        QVERIFY2(team.setUp(primary, trust, folder.path(), QStringLiteral("failover"), &error),
                 qPrintable(error));
        {
            auto owner = PgConnection::open(primary.superuser(), &error);
            QVERIFY2(owner && WorkspaceSchema::migrate(*owner, &error), qPrintable(error));
        }
        CaseData data = test::sampleCase();
        data.answers.clear();
        const QString casePath = QDir(folder.path()).filePath(QStringLiteral("case.rdcase"));
        QVERIFY2(CaseFile::create(casePath, data, trust.actor(team.nurse), &error), qPrintable(error));
        QString caseId;
        {
            auto workspace = Workspace::open(primary.url(team.nurse), &error);
            QVERIFY2(workspace, qPrintable(error));
            const auto imported = workspace->importCaseFile(casePath, &error);
            QVERIFY2(imported, qPrintable(error));
            caseId = *imported;
        }

        test::PgTestCluster standby;
        QVERIFY2(standby.setUpStandby(primary, standbyDir, &error), qPrintable(error));
        // Zero loss on failover: a commit returns once the standby has it.
        QVERIFY2(primary.sql(QStringLiteral("ALTER SYSTEM SET synchronous_standby_names = '*'"), &error),
                 qPrintable(error));
        QVERIFY2(primary.sql(QStringLiteral("SELECT pg_reload_conf()"), &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(
            scalar(primary.superuser(), "SELECT string_agg(sync_state, ',') FROM pg_stat_replication", &error)
                .value_or(QString()),
            QStringLiteral("sync"), 60000);

        // The standby alone is refused (read-only); with both hosts, the primary is found.
        QVERIFY(!PgConnection::open(standby.url(team.nurse), &error));
        const QString url = QStringLiteral("postgresql:///rd_failover?host=%1,%2&user=%3")
                                .arg(standby.socket(), primary.socket(), team.nurse);
        QCOMPARE(scalar(url, "SELECT pg_is_in_recovery()", &error).value_or(QString()), QStringLiteral("f"));
        // Which server: each started at its own moment.
        const char* started = "SELECT pg_postmaster_start_time()::text";
        QCOMPARE(scalar(url, started, &error).value_or(QString()),
                 scalar(primary.url(team.nurse), started, &error).value_or(QStringLiteral("?")));

        auto held = WorkspaceCase::open(url, caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(held, qPrintable(error));
        QVERIFY2(!held->isReadOnly(), qPrintable(held->readOnlyReason()));
        const Actor nurse = trust.actor(team.nurse);
        QVERIFY2(held->recordJudgment(QStringLiteral("cosmetic"), Answer{AnswerValue::No, {}, {}, {}}, nurse,
                                      &error),
                 qPrintable(error));

        QVERIFY2(primary.crash(&error), qPrintable(error));
        QVERIFY2(standby.promote(&error), qPrintable(error));

        // The next save finds the promoted standby by itself, holds the case again and carries on.
        QVERIFY2(held->recordJudgment(QStringLiteral("management-impact"),
                                      Answer{AnswerValue::Met, {}, {}, {}}, nurse, &error),
                 qPrintable(error));
        QVERIFY(!held->isReadOnly());
        QCOMPARE(scalar(url, started, &error).value_or(QString()),
                 scalar(standby.url(team.nurse), started, &error).value_or(QStringLiteral("?")));
        auto reader = WorkspaceCase::open(url, caseId, WorkspaceCase::OpenMode::ReadOnly, &error);
        QVERIFY2(reader, qPrintable(error));
        QVERIFY(reader->data().answers.value(QStringLiteral("cosmetic")).value == AnswerValue::No);
        QVERIFY(reader->data().answers.value(QStringLiteral("management-impact")).value == AnswerValue::Met);
        const VerifyReport report = reader->verify();
        QVERIFY2(report.ok(), qPrintable(report.problems.value(0).where + QLatin1String(": ") +
                                         report.problems.value(0).what));
        held.reset();
        reader.reset();
        QVERIFY2(standby.stop(&error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
