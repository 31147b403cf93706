#include "ui/Language.h"
#include "ui/MainWindow.h"
#include "ui/signoff/LoginDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ReviewDesk"));
    QApplication::setOrganizationName(QStringLiteral("ReviewDesk"));
    QApplication::setApplicationVersion(QStringLiteral(REVIEWDESK_VERSION));
    // The installed desktop entry (packaging/desktop); the window icon's PNGs are built in.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.reviewdesk.ReviewDesk"));
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/reviewdesk-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);
    rd::Language::install(&app);

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
    // Who is working? The last one is preselected; their password unlocks their key; cancelling quits.
    rd::UserDirectory directory;
    bool cancelled = false;
    window.setLogin(rd::LoginDialog::ask(directory, &window, &cancelled));
    if (cancelled)
        return 0;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        window.openFolder(rd::MainWindow::defaultFolder());
    else
        window.openPath(paths.first());
    return app.exec();
}
