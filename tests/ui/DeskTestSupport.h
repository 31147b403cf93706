// Shared by the reviewer's-desk tests: a real people directory (REVIEWDESK_HOME in a temporary
// folder, fast Argon2id for tests only) with a nurse reviewer and a medical director, settings in the
// temporary folder, the real MainWindow, and keys given to real modal dialogs as a person types them.
#pragma once

#include "UiTestSupport.h"
#include "model/signoff/UserDirectory.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace rd::test {

inline const QByteArray kNursePassword = "nurse password 1";
inline const QByteArray kDoctorPassword = "correct horse battery";

// Call from initTestCase(): the people directory and the settings live in dir.
inline bool setUpPeople(const QTemporaryDir& dir, const char* application)
{
    qputenv("REVIEWDESK_HOME", QFile::encodeName(dir.filePath(QStringLiteral("home"))));
    qputenv("REVIEWDESK_TEST_FAST_KDF", "1");
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDeskTest"));
    QCoreApplication::setApplicationName(QString::fromLatin1(application));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
    UserDirectory directory;
    QString error;
    if (!directory.load(&error))
        return false;
    User nurse;
    nurse.login = QStringLiteral("nurse.kim");
    nurse.name = QStringLiteral("Kim Alvarez");
    nurse.credentials = QStringLiteral("RN");
    nurse.role = UserRole::Reviewer;
    nurse.phone = QStringLiteral("1-800-555-0191");
    User doctor;
    doctor.login = QStringLiteral("dr.whitfield");
    doctor.name = QStringLiteral("Dana Whitfield");
    doctor.credentials = QStringLiteral("MD, FAAPMR");
    doctor.role = UserRole::MedicalDirector;
    doctor.phone = QStringLiteral("1-800-555-0190");
    return directory.addUser(nurse, kNursePassword, &error) &&
           directory.addUser(doctor, kDoctorPassword, &error);
}

inline std::optional<User> person(const QString& login)
{
    UserDirectory directory;
    QString error;
    if (!directory.load(&error))
        return std::nullopt;
    return directory.user(login);
}

// The main window on folder, working as login (none: nobody signed in), shown and active.
inline std::unique_ptr<MainWindow> showDesk(const QString& folder, const QString& login = {})
{
    auto window = std::make_unique<MainWindow>();
    if (!login.isEmpty())
        window->setUser(person(login));
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
    static void type(const QString& text) { QTest::keyClicks(QApplication::focusWidget(), text); }
};

} // namespace rd::test
