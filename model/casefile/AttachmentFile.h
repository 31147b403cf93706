// An attachment of a case file copied once into a sealed memory file (memfd), for the PDF workers to open
// by path (/proc/<pid>/fd/<n>): every worker of a document reads the same bytes, none gets a copy of its
// own over its pipe, and Poppler reads only the parts of the file it needs. The copy runs on a thread of
// its own, in chunks: the end of the file first (where a PDF's cross-reference table is), then only the
// chunks a worker waits for (PdfFillProgress), so that page 1 of a long record waits neither for the whole
// copy nor for a core busy with it; the rest once someone waits for all of it (waitFilled(), verify(),
// which the viewer calls once page 1 is there) or 150 ms have passed (the copy holds a read transaction
// on the case file, which a write to the case waits for). Sealed against writing, shrinking and
// growing once copied, so that what the workers read is what verify() checked. read() and verify() do disk
// work and hashing: call them off the GUI thread.
#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;
struct sqlite3_blob;

namespace rd {

class PdfFillProgress;

class AttachmentFile
{
public:
    ~AttachmentFile();
    AttachmentFile(const AttachmentFile&) = delete;
    AttachmentFile& operator=(const AttachmentFile&) = delete;

    // Starts copying the attachment's bytes into a memory file and returns once the file has its size,
    // before its bytes are all in (readers wait through fillProgressPath(); waitFilled() waits for all).
    // Null with *error naming the file and the attachment.
    static std::shared_ptr<AttachmentFile> read(const QString& caseFilePath, qint64 attachmentId,
                                                QString* error);

    // A path any process of this user can open while this object lives.
    QString path() const;
    // Where a reader of path() learns which parts are in (PdfFillProgress::open).
    QString fillProgressPath() const;
    qint64 size() const { return m_size; }
    // Blocks until the copy is over: false with *error if it failed.
    bool waitFilled(QString* error) const;
    // Without waiting: why the copy failed, or empty (done well or still copying).
    QString fillError() const;
    // Whether the bytes match the SHA-256 the case file recorded for the attachment (after the copy);
    // *error says which attachment was altered.
    bool verify(QString* error) const;

private:
    AttachmentFile() = default;
    QString fill(sqlite3_blob* blob); // the error, or empty
    void finishFill(const QString& error);

    int m_fd = -1;
    qint64 m_size = 0;
    QString m_where; // "<case file>: attachment <name>", for messages
    QByteArray m_sha256;
    std::unique_ptr<PdfFillProgress> m_progress;
    std::thread m_filler;
    std::atomic<bool> m_stop{false};
    mutable std::atomic<bool> m_wholeWanted{false};
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_filledChanged;
    bool m_filled = false;
    QString m_fillError;
};

} // namespace rd
