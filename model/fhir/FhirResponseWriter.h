// The Da Vinci PAS 2.2.1 response Bundle of a case (docs/fhir.md, "What is written"): a ClaimResponse
// first, with one item per requested line (the request's item sequence and trace numbers echoed, the
// X12 306 review action A1 / A3 / A4), the reasons as processNotes, and the Patient, insurer and
// requestor copied from the request with their fullUrls. Qt Core only; the caller decides whether a
// case may be answered (signed, or every line pended) and supplies the recomputed decision.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Decision.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace rd {

struct FhirResponseInput
{
    CaseData data;
    QString caseId;
    Decision decision;       // the final decision, recomputed
    bool determined = false; // signed by a person (claimResponseReviewer)
    QDateTime decidedAt;     // UTC: the signing time, or now for a pended response
    QString reviewerNpi;     // the signer's, when known
    QJsonObject origin;      // the FHIR origin; empty when the case did not come from FHIR
    QByteArray letterPdf;    // empty: no form
    QString letterTitle;
    int authorizationValidDays = 90;
    QString payerIdentifierSystem; // empty: urn:ietf:rfc:3986 with a urn:uuid value
    QString planName;              // for an insurer made up when the request named none
};

class FhirResponseWriter
{
public:
    static QJsonObject bundle(const FhirResponseInput& input);

    static QString authorizationNumber(const QString& caseId); // "RD-" + the case id, upper case
};

} // namespace rd
