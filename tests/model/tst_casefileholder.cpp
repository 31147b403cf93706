// The holder row (who has a case open for writing) on real case files: it goes with the first write
// that is committed, also when an earlier write was rolled back.
#include "model/casefile/CaseFile.h"

#include "SqlTamper.h"
#include "TestCases.h"

#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace rd;

class TestCaseFileHolder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void holderWrittenByTheFirstCommittedWrite()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("held.rdcase"));
        QString error;
        {
            auto created =
                CaseFile::create(path, test::sampleCase(), test::actor(QStringLiteral("intake")), &error);
            QVERIFY2(created, qPrintable(error));
        }
        CaseFile::setHolderLogin(QStringLiteral("nurse.one"));
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(file, qPrintable(error));
        QVERIFY(!file->isReadOnly());
        // No holder yet, and a judgment the file refuses (as a full disk or a busy file would): the
        // write fails after the holder row went into its transaction. The trigger that refuses it is
        // planted after the open (a file with it is opened read-only) and the file's time put back, so
        // that the case file takes it for its own state.
        QVERIFY(test::sqliteUnseen(path,
                                   "DELETE FROM holder; CREATE TRIGGER refuse BEFORE INSERT ON audit "
                                   "WHEN NEW.target = 'refused-step' BEGIN SELECT RAISE(ABORT, 'refused'); "
                                   "END;"));
        const Actor nurse = test::actor(QStringLiteral("nurse.one"));
        Answer answer;
        answer.value = AnswerValue::Met;
        QVERIFY(!file->recordJudgment(QStringLiteral("refused-step"), answer, nurse, &error));
        QVERIFY2(error.contains(QStringLiteral("refused")), qPrintable(error));
        QVERIFY(!file->holder()); // rolled back with the write

        QVERIFY2(file->recordJudgment(QStringLiteral("indication"), answer, nurse, &error),
                 qPrintable(error));
        const auto holder = file->holder();
        QVERIFY(holder);
        QCOMPARE(holder->user, QStringLiteral("nurse.one"));
        QCOMPARE(holder->pid, qint64(::getpid()));
        CaseFile::setHolderLogin(QString());
    }
};

QTEST_MAIN(TestCaseFileHolder)
#include "tst_casefileholder.moc"
