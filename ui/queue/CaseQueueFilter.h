// Sorting, the status filter and the search box of the case queue.
#pragma once

#include "checklist/CaseData.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace rd {

class CaseQueueFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class StatusFilter
    {
        All,
        Open,
        Only
    };

    explicit CaseQueueFilter(QObject* parent = nullptr);

    // Open: every case that is not determined. Only: the cases of one status.
    void setStatusFilter(StatusFilter filter, CaseStatus status = CaseStatus::New);
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    StatusFilter m_filter = StatusFilter::Open;
    CaseStatus m_status = CaseStatus::New;
    QStringList m_words;
};

} // namespace rd
