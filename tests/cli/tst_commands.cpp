// reviewdesk-cli as a user runs it: the real binary on real files, exit codes and messages.
#include "TestSupport.h"
#include "TrustFixture.h"
#include "model/casefile/CaseFile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace rd;

using test::sha256Hex;
using test::writePdf;

namespace {

const QString kPassword = QStringLiteral("nurse password 1");
test::TrustFixture g_trust;

// Commands that write act as a person: nurse.kim unless the test names another, password on stdin.
test::CliRun cli(const QStringList& args)
{
    QStringList all = args;
    const bool writes =
        QStringList{QStringLiteral("new"), QStringLiteral("attach"), QStringLiteral("answer")}.contains(
            args.value(0)) &&
        !args.contains(QStringLiteral("--help"));
    if (writes) {
        if (!all.contains(QStringLiteral("--user")))
            all << QStringLiteral("--user") << QStringLiteral("nurse.kim");
        all << QStringLiteral("--password-stdin");
    }
    return test::runCli(all, writes ? kPassword + QLatin1Char('\n') : QString(), g_trust.environment());
}

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_sample = QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json");
    QString m_notePdf;
    QString m_therapyPdf;

    QString newCase(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        const test::CliRun run =
            cli({QStringLiteral("new"), path, QStringLiteral("--from"), m_sample, QStringLiteral("--attach"),
                 m_notePdf, QStringLiteral("--attach"), m_therapyPdf});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return run.exitCode == 0 ? path : QString();
    }

    // A decision's JSON without the times of its information request (they follow the clock); the rest
    // of the request (whether it is tolled) stays.
    static QJsonObject withoutRequestTimes(const QString& decisionJson)
    {
        QJsonObject decision = QJsonDocument::fromJson(decisionJson.toUtf8()).object();
        QJsonObject clock = decision.value(QStringLiteral("clock")).toObject();
        QJsonObject request = clock.value(QStringLiteral("informationRequest")).toObject();
        for (const char* time : {"requestedAt", "respondBy", "decisionDueBy", "decisionHoursAfterAnswer"})
            request.remove(QLatin1String(time));
        if (clock.contains(QStringLiteral("informationRequest")))
            clock.insert(QStringLiteral("informationRequest"), request);
        decision.insert(QStringLiteral("clock"), clock);
        return decision;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(g_trust.setUp(m_dir.filePath(QStringLiteral("org")),
                               {{QStringLiteral("nurse.kim"), QStringLiteral("Kim Alvarez"),
                                 QStringLiteral("RN"), UserRole::Reviewer, kPassword}},
                               &error),
                 qPrintable(error));
        m_notePdf = m_dir.filePath(QStringLiteral("clinic-note.pdf"));
        m_therapyPdf = m_dir.filePath(QStringLiteral("pt-notes.pdf"));
        writePdf(m_notePdf,
                 {QStringLiteral("Clinic note, page 1"), QStringLiteral("Gait: crouch gait, toe walking")});
        writePdf(m_therapyPdf, {QStringLiteral("Physical therapy, 12 sessions")});
    }

    void helpAndVersion()
    {
        QCOMPARE(cli({QStringLiteral("--version")}).exitCode, 0);
        const test::CliRun help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char* command : {"evaluate", "new", "export", "answer", "verify"})
            QVERIFY(help.out.contains(QLatin1String(command)));
        QCOMPARE(cli({QStringLiteral("answer"), QStringLiteral("--help")}).exitCode, 0);
        const test::CliRun unknown = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("frobnicate")));
        QCOMPARE(cli({}).exitCode, 2);
    }

    void jsonToCaseFileToJsonRoundTrip()
    {
        const QString path = newCase(QStringLiteral("roundtrip.rdcase"));
        QVERIFY(!path.isEmpty());
        const test::CliRun exported = cli({QStringLiteral("export"), path});
        QCOMPARE(exported.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(exported.out.toUtf8()).object();
        QFile input(m_sample);
        QVERIFY(input.open(QIODevice::ReadOnly));
        const QJsonObject original = QJsonDocument::fromJson(input.readAll()).object();
        QCOMPARE(json.value(QStringLiteral("answers")), original.value(QStringLiteral("answers")));
        QCOMPARE(json.value(QStringLiteral("member")), original.value(QStringLiteral("member")));
        QCOMPARE(json.value(QStringLiteral("provider")), original.value(QStringLiteral("provider")));
        QCOMPARE(json.value(QStringLiteral("request")), original.value(QStringLiteral("request")));
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("in-review"));
        const QJsonArray attachments = json.value(QStringLiteral("attachments")).toArray();
        QCOMPARE(attachments.size(), 2);
        QCOMPARE(attachments.at(0)[QStringLiteral("fileName")].toString(), QStringLiteral("clinic-note.pdf"));
        QCOMPARE(attachments.at(0)[QStringLiteral("sha256")].toString().toLatin1(), sha256Hex(m_notePdf));
        QCOMPARE(attachments.at(1)[QStringLiteral("sha256")].toString().toLatin1(), sha256Hex(m_therapyPdf));
        QCOMPARE(attachments.at(0)[QStringLiteral("pageCount")].toInt(), 2);

        // The exported JSON makes an equal case again.
        const QString again = m_dir.filePath(QStringLiteral("again.json"));
        QFile out(again);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(exported.out.toUtf8());
        out.close();
        const QString second = m_dir.filePath(QStringLiteral("second.rdcase"));
        QCOMPARE(cli({QStringLiteral("new"), second, QStringLiteral("--from"), again}).exitCode, 0);
        const QJsonObject secondJson =
            QJsonDocument::fromJson(cli({QStringLiteral("export"), second}).out.toUtf8()).object();
        QCOMPARE(secondJson.value(QStringLiteral("answers")), json.value(QStringLiteral("answers")));
        QCOMPARE(secondJson.value(QStringLiteral("request")), json.value(QStringLiteral("request")));

        // The case file and its JSON give the same decision. A pended decision's information request is
        // timed from "now", which moves on between the two runs (a second boundary crossed on a slow
        // machine): compared apart, without its times.
        const test::CliRun fromFile = cli({QStringLiteral("evaluate"), path, QStringLiteral("--json")});
        const test::CliRun fromJson = cli({QStringLiteral("evaluate"), m_sample, QStringLiteral("--json")});
        QCOMPARE(fromFile.exitCode, 0);
        QCOMPARE(fromJson.exitCode, 0);
        QVERIFY(!withoutRequestTimes(fromFile.out).value(QStringLiteral("lines")).toArray().isEmpty());
        QCOMPARE(withoutRequestTimes(fromFile.out), withoutRequestTimes(fromJson.out));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void newRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("attachment not a PDF")
            << QStringList{QStringLiteral("--attach"),
                           QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json")}
            << "refused as an attachment";
        QTest::newRow("attachment missing")
            << QStringList{QStringLiteral("--attach"), QStringLiteral("/nonexistent/x.pdf")} << "x.pdf";
        QTest::newRow("no --from") << QStringList{} << "--from";
    }

    void newRefusesBadInput()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("refused.rdcase"));
        QStringList args{QStringLiteral("new"), path};
        if (QString::fromLatin1(QTest::currentDataTag()) != QLatin1String("no --from"))
            args << QStringLiteral("--from") << m_sample;
        const test::CliRun run = cli(args + extra);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY(!QFile::exists(path));
    }

    void newRefusesBadJsonAndNeverReplaces()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
        QVERIFY(test::writeFile(bad, "{\"member\": "));
        const QString path = m_dir.filePath(QStringLiteral("badjson.rdcase"));
        test::CliRun run = cli({QStringLiteral("new"), path, QStringLiteral("--from"), bad});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(bad), qPrintable(run.err));
        QVERIFY(!QFile::exists(path));

        const QString existing = newCase(QStringLiteral("existing.rdcase"));
        const QByteArray before = sha256Hex(existing);
        run = cli({QStringLiteral("new"), existing, QStringLiteral("--from"), m_sample});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("exists already")));
        QCOMPARE(sha256Hex(existing), before);
    }

    void attachAddsRecordsAndRefusesBadOnesUnchanged()
    {
        // A case made with the clinic note; the therapy notes come later (after a request for
        // information).
        const QString path = m_dir.filePath(QStringLiteral("attach.rdcase"));
        QCOMPARE(cli({QStringLiteral("new"), path, QStringLiteral("--from"), m_sample,
                      QStringLiteral("--attach"), m_notePdf})
                     .exitCode,
                 0);
        const test::CliRun added = cli({QStringLiteral("attach"), path, m_therapyPdf});
        QCOMPARE(added.exitCode, 0);
        QVERIFY2(added.out.contains(QStringLiteral("added 1 attachments")), qPrintable(added.out));
        QString error;
        {
            const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
            QVERIFY2(file, qPrintable(error));
            QCOMPARE(file->attachments().size(), 2);
            QCOMPARE(file->attachment(QStringLiteral("pt-notes.pdf"))->pageCount, 1);
        }
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0); // audited, chain intact

        // Refused, the case file unchanged: a name the case holds, a file that is not a PDF (even
        // with a good one before it), no PDF at all.
        const QString broken = m_dir.filePath(QStringLiteral("broken-scan.pdf"));
        QVERIFY(test::writeFile(broken, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"));
        const QString other = m_dir.filePath(QStringLiteral("other.pdf"));
        writePdf(other, {QStringLiteral("Another record")});
        const QByteArray before = sha256Hex(path);
        const test::CliRun same = cli({QStringLiteral("attach"), path, m_notePdf});
        QCOMPARE(same.exitCode, 2);
        QVERIFY2(same.err.contains(QStringLiteral("same file name clinic-note.pdf")), qPrintable(same.err));
        const test::CliRun bad = cli({QStringLiteral("attach"), path, other, broken});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("broken-scan.pdf: refused as an attachment")),
                 qPrintable(bad.err));
        QCOMPARE(cli({QStringLiteral("attach"), path}).exitCode, 2);
        QCOMPARE(sha256Hex(path), before);
    }

    void answerRecordsLikeTheApp()
    {
        const QString path = newCase(QStringLiteral("answer.rdcase"));
        const test::CliRun run =
            cli({QStringLiteral("answer"), path, QStringLiteral("--id"), QStringLiteral("indication"),
                 QStringLiteral("--value"), QStringLiteral("met"), QStringLiteral("--type"),
                 QStringLiteral("gait-abnormality"), QStringLiteral("--note"), QStringLiteral("crouch"),
                 QStringLiteral("--evidence"), QStringLiteral("clinic-note.pdf:2:crouch gait: severe"),
                 QStringLiteral("--user"), QStringLiteral("nurse.kim")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const Answer answer = file->data().answers.value(QStringLiteral("indication"));
        QCOMPARE(toString(answer.value), toString(AnswerValue::Met));
        QCOMPARE(answer.types, QStringList{QStringLiteral("gait-abnormality")});
        QCOMPARE(answer.evidence.size(), 1);
        QCOMPARE(answer.evidence.first().page, 2);
        QCOMPARE(answer.evidence.first().quote, QStringLiteral("crouch gait: severe"));
        const AuditEntry last = file->auditTrail().last();
        QCOMPARE(last.action, QStringLiteral("judgment.record"));
        QCOMPARE(last.target, QStringLiteral("indication"));
        QCOMPARE(last.actor, QStringLiteral("nurse.kim"));
        QVERIFY(file->verify().ok());
    }

    void answerRefusesBadInputUnchanged_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QByteArray>("citations"); // the --evidence-file, when not empty
        QTest::newRow("bad value") << QStringList{QStringLiteral("--id"), QStringLiteral("cosmetic"),
                                                  QStringLiteral("--value"), QStringLiteral("met")}
                                   << "answers.cosmetic" << QByteArray();
        QTest::newRow("not an answer") << QStringList{QStringLiteral("--id"), QStringLiteral("cosmetic"),
                                                      QStringLiteral("--value"), QStringLiteral("maybe")}
                                       << "--value: 'maybe' is not an answer" << QByteArray();
        QTest::newRow("unknown id") << QStringList{QStringLiteral("--id"), QStringLiteral("astrology"),
                                                   QStringLiteral("--value"), QStringLiteral("met")}
                                    << "astrology" << QByteArray();
        QTest::newRow("met without type") << QStringList{QStringLiteral("--id"), QStringLiteral("indication"),
                                                         QStringLiteral("--value"), QStringLiteral("met")}
                                          << "indication" << QByteArray();
        QTest::newRow("evidence, no such attachment")
            << QStringList{QStringLiteral("--id"),       QStringLiteral("cosmetic"),
                           QStringLiteral("--value"),    QStringLiteral("no"),
                           QStringLiteral("--evidence"), QStringLiteral("crouch gait:1")}
            << "--evidence #1: names no attachment of the case (it has: " << QByteArray();
        QTest::newRow("evidence, page past the end")
            << QStringList{QStringLiteral("--id"),       QStringLiteral("cosmetic"),
                           QStringLiteral("--value"),    QStringLiteral("no"),
                           QStringLiteral("--evidence"), QStringLiteral("pt-notes.pdf:9:crouch gait")}
            << "has 1 pages" << QByteArray();
        QTest::newRow("no value") << QStringList{QStringLiteral("--id"), QStringLiteral("cosmetic")}
                                  << "--value" << QByteArray();
        // A bad line of --evidence-file: the file and its line, never the quote.
        const QStringList cosmetic{QStringLiteral("--id"), QStringLiteral("cosmetic"),
                                   QStringLiteral("--value"), QStringLiteral("no")};
        QTest::newRow("evidence file, no page")
            << cosmetic << "bad-citations.txt:2: --evidence-file: expected FILE:PAGE[:QUOTE]"
            << QByteArray("clinic-note.pdf:1:gait\nclinic-note.pdf crouch gait\n");
        QTest::newRow("evidence file, page 0")
            << cosmetic
            << "bad-citations.txt:3: --evidence-file: expected FILE:PAGE[:QUOTE] with a page number from 1"
            << QByteArray("\n\nclinic-note.pdf:0:crouch gait\n");
        QTest::newRow("evidence file, no such attachment")
            << cosmetic << "bad-citations.txt:1: --evidence-file: names no attachment of the case"
            << QByteArray("crouch gait:1:both feet\n");
        QTest::newRow("evidence file, page past the end")
            << cosmetic << "bad-citations.txt:2: --evidence-file: pt-notes.pdf has 1 pages"
            << QByteArray("clinic-note.pdf:2:gait\npt-notes.pdf:9:crouch gait\n");
        QTest::newRow("evidence file, quote too long")
            << cosmetic << "bad-citations.txt:1: --evidence-file: the quote is over 20000 characters"
            << QByteArray("clinic-note.pdf:1:crouch gait") + QByteArray(20000, 'x');
        QTest::newRow("evidence file, not text")
            << cosmetic << "bad-citations.txt: --evidence-file: not UTF-8 text"
            << QByteArray("clinic-note.pdf:1:crouch gait\0", 31);
    }

    void answerRefusesBadInputUnchanged()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QFETCH(QByteArray, citations);
        const QString path = m_dir.filePath(QStringLiteral("refuse-answer.rdcase"));
        if (!QFile::exists(path))
            QCOMPARE(newCase(QStringLiteral("refuse-answer.rdcase")), path);
        if (!citations.isEmpty()) {
            const QString file = m_dir.filePath(QStringLiteral("bad-citations.txt"));
            QVERIFY(test::writeFile(file, citations));
            args << QStringLiteral("--evidence-file") << file;
        }
        const QByteArray before = sha256Hex(path);
        const test::CliRun run = cli(QStringList{QStringLiteral("answer"), path} + args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(!run.err.contains(QStringLiteral("crouch gait")), qPrintable(run.err)); // no quote on stderr
        QCOMPARE(sha256Hex(path), before);
    }

    // Quotes are member data: they come from a file, one citation a line, never from the command line.
    void answerTakesEvidenceFromAFile()
    {
        const QString path = newCase(QStringLiteral("evidence-file.rdcase"));
        const QString citations = m_dir.filePath(QStringLiteral("citations.txt"));
        QVERIFY(test::writeFile(citations, "clinic-note.pdf:2:crouch gait: severe\r\n"
                                           "\n"
                                           "pt-notes.pdf:1\n"
                                           "clinic-note.pdf:1:toe walking, both feet\n"));
        const test::CliRun run =
            cli({QStringLiteral("answer"), path, QStringLiteral("--id"), QStringLiteral("indication"),
                 QStringLiteral("--value"), QStringLiteral("met"), QStringLiteral("--type"),
                 QStringLiteral("gait-abnormality"), QStringLiteral("--evidence-file"), citations});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const QList<Evidence> evidence = file->data().answers.value(QStringLiteral("indication")).evidence;
        QCOMPARE(evidence.size(), 3);
        QCOMPARE(evidence.at(0).attachment, QStringLiteral("clinic-note.pdf"));
        QCOMPARE(evidence.at(0).page, 2);
        QCOMPARE(evidence.at(0).quote, QStringLiteral("crouch gait: severe"));
        QCOMPARE(evidence.at(1).attachment, QStringLiteral("pt-notes.pdf"));
        QCOMPARE(evidence.at(1).quote, QString());
        QCOMPARE(evidence.at(2).quote, QStringLiteral("toe walking, both feet"));
        QVERIFY(file->verify().ok());
    }

    void verifyReportsProblems()
    {
        const QString path = newCase(QStringLiteral("verify.rdcase"));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
        sqlite3* db = nullptr;
        sqlite3_open(QFile::encodeName(path).constData(), &db);
        sqlite3_exec(db, "UPDATE judgment SET note = 'changed' WHERE id = 'indication'", nullptr, nullptr,
                     nullptr);
        sqlite3_close(db);
        const test::CliRun run = cli({QStringLiteral("verify"), path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("judgment indication")), qPrintable(run.out));

        const QString foreign = m_dir.filePath(QStringLiteral("foreign.rdcase"));
        QFile::copy(m_notePdf, foreign);
        const test::CliRun refused = cli({QStringLiteral("verify"), foreign});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.out.contains(QStringLiteral("not a ReviewDesk case file")));
        QCOMPARE(cli({QStringLiteral("verify"), m_dir.filePath(QStringLiteral("missing.rdcase"))}).exitCode,
                 2);
    }
};

QTEST_MAIN(TestCommands)
#include "tst_commands.moc"
