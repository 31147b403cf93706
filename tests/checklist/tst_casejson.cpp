// CaseJson: the case JSON of case-exchange.md. Every input error names the file, the JSON path and
// what is wrong; the writer round-trips exactly.
#include "checklist/CaseJson.h"
#include "checklist/PolicyLoader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace rd;

namespace {

const QString kFile = QStringLiteral("case.json");

QByteArray readSample()
{
    QFile file(QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the sample");
    return file.readAll();
}

QJsonValue setAt(const QJsonValue& node, QStringList steps, const std::optional<QJsonValue>& value)
{
    const QString step = steps.takeFirst();
    if (step.startsWith(QLatin1Char('['))) {
        QJsonArray array = node.toArray();
        const int i = step.mid(1, step.size() - 2).toInt();
        if (steps.isEmpty()) {
            if (!value)
                array.removeAt(i);
            else if (i < array.size())
                array.replace(i, *value);
            else
                array.append(*value);
        } else {
            array.replace(i, setAt(array.at(i), steps, value));
        }
        return array;
    }
    QJsonObject object = node.toObject();
    if (steps.isEmpty()) {
        if (value)
            object.insert(step, *value);
        else
            object.remove(step);
    } else {
        object.insert(step, setAt(object.value(step), steps, value));
    }
    return object;
}

// path like "request.lines[1]"; json "<remove>" removes the key.
QByteArray mutate(const QByteArray& document, const QString& path, const QString& json)
{
    QStringList steps;
    static const QRegularExpression token(QStringLiteral("([^.\\[]+)|(\\[[0-9]+\\])"));
    auto it = token.globalMatch(path);
    while (it.hasNext())
        steps.append(it.next().captured(0));
    std::optional<QJsonValue> value;
    if (json != QLatin1String("<remove>"))
        value = QJsonDocument::fromJson("[" + json.toUtf8() + "]").array().at(0);
    const QJsonValue root = setAt(QJsonDocument::fromJson(document).object(), steps, value);
    return QJsonDocument(root.toObject()).toJson();
}

} // namespace

class TestCaseJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parsesTheSample();
    void inputErrors();
    void inputErrors_data();
    void rawInputErrors();
    void rawInputErrors_data();
    void accepted();
    void accepted_data();
    void validateReportsUnknownJudgmentIds();
    void roundTripSample();
    void roundTripEverything();
    void callerCanExtend();
    void readFileErrors();
    void limitsAndDuplicateKeys();
    void limitsAndDuplicateKeys_data();

private:
    Policy m_policy;
    QByteArray m_sample;
};

void TestCaseJson::initTestCase()
{
    const Result<Policy> policy = PolicyLoader::loadBuiltIn();
    QVERIFY(policy.ok());
    m_policy = *policy;
    m_sample = readSample();
}

void TestCaseJson::parsesTheSample()
{
    const Result<CaseData> data = CaseJson::parse(m_sample, m_policy, kFile);
    QVERIFY2(data.ok(), qPrintable(data ? QString() : data.error().toString()));
    QCOMPARE(data->member.id, QStringLiteral("M1002"));
    QCOMPARE(data->member.name, QStringLiteral("Jordan Rivera"));
    QCOMPARE(data->member.birthDate, QDate(2016, 4, 2));
    QCOMPARE(data->member.language, QStringLiteral("en")); // the default when the JSON has none
    QVERIFY(data->member.hasDefaultContact());
    QCOMPARE(data->provider.npi, QStringLiteral("1234567893"));
    QCOMPARE(data->request.receivedAt, QDateTime(QDate(2026, 11, 20), QTime(14, 5), Qt::UTC));
    QCOMPARE(toString(data->request.urgency), QStringLiteral("standard"));
    QCOMPARE(data->request.serviceDate, QDate(2026, 12, 15));
    QCOMPARE(data->request.lines,
             (QStringList{QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")}));
    QCOMPARE(data->request.diagnoses, QStringList{QStringLiteral("G80.1")});
    QVERIFY(!data->request.priorStudyDate.has_value());
    QCOMPARE(data->answers.size(), 3);
    const Answer indication = data->answers.value(QStringLiteral("indication"));
    QCOMPARE(toString(indication.value), toString(AnswerValue::Met));
    QCOMPARE(indication.types, QStringList{QStringLiteral("neuromuscular-disease")});
    QCOMPARE(indication.note, QStringLiteral("Spastic diplegia, GMFCS II"));
    QCOMPARE(indication.evidence.size(), 1);
    QCOMPARE(indication.evidence.first().attachment, QStringLiteral("clinic-note.pdf"));
    QCOMPARE(indication.evidence.first().page, 2);
    QCOMPARE(indication.evidence.first().quote, QStringLiteral("crouch gait"));
    QVERIFY(indication.evidence.first().rect.isNull());
    QCOMPARE(toString(data->status), QStringLiteral("new"));
}

void TestCaseJson::inputErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("errorPath");
    QTest::addColumn<QString>("message");
    // row name = the input error
    QTest::newRow("unknown code names the code and the policy's codes")
        << "request.lines[1]"
        << "\"97750\""
        << "request.lines[1]"
        << "unknown code '97750'; policy motion-analysis-96000-96004 covers '96000', '96001', '96002', "
           "'96004'";
    QTest::newRow("code given as a number") << "request.lines[0]"
                                            << "96000"
                                            << "request.lines[0]"
                                            << "must be a string, not a number";
    QTest::newRow("no lines") << "request.lines"
                              << "[]"
                              << "request.lines"
                              << "at least one code";
    QTest::newRow("a code twice") << "request.lines[2]"
                                  << "\"96000\""
                                  << "request.lines[2]"
                                  << "requested twice";
    QTest::newRow("lines not an array") << "request.lines"
                                        << "\"96000\""
                                        << "request.lines"
                                        << "must be an array, not a string";
    QTest::newRow("criterion answered yes")
        << "answers.management-impact.value"
        << "\"yes\""
        << "answers.management-impact.value"
        << "'yes' is not an answer to a criterion (expected 'met', 'not-met', 'unknown')";
    QTest::newRow("exclusion answered met")
        << "answers.cosmetic.value"
        << "\"met\""
        << "answers.cosmetic.value"
        << "'met' is not an answer to a exclusion (expected 'yes', 'no', 'unknown')";
    QTest::newRow("answer value in capitals") << "answers.cosmetic.value"
                                              << "\"No\""
                                              << "answers.cosmetic.value"
                                              << "'No' is not an answer";
    QTest::newRow("answer value a boolean") << "answers.cosmetic.value"
                                            << "false"
                                            << "answers.cosmetic.value"
                                            << "must be a string, not a boolean";
    QTest::newRow("answer without value") << "answers.cosmetic.value"
                                          << "<remove>"
                                          << "answers.cosmetic.value"
                                          << "missing";
    QTest::newRow("answer not an object") << "answers.cosmetic"
                                          << "\"no\""
                                          << "answers.cosmetic"
                                          << "must be an object, not a string";
    QTest::newRow("answers not an object") << "answers"
                                           << "[]"
                                           << "answers"
                                           << "must be an object, not an array";
    QTest::newRow("met indication without a type") << "answers.indication.types"
                                                   << "<remove>"
                                                   << "answers.indication.types"
                                                   << "'indication' is 'met' but no type is given";
    QTest::newRow("met indication with an empty type list") << "answers.indication.types"
                                                            << "[]"
                                                            << "answers.indication.types"
                                                            << "no type is given";
    QTest::newRow("unknown indication type") << "answers.indication.types[1]"
                                             << "\"toe-walking\""
                                             << "answers.indication.types[1]"
                                             << "unknown type 'toe-walking' for 'indication'";
    QTest::newRow("indication type twice") << "answers.indication.types[1]"
                                           << "\"neuromuscular-disease\""
                                           << "answers.indication.types[1]"
                                           << "listed twice";
    QTest::newRow("types on a judgment without types") << "answers.management-impact.types"
                                                       << "[\"gait-abnormality\"]"
                                                       << "answers.management-impact.types"
                                                       << "judgment 'management-impact' has no types";
    QTest::newRow("types not strings") << "answers.indication.types"
                                       << "[1]"
                                       << "answers.indication.types[0]"
                                       << "must be a string, not a number";
    QTest::newRow("bad date: 30 February") << "member.birthDate"
                                           << "\"2016-02-30\""
                                           << "member.birthDate"
                                           << "'2016-02-30' is not a date";
    QTest::newRow("bad date: US order") << "request.serviceDate"
                                        << "\"12/15/2026\""
                                        << "request.serviceDate"
                                        << "is not a date";
    QTest::newRow("bad date: with a time") << "request.serviceDate"
                                           << "\"2026-12-15T00:00:00Z\""
                                           << "request.serviceDate"
                                           << "is not a date";
    QTest::newRow("bad date: prior study") << "request.priorStudyDate"
                                           << "\"2025-13-01\""
                                           << "request.priorStudyDate"
                                           << "is not a date";
    QTest::newRow("bad date: a number") << "member.birthDate"
                                        << "20160402"
                                        << "member.birthDate"
                                        << "must be a string, not a number";
    QTest::newRow("bad date and time: no zone") << "request.receivedAt"
                                                << "\"2026-11-20T14:05:00\""
                                                << "request.receivedAt"
                                                << "is not a date and time with a zone";
    QTest::newRow("bad date and time: a date only") << "request.receivedAt"
                                                    << "\"2026-11-20\""
                                                    << "request.receivedAt"
                                                    << "is not a date and time";
    QTest::newRow("bad date and time: hour 25") << "request.receivedAt"
                                                << "\"2026-11-20T25:05:00Z\""
                                                << "request.receivedAt"
                                                << "is not a date and time";
    QTest::newRow("bad urgency") << "request.urgency"
                                 << "\"urgent\""
                                 << "request.urgency"
                                 << "'urgent' is not an urgency (expected 'standard' or 'expedited')";
    QTest::newRow("urgency missing") << "request.urgency"
                                     << "<remove>"
                                     << "request.urgency"
                                     << "missing";
    QTest::newRow("member missing") << "member"
                                    << "<remove>"
                                    << "member"
                                    << "missing";
    QTest::newRow("member not an object") << "member"
                                          << "\"M1002\""
                                          << "member"
                                          << "must be an object, not a string";
    QTest::newRow("member id a number") << "member.id"
                                        << "1002"
                                        << "member.id"
                                        << "must be a string, not a number";
    QTest::newRow("member name a number") << "member.name"
                                          << "7"
                                          << "member.name"
                                          << "must be a string, not a number";
    QTest::newRow("request missing") << "request"
                                     << "<remove>"
                                     << "request"
                                     << "missing";
    QTest::newRow("receivedAt missing") << "request.receivedAt"
                                        << "<remove>"
                                        << "request.receivedAt"
                                        << "missing";
    QTest::newRow("service date missing") << "request.serviceDate"
                                          << "<remove>"
                                          << "request.serviceDate"
                                          << "missing";
    QTest::newRow("diagnoses missing") << "request.diagnoses"
                                       << "<remove>"
                                       << "request.diagnoses"
                                       << "missing";
    QTest::newRow("clinical question a list") << "request.clinicalQuestion"
                                              << "[]"
                                              << "request.clinicalQuestion"
                                              << "must be a string, not an array";
    QTest::newRow("provider not an object") << "provider"
                                            << "1"
                                            << "provider"
                                            << "must be an object, not a number";
    QTest::newRow("npi not 10 digits") << "provider.npi"
                                       << "\"12345\""
                                       << "provider.npi"
                                       << "an NPI is 10 digits";
    QTest::newRow("npi a number") << "provider.npi"
                                  << "1234567893"
                                  << "provider.npi"
                                  << "must be a string, not a number";
    QTest::newRow("ICD-10: too short") << "request.diagnoses[0]"
                                       << "\"G8\""
                                       << "request.diagnoses[0]"
                                       << "'G8' is not an ICD-10-CM code";
    QTest::newRow("ICD-10: starts with a digit") << "request.diagnoses[0]"
                                                 << "\"80.1\""
                                                 << "request.diagnoses[0]"
                                                 << "is not an ICD-10-CM code";
    QTest::newRow("ICD-10: second character a letter") << "request.diagnoses[0]"
                                                       << "\"GG0.1\""
                                                       << "request.diagnoses[0]"
                                                       << "is not an ICD-10-CM code";
    QTest::newRow("ICD-10: five after the dot") << "request.diagnoses[0]"
                                                << "\"S82.101AB\""
                                                << "request.diagnoses[0]"
                                                << "is not an ICD-10-CM code";
    QTest::newRow("ICD-10: trailing dot") << "request.diagnoses[0]"
                                          << "\"G80.\""
                                          << "request.diagnoses[0]"
                                          << "is not an ICD-10-CM code";
    QTest::newRow("ICD-10: space") << "request.diagnoses[0]"
                                   << "\"G80 1\""
                                   << "request.diagnoses[0]"
                                   << "is not an ICD-10-CM code";
    QTest::newRow("ICD-10: two dots") << "request.diagnoses[0]"
                                      << "\"G8.0.1\""
                                      << "request.diagnoses[0]"
                                      << "is not an ICD-10-CM code";
    QTest::newRow("ICD-10: second entry") << "request.diagnoses[1]"
                                          << "\"cerebral palsy\""
                                          << "request.diagnoses[1]"
                                          << "is not an ICD-10-CM code";
    QTest::newRow("evidence page zero") << "answers.indication.evidence[0].page"
                                        << "0"
                                        << "answers.indication.evidence[0].page"
                                        << "must be between 1 and";
    QTest::newRow("evidence page a fraction") << "answers.indication.evidence[0].page"
                                              << "2.5"
                                              << "answers.indication.evidence[0].page"
                                              << "whole number";
    QTest::newRow("evidence page a string") << "answers.indication.evidence[0].page"
                                            << "\"2\""
                                            << "answers.indication.evidence[0].page"
                                            << "must be a whole number, not a string";
    QTest::newRow("evidence without attachment") << "answers.indication.evidence[0].attachment"
                                                 << "<remove>"
                                                 << "answers.indication.evidence[0].attachment"
                                                 << "missing";
    QTest::newRow("evidence rect of three numbers") << "answers.indication.evidence[0].rect"
                                                    << "[1, 2, 3]"
                                                    << "answers.indication.evidence[0].rect"
                                                    << "[x, y, width, height]";
    QTest::newRow("evidence rect with no width") << "answers.indication.evidence[0].rect"
                                                 << "[1, 2, 0, 3]"
                                                 << "answers.indication.evidence[0].rect"
                                                 << "greater than 0";
    QTest::newRow("evidence not an array") << "answers.indication.evidence"
                                           << "{}"
                                           << "answers.indication.evidence"
                                           << "must be an array, not an object";
    QTest::newRow("note a number") << "answers.indication.note"
                                   << "3"
                                   << "answers.indication.note"
                                   << "must be a string, not a number";
    QTest::newRow("bad status") << "status"
                                << "\"closed\""
                                << "status"
                                << "'closed' is not a case status";
    QTest::newRow("letter language not offered") << "member.language"
                                                 << "\"fr\""
                                                 << "member.language"
                                                 << "'fr' is not a letter language (expected 'en', 'es')";
    QTest::newRow("address not an object") << "member.address"
                                           << "\"12 Main St\""
                                           << "member.address"
                                           << "must be an object";
    QTest::newRow("address line not a string") << "member.address"
                                               << "{\"lines\": [12]}"
                                               << "member.address.lines[0]"
                                               << "must be a string";
    QTest::newRow("guardian name not a string") << "member.guardian"
                                                << "{\"name\": 7}"
                                                << "member.guardian.name"
                                                << "must be a string";
}

void TestCaseJson::inputErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, json);
    QFETCH(QString, errorPath);
    QFETCH(QString, message);
    const QByteArray input = mutate(m_sample, path, json);
    const Result<CaseData> data = CaseJson::parse(input, m_policy, kFile);
    QVERIFY2(!data.ok(), input.constData());
    const QString line = data.error().toString();
    QCOMPARE(data.error().path, errorPath);
    QVERIFY2(line.startsWith(kFile + QStringLiteral(": ") + errorPath + QStringLiteral(": ")),
             qPrintable(line));
    QVERIFY2(line.contains(message), qPrintable(line));
    QVERIFY(!line.contains(QLatin1Char('\n')));
}

void TestCaseJson::rawInputErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("JSON that does not parse gives the offset")
        << QByteArray("{\"member\": {\"id\": \"M1\",}") << "offset 24"
        << "not JSON";
    QTest::newRow("truncated JSON") << m_sample.left(100) << "offset "
                                    << "not JSON";
    QTest::newRow("empty input") << QByteArray() << "offset 0"
                                 << "not JSON";
    QTest::newRow("top level an array") << QByteArray("[]") << "(top level)"
                                        << "must be a JSON object";
    QTest::newRow("top level a string") << QByteArray("\"case\"") << "offset "
                                        << "not JSON";
}

void TestCaseJson::rawInputErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const Result<CaseData> data = CaseJson::parse(input, m_policy, kFile);
    QVERIFY(!data.ok());
    const QString line = data.error().toString();
    QVERIFY2(line.startsWith(kFile + QStringLiteral(": ") + where), qPrintable(line));
    QVERIFY2(line.contains(message), qPrintable(line));
}

void TestCaseJson::accepted_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("json");
    QTest::newRow("unknown key at the top is ignored") << "extra"
                                                       << "{\"anything\": [1, 2]}";
    QTest::newRow("unknown key in member is ignored") << "member.nickname"
                                                      << "\"J\"";
    QTest::newRow("unknown key in an answer is ignored") << "answers.indication.reviewer"
                                                         << "\"R7\"";
    QTest::newRow("unknown key in evidence is ignored") << "answers.indication.evidence[0].color"
                                                        << "\"yellow\"";
    QTest::newRow("answer under an unknown judgment id is ignored") << "answers.frobnicate"
                                                                    << "{\"value\": \"met\"}";
    QTest::newRow("provider is optional") << "provider"
                                          << "<remove>";
    QTest::newRow("member name is optional") << "member.name"
                                             << "<remove>";
    QTest::newRow("clinical question is optional") << "request.clinicalQuestion"
                                                   << "<remove>";
    QTest::newRow("prior study date may be absent") << "request.priorStudyDate"
                                                    << "<remove>";
    QTest::newRow("prior study date given") << "request.priorStudyDate"
                                            << "\"2025-06-30\"";
    QTest::newRow("answers are optional") << "answers"
                                          << "<remove>";
    QTest::newRow("note and evidence are optional") << "answers.indication.evidence"
                                                    << "<remove>";
    QTest::newRow("no diagnoses") << "request.diagnoses"
                                  << "[]";
    QTest::newRow("ICD-10 with four after the dot") << "request.diagnoses[0]"
                                                    << "\"S82.101A\"";
    QTest::newRow("ICD-10 without the dot") << "request.diagnoses[0]"
                                            << "\"S82101A\"";
    QTest::newRow("ICD-10 category only") << "request.diagnoses[0]"
                                          << "\"R26\"";
    QTest::newRow("ICD-10 lower case") << "request.diagnoses[0]"
                                       << "\"g80.1\"";
    QTest::newRow("indication not-met needs no type") << "answers.indication"
                                                      << "{\"value\": \"not-met\"}";
    QTest::newRow("indication with all five types") << "answers.indication.types"
                                                    << "[\"gait-abnormality\", \"neuromuscular-disease\", "
                                                       "\"preoperative-planning\", \"orthotic-prosthetic\", "
                                                       "\"persistent-impairment\"]";
    QTest::newRow("answer to a judgment that does not apply") << "answers.plantar-pressure"
                                                              << "{\"value\": \"not-met\"}";
    QTest::newRow("explicit unknown") << "answers.cosmetic"
                                      << "{\"value\": \"unknown\"}";
    QTest::newRow("expedited") << "request.urgency"
                               << "\"expedited\"";
    QTest::newRow("received with milliseconds") << "request.receivedAt"
                                                << "\"2026-11-20T14:05:00.250Z\"";
    QTest::newRow("received with an offset") << "request.receivedAt"
                                             << "\"2026-11-20T09:05:00-05:00\"";
    QTest::newRow("status written by export") << "status"
                                              << "\"awaiting-medical-director\"";
    QTest::newRow("evidence with a rectangle") << "answers.indication.evidence[0].rect"
                                               << "[72, 500.5, 200, 14]";
}

void TestCaseJson::accepted()
{
    QFETCH(QString, path);
    QFETCH(QString, json);
    const Result<CaseData> data = CaseJson::parse(mutate(m_sample, path, json), m_policy, kFile);
    QVERIFY2(data.ok(), qPrintable(data ? QString() : data.error().toString()));
    QVERIFY(!data->answers.contains(QStringLiteral("frobnicate")));
    // and what is read is written back and read again to the same data
    const Result<CaseData> again = CaseJson::parse(CaseJson::toJson(*data), m_policy, kFile);
    QVERIFY(again.ok());
    QCOMPARE(*again, *data);
}

void TestCaseJson::validateReportsUnknownJudgmentIds()
{
    // parse() drops them (unknown keys are ignored); validate() names them for callers such as
    // `reviewdesk-cli answer --id`, which name one id on purpose.
    Result<CaseData> data = CaseJson::parse(m_sample, m_policy, kFile);
    QVERIFY(data.ok());
    CaseData withUnknown = *data;
    withUnknown.answers.insert(QStringLiteral("frobnicate"), Answer{AnswerValue::Met, {}, {}, {}});
    const auto error = CaseJson::validate(withUnknown, m_policy);
    QVERIFY(error.has_value());
    QCOMPARE(error->path, QStringLiteral("answers.frobnicate"));
    QVERIFY(error->message.contains(QStringLiteral("unknown judgment id 'frobnicate'")));
}

void TestCaseJson::roundTripSample()
{
    const Result<CaseData> data = CaseJson::parse(m_sample, m_policy, kFile);
    QVERIFY(data.ok());
    const QByteArray written = CaseJson::toJson(*data);
    const Result<CaseData> again = CaseJson::parse(written, m_policy, kFile);
    QVERIFY(again.ok());
    QCOMPARE(*again, *data);
    QCOMPARE(CaseJson::toJson(*again), written);
    QCOMPARE(QJsonDocument::fromJson(written).object().value(QStringLiteral("status")).toString(),
             QStringLiteral("new"));
}

void TestCaseJson::roundTripEverything()
{
    CaseData data;
    data.member.id = QStringLiteral("M-7");
    data.member.name = QStringLiteral("Zoë \"Quote\" Ünïcode");
    data.member.birthDate = QDate(2020, 2, 29);
    data.member.language = QStringLiteral("es");
    data.member.address = {{QStringLiteral("12 Alder St"), QStringLiteral("Apt 3")},
                           QStringLiteral("Eugene"),
                           QStringLiteral("OR"),
                           QStringLiteral("97401")};
    data.member.guardianName = QStringLiteral("Ana Rivera");
    data.provider = {QStringLiteral("Lab"), QStringLiteral("1234567893")};
    data.request.receivedAt = QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59, 125), Qt::UTC);
    data.request.urgency = Urgency::Expedited;
    data.request.serviceDate = QDate(2027, 1, 15);
    data.request.lines = {QStringLiteral("96004"), QStringLiteral("96001")};
    data.request.diagnoses = {QStringLiteral("M21.611"), QStringLiteral("Z96.60")};
    data.request.priorStudyDate = QDate(2024, 2, 29);
    data.request.clinicalQuestion = QStringLiteral("Line one\nline two\ttab");
    Answer indication;
    indication.value = AnswerValue::Met;
    indication.types = {QStringLiteral("persistent-impairment"), QStringLiteral("gait-abnormality")};
    indication.note = QStringLiteral("note");
    indication.evidence = {
        Evidence{QStringLiteral("a.pdf"), 3, QStringLiteral("quote"), QRectF(10.5, 20.25, 100, 12)},
        Evidence{QStringLiteral("b.pdf"), 1, QString(), QRectF()}};
    data.answers.insert(QStringLiteral("indication"), indication);
    data.answers.insert(QStringLiteral("repeat-justified"), Answer{AnswerValue::Unknown, {}, {}, {}});
    data.answers.insert(QStringLiteral("observational-only"),
                        Answer{AnswerValue::No, {}, QStringLiteral("n"), {}});
    data.status = CaseStatus::PendedForInformation;
    QVERIFY(!CaseJson::validate(data, m_policy));
    for (auto format : {QJsonDocument::Indented, QJsonDocument::Compact}) {
        const QByteArray written = CaseJson::toJson(data, format);
        const Result<CaseData> again = CaseJson::parse(written, m_policy, kFile);
        QVERIFY2(again.ok(), qPrintable(again ? QString() : again.error().toString()));
        QCOMPARE(*again, data);
        QCOMPARE(again->request.receivedAt.time().msec(), 125);
        QCOMPARE(CaseJson::toJson(*again, format), written);
    }
    const QJsonObject object = CaseJson::toJsonObject(data);
    QCOMPARE(
        object.value(QStringLiteral("request")).toObject().value(QStringLiteral("receivedAt")).toString(),
        QStringLiteral("2026-12-31T23:59:59.125Z"));
    QCOMPARE(object.value(QStringLiteral("status")).toString(), QStringLiteral("pended-for-information"));
}

void TestCaseJson::callerCanExtend()
{
    const Result<CaseData> data = CaseJson::parse(m_sample, m_policy, kFile);
    QVERIFY(data.ok());
    QJsonObject object = CaseJson::toJsonObject(*data);
    object.insert(QStringLiteral("attachments"),
                  QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("clinic-note.pdf")},
                                         {QStringLiteral("sha256"), QStringLiteral("00ff")}}});
    const Result<CaseData> again = CaseJson::parse(QJsonDocument(object).toJson(), m_policy, kFile);
    QVERIFY(again.ok());
    QCOMPARE(*again, *data);
}

void TestCaseJson::readFileErrors()
{
    const Result<CaseData> missing = CaseJson::readFile(QStringLiteral("/nonexistent/case.json"), m_policy);
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().toString().startsWith(QStringLiteral("/nonexistent/case.json: ")));
    const QString path = QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json");
    QVERIFY(CaseJson::readFile(path, m_policy).ok());
}

// What QJsonDocument takes without a word (a key twice: it keeps one) and what no case holds (a name
// of a megabyte, a thousand lines, nesting without end, hidden characters) is refused, naming the field.
void TestCaseJson::limitsAndDuplicateKeys_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("errorPath");
    QTest::addColumn<QString>("message");
    auto edited = [this](const QByteArray& from, const QByteArray& to) {
        QByteArray json = m_sample;
        if (!json.contains(from))
            qFatal("the sample does not hold %s", from.constData());
        return json.replace(from, to);
    };
    QTest::newRow("a key twice at the top")
        << edited("{\n", "{\"status\": \"new\", \"status\": \"denied\",\n") << "status"
        << "appears twice in one object";
    QTest::newRow("a key twice inside")
        << edited("\"urgency\": \"standard\",", "\"urgency\": \"standard\", \"urgency\": \"expedited\",")
        << "request.urgency"
        << "appears twice in one object";
    QTest::newRow("a key twice, once escaped")
        << edited("\"lines\":", "\"\\u006cines\": [\"96000\"], \"lines\":") << "request.lines"
        << "appears twice in one object";
    QTest::newRow("a name over 200 characters")
        << edited("\"Jordan Rivera\"", "\"" + QByteArray(201, 'J') + "\"") << "member.name"
        << "is longer than 200 characters";
    QTest::newRow("a note over 20,000 characters")
        << edited("\"note\": \"Spastic", "\"note\": \"" + QByteArray(20001, 'x') + " Spastic")
        << "answers.indication.note"
        << "is longer than 20000 characters";
    QByteArray lines = "\"lines\": [";
    for (int i = 0; i < 21; ++i)
        lines += (i ? ", " : "") + QByteArray("\"96000\"");
    QTest::newRow("21 lines") << edited("\"lines\": [", lines + ", ") << "request.lines"
                              << "at most 20";
    QByteArray diagnoses = "\"diagnoses\": [";
    for (int i = 0; i < 51; ++i)
        diagnoses += QByteArray("\"G80.1\", ");
    QTest::newRow("51 diagnoses") << edited("\"diagnoses\": [", diagnoses) << "request.diagnoses"
                                  << "at most 50";
    QTest::newRow("nesting without end")
        << edited("{\n", "{\"x\": " + QByteArray(40, '[') + QByteArray(40, ']') + ",\n")
        << "x[0][0][0][0][0][0][0]"
        << "deeper than 8 levels";
    QTest::newRow("a NUL in the member id") << edited("\"M1002\"", "\"M1002\\u0000\"") << "member.id"
                                            << "control or bidirectional-override character";
    QTest::newRow("a bidirectional override in a name")
        << edited("\"Jordan Rivera\"", "\"\\u202eJordan Rivera\"") << "member.name"
        << "control or bidirectional-override character";
    QTest::newRow("over 4 MiB") << m_sample + QByteArray(4 << 20, ' ') << QString() << "is over 4 MiB";
}

void TestCaseJson::limitsAndDuplicateKeys()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, errorPath);
    QFETCH(QString, message);
    QVERIFY(QJsonDocument::fromJson(input).isObject() || input.size() > (4 << 20)); // valid JSON
    const Result<CaseData> data = CaseJson::parse(input, m_policy, kFile);
    QVERIFY(!data.ok());
    const QString line = data.error().toString();
    QCOMPARE(data.error().path, errorPath);
    QVERIFY2(line.contains(message), qPrintable(line));
    QVERIFY(!line.contains(QLatin1Char('\n')));
}

QTEST_GUILESS_MAIN(TestCaseJson)
#include "tst_casejson.moc"
