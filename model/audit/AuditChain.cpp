#include "model/audit/AuditChain.h"

#include <QCryptographicHash>

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

} // namespace rd::AuditChain
