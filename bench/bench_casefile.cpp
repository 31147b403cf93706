// Benchmarks of the case file (not a test: prints figures, asserts nothing).
//  1. Recording one judgment durably, against a bare sqlite3 INSERT + COMMIT with the same settings
//     (rollback journal, synchronous=FULL) on the same disk, interleaved in one run. Goal: ratio < 1.5.
//  2. Opening a case that holds 200 MB of attachments, with the file's pages evicted from the page
//     cache before each open (posix_fadvise). Goal: < 50 ms; nothing is read until viewed.
// Run from a folder on the disk to measure (the build folder by default).
#include "BenchCase.h"
#include "model/casefile/CaseFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>
#include <vector>

using namespace rd;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

CaseData benchCase()
{
    return bench::benchCase({QStringLiteral("96000")}, QDate(2026, 12, 1));
}

void evictFromPageCache(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-casefile-XXXXXX"));
    if (!dir.isValid())
        return 1;
    const int rounds = argc > 1 ? QByteArray(argv[1]).toInt() : 200;

    // 1. Durable judgment vs bare insert.
    QString error;
    auto file = CaseFile::create(dir.filePath(QStringLiteral("record.rdcase")), benchCase(),
                                 QStringLiteral("bench"), &error);
    if (!file) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    sqlite3* bare = nullptr;
    sqlite3_open(QFile::encodeName(dir.filePath(QStringLiteral("bare.sqlite"))).constData(), &bare);
    sqlite3_exec(bare,
                 "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; "
                 "CREATE TABLE t(id TEXT, value TEXT, note TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(bare, "INSERT INTO t VALUES ('management-impact', 'met', ?)", -1, &insert, nullptr);
    std::vector<double> ours, baseline;
    QElapsedTimer timer;
    for (int i = 0; i < rounds; ++i) {
        const QByteArray note = QByteArray::number(i);
        timer.start();
        sqlite3_exec(bare, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_text(insert, 1, note.constData(), int(note.size()), SQLITE_TRANSIENT);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_exec(bare, "COMMIT", nullptr, nullptr, nullptr);
        baseline.push_back(timer.nsecsElapsed() / 1e6);

        timer.start();
        if (!file->recordJudgment(QStringLiteral("management-impact"),
                                  Answer{AnswerValue::Met, {}, QString::fromLatin1(note), {}},
                                  QStringLiteral("bench"), &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        ours.push_back(timer.nsecsElapsed() / 1e6);
    }
    sqlite3_finalize(insert);
    sqlite3_close(bare);
    file.reset();
    const double oursMedian = median(ours);
    const double baseMedian = median(baseline);
    std::printf("record judgment (durable): median %.3f ms; bare sqlite3 insert+commit: median %.3f ms; "
                "ratio %.2f (goal < 1.5), %d rounds\n",
                oursMedian, baseMedian, oursMedian / baseMedian, rounds);

    // 2. Opening a case with 200 MB of attachments.
    const QString bigPath = dir.filePath(QStringLiteral("big.rdcase"));
    {
        auto big = CaseFile::create(bigPath, benchCase(), QStringLiteral("bench"), &error);
        const QString source = dir.filePath(QStringLiteral("attachment.bin"));
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        QFile out(source);
        out.open(QIODevice::WriteOnly);
        for (int mb = 0; mb < 50; ++mb) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(chunk.data()), chunk.size() / 4);
            out.write(chunk);
        }
        out.close();
        for (int i = 0; i < 4; ++i) {
            if (!big || !big->addAttachment(QStringLiteral("record-%1.pdf").arg(i), source, 100,
                                            QStringLiteral("bench"), &error)) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                return 1;
            }
        }
        QFile::remove(source);
    }
    std::vector<double> opens;
    for (int i = 0; i < 15; ++i) {
        evictFromPageCache(bigPath);
        timer.start();
        auto opened = CaseFile::open(bigPath, CaseFile::OpenMode::ReadWrite, &error);
        opens.push_back(timer.nsecsElapsed() / 1e6);
        if (!opened || opened->attachments().size() != 4) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    std::printf("open case with %.0f MB of attachments (page cache evicted): median %.2f ms, max %.2f ms "
                "(goal < 50 ms)\n",
                QFileInfo(bigPath).size() / 1e6, median(opens),
                *std::max_element(opens.begin(), opens.end()));
    return 0;
}
