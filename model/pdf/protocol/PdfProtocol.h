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

#include "model/pdf/protocol/PdfTypes.h"

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
    Open = 1,   // QString path, QByteArray password, bool fromData (then the data holds the file),
                // quint8 SizesMode
    Render = 2, // qint32 page, double scale (pixels per point), qint32 rotation (quarter turns),
                // bool shared (pixels in a memfd rather than over the pipe), PdfFirstPage fit
                // (writeFirstPage; page -1: none, else the scale comes from it and the page's size)
    Text = 3,   // qint32 page, qint32 count (pages from page on)
    Cancel = 4, // quint32 id of the request to cancel (no answer of its own)
    Quit = 5,
    // worker -> client
    Hello = 100,    // request id 0, unasked, once ready: qint32 memfd of the page buffer (-1: none),
                    // qint64 its size; the client may map it ahead of the first page
    PageSizes = 99, // request id 0, after Opened when the open asked for SizesAfterOpened: qint32
                    // pageCount, then per page double width, height in points
    Opened = 101,   // qint32 pageCount, quint8 complete (0: every page has the first page's size until
                    // PageSizes comes), per page double width, height in points
    Rendered = 102, // qint32 page, qint32 width, height, bytesPerLine, QImage::Format, double renderMs,
                    // qint32 memfd in the worker (-1: the pixels follow as data), qint64 its size,
                    // double scale (the one asked for, or the fit's). The
                    // memfd is the worker's reused page buffer, sealed against shrinking
                    // (F_SEAL_SHRINK; the client maps no other); the client maps it once via
                    // /proc/<pid>/fd/<fd> and copies the page out before it sends the next render.
    TextDone = 103, // qint32 count, then per page quint8 ok and either (qint32 page, qint32 wordCount,
                    // per word QString, QRectF, quint8 flags) or QString why it failed
    Failed = 104    // qint32 PdfError::Code, QString message
};

// When the worker measures the pages of a document it opens.
enum SizesMode : quint8
{
    SizesInOpened = 0,    // before it answers Opened (the sizes are in it)
    SizesAfterOpened = 1, // after Opened, when no request waits (the first page goes first), in PageSizes
    SizesNotNeeded = 2    // never: another worker of the document already did
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

void writeFirstPage(QDataStream& out, const PdfFirstPage& firstPage);
PdfFirstPage readFirstPage(QDataStream& in); // page -1 when there is none or it is malformed

void writeWords(QDataStream& out, const PdfPageText& text);
bool readWords(QDataStream& in, PdfPageText* text);

} // namespace rd::pdfproto
