// SEAM (issue 5): what the ui needs from the policy engine (checklist/: Policy, PolicyLoader,
// CaseJson, Engine, Decision; branch `engine`). The ui codes against this small interface;
// ReviewEngine.cpp implements it over the real engine. Until the engine has landed,
// createReviewEngine() returns nullptr and the case view says that the checklist is unavailable.
// Nothing here re-implements the policy: the wording, which judgments apply and the decision
// come from the engine, so that the app says exactly what `reviewdesk-cli evaluate` says.
#pragma once

#include "CaseData.h"

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
    QString policyText;                   // the policy's own wording
    QString guidance;                     // reviewer guidance
    QList<QPair<QString, QString>> types; // indication types (id, label), when the judgment has them
    QStringList lines;                    // the requested codes it applies to
};

struct LineOutcome
{
    QString code;
    QString decision;                       // approve / deny / pend
    QList<QPair<QString, QString>> reasons; // (id, member-readable sentence)
};

struct DecisionSummary
{
    QString error; // non-empty when the case could not be evaluated (an input error)
    QString policyId;
    QString policyVersion;
    QString overall; // approved / denied / partial / pended
    bool physicianReviewRequired = false;
    QDateTime dueBy;
    QList<LineOutcome> lines;
    QList<QPair<QString, QString>> missingInformation; // (id, title)
    QList<QPair<QString, QString>> advisories;         // (id, text)
};

class ReviewEngine
{
public:
    virtual ~ReviewEngine() = default;
    // The judgments that apply to the request, in policy order.
    virtual QList<ChecklistStep> steps(const CaseData& data) const = 0;
    virtual DecisionSummary evaluate(const CaseData& data) const = 0;
    // A case JSON (case-exchange.md) read into case data, for "New case from JSON".
    virtual std::optional<CaseData> readCaseJson(const QByteArray& json, QString* error) const = 0;
};

// The real engine, or nullptr while it is not part of this build.
std::unique_ptr<ReviewEngine> createReviewEngine();

// When a decision is due: the engine's due-time function (72 h after receipt for expedited,
// 7 calendar days for standard).
QDateTime decisionDueBy(Urgency urgency, const QDateTime& receivedAt);

} // namespace rd
