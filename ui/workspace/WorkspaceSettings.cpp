#include "ui/workspace/WorkspaceSettings.h"

#include "model/store/CaseStoreFactory.h"
#include "model/trust/TrustStore.h"
#include "model/workspace/PgConnection.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace rd {

QString WorkspaceSettings::filePath()
{
    return QDir(TrustStore::configDir()).filePath(QStringLiteral("workspace.json"));
}

std::optional<QString> WorkspaceSettings::configuredUrl(QString* error)
{
    const QString path = filePath();
    QFile file(path);
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error =
            QStringLiteral("%1: not a JSON object (%2)")
                .arg(path, parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                        : QStringLiteral("not an object"));
        return std::nullopt;
    }
    const QString url = document.object().value(QStringLiteral("url")).toString();
    if (!looksLikeWorkspace(url)) {
        *error = QStringLiteral("%1: \"url\" must be a PostgreSQL URL (postgresql://...)").arg(path);
        return std::nullopt;
    }
    if (PgConnection::hasPassword(url)) {
        *error = QStringLiteral("%1: \"url\" holds a password: passwords never go in a file like this one "
                                "(use PGPASSFILE or ~/.pgpass, or let the app ask)")
                     .arg(path);
        return std::nullopt;
    }
    return url;
}

QString WorkspaceSettings::urlFor(const QString& url, const QString& login)
{
    QUrl parsed(url);
    parsed.setUserName(QString());
    QUrlQuery query(parsed);
    query.removeAllQueryItems(QStringLiteral("user"));
    if (!login.isEmpty())
        query.addQueryItem(QStringLiteral("user"), login);
    parsed.setQuery(query);
    return parsed.toString();
}

QString WorkspaceSettings::displayUrl(const QString& url)
{
    return urlFor(url, QString());
}

} // namespace rd
