#include "app/cli/CliSupport.h"

#include "app/cli/CliApp.h"
#include "checklist/PolicyLoader.h"
#include "model/audit/Actor.h"

#include <QFile>

namespace rd::cli {

bool parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& synopsis,
                  int expectedPositionals, QTextStream& out, QTextStream& err, int* exitCode)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("This help."));
    parser.addOption(help);
    parser.addOption({QStringLiteral("user"),
                      QStringLiteral("The acting user's login (default: the login name)."),
                      QStringLiteral("LOGIN")});
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

QString actingUser(const QCommandLineParser& parser)
{
    return actorName(parser.value(QStringLiteral("user")));
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

std::unique_ptr<CaseFile> openCase(const QString& path, CaseFile::OpenMode mode, QTextStream& err)
{
    QString error;
    auto file = CaseFile::open(path, mode, &error);
    if (!file)
        err << error << Qt::endl;
    return file;
}

} // namespace rd::cli
