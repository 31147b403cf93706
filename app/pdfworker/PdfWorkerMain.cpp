#include "app/pdfworker/PdfWorkerMain.h"

#include "app/pdfworker/PdfRenderProblems.h"
#include "app/pdfworker/PdfRequestLoop.h"
#include "app/pdfworker/PdfWorkerEngine.h"
#include "app/pdfworker/PdfWorkerOutput.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <malloc.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace rd {

namespace {

struct Arguments
{
    long memoryLimitMiB = 1536;
    bool warmUp = false;
    bool keepFreedHeap = true; // a speed device: see below
    PdfWorkerEngine::Options engine;
};

// Whether the comma-separated list names device.
bool names(const char* list, const char* device)
{
    const QList<QByteArray> devices = QByteArray(list).split(',');
    return devices.contains(QByteArray(device));
}

Arguments parse(int argc, char* argv[])
{
    Arguments a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char* value = argv[i + 1];
        if (std::strcmp(argv[i], "--memory-limit-mib") == 0) {
            a.memoryLimitMiB = std::strtol(value, nullptr, 10);
        } else if (std::strcmp(argv[i], "--test-unsealed-page-buffer") == 0) {
            a.engine.sealPageBuffer = std::strcmp(value, "1") != 0;
        } else if (std::strcmp(argv[i], "--test-render-delay-ms") == 0) {
            a.engine.renderDelayMs = int(std::strtol(value, nullptr, 10));
        } else if (std::strcmp(argv[i], "--warm-up") == 0) {
            a.warmUp = std::strcmp(value, "1") == 0;
        } else if (std::strcmp(argv[i], "--without") == 0) {
            // Benchmarks: a speed device turned off, to measure what it buys.
            a.keepFreedHeap = !names(value, "keep-freed-heap");
            a.engine.populatePageBuffer = !names(value, "populate-page-buffer");
        }
    }
#if defined(__SANITIZE_ADDRESS__)
    a.memoryLimitMiB = 0; // AddressSanitizer reserves terabytes of address space
#endif
    return a;
}

} // namespace

int runPdfWorker(int argc, char* argv[])
{
    // Die with the app.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    std::signal(SIGPIPE, SIG_IGN);
    const Arguments args = parse(argc, argv);
    if (args.memoryLimitMiB > 0) {
        rlimit lim{};
        lim.rlim_cur = lim.rlim_max = rlim_t(args.memoryLimitMiB) * 1024 * 1024;
        ::setrlimit(RLIMIT_AS, &lim);
    }
    // The protocol owns the real stdout; anything else printing to stdout lands on stderr.
    const int out = ::dup(1);
    ::dup2(2, 1);
    // Bigger pipes: a page image crosses in a few wake-ups of the app instead of one per 64 KiB.
    ::fcntl(out, F_SETPIPE_SZ, 1024 * 1024);
    ::fcntl(0, F_SETPIPE_SZ, 1024 * 1024);

    if (args.keepFreedHeap) {
        // Freed page images stay in the heap for the next page instead of going back to the system
        // (glibc's default: a large block is mmap'ed and unmapped, or the heap top trimmed), so that a
        // page turn does not page-fault its way through fresh memory. Blocks over 32 MiB (zoomed-in
        // pages) are still mapped and given back.
        ::mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        ::mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    }
    QCoreApplication app(argc, argv);
    // Poppler's messages are collected per render (a page drawn with errors is reported as such), and
    // printed only when asked for.
    PdfRenderProblems::install(!qEnvironmentVariableIsEmpty("REVIEWDESK_PDFWORKER_DEBUG"));

    PdfWorkerOutput output(out);
    PdfRequestLoop loop(0);
    PdfWorkerEngine engine(output, loop, args.engine);
    loop.startReading();
    // A spare worker has time before its document comes; one started for a document has not. A request
    // that comes meanwhile waits and stops the warm-up.
    if (args.warmUp)
        engine.warmUp();
    loop.run(engine);
}

} // namespace rd
