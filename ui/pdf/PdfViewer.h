// The PDF viewer widget: toolbar (page, zoom, rotate, selection mode, copy), page thumbnails and
// search on the side, the pages in a continuous scroll (PdfPageView). Works over a PdfDocument
// (model/pdf), so no Poppler here: a hostile file can only break its worker process, and the viewer
// shows what failed in place of the page, with Retry.
//
// Evidence: rectangles are in PDF points from the top-left of the page as displayed with its own
// /Rotate (see PdfTypes.h), independent of the viewer's zoom and rotation.
#pragma once

#include "model/pdf/PdfDocument.h"
#include "ui/pdf/PdfPageView.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace rd {

class PdfDocument;
class PdfPageCache;
class PdfSearchPanel;
class PdfTextPrefetch;
class PdfThumbnailModel;

class PdfViewer : public QWidget
{
    Q_OBJECT
public:
    explicit PdfViewer(QWidget* parent = nullptr);
    ~PdfViewer() override;

    // Shows document (not owned; may be null). Follows its state: opening, password, failed, ready.
    void setDocument(PdfDocument* document);
    PdfDocument* document() const { return m_doc; }

    int currentPage() const;
    void setCurrentPage(int page);
    void setZoomMode(PdfPageView::ZoomMode mode);
    void setZoom(double zoom); // 1.0 = 100 %
    double zoom() const;
    void setRotation(int quarterTurns);
    int rotation() const;
    void setSelectionMode(PdfPageView::SelectionMode mode);
    // Extract the document's text in the background after its first page (PdfTextPrefetch), so that a
    // search is answered from memory. Off by default; takes effect with the next setDocument().
    void setTextPrefetch(bool on) { m_textPrefetchOn = on; }
    PdfTextPrefetch* textPrefetch() const { return m_textPrefetch; }

    // Jump to evidence: show page, highlight rect (points), or the quote when rect is empty.
    void showEvidence(int page, const QRectF& rect, const QString& quote = {});
    void highlight(int page, const QList<QRectF>& boxes);
    QString selectedText() const;

    PdfPageView* pageView() const { return m_view; }
    PdfSearchPanel* searchPanel() const { return m_search; }
    const PdfPageCache* cache() const { return m_cache.get(); }

public Q_SLOTS:
    void copy();
    // Shows the search tab and focuses its box (Ctrl+F).
    void showSearch();
    // The next / previous search hit (F3 / Shift+F3), shown and highlighted.
    void findNext();
    void findPrevious();
    void rotateLeft();
    void rotateRight();
    void zoomIn();
    void zoomOut();

Q_SIGNALS:
    void currentPageChanged(int page);
    // Rectangle selection (scanned pages too): page, rect in points, the text inside (may be empty).
    void regionSelected(int page, const QRectF& rect, const QString& text);
    // Text selection: page, the selection's bounding rect in points, the selected text.
    void textSelected(int page, const QRectF& rect, const QString& text);
    // A search hit is shown and highlighted (found first, or stepped to): page, the hit's bounding rect
    // in points, the matched words.
    void searchHitShown(int page, const QRectF& rect, const QString& text);

protected:
    // Ctrl+F, F3 and Shift+F3 belong to the viewer while the focus is in it, even when the window has
    // shortcuts of its own for them (Find in Queue).
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void onStateChanged();
    void showPageView();
    void updateZoomBox();

    std::unique_ptr<PdfPageCache> m_cache;
    QPointer<PdfDocument> m_doc;
    bool m_textPrefetchOn = false;
    PdfTextPrefetch* m_textPrefetch = nullptr;
    PdfPageView* m_view;
    PdfThumbnailModel* m_thumbnails;
    QListView* m_thumbnailView;
    PdfSearchPanel* m_search;
    QTabWidget* m_side;
    QStackedWidget* m_stack;
    QLabel* m_message;
    QLineEdit* m_password;
    QWidget* m_passwordRow;
    QToolButton* m_retryOpen;
    QSpinBox* m_page;
    QLabel* m_pageCount;
    QComboBox* m_zoomBox;
    QToolButton* m_textMode;
    QToolButton* m_regionMode;
};

} // namespace rd
