// The team workspace's queue as the desktop sees it: the list of cases (model/workspace/Workspace),
// kept current by LISTEN/NOTIFY, and Take Next Case.
//
// Threading: the Workspace (one PostgreSQL connection) lives on a thread of its own (WorkerThread):
// connecting, LISTEN, listing and taking run there, and a QSocketNotifier on that thread watches the
// connection's socket, so a change anyone makes is listed again at once (well under a second) without
// the GUI thread ever touching the network. Notifications are coalesced: any member may send them, and
// a flood of them lists the queue at most once a second (the first at once, the rest together). When the
// connection is lost the queue says so (reachableChanged) and tries again every few seconds by itself.
#pragma once

#include "model/workspace/Workspace.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace rd {

class WorkerThread;

class WorkspaceQueue : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceQueue(QObject* parent = nullptr);
    ~WorkspaceQueue() override;

    // Connects to url (the workspace URL as the person: WorkspaceSettings::urlFor), listens, lists.
    void open(const QString& url);
    QString url() const { return m_url; }
    bool isOpen() const { return !m_url.isEmpty(); }
    bool isReachable() const { return m_reachable; }
    QString lastError() const { return m_error; }
    const QList<QueueEntry>& entries() const { return m_entries; }
    std::optional<QueueEntry> entry(const QString& caseId) const;
    // How often the workspace was listed so far (what a flood of notifications costs).
    int listings() const;

    // Lists again now (a change is listed by itself; this is for after one's own change).
    void refresh();
    // Assigns the most urgent unassigned case of queue to the person; done(caseId, error) here: an empty
    // id and an empty error when the queue is empty.
    void takeNext(const QString& queue,
                  std::function<void(const QString& caseId, const QString& error)> done);

Q_SIGNALS:
    void entriesChanged();
    void reachableChanged(bool reachable);

private:
    struct Shared;
    void connectNow();
    void listed(bool ok, const QList<QueueEntry>& entries, const QString& error);

    QString m_url;
    WorkerThread* m_thread = nullptr;
    std::shared_ptr<Shared> m_shared; // used on m_thread only
    QList<QueueEntry> m_entries;
    bool m_reachable = false;
    QString m_error;
    QTimer* m_retry = nullptr;
};

} // namespace rd
