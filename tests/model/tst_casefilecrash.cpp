// Durability: a child process records judgments and reports each after its commit; it is killed
// with SIGKILL at random moments, over and over. Every reported judgment must be there, the file
// must pass integrity_check and its audit chain must hold, every time.
#include "TestCases.h"
#include "model/casefile/CaseFile.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace rd;

class TestCaseFileCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLosesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crash.rdcase"));
        QString error;
        {
            CaseData data = test::sampleCase();
            QVERIFY2(CaseFile::create(path, data, test::actor(QStringLiteral("nurse")), &error),
                     qPrintable(error));
        }
        const int rounds = qEnvironmentVariableIntValue("REVIEWDESK_CRASH_ROUNDS") > 0
                               ? qEnvironmentVariableIntValue("REVIEWDESK_CRASH_ROUNDS")
                               : 200;
        const QStringList ids = {QStringLiteral("management-impact"), QStringLiteral("conservative-care"),
                                 QStringLiteral("documentation-complete")};
        QMap<QString, qint64> lastReported; // judgment id -> the last note the child reported committed
        qint64 next = 1;
        auto* random = QRandomGenerator::global();
        int killedMidway = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess child;
            child.start(QStringLiteral(REVIEWDESK_BIN_DIR "/rd_casefile_child"),
                        {QStringLiteral("record"), path, QString::number(next)});
            QVERIFY(child.waitForStarted());
            // Most rounds kill it at a random moment after its first commit, while it is committing
            // more; one round in ten kills it at a random moment of its start-up. (Waiting for the
            // first commit keeps the test meaningful on a slow or sanitizer build.)
            if (random->bounded(10) != 0)
                QVERIFY(child.waitForReadyRead(20000));
            QTest::qWait(int(random->bounded(0, 40)));
            ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(10000));
            const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
            for (const QByteArray& line : lines) {
                if (!line.startsWith("committed "))
                    continue;
                const qint64 n = line.mid(10).toLongLong();
                lastReported.insert(ids.at(n % ids.size()), n);
                next = n + 1;
            }
            if (child.exitStatus() == QProcess::CrashExit)
                ++killedMidway;

            // Every reader copes with a hot journal: odd rounds open read-only first (verify, export,
            // the queue do), even rounds for writing. Either rolls it back through SQLite; then
            // everything reported must be there.
            if (round % 2 == 1) {
                auto reader = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
                QVERIFY2(reader, qPrintable(QStringLiteral("round %1, read-only: %2").arg(round).arg(error)));
                QVERIFY2(CaseFile::readSummary(path, &error), qPrintable(error));
            }
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            QVERIFY2(file, qPrintable(QStringLiteral("round %1: %2").arg(round).arg(error)));
            for (auto it = lastReported.cbegin(); it != lastReported.cend(); ++it) {
                const qint64 saved = file->data().answers.value(it.key()).note.toLongLong();
                // The child may have committed one more before it died, never fewer.
                QVERIFY2(saved >= it.value(), qPrintable(QStringLiteral("round %1: %2 has %3, reported %4")
                                                             .arg(round)
                                                             .arg(it.key())
                                                             .arg(saved)
                                                             .arg(it.value())));
                next = qMax(next, saved + 1);
            }
            const VerifyReport report = file->verify();
            QVERIFY2(report.ok(),
                     qPrintable(QStringLiteral("round %1: %2 %3")
                                    .arg(round)
                                    .arg(report.problems.value(0).where, report.problems.value(0).what)));
        }
        qInfo("%d rounds, %d killed while running, %lld judgments committed", rounds, killedMidway, next - 1);
        QVERIFY(killedMidway > rounds / 2);
        QVERIFY(next > rounds / 2);
    }
};

QTEST_GUILESS_MAIN(TestCaseFileCrash)
#include "tst_casefilecrash.moc"
