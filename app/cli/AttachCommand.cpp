#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/casefile/CaseCreation.h"

namespace rd::cli {

int attachCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("attach CASEFILE PDF... --user LOGIN --password-stdin"),
                      -2, out, err, &exitCode))
        return exitCode;
    QStringList pdfs = parser.positionalArguments();
    const QString path = pdfs.takeFirst();
    const auto login = logIn(parser, QStringLiteral("attach"), false, err);
    if (!login)
        return ExitBadInput;
    // Every PDF is checked (through the isolated worker) before anything is written.
    const CaseCreationResult added = addCaseAttachments(path, pdfs, login->actor);
    if (!added.ok) {
        err << added.error << Qt::endl;
        return ExitBadInput;
    }
    out << "added " << added.attachments << " attachments to " << path << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
