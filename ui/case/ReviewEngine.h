// The ui's face of the policy engine (checklist/: PolicyLoader, CaseJson, Engine, Decision):
// the checklist steps of a case and its decision, computed exactly as `reviewdesk-cli evaluate`
// computes them (the case validated by CaseJson::validate, then Engine::evaluate).
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Decision.h"
#include "checklist/Engine.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

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
};

struct DecisionSummary
{
    QString error;     // non-empty when the answers cannot be decided on (an input error)
    Decision decision; // what the engine decided (valid when error is empty)
};

class ReviewEngine
{
public:
    explicit ReviewEngine(Policy policy);

    // The built-in policy's engine, or nullptr with an error.
    static std::unique_ptr<ReviewEngine> createBuiltIn(QString* error);

    const Engine& engine() const { return m_engine; }
    const Policy& policy() const { return m_engine.policy(); }

    // The judgments that apply to the request, in policy order.
    QList<ChecklistStep> steps(const CaseData& data) const;
    DecisionSummary evaluate(const CaseData& data) const;
    // A step that other answers made irrelevant: in an any-of group of the policy, another member is
    // already met (conservative care met: its urgent exception need not be asked). Empty when the step
    // is still to be asked; else the title of the judgment that settled it.
    QString settledBy(const QString& judgmentId, const CaseData& data) const;
    // A case JSON (case-exchange.md) read and checked against the policy.
    std::optional<CaseData> readCaseJson(const QByteArray& json, const QString& fileName,
                                         QString* error) const;

private:
    Engine m_engine;
};

// When a decision is due (the engine's due-time function).
QDateTime decisionDueBy(Urgency urgency, const QDateTime& receivedAt);

} // namespace rd
