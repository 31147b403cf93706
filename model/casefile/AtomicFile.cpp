#include "model/casefile/AtomicFile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rd {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(strerror(errno));
}

} // namespace

bool AtomicFile::isWritableTarget(const QString& path, QString* error)
{
    struct stat info = {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return true; // a new name
    if (!S_ISREG(info.st_mode)) {
        *error = QStringLiteral("%1: is not a regular file (a device, a pipe, a folder or a link): refused")
                     .arg(path);
        return false;
    }
    return true;
}

bool AtomicFile::isReplaceableOutput(const QString& path, QString* error)
{
    if (!isWritableTarget(path, error))
        return false;
    // An output never replaces a database: `export CASE -o CASE` would have turned a signed case into
    // its own JSON, `workspace export ID -o OTHER.rdcase` another case into this one.
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.read(16) == QByteArray("SQLite format 3", 16)) {
        *error = QStringLiteral("%1: is a database (a case file?): not replaced").arg(path);
        return false;
    }
    return true;
}

bool AtomicFile::write(const QString& path, const QByteArray& bytes, QString* error, int mode)
{
    if (!isReplaceableOutput(path, error))
        return false;
    const QFileInfo target(path);
    const QString folder = target.absolutePath();
    QByteArray pattern =
        QFile::encodeName(folder + QStringLiteral("/.") + target.fileName() + QStringLiteral(".XXXXXX"));
    const int fd = ::mkstemp(pattern.data()); // mode 0600
    if (fd < 0) {
        *error = QStringLiteral("%1: cannot write in %2: %3").arg(path, folder, systemError());
        return false;
    }
    auto fail = [&](const QString& what) {
        *error = QStringLiteral("%1: not written: %2").arg(path, what);
        ::close(fd);
        ::unlink(pattern.constData());
        return false;
    };
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(systemError());
        done += n;
    }
    if (::fsync(fd) != 0)
        return fail(systemError());
    if (::fchmod(fd, mode_t(mode)) != 0)
        return fail(systemError());
    struct stat written = {};
    if (::fstat(fd, &written) != 0 || written.st_size != bytes.size())
        return fail(QStringLiteral("the file on disk is not the size written"));
    if (::close(fd) != 0) {
        *error = QStringLiteral("%1: not written: %2").arg(path, systemError());
        ::unlink(pattern.constData());
        return false;
    }
    QString reason;
    if (!renameIntoPlace(pattern, path, &reason)) {
        *error = QStringLiteral("%1: not written: %2").arg(path, reason);
        ::unlink(pattern.constData());
        return false;
    }
    return true;
}

bool AtomicFile::renameIntoPlace(const QByteArray& temporary, const QString& path, QString* error)
{
    const QFileInfo target(path);
    if (::rename(temporary.constData(), QFile::encodeName(target.absoluteFilePath()).constData()) != 0) {
        *error = systemError();
        return false;
    }
    syncFolder(target.absolutePath());
    return true;
}

void AtomicFile::syncFolder(const QString& folder)
{
    const int dirFd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

} // namespace rd
