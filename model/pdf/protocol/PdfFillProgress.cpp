#include "model/pdf/protocol/PdfFillProgress.h"

#include "model/pdf/PdfTrace.h"

#include <QFile>

#include <atomic>
#include <climits>
#include <new>

#include <fcntl.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace rd {

namespace {

constexpr quint32 Magic = 0x52444650; // "RDFP"
constexpr quint32 Filling = 0, Complete = 1, Failed = 2;
// A reader wakes this often anyway: a lost wake-up costs at most this, never a hang.
constexpr long WaitSliceNs = 200L * 1000 * 1000;

long futex(std::atomic<quint32>* word, int op, quint32 value, const timespec* timeout)
{
    // Not FUTEX_PRIVATE_FLAG: the word is in memory shared between processes.
    return ::syscall(SYS_futex, reinterpret_cast<quint32*>(word), op, value, timeout, nullptr, 0);
}

} // namespace

// The shared page: this header, then one byte per chunk (1 = its bytes are in).
struct PdfFillProgress::Page
{
    quint32 magic = Magic;
    quint32 chunkCount = 0;
    qint64 fileSize = 0;
    qint64 chunkBytes = 0;
    std::atomic<quint32> generation{0}; // the futex word: moves on with every chunk and at the end
    std::atomic<quint32> state{Filling};
    std::atomic<qint32> wanted{-1};
    std::atomic<qint32> waiters{0};
    std::atomic<quint32> requests{0}; // a futex word too: moves on when a reader names a chunk

    quint8* doneFlags() { return reinterpret_cast<quint8*>(this + 1); }
};
static_assert(std::atomic<quint32>::is_always_lock_free && std::atomic<qint32>::is_always_lock_free);

PdfFillProgress::~PdfFillProgress()
{
    if (m_page)
        ::munmap(m_page, m_mappedBytes);
    if (m_fd >= 0)
        ::close(m_fd);
}

std::unique_ptr<PdfFillProgress> PdfFillProgress::create(qint64 fileSize, qint64 chunkBytes)
{
    if (fileSize < 0 || chunkBytes <= 0)
        return nullptr;
    std::unique_ptr<PdfFillProgress> p(new PdfFillProgress);
    p->m_fileSize = fileSize;
    p->m_chunkBytes = chunkBytes;
    const qint64 count = (fileSize + chunkBytes - 1) / chunkBytes;
    if (count > INT_MAX / 2)
        return nullptr;
    p->m_chunkCount = int(count);
    p->m_mappedBytes = sizeof(Page) + size_t(count);
    p->m_fd = ::memfd_create("reviewdesk-fill-progress", MFD_CLOEXEC);
    if (p->m_fd < 0 || ::ftruncate(p->m_fd, off_t(p->m_mappedBytes)) != 0)
        return nullptr;
    void* map = ::mmap(nullptr, p->m_mappedBytes, PROT_READ | PROT_WRITE, MAP_SHARED, p->m_fd, 0);
    if (map == MAP_FAILED)
        return nullptr;
    p->m_page = new (map) Page;
    p->m_page->chunkCount = quint32(count);
    p->m_page->fileSize = fileSize;
    p->m_page->chunkBytes = chunkBytes;
    return p;
}

std::unique_ptr<PdfFillProgress> PdfFillProgress::open(const QString& path, qint64 fileSize, QString* error)
{
    std::unique_ptr<PdfFillProgress> p(new PdfFillProgress);
    p->m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
    struct stat st = {};
    if (p->m_fd < 0 || ::fstat(p->m_fd, &st) != 0 || size_t(st.st_size) < sizeof(Page)) {
        *error = QStringLiteral("the progress of the file's copy cannot be read");
        return nullptr;
    }
    p->m_mappedBytes = size_t(st.st_size);
    void* map = ::mmap(nullptr, p->m_mappedBytes, PROT_READ | PROT_WRITE, MAP_SHARED, p->m_fd, 0);
    if (map == MAP_FAILED) {
        *error = QStringLiteral("the progress of the file's copy cannot be mapped");
        return nullptr;
    }
    p->m_page = static_cast<Page*>(map);
    const Page& page = *p->m_page;
    const qint64 chunkBytes = page.chunkBytes;
    if (page.magic != Magic || page.fileSize != fileSize || chunkBytes <= 0 ||
        qint64(page.chunkCount) != (fileSize + chunkBytes - 1) / chunkBytes ||
        sizeof(Page) + page.chunkCount > p->m_mappedBytes) {
        *error = QStringLiteral("the progress of the file's copy does not describe this file");
        return nullptr;
    }
    p->m_fileSize = fileSize;
    p->m_chunkBytes = chunkBytes;
    p->m_chunkCount = int(page.chunkCount);
    return p;
}

QString PdfFillProgress::path() const
{
    return QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(m_fd);
}

void PdfFillProgress::markDone(int chunk)
{
    if (chunk < 0 || chunk >= m_chunkCount)
        return;
    std::atomic_ref<quint8>(m_page->doneFlags()[chunk]).store(1, std::memory_order_release);
    m_page->generation.fetch_add(1);
    if (m_page->waiters.load() > 0)
        futex(&m_page->generation, FUTEX_WAKE, INT_MAX, nullptr);
}

void PdfFillProgress::finish(bool ok)
{
    m_page->state.store(ok ? Complete : Failed);
    m_page->generation.fetch_add(1);
    futex(&m_page->generation, FUTEX_WAKE, INT_MAX, nullptr);
}

int PdfFillProgress::wanted() const
{
    const qint32 chunk = m_page->wanted.load(std::memory_order_relaxed);
    return chunk >= 0 && chunk < m_chunkCount ? int(chunk) : -1;
}

quint32 PdfFillProgress::requests() const
{
    return m_page->requests.load();
}

void PdfFillProgress::waitForRequest(quint32 seen, int timeoutMs) const
{
    const timespec timeout{timeoutMs / 1000, long(timeoutMs % 1000) * 1000 * 1000};
    futex(&m_page->requests, FUTEX_WAIT, seen, &timeout);
}

void PdfFillProgress::poke()
{
    m_page->requests.fetch_add(1);
    futex(&m_page->requests, FUTEX_WAKE, INT_MAX, nullptr);
}

bool PdfFillProgress::isDone(int chunk) const
{
    return chunk >= 0 && chunk < m_chunkCount &&
           std::atomic_ref<quint8>(m_page->doneFlags()[chunk]).load(std::memory_order_acquire) != 0;
}

bool PdfFillProgress::waitFor(qint64 from, qint64 to)
{
    from = qBound(qint64(0), from, m_fileSize);
    to = qBound(from, to, m_fileSize);
    if (from == to)
        return true;
    const int last = int((to - 1) / m_chunkBytes);
    for (int chunk = int(from / m_chunkBytes); chunk <= last; ++chunk) {
        if (!isDone(chunk))
            RD_PDF_TRACE("fill wait chunk %d", chunk);
        while (!isDone(chunk)) {
            const quint32 generation = m_page->generation.load();
            if (isDone(chunk))
                break;
            if (m_page->state.load() != Filling) {
                if (isDone(chunk))
                    break;
                return false; // failed, or "complete" without this chunk: not to be trusted either
            }
            m_page->wanted.store(chunk, std::memory_order_relaxed);
            poke();
            m_page->waiters.fetch_add(1);
            const timespec slice{0, WaitSliceNs};
            futex(&m_page->generation, FUTEX_WAIT, generation, &slice);
            m_page->waiters.fetch_sub(1);
        }
    }
    return true;
}

} // namespace rd
