// "Who is working?" at start: the people of the local user directory, the last one chosen. No
// password here; signing asks for it again.
#pragma once

#include "model/signoff/UserDirectory.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;

namespace rd {

class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LoginDialog(const UserDirectory& directory, QWidget* parent = nullptr);

    std::optional<User> chosenUser() const;
    QComboBox* userChooser() const { return m_users; }

    // Shows the dialog; remembers the choice as the last user. nullopt when cancelled. With an empty
    // directory, nullopt at once and *empty set (the app then runs under the login name, unable to sign).
    static std::optional<User> ask(UserDirectory& directory, QWidget* parent, bool* cancelled);

private:
    const UserDirectory& m_directory;
    QComboBox* m_users = nullptr;
    QLabel* m_details = nullptr;
};

} // namespace rd
