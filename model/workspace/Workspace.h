// The team workspace: one PostgreSQL database holding a department's cases, their queue and the
// organization roster (docs/workspace.md). A Workspace owns one PgConnection (same threading
// contract: one thread at a time, every call may wait on the network, never the GUI thread).
//
// What the server enforces, whatever a client does: writes only through its functions, the audit
// trail append-only and chained (each entry's hash recomputed under the case's row lock), only the
// holder records, only rd_medical_director signs a denial or overrides a line, only rd_admin stores a
// roster; the server keeps each case's audit head.
#pragma once

#include "model/signoff/CaseVerification.h"
#include "model/workspace/PgConnection.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace rd {

struct QueueEntry
{
    QString caseId;
    QString memberId;
    QString memberName;
    QString urgency;
    QDateTime dueBy;
    QString status;
    QString queue;    // "review" or "medical-director"
    QString assignee; // the holder's login, empty when nobody holds it
    bool isSigned = false;
};

// Who holds a case now, as a reader of it sees the server (Workspace::holderState).
struct HolderState
{
    QString assignee; // empty when nobody is assigned
    QString queue;
    bool isSigned = false;
    bool locked = false; // the session recorded as holding the case is still connected
    qint64 auditCount = 0;
    qint64 pageViews = 0; // rows of reading coverage
};

class Workspace
{
public:
    static inline const QString ReviewQueue = QStringLiteral("review");
    static inline const QString MedicalDirectorQueue = QStringLiteral("medical-director");
    static inline const QByteArray NotifyChannel = QByteArrayLiteral("rd_queue");

    // Connects and checks the schema (refuses one newer than this app).
    static std::unique_ptr<Workspace> open(const QString& conninfo, QString* error);

    PgConnection& connection() { return *m_connection; }
    QString conninfo() const { return m_connection->conninfo(); }
    QString user() const { return m_connection->user(); }

    // The queue, most urgent first (expedited, then due-by).
    std::optional<QList<QueueEntry>> list(QString* error);
    std::optional<QueueEntry> entry(const QString& caseId, QString* error);
    // Take Next Case: assigns the most urgent unassigned case of queue to this person and returns its
    // id; an empty id when the queue is empty.
    std::optional<QString> takeNext(const QString& queue, QString* error);
    // Holds the case for writing on this connection: '' when held, else who holds it.
    std::optional<QString> hold(const QString& caseId, QString* error);
    // The holder lets go: to queue (routing), or back where it was (queue empty).
    bool route(const QString& caseId, const QString& queue, QString* error);

    // A verified case file into the workspace (the caller verifies it first); returns its case id.
    std::optional<QString> importCaseFile(const QString& path, QString* error);
    // The case as a case file at destination (temporary name, renamed into place), as the server holds
    // it: the file's header records the server's audit head. Returns the head (count, hash). Never
    // replaces an existing database (another case file): AtomicFile::isReplaceableOutput().
    std::optional<QPair<qint64, QByteArray>> exportCase(const QString& caseId, const QString& destination,
                                                        QString* error);
    std::optional<QByteArray> attachmentData(const QString& caseId, qint64 attachmentId, QString* error);
    // The server's record of the case's audit head.
    std::optional<QPair<qint64, QByteArray>> auditHead(const QString& caseId, QString* error);

    // Reading coverage kept by the server (rd.page_view): pages of an attachment this person saw, in their
    // own name (the server sets viewer and time; a row is never changed or removed). Every member reads
    // everyone's; exportCase() writes them into the case file's page_view table.
    bool addPageViews(const QString& caseId, qint64 attachmentId, const QList<int>& pages, QString* error);
    std::optional<qint64> pageViewCount(const QString& caseId, QString* error);
    // The holder, the queue and what changed (audit head, reading coverage) in one look, for a reader
    // following someone else's work.
    std::optional<HolderState> holderState(const QString& caseId, QString* error);

    // The organization roster kept in the workspace: storing needs rd_admin.
    bool storeRoster(const QByteArray& body, qint64 serial, QString* error);
    // The newest stored roster signed by the administrator key the local trust.json pins (the server
    // cannot check signatures: any rd_admin member may store a row). Newer rows signed otherwise are
    // skipped and named in forged ("serial N stored by LOGIN"). Empty when none is stored; fails when
    // rows are stored but none is signed by the pinned key, naming them.
    std::optional<QByteArray> roster(QString* error, QStringList* forged = nullptr);
    // How the workspace is named as a roster's source: its URL, and the rows roster() skipped.
    QString rosterSource(const QStringList& forged) const;
    // Makes options check against the roster this workspace keeps (verifyCase() then refuses one not
    // signed by the administrator key the local trust.json pins, or none at all).
    bool useRoster(VerifyOptions* options, QString* error);

    // LISTEN for queue changes on this connection (see PgConnection::socket()).
    bool listen(QString* error);

private:
    bool insertPageViews(const QString& caseId, qint64 attachmentId, const QList<int>& pages, bool imported,
                         QString* error);
    explicit Workspace(std::unique_ptr<PgConnection> connection)
        : m_connection(std::move(connection))
    {}
    std::unique_ptr<PgConnection> m_connection;
};

} // namespace rd
