// The queue's summary read straight from a case file's pages (CaseInfoPages) gives what SQLite gives,
// and gives nothing (so SQLite reads it) whenever the file is not as usual.
#include "TestCases.h"
#include "model/casefile/CaseFile.h"
#include "model/casefile/CaseInfoPages.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>

using namespace rd;

namespace {

const QByteArrayList kColumns{"member_id", "member_name",       "lines",    "urgency",    "received_at",
                              "status",    "clinical_question", "reviewer", "last_change"};

// The same columns through SQLite.
QStringList throughSqlite(const QString& path)
{
    sqlite3* db = nullptr;
    QStringList values;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        const QByteArray sql = "SELECT " + kColumns.join(", ") + " FROM case_info";
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, sql.constData(), -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW) {
            for (int i = 0; i < int(kColumns.size()); ++i)
                values.append(
                    QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, i))));
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return values;
}

} // namespace

class TestCaseInfoPages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameAsSqlite_data()
    {
        QTest::addColumn<int>("questionLength");
        QTest::newRow("short") << 40;
        QTest::newRow("overflows its page") << 20000; // the row continues on overflow pages
    }

    void sameAsSqlite()
    {
        QFETCH(int, questionLength);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.rdcase"));
        CaseData data = test::sampleCase();
        data.request.clinicalQuestion = QString(questionLength, QLatin1Char('q')) + QStringLiteral(" é ✓");
        QString error;
        {
            auto file = CaseFile::create(path, data, test::actor(QStringLiteral("tester")), &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY2(file->setStatus(CaseStatus::InReview, test::actor(QStringLiteral("tester")), &error),
                     qPrintable(error));
        }
        const auto pages = CaseInfoPages::read(path, kColumns);
        QVERIFY(pages);
        const QStringList expected = throughSqlite(path);
        QCOMPARE(expected.size(), kColumns.size());
        QCOMPARE(*pages, expected);
        QVERIFY(pages->at(6).endsWith(QStringLiteral(" é ✓")));
        // And the summary the queue shows is the same either way.
        const auto summary = CaseFile::readSummary(path, &error);
        QVERIFY2(summary, qPrintable(error));
        QCOMPARE(summary->memberId, data.member.id);
        QVERIFY(summary->status == CaseStatus::InReview);
        QCOMPARE(summary->lines, data.request.lines);
        QCOMPARE(summary->receivedAt, data.request.receivedAt.toUTC());
    }

    void unusualFilesAreLeftToSqlite()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.rdcase"));
        QString error;
        QVERIFY(CaseFile::create(path, test::sampleCase(), test::actor(QStringLiteral("tester")), &error));
        QVERIFY(CaseInfoPages::read(path, kColumns));
        // A column it does not have.
        QVERIFY(!CaseInfoPages::read(path, {"member_id", "no_such_column"}));
        // A journal beside it: a write under way, or cut short.
        QFile journal(path + QStringLiteral("-journal"));
        QVERIFY(journal.open(QIODevice::WriteOnly));
        journal.write("not empty");
        journal.close();
        QVERIFY(!CaseInfoPages::read(path, kColumns));
        QVERIFY(journal.remove());
        // Another application's database, a truncated file, no file.
        const QString other = dir.filePath(QStringLiteral("other.rdcase"));
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(other).constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE case_info(member_id TEXT); INSERT INTO case_info VALUES('x')",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(db);
        QVERIFY(!CaseInfoPages::read(other, {"member_id"}));
        QFile file(path);
        QVERIFY(file.resize(file.size() / 2));
        QVERIFY(!CaseInfoPages::read(path, kColumns));
        QVERIFY(!CaseInfoPages::read(dir.filePath(QStringLiteral("none.rdcase")), kColumns));
        // SQLite still names what is wrong.
        QVERIFY(!CaseFile::readSummary(path, &error));
        QVERIFY2(error.contains(QStringLiteral("truncated")), qPrintable(error));
    }

    // A hostile or damaged file must never crash the queue: every byte of the first pages changed in
    // turn, and random runs of bytes overwritten anywhere, and the page reader either gives the row or
    // gives nothing (the ASan build runs this too).
    void damagedFilesNeverCrash()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.rdcase"));
        QString error;
        QVERIFY(CaseFile::create(path, test::sampleCase(), test::actor(QStringLiteral("tester")), &error));
        QFile source(path);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray original = source.readAll();
        source.close();
        const QString damaged = dir.filePath(QStringLiteral("damaged.rdcase"));
        const auto readDamaged = [&](const QByteArray& bytes) {
            QFile out(damaged);
            if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return false;
            out.write(bytes);
            out.close();
            const auto row = CaseInfoPages::read(damaged, kColumns);
            return !row || row->size() == int(kColumns.size());
        };
        // The header and the first two pages (the schema and, in a small file, case_info), each byte
        // set to values that stress lengths and pointers.
        const int headerAndFirstPages = std::min<int>(original.size(), 2 * 4096);
        int tried = 0;
        for (int offset = 0; offset < headerAndFirstPages; offset += 7) {
            for (const char value : {char(0x00), char(0xff), char(0x80)}) {
                QByteArray bytes = original;
                bytes[offset] = value;
                QVERIFY2(readDamaged(bytes), qPrintable(QStringLiteral("byte %1").arg(offset)));
                ++tried;
            }
        }
        // Random runs anywhere, and truncations, with a fixed seed so a failure repeats.
        QRandomGenerator random(20261201);
        for (int round = 0; round < 300; ++round) {
            QByteArray bytes = original;
            const int at = random.bounded(int(bytes.size()));
            const int length = std::min<int>(random.bounded(1, 64), int(bytes.size()) - at);
            for (int i = 0; i < length; ++i)
                bytes[at + i] = char(random.bounded(256));
            if (round % 10 == 0)
                bytes.truncate(random.bounded(int(bytes.size())));
            QVERIFY2(readDamaged(bytes), qPrintable(QStringLiteral("round %1").arg(round)));
            ++tried;
        }
        QVERIFY(tried > 1000);
    }
};

QTEST_MAIN(TestCaseInfoPages)
#include "tst_caseinfopages.moc"
