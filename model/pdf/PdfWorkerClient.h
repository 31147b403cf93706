// One reviewdesk-pdfworker process, seen from the app: sends one request at a time, reads the
// answers from the pipe without blocking, kills the process when a request takes too long.
// Internal to PdfDocument; lives in the thread that created it (the GUI thread).
#pragma once

#include "PdfProtocol.h"

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

namespace rd {

class PdfWorkerClient : public QObject
{
    Q_OBJECT
public:
    PdfWorkerClient(const QString& program, const QStringList& arguments, QObject* parent = nullptr);
    ~PdfWorkerClient() override;

    // Starts the process; errors come later through died().
    void start();
    bool isAlive() const { return m_alive; }
    bool isBusy() const { return m_current != 0; }
    quint32 currentId() const { return m_current; }
    qint64 processId() const;

    // Sends a request. fields: the header after type and id. Precondition: alive and not busy.
    void send(quint32 id, pdfproto::MessageType type, const QByteArray& fields, const QByteArray& data,
              int timeoutMs);
    // Asks the worker to abandon the current request; it answers Failed/Cancelled (or the result).
    void cancelCurrent();
    // Kills the process now (no died() signal).
    void stop();

Q_SIGNALS:
    // An answer to the current request; the worker is idle again. fields: the header after type and id.
    void answered(quint32 id, rd::pdfproto::MessageType type, const QByteArray& fields,
                  const QByteArray& data);
    // The process is gone (crash, memory limit, killed after a timeout, failed to start). inFlight: the
    // request that was running (0 if none). Emitted once; the object is then dead.
    void died(quint32 inFlight, const rd::PdfError& error);

private:
    void onReadyRead();
    void die(const PdfError& error);

    QProcess* m_process = nullptr;
    QString m_program;
    QStringList m_arguments;
    QTimer m_timer;
    quint32 m_current = 0;
    bool m_alive = false;
    int m_timeoutMs = 0;
};

} // namespace rd
