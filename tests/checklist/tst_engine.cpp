// Engine: one table row per rule of review-rules.md (row name = the rule), on the real policy;
// due times; advisories; the decision JSON; and a second, made-up policy the engine must handle
// without knowing any of the first one's ids.
#include "TestCases.h"
#include "checklist/CaseJson.h"
#include "checklist/Engine.h"
#include "checklist/PolicyLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace rd;

namespace {

Policy loadOrDie(const Result<Policy>& policy)
{
    if (!policy)
        qFatal("policy does not load: %s", qPrintable(policy.error().toString()));
    return *policy;
}

// A case where every judgment of the policy is answered in the line's favour: criteria met (with
// the first type when the judgment has types), exclusions "no".
CaseData favourableCase(const Policy& policy, const QStringList& lines)
{
    CaseData data;
    data.member.id = QStringLiteral("M1");
    data.member.name = QStringLiteral("Test Member");
    data.member.birthDate = QDate(2016, 4, 2);
    data.request.receivedAt = QDateTime(QDate(2026, 11, 20), QTime(14, 5), Qt::UTC);
    data.request.urgency = Urgency::Standard;
    data.request.serviceDate = QDate(2026, 12, 15);
    data.request.lines = lines;
    data.request.diagnoses = {QStringLiteral("G80.1")};
    test::answerFavourably(data, policy);
    return data;
}

// Changes written as words: "id=value" sets an answer, "-id" removes it (unknown),
// "prior=DATE", "birth=DATE", "service=DATE", "dx=A,B" (empty for none).
void apply(CaseData& data, const QString& changes)
{
    for (const QString& change : changes.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (change.startsWith(QLatin1Char('-'))) {
            data.answers.remove(change.mid(1));
            continue;
        }
        const QString name = change.section(QLatin1Char('='), 0, 0);
        const QString value = change.section(QLatin1Char('='), 1);
        if (name == QLatin1String("prior"))
            data.request.priorStudyDate = QDate::fromString(value, Qt::ISODate);
        else if (name == QLatin1String("birth"))
            data.member.birthDate = QDate::fromString(value, Qt::ISODate);
        else if (name == QLatin1String("service"))
            data.request.serviceDate = QDate::fromString(value, Qt::ISODate);
        else if (name == QLatin1String("dx"))
            data.request.diagnoses = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        else
            data.answers[name].value = answerValueFromString(value).value();
    }
}

// "96000:approve 96002:deny(emg-distinct) | partial md missing=a,b"
QString summary(const Decision& decision)
{
    QStringList parts;
    for (const LineDecision& line : decision.lines) {
        QString part = line.code + QLatin1Char(':') + toString(line.decision);
        QStringList ids;
        for (const Reason& reason : line.reasons)
            ids.append(reason.id);
        if (!ids.isEmpty())
            part += QLatin1Char('(') + ids.join(QLatin1Char(',')) + QLatin1Char(')');
        parts.append(part);
    }
    QString text = parts.join(QLatin1Char(' ')) + QStringLiteral(" | ") + toString(decision.overall);
    if (decision.physicianReviewRequired)
        text += QStringLiteral(" md");
    if (!decision.missingInformation.isEmpty())
        text += QStringLiteral(" missing=") + decision.missingInformation.join(QLatin1Char(','));
    return text;
}

QStringList codes(const QString& text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rules();
    void rules_data();
    void applicableJudgments();
    void applicableJudgments_data();
    void dueBy();
    void dueBy_data();
    void advisories();
    void advisories_data();
    void reasonsCarryThePolicySentences();
    void deterministic();
    void decisionJsonKeyOrder();
    void decisionJsonMatchesObject();
    void decisionText();
    void secondPolicy();
    void secondPolicy_data();

private:
    Policy m_policy;
};

void TestEngine::initTestCase()
{
    m_policy = loadOrDie(PolicyLoader::loadBuiltIn());
}

void TestEngine::rules_data()
{
    QTest::addColumn<QString>("lines");
    QTest::addColumn<QString>("changes");
    QTest::addColumn<QString>("expected");

    // Deciding each line
    QTest::newRow("approve: every applicable judgment favourable")
        << "96000 96002 96004"
        << ""
        << "96000:approve 96002:approve 96004:approve | approved";
    QTest::newRow("deny: a criterion not-met is a reason")
        << "96000 96002 96004"
        << "management-impact=not-met"
        << "96000:deny(management-impact) 96002:deny(management-impact) "
           "96004:deny(management-impact,professional-component-without-technical) | denied md";
    QTest::newRow("deny: an exclusion yes is a reason") << "96000"
                                                        << "cosmetic=yes"
                                                        << "96000:deny(cosmetic) | denied md";
    QTest::newRow("deny: every failing id is a reason, in policy order")
        << "96000"
        << "screening=yes management-impact=not-met indication=not-met"
        << "96000:deny(indication,management-impact,screening) | denied md";
    QTest::newRow("deny: wins over unknown, unknowns are not reasons then")
        << "96000"
        << "-qualified-performance management-impact=not-met"
        << "96000:deny(management-impact) | denied md";
    QTest::newRow("pend: a missing criterion answer is unknown")
        << "96000"
        << "-documentation-complete"
        << "96000:pend(documentation-complete) | pended missing=documentation-complete";
    QTest::newRow("pend: an explicit unknown value")
        << "96000"
        << "documentation-complete=unknown"
        << "96000:pend(documentation-complete) | pended missing=documentation-complete";
    QTest::newRow("pend: an unknown exclusion") << "96000"
                                                << "-screening"
                                                << "96000:pend(screening) | pended missing=screening";
    QTest::newRow("pend: every unknown id is a reason and missing, policy order, no duplicates")
        << "96000 96002"
        << "-screening -indication"
        << "96000:pend(indication,screening) 96002:pend(indication,screening) | pended "
           "missing=indication,screening";
    QTest::newRow("pend: no answers at all")
        << "96001"
        << "-indication -management-impact -conservative-care -conservative-care-exception "
           "-qualified-performance -documentation-complete -plantar-pressure -cosmetic -screening "
           "-research-only -baseline-only -observational-only"
        << "96001:pend(indication,management-impact,conservative-care,conservative-care-exception,"
           "qualified-performance,documentation-complete,plantar-pressure,cosmetic,screening,research-only,"
           "baseline-only,observational-only) | pended "
           "missing=indication,management-impact,conservative-care,"
           "conservative-care-exception,qualified-performance,documentation-complete,plantar-pressure,"
           "cosmetic,"
           "screening,research-only,baseline-only,observational-only";

    // Criterion 3 counts as one
    QTest::newRow("criterion 3: conservative care met, exception not-met -> holds")
        << "96000"
        << "conservative-care=met conservative-care-exception=not-met"
        << "96000:approve | approved";
    QTest::newRow("criterion 3: conservative care not-met, exception met -> holds")
        << "96000"
        << "conservative-care=not-met conservative-care-exception=met"
        << "96000:approve | approved";
    QTest::newRow("criterion 3: conservative care unknown, exception met -> holds")
        << "96000"
        << "-conservative-care conservative-care-exception=met"
        << "96000:approve | approved";
    QTest::newRow("criterion 3: both not-met -> not met, both ids are reasons")
        << "96000"
        << "conservative-care=not-met conservative-care-exception=not-met"
        << "96000:deny(conservative-care,conservative-care-exception) | denied md";
    QTest::newRow("criterion 3: not-met and unknown -> unknown, the unknown id is the reason")
        << "96000"
        << "conservative-care=not-met -conservative-care-exception"
        << "96000:pend(conservative-care-exception) | pended missing=conservative-care-exception";
    QTest::newRow("criterion 3: both unknown -> unknown, both missing")
        << "96000"
        << "-conservative-care conservative-care-exception=unknown"
        << "96000:pend(conservative-care,conservative-care-exception) | pended "
           "missing=conservative-care,conservative-care-exception";

    // Judgments for some lines only
    QTest::newRow("emg-equipment: applies to 96002 only")
        << "96000 96002"
        << "emg-equipment=not-met"
        << "96000:approve 96002:deny(emg-equipment) | partial md";
    QTest::newRow("emg-equipment: ignored without 96002") << "96000"
                                                          << "emg-equipment=not-met"
                                                          << "96000:approve | approved";
    QTest::newRow("plantar-pressure: applies to 96001") << "96001"
                                                        << "plantar-pressure=not-met"
                                                        << "96001:deny(plantar-pressure) | denied md";
    QTest::newRow("plantar-pressure: ignored for 96000 and 96002")
        << "96000 96002"
        << "plantar-pressure=not-met"
        << "96000:approve 96002:approve | approved";
    QTest::newRow("emg-distinct: asked for 96002 with 96000")
        << "96000 96002"
        << "emg-distinct=not-met"
        << "96000:approve 96002:deny(emg-distinct) | partial md";
    QTest::newRow("emg-distinct: asked for 96002 with 96001")
        << "96001 96002"
        << "-emg-distinct"
        << "96001:approve 96002:pend(emg-distinct) | pended missing=emg-distinct";
    QTest::newRow("emg-distinct: not asked for 96002 alone") << "96002"
                                                             << "emg-distinct=not-met"
                                                             << "96002:approve | approved";
    QTest::newRow("emg-distinct: not asked for 96002 with only 96004")
        << "96002 96004"
        << "-emg-distinct"
        << "96002:approve 96004:approve | approved";
    QTest::newRow("observational-only: applies to 96000, 96001, 96002 but not 96004")
        << "96002 96004"
        << "observational-only=yes"
        << "96002:deny(observational-only) 96004:deny(professional-component-without-technical) | denied md";
    QTest::newRow("observational-only: unknown does not hold 96004 by itself")
        << "96000 96004"
        << "-observational-only"
        << "96000:pend(observational-only) 96004:pend(professional-component-without-technical) | pended "
           "missing=observational-only";

    // Conditions on the request
    QTest::newRow("repeat-justified: not asked without a prior study date") << "96000"
                                                                            << "repeat-justified=not-met"
                                                                            << "96000:approve | approved";
    QTest::newRow("repeat-justified: asked with a prior study date, not-met denies every line")
        << "96000 96004"
        << "prior=2025-06-01 repeat-justified=not-met"
        << "96000:deny(repeat-justified) "
           "96004:deny(repeat-justified,professional-component-without-technical) | denied md";
    QTest::newRow("repeat-justified: asked with a prior study date, unknown pends")
        << "96000"
        << "prior=2025-06-01 -repeat-justified"
        << "96000:pend(repeat-justified) | pended missing=repeat-justified";
    QTest::newRow("repeat-justified: asked with a prior study date, met approves")
        << "96000"
        << "prior=2025-06-01"
        << "96000:approve | approved";
    QTest::newRow("age-appropriate: not asked at 10 years") << "96000"
                                                            << "age-appropriate=not-met"
                                                            << "96000:approve | approved";
    QTest::newRow("young child: fourth birthday a day after the service date -> asked")
        << "96000"
        << "birth=2022-12-16 service=2026-12-15 age-appropriate=not-met"
        << "96000:deny(age-appropriate) | denied md";
    QTest::newRow("young child: fourth birthday on the service date -> not asked")
        << "96000"
        << "birth=2022-12-15 service=2026-12-15 age-appropriate=not-met"
        << "96000:approve | approved";
    QTest::newRow("young child: fourth birthday a day before the service date -> not asked")
        << "96000"
        << "birth=2022-12-14 service=2026-12-15 age-appropriate=not-met"
        << "96000:approve | approved";
    QTest::newRow("young child: asked and unknown pends")
        << "96000"
        << "birth=2024-01-01 -age-appropriate"
        << "96000:pend(age-appropriate) | pended missing=age-appropriate";
    QTest::newRow("young child: born 29 Feb, day before the fourth birthday -> asked")
        << "96000"
        << "birth=2020-02-29 service=2024-02-28 age-appropriate=not-met"
        << "96000:deny(age-appropriate) | denied md";
    QTest::newRow("young child: born 29 Feb, on the fourth birthday -> not asked")
        << "96000"
        << "birth=2020-02-29 service=2024-02-29 age-appropriate=not-met"
        << "96000:approve | approved";
    QTest::newRow("young child: the age is at the service date, not today")
        << "96000"
        << "birth=2023-06-01 service=2027-05-31 age-appropriate=not-met"
        << "96000:deny(age-appropriate) | denied md";

    // Code rules, in order
    QTest::newRow("code pair: 96001 approved -> 96000 denied")
        << "96000 96001"
        << ""
        << "96000:deny(code-pair-96000-96001) 96001:approve | partial md";
    QTest::newRow("code pair: 96001 denied -> 96000 keeps its decision")
        << "96000 96001"
        << "plantar-pressure=not-met"
        << "96000:approve 96001:deny(plantar-pressure) | partial md";
    QTest::newRow("code pair: 96001 pended -> 96000 keeps its decision")
        << "96000 96001"
        << "-plantar-pressure"
        << "96000:approve 96001:pend(plantar-pressure) | pended missing=plantar-pressure";
    QTest::newRow("code pair: 96001 listed first, same outcome")
        << "96001 96000"
        << ""
        << "96001:approve 96000:deny(code-pair-96000-96001) | partial md";
    QTest::newRow("code pair: both denied keep their own reasons")
        << "96000 96001"
        << "cosmetic=yes"
        << "96000:deny(cosmetic) 96001:deny(cosmetic) | denied md";
    QTest::newRow("96004: approved with an approved technical code")
        << "96002 96004"
        << ""
        << "96002:approve 96004:approve | approved";
    QTest::newRow("96004: alone -> denied")
        << "96004"
        << ""
        << "96004:deny(professional-component-without-technical) | denied md";
    QTest::newRow("96004: technical pended, none approved -> pended")
        << "96002 96004"
        << "-emg-equipment"
        << "96002:pend(emg-equipment) 96004:pend(professional-component-without-technical) | pended "
           "missing=emg-equipment";
    QTest::newRow("96004: technical denied -> denied")
        << "96002 96004"
        << "emg-equipment=not-met"
        << "96002:deny(emg-equipment) 96004:deny(professional-component-without-technical) | denied md";
    QTest::newRow("96004: one technical approved, one denied -> approved")
        << "96000 96002 96004"
        << "emg-distinct=not-met"
        << "96000:approve 96002:deny(emg-distinct) 96004:approve | partial md";
    QTest::newRow("96004: one technical pended, one denied -> pended")
        << "96001 96002 96004"
        << "-plantar-pressure emg-equipment=not-met"
        << "96001:pend(plantar-pressure) 96002:deny(emg-equipment) "
           "96004:pend(professional-component-without-technical) | pended md missing=plantar-pressure";
    QTest::newRow("96004: after the code pair, 96001 approved still carries it")
        << "96000 96001 96004"
        << ""
        << "96000:deny(code-pair-96000-96001) 96001:approve 96004:approve | partial md";
    QTest::newRow("96004: its own unknown keeps it pended though a technical is approved")
        << "96000 96004"
        << "birth=2024-01-01 -age-appropriate"
        << "96000:pend(age-appropriate) 96004:pend(age-appropriate) | pended missing=age-appropriate";

    // Overall
    QTest::newRow("overall: approved when all approved") << "96000 96002"
                                                         << ""
                                                         << "96000:approve 96002:approve | approved";
    QTest::newRow("overall: denied when all denied") << "96002"
                                                     << "screening=yes"
                                                     << "96002:deny(screening) | denied md";
    QTest::newRow("overall: partial when some approved and some denied")
        << "96000 96002"
        << "emg-distinct=not-met"
        << "96000:approve 96002:deny(emg-distinct) | partial md";
    QTest::newRow("overall: pended when any line is pending, even with a denied line")
        << "96001 96002"
        << "plantar-pressure=not-met -emg-equipment"
        << "96001:deny(plantar-pressure) 96002:pend(emg-equipment) | pended md missing=emg-equipment";

    // Answers to judgments that do not apply are ignored (also unknown ones)
    QTest::newRow("not applicable: answers ignored")
        << "96000"
        << "repeat-justified=not-met age-appropriate=not-met emg-distinct=not-met emg-equipment=not-met "
           "plantar-pressure=not-met"
        << "96000:approve | approved";
    QTest::newRow("not applicable: unknown answers do not pend")
        << "96000"
        << "-repeat-justified -age-appropriate -emg-distinct -emg-equipment -plantar-pressure"
        << "96000:approve | approved";
}

void TestEngine::rules()
{
    QFETCH(QString, lines);
    QFETCH(QString, changes);
    QFETCH(QString, expected);
    CaseData data = favourableCase(m_policy, codes(lines));
    apply(data, changes);
    QVERIFY2(!CaseJson::validate(data, m_policy), "the row builds an invalid case");
    QCOMPARE(summary(Engine(m_policy).evaluate(data)), expected);
}

void TestEngine::applicableJudgments_data()
{
    QTest::addColumn<QString>("lines");
    QTest::addColumn<QString>("changes");
    QTest::addColumn<QString>("expected");
    const QString common =
        QStringLiteral("indication management-impact conservative-care conservative-care-exception "
                       "qualified-performance");
    QTest::newRow("96004 alone")
        << "96004"
        << ""
        << common + QStringLiteral(" documentation-complete cosmetic screening research-only baseline-only");
    QTest::newRow("96000 96002: EMG judgments and observational")
        << "96000 96002"
        << ""
        << common + QStringLiteral(
                        " emg-equipment documentation-complete emg-distinct cosmetic screening research-only "
                        "baseline-only observational-only");
    QTest::newRow("96001 with prior study and a young child")
        << "96001"
        << "prior=2026-01-01 birth=2023-01-01"
        << common + QStringLiteral(
                        " documentation-complete plantar-pressure repeat-justified age-appropriate cosmetic "
                        "screening research-only baseline-only observational-only");
}

void TestEngine::applicableJudgments()
{
    QFETCH(QString, lines);
    QFETCH(QString, changes);
    QFETCH(QString, expected);
    CaseData data = favourableCase(m_policy, codes(lines));
    apply(data, changes);
    QCOMPARE(Engine(m_policy).applicableJudgmentIds(data).join(QLatin1Char(' ')), expected);
}

void TestEngine::dueBy_data()
{
    QTest::addColumn<QString>("receivedAt");
    QTest::addColumn<QString>("urgency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("standard: 7 calendar days") << "2026-11-20T14:05:00Z"
                                               << "standard"
                                               << "2026-11-27T14:05:00Z";
    QTest::newRow("standard: across a month end") << "2026-11-27T10:00:00Z"
                                                  << "standard"
                                                  << "2026-12-04T10:00:00Z";
    QTest::newRow("standard: across a year end") << "2026-12-28T23:30:00Z"
                                                 << "standard"
                                                 << "2027-01-04T23:30:00Z";
    QTest::newRow("standard: across a leap day") << "2028-02-25T00:00:00Z"
                                                 << "standard"
                                                 << "2028-03-03T00:00:00Z";
    QTest::newRow("standard: February without a leap day") << "2027-02-25T00:00:00Z"
                                                           << "standard"
                                                           << "2027-03-04T00:00:00Z";
    QTest::newRow("expedited: 72 hours") << "2026-11-20T14:05:00Z"
                                         << "expedited"
                                         << "2026-11-23T14:05:00Z";
    QTest::newRow("expedited: across a month end") << "2026-01-30T08:00:00Z"
                                                   << "expedited"
                                                   << "2026-02-02T08:00:00Z";
    QTest::newRow("expedited: across a year end") << "2026-12-30T12:00:00Z"
                                                  << "expedited"
                                                  << "2027-01-02T12:00:00Z";
    QTest::newRow("expedited: across a leap day") << "2028-02-27T15:00:00Z"
                                                  << "expedited"
                                                  << "2028-03-01T15:00:00Z";
    QTest::newRow("expedited: onto a leap day") << "2028-02-26T23:59:59Z"
                                                << "expedited"
                                                << "2028-02-29T23:59:59Z";
    QTest::newRow("received with an offset: due in UTC") << "2026-12-31T22:30:00-05:00"
                                                         << "standard"
                                                         << "2027-01-08T03:30:00Z";
    QTest::newRow("expedited: received with a positive offset") << "2026-03-01T01:00:00+02:00"
                                                                << "expedited"
                                                                << "2026-03-03T23:00:00Z";
}

void TestEngine::dueBy()
{
    QFETCH(QString, receivedAt);
    QFETCH(QString, urgency);
    QFETCH(QString, expected);
    // Through the case JSON, as the CLI reads it.
    QJsonObject root = CaseJson::toJsonObject(favourableCase(m_policy, {QStringLiteral("96000")}));
    QJsonObject request = root.value(QStringLiteral("request")).toObject();
    request.insert(QStringLiteral("receivedAt"), receivedAt);
    request.insert(QStringLiteral("urgency"), urgency);
    root.insert(QStringLiteral("request"), request);
    const Result<CaseData> data =
        CaseJson::parse(QJsonDocument(root).toJson(), m_policy, QStringLiteral("due.json"));
    QVERIFY2(data.ok(), qPrintable(data ? QString() : data.error().toString()));
    const Decision decision = Engine(m_policy).evaluate(*data);
    QCOMPARE(formatUtc(decision.dueBy), expected);
    QCOMPARE(decision.toJsonObject().value(QStringLiteral("dueBy")).toString(), expected);
    QCOMPARE(decision.dueBy.timeSpec(), Qt::UTC);
}

void TestEngine::advisories_data()
{
    QTest::addColumn<QString>("lines");
    QTest::addColumn<QString>("diagnoses");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sample diagnosis G80.1, 96002: none") << "96002"
                                                         << "G80.1"
                                                         << "";
    QTest::newRow("no sample diagnosis: say the list is examples") << "96002"
                                                                   << "S82.101A"
                                                                   << "no-sample-diagnosis";
    QTest::newRow("no diagnosis at all") << "96002"
                                         << ""
                                         << "no-sample-diagnosis";
    QTest::newRow("one sample among others is enough") << "96002"
                                                       << "S82.101A,R26.89"
                                                       << "";
    QTest::newRow("96000 requested: Description lists 96001 twice")
        << "96000"
        << "M21.61"
        << "erratum-description-96001-listed-twice";
    QTest::newRow("Q66.5 given: it is not clubfoot") << "96002"
                                                     << "Q66.5"
                                                     << "erratum-q66-5-is-not-clubfoot";
    QTest::newRow("Q66.0 given: clubfoot, not a sample, erratum")
        << "96002"
        << "Q66.01"
        << "no-sample-diagnosis erratum-q66-5-is-not-clubfoot";
    QTest::newRow("Z96.6 given: not an artificial limb") << "96002"
                                                         << "Z96.60"
                                                         << "erratum-z96-6-is-not-artificial-limb";
    QTest::newRow("Z97.1 given: artificial limb")
        << "96002"
        << "Z97.11"
        << "no-sample-diagnosis erratum-z96-6-is-not-artificial-limb";
}

void TestEngine::advisories()
{
    QFETCH(QString, lines);
    QFETCH(QString, diagnoses);
    QFETCH(QString, expected);
    CaseData data = favourableCase(m_policy, codes(lines));
    data.request.diagnoses = diagnoses.split(QLatin1Char(','), Qt::SkipEmptyParts);
    const Decision decision = Engine(m_policy).evaluate(data);
    QStringList ids;
    for (const Reason& advisory : decision.advisories) {
        ids.append(advisory.id);
        if (advisory.id == QLatin1String("no-sample-diagnosis"))
            QVERIFY(advisory.text.contains(QLatin1String("examples, not exhaustive")));
    }
    QCOMPARE(ids.join(QLatin1Char(' ')), expected);
    // Advisories never change a decision; no diagnosis at all pends every line (its own rule).
    QCOMPARE(toString(decision.overall),
             data.request.diagnoses.isEmpty() ? QStringLiteral("pended") : QStringLiteral("approved"));
}

void TestEngine::reasonsCarryThePolicySentences()
{
    CaseData data =
        favourableCase(m_policy, {QStringLiteral("96000"), QStringLiteral("96001"), QStringLiteral("96004")});
    apply(data, QStringLiteral("-management-impact"));
    Decision decision = Engine(m_policy).evaluate(data);
    QCOMPARE(decision.lines.at(0).reasons.at(0).text,
             m_policy.judgment(QStringLiteral("management-impact"))->missingText);
    apply(data, QStringLiteral("management-impact=met screening=yes"));
    decision = Engine(m_policy).evaluate(data);
    QCOMPARE(decision.lines.at(0).reasons.at(0).text,
             m_policy.judgment(QStringLiteral("screening"))->failText);
    apply(data, QStringLiteral("screening=no"));
    decision = Engine(m_policy).evaluate(data);
    QCOMPARE(decision.lines.at(0).reasons.at(0).text, m_policy.codeRules.at(0).text);
}

void TestEngine::deterministic()
{
    CaseData data =
        favourableCase(m_policy, {QStringLiteral("96002"), QStringLiteral("96000"), QStringLiteral("96004")});
    apply(data, QStringLiteral("-screening -indication emg-distinct=not-met dx=S82.101A"));
    const Engine engine(m_policy);
    const QByteArray first = engine.evaluate(data).toJson();
    for (int i = 0; i < 20; ++i)
        QCOMPARE(engine.evaluate(data).toJson(), first);
    QCOMPARE(Engine(m_policy).evaluate(data), engine.evaluate(data));
}

void TestEngine::decisionJsonKeyOrder()
{
    CaseData data = favourableCase(m_policy, {QStringLiteral("96000"), QStringLiteral("96002")});
    const QByteArray json = Engine(m_policy).evaluate(data).toJson();
    const char* keys[] = {"\"policy\"",    "\"overall\"", "\"physicianReviewRequired\"",
                          "\"dueBy\"",     "\"lines\"",   "\"missingInformation\"",
                          "\"advisories\""};
    qsizetype last = -1;
    for (const char* key : keys) {
        const qsizetype at = json.indexOf(key);
        QVERIFY2(at > last, key);
        last = at;
    }
    QVERIFY(json.indexOf("\"code\"") < json.indexOf("\"decision\""));
    QVERIFY(json.indexOf("\"decision\"") < json.indexOf("\"reasons\""));
    QVERIFY(json.indexOf("\"id\"") < json.indexOf("\"version\""));
}

void TestEngine::decisionJsonMatchesObject()
{
    CaseData data =
        favourableCase(m_policy, {QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")});
    apply(data, QStringLiteral("emg-distinct=not-met dx= -screening"));
    const Decision decision = Engine(m_policy).evaluate(data);
    for (bool indented : {true, false}) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(decision.toJson(indented), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.object(), decision.toJsonObject());
    }
    const QJsonObject object = decision.toJsonObject();
    QCOMPARE(object.value(QStringLiteral("policy")).toObject().value(QStringLiteral("version")).toString(),
             QStringLiteral("2025-10-01"));
    QCOMPARE(object.value(QStringLiteral("overall")).toString(), QStringLiteral("pended"));
    QCOMPARE(object.value(QStringLiteral("physicianReviewRequired")).toBool(), true);
    QCOMPARE(object.value(QStringLiteral("missingInformation")).toArray(),
             (QJsonArray{QStringLiteral("diagnosis-missing"), QStringLiteral("screening")}));
    const QJsonArray lines = object.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("decision")).toString(), QStringLiteral("deny"));
    const QJsonObject reason =
        lines.at(1).toObject().value(QStringLiteral("reasons")).toArray().at(0).toObject();
    QCOMPARE(reason.value(QStringLiteral("id")).toString(), QStringLiteral("emg-distinct"));
    QVERIFY(!reason.value(QStringLiteral("text")).toString().isEmpty());
}

void TestEngine::decisionText()
{
    CaseData data = favourableCase(m_policy, {QStringLiteral("96000"), QStringLiteral("96002")});
    apply(data, QStringLiteral("emg-distinct=not-met"));
    const QString text = Engine(m_policy).evaluate(data).toText();
    QVERIFY(text.contains(QLatin1String("Overall: partial")));
    QVERIFY(text.contains(QLatin1String("96002  DENY")));
    QVERIFY(text.contains(QLatin1String("2026-11-27T14:05:00Z")));
    QVERIFY(!text.contains(QLatin1String("Test Member"))); // no member data
}

// The made-up policy of tests/data/policies: other ids, codes, parameters and rule instances.
void TestEngine::secondPolicy_data()
{
    QTest::addColumn<QString>("lines");
    QTest::addColumn<QString>("changes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("approve") << "A100 A300"
                             << ""
                             << "A100:approve A300:approve | approved";
    QTest::newRow("exclusive pair: A200 approved denies A100")
        << "A100 A200"
        << ""
        << "A100:deny(a200-beats-a100) A200:approve | partial md";
    QTest::newRow("any-of group: both fail") << "A200"
                                             << "path-a=not-met path-b=not-met"
                                             << "A200:deny(path-a,path-b) | denied md";
    QTest::newRow("any-of group: one holds") << "A200"
                                             << "path-a=not-met"
                                             << "A200:approve | approved";
    QTest::newRow("exclusion on A100 only; the pair rule adds its reason to a denied line")
        << "A100 A200"
        << "vanity=yes"
        << "A100:deny(vanity,a200-beats-a100) A200:approve | partial md";
    QTest::newRow("child age 12 from the file: 11 years old asked")
        << "A200"
        << "birth=2015-12-16 service=2027-12-15 child-check=not-met"
        << "A200:deny(child-check) | denied md";
    QTest::newRow("child age 12 from the file: 12th birthday not asked")
        << "A200"
        << "birth=2015-12-15 service=2027-12-15 child-check=not-met"
        << "A200:approve | approved";
    QTest::newRow("child check not asked for A300") << "A300"
                                                    << "birth=2020-01-01 child-check=not-met"
                                                    << "A300:deny(a300-needs-a-study) | denied md";
    QTest::newRow("diagnosis and code conditions together")
        << "A100 A200"
        << "dx=S82.1 fracture-check=not-met vanity=yes"
        << "A100:deny(vanity) A200:deny(fracture-check) | denied md";
    QTest::newRow("diagnosis condition without the code condition") << "A200"
                                                                    << "dx=S82.1 fracture-check=not-met"
                                                                    << "A200:approve | approved";
    QTest::newRow("requires one approved: pended")
        << "A100 A300"
        << "-vanity"
        << "A100:pend(vanity) A300:pend(a300-needs-a-study) | pended missing=vanity";
}

void TestEngine::secondPolicy()
{
    QFETCH(QString, lines);
    QFETCH(QString, changes);
    QFETCH(QString, expected);
    const Policy policy = loadOrDie(
        PolicyLoader::loadFile(QStringLiteral(REVIEWDESK_TEST_DATA "/policies/test-policy-generic.json")));
    CaseData data = favourableCase(policy, codes(lines));
    data.request.diagnoses.clear();
    apply(data, changes);
    QVERIFY2(!CaseJson::validate(data, policy), "the row builds an invalid case");
    const Decision decision = Engine(policy).evaluate(data);
    QCOMPARE(summary(decision), expected);
    QCOMPARE(decision.policyId, QStringLiteral("test-generic-policy"));
    QStringList advisories;
    for (const Reason& advisory : decision.advisories)
        advisories.append(advisory.id);
    const bool sample = policy.holds(Condition{Condition::Kind::NoDiagnosisInSamples, {}, {}, 0, {}},
                                     data.request, data.member);
    QCOMPARE(advisories.contains(QStringLiteral("not-a-sample")), sample);
    QVERIFY(advisories.contains(QStringLiteral("always-note")));
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
