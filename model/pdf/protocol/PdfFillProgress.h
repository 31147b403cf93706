// Which parts of a file being filled are there yet, in a page of memory shared between the process that
// fills the file (the app, copying a case file's attachment into a memory file) and the processes that
// read it meanwhile (PDF workers). The file is filled in chunks, in any order; each chunk is marked when
// its bytes are in. A reader that needs a chunk not yet there names it (wanted(), so that it comes next)
// and sleeps on a futex in the page until the filler marks a chunk. So the first page of a long record
// is served from the first chunks copied, not after the whole copy.
//
// The page is shared with a process that reads hostile PDFs: the filler keeps its own record of what is
// done and reads only wanted() from the page, checked against the chunk count.
#pragma once

#include <QString>

#include <memory>

namespace rd {

class PdfFillProgress
{
public:
    ~PdfFillProgress();
    PdfFillProgress(const PdfFillProgress&) = delete;
    PdfFillProgress& operator=(const PdfFillProgress&) = delete;

    static constexpr qint64 DefaultChunkBytes = 64 * 1024;

    // The filler's side: a new page for a file of fileSize bytes; null if no memory file can be made.
    static std::unique_ptr<PdfFillProgress> create(qint64 fileSize, qint64 chunkBytes = DefaultChunkBytes);
    // A reader's side: the page at path (the filler's path()) for a file of fileSize bytes; null (with
    // *error) if it cannot be mapped or does not describe a file of that size.
    static std::unique_ptr<PdfFillProgress> open(const QString& path, qint64 fileSize, QString* error);

    // A path another process of this user can open while this object lives (the filler's side).
    QString path() const;
    qint64 fileSize() const { return m_fileSize; }
    qint64 chunkBytes() const { return m_chunkBytes; }
    int chunkCount() const { return m_chunkCount; }

    // Filler: chunk's bytes are in the file (they must be written before); wakes the readers.
    void markDone(int chunk);
    // Filler: no more chunks come (ok: all are in; else the fill failed); wakes the readers.
    void finish(bool ok);
    // Filler: the chunk a reader waits for, or -1 (a valid index, not yet done by the page's account).
    int wanted() const;
    // Filler: a number that moves on whenever a reader names a chunk it waits for (or poke() is called);
    // waitForRequest() sleeps until it moves on from seen, or timeoutMs passes.
    quint32 requests() const;
    void waitForRequest(quint32 seen, int timeoutMs) const;
    // Wakes the filler's waitForRequest() (from the filler's own process).
    void poke();

    // Reader: waits until the bytes [from, to) are in the file; false if the fill failed before.
    bool waitFor(qint64 from, qint64 to);
    bool isDone(int chunk) const;

private:
    struct Page;
    PdfFillProgress() = default;

    int m_fd = -1;
    Page* m_page = nullptr;
    size_t m_mappedBytes = 0;
    qint64 m_fileSize = 0;
    qint64 m_chunkBytes = DefaultChunkBytes;
    int m_chunkCount = 0;
};

} // namespace rd
