// "Who is working?" at start and on File > Switch Person: the people of this computer's people folder,
// the last one chosen, and their password, which unlocks the key that signs everything they record.
// The role shown and used is the organization roster's. The key is unlocked on the pool (Argon2id
// takes a moment); the window waits for it without blocking the GUI thread.
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

    std::optional<User> chosenUser() const;
    QComboBox* userChooser() const { return m_users; }
    QLineEdit* passwordField() const { return m_password; }
    // Unlocks the chosen person's key with the password typed (on the pool); loginFinished tells.
    void logIn();
    std::optional<Login> login() const { return m_login; }

    // Shows the dialog; remembers the choice as the last user. nullopt when cancelled (*cancelled) or
    // when nobody is set up on this computer (the app then works read-only).
    static std::optional<Login> ask(UserDirectory& directory, QWidget* parent, bool* cancelled);

Q_SIGNALS:
    void loginFinished(bool ok, const QString& message);

private:
    struct Outcome
    {
        std::optional<Login> login;
        QString error;
    };

    const UserDirectory& m_directory;
    QComboBox* m_users = nullptr;
    QLabel* m_details = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QFutureWatcher<Outcome>* m_unlock = nullptr;
    std::optional<Login> m_login;
};

} // namespace rd
