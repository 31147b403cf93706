#include "model/trust/TrustStore.h"

#include "model/casefile/AtomicFile.h"
#include "model/trust/RosterHighWater.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace rd {

QString TrustStore::configDir()
{
    const QString override = qEnvironmentVariable("REVIEWDESK_CONFIG_DIR");
    return override.isEmpty() ? QStringLiteral("/etc/reviewdesk") : override;
}

QString TrustStore::trustFilePath()
{
    return QDir(configDir()).filePath(QStringLiteral("trust.json"));
}

QString TrustStore::homeFolder()
{
    const QString override = qEnvironmentVariable("REVIEWDESK_HOME");
    if (!override.isEmpty())
        return override;
    // AppDataLocation would differ between the app and the command line (the CLI's application name
    // is reviewdesk-cli and it has no organization name).
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("ReviewDesk"));
}

std::optional<TrustStore> TrustStore::load(QString* error)
{
    auto store = loadFrom(trustFilePath(), error);
    if (store)
        store->m_fromOverride = !qEnvironmentVariable("REVIEWDESK_CONFIG_DIR").isEmpty();
    return store;
}

std::optional<TrustStore> TrustStore::loadFrom(const QString& trustFile, QString* error)
{
    TrustStore store;
    QString anchor;
    if (!store.readTrustFile(trustFile, &anchor, error))
        return std::nullopt;
    const auto loaded = Roster::load(store.m_rosterPath, anchor, error);
    if (!loaded || !store.accept(*loaded, store.m_rosterPath, error))
        return std::nullopt;
    return store;
}

std::optional<TrustStore> TrustStore::loadWithRoster(const QByteArray& rosterJson, const QString& source,
                                                     QString* error)
{
    TrustStore store;
    QString anchor;
    if (!store.readTrustFile(trustFilePath(), &anchor, error))
        return std::nullopt;
    store.m_fromOverride = !qEnvironmentVariable("REVIEWDESK_CONFIG_DIR").isEmpty();
    store.m_rosterPath = source;
    if (rosterJson.isEmpty()) {
        *error = QStringLiteral("%1: holds no organization roster (the administrator stores it: "
                                "reviewdesk-cli workspace roster)")
                     .arg(source);
        return std::nullopt;
    }
    const auto roster = Roster::fromJson(rosterJson, source, anchor, error);
    if (!roster || !store.accept(*roster, source, error))
        return std::nullopt;
    return store;
}

std::optional<QString> TrustStore::pinnedAnchor(QString* error)
{
    TrustStore store;
    QString anchor;
    if (!store.readTrustFile(trustFilePath(), &anchor, error))
        return std::nullopt;
    return anchor;
}

bool TrustStore::readTrustFile(const QString& trustFile, QString* anchor, QString* error)
{
    QFile file(trustFile);
    if (!file.exists()) {
        *error = QStringLiteral("%1: no trust file: the installation names no organization roster (an "
                                "administrator writes it; see docs/security.md)")
                     .arg(trustFile);
        return false;
    }
    // Whoever may write the trust file may choose whom to trust.
    if (QFileInfo(trustFile).permissions() & (QFileDevice::WriteGroup | QFileDevice::WriteOther)) {
        *error = QStringLiteral("%1: is writable by others than its owner: not trusted").arg(trustFile);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(trustFile, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1 << 16), &parseError);
    const QJsonObject object = document.object();
    const QString roster = object.value(QStringLiteral("roster")).toString();
    *anchor = object.value(QStringLiteral("anchor")).toString();
    if (parseError.error != QJsonParseError::NoError || roster.isEmpty() || anchor->size() != 64) {
        *error = QStringLiteral("%1: expected {\"roster\": PATH, \"anchor\": 64 hex digits}").arg(trustFile);
        return false;
    }
    m_trustFile = trustFile;
    m_rosterPath = QDir(QFileInfo(trustFile).absolutePath()).absoluteFilePath(roster);
    return true;
}

bool TrustStore::accept(const Roster& roster, const QString& source, QString* error)
{
    const RosterHighWater seen(QDir(homeFolder()).filePath(QStringLiteral("roster-seen.json")));
    if (!seen.check(roster.anchor(), roster.serial(), source, error))
        return false;
    m_roster = roster;
    return true;
}

bool TrustStore::writeTrustFile(const QString& trustFile, const QString& rosterPath, const QString& anchor,
                                QString* error)
{
    const QJsonObject object{{QStringLiteral("roster"), rosterPath}, {QStringLiteral("anchor"), anchor}};
    QDir().mkpath(QFileInfo(trustFile).absolutePath());
    return AtomicFile::write(trustFile, QJsonDocument(object).toJson(QJsonDocument::Indented), error, 0644);
}

} // namespace rd
