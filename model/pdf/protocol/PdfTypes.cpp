#include "model/pdf/protocol/PdfTypes.h"

namespace rd {

double PdfFirstPage::scaleFor(const QSizeF& pageSize) const
{
    if (scale > 0)
        return scale;
    const QSizeF s = (rotation & 1) ? pageSize.transposed() : pageSize;
    if (!(s.width() > 0) || !(s.height() > 0) || !(fitWidth > 0))
        return 0;
    double pixelsPerPoint = fitWidth / s.width();
    if (fitHeight > 0)
        pixelsPerPoint = qMin(pixelsPerPoint, fitHeight / s.height());
    return qBound(minPixelsPerPoint, pixelsPerPoint, maxPixelsPerPoint) * devicePixelRatio;
}

QString PdfPageText::plainText(QList<int>* wordStarts) const
{
    QString out;
    if (wordStarts) {
        wordStarts->clear();
        wordStarts->reserve(words.size());
    }
    for (qsizetype i = 0; i < words.size(); ++i) {
        const PdfWord& w = words[i];
        if (wordStarts)
            wordStarts->append(int(out.size()));
        out += w.text;
        if (i + 1 < words.size()) {
            if (w.lineEnd)
                out += QLatin1Char('\n');
            else if (w.spaceAfter)
                out += QLatin1Char(' ');
        }
    }
    return out;
}

QString PdfPageText::textIn(const QRectF& rect) const
{
    QString out;
    bool pendingBreak = false;
    bool pendingSpace = false;
    for (const PdfWord& w : words) {
        if (!w.box.intersects(rect))
            continue;
        if (!out.isEmpty()) {
            if (pendingBreak)
                out += QLatin1Char('\n');
            else if (pendingSpace)
                out += QLatin1Char(' ');
        }
        out += w.text;
        pendingBreak = w.lineEnd;
        pendingSpace = w.spaceAfter;
    }
    return out;
}

QList<QRectF> PdfPageText::boxesForRange(qsizetype from, qsizetype to) const
{
    QList<QRectF> boxes;
    QList<int> starts;
    plainText(&starts);
    for (qsizetype i = 0; i < words.size(); ++i) {
        const qsizetype s = starts[i];
        const qsizetype e = s + words[i].text.size();
        if (e <= from || s >= to)
            continue;
        const PdfWord& w = words[i];
        QRectF box = w.box;
        // Partial words: cut the box in proportion to the characters covered.
        const qsizetype len = w.text.size();
        if (len > 0 && (s < from || e > to)) {
            const qsizetype a = qMax(from, s) - s;
            const qsizetype b = qMin(to, e) - s;
            const qreal cw = box.width() / qreal(len);
            box = QRectF(box.left() + cw * qreal(a), box.top(), cw * qreal(b - a), box.height());
        }
        // Merge with the previous box when on the same line.
        if (!boxes.isEmpty() && qAbs(boxes.last().top() - box.top()) < box.height() * 0.5 &&
            box.left() >= boxes.last().left())
            boxes.last() = boxes.last().united(box);
        else
            boxes.append(box);
    }
    return boxes;
}

} // namespace rd
