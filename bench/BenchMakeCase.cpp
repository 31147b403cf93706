// A case file holding a record, for bench/peers.sh (the CLI writes only as a logged-in person):
//   bench_make_case PDF PAGES DIR     prints the path of DIR/record-PAGES.rdcase
#include "bench/BenchCaseRecord.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: bench_make_case PDF PAGES DIR\n");
        return 2;
    }
    const QString path = rd::bench::makeCase(args[3], args[1], args[2].toInt());
    if (path.isEmpty())
        return 1;
    std::printf("%s\n", qPrintable(path));
    return 0;
}
