#include "ui/signoff/LoginDialog.h"

#include "ui/MessageBox.h"
#include "ui/workspace/WorkspaceSettings.h"

#include "model/workspace/PgConnection.h"
#include "model/workspace/WorkspaceLogin.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace rd {

LoginDialog::LoginDialog(const UserDirectory& directory, QWidget* parent)
    : QDialog(parent)
    , m_directory(directory)
    , m_users(new QComboBox(this))
    , m_details(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_unlock(new QFutureWatcher<Outcome>(this))
{
    setObjectName(QStringLiteral("LoginDialog"));
    setWindowTitle(tr("Who is working?"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Choose who is working on this computer and enter their password. Everything "
                                "recorded is signed with their key; the role is the organization roster's."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_users);
    form->addRow(QString(), m_details);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setObjectName(QStringLiteral("password"));
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    for (const User& user : directory.users())
        m_users->addItem(user.printedName(), user.login);
    const int last = m_users->findData(directory.lastUser());
    if (last >= 0)
        m_users->setCurrentIndex(last);
    auto showDetails = [this] {
        const auto user = chosenUser();
        m_details->setText(user ? tr("Login %1 · key %2").arg(user->login, user->fingerprint()) : QString());
        m_message->clear();
    };
    connect(m_users, &QComboBox::currentIndexChanged, this, showDetails);
    showDetails();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start Working"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::logIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    connect(m_unlock, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = m_unlock->result();
        const QString login = m_users->currentData().toString();
        if (outcome.needsWorkspacePassword && !m_askedWorkspacePassword && askWorkspacePassword(login)) {
            start(login, std::exchange(m_retryPassword, {}));
            return;
        }
        m_retryPassword.fill('\0');
        m_retryPassword.clear();
        m_buttons->setEnabled(true);
        m_password->clear();
        if (!outcome.login) {
            m_message->setText(outcome.error);
            Q_EMIT loginFinished(false, outcome.error);
            return;
        }
        m_login = outcome.login;
        Q_EMIT loginFinished(true, QString());
        accept();
    });
    m_password->setFocus();
}

std::optional<User> LoginDialog::chosenUser() const
{
    return m_directory.user(m_users->currentData().toString());
}

void LoginDialog::logIn()
{
    if (m_unlock->isRunning() || m_users->currentIndex() < 0)
        return;
    m_buttons->setEnabled(false);
    m_askedWorkspacePassword = false;
    const QString login = m_users->currentData().toString();
    // A database password kept for someone else is not tried for this person.
    if (!m_workspace.isEmpty() && PgConnection::sessionPasswordRole() != login)
        PgConnection::setSessionPassword({});
    start(login, m_password->text().toUtf8());
}

void LoginDialog::setWorkspace(const QString& url)
{
    m_workspace = url;
}

void LoginDialog::start(const QString& login, const QByteArray& password)
{
    m_message->setText(m_workspace.isEmpty() ? tr("Unlocking the key…")
                                             : tr("Reading the team workspace's roster, unlocking the key…"));
    const UserDirectory directory = m_directory;
    const QString url = m_workspace.isEmpty() ? QString() : WorkspaceSettings::urlFor(m_workspace, login);
    if (!url.isEmpty())
        m_retryPassword = password; // asked for the workspace's password: tried again with it
    m_unlock->setFuture(QtConcurrent::run([directory, login, password, url] {
        Outcome outcome;
        if (url.isEmpty()) {
            outcome.login = rd::logIn(directory, login, password, false, &outcome.error);
            return outcome;
        }
        outcome.login = WorkspaceLogin::logIn(directory, url, login, password, &outcome.error);
        outcome.needsWorkspacePassword = !outcome.login && PgConnection::isPasswordError(outcome.error);
        return outcome;
    }));
}

bool LoginDialog::askWorkspacePassword(const QString& login)
{
    m_askedWorkspacePassword = true;
    const bool given = WorkspaceSettings::askPassword(this, login);
    Q_EMIT workspacePasswordAsked(given);
    return given;
}

std::optional<Login> LoginDialog::ask(UserDirectory& directory, QWidget* parent, bool* cancelled,
                                      const QString& workspaceUrl)
{
    *cancelled = false;
    QString error;
    if (!directory.load(&error)) {
        MessageBox::warning(parent, tr("Who is working?"), error);
        return std::nullopt;
    }
    if (directory.users().isEmpty()) {
        MessageBox::information(parent, tr("Who is working?"),
                                tr("No people are set up on this computer yet, so cases open read-only. Add "
                                   "them with \"reviewdesk-cli user add\" (the folder is %1).")
                                    .arg(QDir::toNativeSeparators(directory.home())));
        return std::nullopt;
    }
    LoginDialog dialog(directory, parent);
    dialog.setWorkspace(workspaceUrl);
    if (dialog.exec() != QDialog::Accepted || !dialog.login()) {
        *cancelled = true;
        return std::nullopt;
    }
    if (!directory.setLastUser(dialog.login()->user.login, &error))
        MessageBox::warning(parent, tr("Who is working?"), error);
    return dialog.login();
}

} // namespace rd
