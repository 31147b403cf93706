#include "model/workspace/WorkspaceLogin.h"

#include "model/signoff/UserDirectory.h"
#include "model/workspace/Workspace.h"

namespace rd::WorkspaceLogin {

std::optional<TrustStore> trust(const QString& url, QString* error)
{
    const auto workspace = Workspace::open(url, error);
    if (!workspace)
        return std::nullopt;
    QStringList forged;
    const auto body = workspace->roster(error, &forged);
    if (!body)
        return std::nullopt;
    return TrustStore::loadWithRoster(*body, workspace->rosterSource(forged), error);
}

std::optional<Login> logIn(const UserDirectory& directory, const QString& url, const QString& login,
                           const QByteArray& password, QString* error)
{
    if (!directory.user(login)) {
        *error = QStringLiteral("%1: no user %2 (reviewdesk-cli user add)").arg(directory.filePath(), login);
        return std::nullopt;
    }
    const auto roster = trust(url, error);
    if (!roster)
        return std::nullopt;
    return rd::logIn(directory, login, password, *roster, error);
}

} // namespace rd::WorkspaceLogin
