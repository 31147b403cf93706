#include "model/pdf/protocol/PdfProtocol.h"

#include <QIODevice>
#include <QtEndian>

#include <cmath>

namespace rd::pdfproto {

namespace {

// The smallest encoding of one word: an empty QString (4), a QRectF (32), the flags (1).
constexpr qint64 MinWordBytes = 37;
// One page size: two doubles.
constexpr qint64 SizeBytes = 16;

enum WordFlags : quint8
{
    WordSpaceAfter = 1,
    WordLineEnd = 2
};

bool ok(const QDataStream& in)
{
    return in.status() == QDataStream::Ok;
}

qint64 bytesLeft(const QDataStream& in)
{
    return in.device() ? in.device()->bytesAvailable() : 0;
}

void writeSizes(QDataStream& out, const QList<QSizeF>& sizes)
{
    out << qint32(sizes.size());
    for (const QSizeF& size : sizes)
        out << size.width() << size.height();
}

// The count is checked against the bytes there are: QDataStream would reserve whatever a worker
// claims. A size out of bounds is clamped (a page is at least a point and at most MaxPageSidePoints).
bool readSizes(QDataStream& in, QList<QSizeF>* sizes)
{
    qint32 count = 0;
    in >> count;
    if (!ok(in) || count <= 0 || count > bytesLeft(in) / SizeBytes)
        return false;
    sizes->clear();
    sizes->reserve(count);
    for (qint32 i = 0; i < count; ++i) {
        double w = 0;
        double h = 0;
        in >> w >> h;
        if (!std::isfinite(w) || !std::isfinite(h))
            return false;
        sizes->append(QSizeF(qBound(1.0, w, MaxPageSidePoints), qBound(1.0, h, MaxPageSidePoints)));
    }
    return ok(in);
}

void writeFirstPage(QDataStream& out, const PdfFirstPage& f)
{
    out << qint32(f.isValid() ? f.page : -1) << qint32(f.rotation) << f.scale << f.fitWidth << f.fitHeight
        << f.minPixelsPerPoint << f.maxPixelsPerPoint << f.devicePixelRatio;
}

// page -1 when there is none or it is malformed.
PdfFirstPage readFirstPage(QDataStream& in)
{
    PdfFirstPage f;
    qint32 page = -1;
    qint32 rotation = 0;
    in >> page >> rotation >> f.scale >> f.fitWidth >> f.fitHeight >> f.minPixelsPerPoint >>
        f.maxPixelsPerPoint >> f.devicePixelRatio;
    f.page = page;
    f.rotation = rotation & 3;
    const bool finite = std::isfinite(f.scale) && std::isfinite(f.fitWidth) && std::isfinite(f.fitHeight) &&
                        std::isfinite(f.minPixelsPerPoint) && std::isfinite(f.maxPixelsPerPoint) &&
                        std::isfinite(f.devicePixelRatio) && f.devicePixelRatio > 0;
    if (!ok(in) || !finite || !f.isValid())
        f.page = -1;
    return f;
}

void writeWords(QDataStream& out, const PdfPageText& text)
{
    out << qint32(text.page) << qint32(text.words.size());
    for (const PdfWord& w : text.words) {
        const quint8 flags = (w.spaceAfter ? WordSpaceAfter : 0) | (w.lineEnd ? WordLineEnd : 0);
        out << w.text << w.box << flags;
    }
}

bool readWords(QDataStream& in, PdfPageText* text)
{
    qint32 page = -1;
    qint32 count = 0;
    in >> page >> count;
    if (!ok(in) || count < 0 || count > bytesLeft(in) / MinWordBytes)
        return false;
    text->page = page;
    text->words.clear();
    text->words.reserve(count);
    for (qint32 i = 0; i < count; ++i) {
        PdfWord w;
        quint8 flags = 0;
        in >> w.text >> w.box >> flags;
        if (!ok(in))
            return false;
        w.spaceAfter = flags & WordSpaceAfter;
        w.lineEnd = flags & WordLineEnd;
        text->words.append(std::move(w));
    }
    return true;
}

} // namespace

QByteArray frameHead(const QByteArray& header, quint32 dataLength)
{
    QByteArray out;
    out.resize(FramePrefixBytes);
    qToLittleEndian<quint32>(static_cast<quint32>(header.size()), out.data());
    qToLittleEndian<quint32>(dataLength, out.data() + 4);
    out += header;
    return out;
}

bool parsePrefix(const char* prefix, quint32* headerLength, quint32* dataLength)
{
    *headerLength = qFromLittleEndian<quint32>(prefix);
    *dataLength = qFromLittleEndian<quint32>(prefix + 4);
    return *headerLength >= quint32(HeaderStartBytes) && *headerLength <= MaxHeaderBytes &&
           *dataLength <= MaxDataBytes;
}

std::optional<Header> splitHeader(const QByteArray& header)
{
    QDataStream in(header);
    quint8 type = 0;
    Header h;
    in >> type >> h.id;
    if (!ok(in))
        return std::nullopt;
    h.type = MessageType(type);
    h.fields = header.mid(HeaderStartBytes);
    return h;
}

// ---- requests ----

void write(QDataStream& out, const Open& m)
{
    out << m.path << m.password << m.fromData << quint8(m.sizes) << m.fillProgressPath;
}

bool read(QDataStream& in, Open* m)
{
    quint8 sizes = 0;
    in >> m->path >> m->password >> m->fromData >> sizes >> m->fillProgressPath;
    m->sizes = sizes <= quint8(SizesMode::NotNeeded) ? SizesMode(sizes) : SizesMode::InOpened;
    return ok(in);
}

void write(QDataStream& out, const Render& m)
{
    out << m.page << m.scale << m.rotation << m.sharedPixels;
    writeFirstPage(out, m.fit);
}

bool read(QDataStream& in, Render* m)
{
    in >> m->page >> m->scale >> m->rotation >> m->sharedPixels;
    m->fit = readFirstPage(in);
    return ok(in) && std::isfinite(m->scale);
}

void write(QDataStream& out, const Text& m)
{
    out << m.page << m.count;
}

bool read(QDataStream& in, Text* m)
{
    in >> m->page >> m->count;
    return ok(in);
}

void write(QDataStream& out, const Cancel& m)
{
    out << m.target;
}

bool read(QDataStream& in, Cancel* m)
{
    in >> m->target;
    return ok(in);
}

void write(QDataStream&, const Quit&) {}

bool read(QDataStream&, Quit*)
{
    return true;
}

// ---- answers ----

void write(QDataStream& out, const Hello& m)
{
    out << m.pageBufferFd << m.pageBufferSize;
}

bool read(QDataStream& in, Hello* m)
{
    in >> m->pageBufferFd >> m->pageBufferSize;
    return ok(in) && m->pageBufferSize >= 0 && m->pageBufferSize <= MaxDataBytes;
}

void write(QDataStream& out, const PageSizes& m)
{
    writeSizes(out, m.sizes);
}

bool read(QDataStream& in, PageSizes* m)
{
    return readSizes(in, &m->sizes);
}

void write(QDataStream& out, const Opened& m)
{
    out << m.complete;
    writeSizes(out, m.sizes);
}

bool read(QDataStream& in, Opened* m)
{
    in >> m->complete;
    return ok(in) && readSizes(in, &m->sizes);
}

void write(QDataStream& out, const Rendered& m)
{
    out << m.page << m.width << m.height << m.bytesPerLine << m.format << m.renderMs << m.pageBufferFd
        << m.pageBufferSize << m.scale << m.problemCount << qint32(m.problems.size());
    for (const QString& problem : m.problems)
        out << problem;
}

bool read(QDataStream& in, Rendered* m)
{
    qint32 listed = 0;
    in >> m->page >> m->width >> m->height >> m->bytesPerLine >> m->format >> m->renderMs >>
        m->pageBufferFd >> m->pageBufferSize >> m->scale >> m->problemCount >> listed;
    if (!ok(in) || listed < 0 || listed > MaxRenderProblems || m->problemCount < listed)
        return false;
    m->problems.clear();
    for (qint32 i = 0; i < listed; ++i) {
        QString problem;
        in >> problem;
        if (!ok(in) || problem.size() > MaxRenderProblemChars)
            return false;
        m->problems.append(problem);
    }
    return ok(in) && m->width > 0 && m->height > 0 && m->bytesPerLine >= m->width &&
           m->format > QImage::Format_Invalid && m->format < QImage::NImageFormats && m->bytes() > 0 &&
           m->bytes() <= MaxAnswerDataBytes && std::isfinite(m->scale) && std::isfinite(m->renderMs);
}

void write(QDataStream& out, const TextDone& m)
{
    out << qint32(m.pages.size());
    for (const PageTextResult& page : m.pages) {
        out << quint8(page.ok);
        if (page.ok)
            writeWords(out, page.text);
        else
            out << page.why;
    }
}

bool read(QDataStream& in, TextDone* m)
{
    qint32 count = 0;
    in >> count;
    if (!ok(in) || count < 0 || count > MaxPagesPerTextRequest)
        return false;
    m->pages.clear();
    for (qint32 k = 0; k < count; ++k) {
        PageTextResult page;
        quint8 pageOk = 0;
        in >> pageOk;
        page.ok = pageOk != 0;
        if (page.ok ? !readWords(in, &page.text) : (in >> page.why, !ok(in)))
            return false;
        m->pages.append(std::move(page));
    }
    return true;
}

void write(QDataStream& out, const Failed& m)
{
    out << qint32(m.code) << m.message;
}

bool read(QDataStream& in, Failed* m)
{
    qint32 code = PdfError::RenderFailed;
    in >> code >> m->message;
    m->code =
        code > PdfError::None && code <= PdfError::Closed ? PdfError::Code(code) : PdfError::RenderFailed;
    return ok(in);
}

} // namespace rd::pdfproto
