#include "ui/signoff/LoginDialog.h"

#include "ui/MessageBox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {
QString roleLabel(UserRole role)
{
    return role == UserRole::MedicalDirector ? LoginDialog::tr("medical director")
                                             : LoginDialog::tr("reviewer");
}
} // namespace

LoginDialog::LoginDialog(const UserDirectory& directory, QWidget* parent)
    : QDialog(parent)
    , m_directory(directory)
    , m_users(new QComboBox(this))
    , m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("LoginDialog"));
    setWindowTitle(tr("Who is working?"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Choose who is working on this computer. Judgments and sign-offs are "
                                "recorded under this name; signing asks for the password."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_users);
    form->addRow(QString(), m_details);
    layout->addLayout(form);
    for (const User& user : directory.users())
        m_users->addItem(tr("%1 (%2)").arg(user.printedName(), roleLabel(user.role)), user.login);
    const int last = m_users->findData(directory.lastUser());
    if (last >= 0)
        m_users->setCurrentIndex(last);
    auto showDetails = [this] {
        const auto user = chosenUser();
        m_details->setText(user ? tr("Login %1 · phone %2 · key %3")
                                      .arg(user->login, user->phone.isEmpty() ? tr("none") : user->phone,
                                           user->fingerprint())
                                : QString());
    };
    connect(m_users, &QComboBox::currentIndexChanged, this, showDetails);
    showDetails();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start Working"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

std::optional<User> LoginDialog::chosenUser() const
{
    return m_directory.user(m_users->currentData().toString());
}

std::optional<User> LoginDialog::ask(UserDirectory& directory, QWidget* parent, bool* cancelled)
{
    *cancelled = false;
    QString error;
    if (!directory.load(&error)) {
        MessageBox::warning(parent, tr("Who is working?"), error);
        return std::nullopt;
    }
    if (directory.users().isEmpty()) {
        MessageBox::information(parent, tr("Who is working?"),
                                tr("No people are set up on this computer yet, so nobody can sign. Add them "
                                   "with \"reviewdesk-cli user add\" (the directory is %1).")
                                    .arg(QDir::toNativeSeparators(directory.filePath())));
        return std::nullopt;
    }
    LoginDialog dialog(directory, parent);
    if (dialog.exec() != QDialog::Accepted) {
        *cancelled = true;
        return std::nullopt;
    }
    const auto user = dialog.chosenUser();
    if (user && !directory.setLastUser(user->login, &error))
        MessageBox::warning(parent, tr("Who is working?"), error);
    return user;
}

} // namespace rd
