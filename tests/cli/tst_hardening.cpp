// What the trust model's first version left open, each shown failing before its fix: a key-sealing
// shortcut a shipped binary must not know, a roster rolled back, a trail cut or rewritten that only a
// head kept outside the file can catch (letters and exports now carry it), what verify can catch without
// one, attachments stored all or none on a full disk, a case file replaced under an open case, and
// case JSON that QJsonDocument reads without a word (a key twice). Real reviewdesk-cli binaries on real
// case files, a real roster and people folder (TrustFixture.h).
#include "SqlTamper.h"
#include "TestSupport.h"
#include "TrailRewrite.h"
#include "TrustCliCase.h"
#include "TrustFixture.h"
#include "model/casefile/CaseFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <sodium.h>
#include <sys/resource.h>

using namespace rd;
using test::sqlite;

namespace {

const QByteArray kRestoreTriggers =
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is "
    "append-only'); END; CREATE TRIGGER audit_signature_no_delete BEFORE DELETE ON audit_signature BEGIN "
    "SELECT RAISE(ABORT, 'the audit trail is append-only'); END;";

// A PDF of one page of noise: hundreds of kilobytes that no compression shrinks much.
void writeNoisePdf(const QString& path, int side)
{
    QImage image(side, side, QImage::Format_RGB32);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            image.setPixel(x, y, QRandomGenerator::global()->generate());
    QPdfWriter writer(path);
    QPainter painter(&writer);
    painter.drawImage(QRect(0, 0, writer.width(), writer.width()), image);
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

} // namespace

class TestHardening : public QObject, private test::TrustCliCase
{
    Q_OBJECT

private:
    void expectVerify(const QString& path, int exitCode, const QString& expected,
                      const QStringList& extra = {})
    {
        const test::CliRun run = cli(QStringList{QStringLiteral("verify"), path} + extra);
        QVERIFY2(run.exitCode == exitCode, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(expected), qPrintable(run.out));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(setUpOrganization(&error), qPrintable(error));
        QVERIFY(sodium_init() >= 0);
    }

    // The binaries the tests run are the ones the package ships: they seal at the full Argon2id cost
    // whatever the environment says, and do not know the old test variable at all.
    void shippedBinariesIgnoreTheFastKdfVariable()
    {
        QProcessEnvironment environment = m_trust.environment();
        const QString home = m_dir.filePath(QStringLiteral("kdf-home"));
        environment.insert(QStringLiteral("REVIEWDESK_HOME"), home);
        environment.insert(QStringLiteral("REVIEWDESK_TEST_FAST_KDF"), QStringLiteral("1"));
        const test::CliRun run =
            cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("kdf.check"),
                 QStringLiteral("--name"), QStringLiteral("Kay Check"), QStringLiteral("--password-stdin")},
                QStringLiteral("kdf check password\n"), environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject sealed = readJson(QDir(home).filePath(QStringLiteral("users.json")))
                                       .value(QStringLiteral("users"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("sealedKey"))
                                       .toObject();
        QCOMPARE(sealed.value(QStringLiteral("opsLimit")).toString().toULongLong(),
                 quint64(crypto_pwhash_OPSLIMIT_INTERACTIVE));
        QCOMPARE(sealed.value(QStringLiteral("memLimit")).toString().toULongLong(),
                 quint64(crypto_pwhash_MEMLIMIT_INTERACTIVE));
        for (const char* program : {"reviewdesk-cli", "reviewdesk"}) {
            QFile binary(QStringLiteral(REVIEWDESK_BIN_DIR "/") + QLatin1String(program));
            QVERIFY(binary.open(QIODevice::ReadOnly));
            QVERIFY2(!binary.readAll().contains("REVIEWDESK_TEST_FAST_KDF"), program);
        }
    }

    // A determination records the roster serial its signer was checked against: a verifier whose
    // roster is older (it may lack a revocation) is told, even on a computer that never saw the newer.
    void verifierWithAnOlderRoster()
    {
        QFile rosterFile(m_trust.rosterPath());
        QVERIFY(rosterFile.open(QIODevice::ReadOnly));
        const QByteArray first = rosterFile.readAll();
        rosterFile.close();
        QString error;
        auto trust = TrustStore::load(&error);
        QVERIFY2(trust, qPrintable(error));
        Roster roster = trust->roster();
        UserDirectory directory(m_trust.home());
        QVERIFY(directory.load(&error));
        const auto adminKey =
            directory.unlock(QStringLiteral("admin.test"), test::TrustFixture::adminPassword(), &error);
        QVERIFY2(adminKey, qPrintable(error));
        QVERIFY2(roster.save(m_trust.rosterPath(), *adminKey, &error), qPrintable(error));
        const qint64 serial = roster.serial();

        const QString path = signedDenial(QStringLiteral("serial.rdcase"));
        QVERIFY(!path.isEmpty());
        expectVerify(path, 0, QStringLiteral("verified: "));

        // Another computer, whose installation still has the first roster.
        const QString other = m_dir.filePath(QStringLiteral("auditor"));
        QVERIFY(QDir().mkpath(other + QStringLiteral("/etc")));
        QVERIFY(test::writeFile(other + QStringLiteral("/etc/roster.json"), first));
        QVERIFY(TrustStore::writeTrustFile(other + QStringLiteral("/etc/trust.json"),
                                           QStringLiteral("roster.json"), roster.anchor(), &error));
        QProcessEnvironment environment = m_trust.environment();
        environment.insert(QStringLiteral("REVIEWDESK_HOME"), other + QStringLiteral("/home"));
        environment.insert(QStringLiteral("REVIEWDESK_CONFIG_DIR"), other + QStringLiteral("/etc"));
        const test::CliRun run = cli({QStringLiteral("verify"), path}, {}, environment);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("signed under roster serial %1, but this installation's "
                                                 "roster is serial %2")
                                      .arg(serial)
                                      .arg(serial - 1)),
                 qPrintable(run.out));
    }

    // Without any head from outside: a signing half removed leaves what only a signing writes (the
    // signed letters).
    void signingRemovedIsSeenWithoutAHead()
    {
        const QString path = signedDenial(QStringLiteral("half-unsigned.rdcase"));
        QVERIFY(!path.isEmpty());
        QVERIFY(
            sqlite(path, "DROP TRIGGER audit_no_delete; DROP TRIGGER audit_signature_no_delete; "
                         "DELETE FROM signature; DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit); "
                         "DELETE FROM audit_signature WHERE seq NOT IN (SELECT seq FROM audit); "
                         "UPDATE case_info SET audit_count = (SELECT max(seq) FROM audit), audit_head = "
                         "(SELECT hash FROM audit WHERE seq = (SELECT max(seq) FROM audit)); " +
                             kRestoreTriggers));
        expectVerify(path, 1, QStringLiteral("signed letters but no signature"));
    }

    // The head travels outside the file: in the export's JSON and at the foot of every letter page.
    // A signed denial "unsigned" with care (attack 5: the signature, the signed letters and the signing
    // rows deleted, the chain's head rewritten, the triggers put back) passes a verify without a head,
    // and fails with the head of either.
    void exportAndLetterCarryTheHead()
    {
        const QString path = signedDenial(QStringLiteral("head.rdcase"));
        QVERIFY(!path.isEmpty());
        const QString json = m_dir.filePath(QStringLiteral("head-export.json"));
        QCOMPARE(cli({QStringLiteral("export"), path, QStringLiteral("-o"), json}).exitCode, 0);
        const QJsonObject audit = readJson(json).value(QStringLiteral("audit")).toObject();
        const qint64 count = audit.value(QStringLiteral("count")).toInteger();
        const QString head = audit.value(QStringLiteral("head")).toString();
        QVERIFY(count > 2);
        QCOMPARE(head.size(), 64);
        const test::CliRun verified = cli({QStringLiteral("verify"), path});
        QVERIFY2(verified.out.contains(QStringLiteral("head    %1:%2").arg(count).arg(head)),
                 qPrintable(verified.out));

        const QString pdf = m_dir.filePath(QStringLiteral("head-letter.pdf"));
        QCOMPARE(cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf}).exitCode, 0);
        QProcess pdftotext;
        pdftotext.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(pdftotext.waitForFinished(60000));
        // pdftotext may split a long run of digits where the glyphs' spacing varies: compare without spaces.
        QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
        text.remove(QRegularExpression(QStringLiteral("\\s")));
        const QString printed = QStringLiteral("%1:%2").arg(count).arg(head.left(16));
        QVERIFY2(text.contains(QStringLiteral("Audit") + printed), qPrintable(text.right(400)));

        expectVerify(path, 0, QStringLiteral("holds the recorded head"), {QStringLiteral("--head"), printed});
        expectVerify(path, 0, QStringLiteral("holds the recorded head"),
                     {QStringLiteral("--head-from"), json});

        QVERIFY(sqlite(path, "DROP TRIGGER audit_no_delete; DROP TRIGGER audit_signature_no_delete; "
                             "DELETE FROM signature; DELETE FROM signed_letter; "
                             "DELETE FROM audit WHERE seq > (SELECT max(seq) - 2 FROM audit); "
                             "DELETE FROM audit_signature WHERE seq NOT IN (SELECT seq FROM audit); "
                             "UPDATE case_info SET status = 'in-review', audit_count = (SELECT max(seq) FROM "
                             "audit), audit_head = (SELECT hash FROM audit WHERE seq = (SELECT max(seq) FROM "
                             "audit)); " +
                                 kRestoreTriggers));
        expectVerify(path, 0, QStringLiteral("unsigned: the case has no signature yet")); // the residual risk
        expectVerify(path, 1, QStringLiteral("does not hold row %1").arg(count),
                     {QStringLiteral("--head"), printed});
        expectVerify(path, 1, QStringLiteral("does not hold row %1").arg(count),
                     {QStringLiteral("--head-from"), json});
        const test::CliRun bad = cli({QStringLiteral("verify"), path, QStringLiteral("--head-from"), pdf});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(pdf + QStringLiteral(": holds no audit head")), qPrintable(bad.err));
    }

    // A person rewriting a tail made only of their own rows (their last answer changed, every row of
    // theirs after it signed again with their genuine key): no file can tell; any head recorded outside
    // after those rows (an export, a letter, a receipt) does.
    void ownTailRewrittenIsCaughtByAHeadOutside()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("own-tail.rdcase"));
        QVERIFY(!path.isEmpty());
        const test::CliRun answered =
            as(QStringLiteral("nurse.kim"), kNursePassword,
               {QStringLiteral("answer"), path, QStringLiteral("--id"), QStringLiteral("cosmetic"),
                QStringLiteral("--value"), QStringLiteral("yes")});
        QVERIFY2(answered.exitCode == 0, qPrintable(answered.err));
        const QString json = m_dir.filePath(QStringLiteral("own-tail.json"));
        QCOMPARE(cli({QStringLiteral("export"), path, QStringLiteral("-o"), json}).exitCode, 0);

        const Actor kim = m_trust.actor(QStringLiteral("nurse.kim"));
        QVERIFY(sqlite(path, "UPDATE judgment SET value = 'no' WHERE id = 'cosmetic'"));
        QVERIFY(test::rewriteTrail(
            path,
            [](QList<AuditEntry>& trail) {
                for (AuditEntry& entry : trail)
                    if (entry.action == QLatin1String("judgment.record") &&
                        entry.target == QLatin1String("cosmetic"))
                        entry.newValue.replace(QStringLiteral("\"value\":\"yes\""),
                                               QStringLiteral("\"value\":\"no\""));
            },
            [&kim](const AuditEntry& entry) {
                return entry.actor == QLatin1String("nurse.kim") ? kim.key().get() : nullptr;
            }));
        {
            QString error;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
            QVERIFY(file);
            QVERIFY(file->data().answers.value(QStringLiteral("cosmetic")).value == AnswerValue::No);
        }
        expectVerify(path, 0, QStringLiteral("verified: ")); // what docs/security.md says no file can catch
        expectVerify(path, 1, QStringLiteral("it was cut short or rewritten"),
                     {QStringLiteral("--head-from"), json});
    }

    // attach A B on a disk that fills up at B: nothing is stored, the file keeps its bytes.
    void attachIsAllOrNothingOnAFullDisk()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("full-disk.rdcase"));
        QVERIFY(!path.isEmpty());
        const QString small = m_dir.filePath(QStringLiteral("small-records.pdf"));
        const QString large = m_dir.filePath(QStringLiteral("large-records.pdf"));
        test::writePdf(small, {QStringLiteral("Therapy notes"), QStringLiteral("Stable gait")});
        writeNoisePdf(large, 1000);
        QVERIFY2(QFileInfo(large).size() > 1024 * 1024, qPrintable(QString::number(QFileInfo(large).size())));
        const QByteArray before = test::sha256Hex(path);
        // Room for the small PDF, not for the large one: the file-size limit of the process (what a full
        // disk does to SQLite: a write that fails).
        const qint64 limit = QFileInfo(path).size() + QFileInfo(small).size() + 256 * 1024;

        QProcess process;
        process.setProcessEnvironment(m_trust.environment());
        process.setChildProcessModifier([limit] {
            ::signal(SIGXFSZ, SIG_IGN);
            const struct rlimit size = {rlim_t(limit), rlim_t(limit)};
            ::setrlimit(RLIMIT_FSIZE, &size);
        });
        process.start(QStringLiteral(REVIEWDESK_BIN_DIR "/reviewdesk-cli"),
                      {QStringLiteral("attach"), path, small, large, QStringLiteral("--user"),
                       QStringLiteral("nurse.kim"), QStringLiteral("--password-stdin")});
        QVERIFY(process.waitForStarted());
        process.write((kNursePassword + QLatin1Char('\n')).toUtf8());
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(120000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 2);
        QVERIFY2(err.contains(path) && err.count(QLatin1Char('\n')) == 1, qPrintable(err));
        QCOMPARE(test::sha256Hex(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
        expectVerify(path, 0, QStringLiteral("verified: "));
        // With room, both go in.
        const test::CliRun run =
            as(QStringLiteral("nurse.kim"), kNursePassword, {QStringLiteral("attach"), path, small, large});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("added 2 attachments")));
    }

    // A case open for writing whose file another program replaced (a copy renamed over it, or its bytes
    // overwritten in place): nothing is written through the old connection, and the message says so.
    void replacedCaseFileIsNotWritten()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("replaced.rdcase"));
        const QString other = newCase(QStringLiteral("denied"), QStringLiteral("replacement.rdcase"));
        const QString third = newCase(QStringLiteral("denied"), QStringLiteral("third.rdcase"));
        QVERIFY(!path.isEmpty() && !other.isEmpty() && !third.isEmpty());
        const Actor kim = m_trust.actor(QStringLiteral("nurse.kim"));
        const Answer answer{AnswerValue::Yes, {}, {}, {}}; // the case says "no"
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY(file && !file->isReadOnly());
        QCOMPARE(::rename(QFile::encodeName(other).constData(), QFile::encodeName(path).constData()), 0);
        const QByteArray replacement = test::sha256Hex(path);
        QVERIFY(!file->recordJudgment(QStringLiteral("cosmetic"), answer, kim, &error));
        QVERIFY2(error.contains(QStringLiteral("was replaced or removed by another program since it was "
                                               "opened: nothing was saved")),
                 qPrintable(error));
        QCOMPARE(test::sha256Hex(path), replacement);
        file.reset();

        file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY(file && !file->isReadOnly());
        QFile thirdFile(third);
        QVERIFY(thirdFile.open(QIODevice::ReadOnly));
        QVERIFY(test::writeFile(path, thirdFile.readAll())); // same inode, another case's bytes
        const QByteArray overwritten = test::sha256Hex(path);
        QVERIFY(!file->recordJudgment(QStringLiteral("cosmetic"), answer, kim, &error));
        QVERIFY2(error.contains(QStringLiteral("was written by another program since it was opened")),
                 qPrintable(error));
        file.reset();
        QCOMPARE(test::sha256Hex(path), overwritten);
    }

    // A case JSON with a key twice: QJsonDocument would keep one silently; new refuses it, naming the
    // file and the field on one line, and makes nothing.
    void caseJsonWithADuplicateKey()
    {
        QFile source(QStringLiteral(REVIEWDESK_TEST_DATA "/signoff-denied.json"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QByteArray json = source.readAll();
        const qsizetype at = json.indexOf("\"request\"");
        QVERIFY(at > 0);
        json.insert(at, "\"status\": \"new\", \"status\": \"denied\", ");
        const QString input = m_dir.filePath(QStringLiteral("duplicate.json"));
        QVERIFY(test::writeFile(input, json));
        const QString path = m_dir.filePath(QStringLiteral("duplicate.rdcase"));
        const test::CliRun run = as(QStringLiteral("nurse.lee"), kNursePassword,
                                    {QStringLiteral("new"), path, QStringLiteral("--from"), input});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(input + QStringLiteral(": status: appears twice in one object")),
                 qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestHardening)
#include "tst_hardening.moc"
