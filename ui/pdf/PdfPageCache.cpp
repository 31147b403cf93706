#include "ui/pdf/PdfPageCache.h"

#include <QSettings>

namespace rd {

PdfPageCache::PdfPageCache()
{
    const QSettings settings;
    const int cap = settings.value(QStringLiteral("pdf/pixmapCacheKiB"), DefaultCapKiB).toInt();
    m_cache.setMaxCost(qMax(1024, cap));
}

void PdfPageCache::insert(const PdfPageKey& key, const QImage& image)
{
    const qsizetype cost = qMax<qsizetype>(1, image.sizeInBytes() / 1024);
    if (!m_cache.insert(key, new QImage(image), cost))
        return;
    QSet<PdfPageKey>& keys = m_byPage[key.page];
    keys.removeIf([this](const PdfPageKey& k) { return !m_cache.contains(k); });
    keys.insert(key);
}

const QImage* PdfPageCache::findAnyScale(int page, int rotation) const
{
    const auto it = m_byPage.constFind(page);
    if (it == m_byPage.cend())
        return nullptr;
    const QImage* best = nullptr;
    for (const PdfPageKey& k : *it) {
        if (k.rotation != (rotation & 3))
            continue;
        const QImage* image = m_cache.object(k);
        if (image && (!best || image->width() > best->width()))
            best = image;
    }
    return best;
}

void PdfPageCache::clear()
{
    m_cache.clear();
    m_byPage.clear();
}

} // namespace rd
