// The wire protocol between PdfDocument (the app) and reviewdesk-pdfworker over the worker's
// stdin/stdout. Shared by both sides; no Poppler here.
//
// A frame: quint32 headerLength, quint32 dataLength (both little-endian), then the header (a
// QDataStream of MessageType, quint32 requestId and the fields of that type), then dataLength raw
// bytes (the PDF file for an open from bytes, the pixels of a rendered page). Pixels travel either raw
// over the pipe (the worker writes them straight from its QImage, the client wraps the received bytes
// in a QImage without a copy) or through a shared page buffer (a memfd mapped in both processes: one
// copy in each, no pipe traffic). bench_pdf measures both; PdfServiceOptions picks.
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
    Text = 3,   // qint32 page, qint32 count (pages from page on)
    Cancel = 4, // quint32 id of the request to cancel (no answer of its own)
    Quit = 5,
    // worker -> client
    Opened = 101,   // qint32 pageCount, then per page double width, height in points
    Rendered = 102, // qint32 page, qint32 width, height, bytesPerLine, QImage::Format, double renderMs,
                    // qint32 memfd in the worker (-1: the pixels follow as data), qint64 its size. The
                    // memfd is the worker's reused page buffer; the client maps it once via
                    // /proc/<pid>/fd/<fd> and copies the page out before it sends the next render.
    TextDone = 103, // qint32 count, then per page quint8 ok and either (qint32 page, qint32 wordCount,
                    // per word QString, QRectF, quint8 flags) or QString why it failed
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
