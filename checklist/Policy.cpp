#include "checklist/Policy.h"

#include <QRegularExpression>

namespace rd {

QString translated(const Translations& translations, const QString& language, const QString& field,
                   const QString& english)
{
    const QString text = translations.value(language).value(field);
    return text.isEmpty() ? english : text;
}

namespace {

QString normalizedCode(const QString& code)
{
    QString result = code.toUpper();
    result.remove(QLatin1Char('.'));
    return result;
}

// One code of a pattern: letter, digit, alnum or x, then up to 4 more with an optional dot.
// Returns the normalized form (wildcard x kept lower case) or an empty string.
QString normalizedPatternCode(const QString& text, bool allowWildcard)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Z][0-9][0-9A-Zx](\\.?[0-9A-Zx]{1,4})?$"));
    if (!shape.match(text).hasMatch())
        return {};
    QString result = text;
    result.remove(QLatin1Char('.'));
    if (!allowWildcard && result.contains(QLatin1Char('x')))
        return {};
    return result;
}

} // namespace

DiagnosisPattern DiagnosisPattern::parse(const QString& text)
{
    DiagnosisPattern pattern;
    const QStringList parts = text.split(QLatin1Char('-'));
    if (parts.size() == 1) {
        pattern.m_low = normalizedPatternCode(parts.at(0), true);
    } else if (parts.size() == 2) {
        const QString low = normalizedPatternCode(parts.at(0), false);
        const QString high = normalizedPatternCode(parts.at(1), false);
        if (!low.isEmpty() && low.size() == high.size() && low <= high) {
            pattern.m_low = low;
            pattern.m_high = high;
        }
    }
    if (pattern.isValid())
        pattern.m_text = text;
    return pattern;
}

bool DiagnosisPattern::matches(const QString& code) const
{
    if (!isValid())
        return false;
    const QString normal = normalizedCode(code);
    if (normal.size() < m_low.size())
        return false;
    if (!m_high.isEmpty()) {
        const QString head = normal.left(m_low.size());
        return m_low <= head && head <= m_high;
    }
    for (qsizetype i = 0; i < m_low.size(); ++i) {
        if (m_low.at(i) != QLatin1Char('x') && m_low.at(i) != normal.at(i))
            return false;
    }
    return true;
}

QString toString(Condition::Kind kind)
{
    switch (kind) {
    case Condition::Kind::CodeRequested:
        return QStringLiteral("code-requested");
    case Condition::Kind::PriorStudyGiven:
        return QStringLiteral("prior-study-given");
    case Condition::Kind::MemberYoungerThan:
        return QStringLiteral("member-younger-than");
    case Condition::Kind::DiagnosisMatches:
        return QStringLiteral("diagnosis-matches");
    case Condition::Kind::NoDiagnosisInSamples:
        return QStringLiteral("no-diagnosis-in-samples");
    case Condition::Kind::NoDiagnosis:
        return QStringLiteral("no-diagnosis");
    case Condition::Kind::ServiceBeforeReceipt:
        return QStringLiteral("service-before-receipt");
    }
    return {};
}

QString toString(JudgmentKind kind)
{
    return kind == JudgmentKind::Exclusion ? QStringLiteral("exclusion") : QStringLiteral("criterion");
}

const QList<AnswerValue>& answerValues(JudgmentKind kind)
{
    static const QList<AnswerValue> exclusion = {AnswerValue::Yes, AnswerValue::No, AnswerValue::Unknown};
    static const QList<AnswerValue> criterion = {AnswerValue::Met, AnswerValue::NotMet, AnswerValue::Unknown};
    return kind == JudgmentKind::Exclusion ? exclusion : criterion;
}

QStringList answerValueNames(JudgmentKind kind)
{
    QStringList names;
    for (const AnswerValue value : answerValues(kind))
        names.append(toString(value));
    return names;
}

QString toString(CodeRule::Kind kind)
{
    return kind == CodeRule::Kind::ExclusivePair ? QStringLiteral("exclusive-pair")
                                                 : QStringLiteral("requires-approved-one-of");
}

const Judgment* Policy::judgment(const QString& judgmentId) const
{
    for (const Judgment& item : judgments)
        if (item.id == judgmentId)
            return &item;
    return nullptr;
}

const JudgmentGroup* Policy::groupOf(const QString& judgmentId) const
{
    for (const JudgmentGroup& group : groups)
        if (group.members.contains(judgmentId))
            return &group;
    return nullptr;
}

const CodeInfo* Policy::code(const QString& codeText) const
{
    for (const CodeInfo& item : codes)
        if (item.code == codeText)
            return &item;
    return nullptr;
}

const CodeRule* Policy::codeRule(const QString& ruleId) const
{
    for (const CodeRule& item : codeRules)
        if (item.id == ruleId)
            return &item;
    return nullptr;
}

const RequestRule* Policy::requestRule(const QString& ruleId) const
{
    for (const RequestRule& item : requestRules)
        if (item.id == ruleId)
            return &item;
    return nullptr;
}

QStringList Policy::codeList() const
{
    QStringList result;
    for (const CodeInfo& item : codes)
        result.append(item.code);
    return result;
}

QStringList Policy::judgmentIds() const
{
    QStringList result;
    for (const Judgment& item : judgments)
        result.append(item.id);
    return result;
}

bool youngerThan(const QDate& birthDate, const QDate& onDate, int years)
{
    if (!birthDate.isValid() || !onDate.isValid())
        return false;
    return onDate < birthDate.addYears(years);
}

bool Policy::isSampleDiagnosis(const QString& codeText) const
{
    for (const DiagnosisSample& sample : diagnosisSamples)
        if (sample.pattern.matches(codeText))
            return true;
    return false;
}

bool Policy::holds(const Condition& condition, const Request& request, const Member& member) const
{
    switch (condition.kind) {
    case Condition::Kind::CodeRequested:
        for (const QString& codeText : condition.codes)
            if (request.lines.contains(codeText))
                return true;
        return false;
    case Condition::Kind::PriorStudyGiven:
        return request.priorStudyDate.has_value() && request.priorStudyDate->isValid();
    case Condition::Kind::MemberYoungerThan:
        return youngerThan(member.birthDate, request.serviceDate, condition.years);
    case Condition::Kind::DiagnosisMatches:
        for (const QString& diagnosis : request.diagnoses)
            for (const DiagnosisPattern& pattern : condition.patterns)
                if (pattern.matches(diagnosis))
                    return true;
        return false;
    case Condition::Kind::NoDiagnosisInSamples:
        for (const QString& diagnosis : request.diagnoses)
            if (isSampleDiagnosis(diagnosis))
                return false;
        return true;
    case Condition::Kind::NoDiagnosis:
        return request.diagnoses.isEmpty();
    case Condition::Kind::ServiceBeforeReceipt:
        return request.serviceDate.isValid() && request.receivedAt.isValid() &&
               request.serviceDate < request.receivedAt.toUTC().date();
    }
    return false;
}

bool Policy::holdsAll(const QList<Condition>& conditions, const Request& request, const Member& member) const
{
    for (const Condition& condition : conditions)
        if (!holds(condition, request, member))
            return false;
    return true;
}

} // namespace rd
