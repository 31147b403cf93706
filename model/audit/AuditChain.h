// The audit trail: a hash chain of entries, each signed by its actor.
//
// Each entry's hash covers the previous entry's hash and every field of the entry, so an edited,
// deleted, inserted or reordered row breaks the chain. The first entry chains from a genesis hash
// bound to the case's id, so rows copied from another case fail too. Each entry carries an Ed25519
// signature by its actor's key over its hash (and so over the whole trail before it): rewriting
// history needs the password of every actor whose rows follow the change. What no signature can
// catch, a trail cut short at its end, is written down in docs/security.md.
#pragma once

#include "model/audit/VerifyReport.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace rd {

class Roster;

struct AuditEntry
{
    qint64 seq = 0;
    QDateTime at;     // UTC
    QString actor;    // the login whose key signed the entry
    QString action;   // case.create, attachment.add, judgment.record, status.change, ...
    QString target;   // judgment id, attachment file name, ...
    QString oldValue; // compact JSON or text; empty when there was none
    QString newValue;
    QByteArray prevHash;
    QByteArray hash;
    QByteArray signature; // Ed25519 by the actor over signedMessage(*this)
};

namespace AuditChain {

// Clocks of different desks differ a little: an entry may be this much ahead of the verifier's clock,
// or behind the entry before it, before its time is a finding.
inline constexpr qint64 ClockSkewSeconds = 15 * 60;

QByteArray genesisHash(const QString& caseId);
QByteArray entryHash(const AuditEntry& entry);     // uses entry.prevHash, ignores hash and signature
QByteArray signedMessage(const AuditEntry& entry); // domain tag + entry.hash

// Checks a trail read in storage order against the header's count and head hash.
QList<VerifyFinding> check(const QList<AuditEntry>& entries, const QString& caseId, qint64 recordedCount,
                           const QByteArray& recordedHead);

// Checks every entry's signature against the roster entry of its actor valid at the entry's time,
// that the actor's role may do the entry's action, and that the time lies within the case's life
// (from its first entry to now) and not before the entry it follows (both with a little clock skew). Appends
// one line to checked when all pass.
void checkSigners(const QList<AuditEntry>& entries, const Roster& roster, const QDateTime& now,
                  VerifyReport& report);

QString timestamp(const QDateTime& utc); // ISO 8601 with milliseconds and Z

} // namespace AuditChain

} // namespace rd
