#include "ui/MessageBox.h"

#include <QAbstractButton>

namespace rd {

namespace {
std::optional<MessageBox::Button> s_nextAnswer;
std::optional<MessageBox::Button> s_autoAnswer;
QString s_lastTitle;
QString s_lastText;
QMap<MessageBox::Button, QString> s_lastButtonTexts;
int s_count = 0;
} // namespace

void MessageBox::setNextAnswer(Button button)
{
    s_nextAnswer = button;
}

void MessageBox::setAutoAnswer(std::optional<Button> button)
{
    s_autoAnswer = button;
}

QString MessageBox::lastTitle()
{
    return s_lastTitle;
}

QString MessageBox::lastText()
{
    return s_lastText;
}

QMap<MessageBox::Button, QString> MessageBox::lastButtonTexts()
{
    return s_lastButtonTexts;
}

int MessageBox::shownCount()
{
    return s_count;
}

MessageBox::Button MessageBox::ask(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                   const QString& text, Buttons buttons, Button defaultButton,
                                   const QMap<Button, QString>& buttonTexts)
{
    s_lastTitle = title;
    s_lastText = text;
    s_lastButtonTexts = buttonTexts;
    ++s_count;
    if (s_nextAnswer) {
        const Button answer = *s_nextAnswer;
        s_nextAnswer.reset();
        return answer;
    }
    if (s_autoAnswer)
        return *s_autoAnswer;
    QMessageBox box(icon, title, text, buttons, parent);
    if (defaultButton != QMessageBox::NoButton)
        box.setDefaultButton(defaultButton);
    for (auto it = buttonTexts.cbegin(); it != buttonTexts.cend(); ++it)
        if (QAbstractButton* button = box.button(it.key()))
            button->setText(it.value());
    return static_cast<Button>(box.exec());
}

MessageBox::Button MessageBox::information(QWidget* parent, const QString& title, const QString& text,
                                           Buttons buttons, Button defaultButton)
{
    return ask(parent, QMessageBox::Information, title, text, buttons, defaultButton);
}

MessageBox::Button MessageBox::warning(QWidget* parent, const QString& title, const QString& text,
                                       Buttons buttons, Button defaultButton,
                                       const QMap<Button, QString>& buttonTexts)
{
    return ask(parent, QMessageBox::Warning, title, text, buttons, defaultButton, buttonTexts);
}

MessageBox::Button MessageBox::critical(QWidget* parent, const QString& title, const QString& text,
                                        Buttons buttons, Button defaultButton)
{
    return ask(parent, QMessageBox::Critical, title, text, buttons, defaultButton);
}

MessageBox::Button MessageBox::question(QWidget* parent, const QString& title, const QString& text,
                                        Buttons buttons, Button defaultButton)
{
    return ask(parent, QMessageBox::Question, title, text, buttons, defaultButton);
}

} // namespace rd
