// A child process for the storage tests. Modes:
//   record CASEFILE START   records judgments with notes START, START+1, ... and prints
//                           "committed N" after each commit, until killed.
//   hold CASEFILE           opens the case for writing, records one judgment (opening alone writes
//                           nothing, not even the holder), prints "ready", then for each line on stdin
//                           "note TEXT" records a judgment and prints "committed"; exits at EOF.
#include "TestCases.h"
#include "model/casefile/CaseFile.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    QString error;
    auto file = rd::CaseFile::open(args.at(2), rd::CaseFile::OpenMode::ReadWrite, &error);
    if (!file || file->isReadOnly()) {
        std::fprintf(stderr, "cannot open for writing\n");
        return 1;
    }
    if (args.at(1) == QLatin1String("record")) {
        const QStringList ids = {QStringLiteral("management-impact"), QStringLiteral("conservative-care"),
                                 QStringLiteral("documentation-complete")};
        for (qint64 n = args.value(3).toLongLong();; ++n) {
            rd::Answer answer{QStringLiteral("met"), {}, QString::number(n), {}};
            if (!file->recordJudgment(ids.at(n % ids.size()), answer,
                                      rd::test::actor(QStringLiteral("crash-test")), &error))
                return 1;
            std::printf("committed %lld\n", static_cast<long long>(n));
            std::fflush(stdout);
        }
    }
    if (args.at(1) == QLatin1String("hold")) {
        const rd::Actor holder = rd::test::actor(QStringLiteral("holder"));
        if (!file->recordJudgment(QStringLiteral("qualified-performance"),
                                  rd::Answer{QStringLiteral("met"), {}, QStringLiteral("held"), {}}, holder,
                                  &error))
            return 1;
        std::printf("ready\n");
        std::fflush(stdout);
        QTextStream in(stdin);
        QString line;
        while (in.readLineInto(&line)) {
            if (!line.startsWith(QLatin1String("note ")))
                continue;
            rd::Answer answer{QStringLiteral("met"), {}, line.mid(5), {}};
            if (!file->recordJudgment(QStringLiteral("qualified-performance"), answer, holder, &error))
                return 1;
            std::printf("committed\n");
            std::fflush(stdout);
        }
        return 0;
    }
    return 2;
}
