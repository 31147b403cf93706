#include "CliApp.h"
#include "CliSupport.h"
#include "Commands.h"

#include <QFileInfo>

namespace rd::cli {

int verifyCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("verify CASEFILE"), 1, out, err, &exitCode))
        return exitCode;
    const QString path = parser.positionalArguments().at(0);
    if (!QFileInfo(path).isFile()) {
        err << path << ": no such file" << Qt::endl;
        return ExitBadInput;
    }
    QString error;
    const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
    if (!file) {
        out << "FAILED " << error << Qt::endl;
        return ExitCheckFailed;
    }
    const VerifyReport report = file->verify();
    for (const QString& line : report.checked)
        out << "ok      " << line << '\n';
    for (const VerifyFinding& finding : report.problems)
        out << "FAILED  " << finding.where << ": " << finding.what << '\n';
    out << (report.ok() ? "verified: " : "NOT verified: ") << path << Qt::endl;
    return report.ok() ? ExitOk : ExitCheckFailed;
}

} // namespace rd::cli
