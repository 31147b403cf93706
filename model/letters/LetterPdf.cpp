#include "model/letters/LetterPdf.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextList>

namespace rd::LetterPdf {

void layout(QTextDocument& document, const QString& html)
{
    document.setDocumentMargin(0);
    // No ligatures in Latin text: with them the text layer holds "o\uFB03ce" for "office" and
    // "\uFB00" for the "ff" of an audit hash, which search, copy and screen readers get wrong.
    // Scripts that need shaping to be legible (Khmer, Thai) are still shaped.
    QFont font = document.defaultFont();
    font.setStyleStrategy(QFont::PreferNoShaping);
    document.setDefaultFont(font);
    document.setHtml(html);
}

namespace {

constexpr qreal kClipInset = 15; // device units (300 per inch): a third of the smallest line

// The first block holding an anchor <a name="NAME">.
QTextBlock anchorBlock(const QTextDocument& document, const QString& name)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().anchorNames().contains(name))
                return block;
    return {};
}

int pageOf(const QTextDocument& document, const QTextBlock& block, qreal pageHeight)
{
    const QRectF rect = document.documentLayout()->blockBoundingRect(block);
    return int(rect.top() / pageHeight);
}

// The copy line never stands alone on a page: when it falls on a page after the closing, the closing
// starts that page too.
void keepClosingWithCopy(QTextDocument& document, qreal pageHeight)
{
    const QTextBlock closing = anchorBlock(document, QStringLiteral("rd-closing"));
    const QTextBlock copy = anchorBlock(document, QStringLiteral("rd-copy"));
    if (!closing.isValid() || !copy.isValid())
        return;
    if (pageOf(document, closing, pageHeight) == pageOf(document, copy, pageHeight))
        return;
    QTextCursor cursor(closing);
    QTextBlockFormat format = closing.blockFormat();
    format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
    cursor.setBlockFormat(format);
}

// Qt draws, on each page, the last line of the page before of a paragraph that goes on (QTextLayout
// draws from the line just above the clip): hidden by the clip, but written to the text layer, where
// screen readers and copying find it twice. So a paragraph that crosses a page break is split into two
// at the break; the lines stay where they were.
void splitParagraphsAtPageBreaks(QTextDocument& document, qreal pageHeight)
{
    for (int round = 0; round < 200; ++round) {
        document.pageCount(); // lays the document out
        bool split = false;
        for (QTextBlock block = document.begin(); block.isValid() && !split; block = block.next()) {
            const QTextLayout* layout = block.layout();
            if (!layout || layout->lineCount() < 2)
                continue;
            const qreal top = document.documentLayout()->blockBoundingRect(block).top();
            int previousPage = int((top + layout->lineAt(0).y()) / pageHeight);
            for (int i = 1; i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                const int page = int((top + line.y()) / pageHeight);
                if (page == previousPage)
                    continue;
                QTextCursor cursor(&document);
                cursor.setPosition(block.position() + line.textStart());
                QTextBlockFormat first = block.blockFormat();
                first.setBottomMargin(0);
                cursor.setBlockFormat(first);
                cursor.insertBlock();
                int listIndent = -1;
                if (QTextList* list = cursor.block().textList()) {
                    listIndent = list->format().indent();
                    list->remove(cursor.block()); // the rest of the item, without a second bullet
                }
                QTextBlockFormat second = cursor.blockFormat();
                second.setObjectIndex(-1);
                second.setTopMargin(0);
                second.setBottomMargin(block.blockFormat().bottomMargin());
                if (listIndent >= 0)
                    second.setIndent(listIndent);
                cursor.setBlockFormat(second);
                split = true;
                break;
            }
        }
        if (!split)
            return;
    }
}

// An incremental update that gives the document catalog /Lang (PDF 1.4, 14.9.2): screen readers read
// the letter in its language. Qt's writer has no setting for it.
QByteArray withLanguage(const QByteArray& pdf, const QString& language)
{
    static const QRegularExpression rootPattern(QStringLiteral("/Root\\s+(\\d+)\\s+0\\s+R"));
    const qsizetype startXref = pdf.lastIndexOf("startxref");
    const qsizetype trailerAt = pdf.lastIndexOf("trailer", startXref);
    if (startXref < 0 || trailerAt < 0)
        return pdf;
    const QByteArray trailer = pdf.mid(trailerAt, startXref - trailerAt);
    const auto root = rootPattern.match(QString::fromLatin1(trailer));
    if (!root.hasMatch())
        return pdf;
    const QByteArray rootNumber = root.captured(1).toLatin1();
    const qsizetype objectAt = pdf.indexOf(QByteArray("\n" + rootNumber + " 0 obj"));
    const qsizetype dictAt = pdf.indexOf("<<", objectAt);
    const qsizetype endAt = pdf.indexOf("endobj", dictAt);
    if (objectAt < 0 || dictAt < 0 || endAt < 0)
        return pdf;
    QByteArray catalog = pdf.mid(dictAt, endAt - dictAt).trimmed();
    catalog.insert(2, "\n/Lang (" + language.toLatin1() + ")");
    const QByteArray previous = pdf.mid(startXref + 9).trimmed().split('\n').value(0).trimmed();
    QByteArray dict = trailer.mid(trailer.indexOf("<<")).trimmed();
    dict.chop(2); // ">>"
    dict += "/Prev " + previous + "\n>>";

    QByteArray out = pdf;
    if (!out.endsWith('\n'))
        out += '\n';
    const qsizetype newObjectAt = out.size();
    out += rootNumber + " 0 obj\n" + catalog + "\nendobj\n";
    const qsizetype xrefAt = out.size();
    out += "xref\n" + rootNumber + " 1\n" + QByteArray::number(newObjectAt).rightJustified(10, '0') +
           " 00000 n \n";
    out += "trailer\n" + dict + "\nstartxref\n" + QByteArray::number(xrefAt) + "\n%%EOF\n";
    return out;
}

} // namespace

bool write(const QString& html, const QString& path, const QString& title, const QString& footer,
           const QString& language, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("ReviewDesk"));
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait,
                                         QMarginsF(54, 50, 54, 40), QPageLayout::Point));

        QTextDocument document;
        document.documentLayout()->setPaintDevice(&writer);
        layout(document, html);
        const qreal footerHeight = writer.resolution() * 0.35; // inches
        const QSizeF page(writer.width(), writer.height() - footerHeight);
        document.setPageSize(page);
        keepClosingWithCopy(document, page.height());
        splitParagraphsAtPageBreaks(document, page.height());
        const int pages = document.pageCount();

        QPainter painter;
        if (!painter.begin(&writer)) {
            *error = QStringLiteral("%1: the PDF cannot be started").arg(path);
            return false;
        }
        QFont footerFont(QStringLiteral("DejaVu Sans"));
        footerFont.setPointSizeF(7.5);
        footerFont.setStyleStrategy(QFont::PreferNoShaping); // the audit head's "ff" copied as printed
        const bool spanish = language == QLatin1String("es");
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                writer.newPage();
            painter.save();
            painter.translate(0, -i * page.height());
            // Clipped to the page, so that only the lines of this page are drawn (and written to the text
            // layer once).
            painter.setClipRect(QRectF(0, i * page.height(), page.width(), page.height()));
            QAbstractTextDocumentLayout::PaintContext context;
            // A line at the top of the next page may reach a hair above its top (rounding of the layout):
            // without the inset it would be drawn, clipped but in the text layer, on this page too.
            context.clip =
                QRectF(0, i * page.height() + kClipInset, page.width(), page.height() - 2 * kClipInset);
            document.documentLayout()->draw(&painter, context);
            painter.restore();
            painter.setFont(footerFont);
            painter.setPen(QColor(0x40, 0x40, 0x40));
            const QRectF footerRect(0, writer.height() - footerHeight * 0.6, writer.width(),
                                    footerHeight * 0.6);
            painter.drawText(footerRect, Qt::AlignLeft | Qt::AlignVCenter, footer);
            painter.drawText(footerRect, Qt::AlignRight | Qt::AlignVCenter,
                             (spanish ? QStringLiteral("Página %1 de %2") : QStringLiteral("Page %1 of %2"))
                                 .arg(i + 1)
                                 .arg(pages));
        }
        painter.end();
    }
    file.write(withLanguage(buffer.data(), language == QLatin1String("es") ? QStringLiteral("es-US")
                                                                           : QStringLiteral("en-US")));
    if (!file.commit()) {
        *error = QStringLiteral("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

} // namespace rd::LetterPdf
