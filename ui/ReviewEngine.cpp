#include "ReviewEngine.h"

namespace rd {

// SEAM: replaced by an adapter over checklist/Engine once branch `engine` has landed on main.
std::unique_ptr<ReviewEngine> createReviewEngine()
{
    return nullptr;
}

// SEAM: the engine's due-time function once it lands; until then the CMS-0057-F timeframes of
// review-rules.md.
QDateTime decisionDueBy(Urgency urgency, const QDateTime& receivedAt)
{
    if (!receivedAt.isValid())
        return {};
    const QDateTime utc = receivedAt.toUTC();
    return urgency == Urgency::Expedited ? utc.addSecs(72 * 3600) : utc.addDays(7);
}

} // namespace rd
