#include "app/cli/CliSupport.h"

#include "model/store/CaseStoreFactory.h"

#include "app/cli/CliApp.h"
#include "checklist/PolicyLoader.h"

#include "model/signoff/UserDirectory.h"
#include "model/workspace/WorkspaceLogin.h"

#include <QFile>
#include <QFileInfo>

namespace rd::cli {

bool parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& synopsis,
                  int expectedPositionals, QTextStream& out, QTextStream& err, int* exitCode)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("This help."));
    parser.addOption(help);
    parser.addOption({QStringLiteral("user"),
                      QStringLiteral("The login of the person acting (commands that write to a case)."),
                      QStringLiteral("LOGIN")});
    parser.addOption({QStringLiteral("password-stdin"),
                      QStringLiteral("Read the password of --user from the first line of standard input: it "
                                     "unlocks the key that signs what is written.")});
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QString command = args.value(0);
    if (!parser.parse(args)) {
        err << "reviewdesk-cli " << command << ": " << parser.errorText() << Qt::endl;
        *exitCode = ExitBadInput;
        return false;
    }
    if (parser.isSet(help)) {
        out << "Usage: reviewdesk-cli " << synopsis << "\n\n"
            << parser.helpText().section(QLatin1Char('\n'), 2);
        out.flush();
        *exitCode = ExitOk;
        return false;
    }
    const qsizetype given = parser.positionalArguments().size();
    if (expectedPositionals >= 0 ? given != expectedPositionals : given < -expectedPositionals) {
        err << "reviewdesk-cli " << command << ": usage: reviewdesk-cli " << synopsis << Qt::endl;
        *exitCode = ExitBadInput;
        return false;
    }
    return true;
}

QString workspaceOf(const QCommandLineParser& parser)
{
    QStringList candidates = parser.positionalArguments();
    // import-fhir -o URL: the output option of the command, when it was given.
    for (const QString& name : parser.optionNames())
        if (name == QLatin1String("o") || name == QLatin1String("output"))
            candidates.append(parser.value(name));
    for (const QString& candidate : std::as_const(candidates))
        if (looksLikeWorkspace(candidate))
            return candidate.section(QLatin1Char('#'), 0, 0);
    return {};
}

std::optional<Login> logIn(const QCommandLineParser& parser, const QString& command, bool requireRoster,
                           QTextStream& err)
{
    const QString login = parser.value(QStringLiteral("user"));
    if (login.isEmpty() || !parser.isSet(QStringLiteral("password-stdin"))) {
        err << "reviewdesk-cli " << command
            << ": --user LOGIN and --password-stdin are required: what is written is signed by its author"
            << Qt::endl;
        return std::nullopt;
    }
    QString error;
    UserDirectory directory;
    if (!directory.load(&error)) {
        err << error << Qt::endl;
        return std::nullopt;
    }
    const QString workspace = workspaceOf(parser);
    auto result = workspace.isEmpty()
                      ? rd::logIn(directory, login, readPasswordFromStdin(), requireRoster, &error)
                      : WorkspaceLogin::logIn(directory, workspace, login, readPasswordFromStdin(), &error);
    if (!result) {
        err << "reviewdesk-cli " << command << ": " << error << Qt::endl;
        return std::nullopt;
    }
    directory.setLastUser(login, &error);
    return result;
}

std::optional<QString> clinicalText(const QCommandLineParser& parser, const QString& textOption,
                                    const QString& fileOption, int maxChars, QTextStream& err)
{
    if (!parser.isSet(fileOption)) {
        const QString text = parser.value(textOption);
        if (text.size() > maxChars) {
            err << "reviewdesk-cli: --" << textOption << ": over " << maxChars << " characters" << Qt::endl;
            return std::nullopt;
        }
        return text;
    }
    auto text = readClinicalFile(parser.value(fileOption), fileOption, maxChars, err);
    if (text)
        *text = text->trimmed();
    return text;
}

std::optional<QString> readClinicalFile(const QString& path, const QString& option, qsizetype maxChars,
                                        QTextStream& err)
{
    const QFileInfo info(path);
    QFile file(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        err << path << ": --" << option << ": not a regular file that can be read" << Qt::endl;
        return std::nullopt;
    }
    const QByteArray bytes = file.read(qint64(maxChars) * 4 + 1);
    const QString text = QString::fromUtf8(bytes);
    if (bytes.contains('\0') || text.contains(QChar::ReplacementCharacter) ||
        text.trimmed().size() > maxChars || bytes.size() > qint64(maxChars) * 4) {
        err << path << ": --" << option << ": not UTF-8 text of at most " << maxChars << " characters"
            << Qt::endl;
        return std::nullopt;
    }
    return text;
}

std::optional<Policy> loadPolicy(QTextStream& err)
{
    Result<Policy> policy = PolicyLoader::loadBuiltIn();
    if (!policy) {
        err << policy.error().toString() << Qt::endl;
        return std::nullopt;
    }
    return std::move(policy).value();
}

QByteArray readPasswordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray line = in.readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return line;
}

std::unique_ptr<CaseStore> openCase(const QString& path, CaseFile::OpenMode mode, QTextStream& err)
{
    QString error;
    auto file = openCaseStore(path, mode == CaseFile::OpenMode::ReadWrite, &error);
    if (!file)
        err << error << Qt::endl;
    return file;
}

} // namespace rd::cli
