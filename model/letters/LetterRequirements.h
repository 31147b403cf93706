// The elements a determination letter must have, per letter kind and plan type, with the rule each
// comes from (the table of docs/sign-off-and-letters.md, "What each letter must say"). The letter
// templates mark each element (<!--element:NAME-->); the LetterChecker requires every applicable one.
#pragma once

#include "checklist/RequestClock.h"
#include "model/letters/Letter.h"

#include <QList>
#include <QString>

namespace rd {

struct LetterRequirement
{
    enum class When
    {
        Always,
        AddressGiven,     // the case has the member's mailing address
        Minor,            // the member is under 18 on the letter's date
        Retrospective,    // the decision carries an advisory with letter text
        CodeRuleOverride, // a physician's override broke a code rule
        Standard,         // the request is not urgent
    };
    QString element;
    QString what;   // what it says
    QString source; // the rule
    QList<LetterKind> kinds;
    QList<PlanType> planTypes;
    When when = When::Always;
};

namespace LetterRequirements {

const QList<LetterRequirement>& all();
// The requirements that apply to a letter of this kind for this input.
QList<LetterRequirement> forLetter(LetterKind kind, const LetterInput& input);
// Under 18 on the letter's date.
bool isMinor(const LetterInput& input);

} // namespace LetterRequirements

} // namespace rd
