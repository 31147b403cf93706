// Reads a Da Vinci PAS request Bundle (FHIR R4; PAS 2.0.1 to 2.2.x) into a case: the refusals of
// docs/fhir.md in their fixed order (so a Bundle with several defects always gets the same first
// message), then the mapping. Qt Core only. Documents are decoded (strict base64) into files of
// workFolder; converting text and images to PDF and checking the PDFs is the caller's next step.
#pragma once

#include "checklist/Error.h"
#include "checklist/Policy.h"
#include "model/fhir/FhirImport.h"
#include "model/fhir/FhirJsonScan.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace rd {

class FhirBundleReader
{
public:
    explicit FhirBundleReader(Policy policy);

    void setLimits(const FhirJsonLimits& limits) { m_limits = limits; }
    // The receipt time the reviewer gives (--received-at); else the Bundle's own.
    void setReceivedAt(const QDateTime& receivedAt) { m_receivedAt = receivedAt; }
    // "Now" for the warnings about a receipt time in the future or long past.
    void setNow(const QDateTime& now) { m_now = now; }

    // raw: the file's bytes (a Bundle, or a $submit Parameters holding one). fileName names it in the
    // Error; the Error's path is the FHIR location (Bundle.entry[0].resource(Claim).item[1]...).
    Result<FhirImport> read(const QByteArray& raw, const QString& fileName, const QString& workFolder) const;

private:
    Policy m_policy;
    FhirJsonLimits m_limits;
    QDateTime m_receivedAt;
    QDateTime m_now;
};

} // namespace rd
