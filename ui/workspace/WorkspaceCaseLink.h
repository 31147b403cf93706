// The desktop's side of one open workspace case (model/workspace/WorkspaceCase).
//
// Threading: the WorkspaceCase lives on a thread of its own (WorkerThread) and only that thread ever
// touches it, one call at a time (its contract): opening, every write, the heartbeat. The GUI thread
// posts work and gets back, with each result, a View: a read-only CaseFile opened on the case's working
// copy right after the work (what the server holds, as far as this desk knows), with the case's state
// (writable or why not). So the GUI reads a case exactly as it reads a case file, and never waits on the
// network.
//
// Saved means the store said so: done(true) comes only once the server committed the change. When the
// workspace cannot be reached the case turns read-only ("workspace unreachable"); a heartbeat every few
// seconds notices a lost connection without a write, then reconnects by itself, and the case becomes
// writable again (held again by this person) with what the server holds.
#pragma once

#include "checklist/CaseData.h"
#include "model/audit/Actor.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QTimer;

namespace rd {

class CaseFile;
class Signoff;
class SigningKey;
class WorkerThread;
struct CaseVerification;
struct SignoffInput;
struct User;

class WorkspaceCaseLink : public QObject
{
    Q_OBJECT
public:
    // What the GUI reads after a piece of work.
    struct View
    {
        std::shared_ptr<CaseFile> file; // read-only, on the working copy; null when it could not be read
        bool readOnly = true;
        QString readOnlyReason;
        QString heldBy; // who holds it when someone else does (a login, or the queue it went to)
        bool unreachable = false;
        // The holder let go while the case was open here ("nurse.lee released it"), or their app is gone
        // (with heldBy still them): told to the person; canTake: take() may make it theirs.
        QString letGo;
        bool canTake = false;
    };
    using Done = std::function<void(bool ok, const QString& error)>;

    // url: the workspace URL as the person (WorkspaceSettings::urlFor).
    WorkspaceCaseLink(const QString& url, const QString& caseId, QObject* parent = nullptr);
    ~WorkspaceCaseLink() override;

    // Opens the case for writing (read-only when someone else holds it); a new case goes In review.
    void open(const Actor& actor, Done done);

    QString url() const { return m_url; }
    QString caseId() const { return m_caseId; }
    const View& view() const { return m_view; }
    bool isBusy() const { return m_busy > 0; }

    void recordJudgment(const QString& judgmentId, const Answer& answer, const Actor& actor, Done done);
    void setStatus(CaseStatus status, const Actor& actor, Done done);
    void reopen(const QString& reason, const Actor& actor, Done done);
    void markPagesViewed(qint64 attachmentId, const QList<int>& pages, Done done);
    // The holder lets go: to queue ("medical-director", "review"), or back unassigned (empty).
    void route(const QString& queue, Done done);
    // The case as the server holds it, as a case file at destination (WorkspaceCase::saveCopyAs).
    void saveCopyAs(const QString& destination, Done done);
    // Checks the connection now (the heartbeat does it every few seconds).
    void checkNow();

    // Sign-off and clinical records, on the case's thread like every write (the view is read again
    // after). signOff: Signoff::sign against the case (its role rules and letters, one rd.apply: the
    // server refuses a denial signed by someone not in rd_medical_director; a lost server leaves
    // nothing signed). key: the signer's, unlocked already.
    void signOff(const Signoff& signoff, const User& signer, std::shared_ptr<const SigningKey> key,
                 const SignoffInput& input, Done done);
    // PDFs checked as a case file's are (each through the PDF worker, names unique), then stored in
    // one rd.apply; a refused PDF is named in the error and nothing is stored.
    void addAttachments(const QStringList& pdfs, const Actor& actor, Done done);
    // verifyCase() of the case as the server holds it, against the workspace's roster and head.
    void verifyCase(std::function<void(const CaseVerification& result)> done);
    // Following a case someone else holds: while the view is read-only because of another holder, the
    // link listens on the case's connection (LISTEN on the queue channel, a socket notifier on the link's
    // thread) and reloads its view on its own thread when the holder saves, signs, routes or releases
    // (within a second); the heartbeat notices a holder whose connection died. A case assigned to this
    // person that nobody holds turns writable by itself; one released or routed is only told
    // (View::letGo), and take() holds it.
    void take(Done done);
    // Reads the holder's changes now (the notifier and the heartbeat call it).
    void follow();

Q_SIGNALS:
    // The view changed (after any work, the heartbeat included): re-read data and state.
    void viewChanged();

private:
    struct Shared;
    struct Outcome;
    // quiet: work that changes nothing here (the heartbeat, following): a new view only when the working
    // copy was loaded again or the state changed.
    void submit(std::function<bool(Shared&, QString*)> work, Done done, bool quiet = false);
    void apply(Outcome& outcome);

    QString m_url;
    QString m_caseId;
    WorkerThread* m_thread = nullptr;
    std::shared_ptr<Shared> m_shared; // used on m_thread only
    View m_view;
    int m_busy = 0;
    QTimer* m_heartbeat = nullptr;
    bool m_followPending = false;
};

} // namespace rd
