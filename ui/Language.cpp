#include "ui/Language.h"

#include "ui/MessageBox.h"

#include <QAction>
#include <QActionGroup>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QTranslator>

namespace rd {

namespace {
const auto kSystem = QStringLiteral("system");

bool loadInto(QCoreApplication* app, const QLocale& locale, const QString& name, const QString& folder)
{
    auto* translator = new QTranslator(app);
    if (translator->load(locale, name, QStringLiteral("_"), folder)) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}
} // namespace

QString Language::settingKey()
{
    return QStringLiteral("ui/language");
}

QString Language::setting()
{
    const QString value = QSettings().value(settingKey(), kSystem).toString();
    if (value == QLatin1String("en") || value == QLatin1String("es"))
        return value;
    return kSystem;
}

void Language::setSetting(const QString& language)
{
    QSettings().setValue(settingKey(), language);
}

void Language::install(QCoreApplication* app)
{
    const QString language = setting();
    QLocale locale; // the system's, with its list of preferred languages
    if (language != kSystem) {
        locale = QLocale(language);
        QLocale::setDefault(locale);
    }
    // English is the source language: its file holds only the plural forms ("1 case", "2 cases"),
    // and it is the fallback when no translation matches the system's languages.
    if (locale.language() != QLocale::English &&
        loadInto(app, locale, QStringLiteral("reviewdesk"), QStringLiteral(":/i18n"))) {
        loadInto(app, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        return;
    }
    loadInto(app, QLocale(QLocale::English), QStringLiteral("reviewdesk"), QStringLiteral(":/i18n"));
}

QMenu* Language::createMenu(QWidget* parent)
{
    auto* menu = new QMenu(tr("&Language"), parent);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(menu);
    const struct
    {
        QString code;
        QString label;
    } choices[] = {
        {kSystem, tr("&System Language")},
        // Each language is named in itself, so that anyone can find their own.
        {QStringLiteral("en"), QStringLiteral("&English")},
        {QStringLiteral("es"), QStringLiteral("Es&pañol")},
    };
    const QString current = setting();
    for (const auto& choice : choices) {
        QAction* action = menu->addAction(choice.label);
        action->setCheckable(true);
        action->setChecked(choice.code == current);
        action->setData(choice.code);
        group->addAction(action);
    }
    QObject::connect(group, &QActionGroup::triggered, menu, [parent](QAction* action) {
        const QString code = action->data().toString();
        if (code == setting())
            return;
        setSetting(code);
        MessageBox::information(parent, tr("Language"),
                                tr("The new language applies the next time ReviewDesk starts."));
    });
    return menu;
}

} // namespace rd
