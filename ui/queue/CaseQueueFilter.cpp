#include "ui/queue/CaseQueueFilter.h"

#include "ui/queue/CaseQueueModel.h"

namespace rd {

CaseQueueFilter::CaseQueueFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CaseQueueModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void CaseQueueFilter::setStatusFilter(StatusFilter filter, CaseStatus status)
{
    m_filter = filter;
    m_status = status;
    invalidateFilter();
}

void CaseQueueFilter::setSearchText(const QString& text)
{
    m_words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool CaseQueueFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QVariant status = index.data(CaseQueueModel::StatusRole);
    if (status.isValid()) {
        const auto value = CaseStatus(status.toInt());
        if (m_filter == StatusFilter::Open && value == CaseStatus::Determined)
            return false;
        if (m_filter == StatusFilter::Only && value != m_status)
            return false;
    } else if (m_filter == StatusFilter::Only) {
        return false; // unreadable files show under All and Open only
    }
    if (m_words.isEmpty())
        return true;
    const QString haystack = index.data(CaseQueueModel::SearchTextRole).toString();
    for (const QString& word : m_words)
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    return true;
}

} // namespace rd
