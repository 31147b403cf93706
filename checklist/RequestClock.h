// The decision clock of a request and of a request for information (RFI), from one rule for every
// caller: the letter, the queue and `reviewdesk-cli evaluate --json` (docs/sign-off-and-letters.md,
// "Clocks"). Expedited: the provider has at least 48 hours to answer and the decision is due 48 hours
// after the answer (or after the time to answer ends). Standard: the plan type's extension, either
// tolled (ERISA and ACA plans: the clock stops while the plan waits) or fixed (Medicare Advantage and
// Medicaid: a 14-day extension of the 7-day timeframe).
#pragma once

#include "checklist/CaseData.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace rd {

enum class PlanType
{
    ErisaGroup,
    AcaIndividual,
    MedicareAdvantage,
    Medicaid
};
QString toString(PlanType type); // erisa-group / aca-individual / medicare-advantage / medicaid
std::optional<PlanType> planTypeFromString(const QString& text);

// What a plan type allows when information is missing.
struct ClockRules
{
    int expeditedResponseHours = 48;            // the provider's time to answer, at least 48 hours
    int expeditedDecisionHoursAfterAnswer = 48; // the decision after the answer (or the time to answer ends)
    bool standardTolled = true;     // the clock stops from the request for information until the answer
    int standardResponseDays = 45;  // tolled: the provider's time to answer
    int standardExtensionDays = 15; // the extension beyond the 7 days
    int standardDecisionDaysAfterAnswer = 2; // fixed extension: the plan decides within this after the answer

    static ClockRules forPlanType(PlanType type);
    bool operator==(const ClockRules&) const = default;
};

struct InformationClock
{
    QDateTime requestedAt;   // when the request for information goes out (UTC)
    QDateTime initialDueBy;  // the decision's due time before any extension (UTC)
    QDateTime respondBy;     // the provider's answer is due (UTC)
    QDateTime decisionDueBy; // the latest decision time: when no answer comes by respondBy (UTC)
    qint64 decisionSecondsAfterAnswer = 0; // an answer makes the decision due this long after it
    bool tolled = false;
    bool operator==(const InformationClock&) const = default;
};

namespace RequestClock {

// 72 hours after receipt when expedited, 7 calendar days when standard (CMS-0057-F); UTC.
QDateTime initialDueBy(const Request& request);
// The clock of a request for information sent at requestedAt (UTC).
InformationClock forInformationRequest(const Request& request, const ClockRules& rules,
                                       const QDateTime& requestedAt);
// When the decision is due once the answer came at answeredAt: never later than decisionDueBy.
QDateTime decisionDueAfterAnswer(const InformationClock& clock, const QDateTime& answeredAt);

} // namespace RequestClock

} // namespace rd
