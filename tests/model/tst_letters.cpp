// Determination letters per plan type (docs/sign-off-and-letters.md, "What each letter must say"):
// every letter kind (approval, denial, partial, request for information), standard and expedited, in
// English and Spanish, for each plan type, checked element by element against the requirements table;
// the plan's time zone; the member's language; and the PDF itself (fonts embedded, every tagline's
// glyphs present, no line twice in the text layer, the document language, no page with only the copy
// line), read back with Poppler's pdffonts and pdftotext.
#include "TestCases.h"
#include "checklist/Engine.h"
#include "checklist/PolicyLoader.h"
#include "model/letters/Letter.h"
#include "model/letters/LetterChecker.h"
#include "model/letters/LetterPdf.h"
#include "model/letters/LetterRequirements.h"
#include "model/letters/Taglines.h"

#include <QFile>
#include <QFont>
#include <QGlyphRun>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRawFont>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextLayout>
#include <QtTest>

using namespace rd;

namespace {

const QString kRationale = QStringLiteral("The notes describe the walking problem but do not show how the "
                                          "results would change the treatment plan.");
const QString kRationaleEs = QStringLiteral("Las notas describen el problema para caminar, pero no muestran "
                                            "cómo los resultados cambiarían el plan de "
                                            "tratamiento.");

PlanInfo planOfType(const QString& type)
{
    QFile file(QStringLiteral(":/letters/plan.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no compiled-in plan");
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    root.insert(QStringLiteral("planType"), type);
    if (type == QLatin1String("medicare-advantage"))
        root.insert(QStringLiteral("appealDays"), 65);
    if (type == QLatin1String("medicaid"))
        root.insert(QStringLiteral("appealDays"), 60);
    QString error;
    const auto plan = PlanInfo::parse(QJsonDocument(root).toJson(), type, &error);
    if (!plan)
        qFatal("%s", qPrintable(error));
    return *plan;
}

User physician()
{
    User user;
    user.login = QStringLiteral("dwhitfield");
    user.name = QStringLiteral("Dana Whitfield");
    user.credentials = QStringLiteral("MD, FAAPMR");
    user.role = UserRole::MedicalDirector;
    user.phone = QStringLiteral("1-800-555-0190");
    return user;
}

// The answers that give each kind of letter for the lines 96000, 96002, 96004.
CaseData caseFor(const Policy& policy, const QString& kind, bool expedited, const QString& language)
{
    CaseData data = test::sampleCase();
    data.member.language = language;
    data.member.address = {{QStringLiteral("18 Alder Lane")},
                           QStringLiteral("Eugene"),
                           QStringLiteral("OR"),
                           QStringLiteral("97401")};
    data.member.guardianName = QStringLiteral("Maria Rivera");
    data.request.urgency = expedited ? Urgency::Expedited : Urgency::Standard;
    test::answerFavourably(data, policy);
    if (kind == QLatin1String("denial"))
        data.answers[QStringLiteral("management-impact")].value = AnswerValue::NotMet;
    else if (kind == QLatin1String("partial"))
        data.answers[QStringLiteral("emg-distinct")].value = AnswerValue::NotMet;
    else if (kind == QLatin1String("information-request")) {
        data.answers.remove(QStringLiteral("conservative-care"));
        data.answers.remove(QStringLiteral("conservative-care-exception"));
    }
    return data;
}

LetterInput inputFor(const Policy& policy, const PlanInfo& plan, const CaseData& data,
                     const QString& language)
{
    LetterInput input;
    input.data = data;
    input.decision = Engine(policy).evaluate(data);
    input.policy = policy;
    input.plan = plan;
    input.language = language;
    input.caseId = QStringLiteral("3f2a9c1e-0000-4000-8000-000000000001");
    input.fields = {{LetterField::clinicalRationale(), kRationale},
                    {LetterField::clinicalRationale() + QStringLiteral(".es"), kRationaleEs}};
    const QDateTime at(QDate(2026, 11, 21), QTime(17, 30), Qt::UTC);
    if (input.decision.overall == OverallOutcome::Pended) {
        input.issuedAt = at;
    } else {
        input.signer = physician();
        input.signedAt = at;
    }
    return input;
}

Letter buildOrFail(const LetterInput& input)
{
    QString error;
    const auto letter = LetterBuilder::build(input, &error);
    if (!letter)
        qFatal("%s", qPrintable(error));
    return *letter;
}

QString element(const Letter& letter, const char* name)
{
    return LetterChecker::element(letter.html, QString::fromLatin1(name)).value_or(QString()).simplified();
}

int run(const QString& program, const QStringList& args, QString* out)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(60000))
        return -1;
    *out = QString::fromUtf8(process.readAllStandardOutput());
    return process.exitCode();
}

} // namespace

class TestLetters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyKindForEveryPlanType_data();
    void everyKindForEveryPlanType();
    void planFileRefusesAShortAppealWindow();
    void datesAreThePlansTimeZone();
    void spanishMemberNeedsASpanishRationale();
    void alternativesAreAskedAsOne();
    void codeRuleOverrideIsNamed();
    void codesFreeOnRequest();
    void retrospectiveRequestIsSaid();
    void docsTableListsEveryElement();
    void taglinesHaveEveryGlyph();
    void pdfIsReadableAndWhole_data();
    void pdfIsReadableAndWhole();

private:
    Policy m_policy;
    QTemporaryDir m_dir;
};

void TestLetters::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Result<Policy> policy = PolicyLoader::loadBuiltIn();
    QVERIFY(policy);
    m_policy = *policy;
}

void TestLetters::everyKindForEveryPlanType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("expedited");
    QTest::addColumn<QString>("language");
    for (const char* type : {"erisa-group", "aca-individual", "medicare-advantage", "medicaid"})
        for (const char* kind : {"approval", "denial", "partial", "information-request"})
            for (bool expedited : {false, true})
                for (const char* language : {"en", "es"})
                    QTest::addRow("%s %s %s %s", type, kind, expedited ? "expedited" : "standard", language)
                        << QString::fromLatin1(type) << QString::fromLatin1(kind) << expedited
                        << QString::fromLatin1(language);
}

void TestLetters::everyKindForEveryPlanType()
{
    QFETCH(QString, type);
    QFETCH(QString, kind);
    QFETCH(bool, expedited);
    QFETCH(QString, language);
    const PlanInfo plan = planOfType(type);
    const LetterInput input =
        inputFor(m_policy, plan, caseFor(m_policy, kind, expedited, language), language);
    const Letter letter = buildOrFail(input);
    QCOMPARE(toString(letter.kind), kind);
    const QStringList problems = LetterChecker::check(letter, input);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

    // Every element of the table that applies, present and not empty.
    const QList<LetterRequirement> required = LetterRequirements::forLetter(letter.kind, input);
    QVERIFY(required.size() >= 10);
    for (const LetterRequirement& requirement : required)
        QVERIFY2(!element(letter, qPrintable(requirement.element)).isEmpty(),
                 qPrintable(requirement.element));
    QVERIFY(!element(letter, "addressee").isEmpty()); // a 10-year-old's letter goes to the guardian
    QVERIFY(element(letter, "addressee").contains(QStringLiteral("Maria Rivera")));
    QVERIFY(element(letter, "member-address").contains(QStringLiteral("18 Alder Lane")));
    QVERIFY(element(letter, "service-date").contains(LetterText::date(QDate(2026, 12, 15), language)));
    QVERIFY(element(letter, "codes").contains(QStringLiteral("G80.1")));

    const PlanTypeRules rules = plan.rules();
    const bool adverse = kind == QLatin1String("denial") || kind == QLatin1String("partial");
    if (adverse) {
        QVERIFY(element(letter, "appeal").contains(QString::number(rules.minimumAppealDays)));
        QVERIFY(element(letter, "appeal-decision-time").contains(QStringLiteral("30")));
        QVERIFY(element(letter, "expedited-appeal").contains(QStringLiteral("72")));
        QVERIFY(!element(letter, "external-review").isEmpty());
        QCOMPARE(!element(letter, "right-to-sue").isEmpty(), type == QLatin1String("erisa-group"));
        QCOMPARE(!element(letter, "consumer-assistance").isEmpty(), rules.consumerAssistance);
        QCOMPARE(!element(letter, "continuation-of-benefits").isEmpty(), type == QLatin1String("medicaid"));
        const QString criteria = element(letter, "criteria");
        const auto relied = LetterText::criteriaReliedOn(input);
        QVERIFY(!relied.isEmpty());
        QVERIFY2(criteria.contains(relied.first().first) &&
                     criteria.contains(relied.first().second.simplified()),
                 qPrintable(criteria));
        QCOMPARE(relied.first().first.contains(QStringLiteral("Criterios")) ||
                     relied.first().first.contains(QStringLiteral("Cuándo")),
                 language == QLatin1String("es"));
        if (rules.reasonCodes)
            QVERIFY(element(letter, "denied-services").contains(QStringLiteral("MN01")));
        else
            QVERIFY(!element(letter, "denied-services").contains(QStringLiteral("MN01")));
    } else {
        QVERIFY(element(letter, "right-to-sue").isEmpty());
        QVERIFY(element(letter, "appeal").isEmpty());
    }
    if (kind == QLatin1String("information-request")) {
        const InformationClock clock = LetterText::informationClock(input);
        QVERIFY(clock.respondBy < clock.decisionDueBy);
        if (expedited)
            QVERIFY(input.issuedAt.secsTo(clock.respondBy) >= 48 * 3600);
        QVERIFY(element(letter, "respond-by")
                    .contains(LetterText::localDateTime(plan, clock.respondBy, language)));
        QVERIFY(element(letter, "decision-clock")
                    .contains(LetterText::localDateTime(plan, clock.decisionDueBy, language)));
        QCOMPARE(!element(letter, "extension-grievance").isEmpty(), rules.extensionGrievance && !expedited);
        for (const QString& code : input.data.request.lines)
            QVERIFY(element(letter, "missing-information").contains(code));
    } else {
        QVERIFY(element(letter, "signature").contains(LetterText::localTime(plan, input.signedAt, language)));
    }
}

void TestLetters::planFileRefusesAShortAppealWindow()
{
    QFile file(QStringLiteral(":/letters/plan.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    root.insert(QStringLiteral("appealDays"), 60);
    QString error;
    QVERIFY(!PlanInfo::parse(QJsonDocument(root).toJson(), QStringLiteral("plan.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("appealDays")) && error.contains(QStringLiteral("180")),
             qPrintable(error));
    root.insert(QStringLiteral("appealDays"), 180);
    root.insert(QStringLiteral("timeZone"), QStringLiteral("Mars/Olympus"));
    QVERIFY(!PlanInfo::parse(QJsonDocument(root).toJson(), QStringLiteral("plan.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("timeZone")), qPrintable(error));
    root.insert(QStringLiteral("timeZone"), QStringLiteral("America/Los_Angeles"));
    QVERIFY(PlanInfo::parse(QJsonDocument(root).toJson(), QStringLiteral("plan.json"), &error));

    // Fewer than the state's top 15 languages, or one listed twice to make up the count.
    QJsonArray languages = root.value(QStringLiteral("taglineLanguages")).toArray();
    QCOMPARE(languages.size(), 15);
    languages.removeLast();
    root.insert(QStringLiteral("taglineLanguages"), languages);
    QVERIFY(!PlanInfo::parse(QJsonDocument(root).toJson(), QStringLiteral("plan.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("taglineLanguages")) && error.contains(QStringLiteral("15")),
             qPrintable(error));
    languages.append(languages.first());
    root.insert(QStringLiteral("taglineLanguages"), languages);
    QVERIFY(!PlanInfo::parse(QJsonDocument(root).toJson(), QStringLiteral("plan.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("each once")), qPrintable(error));
}

void TestLetters::datesAreThePlansTimeZone()
{
    const PlanInfo plan = planOfType(QStringLiteral("erisa-group"));
    LetterInput input =
        inputFor(m_policy, plan, caseFor(m_policy, QStringLiteral("denial"), false, QStringLiteral("en")),
                 QStringLiteral("en"));
    input.signedAt = QDateTime(QDate(2026, 12, 1), QTime(0, 44), Qt::UTC); // 16:44 on Nov 30 in Oregon
    const Letter letter = buildOrFail(input);
    QCOMPARE(element(letter, "date"), QStringLiteral("November 30, 2026"));
    QVERIFY(element(letter, "signature").contains(QStringLiteral("November 30, 2026")));
    QVERIFY(element(letter, "signature").contains(QStringLiteral("16:44")));
    QCOMPARE(LetterText::appealDeadline(input), QDate(2026, 11, 30).addDays(180));
    QVERIFY(LetterChecker::check(letter, input).isEmpty());
}

void TestLetters::spanishMemberNeedsASpanishRationale()
{
    const PlanInfo plan = planOfType(QStringLiteral("erisa-group"));
    const QString es = QStringLiteral("es");
    LetterInput input = inputFor(m_policy, plan, caseFor(m_policy, QStringLiteral("denial"), false, es), es);
    input.fields.remove(LetterField::clinicalRationale() + QStringLiteral(".es"));
    const QStringList problems = LetterChecker::check(buildOrFail(input), input);
    QVERIFY2(problems.join(QLatin1Char(' ')).contains(QStringLiteral("clinical-rationale: is in English")),
             qPrintable(problems.join(QLatin1Char('\n'))));
    // A Spanish "translation" that is English still is caught.
    input.fields.insert(LetterField::clinicalRationale() + QStringLiteral(".es"), kRationale);
    QVERIFY(!LetterChecker::check(buildOrFail(input), input).isEmpty());
    input.fields.insert(LetterField::clinicalRationale() + QStringLiteral(".es"), kRationaleEs);
    QVERIFY(LetterChecker::check(buildOrFail(input), input).isEmpty());
    // An English-speaking member's Spanish copy is not held to it.
    input.data.member.language = QStringLiteral("en");
    input.fields.remove(LetterField::clinicalRationale() + QStringLiteral(".es"));
    QVERIFY(LetterChecker::check(buildOrFail(input), input).isEmpty());
    // The Spanish letter's fixed parts are Spanish: the criteria's title and the appeals office.
    const Letter letter = buildOrFail(input);
    QVERIFY(
        element(letter, "criteria").contains(QStringLiteral("Procedimientos de análisis del movimiento")));
    QVERIFY(element(letter, "appeal").contains(QStringLiteral("Apelaciones y Quejas")));
    QVERIFY(!letter.html.contains(QStringLiteral("por sus siglas en inglés) ") + QStringLiteral("UTC")));
    QVERIFY(!LetterBuilder::plainText(letter.html).contains(QStringLiteral("UTC, por sus siglas")));
}

void TestLetters::alternativesAreAskedAsOne()
{
    const PlanInfo plan = planOfType(QStringLiteral("erisa-group"));
    const LetterInput input = inputFor(
        m_policy, plan, caseFor(m_policy, QStringLiteral("information-request"), false, QStringLiteral("en")),
        QStringLiteral("en"));
    const QString text = element(buildOrFail(input), "missing-information");
    QCOMPARE(text.count(QStringLiteral("Either one of these is enough")), 1);
    QVERIFY(text.contains(QStringLiteral("care you have already tried")));
    QVERIFY(text.contains(QStringLiteral("urgent reason")));
}

void TestLetters::codeRuleOverrideIsNamed()
{
    const PlanInfo plan = planOfType(QStringLiteral("erisa-group"));
    CaseData data = caseFor(m_policy, QStringLiteral("approval"), false, QStringLiteral("en"));
    data.request.lines = {QStringLiteral("96000"), QStringLiteral("96001")};
    LetterInput input = inputFor(m_policy, plan, data, QStringLiteral("en"));
    QCOMPARE(toString(input.decision.lines.at(0).decision), QStringLiteral("deny")); // the code rule
    QVERIFY(element(buildOrFail(input), "code-rule-override").isEmpty());
    // The physician's override approves 96000 too: the letter names the rule it sets aside.
    input.decision.lines[0] = {QStringLiteral("96000"), {}, LineOutcome::Approve, {}};
    input.decision.overall = OverallOutcome::Approved;
    const Letter letter = buildOrFail(input);
    QVERIFY(element(letter, "code-rule-override")
                .contains(QStringLiteral("96000 and 96001 should not be billed together")));
    QVERIFY2(LetterChecker::check(letter, input).isEmpty(),
             qPrintable(LetterChecker::check(letter, input).join(QLatin1Char('\n'))));
    input.language = QStringLiteral("es");
    QVERIFY(element(buildOrFail(input), "code-rule-override")
                .contains(QStringLiteral("no deben facturarse juntos")));
}

void TestLetters::codesFreeOnRequest()
{
    PlanInfo plan = planOfType(QStringLiteral("aca-individual"));
    plan.printCodes = false;
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("es")}) {
        const LetterInput input =
            inputFor(m_policy, plan, caseFor(m_policy, QStringLiteral("denial"), false, language), language);
        const Letter letter = buildOrFail(input);
        const QString codes = element(letter, "codes");
        QVERIFY2(!codes.contains(QStringLiteral("G80.1")), qPrintable(codes));
        QVERIFY2(codes.contains(language == QLatin1String("es") ? QStringLiteral("sin costo")
                                                                : QStringLiteral("at no cost")),
                 qPrintable(codes));
        QVERIFY(LetterChecker::check(letter, input).isEmpty());
    }
}

void TestLetters::retrospectiveRequestIsSaid()
{
    const PlanInfo plan = planOfType(QStringLiteral("medicaid"));
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("es")}) {
        CaseData data = caseFor(m_policy, QStringLiteral("approval"), false, language);
        QVERIFY(element(buildOrFail(inputFor(m_policy, plan, data, language)), "retrospective").isEmpty());
        data.request.serviceDate = QDate(2026, 11, 2); // received 2026-11-20
        const LetterInput input = inputFor(m_policy, plan, data, language);
        const Letter letter = buildOrFail(input);
        QVERIFY2(element(letter, "retrospective")
                     .contains(language == QLatin1String("es")
                                   ? QStringLiteral("después de que se prestó")
                                   : QStringLiteral("requested after it was given")),
                 qPrintable(element(letter, "retrospective")));
        QVERIFY(LetterChecker::check(letter, input).isEmpty());
    }
}

void TestLetters::docsTableListsEveryElement()
{
    QFile doc(QStringLiteral(REVIEWDESK_SOURCE_DIR "/docs/sign-off-and-letters.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(doc.readAll());
    for (const LetterRequirement& requirement : LetterRequirements::all()) {
        QVERIFY2(text.contains(QStringLiteral("| `%1` |").arg(requirement.element)),
                 qPrintable(requirement.element));
        QVERIFY2(text.contains(requirement.source), qPrintable(requirement.source));
    }
}

void TestLetters::taglinesHaveEveryGlyph()
{
    QString error;
    const auto page = Taglines::forPlan(planOfType(QStringLiteral("erisa-group")), &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->taglines.size(), 16); // English and the state's top 15
    for (const Tagline& tagline : page->taglines) {
        QFont font;
        QStringList families = tagline.fonts;
        families.append(QStringLiteral("DejaVu Sans"));
        font.setFamilies(families);
        QTextLayout layout(tagline.label + QStringLiteral(": ") + tagline.text, font);
        layout.beginLayout();
        layout.createLine();
        layout.endLayout();
        int glyphs = 0;
        for (const QGlyphRun& run : layout.glyphRuns()) {
            const QString family = run.rawFont().familyName();
            for (quint32 index : run.glyphIndexes()) {
                QVERIFY2(
                    index != 0,
                    qPrintable(QStringLiteral("%1: a missing glyph in %2").arg(tagline.language, family)));
                ++glyphs;
            }
        }
        QVERIFY2(glyphs > 10, qPrintable(tagline.language));
    }
}

void TestLetters::pdfIsReadableAndWhole_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("language");
    for (const char* kind : {"denial", "partial", "information-request", "approval"})
        for (const char* language : {"en", "es"})
            QTest::addRow("%s %s", kind, language)
                << QString::fromLatin1(kind) << QString::fromLatin1(language);
}

void TestLetters::pdfIsReadableAndWhole()
{
    QFETCH(QString, kind);
    QFETCH(QString, language);
    const PlanInfo plan = planOfType(QStringLiteral("erisa-group"));
    const LetterInput input = inputFor(m_policy, plan, caseFor(m_policy, kind, false, language), language);
    const Letter letter = buildOrFail(input);
    const QString pdf = m_dir.filePath(QStringLiteral("%1-%2.pdf").arg(kind, language));
    // The audit head's digits as a reader copies them: "ff" must not come out as the ligature U+FB00.
    const QString footer =
        QStringLiteral("Riverbend Community Health Plan · Member M1002 · Audit 19:07c31a07f8ff98ab");
    QString error;
    QVERIFY2(LetterPdf::write(letter.html, pdf, plan.name, footer, language, &error), qPrintable(error));
    // For looking at the letters (docs/screenshots): REVIEWDESK_KEEP_LETTERS=DIR keeps a copy.
    const QString keep = qEnvironmentVariable("REVIEWDESK_KEEP_LETTERS");
    if (!keep.isEmpty())
        QFile::copy(pdf, QDir(keep).filePath(QFileInfo(pdf).fileName()));

    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(language == QLatin1String("es") ? "/Lang (es-US)" : "/Lang (en-US)"));

    QString fonts;
    QCOMPARE(run(QStringLiteral("pdffonts"), {pdf}, &fonts), 0);
    const QStringList fontLines = fonts.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
    QVERIFY(!fontLines.isEmpty());
    for (const QString& line : fontLines) {
        const QStringList columns = line.simplified().split(QLatin1Char(' '));
        QVERIFY2(columns.size() > 5 && columns.at(columns.size() - 5) == QLatin1String("yes"),
                 qPrintable(line));
    }
    for (const char* family : {"WenQuanYi", "Khmer", "Garuda", "DejaVu"})
        QVERIFY2(fonts.contains(QString::fromLatin1(family)), qPrintable(fonts));

    QString text;
    QCOMPARE(run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}, &text), 0);
    const QStringList pages = text.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
    QVERIFY(pages.size() >= 2);
    for (const QString& page : pages)
        QVERIFY2(QString(page)
                     .remove(QRegularExpression(QStringLiteral("\\s")))
                     .contains(QStringLiteral("Audit19:07c31a07f8ff98ab")),
                 qPrintable(page.right(200)));
    // No line on both sides of a page break (a line drawn on two pages is read twice).
    QList<QStringList> bodies;
    for (qsizetype p = 0; p < pages.size(); ++p) {
        QStringList body;
        for (const QString& raw : pages.at(p).split(QLatin1Char('\n'))) {
            const QString line = raw.simplified();
            if (line.isEmpty() || line.contains(QStringLiteral("Member M1002")) ||
                line.startsWith(QStringLiteral("Page ")) || line.startsWith(QStringLiteral("Página ")))
                continue;
            body.append(line);
        }
        QVERIFY2(!(body.size() == 1 &&
                   body.first().startsWith(language == QLatin1String("es") ? QStringLiteral("Copia:")
                                                                           : QStringLiteral("Copy:"))),
                 qPrintable(QStringLiteral("page %1 holds only the copy line").arg(p + 1)));
        bodies.append(body);
    }
    for (qsizetype p = 0; p + 1 < bodies.size(); ++p) {
        const QStringList before = bodies.at(p).mid(qMax<qsizetype>(0, bodies.at(p).size() - 3));
        for (const QString& line : bodies.at(p + 1).mid(0, 3))
            QVERIFY2(line.size() < 12 || !before.contains(line),
                     qPrintable(QStringLiteral("on both sides of page break %1: %2").arg(p + 1).arg(line)));
    }
    const QString tagline = Taglines::forPlan(plan, &error)->taglines.at(3).text; // Chinese
    QVERIFY2(text.simplified().remove(QLatin1Char(' ')).contains(tagline.left(8)),
             qPrintable(tagline.left(8)));
}

QTEST_MAIN(TestLetters)
#include "tst_letters.moc"
