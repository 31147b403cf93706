// Page thumbnails for PdfViewer's side list: low-resolution renders requested only for the rows the
// view asks for, at thumbnail priority (after the visible pages).
#pragma once

#include "model/pdf/PdfDocument.h"
#include "ui/pdf/PdfPageCache.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>

namespace rd {

class PdfDocument;

class PdfThumbnailModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int ThumbnailWidth = 110;

    PdfThumbnailModel(PdfPageCache* cache, QObject* parent = nullptr);
    void setDocument(PdfDocument* document);
    void setRotation(int rotation);
    // Cancels the thumbnail renders of rows outside [first, last] (they scrolled away).
    void cancelOutside(int first, int last);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    double scaleFor(int page) const;
    QSize thumbnailSize(int page) const;

    PdfPageCache* m_cache;
    QPointer<PdfDocument> m_doc;
    int m_rotation = 0;
    mutable QHash<quint32, int> m_pending; // request id -> page
    mutable QHash<int, quint32> m_pendingByPage;
};

} // namespace rd
