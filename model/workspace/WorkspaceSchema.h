// The workspace's schema in PostgreSQL: numbered migrations, each applied in one transaction with the
// schema version, and the checks that an app makes before it uses a workspace (an older app refuses
// a newer schema). The server's rules live here as SQL: privileges, row-level security and the
// SECURITY DEFINER functions through which every write goes (docs/workspace.md).
#pragma once

#include <QString>

namespace rd {

class PgConnection;

namespace WorkspaceSchema {

inline constexpr int CurrentVersion = 5;

// Creates the schema, or migrates it to CurrentVersion, and the group roles rd_reviewer,
// rd_medical_director and rd_admin (when missing), in one transaction. Needs a role that may create
// roles and schemas (the DBA's). Refuses a schema newer than this app knows.
bool migrate(PgConnection& connection, QString* error);
// The same up to version target only (tests of a migration start from the version before it).
bool migrateTo(PgConnection& connection, int target, QString* error);

// The schema's version, 0 when there is none; -1 with error when it cannot be read.
int version(PgConnection& connection, QString* error);

// What every other operation checks first: the schema exists and is not newer than this app.
bool check(PgConnection& connection, QString* error);

} // namespace WorkspaceSchema

} // namespace rd
