// The audit trail's hash chain. Each entry's hash covers the previous entry's hash and every field
// of the entry, so an edited, deleted, inserted or reordered row breaks the chain. The first entry
// chains from a genesis hash bound to the case's id, so rows copied from another case fail too, and
// the case header records the count and the last hash, so a trail cut short is caught as well.
#pragma once

#include "model/casefile/CaseFile.h"

#include <QByteArray>
#include <QList>

namespace rd::AuditChain {

QByteArray genesisHash(const QString& caseId);
QByteArray entryHash(const AuditEntry& entry); // uses entry.prevHash, ignores entry.hash

// Checks a trail read in storage order against the header's count and head hash.
QList<VerifyFinding> check(const QList<AuditEntry>& entries, const QString& caseId, qint64 recordedCount,
                           const QByteArray& recordedHead);

QString timestamp(const QDateTime& utc); // ISO 8601 with milliseconds and Z

} // namespace rd::AuditChain
