// The wire protocol between the app (PdfDocument, PdfService::probe) and reviewdesk-pdfworker, over the
// worker's stdin and stdout. One struct per message and one write()/read() pair per struct, compiled
// into both processes (rd_pdfcommon): a field added on one side is added on the other, or the code
// does not compile. No Poppler here.
//
// A frame: quint32 headerLength, quint32 dataLength (both little-endian), then the header (a
// QDataStream of MessageType, quint32 request id and the message's fields), then dataLength raw bytes
// (the PDF file for an open from bytes, the pixels of a rendered page sent over the pipe). Pixels
// travel either raw over the pipe or through the worker's page buffer (a memfd mapped in both
// processes: one copy in each, no pipe traffic); PdfServiceOptions picks.
//
// The worker is not trusted: everything the app reads is checked (counts against the bytes there are,
// sizes bounded, numbers finite). read() returns false on a malformed message.
#pragma once

#include "model/pdf/protocol/PdfTypes.h"

#include <QByteArray>
#include <QDataStream>
#include <QIODevice>
#include <QImage>
#include <QList>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd::pdfproto {

inline constexpr quint32 MaxHeaderBytes = 64u * 1024u * 1024u;
inline constexpr quint32 MaxDataBytes = 1024u * 1024u * 1024u;
inline constexpr int FramePrefixBytes = 8;
// The bytes of type and request id at the start of every header.
inline constexpr int HeaderStartBytes = 5;
// The largest page image we ask for, in pixels (about 400 MiB at 4 bytes a pixel).
inline constexpr qint64 MaxRenderPixels = 100LL * 1000 * 1000;
// An answer carries at most one page image (and its header).
inline constexpr qint64 MaxAnswerDataBytes = MaxRenderPixels * 4 + 1024 * 1024;
// Pages of text in one Text request (search asks for a few at a time).
inline constexpr qint32 MaxPagesPerTextRequest = 64;
// Poppler's error messages a Rendered answer carries (the count has them all), and their length.
inline constexpr qint32 MaxRenderProblems = 8;
inline constexpr qint32 MaxRenderProblemChars = 300;

enum class MessageType : quint8
{
    // app -> worker
    Open = 1,
    Render = 2,
    Text = 3,
    Cancel = 4, // no answer of its own
    Quit = 5,
    // worker -> app, unasked (request id 0)
    PageSizes = 99,
    Hello = 100,
    // worker -> app, answers (the request's id)
    Opened = 101,
    Rendered = 102,
    TextDone = 103,
    Failed = 104
};

// When the worker measures the pages of a document it opens.
enum class SizesMode : quint8
{
    InOpened = 0,    // before it answers Opened (the sizes are in it)
    AfterOpened = 1, // after Opened, when no request waits (the first page goes first), in PageSizes
    NotNeeded = 2    // never: another worker of the document already did
};

// ---- requests ----

// Open a document: the file at path, or the bytes that follow as the frame's data (fromData).
struct Open
{
    static constexpr MessageType Type = MessageType::Open;
    QString path;
    QByteArray password;
    bool fromData = false;
    SizesMode sizes = SizesMode::InOpened;
    // A file the app is still filling: where its PdfFillProgress is (empty: the file is complete).
    QString fillProgressPath;
};

// Render a page at scale pixels per point, turned rotation quarter turns clockwise. With a valid fit
// (the first page, asked for with the open before its size was known) the scale comes from the fit.
struct Render
{
    static constexpr MessageType Type = MessageType::Render;
    qint32 page = 0;
    double scale = 1.0;
    qint32 rotation = 0;
    bool sharedPixels = false; // the pixels through the page buffer rather than over the pipe
    PdfFirstPage fit{-1};
};

// The words of count pages from page, in one answer.
struct Text
{
    static constexpr MessageType Type = MessageType::Text;
    qint32 page = 0;
    qint32 count = 1;
};

// Abandon request target (it answers Failed/Cancelled, or its result if it was done).
struct Cancel
{
    static constexpr MessageType Type = MessageType::Cancel;
    quint32 target = 0;
};

struct Quit
{
    static constexpr MessageType Type = MessageType::Quit;
};

// ---- answers ----

// Sent once, unasked, when the worker is ready: its page buffer (a memfd in the worker, -1: none),
// which the app may map ahead of the first page.
struct Hello
{
    static constexpr MessageType Type = MessageType::Hello;
    qint32 pageBufferFd = -1;
    qint64 pageBufferSize = 0;
};

// Unasked, after Opened when the open asked for SizesMode::AfterOpened: every page's size in points.
struct PageSizes
{
    static constexpr MessageType Type = MessageType::PageSizes;
    QList<QSizeF> sizes;
};

// The document is open. Until PageSizes comes (complete false), every page has the first page's size.
struct Opened
{
    static constexpr MessageType Type = MessageType::Opened;
    bool complete = true;
    QList<QSizeF> sizes; // one per page
};

// A page image: in the worker's page buffer (pageBufferFd >= 0: the app maps it once through
// /proc/<pid>/fd/<fd> and copies the page out before it sends the next render; the buffer is sealed
// against shrinking, F_SEAL_SHRINK, and the app maps no other), else in the frame's data.
struct Rendered
{
    static constexpr MessageType Type = MessageType::Rendered;
    qint32 page = 0;
    qint32 width = 0;
    qint32 height = 0;
    qint32 bytesPerLine = 0;
    qint32 format = 0;   // QImage::Format
    double renderMs = 0; // Poppler's time
    qint32 pageBufferFd = -1;
    qint64 pageBufferSize = 0;
    double scale = 0; // the one asked for, or the fit's
    // Errors Poppler reported while drawing the page (broken content, an image or font it could not
    // read): the image may be incomplete. How many, and the first MaxRenderProblems messages (for
    // diagnostics; the viewer words its own warning).
    qint32 problemCount = 0;
    QStringList problems;

    qint64 bytes() const { return qint64(bytesPerLine) * height; }
};

// The text of the pages of a Text request, in order: the words, or why the page failed.
struct PageTextResult
{
    bool ok = false;
    PdfPageText text;
    QString why;
};
struct TextDone
{
    static constexpr MessageType Type = MessageType::TextDone;
    QList<PageTextResult> pages;
};

struct Failed
{
    static constexpr MessageType Type = MessageType::Failed;
    PdfError::Code code = PdfError::RenderFailed;
    QString message;
};

void write(QDataStream& out, const Open& m);
void write(QDataStream& out, const Render& m);
void write(QDataStream& out, const Text& m);
void write(QDataStream& out, const Cancel& m);
void write(QDataStream& out, const Quit& m);
void write(QDataStream& out, const Hello& m);
void write(QDataStream& out, const PageSizes& m);
void write(QDataStream& out, const Opened& m);
void write(QDataStream& out, const Rendered& m);
void write(QDataStream& out, const TextDone& m);
void write(QDataStream& out, const Failed& m);

bool read(QDataStream& in, Open* m);
bool read(QDataStream& in, Render* m);
bool read(QDataStream& in, Text* m);
bool read(QDataStream& in, Cancel* m);
bool read(QDataStream& in, Quit* m);
bool read(QDataStream& in, Hello* m);
bool read(QDataStream& in, PageSizes* m);
bool read(QDataStream& in, Opened* m);
bool read(QDataStream& in, Rendered* m);
bool read(QDataStream& in, TextDone* m);
bool read(QDataStream& in, Failed* m);

// The 8-byte prefix and the header of a frame whose data (dataLength bytes) follows.
QByteArray frameHead(const QByteArray& header, quint32 dataLength);

// A frame's prefix and header for message m of request id (0 for unasked messages).
template <typename Message> QByteArray encode(quint32 id, const Message& m, quint32 dataLength = 0)
{
    QByteArray header;
    QDataStream out(&header, QIODevice::WriteOnly);
    out << quint8(Message::Type) << id;
    write(out, m);
    return frameHead(header, dataLength);
}

// Parses the prefix; false if the lengths are out of bounds.
bool parsePrefix(const char* prefix, quint32* headerLength, quint32* dataLength);

// A frame's header split into the type, the request id and the message's fields.
struct Header
{
    MessageType type = MessageType::Quit;
    quint32 id = 0;
    QByteArray fields;
};
std::optional<Header> splitHeader(const QByteArray& header);

// The message in fields (Header::fields); nothing when malformed.
template <typename Message> std::optional<Message> decode(const QByteArray& fields)
{
    QDataStream in(fields);
    Message m;
    if (!read(in, &m) || in.status() != QDataStream::Ok)
        return std::nullopt;
    return m;
}

} // namespace rd::pdfproto
