// The case queue listing 10,000 case files: CaseQueueModel (summaries read off the GUI thread, rows
// streamed in as they are read) against a baseline measured in the same run (listing the folder and
// reading each file's first 4 KiB, which any listing must at least do). Also when the first rows
// appear and the longest stall of the GUI thread's event loop while the queue loads. Goals: first rows
// within 100 ms, all listed in under 1 s, no stall over 50 ms.
//   bench_case_queue [COUNT]
#include "bench/BenchActor.h"
#include "model/casefile/CaseFile.h"
#include "ui/queue/CaseQueueModel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace rd;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTextStream out(stdout);
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;

    CaseData data;
    data.member.id = QStringLiteral("B0001");
    data.member.name = QStringLiteral("Bench Member");
    data.member.birthDate = QDate(2010, 1, 1);
    data.request.receivedAt = QDateTime::currentDateTimeUtc().addDays(-2);
    data.request.serviceDate = QDate::currentDate().addDays(20);
    data.request.lines = {QStringLiteral("96000"), QStringLiteral("96004")};
    data.request.diagnoses = {QStringLiteral("G80.1")};
    const QString first = dir.filePath(QStringLiteral("case-0000.rdcase"));
    QString error;
    if (!CaseFile::create(first, data, bench::actor(), &error)) {
        out << error << Qt::endl;
        return 1;
    }
    for (int i = 1; i < count; ++i)
        QFile::copy(first, dir.filePath(QStringLiteral("case-%1.rdcase").arg(i, 4, 10, QLatin1Char('0'))));

    // Baseline: list the folder and read each file's header.
    QElapsedTimer timer;
    timer.start();
    qint64 bytes = 0;
    const QFileInfoList files = QDir(dir.path()).entryInfoList({QStringLiteral("*.rdcase")}, QDir::Files);
    for (const QFileInfo& info : files) {
        QFile file(info.absoluteFilePath());
        if (file.open(QIODevice::ReadOnly))
            bytes += file.read(4096).size();
    }
    const qint64 baselineUs = timer.nsecsElapsed() / 1000;

    // The model, with the event loop running: measure the longest gap between timer ticks.
    CaseQueueModel model;
    qint64 longestStallUs = 0;
    QElapsedTimer tick;
    QTimer heartbeat;
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        longestStallUs = qMax(longestStallUs, tick.nsecsElapsed() / 1000);
        tick.restart();
    });
    qint64 listedMs = -1;
    qint64 listedUs = 0;
    qint64 firstRowsUs = -1;
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, [&] {
        if (firstRowsUs < 0)
            firstRowsUs = timer.nsecsElapsed() / 1000;
    });
    QObject::connect(&model, &CaseQueueModel::loaded, [&](int rows, qint64 elapsedMs) {
        listedUs = timer.nsecsElapsed() / 1000;
        listedMs = elapsedMs;
        if (rows == count)
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
    });
    heartbeat.start();
    tick.start();
    timer.restart();
    model.setFolder(dir.path());
    QTimer::singleShot(60000, &app, &QCoreApplication::quit);
    app.exec();

    out << "case files:                 " << count << "\n";
    out << "baseline (list + 4 KiB):    " << baselineUs / 1000.0 << " ms (" << bytes / 1024 << " KiB read)\n";
    out << "first rows in the model:    " << firstRowsUs / 1000.0 << " ms (goal: within 100 ms)\n";
    out << "queue listed (to the view): " << listedUs / 1000.0
        << " ms (reading off the GUI thread: " << listedMs << " ms)\n";
    out << "ratio queue / baseline:     " << (baselineUs > 0 ? double(listedUs) / double(baselineUs) : 0.0)
        << "\n";
    out << "rows in the model:          " << model.rowCount() << "\n";
    out << "longest GUI-thread stall:   " << longestStallUs / 1000.0 << " ms (goal: under 50 ms)\n";
    out.flush();
    return model.rowCount() == count ? 0 : 1;
}
