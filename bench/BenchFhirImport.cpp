// import-fhir of a PAS request carrying a 50 MB inline PDF against `new --attach` of the same PDF
// (the baseline, measured in the same run): wall time and the command's peak memory (its own
// maximum resident set, from wait4). Goal: at most 1.5x the time, and peak memory at most 3x the PDF.
// Usage: bench_fhir_import [MEGABYTES] (default 50). Runs build/bin/reviewdesk-cli.
#include "TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

struct Run
{
    double seconds = 0;
    long peakKib = 0;
    int status = -1;
};

// Both commands write a case, so both log in (the same person, password on standard input from
// folder's password file): the key's unlocking is in both measurements alike.
Run runCli(const QStringList& args, const QString& passwordFile)
{
    QList<QByteArray> storage{QByteArrayLiteral(REVIEWDESK_BIN_DIR "/reviewdesk-cli")};
    for (const QString& arg : args)
        storage.append(QFile::encodeName(arg));
    std::vector<char*> argv;
    for (QByteArray& arg : storage)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const QByteArray password = QFile::encodeName(passwordFile);
    posix_spawn_file_actions_addopen(&actions, 0, password.constData(), O_RDONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    Run run;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        return run;
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.peakKib = usage.ru_maxrss;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    posix_spawn_file_actions_destroy(&actions);
    return run;
}

// A valid PDF of about megabytes MB of random bytes.
QByteArray bigPdf(int megabytes)
{
    QByteArray filler(qsizetype(megabytes) << 20, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32*>(filler.data()), filler.size() / 4);
    return rd::test::pdfWithFiller(filler);
}

bool write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

// The measuring half, in a fresh process image: a command's peak memory (ru_maxrss) includes what
// its parent held when it was spawned, so the files are made first and the runs start from here.
int measure(const QString& folder)
{
    const QDir dir(folder);
    const QString pdfPath = dir.filePath(QStringLiteral("big.pdf"));
    const QString bundlePath = dir.filePath(QStringLiteral("bundle.json"));
    const QString casePath = dir.filePath(QStringLiteral("case.json"));
    const QString passwordFile = dir.filePath(QStringLiteral("password"));
    const QStringList login{QStringLiteral("--user"), QStringLiteral("bench"),
                            QStringLiteral("--password-stdin")};
    const qint64 pdfSize = QFileInfo(pdfPath).size();
    std::printf("PDF %.1f MB, bundle %.1f MB\n", pdfSize / 1048576.0,
                QFileInfo(bundlePath).size() / 1048576.0);
    QList<Run> baseline;
    QList<Run> imports;
    for (int round = 0; round < 3; ++round) {
        const QString a = dir.filePath(QStringLiteral("new-%1.rdcase").arg(round));
        const QString b = dir.filePath(QStringLiteral("fhir-%1.rdcase").arg(round));
        baseline.append(runCli(QStringList{QStringLiteral("new"), a, QStringLiteral("--from"), casePath,
                                           QStringLiteral("--attach"), pdfPath} +
                                   login,
                               passwordFile));
        imports.append(
            runCli(QStringList{QStringLiteral("import-fhir"), bundlePath, QStringLiteral("-o"), b} + login,
                   passwordFile));
        QFile::remove(a);
        QFile::remove(b);
        if (baseline.last().status != 0 || imports.last().status != 0) {
            std::fprintf(stderr, "a run failed (new %d, import-fhir %d)\n", baseline.last().status,
                         imports.last().status);
            return 1;
        }
    }
    auto median = [](QList<Run> runs, auto field) {
        std::sort(runs.begin(), runs.end(), [&](const Run& x, const Run& y) { return field(x) < field(y); });
        return field(runs.at(runs.size() / 2));
    };
    const double newSeconds = median(baseline, [](const Run& r) { return r.seconds; });
    const double importSeconds = median(imports, [](const Run& r) { return r.seconds; });
    const double importPeak = median(imports, [](const Run& r) { return double(r.peakKib); });
    const double newPeak = median(baseline, [](const Run& r) { return double(r.peakKib); });
    std::printf("new --attach   %.2f s, peak %.0f MB\n", newSeconds, newPeak / 1024);
    std::printf("import-fhir    %.2f s, peak %.0f MB\n", importSeconds, importPeak / 1024);
    std::printf("time ratio     %.2fx (goal <= 1.5x)\n", importSeconds / newSeconds);
    std::printf("peak / PDF     %.2fx (goal <= 3x)\n", importPeak * 1024 / double(pdfSize));
    QDir(folder).removeRecursively();
    return 0;
}

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    if (argc > 2 && std::strcmp(argv[1], "--measure") == 0)
        return measure(QString::fromLocal8Bit(argv[2]));
    const int megabytes = argc > 1 ? std::max(1, atoi(argv[1])) : 50;
    QTemporaryDir dir;
    dir.setAutoRemove(false);
    const QByteArray pdf = bigPdf(megabytes);
    const QString pdfPath = dir.filePath(QStringLiteral("big.pdf"));
    write(pdfPath, pdf);

    QFile fixture(
        QStringLiteral(REVIEWDESK_SOURCE_DIR "/tests/data/fhir/fixtures/ig221-referral-96000-96004.json"));
    if (!fixture.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read the referral fixture\n");
        return 2;
    }
    QJsonObject bundle = QJsonDocument::fromJson(fixture.readAll()).object();
    QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
    QJsonObject entry = entries.at(9).toObject();
    QJsonObject document = entry.value(QStringLiteral("resource")).toObject();
    QJsonObject attachment{{QStringLiteral("contentType"), QStringLiteral("application/pdf")},
                           {QStringLiteral("title"), QStringLiteral("big.pdf")},
                           {QStringLiteral("data"), QString::fromLatin1(pdf.toBase64())}};
    document.insert(QStringLiteral("content"),
                    QJsonArray{QJsonObject{{QStringLiteral("attachment"), attachment}}});
    entry.insert(QStringLiteral("resource"), document);
    entries.replace(9, entry);
    bundle.insert(QStringLiteral("entry"), entries);
    const QString bundlePath = dir.filePath(QStringLiteral("bundle.json"));
    write(bundlePath, QJsonDocument(bundle).toJson(QJsonDocument::Compact));
    bundle = {};

    // The same case as JSON, for the baseline.
    const QString casePath = dir.filePath(QStringLiteral("case.json"));
    write(casePath, R"({"member":{"id":"1122334455","name":"JOE SMITH","birthDate":"1961-09-30"},
        "provider":{"name":"DR. JOE SMITH CORPORATION","npi":"8189991234"},
        "request":{"receivedAt":"2005-05-02T06:01:00Z","urgency":"expedited","serviceDate":"2005-06-15",
        "lines":["96000","96004"],"diagnoses":["G89.4"],"priorStudyDate":null}})");

    // The person both commands act as: a people folder of the benchmark's own (keys sealed at the
    // test builds' fast cost, as the tests do).
    qputenv("REVIEWDESK_HOME", QFile::encodeName(dir.filePath(QStringLiteral("home"))));
    qputenv("REVIEWDESK_TEST_FAST_KDF", "1");
    const QString passwordFile = dir.filePath(QStringLiteral("password"));
    write(passwordFile, "bench password 1\n");
    const Run added = runCli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bench"),
                              QStringLiteral("--name"), QStringLiteral("Bench Reviewer"),
                              QStringLiteral("--password-stdin")},
                             passwordFile);
    if (added.status != 0) {
        std::fprintf(stderr, "reviewdesk-cli user add failed (%d)\n", added.status);
        return 1;
    }

    const QByteArray folder = QFile::encodeName(dir.path());
    char* const measureArgs[] = {argv[0], const_cast<char*>("--measure"),
                                 const_cast<char*>(folder.constData()), nullptr};
    execv("/proc/self/exe", measureArgs);
    std::perror("execv");
    return 1;
}
