// The facts of one prior-authorization request and the reviewer's judgments on it.
// Plain values, Qt Core only: the engine reads them, the case file stores them,
// the case JSON (case-exchange.md) carries them.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

// The member's mailing address, for letters (case-exchange.md `member.address`).
struct Address
{
    QStringList lines;
    QString city;
    QString state;
    QString postalCode;
    bool isEmpty() const
    {
        return lines.isEmpty() && city.isEmpty() && state.isEmpty() && postalCode.isEmpty();
    }
    bool operator==(const Address&) const = default;
};

struct Member
{
    QString id;
    QString name;
    QDate birthDate;
    // The language of the member's letters, chosen by the member (not the workstation): "en" or "es".
    QString language = QStringLiteral("en");
    Address address;
    // Letters to a minor go to the parent or guardian (case-exchange.md `member.guardian.name`).
    QString guardianName;
    // True when language, address and guardian are all at their defaults (a case made before they existed).
    bool hasDefaultContact() const
    {
        return language == QLatin1String("en") && address.isEmpty() && guardianName.isEmpty();
    }
    bool operator==(const Member&) const = default;
};

// The member's letter languages (case-exchange.md).
inline const QStringList& memberLanguages()
{
    static const QStringList languages{QStringLiteral("en"), QStringLiteral("es")};
    return languages;
}

struct Provider
{
    QString name;
    QString npi;
    bool operator==(const Provider&) const = default;
};

enum class Urgency
{
    Standard,
    Expedited
};

struct Request
{
    QDateTime receivedAt; // UTC
    Urgency urgency = Urgency::Standard;
    QDate serviceDate;
    QStringList lines;     // requested CPT codes, in the request's order
    QStringList diagnoses; // ICD-10-CM codes
    std::optional<QDate> priorStudyDate;
    QString clinicalQuestion;
    bool operator==(const Request&) const = default;
};

// A citation of the passage that supports a judgment.
struct Evidence
{
    QString attachment; // file name of the attachment inside the case
    int page = 0;       // 1-based
    QString quote;
    QRectF rect; // in PDF points on that page; null when the citation is text only
    bool operator==(const Evidence&) const = default;
};

// The value of an answer: met / not-met / unknown for criteria, yes / no / unknown for exclusions
// (Policy.h: answerValues()). Spelled as text only in the case JSON and the case file.
enum class AnswerValue
{
    Unknown,
    Met,
    NotMet,
    Yes,
    No
};
QString toString(AnswerValue value); // "met", "not-met", "yes", "no", "unknown"
std::optional<AnswerValue> answerValueFromString(const QString& text);
QStringList answerValueNames(); // every spelling, for messages

struct Answer
{
    AnswerValue value = AnswerValue::Unknown;
    QStringList types; // indication types, when the judgment has them
    QString note;
    QList<Evidence> evidence;
    bool operator==(const Answer&) const = default;
};

// The lifecycle of a case in the queue.
enum class CaseStatus
{
    New,
    InReview,
    PendedForInformation,
    AwaitingMedicalDirector,
    Determined
};

QString toString(Urgency urgency);
std::optional<Urgency> urgencyFromString(const QString& text);
QString toString(CaseStatus status);
std::optional<CaseStatus> caseStatusFromString(const QString& text);

struct CaseData
{
    Member member;
    Provider provider;
    Request request;
    QMap<QString, Answer> answers; // keyed by judgment id; a missing id is "unknown"
    CaseStatus status = CaseStatus::New;
    bool operator==(const CaseData&) const = default;
};

} // namespace rd
