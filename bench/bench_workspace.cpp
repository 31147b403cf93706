// Benchmarks of the team workspace (not a test: prints figures, asserts nothing). Starts a
// PostgreSQL cluster of its own (tests/workspace/pg_cluster.sh, fsync on: saves are durable) in the
// current folder, on a Unix socket.
//  1. A judgment saved durably in the workspace vs the case file's save (CaseFile::recordJudgment,
//     rollback journal, synchronous=FULL) on the disk of the current folder, interleaved in one run.
//     Goal: ratio <= 2.
//  2. Take Next Case with 20 clients competing (threads, a connection each) on a queue of 2,000:
//     per-take latency and that no case is taken twice.
//  3. Listing a queue of 10,000 cases. Goal: < 1 s.
//  4. A queue's update after a change (LISTEN/NOTIFY, from commit to the listener's wakeup).
//     Goal: < 1 s.
//   bench_workspace [ROUNDS]
#include "bench/BenchActor.h"
#include "model/casefile/CaseFile.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <poll.h>
#include <thread>
#include <vector>

using namespace rd;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[std::min(values.size() - 1, size_t(double(values.size()) * p))];
}

bool cluster(const QString& verb, const QString& dir)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("REVIEWDESK_PG_FSYNC"), QStringLiteral("on"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("sh"),
                  {QStringLiteral(REVIEWDESK_SOURCE_DIR "/tests/workspace/pg_cluster.sh"), verb, dir});
    process.waitForFinished(120000);
    if (process.exitCode() != 0)
        std::fprintf(stderr, "pg_cluster.sh %s: %s\n", qPrintable(verb),
                     process.readAllStandardError().constData());
    return process.exitCode() == 0;
}

int fail(const QString& error)
{
    std::fprintf(stderr, "bench_workspace: %s\n", qPrintable(error));
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? QByteArray(argv[1]).toInt() : 200;
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-workspace-XXXXXX"));
    const QString clusterDir = dir.filePath(QStringLiteral("pg"));
    if (!dir.isValid() || !cluster(QStringLiteral("start"), clusterDir))
        return 1;
    struct Stop
    {
        QString dir;
        ~Stop() { cluster(QStringLiteral("stop"), dir); }
    } stop{clusterDir};
    QFile socketFile(QDir(clusterDir).filePath(QStringLiteral("socketdir")));
    socketFile.open(QIODevice::ReadOnly);
    const QString socket = QString::fromUtf8(socketFile.readAll()).trimmed();
    auto url = [&](const QString& user) {
        return QStringLiteral("postgresql:///postgres?host=%1&user=%2").arg(socket, user);
    };
    QString error;
    auto owner = PgConnection::open(url(QStringLiteral("rdtest")), &error);
    if (!owner || !WorkspaceSchema::migrate(*owner, &error))
        return fail(error);
    QString sql = QStringLiteral("CREATE ROLE bench LOGIN; GRANT rd_reviewer TO bench;");
    for (int i = 0; i < 20; ++i)
        sql += QStringLiteral("CREATE ROLE taker%1 LOGIN; GRANT rd_reviewer TO taker%1;").arg(i);
    if (!owner->command(sql.toUtf8(), &error))
        return fail(error);

    // 1. Durable judgment: workspace vs case file, interleaved.
    const Actor actor = bench::actor(QStringLiteral("bench"));
    const CaseData data = bench::benchCase({QStringLiteral("96000")}, QDate(2026, 12, 1));
    const QString path = dir.filePath(QStringLiteral("record.rdcase"));
    auto file = CaseFile::create(path, data, actor, &error);
    auto workspace = file ? Workspace::open(url(QStringLiteral("bench")), &error) : nullptr;
    const auto caseId = workspace ? workspace->importCaseFile(path, &error) : std::nullopt;
    auto store = caseId ? WorkspaceCase::open(url(QStringLiteral("bench")), *caseId,
                                              WorkspaceCase::OpenMode::ReadWrite, &error)
                        : nullptr;
    if (!store)
        return fail(error);
    std::vector<double> fileSaves, workspaceSaves;
    QElapsedTimer timer;
    for (int i = 0; i < rounds; ++i) {
        const Answer answer{
            i % 2 ? AnswerValue::Met : AnswerValue::NotMet, {}, QStringLiteral("round %1").arg(i), {}};
        timer.start();
        if (!file->recordJudgment(QStringLiteral("management-impact"), answer, actor, &error))
            return fail(error);
        fileSaves.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.start();
        if (!store->recordJudgment(QStringLiteral("management-impact"), answer, actor, &error))
            return fail(error);
        workspaceSaves.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const double fileMedian = median(fileSaves);
    const double workspaceMedian = median(workspaceSaves);
    std::printf(
        "1. durable judgment save, %d rounds (median): case file %.3f ms, workspace over a Unix socket "
        "%.3f ms; ratio %.2f (goal <= 2)\n",
        rounds, fileMedian, workspaceMedian, workspaceMedian / fileMedian);

    // 2. Take Next Case, 20 competing clients, 2,000 cases.
    const char* fill =
        "INSERT INTO rd.case_queue(case_id, member_id, member_name, urgency, received_at, due_by, "
        "status, audit_count, audit_head) SELECT 'q' || g, 'M' || g, 'Member ' || g, "
        "CASE WHEN g % 7 = 0 THEN 'expedited' ELSE 'standard' END, now(), "
        "now() + (g || ' minutes')::interval, 'new', 1, '\\x00' FROM generate_series(1, %1) g";
    if (!owner->command(QString::fromLatin1(fill).arg(2000).toUtf8(), &error))
        return fail(error);
    std::mutex lock;
    std::vector<double> takes;
    QSet<QString> taken;
    std::atomic<int> duplicates{0};
    std::vector<std::thread> threads;
    QElapsedTimer wall;
    wall.start();
    for (int t = 0; t < 20; ++t)
        threads.emplace_back([&, t] {
            QString why;
            auto taker = Workspace::open(url(QStringLiteral("taker%1").arg(t)), &why);
            if (!taker)
                return;
            QElapsedTimer each;
            for (;;) {
                each.start();
                const auto id = taker->takeNext(Workspace::ReviewQueue, &why);
                const double ms = double(each.nsecsElapsed()) / 1e6;
                if (!id || id->isEmpty())
                    return;
                std::lock_guard<std::mutex> guard(lock);
                takes.push_back(ms);
                if (taken.contains(*id))
                    ++duplicates;
                taken.insert(*id);
            }
        });
    for (std::thread& thread : threads)
        thread.join();
    std::printf(
        "2. Take Next Case, 20 clients on 2,000 cases: %zu taken in %.0f ms, per take median %.2f ms, p95 "
        "%.2f ms, max %.2f ms; taken twice: %d\n",
        takes.size(), double(wall.nsecsElapsed()) / 1e6, median(takes), percentile(takes, 0.95),
        percentile(takes, 1.0), duplicates.load());

    // 3. A queue of 10,000 cases listed.
    if (!owner->command("DELETE FROM rd.case_queue WHERE case_id LIKE 'q%'", &error) ||
        !owner->command(QString::fromLatin1(fill).arg(10000).toUtf8(), &error))
        return fail(error);
    std::vector<double> lists;
    for (int i = 0; i < 5; ++i) {
        timer.start();
        const auto entries = workspace->list(&error);
        if (!entries || entries->size() < 10000)
            return fail(error);
        lists.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("3. list a queue of 10,001 cases: median %.1f ms, max %.1f ms (goal < 1000 ms)\n",
                median(lists), percentile(lists, 1.0));

    // 4. Notify latency: a listener's wakeup after another client's change commits.
    auto listener = Workspace::open(url(QStringLiteral("taker0")), &error);
    if (!listener || !listener->listen(&error))
        return fail(error);
    auto changer = Workspace::open(url(QStringLiteral("taker1")), &error);
    std::vector<double> latencies;
    for (int i = 0; i < 50; ++i) {
        timer.start();
        const auto id = changer->takeNext(Workspace::ReviewQueue, &error);
        if (!id || id->isEmpty())
            return fail(error);
        QStringList heard;
        while (!heard.contains(*id)) {
            pollfd fd{listener->connection().socket(), POLLIN, 0};
            if (::poll(&fd, 1, 2000) <= 0)
                return fail(QStringLiteral("no notification within 2 s"));
            heard += listener->connection().takeNotifications(Workspace::NotifyChannel);
        }
        latencies.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf(
        "4. queue update after a change (take + notify + wakeup), 50 changes: median %.2f ms, max %.2f ms "
        "(goal < 1000 ms)\n",
        median(latencies), percentile(latencies, 1.0));
    return 0;
}
