// The attacker's tool for the trail: rewriting an audit trail as someone with sqlite3, our code and
// the keys they hold would (tests of what verify catches and of what it cannot).
#pragma once

#include "SqlTamper.h"
#include "model/audit/AuditChain.h"
#include "model/casefile/CaseFile.h"

#include <functional>

namespace rd::test {

// The attacker's tool: reads the trail, lets edit() change it, then recomputes the whole hash chain
// and signs every row with the key signer() gives for it (a row whose signer is null keeps its old
// signature), and writes it back with the triggers dropped (restored unless leaveDropped).
inline bool rewriteTrail(const QString& path, const std::function<void(QList<AuditEntry>&)>& edit,
                         const std::function<const SigningKey*(const AuditEntry&)>& signer,
                         bool leaveDropped = false)
{
    QString error;
    QList<AuditEntry> trail;
    QString caseId;
    {
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        if (!file)
            return false;
        trail = file->auditTrail();
        caseId = file->caseId();
    }
    edit(trail);
    QByteArray prev = AuditChain::genesisHash(caseId);
    QByteArray sql = "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TRIGGER "
                     "audit_signature_no_update; DROP TRIGGER audit_signature_no_delete; DELETE FROM audit; "
                     "DELETE FROM audit_signature; ";
    for (qsizetype i = 0; i < trail.size(); ++i) {
        AuditEntry& entry = trail[i];
        entry.seq = i + 1;
        entry.prevHash = prev;
        entry.hash = AuditChain::entryHash(entry);
        if (const SigningKey* key = signer(entry))
            entry.signature = key->sign(AuditChain::signedMessage(entry));
        prev = entry.hash;
        auto text = [](const QString& value) -> QByteArray {
            QString escaped = value;
            return "'" + escaped.replace(QLatin1Char('\''), QStringLiteral("''")).toUtf8() + "'";
        };
        sql += "INSERT INTO audit VALUES (" + QByteArray::number(entry.seq) + ", " +
               text(AuditChain::timestamp(entry.at)) + ", " + text(entry.actor) + ", " + text(entry.action) +
               ", " + text(entry.target) + ", " + text(entry.oldValue) + ", " + text(entry.newValue) +
               ", X'" + entry.prevHash.toHex() + "', X'" + entry.hash.toHex() +
               "'); INSERT INTO audit_signature VALUES (" + QByteArray::number(entry.seq) + ", X'" +
               entry.signature.toHex() + "'); ";
    }
    sql += "UPDATE case_info SET audit_count = " + QByteArray::number(trail.size()) + ", audit_head = X'" +
           prev.toHex() + "'; ";
    if (!leaveDropped)
        sql +=
            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit "
            "trail "
            "is append-only'); END; CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT "
            "RAISE(ABORT, 'the audit trail is append-only'); END; CREATE TRIGGER audit_signature_no_update "
            "BEFORE UPDATE ON audit_signature BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); "
            "END; CREATE TRIGGER audit_signature_no_delete BEFORE DELETE ON audit_signature BEGIN SELECT "
            "RAISE(ABORT, 'the audit trail is append-only'); END;";
    return sqlite(path, sql);
}

} // namespace rd::test
