#include "ui/pdf/PdfPageView.h"

#include "model/pdf/PdfDocument.h"
#include "ui/pdf/PdfPageNotices.h"

#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace rd {

namespace {
constexpr int Margin = 12;
constexpr int Spacing = 12;
constexpr int PrefetchPages = 2;
constexpr double MinZoom = 0.1;
constexpr double MaxZoom = 8.0;
constexpr double PointsToPixels96 = 96.0 / 72.0;
} // namespace

PdfPageView::PdfPageView(PdfPageCache* cache, QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_cache(cache)
    , m_notices(new PdfPageNotices(viewport()))
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Dark);
    viewport()->setAutoFillBackground(true);
    viewport()->setCursor(Qt::IBeamCursor);
    // Always shown: a scroll bar that comes and goes would change the fit-width zoom back and forth.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    verticalScrollBar()->setSingleStep(40);
    horizontalScrollBar()->setSingleStep(40);
    m_requestTimer.setSingleShot(true);
    m_requestTimer.setInterval(0);
    connect(&m_requestTimer, &QTimer::timeout, this, [this] { updateRequests(false); });
    m_prefetchTimer.setSingleShot(true);
    m_prefetchTimer.setInterval(150);
    connect(&m_prefetchTimer, &QTimer::timeout, this, [this] { updateRequests(true); });
    connect(m_notices, &PdfPageNotices::retryClicked, this, &PdfPageView::retryPage);
}

void PdfPageView::setDocument(PdfDocument* document)
{
    if (m_doc) {
        for (const Pending& p : std::as_const(m_pending))
            m_doc->cancel(p.id);
        m_doc->disconnect(this);
    }
    m_pending.clear();
    m_failed.clear();
    m_notices->clear();
    clearSelection();
    clearHighlight();
    m_doc = document;
    m_currentPage = -1;
    if (m_doc) {
        connect(m_doc, &PdfDocument::pageRendered, this,
                [this](quint32 id, int page, double, int, const QImage& image) {
                    showPageWarning(page); // whoever asked (the thumbnails too): the page has been drawn
                    onRendered(id, page, image);
                });
        connect(m_doc, &PdfDocument::requestFailed, this, &PdfPageView::onFailed);
        connect(m_doc, &PdfDocument::textReady, this, [this](quint32, int page) { onTextReady(page); });
        connect(m_doc, &PdfDocument::stateChanged, this, [this] { relayout(false); });
        connect(m_doc, &PdfDocument::pageSizesChanged, this, [this] { relayout(true); });
        // Page 1's render goes to the worker right behind the open (PdfDocument::setFirstPage).
        if (m_doc->state() == PdfDocument::State::Opening)
            m_doc->setFirstPage(firstPageHint());
    }
    relayout(false);
    verticalScrollBar()->setValue(0);
    updateCurrentPage();
}

void PdfPageView::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    viewport()->update();
}

// ---- geometry ----

QSizeF PdfPageView::displaySizePoints(int page) const
{
    const QSizeF s = m_doc ? m_doc->pageSize(page) : QSizeF();
    return (m_rotation & 1) ? s.transposed() : s;
}

double PdfPageView::pixelsPerPoint() const
{
    return m_zoom * PointsToPixels96;
}

double PdfPageView::renderScale() const
{
    return pixelsPerPoint() * devicePixelRatioF();
}

void PdfPageView::relayout(bool keepPosition)
{
    // Remember where we are: page and fraction.
    int anchorPage = -1;
    double anchorFraction = 0;
    if (keepPosition && m_currentPage >= 0 && m_currentPage < m_layout.size()) {
        anchorPage = m_currentPage;
        const QRectF r = m_layout[anchorPage];
        anchorFraction = (verticalScrollBar()->value() - r.top()) / qMax(1.0, r.height());
    }

    const int count = m_doc && m_doc->state() == PdfDocument::State::Ready ? m_doc->pageCount() : 0;
    double maxW = 0;
    double maxH = 0;
    for (int i = 0; i < count; ++i) {
        const QSizeF s = displaySizePoints(i);
        maxW = qMax(maxW, s.width());
        maxH = qMax(maxH, s.height());
    }
    if (count > 0 && m_zoomMode != ZoomMode::Custom) {
        const double byWidth = (viewport()->width() - 2 * Margin - 2) / maxW;
        double ppp = byWidth;
        if (m_zoomMode == ZoomMode::FitPage)
            ppp = qMin(byWidth, (viewport()->height() - 2 * Margin) / maxH);
        const double zoom = qBound(MinZoom, ppp / PointsToPixels96, MaxZoom);
        if (!qFuzzyCompare(zoom, m_zoom)) {
            m_zoom = zoom;
            Q_EMIT zoomChanged(m_zoom);
        }
    }
    const double ppp = pixelsPerPoint();
    m_contentWidth = qMax(viewport()->width(), int(std::ceil(maxW * ppp)) + 2 * Margin);
    m_layout.clear();
    m_layout.reserve(count);
    double y = Margin;
    for (int i = 0; i < count; ++i) {
        const QSizeF s = displaySizePoints(i) * ppp;
        const double w = std::round(s.width());
        const double h = std::round(s.height());
        m_layout.append(QRectF(std::round((m_contentWidth - w) / 2), y, w, h));
        y += h + Spacing;
    }
    m_contentHeight = int(y) - Spacing + Margin;
    verticalScrollBar()->setRange(0, qMax(0, m_contentHeight - viewport()->height()));
    verticalScrollBar()->setPageStep(viewport()->height());
    horizontalScrollBar()->setRange(0, qMax(0, m_contentWidth - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    if (anchorPage >= 0 && anchorPage < m_layout.size()) {
        const QRectF r = m_layout[anchorPage];
        verticalScrollBar()->setValue(int(r.top() + anchorFraction * r.height()));
    }
    updateCurrentPage();
    placeNotices();
    scheduleUpdate();
    viewport()->update();
}

QRect PdfPageView::pageRectInViewport(int page) const
{
    if (page < 0 || page >= m_layout.size())
        return {};
    return m_layout[page]
        .translated(-horizontalScrollBar()->value(), -verticalScrollBar()->value())
        .toAlignedRect();
}

QTransform PdfPageView::pageTransform(int page) const
{
    const QSizeF s = m_doc ? m_doc->pageSize(page) : QSizeF();
    QTransform rot;
    switch (m_rotation) {
    case 1:
        rot = QTransform(0, 1, -1, 0, s.height(), 0);
        break;
    case 2:
        rot = QTransform(-1, 0, 0, -1, s.width(), s.height());
        break;
    case 3:
        rot = QTransform(0, -1, 1, 0, 0, s.width());
        break;
    default:
        break;
    }
    const QRect r = pageRectInViewport(page);
    const double ppp = pixelsPerPoint();
    return rot * QTransform::fromScale(ppp, ppp) * QTransform::fromTranslate(r.left(), r.top());
}

QPointF PdfPageView::viewportToPage(int page, const QPoint& viewportPos) const
{
    return pageTransform(page).inverted().map(QPointF(viewportPos));
}

QPoint PdfPageView::pageToViewport(int page, const QPointF& points) const
{
    return pageTransform(page).map(points).toPoint();
}

int PdfPageView::pageAt(const QPoint& viewportPos, bool nearest) const
{
    if (m_layout.isEmpty())
        return -1;
    const double y = viewportPos.y() + verticalScrollBar()->value();
    const auto it = std::lower_bound(m_layout.begin(), m_layout.end(), y,
                                     [](const QRectF& r, double v) { return r.bottom() + Spacing < v; });
    const int page = int(qMin<qsizetype>(it - m_layout.begin(), m_layout.size() - 1));
    if (nearest)
        return page;
    const QPointF content(viewportPos.x() + horizontalScrollBar()->value(), y);
    return m_layout[page].contains(content) ? page : -1;
}

// ---- zoom, rotation, navigation ----

void PdfPageView::setZoomMode(ZoomMode mode)
{
    m_zoomMode = mode;
    relayout();
}

void PdfPageView::setZoom(double zoom)
{
    zoom = qBound(MinZoom, zoom, MaxZoom);
    m_zoomMode = ZoomMode::Custom;
    if (!qFuzzyCompare(zoom, m_zoom)) {
        m_zoom = zoom;
        Q_EMIT zoomChanged(m_zoom);
    }
    relayout();
}

void PdfPageView::setRotation(int quarterTurns)
{
    m_rotation = ((quarterTurns % 4) + 4) % 4;
    clearSelection();
    relayout();
}

void PdfPageView::setSelectionMode(SelectionMode mode)
{
    m_selectionMode = mode;
    viewport()->setCursor(mode == SelectionMode::Text ? Qt::IBeamCursor : Qt::CrossCursor);
}

void PdfPageView::goToPage(int page, double yPoints)
{
    if (page < 0 || page >= m_layout.size())
        return;
    const int y = int(m_layout[page].top() - Margin + yPoints * pixelsPerPoint());
    verticalScrollBar()->setValue(y);
    updateCurrentPage();
}

void PdfPageView::updateCurrentPage()
{
    const int page = pageAt(QPoint(0, viewport()->height() / 3), true);
    if (page != m_currentPage) {
        m_currentPage = page;
        Q_EMIT currentPageChanged(page);
    }
}

void PdfPageView::highlight(int page, const QList<QRectF>& boxes)
{
    m_highlightPage = page;
    m_highlight = boxes;
    m_evidencePage = -1;
    if (page < 0 || page >= m_layout.size()) {
        viewport()->update();
        return;
    }
    QRectF united;
    for (const QRectF& b : boxes)
        united = united.united(b);
    if (united.isValid()) {
        const QRect target = pageTransform(page).mapRect(united).toAlignedRect();
        // A third down the view: where the current page is read from, so that it becomes the current page.
        if (!viewport()->rect().contains(target))
            verticalScrollBar()->setValue(verticalScrollBar()->value() + target.center().y() -
                                          viewport()->height() / 3);
    } else if (!viewport()->rect().intersects(pageRectInViewport(page))) {
        goToPage(page);
    }
    updateCurrentPage();
    viewport()->update();
}

void PdfPageView::clearHighlight()
{
    m_highlightPage = -1;
    m_highlight.clear();
    m_evidencePage = -1;
    viewport()->update();
}

void PdfPageView::showEvidence(int page, const QRectF& rect, const QString& quote)
{
    if (!m_doc || page < 0 || page >= m_layout.size())
        return;
    if (rect.isValid() && !rect.isEmpty()) {
        highlight(page, {rect});
        return;
    }
    goToPage(page);
    highlight(page, {});
    if (quote.trimmed().isEmpty())
        return;
    m_evidencePage = page;
    m_evidenceQuote = quote;
    if (m_doc->hasText(page))
        applyEvidenceQuote();
    else
        m_doc->requestText(page);
}

void PdfPageView::applyEvidenceQuote()
{
    const int page = m_evidencePage;
    const PdfPageText text = m_doc->text(page);
    QString plain = text.plainText();
    plain.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QString needle = m_evidenceQuote.simplified();
    const qsizetype pos = plain.indexOf(needle, 0, Qt::CaseInsensitive);
    if (pos >= 0)
        highlight(page, text.boxesForRange(pos, pos + needle.size()));
    m_evidencePage = -1;
}

// ---- rendering requests ----

void PdfPageView::scheduleUpdate()
{
    m_requestTimer.start();
    m_prefetchTimer.start();
}

bool PdfPageView::isPageSharp(int page) const
{
    return m_cache->find(PdfPageCache::key(page, renderScale(), m_rotation)) != nullptr;
}

void PdfPageView::updateRequests(bool withPrefetch)
{
    if (!m_doc || m_doc->state() != PdfDocument::State::Ready || m_layout.isEmpty())
        return;
    const int first = pageAt(QPoint(0, 0), true);
    const int last = pageAt(QPoint(0, viewport()->height()), true);
    const int from = qMax(0, first - (withPrefetch ? PrefetchPages : 0));
    const int to = qMin(int(m_layout.size()) - 1, last + (withPrefetch ? PrefetchPages : 0));
    const double scale = renderScale();

    // Drop what scrolled away (unless a prefetch pass will keep it) or is at the wrong scale.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const bool wrongScale = !(it->key == PdfPageCache::key(it.key(), scale, m_rotation));
        const int keepFrom = qMax(0, first - PrefetchPages);
        const int keepTo = last + PrefetchPages;
        if (wrongScale || it.key() < keepFrom || it.key() > keepTo) {
            m_doc->cancel(it->id);
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    // Visible pages first, nearest the top first; then the neighbours.
    for (int page = from; page <= to; ++page) {
        const PdfPageKey key = PdfPageCache::key(page, scale, m_rotation);
        if (m_cache->find(key) || m_pending.contains(page) || m_failed.contains(page))
            continue;
        const bool visible = page >= first && page <= last;
        const quint32 id = m_doc->requestRender(
            page, scale, m_rotation, visible ? PdfDocument::PriorityVisible : PdfDocument::PriorityPrefetch);
        m_pending.insert(page, Pending{id, key});
    }
}

PdfFirstPage PdfPageView::firstPageHint() const
{
    // What relayout() and renderScale() will settle on for page 1 at the top, the page's own size
    // standing in for the widest page's.
    PdfFirstPage f;
    f.page = 0;
    f.rotation = m_rotation;
    f.devicePixelRatio = devicePixelRatioF();
    if (m_zoomMode == ZoomMode::Custom) {
        f.scale = renderScale();
    } else {
        f.fitWidth = viewport()->width() - 2 * Margin - 2;
        if (m_zoomMode == ZoomMode::FitPage)
            f.fitHeight = viewport()->height() - 2 * Margin;
        f.minPixelsPerPoint = MinZoom * PointsToPixels96;
        f.maxPixelsPerPoint = MaxZoom * PointsToPixels96;
    }
    return f;
}

void PdfPageView::onRendered(quint32 id, int page, const QImage& image)
{
    const auto it = m_pending.find(page);
    if (it == m_pending.end() || it->id != id)
        return;
    m_cache->insert(it->key, image);
    m_pending.erase(it);
    viewport()->update(pageRectInViewport(page));
}

void PdfPageView::onFailed(quint32 id, int page, const PdfError& error)
{
    const auto it = m_pending.find(page);
    if (it != m_pending.end() && it->id == id) {
        m_pending.erase(it);
        m_failed.insert(page, error);
        m_notices->showRetry(page, tr("Retry"));
        placeNotices();
        viewport()->update();
        return;
    }
    // A text request of ours (selection, evidence) failed: carry on without text.
    if (m_regionPendingText && page == m_dragPage) {
        m_regionPendingText = false;
        Q_EMIT regionSelected(page, m_pendingRegion, QString());
    }
}

void PdfPageView::retryPage(int page)
{
    m_failed.remove(page);
    m_notices->removeRetry(page);
    m_requestTimer.start();
    viewport()->update();
}

void PdfPageView::showPageWarning(int page)
{
    if (!isPageIncomplete(page) || m_notices->hasWarning(page))
        return;
    m_notices->showWarning(page, tr("This page may be incomplete: the PDF has errors on it."));
    placeNotices();
}

void PdfPageView::placeNotices()
{
    m_notices->place([this](int page) { return pageRectInViewport(page); });
}

void PdfPageView::onTextReady(int page)
{
    if (page == m_evidencePage)
        applyEvidenceQuote();
    if (page == m_dragPage) {
        if (m_regionPendingText) {
            m_regionPendingText = false;
            m_selectedText = m_doc->text(page).textIn(m_pendingRegion);
            Q_EMIT regionSelected(page, m_pendingRegion, m_selectedText);
        } else if (m_selectionMode == SelectionMode::Text) {
            updateTextSelection();
        }
    }
}

// ---- painting ----

void PdfPageView::paintEvent(QPaintEvent* event)
{
    QPainter p(viewport());
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    if (!m_doc || m_layout.isEmpty()) {
        if (m_doc && m_doc->state() == PdfDocument::State::Opening && !m_placeholder.isEmpty()) {
            p.setPen(palette().color(QPalette::BrightText));
            p.drawText(viewport()->rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        }
        return;
    }
    const int first = pageAt(event->rect().topLeft(), true);
    const int last = pageAt(event->rect().bottomLeft(), true);
    const double scale = renderScale();
    bool missing = false;
    for (int page = first; page <= last && page >= 0; ++page) {
        const QRect r = pageRectInViewport(page);
        if (!r.intersects(event->rect()))
            continue;
        p.fillRect(r.translated(2, 2), QColor(0, 0, 0, 60));
        p.fillRect(r, Qt::white);
        if (const auto failed = m_failed.constFind(page); failed != m_failed.cend()) {
            p.setPen(QColor(160, 0, 0));
            p.drawText(r.adjusted(20, 0, -20, -40), Qt::AlignCenter | Qt::TextWordWrap,
                       tr("Page %1 could not be displayed: %2").arg(page + 1).arg(failed->message));
            continue;
        }
        if (const QImage* image = m_cache->find(PdfPageCache::key(page, scale, m_rotation))) {
            p.drawImage(r, *image);
        } else if (const QImage* lowRes = m_cache->findAnyScale(page, m_rotation)) {
            p.drawImage(r, *lowRes); // low resolution first, sharp when it arrives
            missing = true;
        } else {
            p.setPen(Qt::gray);
            p.drawText(r, Qt::AlignCenter, tr("Page %1").arg(page + 1));
            missing = true;
        }
        if (page == m_highlightPage && !m_highlight.isEmpty()) {
            const QTransform t = pageTransform(page);
            for (const QRectF& box : std::as_const(m_highlight)) {
                const QRectF v = t.mapRect(box).adjusted(-2, -2, 2, 2);
                p.fillRect(v, QColor(255, 210, 0, 90));
                p.setPen(QPen(QColor(230, 150, 0), 2));
                p.drawRect(v);
            }
        }
        if (page == m_dragPage) {
            const QTransform t = pageTransform(page);
            for (const QRectF& box : std::as_const(m_selectionBoxes))
                p.fillRect(t.mapRect(box), QColor(40, 110, 220, 80));
            if (m_dragging && m_selectionMode == SelectionMode::Region) {
                p.setPen(QPen(QColor(40, 110, 220), 1, Qt::DashLine));
                p.setBrush(QColor(40, 110, 220, 40));
                p.drawRect(t.mapRect(QRectF(m_dragStart, m_dragEnd).normalized()));
                p.setBrush(Qt::NoBrush);
            }
        }
    }
    if (missing)
        m_requestTimer.start();
}

void PdfPageView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void PdfPageView::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx);
    Q_UNUSED(dy);
    placeNotices();
    viewport()->update();
    updateCurrentPage();
    scheduleUpdate();
}

void PdfPageView::wheelEvent(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    // Keep the point under the mouse where it is.
    const QPoint pos = event->position().toPoint();
    const int page = pageAt(pos, true);
    const QPointF anchor = page >= 0 ? viewportToPage(page, pos) : QPointF();
    setZoom(m_zoom * std::pow(1.15, steps));
    if (page >= 0) {
        const QPoint now = pageToViewport(page, anchor);
        verticalScrollBar()->setValue(verticalScrollBar()->value() + now.y() - pos.y());
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + now.x() - pos.x());
    }
    event->accept();
}

// ---- selection ----

void PdfPageView::clearSelection()
{
    m_dragging = false;
    m_dragPage = -1;
    m_selectionBoxes.clear();
    m_selectedText.clear();
    m_regionPendingText = false;
    viewport()->update();
}

int PdfPageView::wordAt(const PdfPageText& text, const QPointF& p) const
{
    int best = -1;
    double bestDistance = 1e18;
    for (qsizetype i = 0; i < text.words.size(); ++i) {
        const QRectF& b = text.words[i].box;
        if (b.contains(p))
            return int(i);
        const double dx = qMax(0.0, qMax(b.left() - p.x(), p.x() - b.right()));
        const double dy = qMax(0.0, qMax(b.top() - p.y(), p.y() - b.bottom()));
        const double d = dx * dx + 100 * dy * dy; // strongly prefer the same line
        if (d < bestDistance) {
            bestDistance = d;
            best = int(i);
        }
    }
    return best;
}

void PdfPageView::updateTextSelection()
{
    m_selectionBoxes.clear();
    m_selectedText.clear();
    if (!m_doc || m_dragPage < 0 || !m_doc->hasText(m_dragPage))
        return;
    const PdfPageText text = m_doc->text(m_dragPage);
    int a = wordAt(text, m_dragStart);
    int b = wordAt(text, m_dragEnd);
    if (a < 0 || b < 0 || m_dragStart == m_dragEnd)
        return;
    if (a > b)
        std::swap(a, b);
    QList<int> starts;
    text.plainText(&starts);
    const qsizetype from = starts[a];
    const qsizetype to = starts[b] + text.words[b].text.size();
    m_selectionBoxes = text.boxesForRange(from, to);
    m_selectedText = text.plainText().mid(from, to - from);
    viewport()->update();
}

void PdfPageView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    clearSelection();
    const int page = pageAt(event->position().toPoint(), false);
    if (page < 0 || !m_doc || m_failed.contains(page))
        return;
    m_dragging = true;
    m_dragPage = page;
    m_dragStart = m_dragEnd = viewportToPage(page, event->position().toPoint());
    if (m_selectionMode == SelectionMode::Text && !m_doc->hasText(page))
        m_doc->requestText(page);
}

void PdfPageView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging)
        return;
    const QSizeF size = m_doc->pageSize(m_dragPage);
    QPointF p = viewportToPage(m_dragPage, event->position().toPoint());
    p.setX(qBound(0.0, p.x(), size.width()));
    p.setY(qBound(0.0, p.y(), size.height()));
    m_dragEnd = p;
    if (m_selectionMode == SelectionMode::Text)
        updateTextSelection();
    viewport()->update();
}

void PdfPageView::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    mouseMoveEvent(event);
    m_dragging = false;
    const int page = m_dragPage;
    if (m_selectionMode == SelectionMode::Text) {
        if (!m_selectedText.isEmpty()) {
            QRectF united;
            for (const QRectF& b : std::as_const(m_selectionBoxes))
                united = united.united(b);
            Q_EMIT textSelected(page, united, m_selectedText);
        }
        return;
    }
    const QRectF rect = QRectF(m_dragStart, m_dragEnd).normalized();
    if (rect.width() < 3 || rect.height() < 3) {
        clearSelection();
        return;
    }
    m_selectionBoxes = {rect};
    viewport()->update();
    if (m_doc->hasText(page)) {
        m_selectedText = m_doc->text(page).textIn(rect);
        Q_EMIT regionSelected(page, rect, m_selectedText);
    } else {
        m_regionPendingText = true;
        m_pendingRegion = rect;
        m_doc->requestText(page);
    }
}

void PdfPageView::copySelection() const
{
    if (!m_selectedText.isEmpty())
        QApplication::clipboard()->setText(m_selectedText);
}

void PdfPageView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

} // namespace rd
