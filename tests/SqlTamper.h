// Tampering with a case file as someone with sqlite3 would: the tests of what verify catches.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>

namespace rd::test {

// Runs SQL on a case file as someone with sqlite3 would. "FLIP table.column ROWID OFFSET" flips the low
// bit of one byte of a blob instead.
inline bool sqlite(const QString& path, const QByteArray& sql)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return false;
    if (sql.startsWith("FLIP ")) {
        const QList<QByteArray> parts = sql.split(' ');
        const QList<QByteArray> place = parts.value(1).split('.');
        sqlite3_blob* blob = nullptr;
        bool ok = sqlite3_blob_open(db, "main", place.value(0).constData(), place.value(1).constData(),
                                    parts.value(2).toLongLong(), 1, &blob) == SQLITE_OK;
        char byte = 0;
        const int offset = parts.value(3).toInt();
        ok = ok && sqlite3_blob_read(blob, &byte, 1, offset) == SQLITE_OK;
        byte = char(byte ^ 1);
        ok = ok && sqlite3_blob_write(blob, &byte, 1, offset) == SQLITE_OK;
        sqlite3_blob_close(blob);
        sqlite3_close(db);
        return ok;
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK)
        qWarning("sqlite3: %s", message);
    sqlite3_free(message);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

// Runs SQL on a case file that is open for writing elsewhere, and puts the file's times back: a
// change the open case takes for its own state when the size stays the same (checked). How a test
// plants a trigger in an open case (a file that holds one when opened is opened read-only).
inline bool sqliteUnseen(const QString& path, const QByteArray& sql)
{
    struct stat before = {};
    struct stat after = {};
    const QByteArray name = QFile::encodeName(path);
    if (::stat(name.constData(), &before) != 0 || !sqlite(path, sql))
        return false;
    const struct timespec times[2] = {before.st_atim, before.st_mtim};
    return ::utimensat(AT_FDCWD, name.constData(), times, 0) == 0 && ::stat(name.constData(), &after) == 0 &&
           after.st_size == before.st_size;
}

} // namespace rd::test
