#pragma once

#include <QCoreApplication>
#include <QString>

class QMenu;
class QWidget;

namespace rd {

// The interface language. The setting "ui/language" is "system" (the default: the system's
// languages in order of preference), "en" or "es". Translations are loaded once at start-up
// (the app's from the :/i18n resource, Qt's own from QLibraryInfo::TranslationsPath), so a change
// in the menu applies the next time ReviewDesk starts.
class Language
{
    Q_DECLARE_TR_FUNCTIONS(Language)

public:
    static QString settingKey();
    static QString setting(); // "system", "en" or "es"
    static void setSetting(const QString& language);

    // Loads and installs the translators for the setting. Call after the QApplication exists and
    // before any widget is made.
    static void install(QCoreApplication* app);

    // "Language" submenu: System / English / Español, checked as in the setting.
    static QMenu* createMenu(QWidget* parent);
};

} // namespace rd
