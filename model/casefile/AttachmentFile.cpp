#include "model/casefile/AttachmentFile.h"

#include "model/casefile/CaseFileSchema.h"
#include "model/casefile/Sqlite.h"

#include <QCryptographicHash>
#include <QScopeGuard>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace rd {

AttachmentFile::~AttachmentFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::shared_ptr<AttachmentFile> AttachmentFile::read(const QString& caseFilePath, qint64 attachmentId,
                                                     QString* error)
{
    sqlite3* db = CaseFileSchema::openConnection(caseFilePath, true, error);
    if (!db)
        return nullptr;
    const auto closer = qScopeGuard([db] { CaseFileSchema::closeConnection(db); });
    // The database file mapped: the blob's pages are copied out of the page cache without a read() each.
    sqlite::exec(db, "PRAGMA mmap_size=1073741824");
    sqlite::Statement query(db, "SELECT file_name, sha256 FROM attachment WHERE id = ?");
    query.bind(1, attachmentId);
    if (query.step() != SQLITE_ROW) {
        *error = QStringLiteral("%1: has no attachment %2").arg(caseFilePath).arg(attachmentId);
        return nullptr;
    }
    std::shared_ptr<AttachmentFile> file(new AttachmentFile);
    file->m_where = QStringLiteral("%1: attachment %2").arg(caseFilePath, query.text(0));
    file->m_sha256 = query.blob(1);
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db, "main", "attachment_data", "data", attachmentId, 0, &blob) != SQLITE_OK) {
        *error = QStringLiteral("%1: its bytes cannot be read: %2").arg(file->m_where, sqlite::lastError(db));
        sqlite3_blob_close(blob);
        return nullptr;
    }
    const auto blobCloser = qScopeGuard([blob] { sqlite3_blob_close(blob); });
    file->m_size = sqlite3_blob_bytes(blob);
    file->m_fd = ::memfd_create("reviewdesk-attachment", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (file->m_fd < 0 || ::ftruncate(file->m_fd, off_t(file->m_size)) != 0) {
        *error = QStringLiteral("%1: no memory to hold it").arg(file->m_where);
        return nullptr;
    }
    // Straight from SQLite into the memory file: one copy.
    if (file->m_size > 0) {
        // Its pages allocated up front, not one fault at a time during the copy.
        void* map =
            ::mmap(nullptr, size_t(file->m_size), PROT_WRITE, MAP_SHARED | MAP_POPULATE, file->m_fd, 0);
        if (map == MAP_FAILED) {
            *error = QStringLiteral("%1: no memory to hold it").arg(file->m_where);
            return nullptr;
        }
        const int rc = sqlite3_blob_read(blob, map, int(file->m_size), 0);
        ::munmap(map, size_t(file->m_size));
        if (rc != SQLITE_OK) {
            *error = QStringLiteral("%1: its bytes cannot be read: %2")
                         .arg(file->m_where, QString::fromUtf8(sqlite3_errstr(rc)));
            return nullptr;
        }
    }
    if (::fcntl(file->m_fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
        *error = QStringLiteral("%1: its copy in memory cannot be sealed").arg(file->m_where);
        return nullptr;
    }
    return file;
}

QString AttachmentFile::path() const
{
    return QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(m_fd);
}

bool AttachmentFile::verify(QString* error) const
{
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
