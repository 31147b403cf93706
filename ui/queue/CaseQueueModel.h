// The case queue: one row per *.rdcase file of a folder, read with CaseFile::readSummary off the
// GUI thread. Rows appear as their files are read (a few parts, the first one small), so a long folder
// shows its first cases at once. Follows files added, changed and removed (QFileSystemWatcher,
// debounced).
#pragma once

#include "model/casefile/CaseFile.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QString>

class QFileSystemWatcher;
class QTimer;

namespace rd {

class CaseQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        MemberColumn,
        CodesColumn,
        UrgencyColumn,
        ReceivedColumn,
        DueColumn,
        StatusColumn,
        ReviewerColumn,
        RequestColumn, // the trace number of a request imported from FHIR
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        PathRole,
        StatusRole,
        OverdueRole,
        SearchTextRole
    };

    explicit CaseQueueModel(QObject* parent = nullptr);
    ~CaseQueueModel() override;

    void setFolder(const QString& folder);
    QString folder() const { return m_folder; }
    // Re-reads the folder now (new, changed and removed files).
    void rescan();
    // Re-reads one case's row (after this app changed it).
    void refreshCase(const QString& path);
    bool isLoading() const { return m_pending > 0; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString pathAt(int row) const;
    int rowOf(const QString& path) const;

    static QString statusLabel(CaseStatus status);

    struct Row
    {
        QString path;
        CaseSummary summary;
        QString error; // the file could not be read
        QDateTime dueBy;
        QDateTime modified;
        qint64 size = -1;
    };

Q_SIGNALS:
    // A listing pass finished: rows now reflect the folder; elapsed is the time it took. Rows were
    // inserted before, as their files were read.
    void loaded(int rows, qint64 elapsedMs);

private:
    void scheduleRescan();
    // The end of a full listing: rows of files no longer there go.
    void finishListing(const QStringList& files, qint64 elapsedMs);
    void mergeRows(const QList<Row>& rows);
    QString timeLeftText(const Row& row) const;
    bool isOverdue(const Row& row) const;

    QString m_folder;
    QList<Row> m_rows;
    QHash<QString, int> m_index; // path -> row
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_debounce = nullptr;
    QTimer* m_clock = nullptr;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace rd
