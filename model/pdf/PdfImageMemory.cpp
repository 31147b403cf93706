#include "model/pdf/PdfImageMemory.h"

#include <QMutex>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include <sys/mman.h>

namespace rd::PdfImageMemory {
namespace {

constexpr size_t SmallPage = 4096;
constexpr size_t MinMappedBytes = 1024 * 1024; // below: an ordinary QImage
constexpr size_t MaxReady = 1;                 // mappings kept ready at most (memory: see bench_pdf_scroll)

struct Mapping
{
    void* address = nullptr;
    size_t length = 0;
};

// Never destroyed: an image may die during static destruction.
QBasicMutex g_mutex;
std::vector<Mapping>& g_ready = *new std::vector<Mapping>;  // faulted in, unused
bool g_preparing = false;                                   // a prepare task is queued or running
std::vector<Mapping>& g_unused = *new std::vector<Mapping>; // parts of mappings cut off, to give back

size_t roundUp(size_t bytes)
{
    return (bytes + SmallPage - 1) / SmallPage * SmallPage;
}

// On the thread pool: giving back touched memory costs about as much as touching it, and images die
// in the GUI thread (the page cache evicts them there).
void unmapLater(const Mapping& m)
{
    if (m.address)
        QThreadPool::globalInstance()->start([m] { ::munmap(m.address, m.length); });
}

// Keeps m ready for the next image, or gives it back when enough are.
void recycle(const Mapping& m)
{
    Mapping evicted;
    {
        const QMutexLocker lock(&g_mutex);
        if (g_ready.size() >= MaxReady) {
            evicted = g_ready.front();
            g_ready.erase(g_ready.begin());
        }
        g_ready.push_back(m);
    }
    unmapLater(evicted);
}

void releaseImage(void* info)
{
    auto* m = static_cast<Mapping*>(info);
    recycle(*m);
    delete m;
}

// The smallest ready mapping of at least length bytes, cut down to length; or none.
Mapping takeReady(size_t length)
{
    Mapping best;
    {
        const QMutexLocker lock(&g_mutex);
        auto found = g_ready.end();
        for (auto it = g_ready.begin(); it != g_ready.end(); ++it)
            if (it->length >= length && (found == g_ready.end() || it->length < found->length))
                found = it;
        if (found == g_ready.end())
            return {};
        best = *found;
        g_ready.erase(found);
    }
    if (best.length > length) {
        // What this image does not use goes back later (giveBackUnused): handing work to the thread
        // pool here cost the first page up to 0.4 ms now and then.
        const QMutexLocker lock(&g_mutex);
        g_unused.push_back(Mapping{static_cast<char*>(best.address) + length, best.length - length});
        best.length = length;
    }
    return best;
}

Mapping mapFresh(size_t length, bool touch)
{
    void* address = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (address == MAP_FAILED)
        return {};
    if (touch) {
        // One write per 4 KiB page: the page faults happen here, not in the GUI thread's copy.
        auto* p = static_cast<volatile char*>(address);
        for (size_t offset = 0; offset < length; offset += SmallPage)
            p[offset] = 0;
    }
    return Mapping{address, length};
}

void giveBackUnused()
{
    std::vector<Mapping> unused;
    {
        const QMutexLocker lock(&g_mutex);
        unused.swap(g_unused);
    }
    for (const Mapping& m : unused)
        unmapLater(m);
}

} // namespace

void prepare(qsizetype bytes)
{
    const size_t length = roundUp(size_t(qMax<qsizetype>(bytes, MinMappedBytes)));
    {
        const QMutexLocker lock(&g_mutex);
        if (g_preparing)
            return;
        for (const Mapping& m : g_ready)
            if (m.length >= length)
                return;
        g_preparing = true;
    }
    QThreadPool::globalInstance()->start([length] {
        const Mapping m = mapFresh(length, true);
        {
            const QMutexLocker lock(&g_mutex);
            g_preparing = false;
        }
        if (m.address)
            recycle(m);
    });
}

int readyCount()
{
    const QMutexLocker lock(&g_mutex);
    return int(g_ready.size());
}

qsizetype largestReady()
{
    const QMutexLocker lock(&g_mutex);
    size_t largest = 0;
    for (const Mapping& m : g_ready)
        largest = std::max(largest, m.length);
    return qsizetype(largest);
}

qsizetype unusedBytes()
{
    const QMutexLocker lock(&g_mutex);
    size_t bytes = 0;
    for (const Mapping& m : g_unused)
        bytes += m.length;
    return qsizetype(bytes);
}

QImage allocate(int width, int height, qsizetype bytesPerLine, QImage::Format format)
{
    if (width <= 0 || height <= 0 || format <= QImage::Format_Invalid || format >= QImage::NImageFormats)
        return {};
    const int bitsPerPixel = QImage::toPixelFormat(format).bitsPerPixel();
    if (bytesPerLine % 4 != 0 || bytesPerLine < (qsizetype(width) * bitsPerPixel + 7) / 8 ||
        bytesPerLine > std::numeric_limits<qsizetype>::max() / height)
        return {};
    const size_t bytes = size_t(bytesPerLine) * size_t(height);
    if (bytes < MinMappedBytes)
        return QImage(width, height, format);
    const size_t length = roundUp(bytes);
    Mapping m = takeReady(length);
    if (!m.address)
        m = mapFresh(length, false);
    if (!m.address)
        return {};
    // The next page should find one ready. Not at once: when the viewer's cache is full, inserting
    // this image evicts one, whose mapping is then ready for nothing.
    QTimer::singleShot(50, [length] {
        giveBackUnused();
        prepare(qsizetype(length));
    });
    return QImage(static_cast<uchar*>(m.address), width, height, bytesPerLine, format, releaseImage,
                  new Mapping(m));
}

} // namespace rd::PdfImageMemory
