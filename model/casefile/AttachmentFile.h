// An attachment of a case file copied once into a sealed memory file (memfd), for the PDF workers to open
// by path (/proc/<pid>/fd/<n>): every worker of a document reads the same bytes, none gets a copy of its
// own over its pipe, and Poppler reads only the parts of the file it needs. Sealed against writing,
// shrinking and growing, so that what the workers read is what verify() checked.
// read() and verify() do disk work and hashing: call them off the GUI thread.
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace rd {

class AttachmentFile
{
public:
    ~AttachmentFile();
    AttachmentFile(const AttachmentFile&) = delete;
    AttachmentFile& operator=(const AttachmentFile&) = delete;

    // The attachment's bytes in a memory file; null with *error naming the file and the attachment.
    static std::shared_ptr<AttachmentFile> read(const QString& caseFilePath, qint64 attachmentId,
                                                QString* error);

    // A path any process of this user can open while this object lives.
    QString path() const;
    qint64 size() const { return m_size; }
    // Whether the bytes match the SHA-256 the case file recorded for the attachment; *error says which
    // attachment was altered.
    bool verify(QString* error) const;

private:
    AttachmentFile() = default;

    int m_fd = -1;
    qint64 m_size = 0;
    QString m_where; // "<case file>: attachment <name>", for messages
    QByteArray m_sha256;
};

} // namespace rd
