#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ReviewDesk"));
    QApplication::setOrganizationName(QStringLiteral("ReviewDesk"));
    QApplication::setApplicationVersion(QStringLiteral(REVIEWDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Utilization review workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QApplication::translate("main", "A case file to open, or a folder whose queue to show."),
        QStringLiteral("[CASEFILE|FOLDER]"));
    parser.process(app);

    rd::MainWindow window;
    window.show();
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        window.openFolder(rd::MainWindow::defaultFolder());
    else
        window.openPath(paths.first());
    return app.exec();
}
