#include "MainWindow.h"

namespace rd {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("ReviewDesk"));
}

} // namespace rd
