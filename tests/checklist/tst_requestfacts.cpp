// The facts taken from the request (review-rules.md, "Facts taken from the request" and Advisories):
// no diagnosis code pends every line without undoing a denial; impossible dates are refused by the case
// JSON reader naming the field; a retrospective request is decided the same, with an advisory; an empty
// clinical question changes nothing; contradictions and broken code rules are listed; and the one clock
// rule for a request for information, per plan type.
#include "TestCases.h"
#include "checklist/CaseJson.h"
#include "checklist/Engine.h"
#include "checklist/PolicyLoader.h"
#include "checklist/RequestClock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace rd;

namespace {

// Every judgment answered in the lines' favour.
CaseData favourable(const Policy& policy, const QStringList& lines)
{
    CaseData data = test::sampleCase();
    data.request.lines = lines;
    test::answerFavourably(data, policy);
    return data;
}

QStringList reasonIds(const LineDecision& line)
{
    QStringList ids;
    for (const Reason& reason : line.reasons)
        ids.append(reason.id);
    return ids;
}

QStringList advisoryIds(const Decision& decision)
{
    QStringList ids;
    for (const Reason& reason : decision.advisories)
        ids.append(reason.id);
    return ids;
}

} // namespace

class TestRequestFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void noDiagnosisPendsEveryLine();
    void noDiagnosisKeepsADenial();
    void noDiagnosisIsAskedWithTheOtherMissingItems();
    void impossibleDatesAreRefused_data();
    void impossibleDatesAreRefused();
    void possibleDatesAreRead();
    void retrospectiveRequestIsAnAdvisory();
    void emptyClinicalQuestionChangesNothing();
    void sampleDiagnosisAdvisoryAndErrata();
    void contradictionsAreListed();
    void brokenCodeRulesAreListed();
    void expeditedClock();
    void standardClockTolled();
    void standardClockExtended();
    void decisionJsonCarriesTheClock();

private:
    Policy m_policy;
};

void TestRequestFacts::initTestCase()
{
    const Result<Policy> policy = PolicyLoader::loadBuiltIn();
    QVERIFY2(policy, qPrintable(policy ? QString() : policy.error().toString()));
    m_policy = *policy;
}

void TestRequestFacts::noDiagnosisPendsEveryLine()
{
    CaseData data =
        favourable(m_policy, {QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")});
    QCOMPARE(toString(Engine(m_policy).evaluate(data).overall), toString(OverallOutcome::Approved));
    data.request.diagnoses.clear();
    const Decision decision = Engine(m_policy).evaluate(data);
    QCOMPARE(toString(decision.overall), toString(OverallOutcome::Pended));
    for (const LineDecision& line : decision.lines) {
        QCOMPARE(toString(line.decision), toString(LineOutcome::Pend));
        QVERIFY2(reasonIds(line).contains(QStringLiteral("diagnosis-missing")), qPrintable(line.code));
    }
    QCOMPARE(decision.missingInformation, QStringList{QStringLiteral("diagnosis-missing")});
    const QString text = decision.lines.first().reasons.first().text;
    QVERIFY2(text.contains(QStringLiteral("diagnosis")), qPrintable(text));
}

void TestRequestFacts::noDiagnosisKeepsADenial()
{
    CaseData data = favourable(m_policy, {QStringLiteral("96000"), QStringLiteral("96002")});
    data.answers[QStringLiteral("emg-distinct")].value = AnswerValue::NotMet;
    data.request.diagnoses.clear();
    const Decision decision = Engine(m_policy).evaluate(data);
    QCOMPARE(toString(decision.lines.at(0).decision), toString(LineOutcome::Pend));
    QCOMPARE(reasonIds(decision.lines.at(0)), QStringList{QStringLiteral("diagnosis-missing")});
    QCOMPARE(toString(decision.lines.at(1).decision), toString(LineOutcome::Deny));
    QCOMPARE(reasonIds(decision.lines.at(1)), QStringList{QStringLiteral("emg-distinct")});
    QVERIFY(decision.physicianReviewRequired);
}

void TestRequestFacts::noDiagnosisIsAskedWithTheOtherMissingItems()
{
    CaseData data = favourable(m_policy, {QStringLiteral("96001")});
    data.answers.remove(QStringLiteral("plantar-pressure"));
    data.request.diagnoses.clear();
    const Decision decision = Engine(m_policy).evaluate(data);
    QCOMPARE(decision.missingInformation,
             (QStringList{QStringLiteral("diagnosis-missing"), QStringLiteral("plantar-pressure")}));
    const QJsonObject json = QJsonDocument::fromJson(decision.toJson()).object();
    QCOMPARE(json.value(QStringLiteral("missingInformation")).toVariant().toStringList(),
             decision.missingInformation);
}

void TestRequestFacts::impossibleDatesAreRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("words");
    QTest::newRow("birth after service") << "birthDate"
                                         << "2026-12-16"
                                         << "member.birthDate"
                                         << "service date";
    QTest::newRow("prior study after receipt") << "priorStudyDate"
                                               << "2026-11-21"
                                               << "request.priorStudyDate"
                                               << "received";
    QTest::newRow("prior study after service (retrospective request)") << "priorStudyDate+service"
                                                                       << "2026-11-10"
                                                                       << "request.priorStudyDate"
                                                                       << "service date";
}

void TestRequestFacts::impossibleDatesAreRefused()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, path);
    QFETCH(QString, words);
    QJsonObject root = CaseJson::toJsonObject(test::sampleCase());
    QJsonObject member = root.value(QStringLiteral("member")).toObject();
    QJsonObject request = root.value(QStringLiteral("request")).toObject();
    if (field == QLatin1String("birthDate")) {
        member.insert(field, value);
    } else {
        request.insert(QStringLiteral("priorStudyDate"), value);
        if (field.endsWith(QLatin1String("+service")))
            request.insert(QStringLiteral("serviceDate"), QStringLiteral("2026-11-01"));
    }
    root.insert(QStringLiteral("member"), member);
    root.insert(QStringLiteral("request"), request);
    const Result<CaseData> parsed =
        CaseJson::parse(QJsonDocument(root).toJson(), m_policy, QStringLiteral("case.json"));
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().path, path);
    QVERIFY2(parsed.error().message.contains(words), qPrintable(parsed.error().message));
    QVERIFY2(parsed.error().toString().contains(QStringLiteral("case.json")),
             qPrintable(parsed.error().toString()));
}

void TestRequestFacts::possibleDatesAreRead()
{
    QJsonObject root = CaseJson::toJsonObject(test::sampleCase());
    QJsonObject request = root.value(QStringLiteral("request")).toObject();
    request.insert(QStringLiteral("priorStudyDate"), QStringLiteral("2026-11-20")); // the day of receipt
    root.insert(QStringLiteral("request"), request);
    QJsonObject member = root.value(QStringLiteral("member")).toObject();
    member.insert(QStringLiteral("birthDate"), QStringLiteral("2026-12-15")); // born on the service date
    root.insert(QStringLiteral("member"), member);
    const Result<CaseData> parsed =
        CaseJson::parse(QJsonDocument(root).toJson(), m_policy, QStringLiteral("c"));
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
}

void TestRequestFacts::retrospectiveRequestIsAnAdvisory()
{
    CaseData data = favourable(m_policy, {QStringLiteral("96000")});
    const Decision prospective = Engine(m_policy).evaluate(data);
    QVERIFY(!advisoryIds(prospective).contains(QStringLiteral("retrospective")));
    data.request.serviceDate = QDate(2026, 11, 19); // received 2026-11-20
    const Decision retrospective = Engine(m_policy).evaluate(data);
    QVERIFY(advisoryIds(retrospective).contains(QStringLiteral("retrospective")));
    QCOMPARE(toString(retrospective.overall), toString(prospective.overall));
    QCOMPARE(retrospective.lines, prospective.lines);
    data.request.serviceDate = QDate(2026, 11, 20); // the same day is not retrospective
    QVERIFY(!advisoryIds(Engine(m_policy).evaluate(data)).contains(QStringLiteral("retrospective")));
}

void TestRequestFacts::emptyClinicalQuestionChangesNothing()
{
    CaseData data = favourable(m_policy, {QStringLiteral("96000"), QStringLiteral("96004")});
    const Decision with = Engine(m_policy).evaluate(data);
    data.request.clinicalQuestion.clear();
    const Decision without = Engine(m_policy).evaluate(data);
    QCOMPARE(without, with);
    QCOMPARE(toString(without.overall), toString(OverallOutcome::Approved));
}

void TestRequestFacts::sampleDiagnosisAdvisoryAndErrata()
{
    CaseData data = favourable(m_policy, {QStringLiteral("96000")});
    data.request.diagnoses = {QStringLiteral("S82.101A")};
    QVERIFY(advisoryIds(Engine(m_policy).evaluate(data)).contains(QStringLiteral("no-sample-diagnosis")));
    const Reason advisory = Engine(m_policy).evaluate(data).advisories.first();
    QVERIFY(advisory.text.contains(QStringLiteral("examples, not exhaustive")));
    data.request.diagnoses = {QStringLiteral("Q66.5")};
    QStringList ids = advisoryIds(Engine(m_policy).evaluate(data));
    QVERIFY(!ids.contains(QStringLiteral("no-sample-diagnosis")));
    QVERIFY(ids.contains(QStringLiteral("erratum-q66-5-is-not-clubfoot")));
    data.request.diagnoses = {QStringLiteral("Z96.6")};
    QVERIFY(advisoryIds(Engine(m_policy).evaluate(data))
                .contains(QStringLiteral("erratum-z96-6-is-not-artificial-limb")));
    QVERIFY(advisoryIds(Engine(m_policy).evaluate(data))
                .contains(QStringLiteral("erratum-description-96001-listed-twice")));
}

void TestRequestFacts::contradictionsAreListed()
{
    CaseData data = favourable(m_policy, {QStringLiteral("96000")});
    data.answers[QStringLiteral("indication")].types = {QStringLiteral("neuromuscular-disease")};
    QVERIFY(Engine(m_policy).contradictions(data).isEmpty());
    data.answers[QStringLiteral("screening")].value = AnswerValue::Yes;
    const QList<Reason> found = Engine(m_policy).contradictions(data);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().id, QStringLiteral("neuromuscular-indication-with-screening"));
    data.answers[QStringLiteral("indication")].types = {QStringLiteral("gait-abnormality")};
    QVERIFY(Engine(m_policy).contradictions(data).isEmpty());
}

void TestRequestFacts::brokenCodeRulesAreListed()
{
    const Engine engine(m_policy);
    QList<LineDecision> lines{{QStringLiteral("96000"), {}, LineOutcome::Approve, {}},
                              {QStringLiteral("96001"), {}, LineOutcome::Approve, {}}};
    QList<Reason> broken = engine.brokenCodeRules(lines);
    QCOMPARE(broken.size(), 1);
    QCOMPARE(broken.first().id, QStringLiteral("code-pair-96000-96001"));
    QVERIFY(broken.first().text.contains(QStringLiteral("should not be billed together")));
    lines[0].decision = LineOutcome::Deny;
    QVERIFY(engine.brokenCodeRules(lines).isEmpty());
    lines = {{QStringLiteral("96002"), {}, LineOutcome::Deny, {}},
             {QStringLiteral("96004"), {}, LineOutcome::Approve, {}}};
    QCOMPARE(engine.brokenCodeRules(lines).value(0).id,
             QStringLiteral("professional-component-without-technical"));
}

void TestRequestFacts::expeditedClock()
{
    Request request = test::sampleCase().request;
    request.urgency = Urgency::Expedited;
    const QDateTime sent(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);
    for (PlanType type :
         {PlanType::ErisaGroup, PlanType::AcaIndividual, PlanType::MedicareAdvantage, PlanType::Medicaid}) {
        const InformationClock clock =
            RequestClock::forInformationRequest(request, ClockRules::forPlanType(type), sent);
        QCOMPARE(clock.initialDueBy, QDateTime(QDate(2026, 11, 23), QTime(14, 5), Qt::UTC));
        QVERIFY(sent.secsTo(clock.respondBy) >= 48 * 3600);
        QCOMPARE(clock.decisionSecondsAfterAnswer, qint64(48 * 3600));
        QCOMPARE(clock.decisionDueBy, clock.respondBy.addSecs(48 * 3600));
        const QDateTime answered(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC);
        QCOMPARE(RequestClock::decisionDueAfterAnswer(clock, answered), answered.addSecs(48 * 3600));
        QVERIFY(clock.respondBy < clock.decisionDueBy);
    }
}

void TestRequestFacts::standardClockTolled()
{
    const Request request = test::sampleCase().request; // received 2026-11-20 14:05, due 2026-11-27 14:05
    const QDateTime sent(QDate(2026, 11, 22), QTime(14, 5), Qt::UTC); // 5 days left
    for (PlanType type : {PlanType::ErisaGroup, PlanType::AcaIndividual}) {
        const InformationClock clock =
            RequestClock::forInformationRequest(request, ClockRules::forPlanType(type), sent);
        QVERIFY(clock.tolled);
        QCOMPARE(clock.respondBy, sent.addDays(45));
        QCOMPARE(clock.decisionSecondsAfterAnswer, qint64((5 + 15) * 86400));
        const QDateTime answered = sent.addDays(10);
        QCOMPARE(RequestClock::decisionDueAfterAnswer(clock, answered), answered.addDays(20));
        QCOMPARE(clock.decisionDueBy, clock.respondBy.addDays(20));
    }
}

void TestRequestFacts::standardClockExtended()
{
    const Request request = test::sampleCase().request;
    const QDateTime sent(QDate(2026, 11, 22), QTime(14, 5), Qt::UTC);
    for (PlanType type : {PlanType::MedicareAdvantage, PlanType::Medicaid}) {
        const InformationClock clock =
            RequestClock::forInformationRequest(request, ClockRules::forPlanType(type), sent);
        QVERIFY(!clock.tolled);
        QCOMPARE(clock.decisionDueBy, QDateTime(QDate(2026, 12, 11), QTime(14, 5), Qt::UTC)); // 7 + 14 days
        QVERIFY(clock.respondBy < clock.decisionDueBy);
        QVERIFY(clock.respondBy > sent);
        QCOMPARE(RequestClock::decisionDueAfterAnswer(clock, clock.respondBy), clock.decisionDueBy);
    }
}

void TestRequestFacts::decisionJsonCarriesTheClock()
{
    CaseData data = favourable(m_policy, {QStringLiteral("96000")});
    data.request.urgency = Urgency::Expedited;
    data.answers.remove(QStringLiteral("plantar-pressure"));
    data.answers.remove(QStringLiteral("management-impact"));
    const QDateTime sent(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);
    const Decision plain = Engine(m_policy).evaluate(data);
    QVERIFY(!plain.toJsonObject().contains(QStringLiteral("clock"))); // a signed decision is unchanged
    const Decision decision = Engine::withClock(plain, data.request, PlanType::MedicareAdvantage, sent);
    const QJsonObject json = QJsonDocument::fromJson(decision.toJson()).object();
    QCOMPARE(json, decision.toJsonObject());
    const QJsonObject clock = json.value(QStringLiteral("clock")).toObject();
    QCOMPARE(clock.value(QStringLiteral("planType")).toString(), QStringLiteral("medicare-advantage"));
    const QJsonObject rfi = clock.value(QStringLiteral("informationRequest")).toObject();
    QCOMPARE(rfi.value(QStringLiteral("respondBy")).toString(), QStringLiteral("2026-11-23T09:00:00Z"));
    QCOMPARE(rfi.value(QStringLiteral("decisionHoursAfterAnswer")).toDouble(), 48.0);
    QCOMPARE(rfi.value(QStringLiteral("decisionDueBy")).toString(), QStringLiteral("2026-11-25T09:00:00Z"));
    QVERIFY(decision.toText().contains(QStringLiteral("answer by 2026-11-23T09:00:00Z")));
}

QTEST_GUILESS_MAIN(TestRequestFacts)
#include "tst_requestfacts.moc"
