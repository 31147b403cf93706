// Every message box of the ui goes through here, after KeePassXC's gui/MessageBox.h: tests set
// the next answer instead of clicking a real modal dialog.
#pragma once

#include <QMap>
#include <QMessageBox>
#include <QString>

#include <optional>

class QWidget;

namespace rd {

class MessageBox
{
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    static Button information(QWidget* parent, const QString& title, const QString& text,
                              Buttons buttons = QMessageBox::Ok,
                              Button defaultButton = QMessageBox::NoButton);
    // buttonTexts: standard buttons that say what they do ("Reopen" on Open); the answer is still
    // the standard button.
    static Button warning(QWidget* parent, const QString& title, const QString& text,
                          Buttons buttons = QMessageBox::Ok, Button defaultButton = QMessageBox::NoButton,
                          const QMap<Button, QString>& buttonTexts = {});
    static Button critical(QWidget* parent, const QString& title, const QString& text,
                           Buttons buttons = QMessageBox::Ok, Button defaultButton = QMessageBox::NoButton);
    static Button question(QWidget* parent, const QString& title, const QString& text,
                           Buttons buttons = QMessageBox::Yes | QMessageBox::No,
                           Button defaultButton = QMessageBox::NoButton);

    // Tests: the next dialog is not shown and returns this answer (once).
    static void setNextAnswer(Button button);
    // Tests: every dialog is answered like this until cleared (std::nullopt shows dialogs again).
    static void setAutoAnswer(std::optional<Button> button);
    // Tests: what the last dialog said (title and text), shown or answered.
    static QString lastTitle();
    static QString lastText();
    static QMap<Button, QString> lastButtonTexts();
    static int shownCount();

private:
    static Button ask(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text,
                      Buttons buttons, Button defaultButton, const QMap<Button, QString>& buttonTexts = {});
};

} // namespace rd
