// Applies a Policy to a case (review-rules.md): which judgments are asked, the decision per
// requested line, the code rules, the overall outcome, the due time and the advisories.
// Knows only the generic kinds of Policy.h. Deterministic; no I/O; cheap to copy.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Decision.h"
#include "checklist/Policy.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace rd {

// The state of one judgment (or of an any-of group) in a case.
enum class JudgmentState
{
    Holds,
    Fails,
    Unknown
};

class Engine
{
public:
    explicit Engine(Policy policy);

    const Policy& policy() const { return m_policy; }

    // Whether the judgment is asked for this line of this case (its codes and its conditions).
    bool appliesToLine(const Judgment& judgment, const CaseData& data, const QString& code) const;
    // The judgments asked for the request (for any of its lines), in policy order: the checklist.
    QList<const Judgment*> applicableJudgments(const CaseData& data) const;
    QStringList applicableJudgmentIds(const CaseData& data) const;

    // met/yes-no reading of one answer: a criterion holds when met, an exclusion when "no".
    // A missing answer or any other value is Unknown.
    JudgmentState state(const Judgment& judgment, const CaseData& data) const;

    Decision evaluate(const CaseData& data) const;

    // 72 hours after receipt when expedited, 7 calendar days when standard; UTC (RequestClock).
    static QDateTime dueBy(const Request& request);
    // The decision with its clocks for a plan type: for a pended case, the request for information
    // sent at requestedAt (RequestClock, the same rule the letter and the queue use).
    static Decision withClock(Decision decision, const Request& request, PlanType planType,
                              const QDateTime& requestedAt);

    // The policy's contradictions that the answers show (e.g. a neuromuscular indication and
    // "screening without symptoms"): warned before routing; they do not change the decision.
    QList<Reason> contradictions(const CaseData& data) const;

    // The code rules a set of final line decisions breaks (a physician's override approving both codes
    // of an exclusive pair, or a professional component without an approved technical code): each
    // needs the physician's explicit confirmation and is named in the letter.
    QList<Reason> brokenCodeRules(const QList<LineDecision>& lines) const;

private:
    LineDecision decideLine(const CaseData& data, const QString& code) const;
    void applyCodeRules(QList<LineDecision>& lines) const;

    Policy m_policy;
};

} // namespace rd
