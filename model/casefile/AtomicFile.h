// Writing an output file whole or not at all: a temporary file in the same folder (mode 0600 unless
// told), every byte written and checked, fsync, rename over the target, fsync of the folder. A full
// disk (or /dev/full) is an error, never a cut file.
#pragma once

#include <QByteArray>
#include <QString>

namespace rd {

class AtomicFile
{
public:
    // mode: the new file's permissions (0600 for anything that may hold member data).
    static bool write(const QString& path, const QByteArray& bytes, QString* error, int mode = 0600);
    // Renames a complete, fsynced temporary file over path and fsyncs the folder, so that the new name
    // survives a crash. Fills error with the system's reason.
    static bool renameIntoPlace(const QByteArray& temporary, const QString& path, QString* error);
    // fsync of a folder: a name created or renamed in it is durable.
    static void syncFolder(const QString& folder);
    // Refuses paths that are not a regular file or a new name (a device, a FIFO, a folder).
    static bool isWritableTarget(const QString& path, QString* error);
    // isWritableTarget(), and refuses an existing SQLite database too (a case file): what write() and
    // an export put in place never replaces one.
    static bool isReplaceableOutput(const QString& path, QString* error);
};

} // namespace rd
