// The organization roster: the plan's people with their role and public key, and from when to when
// each entry is valid. It is signed by the administrator whose key the installation pins in
// trust.json (model/trust/TrustStore.h); a roster whose signature or administrator key does not
// match the pin is refused whole. Revoking a person closes their entry (validUntil) instead of
// removing it, so that what they signed before stays checkable.
//
// File: JSON, {"format": "reviewdesk-roster", "formatVersion": 1, "adminKey": HEX, "serial": N,
// "entries": [...], "signature": HEX}; the signature is Ed25519 over the domain tag and the compact
// JSON of everything but "signature".
#pragma once

#include "model/trust/User.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace rd {

class SigningKey;

struct RosterEntry
{
    User user;            // login, name, credentials, NPI, phone, role, public key
    QDateTime validFrom;  // UTC
    QDateTime validUntil; // UTC; invalid while the entry is open

    bool validAt(const QDateTime& time) const;
};

// What a person hands the administrator: made by `reviewdesk-cli user add --request-out`.
struct RosterRequest
{
    User user; // role unset: the administrator gives it
    static std::optional<RosterRequest> read(const QString& path, QString* error);
    bool write(const QString& path, QString* error) const;
};

class Roster
{
public:
    // A new roster whose first entry is its administrator (role admin).
    static Roster create(const User& admin, const QDateTime& now);
    // Reads path and checks its signature against its own administrator key; anchor, when not empty,
    // must be that key's id (crypto::keyId). Fails naming the file and what is wrong.
    static std::optional<Roster> load(const QString& path, const QString& anchor, QString* error);
    // The same checks on a roster's JSON held elsewhere (the one the team workspace keeps); source
    // names it in messages.
    static std::optional<Roster> fromJson(const QByteArray& bytes, const QString& source,
                                          const QString& anchor, QString* error);
    // The roster format version this program reads and writes.
    static int formatVersion();

    QByteArray adminKey() const { return m_adminKey; }
    QString anchor() const; // crypto::keyId(adminKey())
    qint64 serial() const { return m_serial; }
    const QList<RosterEntry>& entries() const { return m_entries; }

    // The entry of login whose key is publicKey and that was valid at time.
    std::optional<RosterEntry> entryAt(const QString& login, const QByteArray& publicKey,
                                       const QDateTime& time) const;
    // Why entryAt() found nothing, in one sentence ("is not in the roster", "was revoked at ...").
    QString whyNot(const QString& login, const QByteArray& publicKey, const QDateTime& time) const;
    // The open entry of login (valid now), if any.
    std::optional<RosterEntry> current(const QString& login, const QDateTime& now) const;

    // Administrator's changes: then save() signs with the administrator's key.
    bool add(const User& user, const QDateTime& now, QString* error);
    bool revoke(const QString& login, const QDateTime& now, QString* error);
    bool save(const QString& path, const SigningKey& admin, QString* error);

private:
    static std::optional<Roster> fromObject(const QJsonObject& object, const QString& path,
                                            const QString& anchor, QString* error);

    QByteArray m_adminKey;
    qint64 m_serial = 0;
    QList<RosterEntry> m_entries;
};

} // namespace rd
