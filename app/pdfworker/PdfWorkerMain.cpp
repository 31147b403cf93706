#include "app/pdfworker/PdfWorkerMain.h"

#include "app/pdfworker/PdfWarmUpDocument.h"
#include "model/pdf/PdfTrace.h"
#include "model/pdf/protocol/PdfProtocol.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QVariant>

#include <poppler-qt6.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include <csignal>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <unistd.h>

namespace rd {
namespace {

using pdfproto::MessageType;

struct Request
{
    MessageType type = MessageType::Quit;
    quint32 id = 0;
    QByteArray header; // the rest of the header after type and id
    QByteArray data;
};

// Two threads serve the worker, taking turns (leader/follower): one reads the pipe while the other
// works. The reader of a request works on it itself when nobody is working (and the other thread
// takes over reading): a request that comes to an idle worker starts without a hand-over between
// threads (measured: 0.1-0.2 ms to wake the other thread after an idle spell). Whoever reads applies
// Cancel at once, so a running render can be cancelled. One Poppler document, one thread at a time.
std::mutex g_mutex;
std::condition_variable g_wake;
std::deque<Request> g_queue;
bool g_working = false;                    // a thread is working on a request (or the warm-up)
bool g_reading = false;                    // a thread is reading the pipe
bool g_endOfInput = false;                 // the pipe closed or sent garbage: nobody reads again
quint32 g_current = 0;                     // id of the request being processed (under g_mutex)
std::unordered_set<quint32> g_cancelled;   // cancelled before they started (under g_mutex)
std::atomic<bool> g_abortCurrent{false};   // the running request was cancelled
std::atomic<bool> g_requestArrived{false}; // set by the reader for each request (ends the warm-up)
int g_out = -1;                            // the protocol's output (stdout moved aside)

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

void writeAll(const QByteArray& head, const char* data, size_t dataLen)
{
    iovec iov[2];
    iov[0].iov_base = const_cast<char*>(head.constData());
    iov[0].iov_len = size_t(head.size());
    iov[1].iov_base = const_cast<char*>(data);
    iov[1].iov_len = dataLen;
    int first = 0;
    while (first < 2) {
        const ssize_t w = ::writev(g_out, iov + first, 2 - first);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            ::_exit(3); // the client went away
        }
        size_t left = size_t(w);
        while (first < 2 && left >= iov[first].iov_len) {
            left -= iov[first].iov_len;
            ++first;
        }
        if (first < 2) {
            iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
            iov[first].iov_len -= left;
        }
    }
}

// Reads the next request frame from the pipe (blocking); Quit when the pipe closed or sent garbage.
Request readRequest()
{
    char prefix[pdfproto::FramePrefixBytes];
    quint32 headerLength = 0;
    quint32 dataLength = 0;
    Request req;
    bool ok =
        readExact(0, prefix, sizeof prefix) && pdfproto::parsePrefix(prefix, &headerLength, &dataLength);
    if (ok) {
        req.header.resize(headerLength);
        req.data.resize(dataLength);
        ok = readExact(0, req.header.data(), headerLength) &&
             (dataLength == 0 || readExact(0, req.data.data(), dataLength));
    }
    if (ok) {
        QDataStream in(req.header);
        quint8 type = 0;
        in >> type >> req.id;
        req.type = MessageType(type);
        req.header.remove(0, 5);
        ok = in.status() == QDataStream::Ok;
    }
    if (!ok)
        req = Request{}; // Quit
    return req;
}

// Whether more of a request is waiting in the pipe (poll, no wait).
bool inputWaiting()
{
    pollfd p{0, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

// Under g_mutex: takes in a request just read. A Cancel applies at once (no answer of its own).
void receive(Request&& req)
{
    if (req.type == MessageType::Cancel) {
        QDataStream in(req.header);
        quint32 target = 0;
        in >> target;
        if (g_working && target == g_current)
            g_abortCurrent.store(true);
        else
            g_cancelled.insert(target); // seen when it starts: it answers Cancelled at once
        return;
    }
    RD_PDF_TRACE("worker read request %d", int(req.type));
    if (req.type == MessageType::Quit)
        g_endOfInput = true;
    g_queue.push_back(std::move(req));
    g_requestArrived.store(true);
}

// Leaves bytes of touched memory free in the heap: allocated, written a byte a page, freed.
void prefaultHeap(size_t bytes)
{
    auto* p = static_cast<volatile char*>(std::malloc(bytes));
    if (!p)
        return;
    for (size_t offset = 0; offset < bytes; offset += 4096)
        p[offset] = 0;
    std::free(const_cast<char*>(p));
}

bool currentCancelled()
{
    return g_abortCurrent.load();
}
bool warmUpInterrupted(const QVariant& = {})
{
    return g_requestArrived.load();
}
bool shouldAbort(const QVariant&)
{
    return currentCancelled();
}
void quietPoppler(const QString&, const QVariant&) {}

void sendFailed(quint32 id, PdfError::Code code, const QString& message)
{
    QByteArray header;
    QDataStream out(&header, QIODevice::WriteOnly);
    out << quint8(MessageType::Failed) << id << qint32(code) << message;
    writeAll(pdfproto::frameHead(header, 0), nullptr, 0);
}

class Worker
{
public:
    Worker(int renderDelayMs, bool sealPageBuffer)
        : m_renderDelayMs(renderDelayMs)
        , m_sealPageBuffer(sealPageBuffer)
    {}

    void handle(const Request& req)
    {
        QDataStream in(req.header);
        switch (req.type) {
        case MessageType::Open:
            open(req, in);
            break;
        case MessageType::Render:
            render(req, in);
            break;
        case MessageType::Text:
            text(req, in);
            break;
        default:
            sendFailed(req.id, PdfError::BadRequest, QStringLiteral("unknown request"));
        }
    }

private:
    void open(const Request& req, QDataStream& in)
    {
        QString path;
        QByteArray password;
        bool fromData = false;
        in >> path >> password >> fromData;
        quint8 sizesMode = pdfproto::SizesInOpened;
        in >> sizesMode;
        if (in.status() != QDataStream::Ok)
            sizesMode = pdfproto::SizesInOpened;
        m_measurePending = false;
        RD_PDF_TRACE("worker open");
        m_doc = fromData ? Poppler::Document::loadFromData(req.data, password, password)
                         : Poppler::Document::load(path, password, password);
        if (!m_doc) {
            sendFailed(req.id, PdfError::LoadFailed,
                       QStringLiteral("not a readable PDF (Poppler refused to load it)"));
            return;
        }
        if (m_doc->isLocked()) {
            m_doc.reset();
            if (password.isEmpty())
                sendFailed(req.id, PdfError::NeedsPassword, QStringLiteral("password needed"));
            else
                sendFailed(req.id, PdfError::WrongPassword, QStringLiteral("wrong password"));
            return;
        }
        m_doc->setRenderHint(Poppler::Document::Antialiasing);
        m_doc->setRenderHint(Poppler::Document::TextAntialiasing);
        const int count = m_doc->numPages();
        if (count <= 0) {
            m_doc.reset();
            sendFailed(req.id, PdfError::LoadFailed, QStringLiteral("the PDF has no pages"));
            return;
        }
        RD_PDF_TRACE("worker loaded");
        // The page the viewer shows first comes with the answer; measuring every page (Poppler builds
        // each page's object: about as long as rendering one in a 500-page file) waits until after.
        QList<QSizeF> sizes;
        bool complete = true;
        if (sizesMode == pdfproto::SizesInOpened) {
            sizes = measurePages(*m_doc);
        } else {
            // Every page as big as the first until PageSizes says otherwise: the first page (its render
            // request follows the open) comes before the worker measures the others (measurePending).
            std::unique_ptr<Poppler::Page> page = m_doc->page(0);
            sizes.fill(page ? displaySize(*page) : QSizeF(612, 792), count);
            complete = false;
            m_measurePending = sizesMode == pdfproto::SizesAfterOpened;
        }
        QByteArray header;
        QDataStream out(&header, QIODevice::WriteOnly);
        out << quint8(MessageType::Opened) << req.id << qint32(count) << quint8(complete);
        writeSizes(out, sizes);
        writeAll(pdfproto::frameHead(header, 0), nullptr, 0);
    }

public:
    // Work for when no request waits: measuring the pages of a document opened with SizesAfterOpened
    // (Poppler builds each page's object: in a 500-page file about as long as rendering one page).
    bool hasIdleWork() const { return m_measurePending; }
    void doIdleWork()
    {
        m_measurePending = false;
        if (!m_doc)
            return;
        const QList<QSizeF> sizes = measurePages(*m_doc);
        RD_PDF_TRACE("worker measured");
        QByteArray notice;
        QDataStream n(&notice, QIODevice::WriteOnly);
        n << quint8(MessageType::PageSizes) << quint32(0) << qint32(sizes.size());
        writeSizes(n, sizes);
        writeAll(pdfproto::frameHead(notice, 0), nullptr, 0);
    }

private:
    // Sizes of all pages in points, as displayed with their own /Rotate; a page that cannot be read
    // (or claims an absurd size) counts as US Letter.
    static QList<QSizeF> measurePages(Poppler::Document& doc)
    {
        const int count = doc.numPages();
        QList<QSizeF> sizes;
        sizes.reserve(count);
        for (int i = 0; i < count; ++i) {
            std::unique_ptr<Poppler::Page> page = doc.page(i);
            sizes.append(page ? displaySize(*page) : QSizeF(612, 792));
        }
        return sizes;
    }

    // Per page double width, height in points (Opened and PageSizes).
    static void writeSizes(QDataStream& out, const QList<QSizeF>& sizes)
    {
        for (const QSizeF& size : sizes)
            out << size.width() << size.height();
    }

    static QSizeF displaySize(const Poppler::Page& page)
    {
        const QSizeF s = page.pageSizeF();
        if (!s.isValid() || s.width() < 1 || s.height() < 1 || s.width() > 14400 || s.height() > 14400)
            return QSizeF(612, 792);
        return s;
    }

    std::unique_ptr<Poppler::Page> pageFor(quint32 id, qint32 index)
    {
        if (!m_doc) {
            sendFailed(id, PdfError::BadRequest, QStringLiteral("no document open"));
            return {};
        }
        if (index < 0 || index >= m_doc->numPages()) {
            sendFailed(id, PdfError::BadRequest, QStringLiteral("page %1 does not exist").arg(index + 1));
            return {};
        }
        std::unique_ptr<Poppler::Page> page = m_doc->page(index);
        if (!page)
            sendFailed(id, PdfError::RenderFailed,
                       QStringLiteral("page %1 could not be read").arg(index + 1));
        return page;
    }

    struct RenderResult
    {
        QImage image; // null on failure
        int page = 0;
        double scale = 0;
        double ms = 0; // Poppler's time
        PdfError::Code code = PdfError::None;
        QString message;
    };

    RenderResult renderPage(Poppler::Page& page, int index, double scale, int rotation)
    {
        RenderResult result;
        result.page = index;
        result.scale = scale;
        QElapsedTimer timer;
        timer.start();
        const QSizeF size = page.pageSizeF() * scale;
        if (!(scale > 0.0) ||
            qint64(size.width() + 1) * qint64(size.height() + 1) > pdfproto::MaxRenderPixels) {
            result.code = PdfError::BadRequest;
            result.message = QStringLiteral("the page is too large at this zoom");
            return result;
        }
        RD_PDF_TRACE("worker render %d", index + 1);
        QImage image = page.renderToImage(72.0 * scale, 72.0 * scale, -1, -1, -1, -1,
                                          Poppler::Page::Rotation(rotation & 3), nullptr, nullptr,
                                          shouldAbort, QVariant());
        RD_PDF_TRACE("worker rendered %d", index + 1);
        if (currentCancelled()) {
            result.code = PdfError::Cancelled;
            result.message = QStringLiteral("cancelled");
        } else if (image.isNull()) {
            result.code = PdfError::RenderFailed;
            result.message = QStringLiteral("Poppler could not render page %1").arg(index + 1);
        } else if (qint64(image.width()) * image.height() * 2 <
                   qint64(size.width()) * qint64(size.height())) {
            // Splash answers an allocation failure with a 1x1 image.
            result.code = PdfError::RenderFailed;
            result.message =
                QStringLiteral("not enough memory to render page %1 at this zoom").arg(index + 1);
        } else {
            result.image = std::move(image);
        }
        result.ms = double(timer.nsecsElapsed()) / 1e6;
        return result;
    }

    // Answers request id with the Rendered frame (PdfProtocol.h): the pixels through the page buffer
    // or after the header.
    void sendRendered(quint32 id, const RenderResult& r, bool shared)
    {
        const QImage& image = r.image;
        const size_t bytes = size_t(image.sizeInBytes());
        const qint32 shmFd = shared ? toSharedMemory(image) : -1;
        RD_PDF_TRACE("worker copied %d", r.page + 1);
        QByteArray header;
        QDataStream out(&header, QIODevice::WriteOnly);
        out << quint8(MessageType::Rendered) << id << qint32(r.page) << qint32(image.width())
            << qint32(image.height()) << qint32(image.bytesPerLine()) << qint32(image.format()) << r.ms
            << shmFd << qint64(m_shmSize) << r.scale;
        if (shmFd >= 0)
            writeAll(pdfproto::frameHead(header, 0), nullptr, 0);
        else
            writeAll(pdfproto::frameHead(header, quint32(bytes)),
                     reinterpret_cast<const char*>(image.constBits()), bytes);
        RD_PDF_TRACE("worker sent %d", r.page + 1);
    }

    void render(const Request& req, QDataStream& in)
    {
        qint32 index = 0;
        double scale = 1.0;
        qint32 rotation = 0;
        bool shared = false;
        in >> index >> scale >> rotation >> shared;
        // Optional: the scale from a fit (the first page, asked for with the open before its size
        // was known).
        const PdfFirstPage fit = pdfproto::readFirstPage(in);
        for (int waited = 0; waited < m_renderDelayMs && !currentCancelled(); waited += 10)
            ::usleep(10'000);
        std::unique_ptr<Poppler::Page> page = pageFor(req.id, index);
        if (!page)
            return;
        if (fit.page >= 0)
            scale = fit.scaleFor(displaySize(*page));
        const RenderResult r = renderPage(*page, index, scale, rotation);
        if (r.image.isNull()) {
            sendFailed(req.id, r.code, r.message);
            return;
        }
        sendRendered(req.id, r, shared);
    }

    // Copies the pixels into this worker's page buffer, a memfd that the client maps once through
    // /proc/<pid>/fd/<fd> and copies from before it sends the next render. Returns the fd, -1 on
    // failure (the pixels then go over the pipe).
    qint32 toSharedMemory(const QImage& image)
    {
        const size_t bytes = size_t(image.sizeInBytes());
        if (!reserveSharedMemory(bytes))
            return -1;
        std::memcpy(m_shmMap, image.constBits(), bytes);
        return m_shmFd;
    }

    // Makes the page buffer at least bytes long (whole 4 KiB pages), its pages allocated and mapped up
    // front (MAP_POPULATE): touching fresh shared memory one page fault at a time costs about as much
    // as rendering a page.
    bool reserveSharedMemory(size_t bytes)
    {
        if (m_shmFd < 0) {
            // Sealed against shrinking: the app reads it, and a buffer cut short under its mapping
            // would crash the app (SIGBUS). The app checks the seal.
            m_shmFd = ::memfd_create("reviewdesk-pages", MFD_CLOEXEC | MFD_ALLOW_SEALING);
            if (m_shmFd < 0)
                return false;
            if (m_sealPageBuffer)
                ::fcntl(m_shmFd, F_ADD_SEALS, F_SEAL_SHRINK);
        }
        if (bytes <= m_shmSize)
            return true;
        const size_t chunk = 4096;
        const size_t size = (bytes + chunk - 1) / chunk * chunk;
        if (m_shmMap)
            ::munmap(m_shmMap, m_shmSize);
        m_shmMap = nullptr;
        m_shmSize = 0;
        if (::ftruncate(m_shmFd, off_t(size)) != 0)
            return false;
        void* map = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, m_shmFd, 0);
        if (map == MAP_FAILED)
            return false;
        m_shmMap = map;
        m_shmSize = size;
        return true;
    }

    // Text of count pages from index, in one answer: per page a flag, then its words or a message.
    void text(const Request& req, QDataStream& in)
    {
        qint32 index = 0;
        qint32 count = 1;
        in >> index >> count;
        if (!m_doc) {
            sendFailed(req.id, PdfError::BadRequest, QStringLiteral("no document open"));
            return;
        }
        count = qBound(1, count, 64);
        QByteArray header;
        QDataStream out(&header, QIODevice::WriteOnly);
        out << quint8(MessageType::TextDone) << req.id << count;
        for (qint32 k = 0; k < count; ++k) {
            const int pageIndex = index + k;
            std::unique_ptr<Poppler::Page> page =
                pageIndex >= 0 && pageIndex < m_doc->numPages() ? m_doc->page(pageIndex) : nullptr;
            if (!page) {
                out << quint8(0) << QStringLiteral("page %1 could not be read").arg(pageIndex + 1);
                continue;
            }
            const std::vector<std::unique_ptr<Poppler::TextBox>> boxes =
                page->textList(Poppler::Page::Rotate0, shouldAbort, QVariant());
            if (currentCancelled()) {
                sendFailed(req.id, PdfError::Cancelled, QStringLiteral("cancelled"));
                return;
            }
            PdfPageText text;
            text.page = pageIndex;
            text.words.reserve(qsizetype(boxes.size()));
            for (const auto& box : boxes) {
                PdfWord w;
                w.text = box->text();
                w.box = box->boundingBox();
                w.spaceAfter = box->hasSpaceAfter();
                w.lineEnd = box->nextWord() == nullptr;
                text.words.append(std::move(w));
            }
            out << quint8(1);
            pdfproto::writeWords(out, text);
        }
        writeAll(pdfproto::frameHead(header, 0), nullptr, 0);
    }

public:
    // Done by a spare worker before it has a document: the first page of the real one should not pay
    // for loading fonts, faulting in Poppler's code, growing the heap or setting up the page buffer.
    // Renders a built-in page like the usual records (PdfWarmUpDocument.h) at the usual zoom, loaded
    // from a file as documents are (a memfd, through /proc/self/fd), extracts its text, reserves the
    // page buffer for such a page and tells the client about it (Hello) so that it maps it now too.
    void warmUp()
    {
        // A document that comes meanwhile goes first: the warm-up stops (Poppler's abort callback).
        const QByteArray pdf = warmUpDocument();
        size_t pageBytes = 0;
        const int fd = ::memfd_create("reviewdesk-warm-up", MFD_CLOEXEC);
        if (fd >= 0 && ::write(fd, pdf.constData(), size_t(pdf.size())) == ssize_t(pdf.size()) &&
            !warmUpInterrupted()) {
            std::unique_ptr<Poppler::Document> doc =
                Poppler::Document::load(QStringLiteral("/proc/self/fd/%1").arg(fd));
            if (!doc) // no /proc
                doc = Poppler::Document::loadFromData(pdf);
            std::unique_ptr<Poppler::Page> page = doc && !warmUpInterrupted() ? doc->page(0) : nullptr;
            if (page) {
                doc->setRenderHint(Poppler::Document::Antialiasing);
                doc->setRenderHint(Poppler::Document::TextAntialiasing);
                const QImage rendered = page->renderToImage(108, 108, -1, -1, -1, -1, Poppler::Page::Rotate0,
                                                            nullptr, nullptr, warmUpInterrupted, QVariant());
                pageBytes = size_t(rendered.sizeInBytes());
                if (!warmUpInterrupted())
                    reserveSharedMemory(pageBytes);
                if (!warmUpInterrupted())
                    page->textList(Poppler::Page::Rotate0, warmUpInterrupted, QVariant());
            }
        }
        if (fd >= 0)
            ::close(fd);
        // Loading the real document takes pieces of the memory the warm-up page freed, so that page 1
        // grew the heap into fresh memory: measured 130-270 page faults, 0.2-0.4 ms of its render.
        // Touched free memory for two such pages stays on the heap (M_TRIM_THRESHOLD) for it.
        if (!warmUpInterrupted())
            prefaultHeap(2 * pageBytes);
        RD_PDF_TRACE("worker warmed up%s", warmUpInterrupted() ? " (interrupted)" : "");
        QByteArray header;
        QDataStream out(&header, QIODevice::WriteOnly);
        out << quint8(MessageType::Hello) << quint32(0) << qint32(m_shmMap ? m_shmFd : -1)
            << qint64(m_shmSize);
        writeAll(pdfproto::frameHead(header, 0), nullptr, 0);
    }

private:
    int m_renderDelayMs = 0;
    bool m_sealPageBuffer = true;
    bool m_measurePending = false;
    int m_shmFd = -1;
    void* m_shmMap = nullptr;
    size_t m_shmSize = 0;
    std::unique_ptr<Poppler::Document> m_doc;
};

// Run by both threads (see g_working): work when there is work and nobody works, else read the pipe
// when nobody reads, else wait. Does not return: Quit ends the process.
[[noreturn]] void serve(Worker& worker)
{
    std::unique_lock lock(g_mutex);
    for (;;) {
        if (!g_working && !g_queue.empty()) {
            Request req = std::move(g_queue.front());
            g_queue.pop_front();
            if (req.type == MessageType::Quit)
                ::_exit(0); // skip destructors: the other thread may block in read()
            g_working = true;
            const bool cancelled = g_cancelled.erase(req.id) > 0;
            g_current = req.id;
            g_abortCurrent.store(cancelled);
            // The other thread reads while this one works.
            g_wake.notify_all();
            lock.unlock();
            if (cancelled && req.type != MessageType::Open)
                sendFailed(req.id, PdfError::Cancelled, QStringLiteral("cancelled"));
            else
                worker.handle(req);
            lock.lock();
            g_current = 0;
            g_abortCurrent.store(false);
            g_working = false;
            continue;
        }
        if (!g_working && worker.hasIdleWork()) {
            g_working = true;
            g_wake.notify_all();
            lock.unlock();
            worker.doIdleWork();
            lock.lock();
            g_working = false;
            continue;
        }
        if (!g_reading && !g_endOfInput) {
            g_reading = true;
            lock.unlock();
            // What the app wrote together (an open and page 1's render) is read together, before this
            // thread goes to work: the other thread, asleep, would read the second request only after
            // a wake-up, and meanwhile the worker would start on idle work (measuring pages).
            std::vector<Request> requests;
            do {
                requests.push_back(readRequest());
            } while (requests.back().type != MessageType::Quit && requests.size() < 16 && inputWaiting());
            lock.lock();
            g_reading = false;
            for (Request& req : requests)
                receive(std::move(req)); // then this thread works if nobody does (and wakes the other)
            continue;
        }
        g_wake.wait(lock);
    }
}

} // namespace

int runPdfWorker(int argc, char* argv[])
{
    // Die with the app.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    std::signal(SIGPIPE, SIG_IGN);

    long memoryLimitMiB = 1536;
    int renderDelayMs = 0;
    bool sealPageBuffer = true;
    bool warm = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--memory-limit-mib") == 0)
            memoryLimitMiB = std::strtol(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--test-unsealed-page-buffer") == 0)
            sealPageBuffer = std::strcmp(argv[i + 1], "1") != 0;
        else if (std::strcmp(argv[i], "--test-render-delay-ms") == 0)
            renderDelayMs = int(std::strtol(argv[i + 1], nullptr, 10));
        else if (std::strcmp(argv[i], "--warm-up") == 0)
            warm = std::strcmp(argv[i + 1], "1") == 0;
    }
#if defined(__SANITIZE_ADDRESS__)
    memoryLimitMiB = 0; // AddressSanitizer reserves terabytes of address space
#endif
    if (memoryLimitMiB > 0) {
        rlimit lim{};
        lim.rlim_cur = lim.rlim_max = rlim_t(memoryLimitMiB) * 1024 * 1024;
        ::setrlimit(RLIMIT_AS, &lim);
    }
    // The protocol owns the real stdout; anything else printing to stdout lands on stderr.
    g_out = ::dup(1);
    ::dup2(2, 1);
    // Bigger pipes: a page image crosses in a few wake-ups of the app instead of one per 64 KiB.
    ::fcntl(g_out, F_SETPIPE_SZ, 1024 * 1024);
    ::fcntl(0, F_SETPIPE_SZ, 1024 * 1024);

    // Freed page images stay in the heap for the next page instead of going back to the system
    // (glibc's default: a large block is mmap'ed and unmapped, or the heap top trimmed), so that a
    // page turn does not page-fault its way through fresh memory (measured: about 2 ms of a 3.5 ms
    // render). Blocks over 32 MiB (zoomed-in pages) are still mapped and given back.
    ::mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    ::mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    // One heap for both threads (they take turns working, see serve()): with an arena per thread, a
    // request worked on by the other thread than the warm-up's found a cold heap (measured: page 1 in
    // 6.3 ms instead of 4.3).
    ::mallopt(M_ARENA_MAX, 1);
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("REVIEWDESK_PDFWORKER_DEBUG"))
        Poppler::setDebugErrorFunction(quietPoppler, QVariant());

    Worker worker(renderDelayMs, sealPageBuffer);
    // A spare worker has time before its document comes; one started for a document has not. A
    // request that comes meanwhile waits (the warm-up counts as work) and stops the warm-up.
    {
        std::lock_guard lock(g_mutex);
        g_working = warm;
    }
    std::thread second([&worker] { serve(worker); });
    second.detach();
    if (warm) {
        worker.warmUp();
        {
            std::lock_guard lock(g_mutex);
            g_working = false;
        }
        g_wake.notify_all();
    }
    serve(worker);
}

} // namespace rd
