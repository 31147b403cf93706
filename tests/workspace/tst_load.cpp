// 20 reviewers' processes on 200 cases at once, 5 of them competing for Take Next Case: no case taken
// twice or written by two people, no judgment reported saved lost, every case verifies.
#include "WorkspaceLoad.h"

#include <QElapsedTimer>
#include <QTest>

using namespace rd;

class TestLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twentyClientsTwoHundredCases()
    {
        // The cases are made in memory-backed storage when there is some: this test is about the server.
        QTemporaryDir folder(QDir(QStringLiteral("/dev/shm")).exists()
                                 ? QStringLiteral("/dev/shm/rd-load-XXXXXX")
                                 : QDir::tempPath() + QStringLiteral("/rd-load-XXXXXX"));
        QVERIFY(folder.isValid());
        test::PgTestCluster cluster;
        QString error;
        QVERIFY2(cluster.setUp(QStringLiteral("rd_load"), &error), qPrintable(error));
        QElapsedTimer phase;
        phase.start();
        test::WorkspaceLoad load;
        QVERIFY2(load.setUp(cluster, folder.path(), QStringLiteral("load"), 20, 200, &error),
                 qPrintable(error));
        qInfo("set up (20 people, 200 cases imported) in %lld ms", phase.restart());
        load.startClients(5);
        QVERIFY2(load.waitForClients(&error), qPrintable(error));
        qInfo("20 clients worked the cases in %lld ms", phase.restart());
        int worked = 0;
        QVERIFY2(load.check(&error, &worked), qPrintable(error));
        qInfo("checked (200 cases exported and verified) in %lld ms", phase.restart());
        QCOMPARE(worked, 200); // the takers drained the queue: every case was worked, each by one person
        QVERIFY(load.savedSoFar() == 600);
    }
};

QTEST_GUILESS_MAIN(TestLoad)
#include "tst_load.moc"
