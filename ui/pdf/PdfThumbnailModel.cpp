#include "ui/pdf/PdfThumbnailModel.h"

#include "model/pdf/PdfDocument.h"

#include <QColor>
#include <QPixmap>

namespace rd {

PdfThumbnailModel::PdfThumbnailModel(PdfPageCache* cache, QObject* parent)
    : QAbstractListModel(parent)
    , m_cache(cache)
{}

void PdfThumbnailModel::setDocument(PdfDocument* document)
{
    beginResetModel();
    if (m_doc) {
        for (quint32 id : std::as_const(m_pendingByPage))
            m_doc->cancel(id);
        m_doc->disconnect(this);
    }
    m_pending.clear();
    m_pendingByPage.clear();
    m_doc = document;
    if (m_doc) {
        connect(m_doc, &PdfDocument::pageRendered, this,
                [this](quint32 id, int page, double scale, int rotation, const QImage& image) {
                    if (!m_pending.remove(id))
                        return;
                    m_pendingByPage.remove(page);
                    m_cache->insert(PdfPageCache::key(page, scale, rotation), image);
                    const QModelIndex i = index(page);
                    Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
                });
        connect(m_doc, &PdfDocument::requestFailed, this, [this](quint32 id, int page, const PdfError&) {
            if (m_pending.remove(id))
                m_pendingByPage.remove(page);
        });
        connect(m_doc, &PdfDocument::stateChanged, this, [this] {
            beginResetModel();
            endResetModel();
        });
        // Other page sizes, other thumbnail sizes and scales.
        connect(m_doc, &PdfDocument::pageSizesChanged, this, [this] {
            beginResetModel();
            endResetModel();
        });
    }
    endResetModel();
}

void PdfThumbnailModel::setRotation(int rotation)
{
    beginResetModel();
    m_rotation = rotation & 3;
    endResetModel();
}

void PdfThumbnailModel::cancelOutside(int first, int last)
{
    if (!m_doc)
        return;
    for (auto it = m_pendingByPage.begin(); it != m_pendingByPage.end();) {
        if (it.key() < first || it.key() > last) {
            m_doc->cancel(it.value());
            m_pending.remove(it.value());
            it = m_pendingByPage.erase(it);
        } else {
            ++it;
        }
    }
}

int PdfThumbnailModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_doc || m_doc->state() != PdfDocument::State::Ready)
        return 0;
    return m_doc->pageCount();
}

double PdfThumbnailModel::scaleFor(int page) const
{
    QSizeF s = m_doc->pageSize(page);
    if (m_rotation & 1)
        s.transpose();
    // Quantized so that neighbouring pages of the same size share a key scale.
    return std::floor(ThumbnailWidth / qMax(1.0, s.width()) * 1000.0) / 1000.0;
}

QSize PdfThumbnailModel::thumbnailSize(int page) const
{
    QSizeF s = m_doc->pageSize(page);
    if (m_rotation & 1)
        s.transpose();
    return (s * scaleFor(page)).toSize();
}

QVariant PdfThumbnailModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_doc)
        return {};
    const int page = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return QString::number(page + 1);
    case Qt::DecorationRole: {
        const double scale = scaleFor(page);
        if (const QImage* image = m_cache->find(PdfPageCache::key(page, scale, m_rotation)))
            return QPixmap::fromImage(*image);
        if (!m_pendingByPage.contains(page)) {
            const quint32 id = m_doc->requestRender(page, scale, m_rotation, PdfDocument::PriorityThumbnail);
            m_pending.insert(id, page);
            m_pendingByPage.insert(page, id);
        }
        QPixmap blank(thumbnailSize(page));
        blank.fill(QColor(245, 245, 245));
        return blank;
    }
    case Qt::SizeHintRole:
        return thumbnailSize(page) + QSize(16, 28);
    default:
        return {};
    }
}

} // namespace rd
