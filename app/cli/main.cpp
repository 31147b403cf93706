#include "CliApp.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("reviewdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REVIEWDESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return rd::runCli(QCoreApplication::arguments(), out, err);
}
