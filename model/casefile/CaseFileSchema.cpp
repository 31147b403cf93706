#include "model/casefile/CaseFileSchema.h"

#include "model/casefile/CaseFileFormat.h"
#include "model/casefile/Sqlite.h"

#include <QFileInfo>
#include <QMap>

#include <sqlite3.h>

namespace rd::CaseFileSchema {

namespace {

quint32 bigEndian32(const unsigned char* bytes)
{
    return (quint32(bytes[0]) << 24) | (quint32(bytes[1]) << 16) | (quint32(bytes[2]) << 8) |
           quint32(bytes[3]);
}

const char kSchemaV1[] = R"SQL(
CREATE TABLE case_info(
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    case_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    member_id TEXT NOT NULL,
    member_name TEXT NOT NULL,
    member_birth_date TEXT NOT NULL,
    provider_name TEXT NOT NULL,
    provider_npi TEXT NOT NULL,
    received_at TEXT NOT NULL,
    urgency TEXT NOT NULL,
    service_date TEXT NOT NULL,
    lines TEXT NOT NULL,
    diagnoses TEXT NOT NULL,
    prior_study_date TEXT,
    clinical_question TEXT NOT NULL,
    status TEXT NOT NULL,
    reviewer TEXT NOT NULL DEFAULT '',
    last_change TEXT NOT NULL,
    audit_count INTEGER NOT NULL,
    audit_head BLOB NOT NULL
);
CREATE TABLE attachment(
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL UNIQUE,
    sha256 BLOB NOT NULL,
    size INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE attachment_data(
    attachment_id INTEGER PRIMARY KEY REFERENCES attachment(id),
    data BLOB NOT NULL
);
CREATE TABLE judgment(
    id TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    types TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE evidence(
    judgment_id TEXT NOT NULL REFERENCES judgment(id),
    ord INTEGER NOT NULL,
    attachment TEXT NOT NULL,
    page INTEGER NOT NULL,
    quote TEXT NOT NULL,
    x REAL, y REAL, w REAL, h REAL,
    PRIMARY KEY (judgment_id, ord)
);
CREATE TABLE page_view(
    attachment_id INTEGER NOT NULL,
    page INTEGER NOT NULL,
    PRIMARY KEY (attachment_id, page)
) WITHOUT ROWID;
CREATE TABLE audit(
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TABLE line_override(
    code TEXT PRIMARY KEY,
    decision TEXT NOT NULL,
    rationale TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE letter_field(
    name TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE signature(
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    payload TEXT NOT NULL,
    digest BLOB NOT NULL,
    signature BLOB NOT NULL,
    public_key BLOB NOT NULL,
    signer TEXT NOT NULL,
    signed_at TEXT NOT NULL
);
CREATE TABLE signed_letter(
    language TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    html TEXT NOT NULL
);
CREATE TABLE holder(
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    user TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    since TEXT NOT NULL
);
)SQL";

// Version 2: what version 1 has, and the member's contact for letters.
const char kSchemaV2[] = R"SQL(
CREATE TABLE member_contact(
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    language TEXT NOT NULL,
    address TEXT NOT NULL,
    guardian_name TEXT NOT NULL
);
)SQL";

// Version 3: every audit entry signed by its actor (Ed25519 over the entry's hash), append-only
// like the entries themselves.
const char kSchemaV3[] = R"SQL(
CREATE TABLE audit_signature(
    seq INTEGER PRIMARY KEY REFERENCES audit(seq),
    signature BLOB NOT NULL
);
CREATE TRIGGER audit_signature_no_update BEFORE UPDATE ON audit_signature BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_signature_no_delete BEFORE DELETE ON audit_signature BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)SQL";

// Version 4: the FHIR origin of a case imported from a Da Vinci PAS request (at most one row, written
// once at import; its hashes are in the signed fhir.import audit entry).
const char kSchemaV4[] = R"SQL(
CREATE TABLE fhir_origin(
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    origin TEXT NOT NULL,
    bundle BLOB NOT NULL,
    warnings TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TRIGGER fhir_origin_no_update BEFORE UPDATE ON fhir_origin BEGIN SELECT RAISE(ABORT, 'the FHIR origin is written once'); END;
CREATE TRIGGER fhir_origin_no_delete BEFORE DELETE ON fhir_origin BEGIN SELECT RAISE(ABORT, 'the FHIR origin is written once'); END;
)SQL";

// A case file comes from anywhere: its schema may hold views and triggers nobody here wrote. They may
// call no function with side effects, and the file's own pragmas may not corrupt it.
void hardenConnection(sqlite3* db)
{
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
}

bool checkHeader(sqlite3* db, const QString& path, QString* error)
{
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
        !file->pMethods) {
        *error = QStringLiteral("%1: cannot be read").arg(path);
        return false;
    }
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) != SQLITE_OK) {
        *error = QStringLiteral("%1: cannot read its size").arg(path);
        return false;
    }
    if (size == 0) {
        *error = QStringLiteral("%1: is empty, not a ReviewDesk case file").arg(path);
        return false;
    }
    if (size < 100) {
        *error =
            QStringLiteral("%1: is %2 bytes long, too short for a case file (truncated or not a case file)")
                .arg(path)
                .arg(size);
        return false;
    }
    unsigned char header[100] = {};
    if (file->pMethods->xRead(file, header, 100, 0) != SQLITE_OK) {
        *error = QStringLiteral("%1: its first 100 bytes cannot be read").arg(path);
        return false;
    }
    if (memcmp(header, "SQLite format 3\0", 16) != 0) {
        *error =
            QStringLiteral("%1: not a ReviewDesk case file (bytes 0-15 are not a SQLite header)").arg(path);
        return false;
    }
    const quint32 applicationId = bigEndian32(header + 68);
    if (applicationId != quint32(CaseFileFormat::ApplicationId)) {
        *error =
            QStringLiteral("%1: a SQLite database of another application (application_id 0x%2 at byte 68), "
                           "not a ReviewDesk case file")
                .arg(path)
                .arg(applicationId, 8, 16, QLatin1Char('0'));
        return false;
    }
    const quint32 version = bigEndian32(header + 60);
    if (version > quint32(CaseFileFormat::CurrentSchemaVersion)) {
        *error = QStringLiteral(
                     "%1: made by a newer ReviewDesk (case file version %2; this version reads up to %3)")
                     .arg(path)
                     .arg(version)
                     .arg(CaseFileFormat::CurrentSchemaVersion);
        return false;
    }
    if (version >= quint32(CaseFileFormat::SchemaVersion1) &&
        version < quint32(CaseFileFormat::SchemaVersion3)) {
        *error = QStringLiteral(
                     "%1: a case file of version %2, made by an earlier ReviewDesk whose audit entries "
                     "are not signed by their authors: this version reads only versions %3 and %4 (verify "
                     "it with the version that made it, or create the case again)")
                     .arg(path)
                     .arg(version)
                     .arg(CaseFileFormat::SchemaVersion3)
                     .arg(CaseFileFormat::CurrentSchemaVersion);
        return false;
    }
    if (version < quint32(CaseFileFormat::SchemaVersion1)) {
        *error = QStringLiteral("%1: has no case file version (user_version %2 at byte 60)")
                     .arg(path)
                     .arg(version);
        return false;
    }
    // The header's own record of the database size is valid when its "version-valid-for" number
    // equals the change counter. A hot journal means SQLite will roll back first: skip the check.
    const bool hotJournal = QFileInfo(path + QStringLiteral("-journal")).size() > 0;
    quint32 pageSize = (quint32(header[16]) << 8) | header[17];
    if (pageSize == 1)
        pageSize = 65536;
    const quint32 pageCount = bigEndian32(header + 28);
    if (!hotJournal && bigEndian32(header + 92) == bigEndian32(header + 24)) {
        const qint64 expected = qint64(pageSize) * pageCount;
        if (size < expected) {
            *error = QStringLiteral("%1: is truncated: its header records %2 bytes, the file has %3")
                         .arg(path)
                         .arg(expected)
                         .arg(size);
            return false;
        }
    }
    return true;
}

} // namespace

sqlite3* openConnection(const QString& path, bool readOnly, QString* error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return nullptr;
    }
    if (!info.isFile()) {
        *error = QStringLiteral("%1: not a file").arg(path);
        return nullptr;
    }
    sqlite3* db = nullptr;
    const int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOFOLLOW;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr) != SQLITE_OK) {
        *error = QStringLiteral("%1: cannot be opened: %2").arg(path, sqlite::lastError(db));
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_extended_result_codes(db, 1);
    hardenConnection(db);
    if (!checkHeader(db, path, error)) {
        sqlite3_close(db);
        return nullptr;
    }
    // A crash mid-write leaves a hot journal, which a read-only connection cannot roll back ("attempt
    // to write a readonly database"). Roll it back as any writer would, through SQLite, then read.
    if (readOnly && QFileInfo(path + QStringLiteral("-journal")).size() > 0) {
        sqlite3_close(db);
        db = nullptr;
        sqlite3* writer = nullptr;
        const bool recovered =
            sqlite3_open_v2(path.toUtf8().constData(), &writer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                            nullptr) == SQLITE_OK &&
            sqlite3_busy_timeout(writer, 5000) == SQLITE_OK &&
            sqlite::exec(writer, "SELECT count(*) FROM sqlite_schema");
        const QString message = sqlite::lastError(writer);
        sqlite3_close(writer);
        if (!recovered) {
            *error =
                QStringLiteral("%1: a write was cut short (a crash left its journal) and it cannot be rolled "
                               "back here: %2")
                    .arg(path, message);
            return nullptr;
        }
        if (sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr) != SQLITE_OK) {
            *error = QStringLiteral("%1: cannot be opened: %2").arg(path, sqlite::lastError(db));
            sqlite3_close(db);
            return nullptr;
        }
        sqlite3_extended_result_codes(db, 1);
        hardenConnection(db);
    }
    // A read-only connection leaves the journal mode as the file has it: setting it would write.
    if (readOnly) {
        sqlite3_busy_timeout(db, 5000);
        return db;
    }
    if (!configure(db, error)) {
        *error = QStringLiteral("%1: %2").arg(path, *error);
        sqlite3_close(db);
        return nullptr;
    }
    return db;
}

bool configure(sqlite3* db, QString* error)
{
    sqlite3_busy_timeout(db, 5000);
    if (!sqlite::exec(db, "PRAGMA journal_mode=DELETE") || !sqlite::exec(db, "PRAGMA synchronous=FULL") ||
        !sqlite::exec(db, "PRAGMA foreign_keys=ON")) {
        *error = QStringLiteral("cannot be configured: %1").arg(sqlite::lastError(db));
        return false;
    }
    return true;
}

bool create(sqlite3* db, QString* error)
{
    sqlite::Transaction transaction(db);
    const QByteArray pragmas = QByteArrayLiteral("PRAGMA application_id=") +
                               QByteArray::number(CaseFileFormat::ApplicationId) +
                               QByteArrayLiteral("; PRAGMA user_version=") +
                               QByteArray::number(CaseFileFormat::CurrentSchemaVersion) + ';';
    if (!transaction.isActive() || !sqlite::exec(db, kSchemaV1) || !sqlite::exec(db, kSchemaV2) ||
        !sqlite::exec(db, kSchemaV3) || !sqlite::exec(db, kSchemaV4) ||
        !sqlite::exec(db, pragmas.constData()) || !transaction.commit()) {
        *error = QStringLiteral("cannot create the case file's tables: %1").arg(sqlite::lastError(db));
        return false;
    }
    return true;
}

QList<VerifyFinding> checkSchema(sqlite3* db)
{
    // The schema as this version declares it, read back through SQLite so that both sides are
    // SQLite's own text.
    auto read = [](sqlite3* from) {
        QMap<QString, QString> objects;
        sqlite::Statement query(from, "SELECT type || ' ' || name, sql FROM sqlite_schema "
                                      "WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
        while (query.step() == SQLITE_ROW)
            objects.insert(query.text(0), query.text(1));
        return objects;
    };
    // A file is checked against the version it declares (the header check let only 3 and later in):
    // a version 3 file has no fhir_origin, and one added to it is reported as added.
    const int version = fileVersion(db);
    QMap<QString, QString> expected;
    sqlite3* memory = nullptr;
    if (sqlite3_open_v2(":memory:", &memory, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
        sqlite::exec(memory, kSchemaV1) && sqlite::exec(memory, kSchemaV2) &&
        sqlite::exec(memory, kSchemaV3) &&
        (version < CaseFileFormat::SchemaVersion4 || sqlite::exec(memory, kSchemaV4)))
        expected = read(memory);
    sqlite3_close(memory);
    const QMap<QString, QString> actual = read(db);
    QList<VerifyFinding> findings;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!actual.contains(it.key()))
            findings.append(
                {QStringLiteral("schema"), QStringLiteral("%1 is missing: it was dropped").arg(it.key())});
        else if (actual.value(it.key()) != it.value())
            findings.append({QStringLiteral("schema"),
                             QStringLiteral("%1 is not as version %2 declares it: it was altered")
                                 .arg(it.key())
                                 .arg(version)});
    }
    for (auto it = actual.cbegin(); it != actual.cend(); ++it)
        if (!expected.contains(it.key()))
            findings.append(
                {QStringLiteral("schema"),
                 QStringLiteral("%1 is not part of version %2: it was added").arg(it.key()).arg(version)});
    return findings;
}

int fileVersion(sqlite3* db)
{
    sqlite::Statement query(db, "PRAGMA user_version");
    return query.step() == SQLITE_ROW ? int(query.int64(0)) : 0;
}

void closeConnection(sqlite3* db)
{
    sqlite3_close(db);
}

} // namespace rd::CaseFileSchema
