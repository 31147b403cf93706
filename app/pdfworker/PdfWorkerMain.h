// The body of reviewdesk-pdfworker: Poppler runs only here, in a process of its own.
// Linked only into the worker (and the benchmarks), never into the app.
#pragma once

namespace rd {

// Reads requests on stdin, answers on stdout (see PdfProtocol.h) until stdin closes.
// Options: --memory-limit-mib N (RLIMIT_AS; 0 = none), --test-render-delay-ms N (tests only:
// sleep, cancellably, before each render so that a test can kill or time out the worker mid-render).
int runPdfWorker(int argc, char* argv[]);

} // namespace rd
