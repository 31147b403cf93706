// The outcome of evaluating a case against a policy: what the Engine returns, what
// `reviewdesk-cli evaluate` prints (case-exchange.md, "Decision JSON").
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "checklist/RequestClock.h"

#include <optional>

namespace rd {

enum class LineOutcome
{
    Approve,
    Deny,
    Pend
};
enum class OverallOutcome
{
    Approved,
    Denied,
    Partial,
    Pended
};

QString toString(LineOutcome outcome);    // approve / deny / pend
QString toString(OverallOutcome outcome); // approved / denied / partial / pended

// A reason for a line's decision: a judgment id or a code-rule id, and a sentence a member can read.
struct Reason
{
    QString id;
    QString text;
    bool operator==(const Reason&) const = default;
};

struct LineDecision
{
    QString code;
    QString description; // the code's description in the policy (text form only)
    LineOutcome decision = LineOutcome::Pend;
    QList<Reason> reasons;
    bool operator==(const LineDecision&) const = default;
};

struct Decision
{
    QString policyId;
    QString policyVersion;
    QString policyTitle; // text form only
    OverallOutcome overall = OverallOutcome::Pended;
    bool physicianReviewRequired = false;
    QDateTime dueBy;                // UTC
    QList<LineDecision> lines;      // in the request's order
    QStringList missingInformation; // unknown judgment ids holding a line pending, policy order
    QList<Reason> advisories;       // never change the decision
    // The clocks, when the caller knows the plan type (`evaluate --json` "clock"; not part of a signed
    // decision): the decision's due time, and for a pended case the request for information's.
    QString planType;
    std::optional<InformationClock> informationClock;
    bool operator==(const Decision&) const = default;

    // The decision JSON, keys in the order of case-exchange.md:
    // policy, overall, physicianReviewRequired, dueBy, lines, missingInformation, advisories.
    QByteArray toJson(bool indented = true) const;
    // The same content as a QJsonObject (keys sorted, as QJsonObject does).
    QJsonObject toJsonObject() const;
    QJsonObject clockObject() const; // "clock": planType, decisionDueBy, informationRequest
    // A readable form for people (no member data).
    QString toText() const;
};

// "2026-11-27T14:05:00Z"
QString formatUtc(const QDateTime& dateTime);

} // namespace rd
