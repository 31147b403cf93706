// Determination letters (docs/signoff.md): approval, denial, partial approval, and request for
// information, filled from the HTML templates under resources/letters/ (compiled in as ":/letters/"),
// in English ("en") or Spanish ("es"). No strings of the letter live in C++ beyond what the data gives.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Decision.h"
#include "checklist/Policy.h"
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
} // namespace LetterField

// The health plan's own details for letters: ":/letters/plan.json", or plan.json in the
// ReviewDesk home folder when present.
struct PlanInfo
{
    QString name;
    QMap<QString, QString> department; // by language
    QStringList address;
    QString memberServicesPhone;
    QString ttyPhone;
    QString appealsPhone;
    QString appealsFax;
    QStringList appealsAddress;
    QString website;
    int appealDays = 60;
    int expeditedAppealHours = 72;
    int authorizationValidDays = 90;
    int informationResponseDays = 14;

    static std::optional<PlanInfo> load(const QString& home, QString* error);
};

struct LetterInput
{
    CaseData data;
    Decision decision; // the final decision: the engine's, with the medical director's overrides
    Policy policy;
    PlanInfo plan;
    QString language = QStringLiteral("en");
    QMap<QString, QString> fields; // LetterField values
    std::optional<User> signer;    // none for a request for information or a draft
    QDateTime signedAt;            // UTC; the letter's date is its date
    QDate letterDate;              // for unsigned letters
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
QString time(const QDateTime& utc);                       // "14:05"
QString meaning(const User& signer, const QString& language); // "Determination made by ..."
QString roleTitle(UserRole role, const QString& language);
QString codeWords(const Policy& policy, const QString& code, const QString& language);
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
QDate respondBy(const LetterInput& input);
QString authorizationNumber(const LetterInput& input);
QString reference(const QString& caseId);
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
