// Benchmarks of the case file (not a test: prints figures, asserts nothing).
//  1. Recording one judgment durably, against a bare sqlite3 INSERT + COMMIT with the same settings
//     (rollback journal, synchronous=FULL) on the same disk, interleaved in one run. Goal: ratio < 1.5.
//     Every judgment's audit entry is signed (Ed25519) by its actor: that is inside the measured time.
//  2. Opening a case that holds 200 MB of attachments, with the file's pages evicted from the page
//     cache before each open (posix_fadvise). Goal: < 50 ms; nothing is read until viewed.
//  3. verifyCase() of a case with 10,000 audit entries (every signature checked against a roster).
// Run from a folder on the disk to measure (the build folder by default).
#include "bench/BenchActor.h"
#include "model/casefile/CaseFile.h"
#include "model/signoff/CaseVerification.h"
#include "model/trust/TrustStore.h"

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
    auto file =
        CaseFile::create(dir.filePath(QStringLiteral("record.rdcase")), benchCase(), bench::actor(), &error);
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
                                  Answer{AnswerValue::Met, {}, QString::fromLatin1(note), {}}, bench::actor(),
                                  &error)) {
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
        auto big = CaseFile::create(bigPath, benchCase(), bench::actor(), &error);
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
                                            bench::actor(), &error)) {
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

    // 3. Verify of a case with 10,000 audit entries, against a roster of its own.
    const int entries = argc > 2 ? QByteArray(argv[2]).toInt() : 10000;
    const Actor admin = bench::actor(QStringLiteral("bench.admin"));
    const Actor reviewer = bench::actor();
    User adminUser;
    adminUser.login = admin.login();
    adminUser.name = QStringLiteral("Bench Admin");
    adminUser.publicKey = admin.publicKey();
    User reviewerUser = adminUser;
    reviewerUser.login = reviewer.login();
    reviewerUser.publicKey = reviewer.publicKey();
    reviewerUser.role = UserRole::Reviewer;
    const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-3600);
    Roster roster = Roster::create(adminUser, since);
    const QString rosterPath = dir.filePath(QStringLiteral("roster.json"));
    if (!roster.add(reviewerUser, since, &error) || !roster.save(rosterPath, *admin.key(), &error) ||
        !TrustStore::writeTrustFile(dir.filePath(QStringLiteral("trust.json")), rosterPath, roster.anchor(),
                                    &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    qputenv("REVIEWDESK_CONFIG_DIR", QFile::encodeName(dir.path()));
    const QString longPath = dir.filePath(QStringLiteral("long.rdcase"));
    {
        auto longCase = CaseFile::create(longPath, benchCase(), reviewer, &error);
        for (int i = 1; longCase && i < entries; ++i)
            if (!longCase->recordJudgment(QStringLiteral("management-impact"),
                                          Answer{AnswerValue::Met, {}, QString::number(i), {}}, reviewer,
                                          &error))
                break;
        if (!longCase) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    auto longCase = CaseFile::open(longPath, CaseFile::OpenMode::ReadOnly, &error);
    timer.start();
    const CaseVerification verified = verifyCase(*longCase);
    const double verifyMs = timer.nsecsElapsed() / 1e6;
    std::printf(
        "verify a case with %lld audit entries (every signature checked against the roster): %.0f ms, %s\n",
        static_cast<long long>(verified.auditCount), verifyMs,
        verified.report.ok() ? "verified" : "NOT verified");
    return 0;
}
