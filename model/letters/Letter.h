// Determination letters (docs/signoff.md): approval, denial, partial approval, and request for
// information, filled from the HTML templates under resources/letters/ (compiled in as ":/letters/"),
// in English ("en") or Spanish ("es"). No strings of the letter live in C++ beyond what the data gives.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Decision.h"
#include "checklist/Policy.h"
#include "model/letters/PlanInfo.h"
#include "model/signoff/UserDirectory.h"

#include <QDate>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace rd {

enum class LetterKind
{
    Approval,
    Denial,
    Partial,
    InformationRequest
};
QString toString(LetterKind kind); // approval / denial / partial / information-request
LetterKind letterKindFor(OverallOutcome overall);

// The reason id a medical director's deny override gives its line (its text is the rationale).
inline QString overrideReasonId()
{
    return QStringLiteral("medical-director-rationale");
}

// The letter's free-text parts, stored in the case file (CaseFile::letterFields()).
namespace LetterField {
inline QString clinicalRationale()
{
    return QStringLiteral("clinicalRationale");
}
inline QString additionalInformation()
{
    return QStringLiteral("additionalInformation");
}
// "yes": the physician confirms an override that breaks a code rule (e.g. approving 96000 with 96001);
// the letter names the rule.
inline QString codeRuleOverrideConfirmed()
{
    return QStringLiteral("codeRuleOverrideConfirmed");
}
} // namespace LetterField

struct LetterInput
{
    CaseData data;
    Decision decision; // the final decision: the engine's, with the medical director's overrides
    Policy policy;
    PlanInfo plan;
    QString language = QStringLiteral("en");
    QMap<QString, QString> fields; // LetterField values
    std::optional<User> signer;    // none for a request for information or a draft
    QDateTime signedAt;            // UTC; the letter's date is its date in the plan's time zone
    QDateTime issuedAt;            // UTC; an unsigned letter's time (a request for information's clock)
    QDate letterDate;              // for unsigned letters without issuedAt
    QString caseId;
    bool draft = false;
};

struct Letter
{
    LetterKind kind = LetterKind::Approval;
    QString language;
    QString html;
};

namespace LetterText {
QStringList languages(); // en, es
// The setting that chooses the letters' default language ("en" or "es"): in the desktop app's
// QSettings (organization and application "ReviewDesk"), read by the app and by `reviewdesk-cli letter`.
inline QString languageSettingKey()
{
    return QStringLiteral("letters/language");
}
QString date(const QDate& date, const QString& language); // "November 27, 2026" / "27 de noviembre de 2026"
QString time(const QDateTime& utc);                       // "14:05" (UTC)
// The date of a moment in the plan's time zone.
QDate localDate(const PlanInfo& plan, const QDateTime& utc);
// "14:05 Pacific Standard Time" / "14:05, hora estándar del Pacífico": in the plan's time zone.
QString localTime(const PlanInfo& plan, const QDateTime& utc, const QString& language);
// "December 3, 2026, 14:05 Pacific Standard Time"
QString localDateTime(const PlanInfo& plan, const QDateTime& utc, const QString& language);
QString meaning(const User& signer, const QString& language); // "Determination made by ..."
QString roleTitle(UserRole role, const QString& language);
QString codeWords(const Policy& policy, const QString& code, const QString& language);
QString reasonTextFor(const Policy& policy, const QString& id, LineOutcome outcome, const QString& language,
                      const QString& fallback);
// A reason's sentence in the language: the policy's translation, or the physician's own words.
QString reasonText(const Policy& policy, const Reason& reason, LineOutcome outcome, const QString& language);
// The same for a letter: a medical director's override rationale that is the letter's clinical
// rationale is printed in the letter's language when a translation was written.
QString reasonText(const LetterInput& input, const Reason& reason, LineOutcome outcome);
// What could change a denial: the physician's text (field "additionalInformation.<language>" when
// written, else "additionalInformation"), then the missing-information sentence of each failed judgment.
QStringList additionalInformation(const LetterInput& input);
// The physician's explanation for the member: the field "clinicalRationale.<language>" when written,
// else "clinicalRationale" (as written, in whatever language the physician wrote it).
QString clinicalRationale(const LetterInput& input);
QDate letterDate(const LetterInput& input);
QDate appealDeadline(const LetterInput& input);
QDate validThrough(const LetterInput& input);
// The request for information's clock (RequestClock, the plan type's rules), from the letter's time.
InformationClock informationClock(const LetterInput& input);
QDateTime respondBy(const LetterInput& input);
// The sentences the decision's advisories give the member (e.g. a retrospective request).
QStringList advisoryLetterTexts(const LetterInput& input);
// The policy title in the language.
QString policyTitle(const LetterInput& input);
// The criteria relied on for the denied lines: (section, the policy's words), once each.
QList<QPair<QString, QString>> criteriaReliedOn(const LetterInput& input);
// The plan's denial code for a reason (by id, else by its judgment kind), empty when it has none.
QString reasonCode(const LetterInput& input, const Reason& reason);
// A paragraph that reads as English: more English than Spanish function words (for the checker of
// letters in other languages).
bool looksEnglish(const QString& text);
QString authorizationNumber(const LetterInput& input);
QString reference(const QString& caseId);
// The line at the foot of each page of a letter's PDF: the plan, the member, the case's reference and
// the audit head when the letter was written ("Audit N:first 16 hex digits"), so that a letter that
// comes back (an appeal, a complaint) checks the case: `verify --head N:HEX`.
QString footer(const QString& planName, const QString& memberId, const QString& caseId,
               const QString& language, qint64 auditCount, const QByteArray& auditHead);
} // namespace LetterText

class LetterBuilder
{
public:
    // Fills the template of the input's kind and language. Fails on an unknown language or a
    // template that does not match the program.
    static std::optional<Letter> build(const LetterInput& input, QString* error);
    // The HTML's plain text, as a reader sees it (QTextDocument's own conversion).
    static QString plainText(const QString& html);
};

} // namespace rd
