// Shared by the reviewer's-desk tests: a whole organization made with the real code (TrustFixture: a
// people folder and a signed roster in a temporary folder, fast Argon2id for tests only) with a nurse
// reviewer and a medical director, settings in the temporary folder, the real MainWindow with a person
// logged in as the login window does it, and keys given to real modal dialogs as a person types them.
#pragma once

#include "TrustFixture.h"
#include "UiTestSupport.h"
#include "model/signoff/Login.h"
#include "model/signoff/UserDirectory.h"
#include "model/trust/TrustStore.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"

#include <QApplication>
#include <QDialog>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace rd::test {

inline const QByteArray kNursePassword = "nurse password 1";
inline const QByteArray kDoctorPassword = "correct horse battery";

// Call from initTestCase(): the organization (people folder, roster, trust file) and the settings
// live in dir.
inline bool setUpPeople(TrustFixture& organization, const QTemporaryDir& dir, const char* application)
{
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDeskTest"));
    QCoreApplication::setApplicationName(QString::fromLatin1(application));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
    QString error;
    const bool made = organization.setUp(
        dir.filePath(QStringLiteral("org")),
        {{QStringLiteral("nurse.kim"), QStringLiteral("Kim Alvarez"), QStringLiteral("RN"),
          UserRole::Reviewer, QString::fromUtf8(kNursePassword)},
         {QStringLiteral("dr.whitfield"), QStringLiteral("Dana Whitfield"), QStringLiteral("MD, FAAPMR"),
          UserRole::MedicalDirector, QString::fromUtf8(kDoctorPassword)}},
        &error);
    if (!made)
        qWarning("%s", qPrintable(error));
    return made;
}

// Call from init(): a fresh folder for the test's cases, the settings cleared, dialogs shown again.
inline std::unique_ptr<QTemporaryDir> startDeskTest()
{
    QSettings().clear();
    MessageBox::setAutoAnswer(std::nullopt);
    return std::make_unique<QTemporaryDir>();
}

// The person as the organization's roster names them (role included).
inline std::optional<User> person(const QString& login)
{
    QString error;
    const auto trust = TrustStore::load(&error);
    if (!trust)
        return std::nullopt;
    const auto entry = trust->roster().current(login, QDateTime::currentDateTimeUtc());
    return entry ? std::optional<User>(entry->user) : std::nullopt;
}

// Logged in as the login window does it: the people folder's key unlocked with the password, the
// role from the roster.
inline std::optional<Login> logIn(const QString& login, const QByteArray& password)
{
    UserDirectory directory;
    QString error;
    if (!directory.load(&error))
        return std::nullopt;
    auto result = rd::logIn(directory, login, password, true, &error);
    if (!result)
        qWarning("%s", qPrintable(error));
    return result;
}

inline QByteArray passwordOf(const QString& login)
{
    return login == QLatin1String("dr.whitfield") ? kDoctorPassword : kNursePassword;
}

// The main window on folder, working as login (the nurse when not named), shown and active.
inline std::unique_ptr<MainWindow> showDesk(const QString& folder,
                                            const QString& login = QStringLiteral("nurse.kim"))
{
    auto window = std::make_unique<MainWindow>();
    window->setLogin(logIn(login, passwordOf(login)));
    window->openFolder(folder);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active");
    return window;
}

// Runs action on the next modal dialog once it shows (a real dialog, given keys as a person would).
inline void onNextModal(std::function<void(QWidget*)> action)
{
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, action] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible() || QApplication::activeWindow() != modal)
            return;
        timer->stop();
        timer->deleteLater();
        action(modal);
        // A failed check inside must not leave the test waiting on a dialog nobody closes.
        if (QTest::currentTestFailed() && modal->isVisible())
            if (auto* dialog = qobject_cast<QDialog*>(modal))
                dialog->done(QDialog::Rejected);
    });
    timer->start();
}

// Counts the keys a person presses (a chord is one key); typed text is not counted.
struct KeyCounter
{
    int count = 0;
    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        ++count;
        QWidget* target = QApplication::focusWidget();
        QTest::keyClick(target ? target : QApplication::activeWindow(), key, modifiers);
    }
    // Any character (QTest::keyClicks takes ASCII only): each as the key event a keyboard layout sends.
    static void type(const QString& text)
    {
        for (const QChar character : text)
            QTest::sendKeyEvent(QTest::Click, QApplication::focusWidget(), Qt::Key_unknown,
                                QString(character), Qt::NoModifier);
    }
};

} // namespace rd::test
