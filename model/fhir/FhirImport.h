// What reading a Da Vinci PAS request Bundle gives (docs/fhir.md): the case, the documents to store,
// the warnings a reviewer should see, and the "FHIR origin" the response needs later.
#pragma once

#include "checklist/CaseData.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rd {

// One supporting document, decoded into a file of the import's work folder.
struct FhirDocument
{
    QString fileName;    // the name it gets in the case (ends in .pdf)
    QString source;      // where it came from, e.g. DocumentReference/X content[0]
    QString contentType; // of the resource holding the bytes, without parameters
    QString path;        // the decoded bytes
    qint64 size = 0;
    QByteArray sha256;   // raw, of the decoded bytes; computed for a document to convert only
    int bundleBlob = -1; // the large base64 string of the file it came from, when stored as it was
    bool needsConversion() const { return contentType != QLatin1String("application/pdf"); }
};

struct FhirImport
{
    CaseData data;
    QString receivedAtSource; // "given at import", "Bundle.timestamp" or "Claim.created"
    QList<FhirDocument> documents;
    QStringList warnings;
    // Section 3.3 of the contract: what the response must echo (bundleIdentifier, claimFullUrl,
    // claimIdentifier, claimType, patient/insurer/provider fullUrl and resource, items).
    QJsonObject origin;
    // The file's bytes as the case keeps them: each large base64 document stored unchanged as a PDF
    // attachment is replaced by a placeholder that origin["bundleDocuments"] maps to the attachment's
    // name, so a 50 MB document is not stored twice; FhirCaseImport::originalBundle() puts it back.
    QByteArray storedBundle;
};

} // namespace rd
