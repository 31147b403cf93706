// Small readers of FHIR R4 JSON datatypes shared by the PAS reader and writer (Qt Core only).
#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rd::fhir {

inline const QString kPas = QStringLiteral("http://hl7.org/fhir/us/davinci-pas/StructureDefinition/");
inline const QString kNpiSystem = QStringLiteral("http://hl7.org/fhir/sid/us-npi");
inline const QString kIcd10Cm = QStringLiteral("http://hl7.org/fhir/sid/icd-10-cm");
inline const QString kCpt = QStringLiteral("http://www.ama-assn.org/go/cpt");
inline const QString kX12 = QStringLiteral("https://codesystem.x12.org/005010/");

QString text(const QJsonObject& object, const char* key);
QJsonObject object(const QJsonObject& object, const char* key);
QJsonArray array(const QJsonObject& object, const char* key);

// X12 code systems are written with http:// and https:// (both seen in published fixtures).
bool sameSystem(const QString& a, const QString& b);
bool isCptOrHcpcs(const QString& system);

// The codings of a CodeableConcept.
QList<QJsonObject> codings(const QJsonObject& codeableConcept);
bool hasCode(const QJsonObject& codeableConcept, const QString& system, const QString& code);

// The extensions of element with this url (a full canonical, or kPas + name when name has no ':').
QList<QJsonObject> extensions(const QJsonObject& element, const QString& url);
QString pasUrl(const QString& name);

// "yyyy-MM-dd" part of a FHIR date or dateTime when it holds a full date; invalid otherwise.
QDate fullDate(const QString& value);
// A FHIR instant / dateTime with a time and a zone, in UTC; invalid otherwise.
QDateTime instantUtc(const QString& value);

// HumanName: text, else given names and family.
QString humanName(const QJsonObject& name);
// The name of a Patient/Practitioner: use "official", else the first.
QString personName(const QJsonObject& resource);

// "'a', 'b'" in brackets, as the warnings quote lists.
QString bracketList(const QStringList& items);

} // namespace rd::fhir
