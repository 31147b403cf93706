// reviewdesk-cli evaluate, the real binary: exit codes, the decision JSON of the
// case-exchange.md sample, and one line on stderr naming the file and the field on bad input.
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using rd::test::CliRun;
using rd::test::runCli;

namespace {

QString data(const char* name)
{
    return QStringLiteral(REVIEWDESK_TEST_DATA "/") + QString::fromLatin1(name);
}

} // namespace

class TestEvaluate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleJson();
    void sampleText();
    void partialExpedited();
    void goldenDecision();
    void otherPolicyFile();
    void badInput();
    void badInput_data();
};

void TestEvaluate::sampleJson()
{
    const CliRun run =
        runCli({QStringLiteral("evaluate"), data("case-exchange-sample.json"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    QJsonParseError error;
    const QJsonObject decision = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(decision.keys().size(), 8); // case-exchange.md's seven, and the plan type's clock
    const QJsonObject clock = decision.value(QStringLiteral("clock")).toObject();
    QCOMPARE(clock.value(QStringLiteral("planType")).toString(), QStringLiteral("erisa-group"));
    QCOMPARE(clock.value(QStringLiteral("decisionDueBy")), decision.value(QStringLiteral("dueBy")));
    const QJsonObject policy = decision.value(QStringLiteral("policy")).toObject();
    QCOMPARE(policy.value(QStringLiteral("id")).toString(), QStringLiteral("motion-analysis-96000-96004"));
    QCOMPARE(policy.value(QStringLiteral("version")).toString(), QStringLiteral("2025-10-01"));
    QCOMPARE(decision.value(QStringLiteral("dueBy")).toString(), QStringLiteral("2026-11-27T14:05:00Z"));
    // The sample answers only three judgments: everything else is unknown, so every line pends.
    QCOMPARE(decision.value(QStringLiteral("overall")).toString(), QStringLiteral("pended"));
    QCOMPARE(decision.value(QStringLiteral("physicianReviewRequired")).toBool(true), false);
    const QJsonArray lines = decision.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 3);
    const char* codes[] = {"96000", "96002", "96004"};
    for (int i = 0; i < 3; ++i) {
        const QJsonObject line = lines.at(i).toObject();
        QCOMPARE(line.value(QStringLiteral("code")).toString(), QString::fromLatin1(codes[i]));
        QCOMPARE(line.value(QStringLiteral("decision")).toString(), QStringLiteral("pend"));
    }
    const QJsonArray missing = decision.value(QStringLiteral("missingInformation")).toArray();
    QVERIFY(missing.contains(QStringLiteral("emg-distinct")));
    QVERIFY(missing.contains(QStringLiteral("conservative-care")));
    QVERIFY(!missing.contains(QStringLiteral("indication")));
    QVERIFY(!missing.contains(QStringLiteral("cosmetic")));
    QVERIFY(!missing.contains(QStringLiteral("plantar-pressure")));
    QVERIFY(!missing.contains(QStringLiteral("repeat-justified")));
    QVERIFY(!missing.contains(QStringLiteral("age-appropriate")));
    // keys in the documented order
    const char* keys[] = {"\"policy\"",    "\"overall\"", "\"physicianReviewRequired\"",
                          "\"dueBy\"",     "\"lines\"",   "\"missingInformation\"",
                          "\"advisories\""};
    qsizetype last = -1;
    for (const char* key : keys) {
        QVERIFY2(run.out.indexOf(QLatin1String(key)) > last, key);
        last = run.out.indexOf(QLatin1String(key));
    }
}

void TestEvaluate::sampleText()
{
    const CliRun run = runCli({QStringLiteral("evaluate"), data("case-exchange-sample.json")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QLatin1String("Overall: pended")));
    QVERIFY(run.out.contains(QLatin1String("2026-11-27T14:05:00Z")));
    QVERIFY(!run.out.contains(QLatin1String("Jordan Rivera")));
}

void TestEvaluate::partialExpedited()
{
    const CliRun run =
        runCli({QStringLiteral("evaluate"), QStringLiteral("--json"), data("case-partial-expedited.json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject decision = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(decision.value(QStringLiteral("overall")).toString(), QStringLiteral("partial"));
    QCOMPARE(decision.value(QStringLiteral("physicianReviewRequired")).toBool(), true);
    QCOMPARE(decision.value(QStringLiteral("dueBy")).toString(), QStringLiteral("2026-11-23T14:05:00Z"));
    const QJsonArray lines = decision.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("decision")).toString(), QStringLiteral("approve"));
    const QJsonObject emg = lines.at(1).toObject();
    QCOMPARE(emg.value(QStringLiteral("decision")).toString(), QStringLiteral("deny"));
    QCOMPARE(emg.value(QStringLiteral("reasons"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString(),
             QStringLiteral("emg-distinct"));
    QCOMPARE(lines.at(2).toObject().value(QStringLiteral("decision")).toString(), QStringLiteral("approve"));
    QCOMPARE(decision.value(QStringLiteral("missingInformation")).toArray(), QJsonArray());
}

// The exact bytes of the decision JSON (key order, indentation, texts) for a complete case.
void TestEvaluate::goldenDecision()
{
    const CliRun run =
        runCli({QStringLiteral("evaluate"), data("case-partial-expedited.json"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QFile golden(data("case-partial-expedited.decision.json"));
    QVERIFY(golden.open(QIODevice::ReadOnly));
    QCOMPARE(run.out.toUtf8(), golden.readAll());
}

void TestEvaluate::otherPolicyFile()
{
    const CliRun run =
        runCli({QStringLiteral("evaluate"), data("case-test-policy.json"), QStringLiteral("--json"),
                QStringLiteral("--policy"), data("policies/test-policy-generic.json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject decision = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(decision.value(QStringLiteral("policy")).toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("test-generic-policy"));
    // path-b holds the any-of group; the fracture check is asked for A200 (S82.x with A100) and
    // unknown, so A200 pends and A100 keeps its approval (the pair rule needs A200 approved).
    const QJsonArray lines = decision.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("decision")).toString(), QStringLiteral("approve"));
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("decision")).toString(), QStringLiteral("pend"));
    QCOMPARE(decision.value(QStringLiteral("missingInformation")).toArray(),
             QJsonArray{QStringLiteral("fracture-check")});
}

void TestEvaluate::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected"); // the start of the one stderr line
    QTest::newRow("unknown code") << QStringList{QStringLiteral("evaluate"), data("case-unknown-code.json"),
                                                 QStringLiteral("--json")}
                                  << data("case-unknown-code.json") +
                                         QStringLiteral(": request.lines[1]: unknown code '97750'");
    QTest::newRow("not JSON") << QStringList{QStringLiteral("evaluate"),
                                             data("policies-broken/not-json.json")}
                              << data("policies-broken/not-json.json") + QStringLiteral(": offset ");
    QTest::newRow("missing file") << QStringList{QStringLiteral("evaluate"),
                                                 QStringLiteral("/nonexistent/case.json")}
                                  << QStringLiteral("/nonexistent/case.json: ");
    QTest::newRow("broken policy file")
        << QStringList{QStringLiteral("evaluate"), data("case-exchange-sample.json"),
                       QStringLiteral("--policy"), data("policies-broken/missing-wording.json")}
        << data("policies-broken/missing-wording.json") + QStringLiteral(": judgments[1].wording: missing");
    QTest::newRow("case for another policy")
        << QStringList{QStringLiteral("evaluate"), data("case-test-policy.json")}
        << data("case-test-policy.json") + QStringLiteral(": request.lines[0]: unknown code 'A100'");
    QTest::newRow("no CASE") << QStringList{QStringLiteral("evaluate")}
                             << QStringLiteral("reviewdesk-cli evaluate: missing CASE");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("evaluate"), QStringLiteral("--jsn"),
                                                   data("case-exchange-sample.json")}
                                    << QStringLiteral("reviewdesk-cli evaluate: unknown option '--jsn'");
    QTest::newRow("two cases") << QStringList{QStringLiteral("evaluate"), data("case-exchange-sample.json"),
                                              data("case-exchange-sample.json")}
                               << QStringLiteral("reviewdesk-cli evaluate: one CASE only");
}

void TestEvaluate::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    const QString& err = run.err;
    QVERIFY2(err.startsWith(expected), qPrintable(err));
    QVERIFY2(err.endsWith(QLatin1Char('\n')) && err.count(QLatin1Char('\n')) == 1, qPrintable(err));
}

QTEST_GUILESS_MAIN(TestEvaluate)
#include "tst_evaluate.moc"
