// The case file (.rdcase): one SQLite database per case, attachments inside.
//
// Threading contract: a CaseFile owns one SQLite connection and is used from one thread at a
// time, normally the thread that opened it; it is not thread-safe. Every write is one short
// transaction (rollback journal, synchronous=FULL) and returns when it is durable. Reading an
// attachment's bytes can be heavy: do that off the GUI thread with the static
// CaseFile::readAttachment(), which opens a connection of its own in the calling thread.
// readSummary() is cheap (one row, never the attachments) and may be called from any thread.
//
// Errors: nothing here shows a dialog or prints. Functions that can fail take a QString* error and
// fill it with one sentence that names the file and what is wrong. A file that is refused (foreign,
// newer, truncated, damaged) is left byte-for-byte unchanged.
//
// Concurrency between processes: the first process to open a case for writing holds it (an
// open-file-description lock on the file); later ones get it read-only, with a reason that names
// the holder (readOnlyReason()).
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Decision.h"
#include "model/audit/Actor.h"
#include "model/audit/AuditChain.h"
#include "model/audit/VerifyReport.h"
#include "model/store/CaseStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

struct sqlite3;

namespace rd {

// A PDF to store in a case, checked beforehand (CaseCreation.h).
struct AttachmentSource
{
    QString fileName;   // the name evidence cites it by
    QString sourcePath; // where its bytes are read from
    int pageCount = 0;
};

// What the case queue shows, read without touching attachments.
struct CaseSummary
{
    QString path;
    QString memberId;
    QString memberName;
    QStringList lines;
    Urgency urgency = Urgency::Standard;
    QDateTime receivedAt;
    CaseStatus status = CaseStatus::New;
    QString reviewer;
    QDateTime lastChange;
    QString traceNumber; // a case imported from a PAS request: the request's trace number (Claim.identifier)
};

// The FHIR origin of a case imported from a Da Vinci PAS request (docs/fhir.md): what the response
// echoes (origin), the request file's bytes as received, and the import's warnings.
struct FhirOriginRecord
{
    QJsonObject origin;
    QByteArray originText; // as stored (compact JSON)
    QByteArray bundle;
    QStringList warnings;
    QDateTime importedAt;   // UTC
    QString importedAtText; // as stored (what the audit entry recorded)
};

// Who holds a case open for writing, as the holder recorded it.
struct CaseHolder
{
    QString user; // the ReviewDesk login when the app set one (setHolderLogin), else the system user
    QString host;
    qint64 pid = 0;
    QDateTime since; // UTC
};

class CaseFile : public CaseStore
{
public:
    enum class OpenMode
    {
        ReadWrite,
        ReadOnly
    };

    ~CaseFile() override;
    CaseFile(const CaseFile&) = delete;
    CaseFile& operator=(const CaseFile&) = delete;

    // Creates a new case file (mode 0600) holding the request of data (its answers are recorded
    // as judgments, each audited, then its status is set when it is not "new"). Fails when the path
    // exists.
    static std::unique_ptr<CaseFile> create(const QString& path, const CaseData& data, const Actor& actor,
                                            QString* error);
    // Opens an existing case file. ReadWrite falls back to read-only when another process holds
    // it for writing (see isReadOnly()/readOnlyReason()).
    static std::unique_ptr<CaseFile> open(const QString& path, OpenMode mode, QString* error);

    // Cheap: one row, no attachment bytes. For the case queue.
    static std::optional<CaseSummary> readSummary(const QString& path, QString* error);
    // Reads one attachment's bytes on a connection of its own (any thread). Checks the SHA-256.
    static std::optional<QByteArray> readAttachment(const QString& path, qint64 attachmentId, QString* error);

    QString path() const { return m_path; }
    QString location() const override { return m_path; }
    std::function<std::optional<QByteArray>(QString*)> attachmentReader(qint64 attachmentId) const override;
    QString caseId() const override; // the case's UUID
    // Read-only when opened so, when another process holds it, or when it is signed.
    bool isReadOnly() const override { return m_readOnly || m_signature.has_value(); }
    QString readOnlyReason() const override;
    // The holder row: who has (or last had) the case open for writing.
    std::optional<CaseHolder> holder() const;
    // Read-only because another process holds the case for writing (holder() says who).
    bool isHeldElsewhere() const { return m_heldElsewhere; }
    // Whether another program put a file in this one's place (or removed it) or wrote into it since
    // this connection opened or last wrote it: then every write is refused, and the case has to be
    // opened again. Always None for a read-only connection.
    enum class DiskChange
    {
        None,
        Replaced,
        Written
    };
    DiskChange diskChange() const;
    // The name this process records as holder when it opens a case for writing (the person working,
    // whose name the people directory knows); empty: the system user.
    static void setHolderLogin(const QString& login);

    // The request, the current answers (with evidence) and the status, as loaded and kept current.
    const CaseData& data() const override { return m_data; }
    QList<AttachmentInfo> attachments() const override { return m_attachments; }
    std::optional<AttachmentInfo> attachment(const QString& fileName) const;

    // Each of these is one durable transaction with its audit entry, signed by actor's key (a write
    // without a key is refused). Opening a case writes nothing; the first saved change also records
    // this process as the case's holder.
    bool addAttachment(const QString& fileName, const QString& sourcePath, int pageCount, const Actor& actor,
                       QString* error) override;
    // All of sources in one transaction: when one cannot be stored (a full disk included), none is.
    bool addAttachments(const QList<AttachmentSource>& sources, const Actor& actor, QString* error);
    bool recordJudgment(const QString& judgmentId, const Answer& answer, const Actor& actor,
                        QString* error) override;
    bool setStatus(CaseStatus status, const Actor& actor, QString* error) override;
    // A routed case (determined or awaiting the medical director, not signed) back in review: one
    // transaction with a "case.reopen" audit entry (old status, the reason), signed by actor's key like
    // every other entry, and the status change. An empty reason is refused.
    bool reopen(const QString& reason, const Actor& actor, QString* error) override;

    // The medical director's line overrides and the letter's free-text parts ("clinicalRationale",
    // "additionalInformation"); each change is audited. An override with an empty rationale is refused.
    QList<LineOverride> overrides() const override { return m_overrides; }
    bool setOverride(const LineOverride& lineOverride, const Actor& actor, QString* error) override;
    bool removeOverride(const QString& code, const Actor& actor, QString* error) override;
    QMap<QString, QString> letterFields() const override { return m_letterFields; }
    bool setLetterField(const QString& name, const QString& text, const Actor& actor,
                        QString* error) override;

    // Signing: one transaction records request's overrides and letter fields, the signature, the
    // signed letters, status "determined" and the audit entries. From then on the case is read-only:
    // every write is refused, and isReadOnly() is true.
    // A request for information was sent: audited as "letter.sent" (kind, language, the letter's SHA-256
    // and what the caller adds to record), and the status becomes pended-for-information.
    bool recordInformationRequest(const QString& language, const QString& html, const QJsonObject& record,
                                  const Actor& actor, QString* error) override;

    bool isSigned() const override { return m_signature.has_value(); }
    std::optional<SignatureRecord> signature() const override { return m_signature; }
    bool sign(const SignRequest& request, QString* error) override;
    // The case's own part of a signed payload, from the current state; auditCount/auditHead name the
    // audit trail's head at signing.
    QJsonObject signedState(qint64 auditCount, const QByteArray& auditHead) const;
    static QByteArray signatureDigest(const QByteArray& payload);

    // Reading coverage: which pages (1-based) of which attachment were shown. Not audited.
    bool markPagesViewed(qint64 attachmentId, const QList<int>& pages, QString* error);
    QList<int> viewedPages(qint64 attachmentId) const;

    QList<AuditEntry> auditTrail(QString* error = nullptr) const override;

    // The FHIR origin, stored once when the case is created from a PAS request (audited as
    // "fhir.import" with the hashes of both and the warnings; verify() compares them).
    bool storeFhirOrigin(const QJsonObject& origin, const QByteArray& bundle, const QStringList& warnings,
                         const Actor& actor, QString* error);
    // nullopt when the case did not come from FHIR (error stays empty) or cannot be read (error set).
    std::optional<FhirOriginRecord> fhirOrigin(QString* error) const;

    // What the file can be checked for on its own: integrity_check, application id and version, the
    // schema (tables and triggers exactly as the version declares), every attachment's bytes against
    // the SHA-256 of its audit row, the hash chain, that every table's content is what the trail last
    // recorded, and for a signed case, the signature and that nothing it covers changed since. Whose
    // keys signed the rows and the decision against the policy: verifyCase()
    // (model/signoff/CaseVerification.h), which calls this first.
    VerifyReport verify() const override;

    // A consistent copy through the SQLite backup API, written to a temporary file in the
    // destination folder and renamed into place.
    bool saveCopyAs(const QString& destination, QString* error) const override;
    // The same on a read-only connection of its own, so that any thread can run it (a big case
    // takes a while to copy and fsync: the GUI runs this off its thread).
    static bool saveCopy(const QString& source, const QString& destination, QString* error);

private:
    CaseFile() = default;
    bool load(QString* error);
    bool appendAudit(const Actor& actor, const QString& action, const QString& target,
                     const QString& oldValue, const QString& newValue, QString* error);
    bool checkWritable(QString* error) const;
    bool writeAttachment(const AttachmentSource& source, const Actor& actor, AttachmentInfo* added,
                         QString* error);
    // committed(transaction.commit()): after a commit, remembers the file as this write left it.
    bool committed(bool commitSucceeded);
    void rememberFileIdentity();
    bool writeHolder(QString* error);
    // SQLite's rollback hook: a holder row written in the transaction that rolled back is gone.
    static void onRollback(void* file);
    QString holderDescription() const;
    bool writeStatus(CaseStatus status, const Actor& actor, QString* error);
    bool writeOverride(const LineOverride& lineOverride, const Actor& actor, QString* error);
    bool writeLetterField(const QString& name, const QString& text, const Actor& actor, QString* error);
    bool loadSignoff(QString* error);
    void verifySignoff(VerifyReport& report, const QList<AuditEntry>& trail) const;
    void verifyFhirOrigin(VerifyReport& report, const QList<AuditEntry>& trail) const;
    static QString readFhirTraceNumber(sqlite3* db);

    QString m_path;
    sqlite3* m_db = nullptr;
    int m_lockFd = -1;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    bool m_heldElsewhere = false;
    CaseData m_data;
    QList<AttachmentInfo> m_attachments;
    QList<LineOverride> m_overrides;
    QMap<QString, QString> m_letterFields;
    std::optional<SignatureRecord> m_signature;
    bool m_holderWritten = false;
    bool m_holderUncommitted = false; // written in the open transaction
    // The file as this connection last left it (device, inode, size, modification time) and its case:
    // a file another program put in its place or wrote into is never written through this connection
    // (its cached pages would land in another file's content).
    quint64 m_device = 0;
    quint64 m_inode = 0;
    qint64 m_size = -1;
    qint64 m_modifiedNs = -1;
    QString m_caseId;
};

} // namespace rd
