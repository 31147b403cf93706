#include "checklist/CaseData.h"

namespace rd {

QString toString(Urgency urgency)
{
    return urgency == Urgency::Expedited ? QStringLiteral("expedited") : QStringLiteral("standard");
}

std::optional<Urgency> urgencyFromString(const QString& text)
{
    if (text == QLatin1String("standard"))
        return Urgency::Standard;
    if (text == QLatin1String("expedited"))
        return Urgency::Expedited;
    return std::nullopt;
}

namespace {
struct StatusName
{
    CaseStatus status;
    const char* name;
};
constexpr StatusName kStatusNames[] = {
    {CaseStatus::New, "new"},
    {CaseStatus::InReview, "in-review"},
    {CaseStatus::PendedForInformation, "pended-for-information"},
    {CaseStatus::AwaitingMedicalDirector, "awaiting-medical-director"},
    {CaseStatus::Determined, "determined"},
};
struct AnswerName
{
    AnswerValue value;
    const char* name;
};
constexpr AnswerName kAnswerNames[] = {
    {AnswerValue::Met, "met"}, {AnswerValue::NotMet, "not-met"},  {AnswerValue::Yes, "yes"},
    {AnswerValue::No, "no"},   {AnswerValue::Unknown, "unknown"},
};
} // namespace

QString toString(AnswerValue value)
{
    for (const auto& entry : kAnswerNames)
        if (entry.value == value)
            return QString::fromLatin1(entry.name);
    return {};
}

std::optional<AnswerValue> answerValueFromString(const QString& text)
{
    for (const auto& entry : kAnswerNames)
        if (text == QLatin1String(entry.name))
            return entry.value;
    return std::nullopt;
}

QStringList answerValueNames()
{
    QStringList names;
    for (const auto& entry : kAnswerNames)
        names.append(QString::fromLatin1(entry.name));
    return names;
}

QString toString(CaseStatus status)
{
    for (const auto& entry : kStatusNames)
        if (entry.status == status)
            return QString::fromLatin1(entry.name);
    return {};
}

std::optional<CaseStatus> caseStatusFromString(const QString& text)
{
    for (const auto& entry : kStatusNames)
        if (text == QLatin1String(entry.name))
            return entry.status;
    return std::nullopt;
}

} // namespace rd
