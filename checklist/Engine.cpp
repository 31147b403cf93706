#include "checklist/Engine.h"

#include "checklist/RequestClock.h"

#include <QSet>

#include <algorithm>

#include <utility>

namespace rd {

Engine::Engine(Policy policy)
    : m_policy(std::move(policy))
{}

bool Engine::appliesToLine(const Judgment& judgment, const CaseData& data, const QString& code) const
{
    return judgment.lines.contains(code) && m_policy.holdsAll(judgment.askedWhen, data.request, data.member);
}

QList<const Judgment*> Engine::applicableJudgments(const CaseData& data) const
{
    QList<const Judgment*> result;
    for (const Judgment& judgment : m_policy.judgments) {
        for (const QString& code : data.request.lines) {
            if (appliesToLine(judgment, data, code)) {
                result.append(&judgment);
                break;
            }
        }
    }
    return result;
}

QStringList Engine::applicableJudgmentIds(const CaseData& data) const
{
    QStringList result;
    for (const Judgment* judgment : applicableJudgments(data))
        result.append(judgment->id);
    return result;
}

JudgmentState Engine::state(const Judgment& judgment, const CaseData& data) const
{
    const auto it = data.answers.constFind(judgment.id);
    if (it == data.answers.constEnd())
        return JudgmentState::Unknown;
    // A criterion holds when met; an exclusion holds when answered no (it does not apply).
    const bool criterion = judgment.kind == JudgmentKind::Criterion;
    if (it->value == affirmativeAnswer(judgment.kind))
        return criterion ? JudgmentState::Holds : JudgmentState::Fails;
    if (it->value == negativeAnswer(judgment.kind))
        return criterion ? JudgmentState::Fails : JudgmentState::Holds;
    return JudgmentState::Unknown;
}

LineDecision Engine::decideLine(const CaseData& data, const QString& code) const
{
    LineDecision line;
    line.code = code;
    if (const CodeInfo* info = m_policy.code(code))
        line.description = info->description;

    // Each item is one judgment, or one any-of group of the judgments that apply to this line.
    QList<Reason> failures;
    QList<Reason> unknowns;
    QSet<QString> doneGroups;
    for (const Judgment& judgment : m_policy.judgments) {
        if (!appliesToLine(judgment, data, code))
            continue;
        const JudgmentGroup* group = m_policy.groupOf(judgment.id);
        if (!group) {
            const JudgmentState judged = state(judgment, data);
            if (judged == JudgmentState::Fails)
                failures.append({judgment.id, judgment.failText});
            else if (judged == JudgmentState::Unknown)
                unknowns.append({judgment.id, judgment.missingText});
            continue;
        }
        if (doneGroups.contains(group->id))
            continue;
        doneGroups.insert(group->id);
        // any-of: holds when any applicable member holds; fails when all fail; unknown otherwise.
        bool anyHolds = false;
        QList<Reason> memberFailures;
        QList<Reason> memberUnknowns;
        for (const QString& memberId : group->members) {
            const Judgment* memberJudgment = m_policy.judgment(memberId);
            if (!memberJudgment || !appliesToLine(*memberJudgment, data, code))
                continue;
            const JudgmentState judged = state(*memberJudgment, data);
            if (judged == JudgmentState::Holds)
                anyHolds = true;
            else if (judged == JudgmentState::Fails)
                memberFailures.append({memberJudgment->id, memberJudgment->failText});
            else
                memberUnknowns.append({memberJudgment->id, memberJudgment->missingText});
        }
        if (anyHolds)
            continue;
        if (memberUnknowns.isEmpty())
            failures.append(memberFailures);
        else
            unknowns.append(memberUnknowns);
    }

    // Facts of the request that hold the line pending: they add to the unknowns, never to a denial.
    if (failures.isEmpty()) {
        for (const RequestRule& rule : m_policy.requestRules)
            if (rule.lines.contains(code) && m_policy.holdsAll(rule.when, data.request, data.member))
                unknowns.prepend({rule.id, rule.missingText});
    }

    if (!failures.isEmpty()) {
        line.decision = LineOutcome::Deny;
        line.reasons = failures;
    } else if (!unknowns.isEmpty()) {
        line.decision = LineOutcome::Pend;
        line.reasons = unknowns;
    } else {
        line.decision = LineOutcome::Approve;
    }
    return line;
}

void Engine::applyCodeRules(QList<LineDecision>& lines) const
{
    const auto find = [&lines](const QString& code) -> LineDecision* {
        for (LineDecision& line : lines)
            if (line.code == code)
                return &line;
        return nullptr;
    };
    for (const CodeRule& rule : m_policy.codeRules) {
        switch (rule.kind) {
        case CodeRule::Kind::ExclusivePair: {
            LineDecision* loser = find(rule.codes.value(0));
            const LineDecision* winner = find(rule.codes.value(1));
            if (!loser || !winner || winner->decision != LineOutcome::Approve)
                break;
            if (loser->decision != LineOutcome::Deny)
                loser->reasons.clear();
            loser->decision = LineOutcome::Deny;
            loser->reasons.append({rule.id, rule.text});
            break;
        }
        case CodeRule::Kind::RequiresApprovedOneOf: {
            LineDecision* dependent = find(rule.code);
            if (!dependent)
                break;
            bool anyApproved = false;
            bool anyPending = false;
            for (const QString& code : rule.codes) {
                if (const LineDecision* other = find(code)) {
                    anyApproved = anyApproved || other->decision == LineOutcome::Approve;
                    anyPending = anyPending || other->decision == LineOutcome::Pend;
                }
            }
            if (anyApproved)
                break; // the line keeps its own decision
            if (anyPending) {
                if (dependent->decision == LineOutcome::Approve) {
                    dependent->decision = LineOutcome::Pend;
                    dependent->reasons = {{rule.id, rule.pendingText}};
                }
                break; // a denied line stays denied, a pended one keeps its own reasons
            }
            if (dependent->decision != LineOutcome::Deny)
                dependent->reasons.clear();
            dependent->decision = LineOutcome::Deny;
            dependent->reasons.append({rule.id, rule.text});
            break;
        }
        }
    }
}

QDateTime Engine::dueBy(const Request& request)
{
    return RequestClock::initialDueBy(request);
}

Decision Engine::withClock(Decision decision, const Request& request, PlanType planType,
                           const QDateTime& requestedAt)
{
    decision.planType = toString(planType);
    if (decision.overall == OverallOutcome::Pended)
        decision.informationClock =
            RequestClock::forInformationRequest(request, ClockRules::forPlanType(planType), requestedAt);
    return decision;
}

QList<Reason> Engine::contradictions(const CaseData& data) const
{
    QList<Reason> result;
    for (const Contradiction& contradiction : m_policy.contradictions) {
        const bool all = std::all_of(
            contradiction.answers.cbegin(), contradiction.answers.cend(), [&data](const AnswerMatch& match) {
                const auto it = data.answers.constFind(match.judgment);
                if (it == data.answers.constEnd() || it->value != match.value)
                    return false;
                return match.types.isEmpty() ||
                       std::any_of(match.types.cbegin(), match.types.cend(),
                                   [&it](const QString& type) { return it->types.contains(type); });
            });
        if (all)
            result.append({contradiction.id, contradiction.text});
    }
    return result;
}

QList<Reason> Engine::brokenCodeRules(const QList<LineDecision>& lines) const
{
    const auto approved = [&lines](const QString& code) {
        return std::any_of(lines.cbegin(), lines.cend(), [&code](const LineDecision& line) {
            return line.code == code && line.decision == LineOutcome::Approve;
        });
    };
    QList<Reason> result;
    for (const CodeRule& rule : m_policy.codeRules) {
        bool broken = false;
        if (rule.kind == CodeRule::Kind::ExclusivePair)
            broken = approved(rule.codes.value(0)) && approved(rule.codes.value(1));
        else
            broken = approved(rule.code) && std::none_of(rule.codes.cbegin(), rule.codes.cend(), approved);
        if (broken)
            result.append({rule.id, rule.wording});
    }
    return result;
}

Decision Engine::evaluate(const CaseData& data) const
{
    Decision decision;
    decision.policyId = m_policy.id;
    decision.policyVersion = m_policy.version;
    decision.policyTitle = m_policy.title;
    decision.dueBy = dueBy(data.request);

    decision.lines.reserve(data.request.lines.size());
    for (const QString& code : data.request.lines)
        decision.lines.append(decideLine(data, code));
    applyCodeRules(decision.lines);

    int approved = 0;
    int denied = 0;
    int pended = 0;
    QSet<QString> missing;
    for (const LineDecision& line : std::as_const(decision.lines)) {
        switch (line.decision) {
        case LineOutcome::Approve:
            ++approved;
            break;
        case LineOutcome::Deny:
            ++denied;
            break;
        case LineOutcome::Pend:
            ++pended;
            for (const Reason& reason : line.reasons)
                missing.insert(reason.id);
            break;
        }
    }
    if (pended > 0)
        decision.overall = OverallOutcome::Pended;
    else if (denied == 0)
        decision.overall = OverallOutcome::Approved;
    else if (approved == 0)
        decision.overall = OverallOutcome::Denied;
    else
        decision.overall = OverallOutcome::Partial;
    decision.physicianReviewRequired = denied > 0;

    // Request facts and unknown judgment ids holding a line pending, in policy order (code-rule ids are
    // not missing information: the lines they wait for list their own).
    for (const RequestRule& rule : m_policy.requestRules)
        if (missing.contains(rule.id))
            decision.missingInformation.append(rule.id);
    for (const Judgment& judgment : m_policy.judgments)
        if (missing.contains(judgment.id))
            decision.missingInformation.append(judgment.id);

    for (const PolicyAdvisory& advisory : m_policy.advisories)
        if (m_policy.holdsAll(advisory.when, data.request, data.member))
            decision.advisories.append({advisory.id, advisory.text});
    return decision;
}

} // namespace rd
