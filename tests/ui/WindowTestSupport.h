// The real MainWindow in a test: settings of the test's own and a window on a folder's queue.
#pragma once

#include "UiTestSupport.h"
#include "ui/MainWindow.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTest>

#include <memory>

namespace rd::test {

// Settings in folder (INI files), under application's name, with the reviewer's name set.
inline void useTestSettings(const QString& folder, const QString& application)
{
    QCoreApplication::setOrganizationName(QStringLiteral("ReviewDeskTest"));
    QCoreApplication::setApplicationName(application);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
    QSettings().setValue(QStringLiteral("reviewer/name"), QStringLiteral("nurse.test"));
}

// A MainWindow on folder's queue, nurse.test logged in, shown; null when it never appears.
inline std::unique_ptr<MainWindow> showWindowOn(const QString& folder)
{
    auto window = std::make_unique<MainWindow>();
    window->setLogin(logIn(QStringLiteral("nurse.test")));
    window->openFolder(folder);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

} // namespace rd::test
