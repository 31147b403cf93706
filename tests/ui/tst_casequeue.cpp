// The case queue streams: rows appear as their files are read, before the listing of a long folder
// ends; the listing then holds every file, and a file that goes away leaves the queue. The folder is
// shown from the home folder.
#include "TestCases.h"
#include "model/casefile/CaseFile.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"

#include <QDir>
#include <QLabel>
#include <QScopeGuard>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <vector>

using namespace rd;

class TestCaseQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsArriveBeforeTheListingEnds()
    {
        QTemporaryDir dir;
        const CaseData data = test::sampleCase();
        const QString first = dir.filePath(QStringLiteral("case-000.rdcase"));
        QString error;
        QVERIFY2(CaseFile::create(first, data, test::actor(QStringLiteral("tester")), &error),
                 qPrintable(error));
        const int count = 300;
        for (int i = 1; i < count; ++i)
            QVERIFY(QFile::copy(
                first, dir.filePath(QStringLiteral("case-%1.rdcase").arg(i, 3, 10, QLatin1Char('0')))));

        CaseQueueModel model;
        QSignalSpy loaded(&model, &CaseQueueModel::loaded);
        QList<int> rowsWhenInserted; // the model's rows after each insertion, while the listing runs
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&] {
            if (loaded.isEmpty())
                rowsWhenInserted.append(model.rowCount());
        });
        model.setFolder(dir.path());
        QVERIFY(model.isLoading());
        QVERIFY(loaded.wait(60000));
        QCOMPARE(loaded.at(0).at(0).toInt(), count);
        QCOMPARE(model.rowCount(), count);
        QVERIFY(!model.isLoading());
        QVERIFY2(rowsWhenInserted.size() >= 2, "the rows came in one piece");
        QVERIFY(rowsWhenInserted.first() < count); // the first rows were there before the rest was read
        QCOMPARE(model.data(model.index(0, CaseQueueModel::MemberColumn)).toString(),
                 QStringLiteral("Jordan Rivera (M1002)"));

        // A file that goes away leaves the queue at the next listing.
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("case-150.rdcase"))));
        loaded.clear();
        model.rescan();
        QVERIFY(loaded.wait(60000));
        QCOMPARE(model.rowCount(), count - 1);
        QCOMPARE(model.rowOf(dir.filePath(QStringLiteral("case-150.rdcase"))), -1);
        QVERIFY(model.rowOf(dir.filePath(QStringLiteral("case-151.rdcase"))) >= 0);
    }

    // Several queues listing at once on a 2-core machine: each finishes, and the global pool stays free
    // for Qt's own work meanwhile (a scan that waited on its reads in the global pool deadlocked here and
    // froze the GUI, whose painting also waits on that pool).
    void concurrentListingsNeitherDeadlockNorStarveTheGlobalPool()
    {
        QThreadPool::globalInstance()->setMaxThreadCount(2);
        QTemporaryDir dir;
        const QString first = dir.filePath(QStringLiteral("case-00.rdcase"));
        QString error;
        QVERIFY2(CaseFile::create(first, test::sampleCase(), test::actor(QStringLiteral("tester")), &error),
                 qPrintable(error));
        const int count = 40;
        for (int i = 1; i < count; ++i)
            QVERIFY(QFile::copy(
                first, dir.filePath(QStringLiteral("case-%1.rdcase").arg(i, 2, 10, QLatin1Char('0')))));

        std::vector<std::unique_ptr<CaseQueueModel>> models;
        std::vector<std::unique_ptr<QSignalSpy>> spies;
        for (int i = 0; i < 4; ++i) {
            models.push_back(std::make_unique<CaseQueueModel>());
            spies.push_back(std::make_unique<QSignalSpy>(models.back().get(), &CaseQueueModel::loaded));
        }
        for (auto& model : models)
            model->setFolder(dir.path());
        // Global-pool work started while the scans run completes.
        QFuture<int> globalWork = QtConcurrent::run([] { return 42; });
        QTRY_VERIFY_WITH_TIMEOUT(globalWork.isFinished(), 60000);
        QCOMPARE(globalWork.result(), 42);
        for (std::size_t i = 0; i < models.size(); ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(!spies[i]->isEmpty(), 60000);
            QCOMPARE(models[i]->rowCount(), count);
        }
    }

    void folderInTheHomeFolderShownFromThere()
    {
        QTemporaryDir home;
        QTemporaryDir elsewhere;
        const QByteArray savedHome = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(home.path()));
        const auto restore = qScopeGuard([&] { qputenv("HOME", savedHome); });
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral("Cases/2026")));
        QueueView view;
        const auto* label = view.findChild<QLabel*>(QStringLiteral("queueFolder"));
        QVERIFY(label);
        view.setFolder(home.filePath(QStringLiteral("Cases/2026")));
        QCOMPARE(label->text(), QStringLiteral("~/Cases/2026"));
        QCOMPARE(label->toolTip(), home.filePath(QStringLiteral("Cases/2026")));
        view.setFolder(home.path());
        QCOMPARE(label->text(), QStringLiteral("~"));
        // Elsewhere, and a folder whose name only begins like the home folder's: the path as it is.
        view.setFolder(elsewhere.path());
        QCOMPARE(label->text(), elsewhere.path());
        QVERIFY(QDir().mkpath(home.path() + QStringLiteral("-cases")));
        const auto removeSibling =
            qScopeGuard([&] { QDir(home.path() + QStringLiteral("-cases")).removeRecursively(); });
        view.setFolder(home.path() + QStringLiteral("-cases"));
        QCOMPARE(label->text(), home.path() + QStringLiteral("-cases"));
    }
};

QTEST_MAIN(TestCaseQueue)
#include "tst_casequeue.moc"
