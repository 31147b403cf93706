#include "checklist/ReviewEngine.h"

#include "checklist/CaseJson.h"
#include "checklist/PolicyLoader.h"

namespace rd {

ReviewEngine::ReviewEngine(Policy policy)
    : m_engine(std::move(policy))
{}

Result<ReviewEngine> ReviewEngine::load(const QString& policyFile)
{
    Result<Policy> policy =
        policyFile.isEmpty() ? PolicyLoader::loadBuiltIn() : PolicyLoader::loadFile(policyFile);
    if (!policy)
        return policy.error();
    return ReviewEngine(std::move(policy).value());
}

QList<ChecklistStep> ReviewEngine::steps(const CaseData& data) const
{
    QList<ChecklistStep> steps;
    for (const Judgment* judgment : m_engine.applicableJudgments(data)) {
        ChecklistStep step;
        step.id = judgment->id;
        step.exclusion = judgment->kind == JudgmentKind::Exclusion;
        step.title = judgment->title;
        step.source = judgment->source;
        step.policyText = judgment->wording;
        step.guidance = judgment->guidance;
        for (const JudgmentType& type : judgment->types)
            step.types.append({type.id, type.label});
        for (const QString& code : data.request.lines)
            if (m_engine.appliesToLine(*judgment, data, code))
                step.lines.append(code);
        steps.append(step);
    }
    return steps;
}

Result<Decision> ReviewEngine::decide(const CaseData& data, const QString& fileName) const
{
    if (std::optional<Error> error = CaseJson::validate(data, m_engine.policy())) {
        error->file = fileName;
        return *error;
    }
    return m_engine.evaluate(data);
}

DecisionSummary ReviewEngine::evaluate(const CaseData& data) const
{
    Result<Decision> decision = decide(data);
    if (!decision)
        return {decision.error().toString(), {}};
    return {{}, std::move(decision).value()};
}

QString ReviewEngine::settledBy(const QString& judgmentId, const CaseData& data) const
{
    const JudgmentGroup* group = policy().groupOf(judgmentId);
    if (!group || group->kind != QLatin1String("any-of"))
        return {};
    for (const QString& member : group->members) {
        if (member == judgmentId)
            continue;
        const auto answer = data.answers.constFind(member);
        if (answer != data.answers.cend() && answer->value == AnswerValue::Met) {
            const Judgment* judgment = policy().judgment(member);
            return judgment && !judgment->title.isEmpty() ? judgment->title : member;
        }
    }
    return {};
}

Result<CaseData> ReviewEngine::readCaseJson(const QByteArray& json, const QString& fileName) const
{
    return CaseJson::parse(json, m_engine.policy(), fileName);
}

QDateTime decisionDueBy(Urgency urgency, const QDateTime& receivedAt)
{
    Request request;
    request.urgency = urgency;
    request.receivedAt = receivedAt;
    return Engine::dueBy(request);
}

} // namespace rd
