// Bounded cache of rendered pages, keyed by page, scale and rotation; cost in KiB. The cap comes
// from QSettings "pdf/pixmapCacheKiB" (default 64 MiB: about ten pages at fit width on a large screen,
// enough for the visible pages, the prefetched neighbours and the thumbnails; a page scrolled back to
// after that is rendered again, a few ms). Shared by the page view and the thumbnails
// of one viewer so that a thumbnail can stand in while the full page renders.
#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QSet>

namespace rd {

struct PdfPageKey
{
    int page = 0;
    int scaleMilli = 0; // scale in pixels per point, times 1000
    int rotation = 0;
    bool operator==(const PdfPageKey&) const = default;
};

inline size_t qHash(const PdfPageKey& k, size_t seed = 0)
{
    return ::qHash(k.page, seed) ^ ::qHash(k.scaleMilli * 4 + k.rotation, seed + 1);
}

class PdfPageCache
{
public:
    static constexpr int DefaultCapKiB = 64 * 1024;

    PdfPageCache();
    static PdfPageKey key(int page, double scale, int rotation)
    {
        return PdfPageKey{page, int(scale * 1000.0 + 0.5), rotation & 3};
    }

    void insert(const PdfPageKey& key, const QImage& image);
    const QImage* find(const PdfPageKey& key) const { return m_cache.object(key); }
    // The largest cached image of page at rotation, any scale (for low-res-first placeholders).
    const QImage* findAnyScale(int page, int rotation) const;
    void clear();
    qint64 totalCostKiB() const { return m_cache.totalCost(); }
    qint64 maxCostKiB() const { return m_cache.maxCost(); }
    int count() const { return int(m_cache.count()); }

private:
    QCache<PdfPageKey, QImage> m_cache;
    // Keys per page, to find other scales without scanning the cache (may hold evicted keys).
    QHash<int, QSet<PdfPageKey>> m_byPage;
};

} // namespace rd
