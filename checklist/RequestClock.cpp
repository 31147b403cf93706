#include "checklist/RequestClock.h"

namespace rd {

namespace {
struct TypeName
{
    PlanType type;
    const char* name;
};
constexpr TypeName kTypeNames[] = {
    {PlanType::ErisaGroup, "erisa-group"},
    {PlanType::AcaIndividual, "aca-individual"},
    {PlanType::MedicareAdvantage, "medicare-advantage"},
    {PlanType::Medicaid, "medicaid"},
};
} // namespace

QString toString(PlanType type)
{
    for (const auto& entry : kTypeNames)
        if (entry.type == type)
            return QString::fromLatin1(entry.name);
    return {};
}

std::optional<PlanType> planTypeFromString(const QString& text)
{
    for (const auto& entry : kTypeNames)
        if (text == QLatin1String(entry.name))
            return entry.type;
    return std::nullopt;
}

ClockRules ClockRules::forPlanType(PlanType type)
{
    ClockRules rules;
    switch (type) {
    case PlanType::ErisaGroup:
    case PlanType::AcaIndividual:
        // 29 CFR 2560.503-1(f)(2)(iii)(B), 45 CFR 147.136(b): one 15-day extension; the claimant has at
        // least 45 days to answer, and the period is tolled until the answer.
        rules.standardTolled = true;
        rules.standardResponseDays = 45;
        rules.standardExtensionDays = 15;
        break;
    case PlanType::MedicareAdvantage:
    case PlanType::Medicaid:
        // 42 CFR 422.568(b)(1), 42 CFR 438.210(d)(1): up to 14 more calendar days, not tolled.
        rules.standardTolled = false;
        rules.standardExtensionDays = 14;
        rules.standardDecisionDaysAfterAnswer = 2;
        break;
    }
    return rules;
}

namespace RequestClock {

QDateTime initialDueBy(const Request& request)
{
    const QDateTime received = request.receivedAt.toUTC();
    if (!received.isValid())
        return {};
    return request.urgency == Urgency::Expedited ? received.addSecs(72 * 3600) : received.addDays(7);
}

InformationClock forInformationRequest(const Request& request, const ClockRules& rules,
                                       const QDateTime& requestedAt)
{
    InformationClock clock;
    clock.initialDueBy = initialDueBy(request);
    clock.requestedAt = requestedAt.toUTC();
    if (!clock.initialDueBy.isValid() || !clock.requestedAt.isValid())
        return clock;
    if (request.urgency == Urgency::Expedited) {
        clock.respondBy = clock.requestedAt.addSecs(qint64(rules.expeditedResponseHours) * 3600);
        clock.decisionSecondsAfterAnswer = qint64(rules.expeditedDecisionHoursAfterAnswer) * 3600;
        clock.decisionDueBy = clock.respondBy.addSecs(clock.decisionSecondsAfterAnswer);
        clock.tolled = true;
        return clock;
    }
    if (rules.standardTolled) {
        // What was left of the 7 days when the request went out, plus the extension.
        const qint64 left = qMax<qint64>(0, clock.requestedAt.secsTo(clock.initialDueBy));
        clock.respondBy = clock.requestedAt.addDays(rules.standardResponseDays);
        clock.decisionSecondsAfterAnswer = left + qint64(rules.standardExtensionDays) * 86400;
        clock.decisionDueBy = clock.respondBy.addSecs(clock.decisionSecondsAfterAnswer);
        clock.tolled = true;
        return clock;
    }
    // A fixed extension: the decision is due at the extended time whatever happens; the answer is
    // due early enough to decide on it.
    clock.decisionDueBy = clock.initialDueBy.addDays(rules.standardExtensionDays);
    clock.decisionSecondsAfterAnswer = qint64(rules.standardDecisionDaysAfterAnswer) * 86400;
    clock.respondBy = clock.decisionDueBy.addSecs(-clock.decisionSecondsAfterAnswer);
    if (clock.respondBy < clock.requestedAt)
        clock.respondBy = clock.requestedAt;
    clock.tolled = false;
    return clock;
}

QDateTime decisionDueAfterAnswer(const InformationClock& clock, const QDateTime& answeredAt)
{
    if (!answeredAt.isValid() || !clock.decisionDueBy.isValid())
        return clock.decisionDueBy;
    return qMin(answeredAt.toUTC().addSecs(clock.decisionSecondsAfterAnswer), clock.decisionDueBy);
}

} // namespace RequestClock

} // namespace rd
