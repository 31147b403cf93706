#include "model/signoff/CaseVerification.h"

#include "model/audit/AuditChain.h"
#include "model/casefile/CaseFile.h"
#include "model/letters/Letter.h"
#include "model/signoff/Signoff.h"
#include "model/trust/SigningKey.h"
#include "model/trust/TrustStore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace rd {

namespace {

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

// The determination of a signed case against the roster and the policy the signature names.
void verifyDetermination(const CaseFile& file, const Roster& roster, CaseVerification& result)
{
    const auto signature = file.signature();
    if (!signature)
        return;
    auto problem = [&result](const QString& what) {
        result.report.problems.append({QStringLiteral("determination"), what});
    };
    const QJsonObject payload = QJsonDocument::fromJson(signature->payload).object();
    // A roster older than the one the signer was checked against may lack a revocation made since.
    const qint64 signedSerial = payload.value(key("rosterSerial")).toString().toLongLong();
    if (signedSerial > roster.serial())
        problem(QStringLiteral("signed under roster serial %1, but this installation's roster is serial %2, "
                               "older: get the administrator's current roster")
                    .arg(signedSerial)
                    .arg(roster.serial()));
    result.signer = roster.entryAt(signature->signer, signature->publicKey, signature->signedAt);
    if (!result.signer) {
        problem(QStringLiteral("signed by %1 with key %2: %3")
                    .arg(signature->signer, crypto::fingerprint(signature->publicKey),
                         roster.whyNot(signature->signer, signature->publicKey, signature->signedAt)));
    }

    // The policy is the one whose file has the SHA-256 the signature names; the decision is what it
    // gives for the signed judgments and overrides, whatever the payload says.
    const QByteArray policyHash =
        QByteArray::fromHex(payload.value(key("policySha256")).toString().toLatin1());
    QString error;
    const auto policy = Signoff::policyWithHash(policyHash, &error);
    if (!policy) {
        problem(error);
        return;
    }
    const auto plan = PlanInfo::load(QString(), &error);
    if (!plan) {
        problem(error);
        return;
    }
    const Decision recomputed = Signoff(*policy, *plan).finalDecision(file.data(), file.overrides());
    result.decision = toString(recomputed.overall);
    if (recomputed.toJsonObject() != payload.value(key("decision")).toObject())
        problem(QStringLiteral("the signed decision is not what policy %1 version %2 (SHA-256 %3) gives for "
                               "the signed judgments and overrides (%4): the statement was altered")
                    .arg(policy->id, policy->version, QString::fromLatin1(policyHash.toHex().left(16)),
                         toString(recomputed.overall)));
    else
        result.report.checked.append(
            QStringLiteral("determination: %1, recomputed with policy %2 version %3 (SHA-256 %4...)")
                .arg(toString(recomputed.overall), policy->id, policy->version,
                     QString::fromLatin1(policyHash.toHex().left(16))));
    // What a signing requires, whoever made the statement: a pended case is never signed (it gets a
    // request for information), and each signed letter is of the kind the decision gives (an approval
    // letter on a denial would tell the member the opposite of what was decided).
    if (recomputed.overall == OverallOutcome::Pended)
        problem(QStringLiteral("a pended case cannot be signed: it needs a request for information, not a "
                               "determination"));
    else
        for (auto it = signature->letterKinds.cbegin(); it != signature->letterKinds.cend(); ++it)
            if (it.value() != toString(letterKindFor(recomputed.overall)))
                problem(QStringLiteral("the signed letter (%1) is of kind %2, but the determination is %3")
                            .arg(it.key(), it.value(), toString(recomputed.overall)));
    if (!result.signer)
        return;
    const User& signer = result.signer->user;
    if (signer.role == UserRole::Admin)
        problem(QStringLiteral("signed by %1, an administrator: administrators sign no determination")
                    .arg(signer.login));
    else if (recomputed.physicianReviewRequired && signer.role != UserRole::MedicalDirector)
        problem(
            QStringLiteral("a %1 determination was signed by %2, who is a %3 in the roster, not a medical "
                           "director")
                .arg(toString(recomputed.overall), signer.login, toString(signer.role)));
    else
        result.report.checked.append(QStringLiteral("signer: %1 (%2), %3 in the roster at %4, key %5")
                                         .arg(signer.login, signer.printedName(), toString(signer.role),
                                              AuditChain::timestamp(signature->signedAt),
                                              signer.fingerprint()));
}

} // namespace

bool parseAuditHead(const QString& text, VerifyOptions* options, QString* error)
{
    static const QRegularExpression shape(QStringLiteral("^([1-9][0-9]{0,17}):([0-9a-fA-F]{16,64})$"));
    const QRegularExpressionMatch match = shape.match(text.trimmed());
    if (!match.hasMatch() || match.captured(2).size() % 2 != 0) {
        *error = QStringLiteral("%1: not an audit head (expected N:HASH, a row number and 16 to 64 hex "
                                "digits)")
                     .arg(text.left(80));
        return false;
    }
    options->headCount = match.captured(1).toLongLong();
    options->headHash = QByteArray::fromHex(match.captured(2).toLatin1());
    return true;
}

bool readAuditHead(const QString& path, VerifyOptions* options, QString* error)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read as a file holding an audit head").arg(path);
        return false;
    }
    const QByteArray bytes = file.read(16 << 20);
    const QJsonObject audit = QJsonDocument::fromJson(bytes).object().value(key("audit")).toObject();
    QString head;
    if (!audit.isEmpty())
        head = QStringLiteral("%1:%2")
                   .arg(audit.value(key("count")).toInteger())
                   .arg(audit.value(key("head")).toString());
    else
        head = QString::fromUtf8(bytes)
                   .section(QStringLiteral("audit head:"), 1, 1)
                   .section(QLatin1Char('\n'), 0, 0);
    if (!parseAuditHead(head, options, error)) {
        *error = QStringLiteral("%1: holds no audit head (an export's \"audit\" or a receipt's \"audit "
                                "head: N:HASH\")")
                     .arg(path);
        return false;
    }
    return true;
}

CaseVerification verifyCase(const CaseFile& file, const VerifyOptions& options)
{
    CaseVerification result;
    result.report = file.verify();
    QString error;
    const QList<AuditEntry> trail = file.auditTrail(&error);
    if (!trail.isEmpty()) {
        result.auditCount = trail.last().seq;
        result.auditHead = trail.last().hash;
    }
    if (options.headCount > 0) {
        const bool held = options.headHash.size() >= 8 && options.headCount <= trail.size() &&
                          trail.at(options.headCount - 1).hash.startsWith(options.headHash);
        if (!held)
            result.report.problems.append(
                {QStringLiteral("audit trail"),
                 QStringLiteral("does not hold row %1 with hash %2 that was recorded outside the file: it "
                                "was cut short or rewritten")
                     .arg(options.headCount)
                     .arg(QString::fromLatin1(options.headHash.toHex()))});
        else
            result.report.checked.append(
                QStringLiteral("audit trail holds the recorded head (row %1)").arg(options.headCount));
    }

    const auto trust = options.roster
                           ? TrustStore::loadWithRoster(*options.roster, options.rosterSource, &error)
                           : TrustStore::load(&error);
    if (!trust) {
        result.report.problems.append({QStringLiteral("trust"), error});
        return result;
    }
    result.anchor = trust->anchor();
    result.trustFile = trust->trustFile();
    result.trustOverride = trust->fromOverride();
    result.rosterSource = trust->rosterPath();
    if (!options.requiredAnchor.isEmpty() && options.requiredAnchor.trimmed().toLower() != trust->anchor())
        result.report.problems.append(
            {QStringLiteral("trust"), QStringLiteral("%1 pins the anchor %2, not the required %3")
                                          .arg(trust->trustFile(), trust->anchor(), options.requiredAnchor)});
    AuditChain::checkSigners(trail, trust->roster(), QDateTime::currentDateTimeUtc(), result.report);
    verifyDetermination(file, trust->roster(), result);
    return result;
}

} // namespace rd
