#include "model/casefile/AttachmentFile.h"

#include "model/casefile/CaseFileSchema.h"
#include "model/casefile/Sqlite.h"
#include "model/pdf/PdfTrace.h"
#include "model/pdf/protocol/PdfFillProgress.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QScopeGuard>

#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace rd {

namespace {
// Copied before the start of the file: a PDF's trailer and cross-reference table are at its end, and
// Poppler reads them before anything else.
constexpr int TailChunks = 4;
// How long only the chunks the workers wait for are copied: about as long as page 1 takes on a busy machine.
constexpr qint64 DemandMs = 150;
} // namespace

AttachmentFile::~AttachmentFile()
{
    m_stop = true;
    if (m_progress)
        m_progress->poke();
    if (m_filler.joinable())
        m_filler.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

std::shared_ptr<AttachmentFile> AttachmentFile::read(const QString& caseFilePath, qint64 attachmentId,
                                                     QString* error)
{
    RD_PDF_TRACE("attachment read");
    sqlite3* db = CaseFileSchema::openConnection(caseFilePath, true, error);
    if (!db)
        return nullptr;
    auto closer = qScopeGuard([db] { CaseFileSchema::closeConnection(db); });
    // The database file mapped: the blob's pages are copied out of the page cache without a read() each.
    sqlite::exec(db, "PRAGMA mmap_size=1073741824");
    std::shared_ptr<AttachmentFile> file(new AttachmentFile);
    {
        sqlite::Statement query(db, "SELECT file_name, sha256 FROM attachment WHERE id = ?");
        query.bind(1, attachmentId);
        if (query.step() != SQLITE_ROW) {
            *error = QStringLiteral("%1: has no attachment %2").arg(caseFilePath).arg(attachmentId);
            return nullptr;
        }
        file->m_where = QStringLiteral("%1: attachment %2").arg(caseFilePath, query.text(0));
        file->m_sha256 = query.blob(1);
    }
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db, "main", "attachment_data", "data", attachmentId, 0, &blob) != SQLITE_OK) {
        *error = QStringLiteral("%1: its bytes cannot be read: %2").arg(file->m_where, sqlite::lastError(db));
        sqlite3_blob_close(blob);
        return nullptr;
    }
    auto blobCloser = qScopeGuard([blob] { sqlite3_blob_close(blob); });
    RD_PDF_TRACE("attachment blob open");
    file->m_size = sqlite3_blob_bytes(blob);
    file->m_fd = ::memfd_create("reviewdesk-attachment", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    file->m_progress = PdfFillProgress::create(file->m_size);
    if (file->m_fd < 0 || ::ftruncate(file->m_fd, off_t(file->m_size)) != 0 || !file->m_progress) {
        *error = QStringLiteral("%1: no memory to hold it").arg(file->m_where);
        return nullptr;
    }
    // The copy goes on while the workers open the file; the connection goes with it.
    blobCloser.dismiss();
    closer.dismiss();
    file->m_filler = std::thread([raw = file.get(), db, blob] {
        const QString fillError = raw->fill(blob);
        // Closed before anyone hears it is done: the case file is not held a moment longer.
        sqlite3_blob_close(blob);
        CaseFileSchema::closeConnection(db);
        raw->finishFill(fillError);
    });
    RD_PDF_TRACE("attachment read returns");
    return file;
}

QString AttachmentFile::fill(sqlite3_blob* blob)
{
    PdfFillProgress& progress = *m_progress;
    char* map = nullptr;
    if (m_size > 0) {
        void* mapped = ::mmap(nullptr, size_t(m_size), PROT_WRITE, MAP_SHARED, m_fd, 0);
        if (mapped == MAP_FAILED)
            return QStringLiteral("%1: no memory to hold it").arg(m_where);
        map = static_cast<char*>(mapped);
    }
    const int count = progress.chunkCount();
    std::vector<bool> done(size_t(count), false);
    QString error;
    // Straight from SQLite into the memory file: one copy.
    const auto copy = [&](int chunk) {
        const qint64 offset = qint64(chunk) * progress.chunkBytes();
        const int bytes = int(qMin(progress.chunkBytes(), m_size - offset));
        const int rc = sqlite3_blob_read(blob, map + offset, bytes, int(offset));
        if (rc != SQLITE_OK) {
            error = QStringLiteral("%1: its bytes cannot be read: %2")
                        .arg(m_where, QString::fromUtf8(sqlite3_errstr(rc)));
            return false;
        }
        done[size_t(chunk)] = true;
        progress.markDone(chunk);
        return true;
    };
    bool ok = true;
    for (int chunk = count - 1; ok && !m_stop && chunk >= qMax(0, count - TailChunks); --chunk)
        ok = copy(chunk);
    RD_PDF_TRACE("fill tail copied");
    // Then what the workers wait for, until the whole file is wanted, or DemandMs have passed: the copy
    // reads the case file in one read transaction, and a write to the case (an answer) waits for it to end.
    QElapsedTimer demand;
    demand.start();
    while (ok && !m_wholeWanted && !m_stop && demand.elapsed() < DemandMs) {
        const quint32 seen = progress.requests();
        const int wanted = progress.wanted();
        if (wanted >= 0 && !done[size_t(wanted)])
            ok = copy(wanted);
        else
            progress.waitForRequest(seen, int(qMax(qint64(1), DemandMs - demand.elapsed())));
    }
    // The rest, from the start. Not at a low priority: the workers' searches and page turns wait for
    // its chunks, and on a busy machine a niced thread starves.
    for (int next = 0; ok && next < count; ++next) {
        if (m_stop) {
            error = QStringLiteral("%1: its copy was stopped").arg(m_where);
            ok = false;
            break;
        }
        const int wanted = progress.wanted();
        if (wanted >= 0 && !done[size_t(wanted)] && !copy(wanted)) {
            ok = false;
            break;
        }
        if (!done[size_t(next)] && !copy(next)) {
            ok = false;
            break;
        }
    }
    if (map)
        ::munmap(map, size_t(m_size));
    if (ok && ::fcntl(m_fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0)
        error = QStringLiteral("%1: its copy in memory cannot be sealed").arg(m_where);
    return error;
}

void AttachmentFile::finishFill(const QString& error)
{
    m_progress->finish(error.isEmpty());
    const std::lock_guard lock(m_mutex);
    m_filled = true;
    m_fillError = error;
    m_filledChanged.notify_all();
}

QString AttachmentFile::path() const
{
    return QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(m_fd);
}

QString AttachmentFile::fillProgressPath() const
{
    return m_progress->path();
}

bool AttachmentFile::waitFilled(QString* error) const
{
    m_wholeWanted = true;
    m_progress->poke();
    std::unique_lock lock(m_mutex);
    m_filledChanged.wait(lock, [this] { return m_filled; });
    if (!m_fillError.isEmpty()) {
        *error = m_fillError;
        return false;
    }
    return true;
}

QString AttachmentFile::fillError() const
{
    const std::lock_guard lock(m_mutex);
    return m_fillError;
}

bool AttachmentFile::verify(QString* error) const
{
    if (!waitFilled(error))
        return false;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (m_size > 0) {
        void* map = ::mmap(nullptr, size_t(m_size), PROT_READ, MAP_SHARED, m_fd, 0);
        if (map == MAP_FAILED) {
            *error = QStringLiteral("%1: its copy in memory cannot be read").arg(m_where);
            return false;
        }
        hash.addData(QByteArrayView(static_cast<const char*>(map), m_size));
        ::munmap(map, size_t(m_size));
    }
    if (hash.result() != m_sha256) {
        *error = QStringLiteral("%1 does not match its SHA-256: it was altered").arg(m_where);
        return false;
    }
    return true;
}

} // namespace rd
