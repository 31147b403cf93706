#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/WorkspaceSupport.h"
#include "model/signoff/CaseVerification.h"
#include "model/trust/SigningKey.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rd::cli {

int verifyCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption anchor(
        QStringLiteral("anchor"),
        QStringLiteral("Require this trust anchor (the administrator key id trust.json pins), so that a "
                       "trust file swapped in elsewhere is caught."),
        QStringLiteral("KEYID"));
    const QCommandLineOption head(
        QStringLiteral("head"),
        QStringLiteral("An audit head recorded outside the file (sign prints it; letters and responses carry "
                       "it): the trail must still hold that row, so that a trail cut short is caught."),
        QStringLiteral("N:HASH"));
    const QCommandLineOption headFrom(
        QStringLiteral("head-from"),
        QStringLiteral("The same from a file: the JSON `export` wrote (its \"audit\") or a saved receipt of "
                       "`sign`."),
        QStringLiteral("FILE"));
    const QCommandLineOption workspace(
        QStringLiteral("workspace"),
        QStringLiteral("Check the signers against the roster this team workspace keeps (signed by the "
                       "administrator trust.json pins) instead of the local one; a workspace case "
                       "(URL#CASE-ID) always is."),
        QStringLiteral("URL"));
    parser.addOptions({anchor, head, headFrom, workspace});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args,
            QStringLiteral("verify CASEFILE|URL#CASE-ID [--anchor KEYID] [--head N:HASH | --head-from FILE] "
                           "[--workspace URL]\n\n"
                           "Exit status: 0 verified, 1 a check failed, 2 bad input."),
            1, out, err, &exitCode))
        return exitCode;
    WorkspaceCaseFile workspaceCase;
    if (!workspaceCase.resolve(parser.positionalArguments().at(0), err))
        return ExitBadInput;
    if (parser.isSet(workspace)) {
        if (workspaceCase.isWorkspace()) {
            err << "reviewdesk-cli verify: --workspace is for a case file; a workspace case is checked "
                   "against its own workspace's roster"
                << Qt::endl;
            return ExitBadInput;
        }
        if (!workspaceCase.useRosterOf(parser.value(workspace), err))
            return ExitBadInput;
    }
    const QString path = workspaceCase.path();
    if (!QFileInfo(path).isFile()) {
        err << path << ": no such file" << Qt::endl;
        return ExitBadInput;
    }
    VerifyOptions options;
    options.requiredAnchor = parser.value(anchor);
    QString error;
    if ((parser.isSet(head) && !parseAuditHead(parser.value(head), &options, &error)) ||
        (parser.isSet(headFrom) && !readAuditHead(parser.value(headFrom), &options, &error))) {
        err << "reviewdesk-cli verify: " << error << Qt::endl;
        return ExitBadInput;
    }
    workspaceCase.applyTo(&options);
    const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
    if (!file) {
        out << "FAILED "
            << (workspaceCase.isWorkspace() ? error.replace(path, parser.positionalArguments().at(0)) : error)
            << Qt::endl;
        return ExitCheckFailed;
    }
    const CaseVerification result = verifyCase(*file, options);
    if (!result.anchor.isEmpty())
        out << "trust   anchor " << result.anchor << " (" << result.trustFile
            << (result.trustOverride ? ", from $REVIEWDESK_CONFIG_DIR, not the installation's" : "") << ")\n"
            << "roster  " << result.rosterSource << '\n';
    if (const auto signature = file->signature()) {
        const QJsonObject payload = QJsonDocument::fromJson(signature->payload).object();
        QStringList lines;
        for (const QJsonValue& line :
             payload.value(QStringLiteral("decision")).toObject().value(QStringLiteral("lines")).toArray())
            lines.append(line[QStringLiteral("code")].toString() + QLatin1Char(' ') +
                         line[QStringLiteral("decision")].toString());
        // Who signed, as the roster names them: never as the signed payload describes its signer.
        if (result.signer)
            out << "signed  by " << result.signer->user.login << " (" << result.signer->user.name << ", "
                << result.signer->user.credentials << ", " << toString(result.signer->user.role)
                << " in the roster) at " << payload.value(QStringLiteral("signedAt")).toString() << "\n";
        else
            out << "signed  by " << signature->signer << " (not in the roster at that time) at "
                << payload.value(QStringLiteral("signedAt")).toString() << "\n";
        out << "        " << payload.value(QStringLiteral("meaning")).toString() << ": "
            << (result.decision.isEmpty() ? QStringLiteral("?") : result.decision) << " ("
            << lines.join(QStringLiteral(", ")) << ")\n"
            << "        key " << crypto::fingerprint(signature->publicKey) << " (Ed25519)\n";
    } else {
        out << "unsigned: the case has no signature yet\n";
    }
    // A workspace case is named as the user named it, never by its private copy's path.
    const QString spec = parser.positionalArguments().at(0);
    auto named = [&](QString text) {
        return workspaceCase.isWorkspace() ? text.replace(path, spec) : text;
    };
    for (const QString& line : result.report.checked)
        out << "ok      " << named(line) << '\n';
    for (const VerifyFinding& finding : result.report.problems)
        out << "FAILED  " << named(finding.where) << ": " << named(finding.what) << '\n';
    if (result.auditCount > 0)
        out << "head    " << result.auditCount << ':' << result.auditHead.toHex() << '\n';
    out << (result.report.ok() ? "verified: " : "NOT verified: ") << named(path) << Qt::endl;
    return result.report.ok() ? ExitOk : ExitCheckFailed;
}

} // namespace rd::cli
