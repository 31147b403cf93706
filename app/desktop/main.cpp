#include "model/store/CaseStoreFactory.h"
#include "ui/Language.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/signoff/LoginDialog.h"
#include "ui/workspace/WorkerThread.h"
#include "ui/workspace/WorkspaceSettings.h"

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
        QApplication::translate("main",
                                "A case file to open, a folder whose queue to show, or a team workspace "
                                "(postgresql://..., or postgresql://...#CASE-ID). Without one: the "
                                "workspace of workspace.json in the configuration folder, if any."),
        QStringLiteral("[CASEFILE|FOLDER|URL]"));
    parser.process(app);

    rd::MainWindow window;
    window.show();
    const QStringList paths = parser.positionalArguments();
    QString error;
    const std::optional<QString> configured =
        paths.isEmpty() ? rd::WorkspaceSettings::configuredUrl(&error) : std::nullopt;
    if (!error.isEmpty())
        rd::MessageBox::warning(&window, QApplication::translate("main", "Team Workspace"), error);
    // In team mode the role and key come from the workspace's roster (read as the person), else from
    // the trust file's.
    const QString workspace = !paths.isEmpty() && rd::looksLikeWorkspace(paths.first())
                                  ? paths.first().section(QLatin1Char('#'), 0, 0)
                                  : configured.value_or(QString());
    // Who is working? The last one is preselected; their password unlocks their key; cancelling quits.
    rd::UserDirectory directory;
    bool cancelled = false;
    window.setLogin(rd::LoginDialog::ask(directory, &window, &cancelled, workspace));
    if (cancelled)
        return 0;
    if (!paths.isEmpty() && rd::looksLikeWorkspace(paths.first()))
        window.openWorkspace(paths.first());
    else if (configured)
        window.openWorkspace(*configured);
    else if (paths.isEmpty())
        window.openFolder(rd::MainWindow::defaultFolder());
    else
        window.openPath(paths.first());
    const int status = app.exec();
    window.closeCase();
    window.closeWorkspace();
    // Workspace connections still closing end first (each at its connect timeout at the latest).
    rd::WorkerThread::waitForAll(11000);
    return status;
}
