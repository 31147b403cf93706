#include "app/pdfworker/PdfRequestLoop.h"

#include "model/pdf/PdfTrace.h"

#include <thread>
#include <vector>

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace rd {

using pdfproto::MessageType;

namespace {

bool readExact(int fd, char* buf, size_t n)
{
    while (n > 0) {
        const ssize_t r = ::read(fd, buf, n);
        if (r == 0)
            return false;
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        buf += r;
        n -= size_t(r);
    }
    return true;
}

// Requests read in one go before they are queued (a bound on what one batch may hold).
constexpr size_t MaxBatch = 16;

} // namespace

PdfRequestLoop::PdfRequestLoop(int inputFd)
    : m_in(inputFd)
{}

void PdfRequestLoop::startReading()
{
    std::thread([this] { readLoop(); }).detach();
}

PdfRequestLoop::Request PdfRequestLoop::readRequest()
{
    char prefix[pdfproto::FramePrefixBytes];
    quint32 headerLength = 0;
    quint32 dataLength = 0;
    QByteArray header;
    Request req;
    bool ok =
        readExact(m_in, prefix, sizeof prefix) && pdfproto::parsePrefix(prefix, &headerLength, &dataLength);
    if (ok) {
        header.resize(headerLength);
        req.data.resize(dataLength);
        ok = readExact(m_in, header.data(), headerLength) &&
             (dataLength == 0 || readExact(m_in, req.data.data(), dataLength));
    }
    const std::optional<pdfproto::Header> h = ok ? pdfproto::splitHeader(header) : std::nullopt;
    if (!h)
        return Request{}; // Quit: the pipe closed or sent garbage
    req.type = h->type;
    req.id = h->id;
    req.fields = h->fields;
    return req;
}

bool PdfRequestLoop::inputWaiting() const
{
    pollfd p{m_in, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

void PdfRequestLoop::readLoop()
{
    for (;;) {
        std::vector<Request> batch;
        do {
            batch.push_back(readRequest());
        } while (batch.back().type != MessageType::Quit && batch.size() < MaxBatch && inputWaiting());
        const bool end = batch.back().type == MessageType::Quit;
        {
            std::lock_guard lock(m_mutex);
            for (Request& req : batch)
                receive(std::move(req));
        }
        m_wake.notify_one();
        if (end) {
            for (;;)
                ::pause(); // the work thread ends the process
        }
    }
}

void PdfRequestLoop::receive(Request&& req)
{
    if (req.type == MessageType::Cancel) {
        const auto cancel = pdfproto::decode<pdfproto::Cancel>(req.fields);
        if (!cancel)
            return;
        if (m_current != 0 && cancel->target == m_current)
            m_abortCurrent.store(true);
        else
            m_cancelled.insert(cancel->target); // refused when it starts
        return;
    }
    RD_PDF_TRACE("worker read request %d", int(req.type));
    m_queue.push_back(std::move(req));
    m_requestArrived.store(true);
}

void PdfRequestLoop::run(Handler& handler)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_queue.empty() && handler.hasIdleWork()) {
            lock.unlock();
            handler.doIdleWork();
            lock.lock();
            continue;
        }
        m_wake.wait(lock, [this] { return !m_queue.empty(); });
        Request req = std::move(m_queue.front());
        m_queue.pop_front();
        if (req.type == MessageType::Quit)
            ::_exit(0); // skip destructors: the reader may be blocked in read()
        const bool cancelled = m_cancelled.erase(req.id) > 0;
        m_current = req.id;
        m_abortCurrent.store(cancelled);
        lock.unlock();
        if (cancelled && req.type != MessageType::Open)
            handler.refuseCancelled(req.id);
        else
            handler.handle(req);
        lock.lock();
        m_current = 0;
        m_abortCurrent.store(false);
    }
}

} // namespace rd
