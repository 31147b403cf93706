// Writing the Da Vinci PAS response of a case: what `reviewdesk-cli export-fhir` and the app's
// File > Export Response (FHIR) do. The case is verified (and a signed one's decision checked against
// the policy), the decision recomputed, the letter rendered for ClaimResponse.form, and the Bundle
// written atomically with mode 0600. Allowed for a signed determination or a case whose every line is
// pended. Needs a QGuiApplication for the letter (fonts). Slow (verification, the letter): the app
// calls it on a thread of the pool.
#pragma once

#include "checklist/Policy.h"
#include "model/signoff/CaseVerification.h"

#include <QString>
#include <QStringList>

namespace rd {

struct FhirCaseExportResult
{
    enum class Status
    {
        Written,
        Refused,    // bad input: not signed and not pended, the file cannot be read or written
        CheckFailed // the case fails verification
    };
    Status status = Status::Refused;
    QString error;        // one line naming the case file, when not written
    QStringList warnings; // e.g. a pended case's request for information left out
    QString overall;      // approved / denied / partial / pended
    bool fromFhir = false;
};

class FhirCaseExport
{
public:
    // The plan settings come from the installation's configuration (PlanInfo::configDir()), the
    // reviewer's NPI from the organization roster.
    static FhirCaseExportResult run(const QString& casePath, const QString& responsePath,
                                    const Policy& policy, bool withLetter);
    // The same, verified with these options (a workspace case: the workspace's roster and audit head).
    static FhirCaseExportResult run(const QString& casePath, const QString& responsePath,
                                    const Policy& policy, bool withLetter,
                                    const VerifyOptions& verifyOptions);
};

} // namespace rd
