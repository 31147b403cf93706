// The newest roster this computer has seen, per organization (anchor): a roster rolled back to an
// older signed version (which may still hold a key the administrator has revoked since) is refused.
// Every roster is signed by the administrator, so an older one verifies on its own; only its serial,
// compared with what was seen before, tells that it is not the current one.
//
// Where: roster-seen.json in the person's own folder (TrustStore::homeFolder(), mode 0600), updated
// whenever a newer serial is read. It guards the person's computer against an old roster put in
// place of the current one (a shared drive, a restored backup); a signed determination also records
// the serial it was signed under, so that a verifier holding an older roster is told
// (CaseVerification). Someone who can delete this file on their own computer can make it forget;
// the team workspace's server, which holds the current roster, closes that (docs/security.md).
#pragma once

#include <QDateTime>
#include <QString>

namespace rd {

class RosterHighWater
{
public:
    explicit RosterHighWater(QString filePath);

    // False, with one sentence naming rosterPath, when serial is older than the serial seen before for
    // anchor; otherwise records serial when it is newer (a file that cannot be written is not an
    // error: the check still ran).
    bool check(const QString& anchor, qint64 serial, const QString& rosterPath, QString* error) const;

    // The highest serial seen for anchor, 0 when none.
    qint64 highest(const QString& anchor, QDateTime* seenAt = nullptr) const;

private:
    QString m_filePath;
};

} // namespace rd
