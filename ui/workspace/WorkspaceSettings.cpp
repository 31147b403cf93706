#include "ui/workspace/WorkspaceSettings.h"

#include "model/store/CaseStoreFactory.h"
#include "model/trust/TrustStore.h"
#include "model/workspace/PgConnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QInputDialog>
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
    // People name a workspace by its database and server; a Unix socket's folder means nothing to
    // them (and is a path of this computer).
    const QUrl parsed(url);
    const QUrlQuery query(parsed);
    QString database = parsed.path().mid(1);
    if (database.isEmpty())
        database = query.queryItemValue(QStringLiteral("dbname"));
    QString host = parsed.host();
    if (host.isEmpty())
        host = query.queryItemValue(QStringLiteral("host"));
    if (host.isEmpty() || host.startsWith(QLatin1Char('/')))
        return QCoreApplication::translate("rd::TeamMode", "%1 on this computer").arg(database);
    if (parsed.port() > 0)
        host += QLatin1Char(':') + QString::number(parsed.port());
    return QCoreApplication::translate("rd::TeamMode", "%1 on %2").arg(database, host);
}

bool WorkspaceSettings::askPassword(QWidget* parent, const QString& login)
{
    bool ok = false;
    QString password = QInputDialog::getText(
        parent, QCoreApplication::translate("rd::TeamMode", "Workspace Password"),
        QCoreApplication::translate(
            "rd::TeamMode", "The team workspace asks for the password of %1 (the database's password, "
                            "not the one of your key). It is kept in memory until you quit.")
            .arg(login),
        QLineEdit::Password, QString(), &ok);
    const bool given = ok && !password.isEmpty();
    if (given)
        PgConnection::setSessionPassword(password.toUtf8(), login);
    password.fill(QLatin1Char('\0'));
    return given;
}

} // namespace rd
