#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/WorkspaceSupport.h"
#include "model/fhir/FhirCaseExport.h"

namespace rd::cli {

int exportFhirCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The response Bundle to write (replaced when it exists)."),
                                    QStringLiteral("RESPONSE.json"));
    const QCommandLineOption noLetter(QStringLiteral("no-letter"),
                                      QStringLiteral("Leave the letter out of ClaimResponse.form."));
    parser.addOptions({output, noLetter});
    const QString synopsis = QStringLiteral(
        "export-fhir CASEFILE|URL#CASE-ID -o RESPONSE.json [--no-letter]\n\n"
        "Writes the Da Vinci PAS 2.2.1 response Bundle (a ClaimResponse with one item per requested line and "
        "its X12 306 review action) of a signed determination, or of a case whose every line is pended. The "
        "decision is recomputed from the case and checked against the signature; a case that fails "
        "verification is refused (exit 1). The letter goes in ClaimResponse.form unless --no-letter. See "
        "docs/fhir.md.");
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, synopsis, 1, out, err, &exitCode))
        return exitCode;
    const QString spec = parser.positionalArguments().at(0);
    if (!parser.isSet(output)) {
        err << "reviewdesk-cli export-fhir: -o RESPONSE.json is required" << Qt::endl;
        return ExitBadInput;
    }
    const auto policy = loadPolicy(err);
    if (!policy)
        return ExitBadInput;
    // A workspace case is read as the server holds it and verified against the workspace's roster and
    // the head the server keeps.
    WorkspaceCaseFile workspaceCase;
    if (!workspaceCase.resolve(spec, err))
        return ExitBadInput;
    VerifyOptions options;
    workspaceCase.applyTo(&options);
    FhirCaseExportResult result = FhirCaseExport::run(workspaceCase.path(), parser.value(output), *policy,
                                                      !parser.isSet(noLetter), options);
    // A workspace case is named as the user named it, never by its private copy's path.
    if (workspaceCase.isWorkspace()) {
        result.error.replace(workspaceCase.path(), spec);
        for (QString& warning : result.warnings)
            warning.replace(workspaceCase.path(), spec);
    }
    for (const QString& warning : result.warnings)
        out << "warning: " << warning << '\n';
    if (result.status != FhirCaseExportResult::Status::Written) {
        err << result.error
            << (result.error.contains(QLatin1String("letter")) ? " (--no-letter leaves it out)" : "")
            << Qt::endl;
        return result.status == FhirCaseExportResult::Status::CheckFailed ? ExitCheckFailed : ExitBadInput;
    }
    out << "wrote the PAS response (" << result.overall << ", "
        << (result.fromFhir ? "request from FHIR" : "request not from FHIR") << ") to "
        << parser.value(output) << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
