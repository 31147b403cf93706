// One review of a case against a policy, the path both the app and `reviewdesk-cli evaluate` take:
// the checklist steps of a case, and its decision (the case checked by CaseJson::validate, then
// Engine::evaluate). Qt Core only, like the rest of checklist/.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Decision.h"
#include "checklist/Engine.h"
#include "checklist/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace rd {

// One step of the guided checklist: a judgment that applies to the request.
struct ChecklistStep
{
    QString id;
    bool exclusion = false;               // answered yes / no / unknown instead of met / not-met / unknown
    QString title;                        // short name
    QString source;                       // where in the policy text
    QString policyText;                   // the policy's own wording
    QString guidance;                     // reviewer guidance
    QList<QPair<QString, QString>> types; // indication types (id, label), when the judgment has them
    QStringList lines;                    // the requested codes it applies to

    JudgmentKind kind() const { return exclusion ? JudgmentKind::Exclusion : JudgmentKind::Criterion; }
};

// What a screen shows of a decision: the decision, or why the answers cannot be decided on.
struct DecisionSummary
{
    QString error;     // non-empty when the answers cannot be decided on (an input error)
    Decision decision; // what the engine decided (valid when error is empty)
};

class ReviewEngine
{
public:
    explicit ReviewEngine(Policy policy);

    // The built-in policy's review, or the policy file's when policyFile is not empty.
    static Result<ReviewEngine> load(const QString& policyFile = {});

    const Engine& engine() const { return m_engine; }
    const Policy& policy() const { return m_engine.policy(); }

    // The judgments that apply to the request, in policy order.
    QList<ChecklistStep> steps(const CaseData& data) const;
    // The decision on data, after the checks of the case JSON (codes, answer ids and values, types);
    // fileName names the case in the error.
    Result<Decision> decide(const CaseData& data, const QString& fileName = {}) const;
    DecisionSummary evaluate(const CaseData& data) const;
    // A step that other answers made irrelevant: in an any-of group of the policy, another member is
    // already met (conservative care met: its urgent exception need not be asked). Empty when the step
    // is still to be asked; else the title of the judgment that settled it.
    QString settledBy(const QString& judgmentId, const CaseData& data) const;
    // A case JSON (case-exchange.md) read and checked against the policy.
    Result<CaseData> readCaseJson(const QByteArray& json, const QString& fileName) const;

private:
    Engine m_engine;
};

// When a decision is due (the engine's due-time function).
QDateTime decisionDueBy(Urgency urgency, const QDateTime& receivedAt);

} // namespace rd
