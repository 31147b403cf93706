#include "model/workspace/WorkingFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rd::WorkingFolder {

namespace {

const char kOwnerFile[] = "owner.pid";

QString defaultBase()
{
    return QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
}

bool processGone(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

} // namespace

std::unique_ptr<QTemporaryDir> create(const QString& base)
{
    const QString where = base.isEmpty() ? defaultBase() : base;
    removeAbandoned(where);
    auto folder = std::make_unique<QTemporaryDir>(QDir(where).filePath(QStringLiteral("reviewdesk-XXXXXX")));
    if (!folder->isValid())
        folder = std::make_unique<QTemporaryDir>();
    QFile::setPermissions(folder->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile owner(QDir(folder->path()).filePath(QLatin1String(kOwnerFile)));
    if (owner.open(QIODevice::WriteOnly))
        owner.write(QByteArray::number(qint64(::getpid())));
    return folder;
}

int removeAbandoned(const QString& base)
{
    int removed = 0;
    const QFileInfoList folders = QDir(base).entryInfoList(
        {QStringLiteral("reviewdesk-*")}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
    for (const QFileInfo& info : folders) {
        struct stat status = {};
        if (::lstat(QFile::encodeName(info.absoluteFilePath()).constData(), &status) != 0 ||
            status.st_uid != ::getuid())
            continue;
        QFile owner(QDir(info.absoluteFilePath()).filePath(QLatin1String(kOwnerFile)));
        if (!owner.open(QIODevice::ReadOnly))
            continue;
        bool ok = false;
        const qint64 pid = owner.read(32).trimmed().toLongLong(&ok);
        owner.close();
        if (ok && processGone(pid) && QDir(info.absoluteFilePath()).removeRecursively())
            ++removed;
    }
    return removed;
}

} // namespace rd::WorkingFolder
