// Timestamps along the PDF path (app, worker, benchmarks), for finding where latency goes. Compiled in
// only with -DREVIEWDESK_PDF_TRACE=ON; otherwise nothing. Prints "pdftrace <pid> <what> <ms> <cpu ms>" to
// stderr, monotonic clock, then the calling thread's CPU time (ms). Events name steps and page numbers only,
// never file names or content.
#pragma once

#ifdef REVIEWDESK_PDF_TRACE
#include <cstdio>
#include <ctime>
#include <unistd.h>
#define RD_PDF_TRACE(...)                                                                                    \
    do {                                                                                                     \
        timespec rdTraceTs{};                                                                                \
        ::clock_gettime(CLOCK_MONOTONIC, &rdTraceTs);                                                        \
        char rdTraceWhat[96];                                                                                \
        std::snprintf(rdTraceWhat, sizeof rdTraceWhat, __VA_ARGS__);                                         \
        timespec rdTraceCpu{};                                                                               \
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &rdTraceCpu);                                               \
        std::fprintf(stderr, "pdftrace %d %s %.3f %.3f\n", int(::getpid()), rdTraceWhat,                     \
                     double(rdTraceTs.tv_sec) * 1e3 + double(rdTraceTs.tv_nsec) / 1e6,                       \
                     double(rdTraceCpu.tv_sec) * 1e3 + double(rdTraceCpu.tv_nsec) / 1e6);                    \
    } while (false)
#else
#define RD_PDF_TRACE(...)                                                                                    \
    do {                                                                                                     \
    } while (false)
#endif
