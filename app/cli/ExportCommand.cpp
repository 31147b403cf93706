#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "checklist/CaseJson.h"
#include "model/casefile/AtomicFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rd::cli {

int exportCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral(
            "Write the case JSON to FILE (mode 0600, whole or not at all) instead of standard output."),
        QStringLiteral("FILE"));
    parser.addOption(output);
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("export CASEFILE [-o FILE]"), 1, out, err, &exitCode))
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
    // The audit head at export, kept outside the file: `verify --head-from` this JSON catches a trail
    // cut short or rewritten after it (docs/security.md).
    const QList<AuditEntry> trail = file->auditTrail();
    if (!trail.isEmpty())
        json.insert(QStringLiteral("audit"),
                    QJsonObject{{QStringLiteral("count"), trail.last().seq},
                                {QStringLiteral("head"), QString::fromLatin1(trail.last().hash.toHex())}});
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Indented);
    if (parser.isSet(output)) {
        // Member data: the file is private to its owner, and a full disk is an error, never a cut file.
        QString error;
        if (!AtomicFile::write(parser.value(output), bytes, &error, 0600)) {
            err << error << Qt::endl;
            return ExitBadInput;
        }
        return ExitOk;
    }
    out << QString::fromUtf8(bytes);
    out.flush();
    return ExitOk;
}

} // namespace rd::cli
