// The wire protocol between PdfDocument (the app) and reviewdesk-pdfworker over the worker's
// stdin/stdout. Shared by both sides; no Poppler here.
//
// A frame: quint32 headerLength, quint32 dataLength (both little-endian), then the header (a
// QDataStream of MessageType, quint32 requestId and the fields of that type), then dataLength raw
// bytes (the PDF file for an open from bytes, the pixels of a rendered page). Pixels travel either in
// a memfd the client maps (default; one copy in the worker, none in the app) or raw over the pipe
// (the worker writes them straight from its QImage, the client wraps the received bytes in a QImage).
// bench_pdf measures both.
#pragma once

#include "PdfTypes.h"

#include <QByteArray>
#include <QDataStream>

#include <cstdint>

namespace rd::pdfproto {

inline constexpr quint32 MaxHeaderBytes = 64u * 1024u * 1024u;
inline constexpr quint32 MaxDataBytes = 1024u * 1024u * 1024u;
inline constexpr int FramePrefixBytes = 8;
// The largest page image we ask for, in pixels (about 400 MiB at 4 bytes a pixel).
inline constexpr qint64 MaxRenderPixels = 100LL * 1000 * 1000;

enum class MessageType : quint8
{
    // client -> worker
    Open = 1,   // QString path, QByteArray password, bool fromData (then the data holds the file)
    Render = 2, // qint32 page, double scale (pixels per point), qint32 rotation (quarter turns),
                // bool shared (pixels in a memfd rather than over the pipe)
    Text = 3,   // qint32 page
    Cancel = 4, // quint32 id of the request to cancel (no answer of its own)
    Quit = 5,
    // worker -> client
    Opened = 101,   // qint32 pageCount, QList<QSizeF> page sizes in points
    Rendered = 102, // qint32 page, qint32 width, height, bytesPerLine, QImage::Format, double renderMs,
                    // qint32 memfd in the worker (-1: the pixels follow as data). The worker keeps the
                    // memfd open until its next request; the client maps it via /proc/<pid>/fd/<fd>.
    TextDone = 103, // qint32 page, qint32 wordCount, then per word: QString, QRectF, quint8 flags
    Failed = 104    // qint32 PdfError::Code, QString message
};

enum WordFlags : quint8
{
    WordSpaceAfter = 1,
    WordLineEnd = 2
};

// Builds the 8-byte prefix + header of one frame.
QByteArray frameHead(const QByteArray& header, quint32 dataLength);

// Parses the prefix; false if the lengths are out of bounds.
bool parsePrefix(const char* prefix, quint32* headerLength, quint32* dataLength);

void writeWords(QDataStream& out, const PdfPageText& text);
bool readWords(QDataStream& in, PdfPageText* text);

} // namespace rd::pdfproto
