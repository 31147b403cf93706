#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/signoff/UserDirectory.h"
#include "model/trust/Roster.h"
#include "model/trust/TrustStore.h"

#include <QFileInfo>

namespace rd::cli {

namespace {

// The administrator's key, unlocked from their own people folder.
std::unique_ptr<SigningKey> unlockAdmin(const QCommandLineParser& parser, const QCommandLineOption& admin,
                                        std::optional<User>* adminUser, QTextStream& err)
{
    if (!parser.isSet(admin) || !parser.isSet(QStringLiteral("password-stdin"))) {
        err << "reviewdesk-cli roster: --admin LOGIN and --password-stdin are required" << Qt::endl;
        return nullptr;
    }
    UserDirectory directory;
    QString error;
    if (!directory.load(&error)) {
        err << error << Qt::endl;
        return nullptr;
    }
    *adminUser = directory.user(parser.value(admin));
    if (!*adminUser) {
        err << directory.filePath() << ": no user " << parser.value(admin) << " (reviewdesk-cli user add)"
            << Qt::endl;
        return nullptr;
    }
    auto key = directory.unlock(parser.value(admin), readPasswordFromStdin(), &error);
    if (!key)
        err << "reviewdesk-cli roster: " << error << Qt::endl;
    return key;
}

void list(const Roster& roster, QTextStream& out)
{
    for (const RosterEntry& entry : roster.entries()) {
        const User& user = entry.user;
        out << user.login << '\t' << user.printedName() << '\t' << toString(user.role) << '\t'
            << (user.npi.isEmpty() ? QStringLiteral("-") : user.npi) << '\t' << user.fingerprint() << '\t'
            << entry.validFrom.toString(Qt::ISODate) << " to "
            << (entry.validUntil.isValid() ? entry.validUntil.toString(Qt::ISODate) : QStringLiteral("now"))
            << '\n';
    }
    out << "anchor " << roster.anchor() << Qt::endl;
}

} // namespace

int rosterCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption admin(
        QStringLiteral("admin"),
        QStringLiteral("The administrator's login in this computer's people folder."),
        QStringLiteral("LOGIN"));
    const QCommandLineOption request(
        QStringLiteral("request"),
        QStringLiteral("A roster request (reviewdesk-cli user add --request-out)."), QStringLiteral("FILE"));
    const QCommandLineOption role(QStringLiteral("role"),
                                  QStringLiteral("reviewer, medical-director or admin."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption trustFile(
        QStringLiteral("trust-file"),
        QStringLiteral("With init: also write trust.json (roster path and anchor) to FILE."),
        QStringLiteral("FILE"));
    parser.addOptions({admin, request, role, trustFile});
    const QString sub = args.value(1);
    const QString synopsis = QStringLiteral(
        "roster init ROSTER --admin LOGIN --password-stdin [--trust-file FILE]\n"
        "       reviewdesk-cli roster add ROSTER --request FILE --role reviewer|medical-director|admin "
        "--admin LOGIN --password-stdin\n"
        "       reviewdesk-cli roster revoke ROSTER LOGIN --admin LOGIN --password-stdin\n"
        "       reviewdesk-cli roster list ROSTER\n\n"
        "The organization roster: the plan's people, their roles and public keys, signed by the "
        "administrator's key. init prints the anchor (the administrator key's SHA-256) on its last line: "
        "trust.json pins it ({\"roster\": PATH, \"anchor\": ANCHOR} in /etc/reviewdesk).");
    int exitCode = ExitOk;
    const int positionals = sub == QLatin1String("revoke") ? 3 : 2;
    if (!parseCommand(parser, args, synopsis, positionals, out, err, &exitCode))
        return exitCode;
    const QString path = parser.positionalArguments().at(1);
    QString error;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (sub == QLatin1String("list")) {
        const auto roster = Roster::load(path, QString(), &error);
        if (!roster) {
            err << error << Qt::endl;
            return ExitBadInput;
        }
        list(*roster, out);
        return ExitOk;
    }
    if (sub != QLatin1String("init") && sub != QLatin1String("add") && sub != QLatin1String("revoke")) {
        err << "reviewdesk-cli roster: expected init, add, revoke or list, not '" << sub << "'" << Qt::endl;
        return ExitBadInput;
    }
    std::optional<User> adminUser;
    const auto key = unlockAdmin(parser, admin, &adminUser, err);
    if (!key)
        return ExitBadInput;
    if (sub == QLatin1String("init")) {
        if (QFileInfo::exists(path)) {
            err << path << ": exists already; init never replaces a roster" << Qt::endl;
            return ExitBadInput;
        }
        Roster roster = Roster::create(*adminUser, now);
        if (!roster.save(path, *key, &error) ||
            (parser.isSet(trustFile) &&
             !TrustStore::writeTrustFile(parser.value(trustFile), QFileInfo(path).absoluteFilePath(),
                                         roster.anchor(), &error))) {
            err << error << Qt::endl;
            return ExitBadInput;
        }
        out << "roster " << path << " made, administrator " << adminUser->login << '\n'
            << roster.anchor() << Qt::endl;
        return ExitOk;
    }
    // The administrator may change only the roster their own key signed.
    auto roster = Roster::load(path, crypto::keyId(key->publicKey()), &error);
    if (!roster) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    if (sub == QLatin1String("add")) {
        const auto userRole = userRoleFromString(parser.value(role));
        if (!parser.isSet(request) || !userRole) {
            err << "reviewdesk-cli roster add: --request FILE and --role reviewer|medical-director|admin are "
                   "required"
                << Qt::endl;
            return ExitBadInput;
        }
        auto asked = RosterRequest::read(parser.value(request), &error);
        if (!asked) {
            err << error << Qt::endl;
            return ExitBadInput;
        }
        asked->user.role = *userRole;
        if (!roster->add(asked->user, now, &error) || !roster->save(path, *key, &error)) {
            err << path << ": " << error << Qt::endl;
            return ExitBadInput;
        }
        out << "added " << asked->user.login << " (" << toString(*userRole) << "), key "
            << asked->user.fingerprint() << Qt::endl;
        return ExitOk;
    }
    const QString login = parser.positionalArguments().at(2);
    if (!roster->revoke(login, now, &error) || !roster->save(path, *key, &error)) {
        err << path << ": " << error << Qt::endl;
        return ExitBadInput;
    }
    out << "revoked " << login << " at " << now.toString(Qt::ISODate) << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
