#include "MainWindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ReviewDesk"));
    QApplication::setOrganizationName(QStringLiteral("ReviewDesk"));
    QApplication::setApplicationVersion(QStringLiteral(REVIEWDESK_VERSION));
    rd::MainWindow window;
    window.show();
    return app.exec();
}
