// The pages of one PdfDocument in a continuous vertical scroll (the main area of PdfViewer).
// Renders only what is visible (plus a debounced prefetch of the neighbours), cancels renders of
// pages that scrolled away, shows a cached lower-resolution image while the sharp one renders, and
// shows a failure in place of the page with a Retry button, and a warning on a page that rendered with
// errors (PdfDocument::hasPageProblems). Never waits on the worker.
#pragma once

#include "model/pdf/PdfDocument.h"
#include "model/pdf/protocol/PdfTypes.h"
#include "ui/pdf/PdfPageCache.h"
#include "ui/pdf/PdfPageNotices.h"

#include <QAbstractScrollArea>
#include <QHash>
#include <QPointer>
#include <QTimer>

namespace rd {

class PdfDocument;

class PdfPageView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    enum class ZoomMode
    {
        FitWidth,
        FitPage,
        Custom
    };
    Q_ENUM(ZoomMode)
    enum class SelectionMode
    {
        Text,
        Region
    };
    Q_ENUM(SelectionMode)

    PdfPageView(PdfPageCache* cache, QWidget* parent = nullptr);

    void setDocument(PdfDocument* document);
    // Shown in the middle while the document has no pages to show (opening).
    void setPlaceholderText(const QString& text);
    PdfDocument* document() const { return m_doc; }

    ZoomMode zoomMode() const { return m_zoomMode; }
    void setZoomMode(ZoomMode mode);
    // Zoom factor: 1.0 shows a page at 96 dpi (its size in points * 96/72).
    double zoom() const { return m_zoom; }
    void setZoom(double zoom); // switches to Custom
    int rotation() const { return m_rotation; }
    void setRotation(int quarterTurns);
    void setSelectionMode(SelectionMode mode);

    int currentPage() const { return m_currentPage; }
    void goToPage(int page, double yPoints = 0.0);

    // Highlights boxes (points) on page and scrolls them into view.
    void highlight(int page, const QList<QRectF>& boxes);
    void clearHighlight();
    int highlightedPage() const { return m_highlight.isEmpty() ? -1 : m_highlightPage; }
    // Scrolls to page and highlights rect; when rect is empty and quote is not, finds the quote in the
    // page's text (extracted on demand) and highlights it.
    void showEvidence(int page, const QRectF& rect, const QString& quote);

    QString selectedText() const { return m_selectedText; }
    void copySelection() const;
    void clearSelection();

    // Tests and diagnostics.
    QRect pageRectInViewport(int page) const;
    QPointF viewportToPage(int page, const QPoint& viewportPos) const;
    QPoint pageToViewport(int page, const QPointF& points) const;
    bool isPageFailed(int page) const { return m_failed.contains(page); }
    QString pageError(int page) const { return m_failed.value(page).message; }
    // Poppler drew the page but reported errors on the way: it may be blank or partial, and says so
    // (pageWarning, once the page has been rendered).
    bool isPageIncomplete(int page) const { return m_doc && m_doc->hasPageProblems(page); }
    QLabel* pageWarning(int page) const { return m_notices->warning(page); }
    int pendingRenderCount() const { return int(m_pending.size()); }
    bool isPageSharp(int page) const;
    double renderScale() const; // pixels per point, including the device pixel ratio

public Q_SLOTS:
    void retryPage(int page);

Q_SIGNALS:
    void currentPageChanged(int page);
    void zoomChanged(double zoom);
    // Evidence: page, rect in points (see PdfTypes.h), the text inside (empty on a scanned page).
    void regionSelected(int page, const QRectF& rect, const QString& text);
    void textSelected(int page, const QRectF& rect, const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Pending
    {
        quint32 id = 0;
        PdfPageKey key;
    };

    void relayout(bool keepPosition = true);
    QSizeF displaySizePoints(int page) const; // rotated
    double pixelsPerPoint() const;            // logical pixels per point
    int pageAt(const QPoint& viewportPos, bool nearest) const;
    QTransform pageTransform(int page) const; // points -> viewport
    void scheduleUpdate();
    void updateRequests(bool withPrefetch);
    void onRendered(quint32 id, int page, const QImage& image);
    PdfFirstPage firstPageHint() const;
    void onFailed(quint32 id, int page, const PdfError& error);
    void onTextReady(int page);
    void showPageWarning(int page);
    void placeNotices();
    void updateCurrentPage();
    void updateTextSelection();
    int wordAt(const PdfPageText& text, const QPointF& p) const;
    void applyEvidenceQuote();

    PdfPageCache* m_cache;
    QPointer<PdfDocument> m_doc;
    QString m_placeholder;
    ZoomMode m_zoomMode = ZoomMode::FitWidth;
    double m_zoom = 1.0;
    int m_rotation = 0;
    SelectionMode m_selectionMode = SelectionMode::Text;
    QList<QRectF> m_layout; // page rects in content pixels
    int m_contentWidth = 0;
    int m_contentHeight = 0;
    int m_currentPage = -1;

    QHash<int, Pending> m_pending;
    QHash<int, PdfError> m_failed;
    PdfPageNotices* m_notices;
    QTimer m_requestTimer;  // coalesces requests for visible pages
    QTimer m_prefetchTimer; // debounced prefetch of neighbours

    int m_highlightPage = -1;
    QList<QRectF> m_highlight;
    int m_evidencePage = -1;
    QString m_evidenceQuote;

    // Selection.
    bool m_dragging = false;
    int m_dragPage = -1;
    QPointF m_dragStart; // points
    QPointF m_dragEnd;
    QList<QRectF> m_selectionBoxes;
    QString m_selectedText;
    bool m_regionPendingText = false;
    QRectF m_pendingRegion;
};

} // namespace rd
