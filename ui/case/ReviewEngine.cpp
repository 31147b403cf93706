#include "ui/case/ReviewEngine.h"

#include "checklist/CaseJson.h"
#include "checklist/PolicyLoader.h"

namespace rd {

ReviewEngine::ReviewEngine(Policy policy)
    : m_engine(std::move(policy))
{}

std::unique_ptr<ReviewEngine> ReviewEngine::createBuiltIn(QString* error)
{
    Result<Policy> policy = PolicyLoader::loadBuiltIn();
    if (!policy) {
        if (error)
            *error = policy.error().toString();
        return nullptr;
    }
    return std::make_unique<ReviewEngine>(std::move(policy).value());
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

DecisionSummary ReviewEngine::evaluate(const CaseData& data) const
{
    DecisionSummary summary;
    if (const std::optional<Error> error = CaseJson::validate(data, m_engine.policy())) {
        summary.error = error->toString();
        return summary;
    }
    summary.decision = m_engine.evaluate(data);
    return summary;
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
        if (answer != data.answers.cend() && answer->value == QLatin1String("met")) {
            const Judgment* judgment = policy().judgment(member);
            return judgment && !judgment->title.isEmpty() ? judgment->title : member;
        }
    }
    return {};
}

std::optional<CaseData> ReviewEngine::readCaseJson(const QByteArray& json, const QString& fileName,
                                                   QString* error) const
{
    Result<CaseData> data = CaseJson::parse(json, m_engine.policy(), fileName);
    if (!data) {
        if (error)
            *error = data.error().toString();
        return std::nullopt;
    }
    return std::move(data).value();
}

QDateTime decisionDueBy(Urgency urgency, const QDateTime& receivedAt)
{
    Request request;
    request.urgency = urgency;
    request.receivedAt = receivedAt;
    return Engine::dueBy(request);
}

} // namespace rd
