// Queue notifications sent by anyone: every member may NOTIFY rd_queue with any payload (PostgreSQL has
// no privilege for it), and each notification made every open queue list the workspace again. The
// desk's queue (ui/workspace/WorkspaceQueue) coalesces them: a burst of notifications costs at most two
// listings, and a real change in it still shows.
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "model/casefile/CaseFile.h"
#include "model/workspace/Workspace.h"
#include "ui/workspace/WorkspaceQueue.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestNotifyFlood : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::PgTestCluster m_cluster;
    test::TrustFixture m_trust;
    test::WorkspaceTeam m_team;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(
            m_team.setUpWorkspace(m_cluster, m_trust, m_dir.path(), QStringLiteral("notifyflood"), &error),
            qPrintable(error));
    }

    void burstOfNotificationsCostsAtMostTwoListings()
    {
        QString error;
        auto workspace = Workspace::open(m_cluster.url(m_team.nurse2), &error);
        QVERIFY2(workspace, qPrintable(error));
        const QString path = m_dir.filePath(QStringLiteral("case.rdcase"));
        QVERIFY2(CaseFile::create(path, test::sampleCase(), m_trust.actor(m_team.nurse2), &error),
                 qPrintable(error));
        const auto caseId = workspace->importCaseFile(path, &error);
        QVERIFY2(caseId, qPrintable(error));
        WorkspaceQueue queue;
        queue.open(m_cluster.url(m_team.nurse));
        QTRY_VERIFY_WITH_TIMEOUT(queue.entry(*caseId).has_value(), 20000);
        const int before = queue.listings();

        // Another member's burst, each notification a transaction of its own, as a loop in psql sends
        // it, and a real change right after it (the case taken), shown by the listings the burst costs.
        QElapsedTimer burst;
        burst.start();
        for (int i = 0; i < 200; ++i) {
            const QByteArray sql = QByteArrayLiteral("NOTIFY rd_queue, '") +
                                   (i % 2 ? QByteArrayLiteral("anything") : QByteArray::number(i)) + '\'';
            QVERIFY2(workspace->connection().command(sql.constData(), &error), qPrintable(error));
        }
        const auto taken = workspace->takeNext(Workspace::ReviewQueue, &error);
        QVERIFY2(taken && *taken == *caseId, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(queue.entry(*caseId)->assignee == m_team.nurse2, 20000);
        const int listings = queue.listings() - before;
        // One listing at once and at most one a second after it: on a loaded machine the burst itself
        // may take longer than a second.
        const int allowed = 2 + int(burst.elapsed() / 1000);
        QVERIFY2(listings >= 1 && listings <= allowed,
                 qPrintable(QStringLiteral("%1 listings for a burst of 201 notifications in %2 ms")
                                .arg(listings)
                                .arg(burst.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestNotifyFlood)
#include "tst_notifyflood.moc"
