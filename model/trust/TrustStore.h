// The installation's root of trust: trust.json names the organization roster and pins its
// administrator's key ({"roster": PATH, "anchor": KEY-ID}). It lives in /etc/reviewdesk, where a
// reviewer cannot write; $REVIEWDESK_CONFIG_DIR points elsewhere (tests, the demo), and whoever
// reads a verification is told when it did (fromOverride()). A relative roster path is relative to
// trust.json's folder.
#pragma once

#include "model/trust/Roster.h"

#include <QString>

#include <optional>

namespace rd {

class TrustStore
{
public:
    // $REVIEWDESK_CONFIG_DIR, else /etc/reviewdesk.
    static QString configDir();
    static QString trustFilePath();
    // The person's own folder on this computer: $REVIEWDESK_HOME, else
    // QStandardPaths::GenericDataLocation/ReviewDesk (one folder for the app and the command line).
    // It holds the people folder (UserDirectory) and the newest roster seen (RosterHighWater).
    static QString homeFolder();

    // Reads trust.json and the roster it names, checked against the anchor and against the newest
    // serial this computer has seen of that roster (RosterHighWater: an older one is refused). Fails
    // naming the file.
    static std::optional<TrustStore> load(QString* error);
    static std::optional<TrustStore> loadFrom(const QString& trustFile, QString* error);

    // The same trust.json's anchor, with the roster given as its JSON instead of the file trust.json
    // names: the roster the team workspace keeps (source, its URL, names it in messages and as
    // rosterPath()). Checked as the file is: signed by the pinned administrator key, and not older than
    // the newest serial this computer has seen (a newer one is remembered). Empty rosterJson (none
    // stored) fails naming source.
    static std::optional<TrustStore> loadWithRoster(const QByteArray& rosterJson, const QString& source,
                                                    QString* error);

    // The administrator key id trust.json pins, without reading the roster it names (a workspace picks
    // the newest of its stored rosters that this key signed).
    static std::optional<QString> pinnedAnchor(QString* error);

    // Writes trust.json (mode 0644) for an administrator (roster init) and for the demo and tests.
    static bool writeTrustFile(const QString& trustFile, const QString& rosterPath, const QString& anchor,
                               QString* error);

    const Roster& roster() const { return m_roster; }
    QString anchor() const { return m_roster.anchor(); }
    QString trustFile() const { return m_trustFile; }
    QString rosterPath() const { return m_rosterPath; }
    bool fromOverride() const { return m_fromOverride; }

private:
    bool readTrustFile(const QString& trustFile, QString* anchor, QString* error);
    bool accept(const Roster& roster, const QString& source, QString* error);

    Roster m_roster;
    QString m_trustFile;
    QString m_rosterPath;
    bool m_fromOverride = false;
};

} // namespace rd
