// Creating a case file from a Da Vinci PAS request Bundle: what `reviewdesk-cli import-fhir` and the
// app's File > Import Request (FHIR) do. Read and check the Bundle (FhirBundleReader), convert text and
// images to PDF, then create the case through createCaseFile() (every PDF checked by the PDF worker),
// storing the FHIR origin and the warnings (audited) before the documents. Nothing is left behind
// when anything is refused. Synchronous and slow: the app calls it on a thread of the pool. Needs a
// QGuiApplication when a document must be converted (fonts).
#pragma once

#include "checklist/Error.h"
#include "checklist/Policy.h"
#include "model/audit/Actor.h"
#include "model/fhir/FhirImport.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

class CaseFile;

struct FhirCaseImportResult
{
    bool ok = false;
    QString error; // one line naming the Bundle file and the FHIR location, when !ok
    Error refusal; // the same as an Error (file, FHIR path, message), for an OperationOutcome
    QStringList warnings;
    int attachments = 0;
    CaseData data;
};

class FhirCaseImport
{
public:
    // Reads and checks bundlePath without creating anything: the case and the warnings the import
    // would give (documents are decoded into a temporary folder and removed again).
    static Result<FhirImport> preview(const QString& bundlePath, const Policy& policy,
                                      const QDateTime& receivedAt);

    // Creates casePath (which must not exist) from bundlePath, every audit entry signed by actor.
    // receivedAt: the reviewer's receipt time (invalid: the Bundle's own).
    static FhirCaseImportResult run(const QString& bundlePath, const QString& casePath, const Policy& policy,
                                    const QDateTime& receivedAt, const Actor& actor);

    // The request file as it was received, put back together from the case file: the stored form
    // with each large document's base64 (stored as a PDF attachment) encoded again.
    static std::optional<QByteArray> originalBundle(const CaseFile& file, QString* error);

    // The OperationOutcome PAS returns for a Bundle it cannot process (issue severity error, code invalid).
    static QByteArray operationOutcome(const Error& refusal);
};

} // namespace rd
