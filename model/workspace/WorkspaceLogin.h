// Signing in for work in the team workspace: the person's role and key come from the roster the
// workspace keeps (the one every member's verify of a workspace case uses), not from the local roster
// file. trust.json stays the root of trust: the workspace's roster counts only when it is signed by the
// administrator key trust.json pins, and only when its serial is not older than the newest this
// computer has seen (roster-seen.json; a newer one is remembered). So a local roster file older than the
// workspace's does not stand in the way, a newer row signed by anyone else (an rd_admin member without the
// key) is skipped and named in the roster's source (Workspace::roster()), and a person revoked (or
// given another role) in the workspace's roster is so at once on every desk.
//
// Order: the roster is read on a connection as the person (the PostgreSQL role named as their roster
// login; the password from PGPASSFILE / ~/.pgpass or PgConnection::setSessionPassword), then their key
// is unlocked and looked up in it. Every call waits on the network: never on the GUI thread.
#pragma once

#include "model/signoff/Login.h"
#include "model/trust/TrustStore.h"

#include <QString>

#include <optional>

namespace rd {

class UserDirectory;

namespace WorkspaceLogin {

// The workspace's roster checked as above (url: the workspace as the person, without #CASE-ID). Fails
// with one sentence: the workspace cannot be reached (PgConnection::isPasswordError() tells when the
// server wants a password), it holds no roster, no roster it holds is signed by the pinned key, or the
// newest so signed is older than one seen before.
std::optional<TrustStore> trust(const QString& url, QString* error);

// Signs login in with their key's password, against the workspace's roster.
std::optional<Login> logIn(const UserDirectory& directory, const QString& url, const QString& login,
                           const QByteArray& password, QString* error);

} // namespace WorkspaceLogin

} // namespace rd
