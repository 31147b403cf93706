#include "ui/HelpActions.h"

#include "ui/MessageBox.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>

namespace rd {

HelpActions::HelpActions(QWidget* window)
    : QObject(window)
    , m_window(window)
    , m_shortcuts(new QAction(tr("&Keyboard Shortcuts"), this))
    , m_about(new QAction(tr("&About ReviewDesk"), this))
{
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcuts, &QAction::triggered, this, &HelpActions::showShortcuts);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &HelpActions::about);
}

void HelpActions::fill(QMenu* menu) const
{
    menu->addAction(m_shortcuts);
    menu->addAction(m_about);
}

void HelpActions::showShortcuts()
{
    MessageBox::information(m_window, tr("Keyboard Shortcuts"),
                            tr("Queue: type to search (Ctrl+F), arrows to choose, Enter to open a case,\n"
                               "  Alt+Right / Alt+Left  sort column      Alt+Up / Alt+Down  order\n\n"
                               "Checklist (answer keys act only while it has the keyboard):\n"
                               "  M  met            N  not met / no        U  unknown\n"
                               "  Y  yes, the exclusion applies\n"
                               "  1–9  toggle an indication type\n"
                               "  J, Page Down, Alt+Right  next judgment\n"
                               "  K, Page Up, Alt+Left  previous judgment\n"
                               "  S, Alt+End  summary\n"
                               "  E  edit the note (Esc saves and returns)\n"
                               "  C  cite the selected passage or search hit      L  go to the citations\n"
                               "  F6 / Shift+F6  checklist, request panel, document\n"
                               "  Ctrl+Z / Ctrl+Shift+Z  undo / redo an answer\n"
                               "  Ctrl+R  route the case      Ctrl+Shift+D  sign off\n"
                               "  Ctrl+1  queue      Ctrl+2  case\n\n"
                               "Attachment (when it has the focus):\n"
                               "  Page Down / Page Up  next / previous page (not judgment)\n"
                               "  Ctrl+F  search      Ctrl+C  copy the selection      C  cite it\n"
                               "  Ctrl++ / Ctrl+-, Ctrl+wheel  zoom      Ctrl+Right / Ctrl+Left  rotate"));
}

void HelpActions::about()
{
    MessageBox::information(m_window, tr("About ReviewDesk"),
                            tr("ReviewDesk %1\nUtilization review workstation for motion analysis "
                               "(CPT 96000–96002, 96004).")
                                .arg(QCoreApplication::applicationVersion()));
}

} // namespace rd
