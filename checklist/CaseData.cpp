#include "checklist/CaseData.h"

#include <cstddef>

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
// The spellings of an enumeration in the case JSON and the case file.
template <typename Enum> struct Name
{
    Enum value;
    const char* text;
};

template <typename Enum, std::size_t N> QString nameOf(const Name<Enum> (&names)[N], Enum value)
{
    for (const auto& entry : names)
        if (entry.value == value)
            return QString::fromLatin1(entry.text);
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const Name<Enum> (&names)[N], const QString& text)
{
    for (const auto& entry : names)
        if (text == QLatin1String(entry.text))
            return entry.value;
    return std::nullopt;
}

constexpr Name<CaseStatus> kStatusNames[] = {
    {CaseStatus::New, "new"},
    {CaseStatus::InReview, "in-review"},
    {CaseStatus::PendedForInformation, "pended-for-information"},
    {CaseStatus::AwaitingMedicalDirector, "awaiting-medical-director"},
    {CaseStatus::Determined, "determined"},
};
constexpr Name<AnswerValue> kAnswerNames[] = {
    {AnswerValue::Met, "met"}, {AnswerValue::NotMet, "not-met"},  {AnswerValue::Yes, "yes"},
    {AnswerValue::No, "no"},   {AnswerValue::Unknown, "unknown"},
};
} // namespace

QString toString(AnswerValue value)
{
    return nameOf(kAnswerNames, value);
}

std::optional<AnswerValue> answerValueFromString(const QString& text)
{
    return valueOf(kAnswerNames, text);
}

QStringList answerValueNames()
{
    QStringList names;
    for (const auto& entry : kAnswerNames)
        names.append(QString::fromLatin1(entry.text));
    return names;
}

QString toString(CaseStatus status)
{
    return nameOf(kStatusNames, status);
}

std::optional<CaseStatus> caseStatusFromString(const QString& text)
{
    return valueOf(kStatusNames, text);
}

} // namespace rd
