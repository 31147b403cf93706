#include "model/audit/AuditChain.h"

#include "model/trust/Roster.h"
#include "model/trust/SigningKey.h"

#include <QCryptographicHash>
#include <QSet>

#include <algorithm>

namespace rd::AuditChain {

namespace {

void addField(QCryptographicHash& hash, const QByteArray& bytes)
{
    // Length-prefixed, so that no two different entries encode to the same bytes.
    const quint64 length = quint64(bytes.size());
    char prefix[8];
    for (int i = 0; i < 8; ++i)
        prefix[i] = char((length >> (8 * (7 - i))) & 0xff);
    hash.addData(QByteArrayView(prefix, 8));
    hash.addData(bytes);
}

const QByteArray kSignatureDomain = QByteArrayLiteral("reviewdesk-audit-v2\n");

// What each role may record. An administrator keeps the roster and writes no case.
bool mayRecord(UserRole role, const QString& action)
{
    if (role == UserRole::Admin)
        return false;
    if (action == QLatin1String("decision.override"))
        return role == UserRole::MedicalDirector;
    return true;
}

} // namespace

QByteArray genesisHash(const QString& caseId)
{
    const QByteArray seed = QByteArrayLiteral("rdcase-audit-v1:") + caseId.toUtf8();
    return QCryptographicHash::hash(seed, QCryptographicHash::Sha256);
}

QString timestamp(const QDateTime& utc)
{
    return utc.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray entryHash(const AuditEntry& entry)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addField(hash, entry.prevHash);
    addField(hash, QByteArray::number(entry.seq));
    addField(hash, timestamp(entry.at).toUtf8());
    addField(hash, entry.actor.toUtf8());
    addField(hash, entry.action.toUtf8());
    addField(hash, entry.target.toUtf8());
    addField(hash, entry.oldValue.toUtf8());
    addField(hash, entry.newValue.toUtf8());
    return hash.result();
}

QByteArray signedMessage(const AuditEntry& entry)
{
    return kSignatureDomain + entry.hash;
}

QList<VerifyFinding> check(const QList<AuditEntry>& entries, const QString& caseId, qint64 recordedCount,
                           const QByteArray& recordedHead)
{
    QList<VerifyFinding> findings;
    QByteArray expectedPrev = genesisHash(caseId);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const AuditEntry& entry = entries.at(i);
        const QString where = QStringLiteral("audit row %1").arg(entry.seq);
        if (entry.seq != i + 1)
            findings.append(
                {where, QStringLiteral("is at position %1: a row before it was deleted or inserted, "
                                       "or rows were reordered")
                            .arg(i + 1)});
        if (entry.prevHash != expectedPrev)
            findings.append({where, QStringLiteral("does not follow the row before it: the chain is broken "
                                                   "(a row was deleted, inserted or moved)")});
        if (entryHash(entry) != entry.hash)
            findings.append({where, QStringLiteral("was edited: its content does not match its hash")});
        expectedPrev = entry.hash;
    }
    if (entries.size() != recordedCount)
        findings.append(
            {QStringLiteral("audit trail"),
             QStringLiteral("holds %1 rows but the case header records %2: rows were removed or added")
                 .arg(entries.size())
                 .arg(recordedCount)});
    else if (!entries.isEmpty() && entries.last().hash != recordedHead)
        findings.append({QStringLiteral("audit trail"),
                         QStringLiteral("its last row is not the one the case header records")});
    return findings;
}

void checkSigners(const QList<AuditEntry>& entries, const Roster& roster, const QDateTime& now,
                  VerifyReport& report)
{
    const qsizetype before = report.problems.size();
    const QDateTime created = entries.isEmpty() ? QDateTime() : entries.first().at;
    const QDateTime latest = now.toUTC().addSecs(ClockSkewSeconds);
    QSet<QString> signers;
    const AuditEntry* previous = nullptr;
    for (const AuditEntry& entry : entries) {
        const QString where =
            QStringLiteral("audit row %1 (%2 by %3)").arg(entry.seq).arg(entry.action, entry.actor);
        auto problem = [&](const QString& what) {
            report.problems.append({where, what});
        };
        if (!entry.at.isValid() || entry.at < created)
            problem(QStringLiteral("its time %1 is before the case was created (%2)")
                        .arg(timestamp(entry.at), timestamp(created)));
        else if (entry.at > latest)
            problem(QStringLiteral("its time %1 is in the future").arg(timestamp(entry.at)));
        // A key valid only until its revocation, used later with the clock set back, dates its entry
        // before the work that came after the revocation.
        else if (previous && entry.at < previous->at.addSecs(-ClockSkewSeconds))
            problem(QStringLiteral("its time %1 is before the entry it follows (row %2, %3): entries follow "
                                   "each other in time, so this one was dated back")
                        .arg(timestamp(entry.at))
                        .arg(previous->seq)
                        .arg(timestamp(previous->at)));
        previous = &entry;
        // The roster entry of the actor valid at the row's time whose key made the signature.
        const RosterEntry* signer = nullptr;
        bool keyOfActor = false;
        for (const RosterEntry& candidate : roster.entries()) {
            if (candidate.user.login != entry.actor ||
                !crypto::verify(candidate.user.publicKey, signedMessage(entry), entry.signature))
                continue;
            keyOfActor = true;
            if (candidate.validAt(entry.at)) {
                signer = &candidate;
                break;
            }
        }
        if (!signer) {
            if (keyOfActor) {
                // Signed with a key the roster gave the actor, but not at that time.
                for (const RosterEntry& candidate : roster.entries())
                    if (candidate.user.login == entry.actor &&
                        crypto::verify(candidate.user.publicKey, signedMessage(entry), entry.signature)) {
                        problem(roster.whyNot(entry.actor, candidate.user.publicKey, entry.at) +
                                QStringLiteral(" (the row is dated %1)").arg(timestamp(entry.at)));
                        break;
                    }
            } else if (!roster.current(entry.actor, entry.at) &&
                       std::none_of(roster.entries().cbegin(), roster.entries().cend(),
                                    [&](const RosterEntry& e) { return e.user.login == entry.actor; })) {
                problem(QStringLiteral("%1 is not in the organization roster").arg(entry.actor));
            } else {
                problem(QStringLiteral("its signature is not %1's: the row was altered or written with "
                                       "another key")
                            .arg(entry.actor));
            }
            continue;
        }
        if (!mayRecord(signer->user.role, entry.action))
            problem(QStringLiteral("%1 is a %2 in the roster and may not record %3")
                        .arg(entry.actor, toString(signer->user.role), entry.action));
        signers.insert(entry.actor);
    }
    if (report.problems.size() == before) {
        QStringList names = signers.values();
        names.sort();
        report.checked.append(
            QStringLiteral("audit trail: every one of %1 entries signed by its actor's key in the roster "
                           "at its time (%2)")
                .arg(entries.size())
                .arg(names.join(QStringLiteral(", "))));
    }
}

} // namespace rd::AuditChain
