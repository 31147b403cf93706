#include "model/workspace/CaseRows.h"

#include "model/casefile/CaseFileSchema.h"
#include "model/casefile/Sqlite.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rd::CaseRows {

namespace {

// Kept apart: the trail (the server checks and keeps it), attachment bytes (large), who has the file
// open and which pages were seen (local to one desk).
const QSet<QString> kApart = {QStringLiteral("audit"), QStringLiteral("audit_signature"),
                              QStringLiteral("attachment_data"), QStringLiteral("holder"),
                              QStringLiteral("page_view")};

Tables tables(sqlite3* db)
{
    Tables result;
    QStringList names;
    {
        sqlite::Statement query(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                    "'sqlite_%' ORDER BY name");
        while (query.step() == SQLITE_ROW)
            names.append(query.text(0));
    }
    for (const QString& name : std::as_const(names)) {
        if (kApart.contains(name))
            continue;
        TableInfo info;
        sqlite::Statement columns(db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
        columns.bind(1, name);
        QMap<qint64, QString> keyColumns;
        while (columns.step() == SQLITE_ROW) {
            info.columns.append(columns.text(0));
            if (columns.int64(1) > 0)
                keyColumns.insert(columns.int64(1), columns.text(0));
        }
        info.keyColumns = keyColumns.values();
        if (info.keyColumns.isEmpty())
            info.keyColumns = info.columns;
        result.insert(name, info);
    }
    return result;
}

QString quoted(const QString& identifier)
{
    return QLatin1Char('"') + QString(identifier).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

QJsonValue columnValue(sqlite3_stmt* statement, int column)
{
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        return QJsonValue(qint64(sqlite3_column_int64(statement, column)));
    case SQLITE_FLOAT:
        return QJsonValue(sqlite3_column_double(statement, column));
    case SQLITE_TEXT:
        return QJsonValue(
            QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, column)),
                              sqlite3_column_bytes(statement, column)));
    case SQLITE_BLOB: {
        const QByteArray bytes(static_cast<const char*>(sqlite3_column_blob(statement, column)),
                               sqlite3_column_bytes(statement, column));
        return QJsonObject{{QStringLiteral("b"), QString::fromLatin1(bytes.toBase64())}};
    }
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

bool bindValue(sqlite3_stmt* statement, int index, const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return sqlite3_bind_null(statement, index) == SQLITE_OK;
    if (value.isString()) {
        const QByteArray text = value.toString().toUtf8();
        return sqlite3_bind_text(statement, index, text.constData(), int(text.size()), SQLITE_TRANSIENT) ==
               SQLITE_OK;
    }
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (qAbs(number) < 9.0e15 && number == double(qint64(number)))
            return sqlite3_bind_int64(statement, index, qint64(number)) == SQLITE_OK;
        return sqlite3_bind_double(statement, index, number) == SQLITE_OK;
    }
    if (value.isObject() && value.toObject().contains(QStringLiteral("b"))) {
        const QByteArray bytes =
            QByteArray::fromBase64(value.toObject().value(QStringLiteral("b")).toString().toLatin1());
        return sqlite3_bind_blob(statement, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT) ==
               SQLITE_OK;
    }
    return false;
}

sqlite3* openReadOnly(const QString& path, QString* error)
{
    return CaseFileSchema::openConnection(path, true, error);
}

} // namespace

static std::optional<Snapshot> readTables(sqlite3* db, const Tables& all, QString* error)
{
    Snapshot snapshot;
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        const QString sql = QStringLiteral("SELECT * FROM %1").arg(quoted(it.key()));
        // Generic over columns and their types: the raw statement (sqlite::Statement reads by type).
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &raw, nullptr) != SQLITE_OK) {
            *error = sqlite::lastError(db);
            return std::nullopt;
        }
        int rc;
        while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
            QJsonObject row;
            const int count = sqlite3_column_count(raw);
            for (int column = 0; column < count; ++column)
                row.insert(QString::fromUtf8(sqlite3_column_name(raw, column)), columnValue(raw, column));
            QJsonArray keyValues;
            for (const QString& column : it.value().keyColumns)
                keyValues.append(row.value(column));
            snapshot.insert(
                {it.key(), QString::fromUtf8(QJsonDocument(keyValues).toJson(QJsonDocument::Compact))}, row);
        }
        sqlite3_finalize(raw);
        if (rc != SQLITE_DONE) {
            *error = sqlite::lastError(db);
            return std::nullopt;
        }
    }
    return snapshot;
}

std::optional<Snapshot> read(sqlite3* db, QString* error)
{
    return readTables(db, tables(db), error);
}

std::optional<Snapshot> readFile(const QString& path, QString* error)
{
    sqlite3* db = openReadOnly(path, error);
    if (!db)
        return std::nullopt;
    auto result = read(db, error);
    CaseFileSchema::closeConnection(db);
    return result;
}

Reader::~Reader()
{
    CaseFileSchema::closeConnection(m_db);
}

bool Reader::open(const QString& path, QString* error)
{
    CaseFileSchema::closeConnection(m_db);
    m_db = openReadOnly(path, error);
    if (m_db)
        m_tables = tables(m_db);
    return m_db != nullptr;
}

std::optional<Snapshot> Reader::read(QString* error) const
{
    return readTables(m_db, m_tables, error);
}

std::optional<QByteArray> readAttachmentData(const QString& path, qint64 attachmentId, QString* error)
{
    sqlite3* db = openReadOnly(path, error);
    if (!db)
        return std::nullopt;
    sqlite::Statement query(db, "SELECT data FROM attachment_data WHERE attachment_id = ?");
    query.bind(1, attachmentId);
    std::optional<QByteArray> data;
    if (query.step() == SQLITE_ROW)
        data = query.blob(0);
    else
        *error = QStringLiteral("%1: attachment %2 has no bytes").arg(path).arg(attachmentId);
    CaseFileSchema::closeConnection(db);
    return data;
}

void diff(const Snapshot& before, const Snapshot& after, QList<Row>* upserts, QList<Row>* deletes)
{
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const auto old = before.constFind(it.key());
        if (old == before.cend() || old.value() != it.value())
            upserts->append({it.key().first, it.key().second, it.value()});
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        if (!after.contains(it.key()))
            deletes->append({it.key().first, it.key().second, {}});
}

namespace {

bool writeRows(sqlite3* db, const QString& path, const Snapshot& rows, const QList<AuditEntry>& audit,
               const std::function<std::optional<QByteArray>(qint64, QString*)>& data,
               const QList<PageView>& pageViews, QString* error)
{
    auto fail = [&](const QString& what) {
        *error = QStringLiteral("%1: %2").arg(path, what);
        return false;
    };
    QString message;
    if (!CaseFileSchema::configure(db, &message) || !CaseFileSchema::create(db, &message))
        return fail(message);
    const Tables known = tables(db);
    // Rows come in table-name order, not in the order of their references: check those at the end.
    if (!sqlite::exec(db, "PRAGMA foreign_keys=OFF"))
        return fail(sqlite::lastError(db));
    sqlite::Transaction transaction(db);
    if (!transaction.isActive())
        return fail(sqlite::lastError(db));
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const QString& table = it.key().first;
        if (!known.contains(table))
            return fail(QStringLiteral(
                            "the case holds rows of a table %1 that this version's case file does not have")
                            .arg(table));
        const QJsonObject& row = it.value();
        QStringList columns = row.keys();
        for (const QString& column : std::as_const(columns))
            if (!known.value(table).columns.contains(column))
                return fail(QStringLiteral("table %1 of this version has no column %2").arg(table, column));
        QStringList quotedColumns;
        QStringList marks;
        for (const QString& column : std::as_const(columns)) {
            quotedColumns.append(quoted(column));
            marks.append(QStringLiteral("?"));
        }
        const QByteArray sql =
            QStringLiteral("INSERT INTO %1(%2) VALUES (%3)")
                .arg(quoted(table), quotedColumns.join(QLatin1Char(',')), marks.join(QLatin1Char(',')))
                .toUtf8();
        sqlite3_stmt* insert = nullptr;
        if (sqlite3_prepare_v2(db, sql.constData(), -1, &insert, nullptr) != SQLITE_OK)
            return fail(sqlite::lastError(db));
        bool bound = true;
        for (int i = 0; i < columns.size(); ++i)
            bound = bound && bindValue(insert, i + 1, row.value(columns.at(i)));
        const int rc = bound ? sqlite3_step(insert) : SQLITE_MISMATCH;
        sqlite3_finalize(insert);
        if (rc != SQLITE_DONE)
            return fail(
                QStringLiteral("a row of %1 cannot be written: %2").arg(table, sqlite::lastError(db)));
        if (table == QLatin1String("attachment")) {
            const qint64 id = qint64(row.value(QStringLiteral("id")).toDouble());
            const auto bytes = data(id, &message);
            if (!bytes)
                return fail(message);
            sqlite::Statement blob(db, "INSERT INTO attachment_data(attachment_id, data) VALUES (?, ?)");
            blob.bind(1, id).bind(2, *bytes);
            if (!blob.exec())
                return fail(sqlite::lastError(db));
        }
    }
    for (const AuditEntry& entry : audit) {
        sqlite::Statement insert(db,
                                 "INSERT INTO audit(seq, at, actor, action, target, old_value, new_value, "
                                 "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, entry.seq)
            .bind(2, AuditChain::timestamp(entry.at))
            .bind(3, entry.actor)
            .bind(4, entry.action)
            .bind(5, entry.target)
            .bind(6, entry.oldValue)
            .bind(7, entry.newValue)
            .bind(8, entry.prevHash)
            .bind(9, entry.hash);
        sqlite::Statement sign(db, "INSERT INTO audit_signature(seq, signature) VALUES (?, ?)");
        sign.bind(1, entry.seq).bind(2, entry.signature);
        if (!insert.exec() || !sign.exec())
            return fail(sqlite::lastError(db));
    }
    for (const PageView& view : pageViews) {
        sqlite::Statement insert(db, "INSERT OR IGNORE INTO page_view(attachment_id, page) VALUES (?, ?)");
        insert.bind(1, view.first).bind(2, qint64(view.second));
        if (!insert.exec())
            return fail(sqlite::lastError(db));
    }
    sqlite::Statement dangling(db, "SELECT \"table\" FROM pragma_foreign_key_check");
    if (dangling.step() == SQLITE_ROW)
        return fail(
            QStringLiteral("a row of %1 refers to a row the case does not hold").arg(dangling.text(0)));
    if (!transaction.commit())
        return fail(sqlite::lastError(db));
    return true;
}

} // namespace

bool write(const QString& path, const Snapshot& rows, const QList<AuditEntry>& audit,
           const std::function<std::optional<QByteArray>(qint64, QString*)>& data,
           const QList<PageView>& pageViews, QString* error)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error =
            QStringLiteral("%1: cannot be created: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    ::close(fd);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(native.constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        *error = QStringLiteral("%1: %2").arg(path, sqlite::lastError(db));
        sqlite3_close(db);
        QFile::remove(path);
        return false;
    }
    // The statements and the transaction end before the connection closes.
    const bool written = writeRows(db, path, rows, audit, data, pageViews, error);
    sqlite3_close(db);
    if (!written)
        QFile::remove(path);
    return written;
}

QString compact(const QJsonArray& array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject auditJson(const AuditEntry& entry)
{
    return {{QStringLiteral("seq"), entry.seq},
            {QStringLiteral("at"), AuditChain::timestamp(entry.at)},
            {QStringLiteral("actor"), entry.actor},
            {QStringLiteral("action"), entry.action},
            {QStringLiteral("target"), entry.target},
            {QStringLiteral("old"), entry.oldValue},
            {QStringLiteral("new"), entry.newValue},
            {QStringLiteral("prev"), QString::fromLatin1(entry.prevHash.toHex())},
            {QStringLiteral("hash"), QString::fromLatin1(entry.hash.toHex())},
            {QStringLiteral("signature"), QString::fromLatin1(entry.signature.toHex())}};
}

AuditEntry auditFromJson(const QJsonObject& object)
{
    AuditEntry entry;
    entry.seq = qint64(object.value(QStringLiteral("seq")).toDouble());
    entry.at =
        QDateTime::fromString(object.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs).toUTC();
    entry.actor = object.value(QStringLiteral("actor")).toString();
    entry.action = object.value(QStringLiteral("action")).toString();
    entry.target = object.value(QStringLiteral("target")).toString();
    entry.oldValue = object.value(QStringLiteral("old")).toString();
    entry.newValue = object.value(QStringLiteral("new")).toString();
    entry.prevHash = QByteArray::fromHex(object.value(QStringLiteral("prev")).toString().toLatin1());
    entry.hash = QByteArray::fromHex(object.value(QStringLiteral("hash")).toString().toLatin1());
    entry.signature = QByteArray::fromHex(object.value(QStringLiteral("signature")).toString().toLatin1());
    return entry;
}

} // namespace rd::CaseRows
