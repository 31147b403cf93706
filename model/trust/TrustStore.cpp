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
    QFile file(trustFile);
    if (!file.exists()) {
        *error = QStringLiteral("%1: no trust file: the installation names no organization roster (an "
                                "administrator writes it; see docs/security.md)")
                     .arg(trustFile);
        return std::nullopt;
    }
    // Whoever may write the trust file may choose whom to trust.
    if (QFileInfo(trustFile).permissions() & (QFileDevice::WriteGroup | QFileDevice::WriteOther)) {
        *error = QStringLiteral("%1: is writable by others than its owner: not trusted").arg(trustFile);
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(trustFile, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1 << 16), &parseError);
    const QJsonObject object = document.object();
    const QString roster = object.value(QStringLiteral("roster")).toString();
    const QString anchor = object.value(QStringLiteral("anchor")).toString();
    if (parseError.error != QJsonParseError::NoError || roster.isEmpty() || anchor.size() != 64) {
        *error = QStringLiteral("%1: expected {\"roster\": PATH, \"anchor\": 64 hex digits}").arg(trustFile);
        return std::nullopt;
    }
    TrustStore store;
    store.m_trustFile = trustFile;
    store.m_rosterPath = QDir(QFileInfo(trustFile).absolutePath()).absoluteFilePath(roster);
    const auto loaded = Roster::load(store.m_rosterPath, anchor, error);
    if (!loaded)
        return std::nullopt;
    const RosterHighWater seen(QDir(homeFolder()).filePath(QStringLiteral("roster-seen.json")));
    if (!seen.check(loaded->anchor(), loaded->serial(), store.m_rosterPath, error))
        return std::nullopt;
    store.m_roster = *loaded;
    return store;
}

bool TrustStore::writeTrustFile(const QString& trustFile, const QString& rosterPath, const QString& anchor,
                                QString* error)
{
    const QJsonObject object{{QStringLiteral("roster"), rosterPath}, {QStringLiteral("anchor"), anchor}};
    QDir().mkpath(QFileInfo(trustFile).absolutePath());
    return AtomicFile::write(trustFile, QJsonDocument(object).toJson(QJsonDocument::Indented), error, 0644);
}

} // namespace rd
