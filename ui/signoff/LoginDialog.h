// "Who is working?" at start and on File > Switch Person: the people of this computer's people folder,
// the last one chosen, and their password, which unlocks the key that signs everything they record.
// The role shown and used is the organization roster's. The key is unlocked on the pool (Argon2id
// takes a moment); the window waits for it without blocking the GUI thread.
//
// In team mode (setWorkspace()) the roster is the one the workspace keeps (model/workspace/
// WorkspaceLogin.h): read on the pool over a connection as the chosen person (their PostgreSQL role),
// checked against trust.json's anchor and roster-seen.json, so the local roster file plays no part.
// When the server wants a password that PGPASSFILE / ~/.pgpass does not give, the window asks for it
// once (kept in memory for this process: PgConnection::setSessionPassword) and tries again.
#pragma once

#include "model/signoff/Login.h"
#include "model/signoff/UserDirectory.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
template <typename T> class QFutureWatcher;

namespace rd {

class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LoginDialog(const UserDirectory& directory, QWidget* parent = nullptr);

    // Team mode: sign in against the roster of the workspace at url (without a person or #CASE-ID).
    void setWorkspace(const QString& url);

    std::optional<User> chosenUser() const;
    QComboBox* userChooser() const { return m_users; }
    QLineEdit* passwordField() const { return m_password; }
    // Unlocks the chosen person's key with the password typed (on the pool); loginFinished tells.
    void logIn();
    std::optional<Login> login() const { return m_login; }

    // Shows the dialog; remembers the choice as the last user. nullopt when cancelled (*cancelled) or
    // when nobody is set up on this computer (the app then works read-only).
    // workspaceUrl: team mode (setWorkspace()); empty: the local trust file's roster.
    static std::optional<Login> ask(UserDirectory& directory, QWidget* parent, bool* cancelled,
                                    const QString& workspaceUrl = QString());

Q_SIGNALS:
    // The workspace asked for the person's database password (given: true).
    void workspacePasswordAsked(bool given);

    void loginFinished(bool ok, const QString& message);

private:
    struct Outcome
    {
        std::optional<Login> login;
        QString error;
        bool needsWorkspacePassword = false;
    };
    void start(const QString& login, const QByteArray& password);
    bool askWorkspacePassword(const QString& login);

    const UserDirectory& m_directory;
    QComboBox* m_users = nullptr;
    QLabel* m_details = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QFutureWatcher<Outcome>* m_unlock = nullptr;
    std::optional<Login> m_login;
    QString m_workspace;
    QByteArray m_retryPassword; // the key's password, kept only while the workspace's is asked for
    bool m_askedWorkspacePassword = false;
};

} // namespace rd
