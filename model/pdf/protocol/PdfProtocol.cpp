#include "model/pdf/protocol/PdfProtocol.h"

#include <QtEndian>

#include <cmath>

namespace rd::pdfproto {

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
    return *headerLength > 0 && *headerLength <= MaxHeaderBytes && *dataLength <= MaxDataBytes;
}

void writeFirstPage(QDataStream& out, const PdfFirstPage& f)
{
    out << qint32(f.isValid() ? f.page : -1) << qint32(f.rotation) << f.scale << f.fitWidth << f.fitHeight
        << f.minPixelsPerPoint << f.maxPixelsPerPoint << f.devicePixelRatio;
}

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
    if (in.status() != QDataStream::Ok || !finite || !f.isValid())
        f.page = -1;
    return f;
}

void writeWords(QDataStream& out, const PdfPageText& text)
{
    out << qint32(text.page) << qint32(text.words.size());
    for (const PdfWord& w : text.words) {
        quint8 flags = (w.spaceAfter ? WordSpaceAfter : 0) | (w.lineEnd ? WordLineEnd : 0);
        out << w.text << w.box << flags;
    }
}

bool readWords(QDataStream& in, PdfPageText* text)
{
    qint32 page = -1;
    qint32 count = 0;
    in >> page >> count;
    if (in.status() != QDataStream::Ok || count < 0 || count > 10'000'000)
        return false;
    text->page = page;
    text->words.clear();
    text->words.reserve(count);
    for (qint32 i = 0; i < count; ++i) {
        PdfWord w;
        quint8 flags = 0;
        in >> w.text >> w.box >> flags;
        if (in.status() != QDataStream::Ok)
            return false;
        w.spaceAfter = flags & WordSpaceAfter;
        w.lineEnd = flags & WordLineEnd;
        text->words.append(std::move(w));
    }
    return true;
}

} // namespace rd::pdfproto
