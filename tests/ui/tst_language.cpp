// The interface language: the setting, the View → Language menu, and the translators that
// Language::install loads (the app's .qm files are built into this test under :/i18n as into the
// app, Qt's own from QLibraryInfo::TranslationsPath).
#include "ui/Language.h"
#include "ui/MessageBox.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

using namespace rd;

class TestLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings in ~/.qttest, not the user's
        QCoreApplication::setOrganizationName(QStringLiteral("ReviewDeskLanguageTest"));
        QCoreApplication::setApplicationName(QStringLiteral("ReviewDeskLanguageTest"));
        MessageBox::setAutoAnswer(QMessageBox::Ok);
    }
    void init() { QSettings().clear(); }
    void cleanup()
    {
        QSettings().clear();
        for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }

    void settingDefaultsToSystem()
    {
        QCOMPARE(Language::setting(), QStringLiteral("system"));
        QSettings().setValue(Language::settingKey(), QStringLiteral("klingon"));
        QCOMPARE(Language::setting(), QStringLiteral("system"));
        Language::setSetting(QStringLiteral("es"));
        QCOMPARE(Language::setting(), QStringLiteral("es"));
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("es"));
    }

    void menuShowsAndWritesTheSetting()
    {
        Language::setSetting(QStringLiteral("en"));
        QWidget parent;
        QMenu* menu = Language::createMenu(&parent);
        const QList<QAction*> actions = menu->actions();
        QCOMPARE(actions.size(), 3);
        QStringList checked;
        for (QAction* action : actions) {
            QVERIFY(action->isCheckable());
            if (action->isChecked())
                checked << action->data().toString();
        }
        QCOMPARE(checked, QStringList{QStringLiteral("en")});
        actions.at(2)->trigger(); // Español
        QCOMPARE(Language::setting(), QStringLiteral("es"));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("next time")));
        // Every item has its own accelerator.
        QSet<QChar> keys;
        for (QAction* action : actions) {
            const int amp = action->text().indexOf(QLatin1Char('&'));
            QVERIFY2(amp >= 0, qPrintable(action->text()));
            keys.insert(action->text().at(amp + 1).toLower());
        }
        QCOMPARE(keys.size(), 3);
    }

    void spanishSettingLoadsTheSpanishInterface()
    {
        Language::setSetting(QStringLiteral("es"));
        Language::install(qApp);
        QCOMPARE(QCoreApplication::translate("rd::MainWindow", "&File"), QStringLiteral("&Archivo"));
        QCOMPARE(QCoreApplication::translate("rd::JudgmentPage", "Not met"), QStringLiteral("No cumple"));
        QCOMPARE(QLocale().language(), QLocale::Spanish);
    }

    void englishSettingKeepsEnglishWithItsPlurals()
    {
        Language::setSetting(QStringLiteral("en"));
        Language::install(qApp);
        QCOMPARE(QCoreApplication::translate("rd::MainWindow", "&File"), QStringLiteral("&File"));
    }
};

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
