#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "checklist/CaseJson.h"
#include "model/casefile/CaseCreation.h"

#include <QFileInfo>

namespace rd::cli {

int newCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption from(QStringLiteral("from"),
                                  QStringLiteral("The case JSON to create the case from."),
                                  QStringLiteral("CASE.json"));
    const QCommandLineOption attach(QStringLiteral("attach"),
                                    QStringLiteral("A PDF to store in the case (repeatable)."),
                                    QStringLiteral("PDF"));
    parser.addOptions({from, attach});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args,
            QStringLiteral("new CASEFILE --from CASE.json [--attach PDF]... --user LOGIN --password-stdin"),
            1, out, err, &exitCode))
        return exitCode;
    const QString path = parser.positionalArguments().at(0);
    if (!parser.isSet(from)) {
        err << "reviewdesk-cli new: --from CASE.json is required" << Qt::endl;
        return ExitBadInput;
    }
    if (QFileInfo::exists(path)) {
        err << path << ": exists already; new never replaces a case file" << Qt::endl;
        return ExitBadInput;
    }
    if (!QFileInfo(parser.value(from)).isFile()) {
        err << parser.value(from) << ": --from: not a regular file (a device, a pipe or a folder): refused"
            << Qt::endl;
        return ExitBadInput;
    }
    const auto policy = loadPolicy(err);
    if (!policy)
        return ExitBadInput;
    Result<CaseData> data = CaseJson::readFile(parser.value(from), *policy);
    if (!data) {
        err << data.error().toString() << Qt::endl;
        return ExitBadInput;
    }

    // Every attachment is checked (through the isolated worker) before anything is written.
    const auto login = logIn(parser, QStringLiteral("new"), false, err);
    if (!login)
        return ExitBadInput;
    const CaseCreationResult created = createCaseFile(path, *data, parser.values(attach), login->actor);
    if (!created.ok) {
        err << created.error << Qt::endl;
        return ExitBadInput;
    }
    out << "created " << path << ": " << data->answers.size() << " judgments, " << created.attachments
        << " attachments" << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
