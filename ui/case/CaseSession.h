// One open case in the workstation: the case file, the undo stack of its judgments and the
// reading coverage not yet written. Lives on the GUI thread (CaseFile's threading contract).
//
// A case of the team workspace (fromWorkspace()) is read the same way, through file(): a read-only
// CaseFile on the working copy, replaced after every write (WorkspaceCaseLink's View); its writes run
// on the link's thread. An answer given shows at once and counts as unsaved (unsavedCount()) until the
// server has committed it (answerSaved()); one the server did not take is taken back (writeFailed()).
#pragma once

#include "model/casefile/CaseFile.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

class QTimer;
class QUndoStack;

namespace rd {

class WorkspaceCaseLink;

// Routed: determined, or with the medical director. The checklist is locked until reopened.
inline bool isRouted(CaseStatus status)
{
    return status == CaseStatus::Determined || status == CaseStatus::AwaitingMedicalDirector;
}

class CaseSession : public QObject
{
    Q_OBJECT
public:
    // Opens path for writing (read-only when another process holds it).
    static std::unique_ptr<CaseSession> open(const QString& path, const Actor& actor, QString* error);
    // A case file opened already (off the GUI thread: CaseOpener).
    static std::unique_ptr<CaseSession> fromFile(std::unique_ptr<CaseFile> file, const Actor& actor);
    // A workspace case opened already (WorkspaceCaseLink::open() done).
    static std::unique_ptr<CaseSession> fromWorkspace(std::unique_ptr<WorkspaceCaseLink> link,
                                                      const Actor& actor);
    ~CaseSession() override;

    CaseFile* file() const;
    const CaseData& data() const;
    // The case file; for a workspace case, its working copy (attachments are read from it).
    QString path() const;
    bool isReadOnly() const;
    // The workspace case's link; null for a case file.
    WorkspaceCaseLink* workspace() const { return m_link.get(); }
    // Answers given and not yet reported saved by the workspace (always 0 for a case file).
    int unsavedCount() const { return m_unsaved; }
    // Why answers cannot be given (open read-only, signed, nobody logged in, or routed: determined or
    // with the medical director, until reopened); empty when they can.
    QString writeBlockedReason() const;
    // Why the case is read-only, naming the holder as the people directory knows them.
    QString readOnlyReason() const;
    QString actor() const { return m_actor.login(); }
    QUndoStack* undoStack() const { return m_undo; }

    std::optional<Answer> answer(const QString& judgmentId) const;
    // Gives an answer through the undo stack: recorded at once, one audit entry.
    void giveAnswer(const QString& judgmentId, const Answer& answer, const QString& description);
    // Records an answer without the undo stack (the undo commands use this).
    bool recordAnswer(const QString& judgmentId, const Answer& answer);

    bool setStatus(CaseStatus status, QString* error);
    // A routed case back in review, with the reason (audited); not a signed one.
    bool reopen(const QString& reason, QString* error);

    // Reading coverage: pages shown are written in batches, a moment after the last one.
    void pageShown(qint64 attachmentId, int page);
    void flushViewedPages();
    // Pages (1-based) of an attachment never shown, written or pending.
    QList<int> unviewedPages(const AttachmentInfo& info) const;
    bool anyPageViewed(const AttachmentInfo& info) const;

Q_SIGNALS:
    void answerChanged(const QString& judgmentId);
    void statusChanged(rd::CaseStatus status);
    void writeFailed(const QString& message);
    // An answer was not given because the case cannot change (read-only, signed): said calmly.
    void answerRefused(const QString& reason);
    // The workspace committed an answer (a case file's answers are saved when answerChanged comes).
    void answerSaved(const QString& judgmentId);
    // A workspace case: unsavedCount() or the state (writable, read-only, unreachable) changed.
    void workspaceStateChanged();

private:
    explicit CaseSession(std::unique_ptr<CaseFile> file, const Actor& actor);
    explicit CaseSession(std::unique_ptr<WorkspaceCaseLink> link, const Actor& actor);
    void connectTimer();
    // The workspace's view, with the answers given and not saved yet.
    void refreshFromView();
    QString workspaceReadOnlyReason() const;

    std::unique_ptr<CaseFile> m_file;
    std::unique_ptr<WorkspaceCaseLink> m_link;
    CaseData m_data;                         // a workspace case's data as shown
    QHash<QString, int> m_inFlight;          // judgment -> writes under way
    QHash<QString, Answer> m_unsavedAnswers; // judgment -> the last answer given, not saved yet
    int m_unsaved = 0;
    Actor m_actor;
    QUndoStack* m_undo = nullptr;
    QTimer* m_viewedTimer = nullptr;
    QHash<qint64, QSet<int>> m_pendingViewed;
};

} // namespace rd
