// Sorting, the status filter and the search box of the case queue; for a case pended for
// information, the request-for-information clock in the due column (RequestClock, the rule the letter
// and `reviewdesk-cli evaluate --json` use) instead of the first decision clock, which it stopped.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/RequestClock.h"
#include "model/letters/PlanInfo.h"

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

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // The clock of a pended case: the request for information counted from the case's last change
    // (when it was pended), under the installation's plan type. Empty when the row is not pended.
    std::optional<InformationClock> informationClock(int sourceRow) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    // By due time, a pended case sorts by when the provider's answer is due.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    StatusFilter m_filter = StatusFilter::Open;
    CaseStatus m_status = CaseStatus::New;
    QStringList m_words;
    mutable std::optional<PlanInfo> m_plan; // read once, when a pended case first shows
    mutable bool m_planRead = false;
};

} // namespace rd
