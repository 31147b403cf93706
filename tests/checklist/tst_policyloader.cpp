// PolicyLoader: the real policy loads and says what the contract files say; broken policy files
// in tests/data/policies-broken are refused with the file, the JSON path and what is wrong.
#include "checklist/Policy.h"
#include "checklist/PolicyLoader.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace rd;

class TestPolicyLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInPolicyLoads();
    void builtInPolicyMatchesReviewRules();
    void builtInPolicyMatchesReviewRules_data();
    void indicationTypes();
    void codeRulesAndGroup();
    void samplePatterns();
    void samplePatterns_data();
    void secondPolicyLoads();
    void brokenFilesAreRefused();
    void brokenFilesAreRefused_data();
    void everyBrokenFileIsInTheTable();
    void missingFile();
    void engineHoldsNoPolicyIds();

private:
    static Policy builtIn();
};

Policy TestPolicyLoader::builtIn()
{
    const Result<Policy> policy = PolicyLoader::loadBuiltIn();
    if (!policy)
        qFatal("built-in policy does not load: %s", qPrintable(policy.error().toString()));
    return *policy;
}

void TestPolicyLoader::builtInPolicyLoads()
{
    QCOMPARE(PolicyLoader::builtInFiles(),
             QStringList{QStringLiteral(":/policies/motion-analysis-96000-96004.json")});
    const Result<Policy> policy = PolicyLoader::loadBuiltIn();
    QVERIFY2(policy.ok(), qPrintable(policy ? QString() : policy.error().toString()));
    QCOMPARE(policy->id, QStringLiteral("motion-analysis-96000-96004"));
    QCOMPARE(policy->version, QStringLiteral("2025-10-01"));
    QCOMPARE(policy->effectiveDate, QDate(2025, 10, 1));
    QCOMPARE(policy->reviewSchedule, QStringLiteral("annual"));
    QCOMPARE(policy->codeList(), (QStringList{QStringLiteral("96000"), QStringLiteral("96001"),
                                              QStringLiteral("96002"), QStringLiteral("96004")}));
    QCOMPARE(policy->parameters.value(QStringLiteral("youngChildAgeYears")), 4);
    QVERIFY(PolicyLoader::loadBuiltIn(QStringLiteral("motion-analysis-96000-96004")).ok());
    QVERIFY(!PolicyLoader::loadBuiltIn(QStringLiteral("no-such-policy")).ok());
    for (const Judgment& judgment : policy->judgments) {
        QVERIFY2(!judgment.wording.isEmpty(), qPrintable(judgment.id));
        QVERIFY2(!judgment.failText.isEmpty(), qPrintable(judgment.id));
        QVERIFY2(!judgment.missingText.isEmpty(), qPrintable(judgment.id));
        // A member reads these: no CPT or ICD codes in them.
        static const QRegularExpression code(QStringLiteral("\\b9600[0-4]\\b|\\b[A-Z][0-9][0-9]\\.[0-9]"));
        QVERIFY2(!code.match(judgment.failText).hasMatch(), qPrintable(judgment.id));
        QVERIFY2(!code.match(judgment.missingText).hasMatch(), qPrintable(judgment.id));
    }
}

// review-rules.md "Judgments (stable ids)": id, kind, the lines it applies to.
void TestPolicyLoader::builtInPolicyMatchesReviewRules_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("condition");
    const QStringList all = {QStringLiteral("96000"), QStringLiteral("96001"), QStringLiteral("96002"),
                             QStringLiteral("96004")};
    const QString criterion = QStringLiteral("criterion");
    const QString exclusion = QStringLiteral("exclusion");
    QTest::newRow("indication") << criterion << all << QString();
    QTest::newRow("management-impact") << criterion << all << QString();
    QTest::newRow("conservative-care") << criterion << all << QString();
    QTest::newRow("conservative-care-exception") << criterion << all << QString();
    QTest::newRow("qualified-performance") << criterion << all << QString();
    QTest::newRow("emg-equipment") << criterion << QStringList{QStringLiteral("96002")} << QString();
    QTest::newRow("documentation-complete") << criterion << all << QString();
    QTest::newRow("plantar-pressure") << criterion << QStringList{QStringLiteral("96001")} << QString();
    QTest::newRow("emg-distinct") << criterion << QStringList{QStringLiteral("96002")}
                                  << QStringLiteral("code-requested");
    QTest::newRow("repeat-justified") << criterion << all << QStringLiteral("prior-study-given");
    QTest::newRow("age-appropriate") << criterion << all << QStringLiteral("member-younger-than");
    QTest::newRow("cosmetic") << exclusion << all << QString();
    QTest::newRow("screening") << exclusion << all << QString();
    QTest::newRow("research-only") << exclusion << all << QString();
    QTest::newRow("baseline-only") << exclusion << all << QString();
    QTest::newRow("observational-only")
        << exclusion << QStringList{QStringLiteral("96000"), QStringLiteral("96001"), QStringLiteral("96002")}
        << QString();
}

void TestPolicyLoader::builtInPolicyMatchesReviewRules()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, lines);
    QFETCH(QString, condition);
    const Policy policy = builtIn();
    const Judgment* judgment = policy.judgment(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(judgment);
    QCOMPARE(toString(judgment->kind), kind);
    QCOMPARE(judgment->lines, lines);
    if (condition.isEmpty()) {
        QVERIFY(judgment->askedWhen.isEmpty());
    } else {
        QCOMPARE(judgment->askedWhen.size(), 1);
        QCOMPARE(toString(judgment->askedWhen.first().kind), condition);
    }
}

void TestPolicyLoader::indicationTypes()
{
    const Policy policy = builtIn();
    QStringList ids;
    for (const JudgmentType& type : policy.judgment(QStringLiteral("indication"))->types)
        ids.append(type.id);
    QCOMPARE(ids, (QStringList{QStringLiteral("gait-abnormality"), QStringLiteral("neuromuscular-disease"),
                               QStringLiteral("preoperative-planning"), QStringLiteral("orthotic-prosthetic"),
                               QStringLiteral("persistent-impairment")}));
    QCOMPARE(policy.judgments.size(), 16);
    const Condition& young = policy.judgment(QStringLiteral("age-appropriate"))->askedWhen.first();
    QCOMPARE(young.years, 4);
    const Condition& emg = policy.judgment(QStringLiteral("emg-distinct"))->askedWhen.first();
    QCOMPARE(emg.codes, (QStringList{QStringLiteral("96000"), QStringLiteral("96001")}));
}

void TestPolicyLoader::codeRulesAndGroup()
{
    const Policy policy = builtIn();
    QCOMPARE(policy.codeRules.size(), 2);
    QCOMPARE(policy.codeRules.at(0).id, QStringLiteral("code-pair-96000-96001"));
    QCOMPARE(toString(policy.codeRules.at(0).kind), QStringLiteral("exclusive-pair"));
    QCOMPARE(policy.codeRules.at(0).codes, (QStringList{QStringLiteral("96000"), QStringLiteral("96001")}));
    QCOMPARE(policy.codeRules.at(1).id, QStringLiteral("professional-component-without-technical"));
    QCOMPARE(toString(policy.codeRules.at(1).kind), QStringLiteral("requires-approved-one-of"));
    QCOMPARE(policy.codeRules.at(1).code, QStringLiteral("96004"));
    QCOMPARE(policy.groups.size(), 1);
    QCOMPARE(policy.groups.first().members, (QStringList{QStringLiteral("conservative-care"),
                                                         QStringLiteral("conservative-care-exception")}));
}

void TestPolicyLoader::samplePatterns_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("sample");
    QTest::newRow("G80.0 range start") << "G80.0" << true;
    QTest::newRow("G80.1") << "G80.1" << true;
    QTest::newRow("G80.9 range end") << "G80.9" << true;
    QTest::newRow("G80 category alone") << "G80" << false;
    QTest::newRow("G81.0 outside") << "G81.0" << false;
    QTest::newRow("Q66.5") << "Q66.5" << true;
    QTest::newRow("Q66.51 subcode") << "Q66.51" << true;
    QTest::newRow("Q66.0 clubfoot is not in the printed list") << "Q66.0" << false;
    QTest::newRow("R26.89") << "R26.89" << true;
    QTest::newRow("R26.8 parent") << "R26.8" << false;
    QTest::newRow("R26.81 sibling") << "R26.81" << false;
    QTest::newRow("M21.61 via M21.6x") << "M21.61" << true;
    QTest::newRow("M21.6X1 via M21.6x") << "M21.6X1" << true;
    QTest::newRow("M21.6 needs the x") << "M21.6" << false;
    QTest::newRow("M21.7") << "M21.70" << false;
    QTest::newRow("Z96.6") << "Z96.6" << true;
    QTest::newRow("Z96.60") << "Z96.60" << true;
    QTest::newRow("Z96.5") << "Z96.5" << false;
    QTest::newRow("lower case g80.2") << "g80.2" << true;
    QTest::newRow("without dot G801") << "G801" << true;
}

void TestPolicyLoader::samplePatterns()
{
    QFETCH(QString, code);
    QFETCH(bool, sample);
    QCOMPARE(builtIn().isSampleDiagnosis(code), sample);
}

void TestPolicyLoader::secondPolicyLoads()
{
    const QString path = QStringLiteral(REVIEWDESK_TEST_DATA "/policies/test-policy-generic.json");
    const Result<Policy> policy = PolicyLoader::loadFile(path);
    QVERIFY2(policy.ok(), qPrintable(policy ? QString() : policy.error().toString()));
    QCOMPARE(policy->id, QStringLiteral("test-generic-policy"));
    QCOMPARE(policy->fileName, path);
    QCOMPARE(policy->judgments.size(), 6);
}

void TestPolicyLoader::brokenFilesAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    // row name = file name in tests/data/policies-broken
    QTest::newRow("not-json.json") << "offset "
                                   << "not JSON";
    QTest::newRow("not-object.json") << "(top level)"
                                     << "must be a JSON object";
    QTest::newRow("wrong-format.json") << "format"
                                       << "must be 'reviewdesk-policy'";
    QTest::newRow("format-version-2.json") << "formatVersion"
                                           << "not supported";
    QTest::newRow("missing-id.json") << "id"
                                     << "missing";
    QTest::newRow("bad-id.json") << "id"
                                 << "is not an id";
    QTest::newRow("missing-wording.json") << "judgments[1].wording"
                                          << "missing";
    QTest::newRow("empty-wording.json") << "judgments[1].wording"
                                        << "must not be empty";
    QTest::newRow("missing-fail-text.json") << "judgments[0].failText"
                                            << "missing";
    QTest::newRow("unknown-judgment-kind.json") << "judgments[2].kind"
                                                << "unknown judgment kind 'preference'";
    QTest::newRow("unknown-code-rule-kind.json") << "codeRules[0].kind"
                                                 << "unknown code rule kind 'mutually-exclusive'";
    QTest::newRow("unknown-condition-kind.json") << "judgments[3].askedWhen[0].kind"
                                                 << "unknown condition kind 'moon-phase'";
    QTest::newRow("unknown-group-kind.json") << "groups[0].kind"
                                             << "unknown group kind 'all-of'";
    QTest::newRow("unknown-advisory-kind.json") << "advisories[0].kind"
                                                << "unknown advisory kind 'gossip'";
    QTest::newRow("duplicate-judgment-id.json") << "judgments[2].id"
                                                << "duplicate id 'path-a'";
    QTest::newRow("duplicate-id-rule-and-judgment.json") << "codeRules[1].id"
                                                         << "duplicate id 'need'";
    QTest::newRow("duplicate-code.json") << "codes[2].code"
                                         << "duplicate code 'A100'";
    QTest::newRow("duplicate-type.json") << "judgments[0].types[1].id"
                                         << "duplicate type 'kind-one'";
    QTest::newRow("group-unknown-member.json") << "groups[0].members[1]"
                                               << "refers to judgment 'path-c', which does not exist";
    QTest::newRow("group-one-member.json") << "groups[0].members"
                                           << "at least two members";
    QTest::newRow("applies-to-unknown-code.json") << "judgments[5].appliesTo[1]"
                                                  << "refers to code 'B999'";
    QTest::newRow("applies-to-bad-string.json") << "judgments[5].appliesTo"
                                                << "must be \"all\" or a list of codes";
    QTest::newRow("rule-unknown-code.json") << "codeRules[1].codes[1]"
                                            << "refers to code 'Z999'";
    QTest::newRow("exclusive-pair-three-codes.json") << "codeRules[0].codes"
                                                     << "exactly two codes";
    QTest::newRow("requires-own-code.json") << "codeRules[1].codes"
                                            << "must not contain the rule's own code";
    QTest::newRow("requires-missing-pending-text.json") << "codeRules[1].pendingText"
                                                        << "missing";
    QTest::newRow("condition-unknown-parameter.json") << "judgments[3].askedWhen[0].parameter"
                                                      << "refers to parameter 'adultAge'";
    QTest::newRow("parameter-not-integer.json") << "parameters.childAgeYears"
                                                << "must be a whole number";
    QTest::newRow("wrong-type-title.json") << "title"
                                           << "must be a string, not a number";
    QTest::newRow("wrong-type-judgments.json") << "judgments"
                                               << "must be an array, not an object";
    QTest::newRow("wrong-type-codes-in-condition.json") << "judgments[4].askedWhen[1].codes"
                                                        << "must be an array, not a string";
    QTest::newRow("bad-pattern.json") << "judgments[4].askedWhen[0].patterns[0]"
                                      << "not a diagnosis pattern";
    QTest::newRow("bad-sample-pattern.json") << "diagnosisSamples.codes[0].pattern"
                                             << "not a diagnosis pattern";
    QTest::newRow("unknown-key.json") << "judgments[1].wordng"
                                      << "unknown key";
    QTest::newRow("bad-effective-date.json") << "effectiveDate"
                                             << "is not a date";
    QTest::newRow("types-on-exclusion.json") << "judgments[5].types"
                                             << "only a criterion can have types";
    QTest::newRow("no-judgments.json") << "judgments"
                                       << "at least one judgment";
    QTest::newRow("no-codes.json") << "codes"
                                   << "at least one code";
}

void TestPolicyLoader::brokenFilesAreRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    const QString file = QStringLiteral(REVIEWDESK_TEST_DATA "/policies-broken/") +
                         QString::fromLatin1(QTest::currentDataTag());
    const Result<Policy> policy = PolicyLoader::loadFile(file);
    QVERIFY(!policy.ok());
    const Error& error = policy.error();
    QCOMPARE(error.file, file);
    const QString line = error.toString();
    QVERIFY2(line.startsWith(file + QStringLiteral(": ") + path), qPrintable(line));
    QVERIFY2(line.contains(message), qPrintable(line));
    QVERIFY(!line.contains(QLatin1Char('\n')));
}

void TestPolicyLoader::everyBrokenFileIsInTheTable()
{
    // Each file of policies-broken must be refused (a file that loads would be a broken test).
    QDirIterator it(QStringLiteral(REVIEWDESK_TEST_DATA "/policies-broken"), {QStringLiteral("*.json")});
    int count = 0;
    while (it.hasNext()) {
        const QString file = it.next();
        QVERIFY2(!PolicyLoader::loadFile(file).ok(), qPrintable(file));
        ++count;
    }
    QCOMPARE(count, 38);
}

void TestPolicyLoader::missingFile()
{
    const Result<Policy> policy = PolicyLoader::loadFile(QStringLiteral("/nonexistent/policy.json"));
    QVERIFY(!policy.ok());
    QVERIFY(policy.error().toString().startsWith(QStringLiteral("/nonexistent/policy.json: ")));
}

void TestPolicyLoader::engineHoldsNoPolicyIds()
{
    // The C++ of checklist/ knows rule kinds only: none of the policy's ids or codes appear in its
    // code (comments aside).
    const Policy policy = builtIn();
    QStringList needles = policy.judgmentIds() + policy.codeList();
    for (const CodeRule& rule : policy.codeRules)
        needles.append(rule.id);
    for (const JudgmentGroup& group : policy.groups)
        needles.append(group.id);
    needles.append(policy.id);
    needles.append(QStringLiteral("youngChildAgeYears"));
    QDirIterator it(QStringLiteral(REVIEWDESK_SOURCE_DIR "/checklist"),
                    {QStringLiteral("*.cpp"), QStringLiteral("*.h")});
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(file.readAll());
        text.remove(
            QRegularExpression(QStringLiteral("//[^\n]*"))); // comments may explain, code may not know
        for (const QString& needle : std::as_const(needles)) {
            const QRegularExpression word(QStringLiteral("[\"'\\s(]") + QRegularExpression::escape(needle) +
                                          QStringLiteral("[\"'\\s),.]"));
            QVERIFY2(!word.match(text).hasMatch(), qPrintable(path + QStringLiteral(" mentions ") + needle));
        }
        ++files;
    }
    QVERIFY(files >= 10);
}

QTEST_GUILESS_MAIN(TestPolicyLoader)
#include "tst_policyloader.moc"
