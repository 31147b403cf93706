#include "ui/queue/CaseQueueFilter.h"

#include "ui/DueClock.h"
#include "ui/Palette.h"
#include "ui/queue/CaseQueueModel.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

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

bool CaseQueueFilter::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (left.column() != CaseQueueModel::DueColumn)
        return QSortFilterProxyModel::lessThan(left, right);
    const auto due = [this](const QModelIndex& index) {
        const auto clock = informationClock(index.row());
        return clock ? clock->respondBy : index.data(CaseQueueModel::SortRole).toDateTime();
    };
    const QDateTime a = due(left);
    const QDateTime b = due(right);
    if (!a.isValid() || !b.isValid()) // an unreadable file: as the model sorts it
        return QSortFilterProxyModel::lessThan(left, right);
    return a < b;
}

std::optional<InformationClock> CaseQueueFilter::informationClock(int sourceRow) const
{
    const auto* model = qobject_cast<const CaseQueueModel*>(sourceModel());
    const CaseQueueModel::Row* row = model ? model->rowAt(sourceRow) : nullptr;
    if (!row || !row->error.isEmpty() || row->summary.status != CaseStatus::PendedForInformation ||
        !row->summary.lastChange.isValid())
        return std::nullopt;
    if (!m_planRead) {
        QString error;
        m_plan = PlanInfo::load(QString(), &error); // a broken plan file: the compiled-in rules
        m_planRead = true;
    }
    Request request;
    request.urgency = row->summary.urgency;
    request.receivedAt = row->summary.receivedAt;
    const ClockRules rules = m_plan ? m_plan->rules().clock : ClockRules();
    const InformationClock clock =
        RequestClock::forInformationRequest(request, rules, row->summary.lastChange);
    if (!clock.respondBy.isValid())
        return std::nullopt;
    return clock;
}

QVariant CaseQueueFilter::data(const QModelIndex& index, int role) const
{
    const bool dueCell = index.column() == CaseQueueModel::DueColumn;
    if (!index.isValid() || (!dueCell && role != CaseQueueModel::OverdueRole))
        return QSortFilterProxyModel::data(index, role);
    const auto clock = informationClock(mapToSource(index).row());
    if (!clock)
        return QSortFilterProxyModel::data(index, role);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool late = false;
    const QString answerBy = DueClock::text(clock->respondBy, now, false, &late);
    switch (role) {
    case Qt::DisplayRole:
        return tr("RFI: answer by %1").arg(answerBy);
    case Qt::ToolTipRole: {
        const auto when = [](const QDateTime& time) {
            return QLocale().toString(time.toLocalTime(), tr("MMM d, HH:mm", "date format (QDateTime)"));
        };
        QString tip = tr("Pended for information on %1. The provider's answer is due by %2; the decision "
                         "is due %3 after the answer, and by %4 at the latest.")
                          .arg(when(clock->requestedAt), when(clock->respondBy),
                               DueClock::span(clock->decisionSecondsAfterAnswer), when(clock->decisionDueBy));
        if (clock->tolled)
            tip += QLatin1Char(' ') + tr("The decision clock stops until the answer comes.");
        return tip;
    }
    case CaseQueueModel::OverdueRole:
        return late;
    case Qt::ForegroundRole:
        return late ? QVariant(QBrush(palette::tone(palette::Tone::Bad))) : QVariant();
    case Qt::FontRole:
        if (late) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return QSortFilterProxyModel::data(index, role);
    }
}

} // namespace rd
