#include "CaseJson.h"
#include "CliApp.h"
#include "CliSupport.h"
#include "Commands.h"
#include "PdfService.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

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
    if (!parseCommand(parser, args, QStringLiteral("new CASEFILE --from CASE.json [--attach PDF]..."), 1, out,
                      err, &exitCode))
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
    const auto policy = loadPolicy(err);
    if (!policy)
        return ExitBadInput;
    Result<CaseData> data = CaseJson::readFile(parser.value(from), *policy);
    if (!data) {
        err << data.error().toString() << Qt::endl;
        return ExitBadInput;
    }

    // Every attachment is checked before anything is written.
    struct Attachment
    {
        QString path;
        QString name;
        int pageCount;
    };
    QList<Attachment> attachments;
    QSet<QString> names;
    for (const QString& pdf : parser.values(attach)) {
        const QString name = QFileInfo(pdf).fileName();
        if (names.contains(name)) {
            err << pdf << ": another attachment has the same file name " << name << Qt::endl;
            return ExitBadInput;
        }
        // Through the same isolated worker the viewer uses: a hostile file cannot hang or crash us.
        const PdfProbeResult check = PdfService::probe(pdf);
        if (!check.ok()) {
            err << pdf << ": refused as an attachment: " << check.error.message << Qt::endl;
            return ExitBadInput;
        }
        names.insert(name);
        attachments.append({pdf, name, check.pageCount});
    }

    const QString user = actingUser(parser);
    QString error;
    auto file = CaseFile::create(path, *data, user, &error);
    if (!file) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    for (const Attachment& attachment : std::as_const(attachments)) {
        if (!file->addAttachment(attachment.name, attachment.path, attachment.pageCount, user, &error)) {
            file.reset();
            QFile::remove(path); // ours, made a moment ago: leave nothing half-made behind
            err << error << Qt::endl;
            return ExitBadInput;
        }
    }
    out << "created " << path << ": " << data->answers.size() << " judgments, " << attachments.size()
        << " attachments" << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
