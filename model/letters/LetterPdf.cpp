#include "model/letters/LetterPdf.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace rd::LetterPdf {

void layout(QTextDocument& document, const QString& html)
{
    document.setDocumentMargin(0);
    document.setHtml(html);
}

bool write(const QString& html, const QString& path, const QString& title, const QString& footer,
           const QString& language, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    {
        QPdfWriter writer(&file);
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
        const int pages = document.pageCount();

        QPainter painter;
        if (!painter.begin(&writer)) {
            *error = QStringLiteral("%1: the PDF cannot be started").arg(path);
            return false;
        }
        QFont footerFont(QStringLiteral("DejaVu Sans"));
        footerFont.setPointSizeF(7.5);
        const bool spanish = language == QLatin1String("es");
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                writer.newPage();
            painter.save();
            painter.translate(0, -i * page.height());
            document.drawContents(&painter, QRectF(0, i * page.height(), page.width(), page.height()));
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
    if (!file.commit()) {
        *error = QStringLiteral("%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

} // namespace rd::LetterPdf
