#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/signoff/UserDirectory.h"
#include "model/trust/Roster.h"

namespace rd::cli {

namespace {

int addUser(QCommandLineParser& parser, const QCommandLineOption& name, const QCommandLineOption& credentials,
            const QCommandLineOption& npi, const QCommandLineOption& phone,
            const QCommandLineOption& requestOut, QTextStream& out, QTextStream& err)
{
    const QString login = parser.positionalArguments().at(1);
    if (!parser.isSet(name) || !parser.isSet(QStringLiteral("password-stdin"))) {
        err << "reviewdesk-cli user add: --name and --password-stdin are required" << Qt::endl;
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("role"))) {
        err << "reviewdesk-cli user add: --role: a role is given by the administrator in the organization "
               "roster (reviewdesk-cli roster add --role), not here"
            << Qt::endl;
        return ExitBadInput;
    }
    UserDirectory directory;
    QString error;
    if (!directory.load(&error)) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    User user;
    user.login = login;
    user.name = parser.value(name).trimmed();
    user.credentials = parser.value(credentials).trimmed();
    user.npi = parser.value(npi).trimmed();
    user.phone = parser.value(phone).trimmed();
    if (!directory.addUser(user, readPasswordFromStdin(), &error)) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    const auto added = directory.user(login);
    out << "added " << login << ", key " << added->fingerprint() << Qt::endl;
    if (parser.isSet(requestOut)) {
        if (!RosterRequest{*added}.write(parser.value(requestOut), &error)) {
            err << error << Qt::endl;
            return ExitBadInput;
        }
        out << "roster request: " << parser.value(requestOut)
            << " (give it to the administrator: reviewdesk-cli roster add)" << Qt::endl;
    }
    return ExitOk;
}

} // namespace

int userCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("The person's name."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption credentials(
        QStringLiteral("credentials"),
        QStringLiteral("Credentials as printed after the name, e.g. \"MD, FAAPMR\"."), QStringLiteral("C"));
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("Refused: the roster gives roles."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption npi(QStringLiteral("npi"),
                                 QStringLiteral("National Provider Identifier (optional)."),
                                 QStringLiteral("N"));
    const QCommandLineOption phone(
        QStringLiteral("phone"), QStringLiteral("Phone for peer-to-peer calls (printed in denial letters)."),
        QStringLiteral("P"));
    const QCommandLineOption requestOut(
        QStringLiteral("request-out"),
        QStringLiteral(
            "Write the roster request (the public key and the details, no secret) to FILE, for the "
            "administrator's `roster add`."),
        QStringLiteral("FILE"));
    parser.addOptions({name, credentials, role, npi, phone, requestOut});
    const QString sub = args.value(1);
    const QString synopsis = QStringLiteral(
        "user add LOGIN --name NAME [--credentials C] [--npi N] [--phone P] --password-stdin "
        "[--request-out FILE]\n       reviewdesk-cli user list\n\nThe people folder is users.json in "
        "$REVIEWDESK_HOME, else in the application data folder. It holds each person's signing key, sealed "
        "by "
        "their password; the key never leaves it. A person's role comes from the organization roster, which "
        "the administrator keeps (reviewdesk-cli roster).");
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, synopsis, sub == QLatin1String("add") ? 2 : 1, out, err, &exitCode))
        return exitCode;
    if (sub == QLatin1String("add"))
        return addUser(parser, name, credentials, npi, phone, requestOut, out, err);
    if (sub != QLatin1String("list")) {
        err << "reviewdesk-cli user: expected add or list, not '" << sub << "'" << Qt::endl;
        return ExitBadInput;
    }
    UserDirectory directory;
    QString error;
    if (!directory.load(&error)) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    for (const User& user : directory.users()) {
        out << user.login << '\t' << user.printedName() << '\t'
            << (user.npi.isEmpty() ? QStringLiteral("-") : user.npi) << '\t'
            << (user.phone.isEmpty() ? QStringLiteral("-") : user.phone) << '\t' << user.fingerprint()
            << (user.login == directory.lastUser() ? "\t(last)" : "") << '\n';
    }
    out.flush();
    return ExitOk;
}

} // namespace rd::cli
