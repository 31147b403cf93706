// The team workspace's queue as a table: case id, member, due-by clock, status, queue, holder, in the
// server's order (expedited first, then by due-by). The rows are WorkspaceQueue's, replaced whenever it
// lists again.
#pragma once

#include <QAbstractTableModel>

namespace rd {

class WorkspaceQueue;

class WorkspaceQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        CaseColumn,
        MemberColumn,
        DueColumn,
        StatusColumn,
        QueueColumn,
        HolderColumn,
        ColumnCount
    };
    static constexpr int CaseIdRole = Qt::UserRole;

    explicit WorkspaceQueueModel(WorkspaceQueue* queue, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString queueLabel(const QString& queue);

private:
    WorkspaceQueue* m_queue = nullptr;
};

} // namespace rd
