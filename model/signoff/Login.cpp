#include "model/signoff/Login.h"

#include "model/signoff/UserDirectory.h"
#include "model/trust/TrustStore.h"

#include <QFileInfo>

namespace rd {

namespace {

// The person's entry in the roster valid now, for the key just unlocked: role and printed name from there.
std::optional<Login> inRoster(Login result, const TrustStore& trust, QString* error)
{
    const QString login = result.actor.login();
    const QByteArray publicKey = result.actor.publicKey();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto entry = trust.roster().entryAt(login, publicKey, now);
    if (!entry) {
        *error =
            QStringLiteral("%1: %2").arg(trust.rosterPath(), trust.roster().whyNot(login, publicKey, now));
        return std::nullopt;
    }
    if (entry->user.role == UserRole::Admin) {
        *error = QStringLiteral(
                     "%1 is an administrator in the roster: administrators keep the roster and work no case")
                     .arg(login);
        return std::nullopt;
    }
    result.user = entry->user;
    result.inRoster = true;
    return result;
}

} // namespace

std::optional<Login> logIn(const UserDirectory& directory, const QString& login, const QByteArray& password,
                           bool requireRoster, QString* error)
{
    const auto person = directory.user(login);
    if (!person) {
        *error = QStringLiteral("%1: no user %2 (reviewdesk-cli user add)").arg(directory.filePath(), login);
        return std::nullopt;
    }
    std::shared_ptr<const SigningKey> key = directory.unlock(login, password, error);
    if (!key)
        return std::nullopt;
    Login result{*person, Actor(login, key), false};
    result.user.role = UserRole::Reviewer;
    const auto trust = TrustStore::load(error);
    if (!trust) {
        // A trust file that is there but broken is never passed over.
        if (requireRoster || QFileInfo::exists(TrustStore::trustFilePath()))
            return std::nullopt;
        error->clear();
        return result;
    }
    return inRoster(std::move(result), *trust, error);
}

std::optional<Login> logIn(const UserDirectory& directory, const QString& login, const QByteArray& password,
                           const TrustStore& trust, QString* error)
{
    const auto person = directory.user(login);
    if (!person) {
        *error = QStringLiteral("%1: no user %2 (reviewdesk-cli user add)").arg(directory.filePath(), login);
        return std::nullopt;
    }
    std::shared_ptr<const SigningKey> key = directory.unlock(login, password, error);
    if (!key)
        return std::nullopt;
    return inRoster(Login{*person, Actor(login, key), false}, trust, error);
}

} // namespace rd
