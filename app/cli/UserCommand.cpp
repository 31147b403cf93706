#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/signoff/UserDirectory.h"

namespace rd::cli {

namespace {

int addUser(QCommandLineParser& parser, const QCommandLineOption& name, const QCommandLineOption& credentials,
            const QCommandLineOption& role, const QCommandLineOption& npi, const QCommandLineOption& phone,
            const QCommandLineOption& passwordStdin, QTextStream& out, QTextStream& err)
{
    const QString login = parser.positionalArguments().at(1);
    if (!parser.isSet(name) || !parser.isSet(role) || !parser.isSet(passwordStdin)) {
        err << "reviewdesk-cli user add: --name, --role and --password-stdin are required" << Qt::endl;
        return ExitBadInput;
    }
    const auto userRole = userRoleFromString(parser.value(role));
    if (!userRole) {
        err << "reviewdesk-cli user add: --role " << parser.value(role)
            << ": expected reviewer or medical-director" << Qt::endl;
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
    user.role = *userRole;
    user.npi = parser.value(npi).trimmed();
    user.phone = parser.value(phone).trimmed();
    if (!directory.addUser(user, readPasswordFromStdin(), &error)) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    const auto added = directory.user(login);
    out << "added " << login << " (" << toString(user.role) << "), key " << added->fingerprint() << Qt::endl;
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
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("reviewer or medical-director."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption npi(QStringLiteral("npi"),
                                 QStringLiteral("National Provider Identifier (optional)."),
                                 QStringLiteral("N"));
    const QCommandLineOption phone(
        QStringLiteral("phone"), QStringLiteral("Phone for peer-to-peer calls (printed in denial letters)."),
        QStringLiteral("P"));
    const QCommandLineOption passwordStdin(
        QStringLiteral("password-stdin"),
        QStringLiteral(
            "Read the password (at least 8 characters) from the first line of standard input. It seals "
            "the user's new Ed25519 signing key."));
    parser.addOptions({name, credentials, role, npi, phone, passwordStdin});
    const QString sub = args.value(1);
    const QString synopsis = QStringLiteral(
        "user add LOGIN --name NAME --role reviewer|medical-director [--credentials C] [--npi N] "
        "[--phone P] --password-stdin\n       reviewdesk-cli user list\n\nThe directory is "
        "users.json in $REVIEWDESK_HOME, else in the application data folder.");
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, synopsis, sub == QLatin1String("add") ? 2 : 1, out, err, &exitCode))
        return exitCode;
    if (sub == QLatin1String("add"))
        return addUser(parser, name, credentials, role, npi, phone, passwordStdin, out, err);
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
        out << user.login << '\t' << user.printedName() << '\t' << toString(user.role) << '\t'
            << (user.npi.isEmpty() ? QStringLiteral("-") : user.npi) << '\t'
            << (user.phone.isEmpty() ? QStringLiteral("-") : user.phone) << '\t' << user.fingerprint()
            << (user.login == directory.lastUser() ? "\t(last)" : "") << '\n';
    }
    out.flush();
    return ExitOk;
}

} // namespace rd::cli
