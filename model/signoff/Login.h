// Logging in: a person's key unlocked with their password from the people folder, and their entry in
// the organization roster valid now. The app's login window and every command of reviewdesk-cli that
// writes go through here: the actor of what they write is the login whose key was unlocked, and
// their role is the roster's.
#pragma once

#include "model/audit/Actor.h"
#include "model/trust/User.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace rd {

class TrustStore;
class UserDirectory;

struct Login
{
    User user;             // the roster's entry (role included); without a roster, the people folder's
    Actor actor;           // signs everything written in the person's name
    bool inRoster = false; // false only when the installation has no trust file and !requireRoster
};

// Fails with one sentence: no such person, a wrong password, not in the roster or revoked, an
// administrator (who works no case). Without a trust file: refused when requireRoster (signing), else
// allowed with role reviewer and inRoster false (what is written then fails verify).
std::optional<Login> logIn(const UserDirectory& directory, const QString& login, const QByteArray& password,
                           bool requireRoster, QString* error);

// The same against the roster of trust, already read and checked (TrustStore::loadWithRoster: the team
// workspace's roster, signed by the administrator key trust.json pins and not older than
// roster-seen.json): the person's entry, role and key are that roster's, whatever the local roster file
// says. Errors name trust.rosterPath() (the workspace's URL).
std::optional<Login> logIn(const UserDirectory& directory, const QString& login, const QByteArray& password,
                           const TrustStore& trust, QString* error);

} // namespace rd
