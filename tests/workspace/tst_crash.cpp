// The server stopped as by a power cut (pg_ctl stop -m immediate) while reviewers' processes save
// judgments, then started again: every judgment reported saved is there, and the clients carry on
// (they reconnect by themselves) until every case is worked.
#include "WorkspaceLoad.h"

#include <QTest>

using namespace rd;

class TestCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void immediateStopMidRun()
    {
        QTemporaryDir folder(QDir(QStringLiteral("/dev/shm")).exists()
                                 ? QStringLiteral("/dev/shm/rd-crash-XXXXXX")
                                 : QDir::tempPath() + QStringLiteral("/rd-crash-XXXXXX"));
        QVERIFY(folder.isValid());
        // A cluster of this test's own: stopping the run's shared one would disturb the other tests.
        test::PgTestCluster cluster;
        QString error;
        QVERIFY2(cluster.setUp(QStringLiteral("rd_crash"), &error,
                               qEnvironmentVariable("REVIEWDESK_TEST_PG_DIR") + QStringLiteral("-crash")),
                 qPrintable(error));
        test::WorkspaceLoad load;
        QVERIFY2(load.setUp(cluster, folder.path(), QStringLiteral("crash"), 6, 40, &error),
                 qPrintable(error));
        load.startClients(3);
        QTRY_VERIFY_WITH_TIMEOUT(load.savedSoFar() >= 20, 120000);
        QVERIFY2(cluster.crash(&error), qPrintable(error));
        const int savedBeforeRestart = load.savedSoFar();
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QVERIFY2(load.waitForClients(&error), qPrintable(error));
        QVERIFY(load.savedSoFar() > savedBeforeRestart); // they carried on after the restart
        int worked = 0;
        QVERIFY2(load.check(&error, &worked), qPrintable(error));
        QVERIFY2(worked >= 38, qPrintable(QString::number(worked)));
        QVERIFY2(cluster.stop(&error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
