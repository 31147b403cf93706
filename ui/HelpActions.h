// The main window's Help menu: the keyboard shortcuts and About ReviewDesk.
#pragma once

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace rd {

class HelpActions : public QObject
{
    Q_OBJECT
public:
    // window: the parent of the messages.
    explicit HelpActions(QWidget* window);

    // Puts the actions in menu.
    void fill(QMenu* menu) const;
    QAction* shortcutsAction() const { return m_shortcuts; }

private:
    void showShortcuts();
    void about();

    QWidget* m_window;
    QAction* m_shortcuts = nullptr;
    QAction* m_about = nullptr;
};

} // namespace rd
