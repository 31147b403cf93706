#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/fhir/FhirCaseImport.h"
#include "model/fhir/FhirValues.h"
#include "model/signoff/CaseVerification.h"
#include "model/store/CaseStoreFactory.h"
#include "model/workspace/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>

namespace rd::cli {

namespace {

bool writeOutcome(const QString& path, const Error& refusal, QTextStream& err)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        err << path << ": cannot be written: " << file.errorString() << Qt::endl;
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(FhirCaseImport::operationOutcome(refusal));
    return file.commit();
}

// The new case into the workspace: made as a case file in a private folder (mode 0700, removed at the
// end), verified against the workspace's roster as `workspace import` does, then imported whole.
std::optional<QString> intoWorkspace(Workspace& workspace, const QString& casePath, QTextStream& err,
                                     int* exitCode)
{
    QString error;
    VerifyOptions options;
    const auto file = CaseFile::open(casePath, CaseFile::OpenMode::ReadOnly, &error);
    if (!file || !workspace.useRoster(&options, &error)) {
        err << workspace.conninfo() << ": " << error << Qt::endl;
        *exitCode = ExitBadInput;
        return std::nullopt;
    }
    const CaseVerification verification = verifyCase(*file, options);
    if (!verification.report.ok()) {
        const VerifyFinding& first = verification.report.problems.first();
        err << workspace.conninfo() << ": the new case does not verify against the workspace's roster, not "
            << "imported: " << first.where << ": " << first.what << Qt::endl;
        *exitCode = ExitCheckFailed;
        return std::nullopt;
    }
    auto caseId = workspace.importCaseFile(casePath, &error);
    if (!caseId) {
        err << error.replace(casePath, workspace.conninfo()) << Qt::endl;
        *exitCode = ExitBadInput;
    }
    return caseId;
}

} // namespace

int importFhirCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The case file to create (must not exist), or the team "
                                                   "workspace's URL: the case is created there."),
                                    QStringLiteral("CASEFILE|URL"));
    const QCommandLineOption receivedAt(
        QStringLiteral("received-at"),
        QStringLiteral("When the request was received, ISO 8601 with a zone (default: Bundle.timestamp, else "
                       "Claim.created)."),
        QStringLiteral("TIME"));
    const QCommandLineOption outcome(
        QStringLiteral("outcome"),
        QStringLiteral("On a refusal, also write it as a FHIR OperationOutcome to this file."),
        QStringLiteral("OO.json"));
    parser.addOptions({output, receivedAt, outcome});
    const QString synopsis = QStringLiteral(
        "import-fhir BUNDLE.json -o CASEFILE|URL --user LOGIN --password-stdin [--received-at TIME] "
        "[--outcome "
        "OO.json]\n\n"
        "Creates a case file (or, with -o URL, a case in the team workspace, printing its case id) from a Da "
        "Vinci PAS request Bundle (FHIR R4, PAS 2.0.1 to 2.2.x; a $submit "
        "Parameters holding one is accepted). PDF documents are stored as they are, text and images "
        "converted to PDF; every PDF is checked by the PDF worker. Warnings are printed and kept in the "
        "case's audit trail. A refused Bundle creates nothing (exit 2, one line naming the file and the "
        "FHIR location). See docs/fhir.md.");
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, synopsis, 1, out, err, &exitCode))
        return exitCode;
    const QString bundle = parser.positionalArguments().at(0);
    if (!parser.isSet(output)) {
        err << "reviewdesk-cli import-fhir: -o CASEFILE is required" << Qt::endl;
        return ExitBadInput;
    }
    QString path = parser.value(output);
    // -o URL: the workspace is reached before anything is made (an unreachable one creates nothing).
    std::unique_ptr<Workspace> workspace;
    QTemporaryDir folder;
    if (looksLikeWorkspace(path)) {
        if (path.contains(QLatin1Char('#'))) {
            err << "reviewdesk-cli import-fhir: -o takes the workspace's URL without #CASE-ID: the new case "
                   "brings its own id"
                << Qt::endl;
            return ExitBadInput;
        }
        QString error;
        workspace = Workspace::open(path, &error);
        if (!workspace) {
            err << error << Qt::endl;
            return ExitBadInput;
        }
        QFile::setPermissions(folder.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        path = QDir(folder.path()).filePath(QStringLiteral("imported.rdcase"));
    }
    if (QFileInfo::exists(path)) {
        err << path << ": exists already; import-fhir never replaces a case file" << Qt::endl;
        return ExitBadInput;
    }
    // The refusal is written over the --outcome file: never over the request itself.
    if (parser.isSet(outcome) && QFileInfo::exists(parser.value(outcome)) &&
        QFileInfo(parser.value(outcome)).canonicalFilePath() == QFileInfo(bundle).canonicalFilePath()) {
        err << parser.value(outcome) << ": --outcome names the request itself; it is never overwritten"
            << Qt::endl;
        return ExitBadInput;
    }
    QDateTime received;
    if (parser.isSet(receivedAt)) {
        received = fhir::instantUtc(parser.value(receivedAt));
        if (!received.isValid()) {
            err << "reviewdesk-cli import-fhir: --received-at " << parser.value(receivedAt)
                << ": expected an ISO 8601 time with a zone, e.g. 2026-11-20T14:05:00Z" << Qt::endl;
            return ExitBadInput;
        }
    }
    const auto policy = loadPolicy(err);
    if (!policy)
        return ExitBadInput;
    // The person the case's audit entries are signed by; a refused Bundle still creates nothing.
    const auto login = logIn(parser, QStringLiteral("import-fhir"), false, err);
    if (!login)
        return ExitBadInput;
    FhirCaseImportResult result = FhirCaseImport::run(bundle, path, *policy, received, login->actor);
    if (!result.ok) {
        err << (workspace ? result.error.replace(path, workspace->conninfo()) : result.error) << Qt::endl;
        if (parser.isSet(outcome))
            writeOutcome(parser.value(outcome), result.refusal, err);
        return ExitBadInput;
    }
    if (workspace) {
        // Standard output is the case id alone (as `workspace import`), for scripts; the rest on stderr.
        const auto caseId = intoWorkspace(*workspace, path, err, &exitCode);
        if (!caseId)
            return exitCode;
        for (const QString& warning : result.warnings)
            err << "warning: " << warning << '\n';
        err << "created " << workspace->conninfo() << '#' << *caseId << ": "
            << result.data.request.lines.join(QStringLiteral(", ")) << ", "
            << toString(result.data.request.urgency) << ", " << result.attachments << " attachments, "
            << result.warnings.size() << " warnings" << Qt::endl;
        out << *caseId << Qt::endl;
        return ExitOk;
    }
    for (const QString& warning : result.warnings)
        out << "warning: " << warning << '\n';
    out << "created " << path << ": " << result.data.request.lines.join(QStringLiteral(", ")) << ", "
        << toString(result.data.request.urgency) << ", " << result.attachments << " attachments, "
        << result.warnings.size() << " warnings" << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
