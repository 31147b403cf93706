// The app's access to PDFs. All Poppler work runs in reviewdesk-pdfworker processes (found beside
// the executable), never in the app: a hostile file can crash, hang or bloat only its worker.
//
// Threading: PdfService and the PdfDocuments it opens live in the GUI thread and never block it;
// results arrive as signals. probe() is the one synchronous call, for worker threads and the CLI.
#pragma once

#include "model/pdf/protocol/PdfTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace rd {

class PdfDocument;

struct PdfServiceOptions
{
    QString workerPath; // empty: reviewdesk-pdfworker beside the application
    // Processes per open document: two render in parallel.
    int workersPerDocument = 2;
    // Time allowed to open a document, and for one render or text extraction; then the worker is killed.
    int openTimeoutMs = 15000;
    int requestTimeoutMs = 10000;
    // RLIMIT_AS of each worker; 0 = none.
    int memoryLimitMiB = 1536;
    // Page images through a page buffer shared with the worker (memfd), else raw over the pipe.
    // bench_pdf measures both; shared is faster. Falls back to the pipe by itself.
    bool sharedMemoryPixels = true;
    // Keep one worker process started ahead, so that opening a document skips the process start-up.
    bool keepSpareWorker = true;
    // Tests only (e.g. --test-render-delay-ms 2000).
    QStringList extraWorkerArguments;
    // Benchmarks only: speed devices turned off, to measure what each buys (bench_pdf devices).
    // In the app: "warm-up" (a spare worker renders a page of its own while it waits), "image-memory"
    // (PdfImageMemory). In the worker: "keep-freed-heap", "populate-page-buffer" (PdfWorkerMain.cpp,
    // PdfWorkerEngine.h). docs/pdf.md says what each buys.
    QStringList withoutDevices;
};

class PdfService : public QObject
{
    Q_OBJECT
public:
    explicit PdfService(QObject* parent = nullptr);
    explicit PdfService(const PdfServiceOptions& options, QObject* parent = nullptr);

    const PdfServiceOptions& options() const { return m_options; }

    // Opens a document asynchronously: watch PdfDocument::stateChanged(). The caller owns the result
    // (parent, or delete it); deleting it stops its workers.
    PdfDocument* openFile(const QString& path, QObject* parent = nullptr);
    // The same, shown under displayName (e.g. a case file's attachment copied to a memory file).
    PdfDocument* openFile(const QString& path, const QString& displayName, QObject* parent);
    // A file still being filled (AttachmentFile): its workers wait for the parts they read, as the
    // PdfFillProgress at fillProgressPath marks them in; the file must keep its final size throughout.
    PdfDocument* openFilling(const QString& path, const QString& fillProgressPath, const QString& displayName,
                             QObject* parent);
    PdfDocument* openData(const QByteArray& data, const QString& displayName, QObject* parent = nullptr);

    // Synchronous: start a worker, open the file, return its page count or a clear error, stop the
    // worker. Blocks the calling thread up to timeoutMs: call it from a worker thread or the CLI, never
    // from the GUI thread.
    static PdfProbeResult probe(const QString& path, const QByteArray& password = {}, int timeoutMs = 15000,
                                const QString& workerPath = {});

    // reviewdesk-pdfworker beside the running executable.
    static QString defaultWorkerPath();
    // Program and arguments used to start a worker with these options.
    static QStringList workerArguments(const PdfServiceOptions& options);
    // A worker process started with these options; warmUp: a spare's (renders a page while it waits).
    static class PdfWorkerClient* startWorker(const PdfServiceOptions& options, bool warmUp, QObject* parent);

private:
    friend class PdfDocument;
    // A started worker for a document: the spare if there is one (then a new spare starts), else a
    // new process. parent takes it.
    class PdfWorkerClient* takeWorker(QObject* parent);
    void startSpare();

public:
    // Tests: whether a spare worker is started.
    bool hasSpare() const;

private:
    PdfServiceOptions m_options;
    class PdfWorkerClient* m_spare = nullptr;
    QTimer m_spareTimer;         // starts the next spare
    QElapsedTimer m_spareWanted; // since when a new spare waits for the workers to be idle
};

} // namespace rd
