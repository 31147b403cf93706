#include "model/fhir/FhirDocumentConverter.h"

#include <QFile>
#include <QFontDatabase>
#include <QImage>
#include <QImageReader>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QStringDecoder>
#include <QTextDocument>

#include <cctype>
#include <memory>

namespace rd {

namespace {

bool textToPdf(const QString& source, const QString& pdfPath, QString* error)
{
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot be read: %1").arg(file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8(bytes);
    if (utf8.hasError())
        text = QString::fromLatin1(bytes); // no charset given: the bytes are still shown
    QPdfWriter writer(pdfPath);
    writer.setPageSize(QPageSize(QPageSize::Letter));
    writer.setPageMargins(QMarginsF(54, 54, 54, 54), QPageLayout::Point);
    writer.setCreator(QStringLiteral("ReviewDesk"));
    QTextDocument document;
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(9.5);
    document.setDefaultFont(font);
    document.setPlainText(text);
    document.print(&writer);
    return true;
}

quint32 crc32(const char* data, qsizetype size)
{
    quint32 crc = 0xffffffffu;
    for (qsizetype i = 0; i < size; ++i) {
        crc ^= quint8(data[i]);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// libpng reports a damaged chunk on standard error by itself before Qt hears of it; checking the
// chunks' CRCs first keeps the refusal to the one line that names the document.
bool pngChunksIntact(const QString& source, QString* error)
{
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly))
        return true; // the reader says why
    const QByteArray bytes = file.readAll();
    if (!bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return true;
    qsizetype at = 8;
    while (at + 12 <= bytes.size()) {
        const auto byte = [&](qsizetype i) {
            return quint32(quint8(bytes.at(i)));
        };
        const quint32 length = (byte(at) << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3);
        if (length > quint32(bytes.size() - at - 12))
            break;
        const qsizetype end = at + 8 + qsizetype(length);
        const quint32 recorded =
            (byte(end) << 24) | (byte(end + 1) << 16) | (byte(end + 2) << 8) | byte(end + 3);
        if (crc32(bytes.constData() + at + 4, qsizetype(length) + 4) != recorded) {
            QByteArray type = bytes.mid(at + 4, 4);
            for (char& c : type)
                c = std::isalpha(static_cast<unsigned char>(c)) ? c : '?';
            *error = QStringLiteral("the image does not decode: its PNG chunk %1 is damaged (wrong CRC)")
                         .arg(QString::fromLatin1(type));
            return false;
        }
        at = end + 4;
    }
    return true;
}

bool imageToPdf(const QString& source, const QByteArray& format, const QString& pdfPath, QString* error)
{
    if (!pngChunksIntact(source, error))
        return false;
    QImageReader reader(source, format);
    reader.setDecideFormatFromContent(false); // the bytes must be what the content type says
    reader.setAutoTransform(true);
    QPdfWriter writer(pdfPath);
    writer.setCreator(QStringLiteral("ReviewDesk"));
    writer.setResolution(72);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    std::unique_ptr<QPainter> painter;
    int pages = 0;
    do {
        const QImage image = reader.read();
        if (image.isNull()) {
            if (pages > 0)
                break;
            *error = QStringLiteral("the image does not decode: %1").arg(reader.errorString());
            return false;
        }
        // At the image's own size: its resolution when it records one, else 96 dots per inch.
        const double dpiX = image.dotsPerMeterX() > 0 ? image.dotsPerMeterX() * 0.0254 : 96.0;
        const double dpiY = image.dotsPerMeterY() > 0 ? image.dotsPerMeterY() * 0.0254 : 96.0;
        const QSizeF points(qMax(1.0, image.width() * 72.0 / dpiX), qMax(1.0, image.height() * 72.0 / dpiY));
        writer.setPageSize(QPageSize(points, QPageSize::Point));
        if (!painter)
            painter = std::make_unique<QPainter>(&writer);
        else
            writer.newPage();
        painter->drawImage(QRectF(QPointF(0, 0), points), image);
        ++pages;
    } while (reader.jumpToNextImage() && pages < 1000);
    return true;
}

} // namespace

bool FhirDocumentConverter::toPdf(const QString& source, const QString& contentType, const QString& pdfPath,
                                  QString* error)
{
    if (contentType == QLatin1String("text/plain"))
        return textToPdf(source, pdfPath, error);
    return imageToPdf(source, contentType.section(QLatin1Char('/'), 1).toLatin1(), pdfPath, error);
}

} // namespace rd
