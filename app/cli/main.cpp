#include "app/cli/CliApp.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

// Qt's own warnings (fonts, runtime folders of the offscreen platform) are not the command's output.
void quietMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg || qEnvironmentVariableIsSet("REVIEWDESK_QT_MESSAGES"))
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

int main(int argc, char* argv[])
{
    // Letters are laid out with Qt's fonts, which need a QGuiApplication: without a screen (offscreen)
    // unless the caller chose a platform. The other commands need only Qt Core.
    std::unique_ptr<QCoreApplication> application;
    // import-fhir converts text and images to PDF, export-fhir carries the letter: fonts too.
    if (argc > 1 && (std::strcmp(argv[1], "letter") == 0 || std::strcmp(argv[1], "import-fhir") == 0 ||
                     std::strcmp(argv[1], "export-fhir") == 0)) {
        qInstallMessageHandler(quietMessages);
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("reviewdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REVIEWDESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return rd::runCli(QCoreApplication::arguments(), out, err);
}
