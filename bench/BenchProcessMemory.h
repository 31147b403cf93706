#pragma once
// The memory of this process and the processes it started (its PDF workers), as the peers benchmark
// (bench/peers.sh) measures a viewer's: the sum of their proportional set sizes (Pss), so that what they
// share (shared libraries, page buffers) counts once.
#include <QDir>
#include <QFile>
#include <QHash>
#include <QList>

#include <algorithm>

#include <unistd.h>

namespace rd::bench {

inline qint64 readPssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/smaps_rollup").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("Pss:"))
            return line.mid(4).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

// Descendants of pid, from the parent pid field of /proc/*/stat (/proc/<pid>/task/*/children needs
// CONFIG_PROC_CHILDREN, which not every kernel has).
inline QList<qint64> descendants(qint64 pid)
{
    QHash<qint64, qint64> parentOf;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : entries) {
        bool ok = false;
        const qint64 child = name.toLongLong(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/%1/stat").arg(child));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so start after the last ')'.
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1)
            parentOf.insert(child, fields[1].toLongLong());
    }
    QList<qint64> result;
    QList<qint64> todo{pid};
    while (!todo.isEmpty()) {
        const qint64 p = todo.takeFirst();
        for (auto it = parentOf.cbegin(); it != parentOf.cend(); ++it) {
            if (it.value() == p) {
                result.append(it.key());
                todo.append(it.key());
            }
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

// Pss of this process and its descendants, in KiB.
inline qint64 processTreePssKiB()
{
    qint64 sum = readPssKiB(::getpid());
    for (const qint64 pid : descendants(::getpid()))
        sum += readPssKiB(pid);
    return sum;
}

} // namespace rd::bench
