#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "checklist/CaseJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rd::cli {

int exportCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("export CASEFILE"), 1, out, err, &exitCode))
        return exitCode;
    const auto file = openCase(parser.positionalArguments().at(0), CaseFile::OpenMode::ReadOnly, err);
    if (!file)
        return ExitBadInput;
    QJsonObject json = CaseJson::toJsonObject(file->data());
    QJsonArray attachments;
    for (const AttachmentInfo& info : file->attachments())
        attachments.append(QJsonObject{{QStringLiteral("fileName"), info.fileName},
                                       {QStringLiteral("sha256"), QString::fromLatin1(info.sha256.toHex())},
                                       {QStringLiteral("size"), info.size},
                                       {QStringLiteral("pageCount"), info.pageCount}});
    json.insert(QStringLiteral("attachments"), attachments);
    out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    out.flush();
    return ExitOk;
}

} // namespace rd::cli
