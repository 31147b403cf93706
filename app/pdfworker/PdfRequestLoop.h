// How reviewdesk-pdfworker takes its requests: a reader thread reads the pipe and queues what it reads;
// the work thread (the caller of run()) works on one request at a time, in order. The reader applies a
// Cancel at once (the running request's Poppler abort callback sees it), so one Poppler document is
// used by one thread only. When the app writes requests together (an open and page 1's render), the
// reader queues them together, so that the work thread sees the render before it turns to idle work.
#pragma once

#include "model/pdf/protocol/PdfProtocol.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <unordered_set>

namespace rd {

class PdfRequestLoop
{
public:
    struct Request
    {
        pdfproto::MessageType type = pdfproto::MessageType::Quit;
        quint32 id = 0;
        QByteArray fields; // the header after type and id
        QByteArray data;
    };

    // What the work thread does with the requests.
    class Handler
    {
    public:
        virtual ~Handler() = default;
        virtual void handle(const Request& request) = 0;
        // Answers a request cancelled before it started.
        virtual void refuseCancelled(quint32 id) = 0;
        // Work for when no request waits (e.g. measuring the pages of the open document).
        virtual bool hasIdleWork() const = 0;
        virtual void doIdleWork() = 0;
    };

    explicit PdfRequestLoop(int inputFd);

    // Set while the running request has been cancelled; Poppler's abort callback reads it.
    const std::atomic<bool>& currentCancelled() const { return m_abortCurrent; }
    // Set once any request has arrived (it ends a spare worker's warm-up).
    const std::atomic<bool>& requestArrived() const { return m_requestArrived; }

    // Starts the reader thread.
    void startReading();
    // Works on the requests until Quit or the end of the input, then ends the process.
    [[noreturn]] void run(Handler& handler);

private:
    [[noreturn]] void readLoop();
    Request readRequest();
    bool inputWaiting() const;
    void receive(Request&& request); // under m_mutex

    int m_in = -1;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Request> m_queue;
    std::unordered_set<quint32> m_cancelled; // cancelled before they started
    quint32 m_current = 0;                   // the request being worked on (0: none)
    std::atomic<bool> m_abortCurrent{false};
    std::atomic<bool> m_requestArrived{false};
};

} // namespace rd
