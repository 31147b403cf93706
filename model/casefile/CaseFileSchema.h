// The case file's schema (the current version), and the checks made before a file is trusted.
#pragma once

#include "model/audit/VerifyReport.h"

#include <QList>
#include <QString>

struct sqlite3;

namespace rd::CaseFileSchema {

// Opens an existing case file. Before anything is read through SQLite, the 100-byte header is
// checked (SQLite magic, application id, schema version, the size the header records) through
// SQLite's own file handle, so a foreign, newer, truncated or random file is refused untouched.
// Returns nullptr and fills error on refusal.
sqlite3* openConnection(const QString& path, bool readOnly, QString* error);

// Sets the connection's durability settings: rollback journal deleted at commit, synchronous=FULL.
bool configure(sqlite3* db, QString* error);

// Creates the tables of the current version in an empty database, with application_id and
// user_version, in one transaction.
bool create(sqlite3* db, QString* error);

// The tables, indexes and triggers against the SQL of the version the file declares (3 or 4): one
// finding per object missing, altered or added.
QList<VerifyFinding> checkSchema(sqlite3* db);

// PRAGMA user_version of an open file (0 when it cannot be read).
int fileVersion(sqlite3* db);

void closeConnection(sqlite3* db);

} // namespace rd::CaseFileSchema
