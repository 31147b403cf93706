// A coverage policy as data (docs/policy-file-format.md). Loaded by PolicyLoader from a policy file;
// read by the Engine. The C++ knows only the generic kinds below, never a policy's ids or codes.
#pragma once

#include "checklist/CaseData.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace rd {

// A pattern for ICD-10-CM codes: "Q66.5" (the code and its subcodes), "M21.6x" (x = any one
// character), "G80.0-G80.9" (an inclusive range, subcodes included). Dots are ignored.
class DiagnosisPattern
{
public:
    // Returns an invalid pattern (isValid() false) when text is not a pattern.
    static DiagnosisPattern parse(const QString& text);
    bool isValid() const { return !m_low.isEmpty(); }
    bool matches(const QString& code) const;
    const QString& text() const { return m_text; }

private:
    QString m_text;
    QString m_low;  // normalized: no dots, upper case except the wildcard 'x'
    QString m_high; // empty unless a range
};

// The generic request conditions. All conditions of a list must hold.
struct Condition
{
    enum class Kind
    {
        CodeRequested,        // any of codes is among the requested lines
        PriorStudyGiven,      // the request has a prior study date
        MemberYoungerThan,    // member's age at the service date < parameters[parameter] years
        DiagnosisMatches,     // any requested diagnosis matches any of patterns
        NoDiagnosisInSamples, // no requested diagnosis matches the policy's sample diagnoses
        NoDiagnosis,          // the request gives no diagnosis code
        ServiceBeforeReceipt, // the service date is before the receipt date (a retrospective request)
    };
    Kind kind = Kind::CodeRequested;
    QStringList codes;
    QString parameter;
    int years = 0; // MemberYoungerThan: the parameter's value, resolved by the loader
    QList<DiagnosisPattern> patterns;
};

QString toString(Condition::Kind kind);

enum class JudgmentKind
{
    Criterion,
    Exclusion
};
QString toString(JudgmentKind kind);

// The answer values of a judgment kind, affirmative first: criterion {Met, NotMet, Unknown},
// exclusion {Yes, No, Unknown}.
const QList<AnswerValue>& answerValues(JudgmentKind kind);
QStringList answerValueNames(JudgmentKind kind); // their spellings, for messages
// The answer that says "yes" to the question (met, or the exclusion applies), and the one that says no.
inline AnswerValue affirmativeAnswer(JudgmentKind kind)
{
    return kind == JudgmentKind::Exclusion ? AnswerValue::Yes : AnswerValue::Met;
}
inline AnswerValue negativeAnswer(JudgmentKind kind)
{
    return kind == JudgmentKind::Exclusion ? AnswerValue::No : AnswerValue::NotMet;
}
inline bool isAffirmative(AnswerValue value)
{
    return value == AnswerValue::Met || value == AnswerValue::Yes;
}
inline bool isNegative(AnswerValue value)
{
    return value == AnswerValue::NotMet || value == AnswerValue::No;
}

// Texts of a policy item in other languages: language ("es") -> field ("failText") -> text.
// English is the item's own fields; a missing translation falls back to English.
using Translations = QMap<QString, QMap<QString, QString>>;
QString translated(const Translations& translations, const QString& language, const QString& field,
                   const QString& english);

struct JudgmentType // e.g. an indication type
{
    QString id;
    QString label;
};

struct Judgment
{
    QString id;
    JudgmentKind kind = JudgmentKind::Criterion;
    QString title;              // short label for the checklist
    QString source;             // where in the policy text, e.g. "Criteria for Approval, 3"
    QString wording;            // the policy's own words, verbatim
    QString guidance;           // short reviewer guidance
    QStringList lines;          // the codes it applies to (all the policy's codes for "all")
    QList<Condition> askedWhen; // all must hold for the judgment to be asked
    QList<JudgmentType> types;  // answer types; when non-empty, "met" needs one or more
    QString failText;           // plain sentence for a letter when it fails
    QString missingText;        // plain sentence when it is still unknown
    Translations translations;  // failText, missingText, source, wording
};

// Judgments that count as one: "any-of" holds when any member holds.
struct JudgmentGroup
{
    QString id;
    QString kind; // "any-of"
    QString title;
    QStringList members;
};

struct CodeRule
{
    enum class Kind
    {
        ExclusivePair,         // codes[0] and codes[1] not together: when codes[1] is approved,
                               // codes[0] is denied with this rule's id as the reason
        RequiresApprovedOneOf, // code is approved only while one of codes is approved; pended
                               // when none is approved and one is pended; denied otherwise
    };
    QString id;
    Kind kind = Kind::ExclusivePair;
    QString code;
    QStringList codes;
    QString source;
    QString wording;
    QString text;              // plain sentence when the rule denies
    QString pendingText;       // plain sentence when the rule holds a line pending
    Translations translations; // text, pendingText, source, wording
};

// A fact of the request that holds lines pending whatever the judgments say (but never turns a denial
// into a pend): e.g. no diagnosis code when the policy asks for one. Its id lists as missing information.
struct RequestRule
{
    QString id;
    QList<Condition> when; // all must hold
    QStringList lines;     // the codes it holds pending (all the policy's codes for "all")
    QString source;
    QString wording;
    QString missingText;       // plain sentence for the request for information
    Translations translations; // missingText, source, wording
};

// Answers that contradict each other (e.g. a documented neuromuscular indication and "screening
// without symptoms"): shown before routing, never change the decision.
struct AnswerMatch
{
    QString judgment;
    AnswerValue value = AnswerValue::Unknown;
    QStringList types; // when non-empty: the answer records any of them
};
struct Contradiction
{
    QString id;
    QList<AnswerMatch> answers; // all must match
    QString text;
};

QString toString(CodeRule::Kind kind);

struct CodeInfo
{
    QString code;
    QString description; // our corrected description
    QString wording;     // the policy text's own description, verbatim
    QString letterText;  // the service in plain words for letters to members (falls back to description)
    Translations translations; // letterText
};

struct DiagnosisSample
{
    DiagnosisPattern pattern;
    QString label;
};

struct PolicyAdvisory
{
    QString id;
    bool erratum = false;  // a slip in the source text: show it wherever the policy is displayed
    QList<Condition> when; // shown in a decision when all hold (an empty list: always)
    QString text;
    QString letterText;        // when set, the member's letter says this (e.g. a retrospective request)
    Translations translations; // letterText
};

struct Policy
{
    QString fileName; // where it was loaded from
    int formatVersion = 1;
    QString id;
    QString title;
    Translations titleTranslations; // "title"
    QString version;
    QDate effectiveDate;
    QString reviewSchedule;
    QString source;
    QMap<QString, int> parameters;
    QList<CodeInfo> codes;
    QList<Judgment> judgments; // in policy order: the order the checklist asks them
    QList<JudgmentGroup> groups;
    QList<CodeRule> codeRules; // applied in this order
    QList<RequestRule> requestRules;
    QList<Contradiction> contradictions;
    QString samplesNote;
    QList<DiagnosisSample> diagnosisSamples;
    QList<PolicyAdvisory> advisories;

    const Judgment* judgment(const QString& judgmentId) const;
    const JudgmentGroup* groupOf(const QString& judgmentId) const;
    const CodeInfo* code(const QString& code) const;
    const CodeRule* codeRule(const QString& ruleId) const;
    const RequestRule* requestRule(const QString& ruleId) const;
    QStringList codeList() const;
    QStringList judgmentIds() const;

    // Evaluating conditions against a case.
    bool holds(const Condition& condition, const Request& request, const Member& member) const;
    bool holdsAll(const QList<Condition>& conditions, const Request& request, const Member& member) const;
    bool isSampleDiagnosis(const QString& code) const;
};

// Whether a member born on birthDate is younger than years on onDate (the birthday itself counts
// as reached; a 29 February birthday is reached on 28 February in common years).
bool youngerThan(const QDate& birthDate, const QDate& onDate, int years);

} // namespace rd
