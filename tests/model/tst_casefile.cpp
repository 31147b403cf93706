// The case file on a real SQLite file: creation, reopening, refusal of bad files (left unchanged),
// the audit chain against tampering, the writer lock between processes, copies.
#include "TestCases.h"
#include "model/casefile/CaseFile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <sys/stat.h>

using namespace rd;

namespace {

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

// Runs SQL on a file behind ReviewDesk's back, as someone with the sqlite3 shell could.
void tamper(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    const QByteArray text = message ? QByteArray(message) : QByteArray();
    sqlite3_free(message);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, text.constData());
}

QString childPath()
{
    return QStringLiteral(REVIEWDESK_BIN_DIR "/rd_casefile_child");
}

} // namespace

class TestCaseFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString makeCase(const QString& name,
                     const QByteArray& attachmentBytes = QByteArrayLiteral("%PDF-1.4 test"))
    {
        const QString path = m_dir.filePath(name);
        QString error;
        auto file = CaseFile::create(path, test::sampleCase(), test::actor(QStringLiteral("nurse")), &error);
        if (!file) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        const QString source = m_dir.filePath(name + QStringLiteral(".pdf"));
        QFile out(source);
        out.open(QIODevice::WriteOnly);
        out.write(attachmentBytes);
        out.close();
        if (!file->addAttachment(QStringLiteral("clinic-note.pdf"), source, 3,
                                 test::actor(QStringLiteral("nurse")), &error)) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createAndReopenKeepsEverything()
    {
        const QString path = makeCase(QStringLiteral("roundtrip.rdcase"));
        QVERIFY(!path.isEmpty());
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        CaseData expected = test::sampleCase();
        expected.status = CaseStatus::InReview; // recording the first judgment starts the review
        QVERIFY(file->data() == expected);
        QCOMPARE(file->attachments().size(), 1);
        const AttachmentInfo info = file->attachments().first();
        QCOMPARE(info.fileName, QStringLiteral("clinic-note.pdf"));
        QCOMPARE(info.sha256, QCryptographicHash::hash("%PDF-1.4 test", QCryptographicHash::Sha256));
        QCOMPARE(info.pageCount, 3);
        const auto bytes = CaseFile::readAttachment(path, info.id, &error);
        QVERIFY2(bytes, qPrintable(error));
        QCOMPARE(*bytes, QByteArray("%PDF-1.4 test"));
        const VerifyReport report = file->verify();
        QVERIFY2(report.ok(), qPrintable(report.problems.value(0).where + QStringLiteral(": ") +
                                         report.problems.value(0).what));
    }

    void memberContactKeptAndUnsignedVersionsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("contact.rdcase"));
        CaseData data = test::sampleCase();
        data.answers.clear();
        data.member.language = QStringLiteral("es");
        data.member.address = {{QStringLiteral("12 Alder St")},
                               QStringLiteral("Eugene"),
                               QStringLiteral("OR"),
                               QStringLiteral("97401")};
        data.member.guardianName = QStringLiteral("Ana Rivera");
        QString error;
        QVERIFY2(CaseFile::create(path, data, test::actor(QStringLiteral("nurse")), &error),
                 qPrintable(error));
        {
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY(file->data().member == data.member);
            QVERIFY(file->verify().ok());
        }
        // Versions 1 and 2 chained their audit entries without signing them: refused, saying why.
        for (const char* sql :
             {"PRAGMA user_version=2;", "DROP TABLE member_contact; PRAGMA user_version=1;"}) {
            tamper(path, sql);
            QVERIFY(!CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error));
            QVERIFY2(error.contains(QStringLiteral("not signed by their authors")), qPrintable(error));
        }
    }

    void fileIsPrivateAndAloneWhenClosed()
    {
        const QString path = makeCase(QStringLiteral("private.rdcase"));
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
    }

    void createNeverReplaces()
    {
        const QString path = makeCase(QStringLiteral("exists.rdcase"));
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!CaseFile::create(path, test::sampleCase(), test::actor(QStringLiteral("nurse")), &error));
        QVERIFY(error.contains(QStringLiteral("cannot be created")));
        QCOMPARE(fileHash(path), before);
    }

    void refusesBadFilesUnchanged_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("foreign SQLite database") << "foreign"
                                                 << "another application";
        QTest::newRow("newer version") << "newer"
                                       << "newer ReviewDesk";
        QTest::newRow("truncated") << "truncated"
                                   << "truncated";
        QTest::newRow("random bytes") << "random"
                                      << "not a ReviewDesk case file";
        QTest::newRow("empty") << "empty"
                               << "is empty";
        QTest::newRow("short") << "short"
                               << "too short";
        QTest::newRow("no version") << "noversion"
                                    << "no case file version";
    }

    void refusesBadFilesUnchanged()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(kind + QStringLiteral(".rdcase"));
        if (kind == QLatin1String("foreign")) {
            tamper(path, "PRAGMA application_id=1179602503; CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        } else if (kind == QLatin1String("noversion")) {
            tamper(path, "PRAGMA application_id=1380205361; CREATE TABLE t(x);");
        } else if (kind == QLatin1String("newer")) {
            QVERIFY(!makeCase(kind + QStringLiteral(".rdcase")).isEmpty());
            tamper(path, "PRAGMA user_version=99");
        } else if (kind == QLatin1String("truncated")) {
            QVERIFY(!makeCase(kind + QStringLiteral(".rdcase"), QByteArray(200000, 'x')).isEmpty());
            QFile file(path);
            QVERIFY(file.resize(file.size() / 2));
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            if (kind == QLatin1String("random")) {
                QByteArray bytes(65536, Qt::Uninitialized);
                QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(bytes.data()),
                                                      bytes.size() / 4);
                file.write(bytes);
            } else if (kind == QLatin1String("short")) {
                file.write("SQLite format 3");
            }
        }
        const QByteArray before = fileHash(path);
        const QDateTime modified = QFileInfo(path).lastModified();
        for (const auto mode : {CaseFile::OpenMode::ReadWrite, CaseFile::OpenMode::ReadOnly}) {
            QString error;
            QVERIFY(!CaseFile::open(path, mode, &error));
            QVERIFY2(error.contains(expected), qPrintable(error));
            QVERIFY2(error.startsWith(path), qPrintable(error));
            QVERIFY(!CaseFile::readSummary(path, &error));
        }
        QCOMPARE(fileHash(path), before);
        QCOMPARE(QFileInfo(path).lastModified(), modified);
        QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
    }

    void auditChainCatchesTampering_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<QString>("expected");
        const QByteArray dropTriggers = "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; ";
        QTest::newRow("member's letter language edited")
            << QByteArray("UPDATE member_contact SET language = 'es';")
            << "request: differs from the request recorded when the case was created";
        QTest::newRow("edited row") << dropTriggers + "UPDATE audit SET actor = 'someone else' WHERE seq = 2;"
                                    << "audit row 2: was edited";
        QTest::newRow("deleted row") << dropTriggers + "DELETE FROM audit WHERE seq = 2;"
                                     << "audit row 3: is at position 2";
        QTest::newRow("deleted last row")
            << dropTriggers + "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit);"
            << "audit trail: holds";
        QTest::newRow("inserted row")
            << dropTriggers +
                   "UPDATE audit SET seq = seq + 100 WHERE seq >= 3; UPDATE audit SET seq = seq - 99 "
                   "WHERE seq >= 103; INSERT INTO audit SELECT 3, at, actor, action, target, old_value, "
                   "new_value, prev_hash, hash FROM audit WHERE seq = 2;"
            << "audit row 3: does not follow";
        QTest::newRow("reordered rows")
            << dropTriggers +
                   "UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; "
                   "UPDATE audit SET seq = 3 WHERE seq = -1;"
            << "audit row 2: does not follow";
        QTest::newRow("judgment changed behind the trail")
            << QByteArray("UPDATE judgment SET value = 'not-met' WHERE id = 'cosmetic';")
            << "judgment cosmetic: differs from its last audit entry";
        QTest::newRow("request changed behind the trail")
            << QByteArray("UPDATE case_info SET lines = '[\"96000\"]';") << "request: differs";
        QTest::newRow("trigger dropped") << QByteArray("DROP TRIGGER audit_signature_no_delete;")
                                         << "schema: trigger audit_signature_no_delete is missing";
        QTest::newRow("attachment replaced with its table hash")
            << QByteArray(
                   "UPDATE attachment_data SET data = CAST('%PDF-1.4 other' AS BLOB); UPDATE attachment SET "
                   "sha256 = X'0000000000000000000000000000000000000000000000000000000000000000', size = 14;")
            << "attachment clinic-note.pdf: is not the file its audit row recorded";
        QTest::newRow("attachment deleted")
            << QByteArray("DELETE FROM attachment_data; DELETE FROM attachment;")
            << "attachment clinic-note.pdf: is in the audit trail but was deleted";
        QTest::newRow("attachment byte flipped")
            << QByteArray("UPDATE attachment_data SET data = CAST('%PDF-1.4 tesT' AS BLOB);")
            << "attachment clinic-note.pdf: does not match its SHA-256";
    }

    void auditChainCatchesTampering()
    {
        QFETCH(QByteArray, sql);
        QFETCH(QString, expected);
        const QString path =
            makeCase(QStringLiteral("tamper-%1.rdcase").arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(!path.isEmpty());
        tamper(path, sql.constData());
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const VerifyReport report = file->verify();
        QVERIFY(!report.ok());
        QStringList lines;
        for (const VerifyFinding& finding : report.problems)
            lines.append(finding.where + QStringLiteral(": ") + finding.what);
        QVERIFY2(lines.join(QLatin1Char('\n')).contains(expected), qPrintable(lines.join(QLatin1Char('\n'))));
    }

    void auditTrailIsAppendOnly()
    {
        const QString path = makeCase(QStringLiteral("append-only.rdcase"));
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "UPDATE audit SET actor = 'x'", nullptr, nullptr, nullptr),
                 SQLITE_CONSTRAINT);
        QCOMPARE(sqlite3_exec(db, "DELETE FROM audit", nullptr, nullptr, nullptr), SQLITE_CONSTRAINT);
        sqlite3_close(db);
    }

    void recordingAudits()
    {
        const QString path = makeCase(QStringLiteral("record.rdcase"));
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(file && !file->isReadOnly(), qPrintable(error));
        const int before = int(file->auditTrail().size());
        QVERIFY(file->recordJudgment(QStringLiteral("cosmetic"), Answer{AnswerValue::Yes, {}, {}, {}},
                                     test::actor(QStringLiteral("nurse2")), &error));
        // The same answer again writes nothing.
        QVERIFY(file->recordJudgment(QStringLiteral("cosmetic"), Answer{AnswerValue::Yes, {}, {}, {}},
                                     test::actor(QStringLiteral("nurse2")), &error));
        const QList<AuditEntry> trail = file->auditTrail();
        QCOMPARE(trail.size(), before + 1);
        QCOMPARE(trail.last().action, QStringLiteral("judgment.record"));
        QCOMPARE(trail.last().actor, QStringLiteral("nurse2"));
        QVERIFY(trail.last().oldValue.contains(QStringLiteral("\"value\":\"no\"")));
        QVERIFY(trail.last().newValue.contains(QStringLiteral("\"value\":\"yes\"")));
        QVERIFY(file->setStatus(CaseStatus::AwaitingMedicalDirector, test::actor(QStringLiteral("nurse2")),
                                &error));
        QVERIFY(file->markPagesViewed(file->attachments().first().id, {1, 2, 2}, &error));
        QCOMPARE(file->viewedPages(file->attachments().first().id), QList<int>({1, 2}));
        QVERIFY(file->verify().ok());
        file.reset();
        const auto summary = CaseFile::readSummary(path, &error);
        QVERIFY2(summary, qPrintable(error));
        QVERIFY(summary->status == CaseStatus::AwaitingMedicalDirector);
        QCOMPARE(summary->reviewer, QStringLiteral("nurse"));
        QCOMPARE(summary->memberId, QStringLiteral("M1002"));
    }

    void secondProcessGetsReadOnly()
    {
        const QString path = makeCase(QStringLiteral("shared.rdcase"));
        QProcess holder;
        holder.start(childPath(), {QStringLiteral("hold"), path});
        QVERIFY(holder.waitForStarted());
        QVERIFY(holder.waitForReadyRead(10000));
        QCOMPARE(holder.readLine().trimmed(), QByteArray("ready"));

        QString error;
        auto second = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(second, qPrintable(error));
        QVERIFY(second->isReadOnly());
        QVERIFY2(second->readOnlyReason().contains(QStringLiteral("process %1").arg(holder.processId())),
                 qPrintable(second->readOnlyReason()));
        QVERIFY(!second->recordJudgment(QStringLiteral("cosmetic"), Answer{AnswerValue::Yes, {}, {}, {}},
                                        test::actor(QStringLiteral("late")), &error));
        QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));

        // The holder keeps writing while the second process reads.
        for (int i = 0; i < 5; ++i) {
            holder.write(QStringLiteral("note %1\n").arg(i).toUtf8());
            QVERIFY(holder.waitForReadyRead(10000));
            QCOMPARE(holder.readLine().trimmed(), QByteArray("committed"));
            QVERIFY(CaseFile::readSummary(path, &error));
        }
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(10000));
        QCOMPARE(holder.exitCode(), 0);
        second.reset();

        auto reopened = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(reopened && !reopened->isReadOnly(), qPrintable(error + reopened->readOnlyReason()));
        QCOMPARE(reopened->data().answers.value(QStringLiteral("qualified-performance")).note,
                 QStringLiteral("4"));
        QCOMPARE(toString(reopened->data().answers.value(QStringLiteral("cosmetic")).value),
                 toString(AnswerValue::No));
        QVERIFY(reopened->verify().ok());
    }

    void saveCopyIsCompleteAndPrivate()
    {
        const QString path = makeCase(QStringLiteral("original.rdcase"));
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY(file);
        QDir(m_dir.path()).mkdir(QStringLiteral("copies"));
        const QString copy = m_dir.filePath(QStringLiteral("copies/copy.rdcase"));
        QVERIFY2(file->saveCopyAs(copy, &error), qPrintable(error));
        QCOMPARE(QDir(m_dir.filePath(QStringLiteral("copies"))).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("copy.rdcase")});
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(copy).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        auto copied = CaseFile::open(copy, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(copied, qPrintable(error));
        QVERIFY(copied->data() == file->data());
        QVERIFY(copied->verify().ok());
    }
};

QTEST_GUILESS_MAIN(TestCaseFile)
#include "tst_casefile.moc"
