#include "ui/workspace/WorkspaceQueueModel.h"

#include "checklist/CaseData.h"
#include "ui/DueClock.h"
#include "ui/Palette.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/workspace/WorkspaceQueue.h"

namespace rd {

WorkspaceQueueModel::WorkspaceQueueModel(WorkspaceQueue* queue, QObject* parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
{
    connect(m_queue, &WorkspaceQueue::entriesChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int WorkspaceQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_queue->entries().size());
}

int WorkspaceQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WorkspaceQueueModel::queueLabel(const QString& queue)
{
    if (queue == Workspace::MedicalDirectorQueue)
        return tr("Medical director");
    if (queue == Workspace::ReviewQueue)
        return tr("Review");
    return queue;
}

QVariant WorkspaceQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_queue->entries().size())
        return {};
    const QueueEntry& entry = m_queue->entries().at(index.row());
    const auto status = caseStatusFromString(entry.status);
    const bool finished = entry.isSigned || status == CaseStatus::Determined;
    if (role == CaseIdRole)
        return entry.caseId;
    if (role == Qt::ForegroundRole && index.column() == DueColumn) {
        bool overdue = false;
        DueClock::text(entry.dueBy, QDateTime::currentDateTimeUtc(), finished, &overdue);
        return overdue ? QVariant(palette::tone(palette::Tone::Bad)) : QVariant();
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case CaseColumn:
        return entry.caseId;
    case MemberColumn:
        return entry.memberName.isEmpty() ? entry.memberId
                                          : tr("%1 (%2)").arg(entry.memberName, entry.memberId);
    case DueColumn: {
        const QString clock = DueClock::text(entry.dueBy, QDateTime::currentDateTimeUtc(), finished);
        return entry.urgency == QLatin1String("expedited") ? tr("%1 · expedited").arg(clock) : clock;
    }
    case StatusColumn: {
        const QString label = status ? CaseQueueModel::statusLabel(*status) : entry.status;
        return entry.isSigned ? tr("%1, signed").arg(label) : label;
    }
    case QueueColumn:
        return queueLabel(entry.queue);
    case HolderColumn:
        return entry.assignee.isEmpty() ? tr("—") : entry.assignee;
    default:
        return {};
    }
}

QVariant WorkspaceQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CaseColumn:
        return tr("Case");
    case MemberColumn:
        return tr("Member");
    case DueColumn:
        return tr("Due by");
    case StatusColumn:
        return tr("Status");
    case QueueColumn:
        return tr("Queue");
    case HolderColumn:
        return tr("Holder");
    default:
        return {};
    }
}

} // namespace rd
