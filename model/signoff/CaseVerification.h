// verifyCase(): everything a case file can be checked for, in one place for the app and the command
// line. The case file's own checks (CaseFile::verify: SQLite integrity, schema, attachment bytes
// against their audit rows, the hash chain, table contents against the trail), then what rests on
// the organization roster (every audit row signed by its actor's key valid at its time, roles that
// may do each action) and, for a signed case, the determination recomputed from the signed facts
// with the policy the signature names by SHA-256, and the signer's role from the roster.
#pragma once

#include "model/audit/VerifyReport.h"
#include "model/trust/Roster.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace rd {

class CaseFile;

struct VerifyOptions
{
    QString requiredAnchor; // when set, the trust anchor must be this key id
    qint64 headCount = 0;   // when > 0: the trail must still hold this row ...
    QByteArray headHash;    // ... whose hash starts with these bytes (at least 8; a letter prints 8,
                            // `sign`'s receipt and an export all 32)
    // When set: check against this roster (its signed JSON) instead of the one trust.json names: the
    // roster the team workspace keeps (Workspace::roster()). It must be signed by the administrator key
    // trust.json pins and be no older than the newest this computer has seen; empty (the workspace
    // holds none) fails. rosterSource names it (the workspace's URL).
    std::optional<QByteArray> roster;
    QString rosterSource;
};

// An audit head as outside records carry it: "N:HEX" (at least 16 hex digits), or a file holding one:
// the JSON of `export` ({"audit": {"count": N, "head": HEX}}) or a file whose text holds "N:HEX" after
// "audit head:" (`sign`'s receipt saved). Fails with one sentence naming the text or the file.
bool parseAuditHead(const QString& text, VerifyOptions* options, QString* error);
bool readAuditHead(const QString& path, VerifyOptions* options, QString* error);

struct CaseVerification
{
    VerifyReport report;
    QString anchor;                    // the administrator key id the roster was checked against
    QString trustFile;                 // where the anchor came from
    QString rosterSource;              // where the roster came from: a file, or a workspace's URL
    bool trustOverride = false;        // it came from $REVIEWDESK_CONFIG_DIR, not the installation
    std::optional<RosterEntry> signer; // the determination's signer as the roster names them
    QString decision;                  // the recomputed overall outcome of a signed case
    qint64 auditCount = 0;
    QByteArray auditHead;
};

CaseVerification verifyCase(const CaseFile& file, const VerifyOptions& options = {});

} // namespace rd
