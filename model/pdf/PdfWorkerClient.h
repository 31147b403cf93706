// One reviewdesk-pdfworker process, seen from the app: sends requests (the worker runs them in
// order; a few may wait in its queue), reads the answers from the pipe without blocking, kills the
// process when the running request takes too long.
// Internal to PdfDocument; lives in the thread that created it (the GUI thread).
#pragma once

#include "model/pdf/protocol/PdfProtocol.h"

#include <QByteArray>
#include <QImage>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace rd {

class PdfWorkerClient : public QObject
{
    Q_OBJECT
public:
    PdfWorkerClient(const QString& program, const QStringList& arguments, QObject* parent = nullptr);
    ~PdfWorkerClient() override;

    // Page images are copied into memory got ready ahead (PdfImageMemory), unless turned off before
    // start() (bench_pdf measures what that buys).
    void setReadyImageMemory(bool ready);
    // Starts the process; errors come later through died().
    void start();
    bool isAlive() const { return m_alive; }
    // Workers with requests in flight, in the whole app (GUI thread).
    static int busyCount() { return s_busyCount; }
    qint64 processId() const;

    // Sends request m (PdfProtocol.h) with data after it. Precondition: alive. timeoutMs counts from
    // when the worker starts it (when the requests before it have been answered).
    template <typename Message> void send(quint32 id, const Message& m, const QByteArray& data, int timeoutMs)
    {
        sendFrame(id, pdfproto::encode(id, m, quint32(data.size())), data, timeoutMs);
    }
    // Asks the worker to abandon request id; it answers Failed/Cancelled (or the result).
    void cancel(quint32 id);
    // Kills the process now (no died() signal).
    void stop();
    // A copy of a page image in the worker's shared page buffer (memfd fd of bufferSize bytes in the
    // worker, mapped here once). Null if it cannot be mapped (no /proc): use the pipe then.
    QImage copySharedImage(int fd, qint64 bufferSize, int width, int height, int bytesPerLine,
                           QImage::Format format);

Q_SIGNALS:
    // An answer to the oldest request in flight. fields: the message (pdfproto::decode reads it).
    void answered(quint32 id, rd::pdfproto::MessageType type, const QByteArray& fields,
                  const QByteArray& data);
    // The worker measured every page of its document (unasked, after Opened).
    void pageSizesMeasured(const QList<QSizeF>& sizes);
    // The process is gone (crash, memory limit, killed after a timeout, failed to start). inFlight: the
    // requests sent and not answered, the one that was running first. Emitted once; then dead.
    void died(const QList<quint32>& inFlight, const rd::PdfError& error);

private:
    void sendFrame(quint32 id, const QByteArray& head, const QByteArray& data, int timeoutMs);
    void flushWrites();
    void onFinished(int code, QProcess::ExitStatus status);
    void onReadyRead();
    // Maps the worker's page buffer (memfd fd of bufferSize bytes in the worker) unless it already is:
    // when the worker announces it (Hello), not when the first page waits for it.
    bool mapSharedBuffer(int fd, qint64 bufferSize);
    void die(const PdfError& error);
    void countBusy(bool busy); // keeps s_busyCount

    QProcess* m_process = nullptr;
    bool m_flushing = false;
    QString m_program;
    QStringList m_arguments;
    QTimer m_timer;
    struct InFlight
    {
        quint32 id;
        int timeoutMs;
    };
    QList<InFlight> m_inFlight;
    bool m_alive = false;
    bool m_readyImageMemory = true;
    bool m_countedBusy = false;
    static int s_busyCount;
    int m_timeoutMs = 0; // of the running request
    // The worker's page buffer mapped here (read-only).
    struct SharedBuffer
    {
        const uchar* map = nullptr;
        qint64 size = 0;
        int fd = -1; // the fd number in the worker
        ~SharedBuffer();
    };
    std::unique_ptr<const SharedBuffer> m_shared;
};

} // namespace rd
