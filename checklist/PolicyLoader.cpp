#include "checklist/PolicyLoader.h"

#include "checklist/JsonIn.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace rd {

using namespace JsonIn;

namespace {

const QString kFormat = QStringLiteral("reviewdesk-policy");
constexpr int kFormatVersion = 1;

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

class Reader
{
public:
    Policy read(const QJsonObject& root);

private:
    QString readId(const QJsonObject& object, const QString& path);
    void claimId(const QString& id, const QString& path);
    QString knownCode(const QJsonValue& value, const QString& path) const;
    QStringList knownCodes(const QJsonValue& value, const QString& path, bool allowEmpty) const;
    Condition readCondition(const QJsonValue& value, const QString& path) const;
    QList<Condition> readConditions(const QJsonObject& object, const QString& path,
                                    const QString& name) const;
    Translations readTranslations(const QJsonObject& object, const QString& path,
                                  const QStringList& fields) const;
    void readCodes(const QJsonObject& root);
    void readJudgments(const QJsonObject& root);
    void readGroups(const QJsonObject& root);
    void readCodeRules(const QJsonObject& root);
    void readRequestRules(const QJsonObject& root);
    void readSamples(const QJsonObject& root);
    void readAdvisories(const QJsonObject& root);
    void readContradictions(const QJsonObject& root);

    Policy m_policy;
    QSet<QString> m_ids;
};

QString Reader::readId(const QJsonObject& object, const QString& path)
{
    static const QRegularExpression shape(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    const QString id = requiredString(object, path, key("id"));
    if (!shape.match(id).hasMatch())
        fail(member(path, key("id")),
             QStringLiteral("%1 is not an id (lower-case letters, digits and single hyphens)")
                 .arg(quoted(id)));
    return id;
}

void Reader::claimId(const QString& id, const QString& path)
{
    if (m_ids.contains(id))
        fail(path, QStringLiteral("duplicate id %1 (judgments, groups, code rules and advisories share one "
                                  "set of ids)")
                       .arg(quoted(id)));
    m_ids.insert(id);
}

QString Reader::knownCode(const QJsonValue& value, const QString& path) const
{
    const QString code = string(value, path);
    if (!m_policy.code(code))
        fail(path, QStringLiteral("refers to code %1, which is not among the policy's codes (%2)")
                       .arg(quoted(code), quotedList(m_policy.codeList())));
    return code;
}

QStringList Reader::knownCodes(const QJsonValue& value, const QString& path, bool allowEmpty) const
{
    const QJsonArray items = array(value, path);
    if (items.isEmpty() && !allowEmpty)
        fail(path, QStringLiteral("must list at least one code"));
    QStringList result;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString code = knownCode(items.at(i), index(path, i));
        if (result.contains(code))
            fail(index(path, i), QStringLiteral("duplicate code %1").arg(quoted(code)));
        result.append(code);
    }
    return result;
}

Condition Reader::readCondition(const QJsonValue& value, const QString& path) const
{
    const QJsonObject object = JsonIn::object(value, path);
    const QString kindText = requiredString(object, path, key("kind"));
    Condition condition;
    const QStringList kinds = {key("code-requested"),          key("prior-study-given"),
                               key("member-younger-than"),     key("diagnosis-matches"),
                               key("no-diagnosis-in-samples"), key("no-diagnosis"),
                               key("service-before-receipt")};
    if (kindText == kinds.at(0)) {
        onlyKeys(object, path, {key("kind"), key("codes")});
        condition.kind = Condition::Kind::CodeRequested;
        condition.codes = knownCodes(required(object, path, key("codes")), member(path, key("codes")), false);
    } else if (kindText == kinds.at(1)) {
        onlyKeys(object, path, {key("kind")});
        condition.kind = Condition::Kind::PriorStudyGiven;
    } else if (kindText == kinds.at(2)) {
        onlyKeys(object, path, {key("kind"), key("parameter")});
        condition.kind = Condition::Kind::MemberYoungerThan;
        condition.parameter = requiredString(object, path, key("parameter"));
        if (!m_policy.parameters.contains(condition.parameter))
            fail(member(path, key("parameter")),
                 QStringLiteral("refers to parameter %1, which is not in \"parameters\"")
                     .arg(quoted(condition.parameter)));
        condition.years = m_policy.parameters.value(condition.parameter);
    } else if (kindText == kinds.at(3)) {
        onlyKeys(object, path, {key("kind"), key("patterns")});
        condition.kind = Condition::Kind::DiagnosisMatches;
        const QString patternsPath = member(path, key("patterns"));
        const QStringList patterns = stringList(required(object, path, key("patterns")), patternsPath);
        if (patterns.isEmpty())
            fail(patternsPath, QStringLiteral("must list at least one pattern"));
        for (qsizetype i = 0; i < patterns.size(); ++i) {
            const DiagnosisPattern pattern = DiagnosisPattern::parse(patterns.at(i));
            if (!pattern.isValid())
                fail(index(patternsPath, i),
                     QStringLiteral("%1 is not a diagnosis pattern").arg(quoted(patterns.at(i))));
            condition.patterns.append(pattern);
        }
    } else if (kindText == kinds.at(4)) {
        onlyKeys(object, path, {key("kind")});
        condition.kind = Condition::Kind::NoDiagnosisInSamples;
    } else if (kindText == kinds.at(5)) {
        onlyKeys(object, path, {key("kind")});
        condition.kind = Condition::Kind::NoDiagnosis;
    } else if (kindText == kinds.at(6)) {
        onlyKeys(object, path, {key("kind")});
        condition.kind = Condition::Kind::ServiceBeforeReceipt;
    } else {
        fail(
            member(path, key("kind")),
            QStringLiteral("unknown condition kind %1 (known: %2)").arg(quoted(kindText), quotedList(kinds)));
    }
    return condition;
}

QList<Condition> Reader::readConditions(const QJsonObject& object, const QString& path,
                                        const QString& name) const
{
    QList<Condition> result;
    const auto value = optional(object, name);
    if (!value)
        return result;
    const QString listPath = member(path, name);
    const QJsonArray items = array(*value, listPath);
    for (qsizetype i = 0; i < items.size(); ++i)
        result.append(readCondition(items.at(i), index(listPath, i)));
    return result;
}

// "translations": { "es": { "failText": "..." } }: language codes of two or three lower-case
// letters, each holding only the item's translatable fields, non-empty strings.
Translations Reader::readTranslations(const QJsonObject& object, const QString& path,
                                      const QStringList& fields) const
{
    Translations result;
    const auto value = optional(object, key("translations"));
    if (!value)
        return result;
    static const QRegularExpression language(QStringLiteral("^[a-z]{2,3}$"));
    const QString translationsPath = member(path, key("translations"));
    const QJsonObject languages = JsonIn::object(*value, translationsPath);
    for (auto it = languages.constBegin(); it != languages.constEnd(); ++it) {
        const QString languagePath = member(translationsPath, it.key());
        if (!language.match(it.key()).hasMatch())
            fail(languagePath, QStringLiteral("%1 is not a language code (two or three lower-case letters)")
                                   .arg(quoted(it.key())));
        const QJsonObject texts = JsonIn::object(it.value(), languagePath);
        onlyKeys(texts, languagePath, fields);
        for (auto text = texts.constBegin(); text != texts.constEnd(); ++text)
            result[it.key()].insert(text.key(), nonEmptyString(texts, languagePath, text.key()));
    }
    return result;
}

void Reader::readCodes(const QJsonObject& root)
{
    const QString path = key("codes");
    const QJsonArray items = array(required(root, {}, path), path);
    if (items.isEmpty())
        fail(path, QStringLiteral("must list at least one code"));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = index(path, i);
        const QJsonObject object = JsonIn::object(items.at(i), itemPath);
        onlyKeys(object, itemPath,
                 {key("code"), key("description"), key("wording"), key("letterText"), key("translations")});
        CodeInfo info;
        info.code = nonEmptyString(object, itemPath, key("code"));
        if (m_policy.code(info.code))
            fail(member(itemPath, key("code")), QStringLiteral("duplicate code %1").arg(quoted(info.code)));
        info.description = nonEmptyString(object, itemPath, key("description"));
        info.wording = optionalString(object, itemPath, key("wording"));
        info.letterText = optionalString(object, itemPath, key("letterText"));
        info.translations = readTranslations(object, itemPath, {key("letterText")});
        m_policy.codes.append(info);
    }
}

void Reader::readJudgments(const QJsonObject& root)
{
    const QString path = key("judgments");
    const QJsonArray items = array(required(root, {}, path), path);
    if (items.isEmpty())
        fail(path, QStringLiteral("must list at least one judgment"));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = index(path, i);
        const QJsonObject object = JsonIn::object(items.at(i), itemPath);
        onlyKeys(object, itemPath,
                 {key("id"), key("kind"), key("title"), key("source"), key("wording"), key("guidance"),
                  key("appliesTo"), key("askedWhen"), key("types"), key("failText"), key("missingText"),
                  key("translations")});
        Judgment judgment;
        judgment.id = readId(object, itemPath);
        claimId(judgment.id, member(itemPath, key("id")));
        const QString kind = requiredString(object, itemPath, key("kind"));
        if (kind == QLatin1String("criterion"))
            judgment.kind = JudgmentKind::Criterion;
        else if (kind == QLatin1String("exclusion"))
            judgment.kind = JudgmentKind::Exclusion;
        else
            fail(member(itemPath, key("kind")),
                 QStringLiteral("unknown judgment kind %1 (known: 'criterion', 'exclusion')")
                     .arg(quoted(kind)));
        judgment.title = nonEmptyString(object, itemPath, key("title"));
        judgment.source = optionalString(object, itemPath, key("source"));
        judgment.wording = nonEmptyString(object, itemPath, key("wording"));
        judgment.guidance = optionalString(object, itemPath, key("guidance"));
        const QJsonValue applies = required(object, itemPath, key("appliesTo"));
        const QString appliesPath = member(itemPath, key("appliesTo"));
        if (applies.isString()) {
            if (applies.toString() != QLatin1String("all"))
                fail(appliesPath, QStringLiteral("must be \"all\" or a list of codes"));
            judgment.lines = m_policy.codeList();
        } else {
            judgment.lines = knownCodes(applies, appliesPath, false);
        }
        judgment.askedWhen = readConditions(object, itemPath, key("askedWhen"));
        if (const auto types = optional(object, key("types"))) {
            const QString typesPath = member(itemPath, key("types"));
            const QJsonArray typeItems = array(*types, typesPath);
            if (judgment.kind != JudgmentKind::Criterion)
                fail(typesPath, QStringLiteral("only a criterion can have types"));
            for (qsizetype t = 0; t < typeItems.size(); ++t) {
                const QString typePath = index(typesPath, t);
                const QJsonObject typeObject = JsonIn::object(typeItems.at(t), typePath);
                onlyKeys(typeObject, typePath, {key("id"), key("label")});
                JudgmentType type;
                type.id = readId(typeObject, typePath);
                for (const JudgmentType& other : std::as_const(judgment.types))
                    if (other.id == type.id)
                        fail(member(typePath, key("id")),
                             QStringLiteral("duplicate type %1").arg(quoted(type.id)));
                type.label = nonEmptyString(typeObject, typePath, key("label"));
                judgment.types.append(type);
            }
        }
        judgment.failText = nonEmptyString(object, itemPath, key("failText"));
        judgment.missingText = nonEmptyString(object, itemPath, key("missingText"));
        judgment.translations = readTranslations(
            object, itemPath, {key("failText"), key("missingText"), key("source"), key("wording")});
        m_policy.judgments.append(judgment);
    }
}

void Reader::readGroups(const QJsonObject& root)
{
    const auto value = optional(root, key("groups"));
    if (!value)
        return;
    const QString path = key("groups");
    const QJsonArray items = array(*value, path);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = index(path, i);
        const QJsonObject object = JsonIn::object(items.at(i), itemPath);
        onlyKeys(object, itemPath, {key("id"), key("kind"), key("title"), key("members")});
        JudgmentGroup group;
        group.id = readId(object, itemPath);
        claimId(group.id, member(itemPath, key("id")));
        group.kind = requiredString(object, itemPath, key("kind"));
        if (group.kind != QLatin1String("any-of"))
            fail(member(itemPath, key("kind")),
                 QStringLiteral("unknown group kind %1 (known: 'any-of')").arg(quoted(group.kind)));
        group.title = nonEmptyString(object, itemPath, key("title"));
        const QString membersPath = member(itemPath, key("members"));
        const QStringList members = stringList(required(object, itemPath, key("members")), membersPath);
        if (members.size() < 2)
            fail(membersPath, QStringLiteral("an any-of group needs at least two members"));
        for (qsizetype m = 0; m < members.size(); ++m) {
            const QString& id = members.at(m);
            const Judgment* judgment = m_policy.judgment(id);
            if (!judgment)
                fail(index(membersPath, m),
                     QStringLiteral("refers to judgment %1, which does not exist").arg(quoted(id)));
            if (group.members.contains(id) || m_policy.groupOf(id))
                fail(index(membersPath, m),
                     QStringLiteral("judgment %1 is already a member of a group").arg(quoted(id)));
            if (judgment->kind != m_policy.judgment(members.first())->kind)
                fail(index(membersPath, m), QStringLiteral("members of a group must all be of one kind"));
            group.members.append(id);
        }
        m_policy.groups.append(group);
    }
}

void Reader::readCodeRules(const QJsonObject& root)
{
    const auto value = optional(root, key("codeRules"));
    if (!value)
        return;
    const QString path = key("codeRules");
    const QJsonArray items = array(*value, path);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = index(path, i);
        const QJsonObject object = JsonIn::object(items.at(i), itemPath);
        CodeRule rule;
        rule.id = readId(object, itemPath);
        claimId(rule.id, member(itemPath, key("id")));
        const QString kind = requiredString(object, itemPath, key("kind"));
        const QString codesPath = member(itemPath, key("codes"));
        if (kind == QLatin1String("exclusive-pair")) {
            onlyKeys(object, itemPath,
                     {key("id"), key("kind"), key("codes"), key("source"), key("wording"), key("text"),
                      key("translations")});
            rule.kind = CodeRule::Kind::ExclusivePair;
            rule.codes = knownCodes(required(object, itemPath, key("codes")), codesPath, false);
            if (rule.codes.size() != 2)
                fail(codesPath, QStringLiteral("an exclusive pair has exactly two codes"));
        } else if (kind == QLatin1String("requires-approved-one-of")) {
            onlyKeys(object, itemPath,
                     {key("id"), key("kind"), key("code"), key("codes"), key("source"), key("wording"),
                      key("text"), key("pendingText"), key("translations")});
            rule.kind = CodeRule::Kind::RequiresApprovedOneOf;
            rule.code = knownCode(required(object, itemPath, key("code")), member(itemPath, key("code")));
            rule.codes = knownCodes(required(object, itemPath, key("codes")), codesPath, false);
            if (rule.codes.contains(rule.code))
                fail(codesPath,
                     QStringLiteral("must not contain the rule's own code %1").arg(quoted(rule.code)));
            rule.pendingText = nonEmptyString(object, itemPath, key("pendingText"));
        } else {
            fail(member(itemPath, key("kind")),
                 QStringLiteral(
                     "unknown code rule kind %1 (known: 'exclusive-pair', 'requires-approved-one-of')")
                     .arg(quoted(kind)));
        }
        rule.source = optionalString(object, itemPath, key("source"));
        rule.wording = nonEmptyString(object, itemPath, key("wording"));
        rule.text = nonEmptyString(object, itemPath, key("text"));
        rule.translations = readTranslations(
            object, itemPath, {key("text"), key("pendingText"), key("source"), key("wording")});
        m_policy.codeRules.append(rule);
    }
}

void Reader::readRequestRules(const QJsonObject& root)
{
    const auto value = optional(root, key("requestRules"));
    if (!value)
        return;
    const QString path = key("requestRules");
    const QJsonArray items = array(*value, path);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = index(path, i);
        const QJsonObject object = JsonIn::object(items.at(i), itemPath);
        onlyKeys(object, itemPath,
                 {key("id"), key("kind"), key("when"), key("appliesTo"), key("source"), key("wording"),
                  key("missingText"), key("translations")});
        RequestRule rule;
        rule.id = readId(object, itemPath);
        claimId(rule.id, member(itemPath, key("id")));
        const QString kind = requiredString(object, itemPath, key("kind"));
        if (kind != QLatin1String("pend-lines"))
            fail(member(itemPath, key("kind")),
                 QStringLiteral("unknown request rule kind %1 (known: 'pend-lines')").arg(quoted(kind)));
        rule.when = readConditions(object, itemPath, key("when"));
        if (rule.when.isEmpty())
            fail(member(itemPath, key("when")), QStringLiteral("must list at least one condition"));
        const QJsonValue applies = required(object, itemPath, key("appliesTo"));
        if (applies.isString() && applies.toString() == QLatin1String("all"))
            rule.lines = m_policy.codeList();
        else if (applies.isString())
            fail(member(itemPath, key("appliesTo")), QStringLiteral("must be \"all\" or a list of codes"));
        else
            rule.lines = knownCodes(applies, member(itemPath, key("appliesTo")), false);
        rule.source = optionalString(object, itemPath, key("source"));
        rule.wording = nonEmptyString(object, itemPath, key("wording"));
        rule.missingText = nonEmptyString(object, itemPath, key("missingText"));
        rule.translations =
            readTranslations(object, itemPath, {key("missingText"), key("source"), key("wording")});
        m_policy.requestRules.append(rule);
    }
}

// "contradictions": [{ "id", "answers": [{ "judgment", "value", "types"? }], "text" }]
void Reader::readContradictions(const QJsonObject& root)
{
    const auto value = optional(root, key("contradictions"));
    if (!value)
        return;
    const QString path = key("contradictions");
    const QJsonArray items = array(*value, path);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = index(path, i);
        const QJsonObject object = JsonIn::object(items.at(i), itemPath);
        onlyKeys(object, itemPath, {key("id"), key("answers"), key("text")});
        Contradiction contradiction;
        contradiction.id = readId(object, itemPath);
        claimId(contradiction.id, member(itemPath, key("id")));
        const QString answersPath = member(itemPath, key("answers"));
        const QJsonArray answers = array(required(object, itemPath, key("answers")), answersPath);
        if (answers.size() < 2)
            fail(answersPath, QStringLiteral("a contradiction needs at least two answers"));
        for (qsizetype a = 0; a < answers.size(); ++a) {
            const QString answerPath = index(answersPath, a);
            const QJsonObject answer = JsonIn::object(answers.at(a), answerPath);
            onlyKeys(answer, answerPath, {key("judgment"), key("value"), key("types")});
            AnswerMatch match;
            match.judgment = requiredString(answer, answerPath, key("judgment"));
            const Judgment* judgment = m_policy.judgment(match.judgment);
            if (!judgment)
                fail(member(answerPath, key("judgment")),
                     QStringLiteral("refers to judgment %1, which does not exist")
                         .arg(quoted(match.judgment)));
            const QString valueText = requiredString(answer, answerPath, key("value"));
            const std::optional<AnswerValue> parsed = answerValueFromString(valueText);
            if (!parsed || !answerValues(judgment->kind).contains(*parsed))
                fail(member(answerPath, key("value")), QStringLiteral("%1 is not an answer to a %2")
                                                           .arg(quoted(valueText), toString(judgment->kind)));
            match.value = *parsed;
            if (const auto types = optional(answer, key("types")))
                match.types = stringList(*types, member(answerPath, key("types")));
            for (qsizetype t = 0; t < match.types.size(); ++t) {
                const bool known =
                    std::any_of(judgment->types.cbegin(), judgment->types.cend(),
                                [&](const JudgmentType& type) { return type.id == match.types.at(t); });
                if (!known)
                    fail(index(member(answerPath, key("types")), t),
                         QStringLiteral("unknown type %1 for %2")
                             .arg(quoted(match.types.at(t)), quoted(judgment->id)));
            }
            contradiction.answers.append(match);
        }
        contradiction.text = nonEmptyString(object, itemPath, key("text"));
        m_policy.contradictions.append(contradiction);
    }
}

void Reader::readSamples(const QJsonObject& root)
{
    const auto value = optional(root, key("diagnosisSamples"));
    if (!value)
        return;
    const QString path = key("diagnosisSamples");
    const QJsonObject object = JsonIn::object(*value, path);
    onlyKeys(object, path, {key("note"), key("codes")});
    m_policy.samplesNote = optionalString(object, path, key("note"));
    const QString codesPath = member(path, key("codes"));
    const QJsonArray items = array(required(object, path, key("codes")), codesPath);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = index(codesPath, i);
        const QJsonObject item = JsonIn::object(items.at(i), itemPath);
        onlyKeys(item, itemPath, {key("pattern"), key("label")});
        DiagnosisSample sample;
        const QString text = requiredString(item, itemPath, key("pattern"));
        sample.pattern = DiagnosisPattern::parse(text);
        if (!sample.pattern.isValid())
            fail(member(itemPath, key("pattern")),
                 QStringLiteral("%1 is not a diagnosis pattern").arg(quoted(text)));
        sample.label = nonEmptyString(item, itemPath, key("label"));
        m_policy.diagnosisSamples.append(sample);
    }
}

void Reader::readAdvisories(const QJsonObject& root)
{
    const auto value = optional(root, key("advisories"));
    if (!value)
        return;
    const QString path = key("advisories");
    const QJsonArray items = array(*value, path);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = index(path, i);
        const QJsonObject object = JsonIn::object(items.at(i), itemPath);
        onlyKeys(object, itemPath,
                 {key("id"), key("kind"), key("when"), key("text"), key("letterText"), key("translations")});
        PolicyAdvisory advisory;
        advisory.id = readId(object, itemPath);
        claimId(advisory.id, member(itemPath, key("id")));
        const QString kind = requiredString(object, itemPath, key("kind"));
        if (kind == QLatin1String("erratum"))
            advisory.erratum = true;
        else if (kind != QLatin1String("case"))
            fail(member(itemPath, key("kind")),
                 QStringLiteral("unknown advisory kind %1 (known: 'case', 'erratum')").arg(quoted(kind)));
        advisory.when = readConditions(object, itemPath, key("when"));
        for (const Condition& condition : std::as_const(advisory.when))
            if (condition.kind == Condition::Kind::NoDiagnosisInSamples &&
                m_policy.diagnosisSamples.isEmpty())
                fail(member(itemPath, key("when")),
                     QStringLiteral("'no-diagnosis-in-samples' needs \"diagnosisSamples\""));
        advisory.text = nonEmptyString(object, itemPath, key("text"));
        advisory.letterText = optionalString(object, itemPath, key("letterText"));
        advisory.translations = readTranslations(object, itemPath, {key("letterText")});
        m_policy.advisories.append(advisory);
    }
}

Policy Reader::read(const QJsonObject& root)
{
    onlyKeys(root, {},
             {key("format"), key("formatVersion"), key("id"), key("title"), key("version"),
              key("effectiveDate"), key("reviewSchedule"), key("source"), key("parameters"), key("codes"),
              key("judgments"), key("groups"), key("codeRules"), key("diagnosisSamples"), key("advisories"),
              key("translations"), key("requestRules"), key("contradictions")});
    const QString format = requiredString(root, {}, key("format"));
    if (format != kFormat)
        fail(key("format"), QStringLiteral("must be %1").arg(quoted(kFormat)));
    m_policy.formatVersion = integer(required(root, {}, key("formatVersion")), key("formatVersion"), 1, 1000);
    if (m_policy.formatVersion != kFormatVersion)
        fail(key("formatVersion"),
             QStringLiteral("version %1 is not supported (this program reads version %2)")
                 .arg(m_policy.formatVersion)
                 .arg(kFormatVersion));
    m_policy.id = readId(root, {});
    m_policy.title = nonEmptyString(root, {}, key("title"));
    m_policy.titleTranslations = readTranslations(root, {}, {key("title")});
    m_policy.version = nonEmptyString(root, {}, key("version"));
    m_policy.effectiveDate = date(required(root, {}, key("effectiveDate")), key("effectiveDate"));
    m_policy.reviewSchedule = nonEmptyString(root, {}, key("reviewSchedule"));
    m_policy.source = optionalString(root, {}, key("source"));
    if (const auto parameters = optional(root, key("parameters"))) {
        const QJsonObject object = JsonIn::object(*parameters, key("parameters"));
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it.key() != QLatin1String("comment"))
                m_policy.parameters.insert(it.key(),
                                           integer(it.value(), member(key("parameters"), it.key()), 0, 1000));
        }
    }
    readCodes(root);
    readJudgments(root);
    readGroups(root);
    readCodeRules(root);
    readRequestRules(root);
    readSamples(root);
    readAdvisories(root);
    readContradictions(root);
    return m_policy;
}

} // namespace

Result<Policy> PolicyLoader::load(const QByteArray& json, const QString& fileName)
{
    return JsonIn::readDocument<Policy>(json, fileName, [&fileName](const QJsonObject& root) {
        Reader reader;
        Policy policy = reader.read(root);
        policy.fileName = fileName;
        return policy;
    });
}

Result<Policy> PolicyLoader::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{path, {}, -1, QStringLiteral("cannot read: ") + file.errorString()};
    return load(file.readAll(), path);
}

QStringList PolicyLoader::builtInFiles()
{
    const QDir dir(QStringLiteral(":/policies"));
    QStringList result;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        result.append(dir.filePath(name));
    return result;
}

Result<Policy> PolicyLoader::loadBuiltIn(const QString& policyId)
{
    const QStringList files = builtInFiles();
    if (policyId.isEmpty()) {
        if (files.size() != 1)
            return Error{QStringLiteral(":/policies"),
                         {},
                         -1,
                         QStringLiteral("%1 built-in policies; name the one to use").arg(files.size())};
        return loadFile(files.first());
    }
    for (const QString& path : files) {
        Result<Policy> policy = loadFile(path);
        if (policy && policy->id == policyId)
            return policy;
    }
    return Error{QStringLiteral(":/policies"),
                 {},
                 -1,
                 QStringLiteral("no built-in policy with id %1").arg(quoted(policyId))};
}

} // namespace rd
