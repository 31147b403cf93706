// A case in the team workspace, behind the same interface as a case file.
//
// How: the case's rows are copied from the server into a private working copy, a case file in a
// folder of mode 0700 (in /dev/shm when there is one: member data never reaches a disk there, and the
// copy's fsyncs cost nothing). Every change is made by CaseFile on that copy, so the judgments, audit
// entries, signatures and sign-off payloads are exactly a case file's; what changed (new audit
// entries, changed rows, an attachment's bytes) then goes to the server in one call of rd.apply, in
// one transaction. Saved means committed on the server. When the server refuses or cannot be reached,
// the copy is rebuilt from the server, so that it never holds what the server does not.
//
// Holding: opening for writing holds the case (assignment, and this session recorded as its holder
// until the connection ends); when
// someone else holds it, it opens read-only with their name. When the workspace cannot be reached,
// the case turns read-only ("workspace unreachable") and every later write first tries to reconnect
// (target_session_attrs=read-write finds a promoted replica), holds the case again and, when that
// works, carries on.
//
// Threading contract: one thread at a time (the thread that opened it); every call but the accessors
// of what is loaded (data(), attachments(), overrides(), ...) may wait on the network, so the GUI
// thread runs them on a worker. attachmentReader() opens a connection of its own.
#pragma once

#include "model/signoff/CaseVerification.h"
#include "model/store/CaseStore.h"
#include "model/workspace/CaseRows.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace rd {

class CaseFile;
class Workspace;
struct AttachmentSource;

class WorkspaceCase : public CaseStore
{
public:
    enum class OpenMode
    {
        ReadWrite,
        ReadOnly
    };

    static std::unique_ptr<WorkspaceCase> open(const QString& conninfo, const QString& caseId, OpenMode mode,
                                               QString* error);
    ~WorkspaceCase() override;

    QString location() const override;
    QString caseId() const override { return m_caseId; }
    bool isReadOnly() const override;
    // The workspace could not be reached at the last call (the case is read-only until it answers).
    bool isUnreachable() const { return m_unreachable; }
    // Who holds it when someone else does (their login, or the queue it was routed to); else empty.
    QString heldBy() const { return m_heldBy; }
    QString readOnlyReason() const override;
    const CaseData& data() const override;
    QList<AttachmentInfo> attachments() const override;
    std::function<std::optional<QByteArray>(QString*)> attachmentReader(qint64 attachmentId) const override;

    bool addAttachment(const QString& fileName, const QString& sourcePath, int pageCount, const Actor& actor,
                       QString* error) override;
    // Several at once, in one rd.apply: all or none.
    bool addAttachments(const QList<AttachmentSource>& sources, const Actor& actor, QString* error);
    bool recordJudgment(const QString& judgmentId, const Answer& answer, const Actor& actor,
                        QString* error) override;
    bool setStatus(CaseStatus status, const Actor& actor, QString* error) override;
    bool reopen(const QString& reason, const Actor& actor, QString* error) override;
    QList<LineOverride> overrides() const override;
    bool setOverride(const LineOverride& lineOverride, const Actor& actor, QString* error) override;
    bool removeOverride(const QString& code, const Actor& actor, QString* error) override;
    QMap<QString, QString> letterFields() const override;
    bool setLetterField(const QString& name, const QString& text, const Actor& actor,
                        QString* error) override;
    bool recordInformationRequest(const QString& language, const QString& html, const QJsonObject& record,
                                  const Actor& actor, QString* error) override;
    bool isSigned() const override;
    std::optional<SignatureRecord> signature() const override;
    bool sign(const SignRequest& request, QString* error) override;
    QList<AuditEntry> auditTrail(QString* error = nullptr) const override;
    // The case file's checks on the case as the server holds it, and that the trail ends at the head
    // the server keeps (a trail cut short is caught).
    VerifyReport verify() const override;
    // verifyCase() of the case as the server holds it, against the head the server keeps and the
    // roster the workspace keeps: what `reviewdesk-cli verify URL#CASE-ID` says.
    CaseVerification verifyWithWorkspaceRoster() const;
    bool saveCopyAs(const QString& destination, QString* error) const override;

    // Queue work of the holder: route to the medical directors' queue (or back), or let go.
    bool route(const QString& queue, QString* error);
    // The working copy, for what takes a case file (verifyCase()); it is what the server holds.
    const CaseFile& workingCopy() const { return *m_copy; }
    // Connects again and reloads (done by itself before a write when the workspace was unreachable).
    bool reconnect(QString* error);
    // Whether the workspace answers: a round trip when it did so far (a lost connection turns the case
    // read-only, "workspace unreachable"), a reconnect when it did not. For a desktop's heartbeat.
    bool checkReachable(QString* error);
    // Reading coverage, kept by the server in this person's name (rd.page_view), then in the working copy;
    // loaded with the case: the pages anyone has read.
    bool markPagesViewed(qint64 attachmentId, const QList<int>& pages, QString* error);

    // Following a case someone else holds (opened for writing, read-only because of them):
    // listen() asks the server to tell this connection of every queue change (its socket() turns
    // readable; takeChanged() says whether this case was among them, or the connection was lost).
    bool listen(QString* error);
    int socket() const;
    bool takeChanged();
    // Reads what the server holds when it changed (the holder's saved work, pages read) and whether the
    // holder still holds it. When they let go (released, routed, their connection gone), heldBy() empties
    // and letGoBy() says who did; a case assigned to this person that nobody holds is held again
    // (writable). Returns false with error when the workspace cannot be reached.
    bool followHolder(QString* error);
    // Who let go of the case while it was open here read-only, and how ("nurse.lee released it"); empty
    // otherwise.
    QString letGoBy() const { return m_letGo; }
    // Counts the loads of the working copy from the server: a new number, a new copy.
    int generation() const { return m_generation; }
    // Holds the case now (after its holder let go): writable when the server agrees, else heldBy() says
    // why.
    bool take(QString* error);

private:
    WorkspaceCase() = default;
    bool load(QString* error);
    bool change(const std::function<bool(CaseFile&, QString*)>& operation, QString* error);
    bool push(QString* error);

    std::unique_ptr<Workspace> m_workspace;
    QString m_conninfo;
    QString m_caseId;
    OpenMode m_mode = OpenMode::ReadOnly;
    std::unique_ptr<QTemporaryDir> m_folder;
    int m_generation = 0;
    std::unique_ptr<CaseFile> m_copy;
    std::unique_ptr<CaseRows::Reader> m_reader; // of the working copy
    CaseRows::Snapshot m_rows;                  // what the server holds, as last loaded or saved
    qint64 m_auditCount = 0;
    QString m_heldBy;       // when someone else holds it
    QString m_letGo;        // when they let go while it was open here
    qint64 m_pageViews = 0; // the server's rows of reading coverage at the last load
    bool m_unreachable = false;
};

} // namespace rd
