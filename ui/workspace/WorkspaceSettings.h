// Which team workspace the app opens, and as whom.
//
// workspace.json, beside trust.json in the configuration folder ($REVIEWDESK_CONFIG_DIR, else
// /etc/reviewdesk), names the installation's workspace: {"url":
// "postgresql://db.plan.example/reviewdesk?sslmode=verify-full"}. Missing: the app works on case files as it
// always did. A URL holding a password is refused (the password comes from PGPASSFILE / ~/.pgpass, or the app
// asks).
//
// Each person connects as their own PostgreSQL role, named as their roster login: whatever user the
// URL names is replaced by the person logged in.
#pragma once

#include <QString>

class QWidget;

#include <optional>

namespace rd {

class WorkspaceSettings
{
public:
    static QString filePath();
    // The configured workspace URL; nullopt when there is none (error empty) or when workspace.json
    // cannot be used (error names the file and the field).
    static std::optional<QString> configuredUrl(QString* error);
    // url connecting as login (the URL's own user, in its user part or its query, replaced).
    static QString urlFor(const QString& url, const QString& login);
    // The workspace as shown to people: its database and server ("reviewdesk on db.example.org:5433";
    // "... on this computer" for a Unix socket, whose folder means nothing to them); never a user.
    static QString displayUrl(const QString& url);
    // Asks the person at this desk for login's database password (the server wants one that
    // PGPASSFILE / ~/.pgpass does not give) and keeps it in memory for this process
    // (PgConnection::setSessionPassword). False when cancelled or left empty.
    static bool askPassword(QWidget* parent, const QString& login);
};

} // namespace rd
