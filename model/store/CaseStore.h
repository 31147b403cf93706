// What a case is to the code above model/, wherever it lives: the case-store interface and the types
// both homes share. Two implementations: CaseFile (model/casefile, one SQLite file per case) and
// WorkspaceCase (model/workspace, a case in the team workspace on PostgreSQL). Both write the same
// audit entries, signed by their actor, and a case moves between them unchanged (a workspace case
// exported to a file verifies as a file).
//
// Threading: a CaseStore is used from one thread at a time, the one that opened it. Operations that
// may wait on the disk or the network (attachment bytes, verify, copies) have thread-safe forms:
// attachmentReader() returns a function that opens a connection of its own in whatever thread runs it.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Decision.h"
#include "model/audit/Actor.h"
#include "model/audit/AuditChain.h"
#include "model/audit/VerifyReport.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace rd {

struct AttachmentInfo
{
    qint64 id = 0;
    QString fileName;
    QByteArray sha256; // raw 32 bytes
    qint64 size = 0;
    int pageCount = 0;
    QDateTime addedAt;
};

// The medical director's decision on one line, replacing the engine's, with the written rationale.
struct LineOverride
{
    QString code;
    LineOutcome decision = LineOutcome::Approve; // approve or deny
    QString rationale;
    QString by;   // login
    QDateTime at; // UTC
    bool operator==(const LineOverride&) const = default;
};

// The signature of a determination (docs/signoff.md). The payload is the canonical JSON that was
// signed; the letters are the signed letters' HTML by language.
struct SignatureRecord
{
    QByteArray payload;                 // compact JSON, keys sorted
    QByteArray digest;                  // SHA-256 of the domain tag and the payload: what Ed25519 signed
    QByteArray signature;               // 64 bytes
    QByteArray publicKey;               // 32 bytes
    QString signer;                     // login
    QDateTime signedAt;                 // UTC
    QMap<QString, QString> letterKinds; // language -> approval / denial / partial
    QMap<QString, QString> letters;     // language -> HTML
};

// What the signer provides to CaseFile::sign(). The case file adds its own state ("case": the request,
// every attachment's hash, every judgment, the overrides, the letter fields, the audit head) to the
// statement, and hands the digest to sign().
struct SignRequest
{
    QList<LineOverride> overrides;       // recorded first (each audited), in the same transaction
    QMap<QString, QString> letterFields; // recorded first (each audited)
    QMap<QString, QString> letterKinds;  // language -> kind
    QMap<QString, QString> letters;      // language -> HTML
    QJsonObject statement;               // decision, letters' hashes, signer, meaning, signedAt
    Actor actor;                         // the signer: signs the statement and the audit entries
    QDateTime signedAt;
};

// One case, in a file or in the workspace. Every write is one durable transaction with its audit
// entries, signed by actor's key; a write that fails leaves what was saved unchanged and says why in
// error (one sentence naming the case and the problem).
class CaseStore
{
public:
    virtual ~CaseStore() = default;

    // Where the case lives: a file path, or the workspace URL with "#CASE-ID" (never a password).
    virtual QString location() const = 0;
    virtual QString caseId() const = 0;
    virtual bool isReadOnly() const = 0;
    virtual QString readOnlyReason() const = 0;

    virtual const CaseData& data() const = 0;
    virtual QList<AttachmentInfo> attachments() const = 0;
    // Reads one attachment's bytes (checked against its SHA-256) on a connection of its own: the
    // returned function may run on any thread, also after this store is gone.
    virtual std::function<std::optional<QByteArray>(QString*)>
    attachmentReader(qint64 attachmentId) const = 0;

    virtual bool addAttachment(const QString& fileName, const QString& sourcePath, int pageCount,
                               const Actor& actor, QString* error) = 0;
    virtual bool recordJudgment(const QString& judgmentId, const Answer& answer, const Actor& actor,
                                QString* error) = 0;
    virtual bool setStatus(CaseStatus status, const Actor& actor, QString* error) = 0;
    // A routed case (determined or with the medical director, not signed) back in review, with the
    // reason (audited as "case.reopen").
    virtual bool reopen(const QString& reason, const Actor& actor, QString* error) = 0;

    virtual QList<LineOverride> overrides() const = 0;
    virtual bool setOverride(const LineOverride& lineOverride, const Actor& actor, QString* error) = 0;
    virtual bool removeOverride(const QString& code, const Actor& actor, QString* error) = 0;
    virtual QMap<QString, QString> letterFields() const = 0;
    virtual bool setLetterField(const QString& name, const QString& text, const Actor& actor,
                                QString* error) = 0;
    virtual bool recordInformationRequest(const QString& language, const QString& html,
                                          const QJsonObject& record, const Actor& actor, QString* error) = 0;

    virtual bool isSigned() const = 0;
    virtual std::optional<SignatureRecord> signature() const = 0;
    virtual bool sign(const SignRequest& request, QString* error) = 0;

    virtual QList<AuditEntry> auditTrail(QString* error = nullptr) const = 0;
    // What the case can be checked for on its own (see CaseFile::verify); the roster and the
    // determination are verifyCase()'s (model/signoff/CaseVerification.h).
    virtual VerifyReport verify() const = 0;
    // Writes the case as a case file (.rdcase) at destination: a temporary file renamed into place.
    virtual bool saveCopyAs(const QString& destination, QString* error) const = 0;
};

} // namespace rd
