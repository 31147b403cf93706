// The medical director's part of a case file: line overrides, the letter's free-text parts, the
// signature and its verification (docs/signoff.md).
#include "model/casefile/CaseFile.h"

#include "model/audit/AuditChain.h"
#include "model/casefile/CaseRecordJson.h"
#include "model/casefile/Sqlite.h"
#include "model/trust/SigningKey.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

#include <sqlite3.h>

namespace rd {

namespace {

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString overrideText(const LineOverride& lineOverride)
{
    return compact(
        {{key("decision"), toString(lineOverride.decision)}, {key("rationale"), lineOverride.rationale}});
}

std::optional<LineOutcome> outcomeFromString(const QString& text)
{
    if (text == QLatin1String("approve"))
        return LineOutcome::Approve;
    if (text == QLatin1String("deny"))
        return LineOutcome::Deny;
    return std::nullopt;
}

const QByteArray kSignatureDomain = QByteArrayLiteral("reviewdesk-signature-v1\n");

} // namespace

QString CaseFile::readOnlyReason() const
{
    if (m_readOnlyReason.isEmpty() && m_signature)
        return QStringLiteral("it is signed (by %1, %2 UTC): a signed case is read-only")
            .arg(m_signature->signer, m_signature->signedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    return m_readOnlyReason;
}

QString CaseFile::caseId() const
{
    sqlite::Statement id(m_db, "SELECT case_id FROM case_info WHERE singleton = 1");
    return id.step() == SQLITE_ROW ? id.text(0) : QString();
}

QByteArray CaseFile::signatureDigest(const QByteArray& payload)
{
    return QCryptographicHash::hash(QByteArray(kSignatureDomain + payload), QCryptographicHash::Sha256);
}

bool CaseFile::loadSignoff(QString* error)
{
    m_overrides.clear();
    m_letterFields.clear();
    m_signature.reset();
    sqlite::Statement overrides(m_db,
                                "SELECT code, decision, rationale, updated_by, updated_at FROM line_override "
                                "ORDER BY code");
    sqlite::Statement fields(m_db, "SELECT name, text FROM letter_field ORDER BY name");
    sqlite::Statement signature(m_db, "SELECT payload, digest, signature, public_key, signer, signed_at "
                                      "FROM signature WHERE singleton = 1");
    sqlite::Statement letters(m_db, "SELECT language, kind, html FROM signed_letter ORDER BY language");
    if (!overrides.isValid() || !fields.isValid() || !signature.isValid() || !letters.isValid()) {
        *error = QStringLiteral("%1: is damaged: %2").arg(m_path, sqlite::lastError(m_db));
        return false;
    }
    int rc;
    while ((rc = overrides.step()) == SQLITE_ROW) {
        const auto decision = outcomeFromString(overrides.text(1));
        if (!decision) {
            *error = QStringLiteral("%1: is damaged: line_override %2 holds the decision '%3'")
                         .arg(m_path, overrides.text(0), overrides.text(1));
            return false;
        }
        m_overrides.append({overrides.text(0), *decision, overrides.text(2), overrides.text(3),
                            QDateTime::fromString(overrides.text(4), Qt::ISODateWithMs).toUTC()});
    }
    if (rc == SQLITE_DONE) {
        while ((rc = fields.step()) == SQLITE_ROW)
            m_letterFields.insert(fields.text(0), fields.text(1));
    }
    if (rc == SQLITE_DONE && (rc = signature.step()) == SQLITE_ROW) {
        SignatureRecord record;
        record.payload = signature.text(0).toUtf8();
        record.digest = signature.blob(1);
        record.signature = signature.blob(2);
        record.publicKey = signature.blob(3);
        record.signer = signature.text(4);
        record.signedAt = QDateTime::fromString(signature.text(5), Qt::ISODateWithMs).toUTC();
        while ((rc = letters.step()) == SQLITE_ROW) {
            record.letterKinds.insert(letters.text(0), letters.text(1));
            record.letters.insert(letters.text(0), letters.text(2));
        }
        m_signature = record;
    }
    if (rc != SQLITE_DONE) {
        *error = QStringLiteral("%1: is damaged: %2").arg(m_path, sqlite::lastError(m_db));
        return false;
    }
    return true;
}

bool CaseFile::writeOverride(const LineOverride& lineOverride, const Actor& actor, QString* error)
{
    if (!m_data.request.lines.contains(lineOverride.code)) {
        *error = QStringLiteral("the request has no line %1 (it has %2)")
                     .arg(lineOverride.code, m_data.request.lines.join(QStringLiteral(", ")));
        return false;
    }
    if (lineOverride.decision == LineOutcome::Pend) {
        *error = QStringLiteral("a line can be overridden to approve or deny, not to pend");
        return false;
    }
    if (lineOverride.rationale.trimmed().isEmpty()) {
        *error = QStringLiteral("overriding line %1 needs a written rationale").arg(lineOverride.code);
        return false;
    }
    QString oldText;
    for (const LineOverride& existing : std::as_const(m_overrides))
        if (existing.code == lineOverride.code)
            oldText = overrideText(existing);
    const QString newText = overrideText(lineOverride);
    if (oldText == newText)
        return true;
    sqlite::Statement upsert(m_db,
                             "INSERT OR REPLACE INTO line_override(code, decision, rationale, updated_at, "
                             "updated_by) VALUES (?, ?, ?, ?, ?)");
    upsert.bind(1, lineOverride.code)
        .bind(2, toString(lineOverride.decision))
        .bind(3, lineOverride.rationale)
        .bind(4, AuditChain::timestamp(QDateTime::currentDateTimeUtc()))
        .bind(5, actor.login());
    if (!upsert.exec()) {
        *error = sqlite::lastError(m_db);
        return false;
    }
    return appendAudit(actor, QStringLiteral("decision.override"), lineOverride.code, oldText, newText,
                       error);
}

bool CaseFile::writeLetterField(const QString& name, const QString& text, const Actor& actor, QString* error)
{
    const QString oldText = m_letterFields.value(name);
    if (oldText == text)
        return true;
    sqlite::Statement upsert(m_db, "INSERT OR REPLACE INTO letter_field(name, text, updated_at, updated_by) "
                                   "VALUES (?, ?, ?, ?)");
    upsert.bind(1, name)
        .bind(2, text)
        .bind(3, AuditChain::timestamp(QDateTime::currentDateTimeUtc()))
        .bind(4, actor.login());
    if (!upsert.exec()) {
        *error = sqlite::lastError(m_db);
        return false;
    }
    return appendAudit(actor, QStringLiteral("letter.field"), name, oldText, text, error);
}

bool CaseFile::setOverride(const LineOverride& lineOverride, const Actor& actor, QString* error)
{
    if (!checkWritable(error))
        return false;
    sqlite::Transaction transaction(m_db);
    QString message;
    if (!transaction.isActive() || !writeOverride(lineOverride, actor, &message) ||
        !committed(transaction.commit())) {
        *error = QStringLiteral("%1: the override of line %2 was not saved: %3")
                     .arg(m_path, lineOverride.code, message.isEmpty() ? sqlite::lastError(m_db) : message);
        return false;
    }
    return loadSignoff(error);
}

bool CaseFile::removeOverride(const QString& code, const Actor& actor, QString* error)
{
    if (!checkWritable(error))
        return false;
    QString oldText;
    for (const LineOverride& existing : std::as_const(m_overrides))
        if (existing.code == code)
            oldText = overrideText(existing);
    if (oldText.isEmpty())
        return true;
    sqlite::Transaction transaction(m_db);
    sqlite::Statement remove(m_db, "DELETE FROM line_override WHERE code = ?");
    remove.bind(1, code);
    QString message;
    if (!transaction.isActive() || !remove.exec() ||
        !appendAudit(actor, QStringLiteral("decision.override"), code, oldText, QString(), &message) ||
        !committed(transaction.commit())) {
        *error = QStringLiteral("%1: the override of line %2 was not removed: %3")
                     .arg(m_path, code, message.isEmpty() ? sqlite::lastError(m_db) : message);
        return false;
    }
    return loadSignoff(error);
}

bool CaseFile::setLetterField(const QString& name, const QString& text, const Actor& actor, QString* error)
{
    if (!checkWritable(error))
        return false;
    sqlite::Transaction transaction(m_db);
    QString message;
    if (!transaction.isActive() || !writeLetterField(name, text, actor, &message) ||
        !committed(transaction.commit())) {
        *error = QStringLiteral("%1: the letter's %2 was not saved: %3")
                     .arg(m_path, name, message.isEmpty() ? sqlite::lastError(m_db) : message);
        return false;
    }
    return loadSignoff(error);
}

bool CaseFile::recordInformationRequest(const QString& language, const QString& html,
                                        const QJsonObject& record, const Actor& actor, QString* error)
{
    if (!checkWritable(error))
        return false;
    QJsonObject entry = record;
    entry.insert(key("language"), language);
    entry.insert(
        key("sha256"),
        QString::fromLatin1(QCryptographicHash::hash(html.toUtf8(), QCryptographicHash::Sha256).toHex()));
    sqlite::Transaction transaction(m_db);
    QString message;
    const bool changeStatus = m_data.status != CaseStatus::PendedForInformation;
    if (!transaction.isActive() ||
        !appendAudit(actor, QStringLiteral("letter.sent"), QStringLiteral("information-request"), QString(),
                     compact(entry), &message) ||
        (changeStatus && !writeStatus(CaseStatus::PendedForInformation, actor, &message)) ||
        !committed(transaction.commit())) {
        *error = QStringLiteral("%1: the request for information was not recorded: %2")
                     .arg(m_path, message.isEmpty() ? sqlite::lastError(m_db) : message);
        return false;
    }
    m_data.status = CaseStatus::PendedForInformation;
    return true;
}

QJsonObject CaseFile::signedState(qint64 auditCount, const QByteArray& auditHead) const
{
    QJsonArray attachments;
    for (const AttachmentInfo& info : m_attachments)
        attachments.append(QJsonObject{{key("fileName"), info.fileName},
                                       {key("sha256"), QString::fromLatin1(info.sha256.toHex())},
                                       {key("size"), info.size},
                                       {key("pageCount"), info.pageCount}});
    QJsonObject judgments;
    for (auto it = m_data.answers.cbegin(); it != m_data.answers.cend(); ++it)
        judgments.insert(it.key(), CaseRecordJson::answerObject(it.value()));
    QJsonArray overrides;
    for (const LineOverride& item : m_overrides)
        overrides.append(QJsonObject{{key("code"), item.code},
                                     {key("decision"), toString(item.decision)},
                                     {key("rationale"), item.rationale},
                                     {key("by"), item.by}});
    QJsonObject fields;
    for (auto it = m_letterFields.cbegin(); it != m_letterFields.cend(); ++it)
        fields.insert(it.key(), it.value());
    sqlite::Statement info(m_db, "SELECT created_at, reviewer FROM case_info WHERE singleton = 1");
    const bool haveInfo = info.step() == SQLITE_ROW;
    return {{key("caseId"), caseId()},
            {key("createdAt"), haveInfo ? info.text(0) : QString()},
            {key("reviewer"), haveInfo ? info.text(1) : QString()},
            {key("request"), CaseRecordJson::requestObject(m_data)},
            {key("attachments"), attachments},
            {key("judgments"), judgments},
            {key("overrides"), overrides},
            {key("letterFields"), fields},
            {key("audit"),
             QJsonObject{{key("count"), auditCount}, {key("head"), QString::fromLatin1(auditHead.toHex())}}}};
}

bool CaseFile::sign(const SignRequest& request, QString* error)
{
    if (!checkWritable(error))
        return false;
    bool failed = false;
    auto fail = [&](const QString& what) {
        *error = QStringLiteral("%1: not signed: %2").arg(m_path, what);
        failed = true;
        return false;
    };
    // After a failure the transaction rolls back: reload what is stored.
    auto reload = qScopeGuard([&] {
        QString ignored;
        if (failed)
            loadSignoff(&ignored);
    });
    if (!request.actor.isValid())
        return fail(QStringLiteral("no signing key"));
    if (request.letters.isEmpty())
        return fail(QStringLiteral("no letter"));
    sqlite::Transaction transaction(m_db);
    if (!transaction.isActive())
        return fail(sqlite::lastError(m_db));
    QString message;
    for (const LineOverride& item : request.overrides)
        if (!writeOverride(item, request.actor, &message))
            return fail(message);
    for (auto it = request.letterFields.cbegin(); it != request.letterFields.cend(); ++it)
        if (!writeLetterField(it.key(), it.value(), request.actor, &message))
            return fail(message);
    if (!loadSignoff(&message))
        return fail(message);

    sqlite::Statement head(m_db, "SELECT audit_count, audit_head FROM case_info WHERE singleton = 1");
    if (head.step() != SQLITE_ROW)
        return fail(sqlite::lastError(m_db));
    QJsonObject payload = request.statement;
    payload.insert(key("format"), key("reviewdesk-signature-v1"));
    payload.insert(key("case"), signedState(head.int64(0), head.blob(1)));
    const QByteArray payloadBytes = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    const QByteArray digest = signatureDigest(payloadBytes);
    const QByteArray signature = request.actor.sign(digest);
    if (!crypto::verify(request.actor.publicKey(), digest, signature))
        return fail(QStringLiteral("the signing key does not match its public key"));

    const QString signedAt = AuditChain::timestamp(request.signedAt);
    sqlite::Statement insert(m_db, "INSERT INTO signature(singleton, payload, digest, signature, public_key, "
                                   "signer, signed_at) VALUES (1, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, QString::fromUtf8(payloadBytes))
        .bind(2, digest)
        .bind(3, signature)
        .bind(4, request.actor.publicKey())
        .bind(5, request.actor.login())
        .bind(6, signedAt);
    if (!insert.exec())
        return fail(sqlite::lastError(m_db));
    for (auto it = request.letters.cbegin(); it != request.letters.cend(); ++it) {
        sqlite::Statement letter(m_db, "INSERT INTO signed_letter(language, kind, html) VALUES (?, ?, ?)");
        letter.bind(1, it.key()).bind(2, request.letterKinds.value(it.key())).bind(3, it.value());
        if (!letter.exec())
            return fail(sqlite::lastError(m_db));
    }
    const QJsonObject record{{key("digest"), QString::fromLatin1(digest.toHex())},
                             {key("fingerprint"), crypto::fingerprint(request.actor.publicKey())},
                             {key("signedAt"), signedAt}};
    if (!writeStatus(CaseStatus::Determined, request.actor, &message) ||
        !appendAudit(request.actor, QStringLiteral("case.sign"), request.actor.login(), QString(),
                     compact(record), &message) ||
        !committed(transaction.commit()))
        return fail(message.isEmpty() ? sqlite::lastError(m_db) : message);
    m_data.status = CaseStatus::Determined;
    return loadSignoff(error);
}

namespace {

// The signing's own two entries are the signer's, written as they signed; the signing time (the
// signer's clock, against which the roster is checked) is not before the last entry it covers.
template <typename Problem>
void checkSigningEntries(const SignatureRecord& record, const AuditEntry& lastCovered,
                         const QList<AuditEntry>& signing, const Problem& problem)
{
    const AuditEntry& sign = signing.at(1);
    if (signing.at(0).actor != record.signer || sign.actor != record.signer || sign.target != record.signer)
        problem(
            QStringLiteral("the signing's entries (rows %1 and %2) were written by %3, not by the signer %4")
                .arg(signing.at(0).seq)
                .arg(sign.seq)
                .arg(signing.at(0).actor == record.signer ? sign.actor : signing.at(0).actor, record.signer));
    const QJsonObject recorded = QJsonDocument::fromJson(sign.newValue.toUtf8()).object();
    if (recorded.value(key("signedAt")).toString() != AuditChain::timestamp(record.signedAt) ||
        recorded.value(key("fingerprint")).toString() != crypto::fingerprint(record.publicKey))
        problem(QStringLiteral("the case.sign entry (row %1) records another time or key than the signature")
                    .arg(sign.seq));
    const qint64 skew = AuditChain::ClockSkewSeconds;
    if (record.signedAt < lastCovered.at.addSecs(-skew) || record.signedAt < sign.at.addSecs(-skew) ||
        record.signedAt > sign.at.addSecs(skew))
        problem(
            QStringLiteral("it is dated %1, but the entries it covers end at %2 (row %3) and its case.sign "
                           "entry is dated %4: the signing time was set back or forward")
                .arg(AuditChain::timestamp(record.signedAt), AuditChain::timestamp(lastCovered.at))
                .arg(lastCovered.seq)
                .arg(AuditChain::timestamp(sign.at)));
}

} // namespace

void CaseFile::verifySignoff(VerifyReport& report, const QList<AuditEntry>& trail) const
{
    if (!m_signature) {
        // A trail that records a signing needs its signature: deleting it does not unsign a case.
        for (const AuditEntry& entry : trail)
            if (entry.action == QLatin1String("case.sign"))
                report.problems.append({QStringLiteral("signature"),
                                        QStringLiteral("the audit trail records a signing (row %1) but the "
                                                       "signature is missing: it was removed")
                                            .arg(entry.seq)});
        // What only a signing writes: the signed letters. (A determined status is not: the app's
        // Finalize sets it without a signature.)
        sqlite::Statement letters(m_db, "SELECT count(*) FROM signed_letter");
        if (letters.step() == SQLITE_ROW && letters.int64(0) > 0)
            report.problems.append({QStringLiteral("signature"),
                                    QStringLiteral("the case holds %1 signed letters but no signature: it "
                                                   "was removed")
                                        .arg(letters.int64(0))});
        return;
    }
    const SignatureRecord& record = *m_signature;
    auto problem = [&report](const QString& what) {
        report.problems.append({QStringLiteral("signature"), what});
    };
    const qsizetype before = report.problems.size();

    QJsonParseError parseError;
    const QJsonObject payload = QJsonDocument::fromJson(record.payload, &parseError).object();
    if (parseError.error != QJsonParseError::NoError ||
        payload.value(key("format")).toString() != QLatin1String("reviewdesk-signature-v1")) {
        problem(QStringLiteral("the signed statement is not readable: it was altered"));
        return;
    }
    if (signatureDigest(record.payload) != record.digest)
        problem(
            QStringLiteral("the signed statement does not match its digest: it was altered after signing"));
    const QJsonObject signer = payload.value(key("signer")).toObject();
    if (QByteArray::fromHex(signer.value(key("publicKey")).toString().toLatin1()) != record.publicKey)
        problem(QStringLiteral("the public key stored with the signature is not the signer's key in the "
                               "signed statement"));
    if (!crypto::verify(record.publicKey, record.digest, record.signature))
        problem(QStringLiteral("the Ed25519 signature does not verify with key %1: the signature or what it "
                               "covers was altered")
                    .arg(crypto::fingerprint(record.publicKey)));

    // Everything the signature covers must still be what it is now.
    const QJsonObject signedCase = payload.value(key("case")).toObject();
    const QJsonObject audit = signedCase.value(key("audit")).toObject();
    const qint64 auditCount = qint64(audit.value(key("count")).toDouble());
    const QByteArray auditHead = QByteArray::fromHex(audit.value(key("head")).toString().toLatin1());
    const QJsonObject current = signedState(auditCount, auditHead);
    if (signedCase.value(key("caseId")) != current.value(key("caseId"))) {
        problem(
            QStringLiteral("it was made for case %1, this file is case %2: the signature was copied from "
                           "another case")
                .arg(signedCase.value(key("caseId")).toString(), current.value(key("caseId")).toString()));
    }
    if (signedCase.value(key("createdAt")) != current.value(key("createdAt")) ||
        signedCase.value(key("reviewer")) != current.value(key("reviewer")))
        problem(QStringLiteral("the case record (created, reviewer) was changed after signing"));
    if (signedCase.value(key("request")) != current.value(key("request")))
        problem(QStringLiteral("the request was changed after signing"));
    if (signedCase.value(key("attachments")) != current.value(key("attachments")))
        problem(QStringLiteral("the attachments (names, sizes or SHA-256) were changed after signing"));
    const QJsonObject signedJudgments = signedCase.value(key("judgments")).toObject();
    const QJsonObject judgments = current.value(key("judgments")).toObject();
    QStringList ids = signedJudgments.keys() + judgments.keys();
    ids.removeDuplicates();
    ids.sort();
    for (const QString& id : std::as_const(ids))
        if (signedJudgments.value(id) != judgments.value(id))
            problem(QStringLiteral("judgment %1 was changed after signing").arg(id));
    if (signedCase.value(key("overrides")) != current.value(key("overrides")))
        problem(QStringLiteral("the line overrides were changed after signing"));
    if (signedCase.value(key("letterFields")) != current.value(key("letterFields")))
        problem(QStringLiteral("the letter's free-text parts were changed after signing"));
    const QJsonObject signedLetters = payload.value(key("letters")).toObject();
    QStringList languages = signedLetters.keys() + record.letters.keys();
    languages.removeDuplicates();
    for (const QString& language : std::as_const(languages)) {
        const QJsonObject letter = signedLetters.value(language).toObject();
        if (!record.letters.contains(language)) {
            problem(QStringLiteral("the signed letter (%1) is missing").arg(language));
            continue;
        }
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(record.letters.value(language).toUtf8(), QCryptographicHash::Sha256)
                .toHex());
        if (letter.value(key("sha256")).toString() != hash ||
            letter.value(key("kind")).toString() != record.letterKinds.value(language))
            problem(QStringLiteral("the letter (%1) was changed after signing").arg(language));
    }

    // The trail up to the signature is the one signed; after it, only the signing itself.
    if (auditCount < 1 || auditCount > trail.size() || trail.at(auditCount - 1).hash != auditHead)
        problem(
            QStringLiteral("the audit trail no longer holds the entries the signature covers (%1 entries): "
                           "it was cut short or rewritten")
                .arg(auditCount));
    else {
        const QList<AuditEntry> after = trail.mid(auditCount);
        const bool shaped =
            after.size() == 2 && after.at(0).action == QLatin1String("status.change") &&
            after.at(0).newValue == toString(CaseStatus::Determined) &&
            after.at(1).action == QLatin1String("case.sign") &&
            QJsonDocument::fromJson(after.at(1).newValue.toUtf8()).object().value(key("digest")).toString() ==
                QString::fromLatin1(record.digest.toHex());
        if (!shaped)
            problem(
                QStringLiteral("the audit trail after the signature holds %1 entries where the signing's own "
                               "2 belong: the case was changed after signing")
                    .arg(after.size()));
        else
            checkSigningEntries(record, trail.at(auditCount - 1), after, problem);
    }
    if (m_data.status != CaseStatus::Determined)
        problem(QStringLiteral("the case's status is %1, not determined").arg(toString(m_data.status)));
    if (payload.value(key("signedAt")).toString() != AuditChain::timestamp(record.signedAt) ||
        signer.value(key("login")).toString() != record.signer)
        problem(QStringLiteral(
            "the signer or time stored beside the signature differ from the signed statement"));

    if (report.problems.size() == before)
        report.checked.append(
            QStringLiteral("signature: %1, signed %2 UTC, Ed25519 key %3; covers the request, "
                           "%4 attachments, %5 judgments, the decision and %6 letters")
                .arg(payload.value(key("meaning")).toString(),
                     record.signedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                     crypto::fingerprint(record.publicKey))
                .arg(m_attachments.size())
                .arg(m_data.answers.size())
                .arg(record.letters.size()));
}

} // namespace rd
