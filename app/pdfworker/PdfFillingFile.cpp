#include "app/pdfworker/PdfFillingFile.h"

#include <QFile>

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rd {

PdfFillingFile::~PdfFillingFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool PdfFillingFile::open(const QString& path, const QString& progressPath, QString* error)
{
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    struct stat st = {};
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0) {
        *error = QStringLiteral("the file cannot be opened");
        return false;
    }
    // The filler sized the file before it started copying.
    m_size = qint64(st.st_size);
    m_progress = PdfFillProgress::open(progressPath, m_size, error);
    if (!m_progress)
        return false;
    // Poppler reads in blocks of its own: no second buffer here.
    return QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 PdfFillingFile::readData(char* data, qint64 maxSize)
{
    const qint64 from = pos();
    const qint64 count = qMin(maxSize, m_size - from);
    if (count <= 0)
        return 0;
    if (!m_progress->waitFor(from, from + count)) {
        setErrorString(QStringLiteral("the file's copy failed"));
        return -1;
    }
    qint64 done = 0;
    while (done < count) {
        const ssize_t n = ::pread(m_fd, data + done, size_t(count - done), off_t(from + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    return done > 0 ? done : -1;
}

} // namespace rd
