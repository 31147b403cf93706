#include "model/casefile/CaseInfoPages.h"

#include "model/casefile/CaseFileFormat.h"

#include <QFile>
#include <QHash>

#include <cctype>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rd {

namespace {

// More pages than a case file's schema and case_info ever take: past this the file is not what we think.
constexpr int MaxPages = 64;

quint32 be(const unsigned char* p, int bytes)
{
    quint32 v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | p[i];
    return v;
}

// The file's pages, read on demand with one pread each.
class Pages
{
public:
    explicit Pages(int fd)
        : m_fd(fd)
    {}
    bool readHeader()
    {
        unsigned char h[100];
        if (::pread(m_fd, h, sizeof h, 0) != qint64(sizeof h) || std::memcmp(h, "SQLite format 3", 16) != 0)
            return false;
        m_pageSize = be(h + 16, 2) == 1 ? 65536 : be(h + 16, 2);
        // Write/read versions 1 (rollback journal), UTF-8, this application, a version this build reads.
        const quint32 version = be(h + 60, 4);
        if (m_pageSize < 512 || (m_pageSize & (m_pageSize - 1)) != 0 || h[18] != 1 || h[19] != 1 ||
            be(h + 56, 4) != 1 || be(h + 68, 4) != quint32(CaseFileFormat::ApplicationId) ||
            version < quint32(CaseFileFormat::SchemaVersion3) ||
            version > quint32(CaseFileFormat::CurrentSchemaVersion))
            return false;
        m_usable = m_pageSize - h[20];
        m_changeCounter = be(h + 24, 4);
        m_pageCount = be(h + 28, 4);
        struct stat st = {};
        // The header's page count holds when its "valid for" number is the change counter.
        if (::fstat(m_fd, &st) != 0 || be(h + 92, 4) != m_changeCounter ||
            qint64(st.st_size) < qint64(m_pageCount) * m_pageSize)
            return false;
        return m_usable >= 480;
    }
    quint32 changeCounter() const { return m_changeCounter; }
    quint32 usable() const { return m_usable; }
    const unsigned char* page(quint32 number)
    {
        if (number < 1 || number > m_pageCount)
            return nullptr;
        const auto it = m_pages.constFind(number);
        if (it != m_pages.constEnd())
            return reinterpret_cast<const unsigned char*>(it->constData());
        if (m_pages.size() >= MaxPages)
            return nullptr;
        QByteArray bytes(qsizetype(m_pageSize), Qt::Uninitialized);
        if (::pread(m_fd, bytes.data(), m_pageSize, off_t(qint64(number - 1) * m_pageSize)) !=
            qint64(m_pageSize))
            return nullptr;
        return reinterpret_cast<const unsigned char*>(m_pages.insert(number, bytes)->constData());
    }

private:
    int m_fd;
    quint32 m_pageSize = 0;
    quint32 m_usable = 0;
    quint32 m_pageCount = 0;
    quint32 m_changeCounter = 0;
    QHash<quint32, QByteArray> m_pages;
};

// A varint at p (at most 9 bytes, none past end); 0 bytes read on failure.
int varint(const unsigned char* p, const unsigned char* end, quint64* value)
{
    quint64 v = 0;
    for (int i = 0; i < 9; ++i) {
        if (p + i >= end)
            return 0;
        if (i == 8) {
            *value = (v << 8) | p[i];
            return 9;
        }
        v = (v << 7) | (p[i] & 0x7f);
        if ((p[i] & 0x80) == 0) {
            *value = v;
            return i + 1;
        }
    }
    return 0;
}

// Calls row(payload) for every row of the table b-tree rooted at root, in rowid order, until it returns
// false; false if a page does not parse.
template <typename Row> bool forEachRow(Pages& pages, quint32 root, int depth, Row&& row, bool* stop)
{
    if (depth > 8)
        return false;
    const unsigned char* page = pages.page(root);
    if (!page)
        return false;
    const quint32 usable = pages.usable();
    const unsigned char* end = page + usable;
    const unsigned char* header = page + (root == 1 ? 100 : 0);
    const int type = header[0];
    const bool leaf = type == 0x0d;
    if (!leaf && type != 0x05)
        return false;
    const quint32 cells = be(header + 3, 2);
    const unsigned char* pointers = header + (leaf ? 8 : 12);
    if (pointers + 2 * cells > end)
        return false;
    for (quint32 i = 0; i < cells && !*stop; ++i) {
        const quint32 offset = be(pointers + 2 * i, 2);
        if (offset >= usable)
            return false;
        const unsigned char* cell = page + offset;
        if (!leaf) {
            if (cell + 4 > end || !forEachRow(pages, be(cell, 4), depth + 1, row, stop))
                return false;
            continue;
        }
        quint64 size = 0, rowid = 0;
        int n = varint(cell, end, &size);
        if (n == 0)
            return false;
        cell += n;
        n = varint(cell, end, &rowid);
        if (n == 0 || size > 1 << 24)
            return false;
        cell += n;
        // The local part and the overflow pages (SQLite's file format, "Cell Payload Overflow Pages").
        const quint64 maxLocal = usable - 35;
        const quint64 minLocal = (quint64(usable - 12) * 32 / 255) - 23;
        quint64 local = size;
        if (size > maxLocal) {
            const quint64 k = minLocal + (size - minLocal) % (usable - 4);
            local = k <= maxLocal ? k : minLocal;
        }
        if (cell + local + (local < size ? 4 : 0) > end)
            return false;
        QByteArray payload(reinterpret_cast<const char*>(cell), qsizetype(local));
        quint32 overflow = local < size ? be(cell + local, 4) : 0;
        while (quint64(payload.size()) < size) {
            const unsigned char* next = pages.page(overflow);
            if (!next)
                return false;
            const quint64 take = qMin(quint64(usable - 4), size - quint64(payload.size()));
            payload.append(reinterpret_cast<const char*>(next + 4), qsizetype(take));
            overflow = be(next, 4);
        }
        if (!row(payload))
            *stop = true;
    }
    if (!leaf && !*stop)
        return forEachRow(pages, be(header + 8, 4), depth + 1, row, stop);
    return true;
}

// One value of a record (SQLite's record format), pointing into the record's bytes.
struct Field
{
    quint64 serial = 0;
    const unsigned char* data = nullptr;
    qsizetype size = 0;

    bool isText() const { return serial >= 13 && serial % 2 == 1; }
    QByteArrayView bytes() const { return {data, size}; }
    // Text as UTF-8, an integer in decimal, anything else (NULL, blob, real: not needed here) null.
    QString value() const
    {
        if (isText())
            return QString::fromUtf8(bytes());
        if (serial == 8 || serial == 9)
            return QString::number(serial - 8);
        if (serial < 1 || serial > 6)
            return {};
        qint64 v = qint64(qint8(data[0]));
        for (qsizetype i = 1; i < size; ++i)
            v = (v << 8) | data[i];
        return QString::number(v);
    }
};

// The values of a record; nullopt if it does not parse.
std::optional<QList<Field>> recordFields(const QByteArray& payload)
{
    const auto* p = reinterpret_cast<const unsigned char*>(payload.constData());
    const unsigned char* end = p + payload.size();
    quint64 headerSize = 0;
    int n = varint(p, end, &headerSize);
    if (n == 0 || headerSize > quint64(payload.size()))
        return std::nullopt;
    const unsigned char* type = p + n;
    const unsigned char* headerEnd = p + headerSize;
    const unsigned char* body = headerEnd;
    QList<Field> fields;
    fields.reserve(24);
    while (type < headerEnd) {
        Field field;
        n = varint(type, headerEnd, &field.serial);
        if (n == 0 || field.serial == 10 || field.serial == 11)
            return std::nullopt;
        type += n;
        static constexpr int FixedBytes[] = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0};
        field.size = field.serial >= 12 ? qsizetype((field.serial - 12) / 2) : FixedBytes[field.serial];
        if (field.size > end - body)
            return std::nullopt;
        field.data = body;
        body += field.size;
        fields.append(field);
    }
    return fields;
}

// The column names of a CREATE TABLE statement, in order (table constraints skipped); empty if it is
// not one this parser understands. Every case file has the same statement: the last one is kept.
QByteArrayList columnNames(QByteArrayView sql)
{
    thread_local QByteArray lastSql;
    thread_local QByteArrayList lastNames;
    if (sql == lastSql)
        return lastNames;
    const qsizetype open = sql.indexOf('(');
    const qsizetype close = sql.lastIndexOf(')');
    if (!sql.startsWith("CREATE TABLE") || open < 0 || close < open)
        return {};
    QByteArrayList parts;
    int depth = 0;
    bool quoted = false;
    qsizetype start = open + 1;
    for (qsizetype i = open + 1; i <= close; ++i) {
        const char c = sql.at(i);
        if (c == '\'')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '(')
            ++depth;
        else if (c == ')' && i < close)
            --depth;
        else if ((c == ',' && depth == 0) || i == close) {
            parts.append(sql.sliced(start, i - start).trimmed().toByteArray());
            start = i + 1;
        }
    }
    static const QByteArrayList constraints{"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"};
    QByteArrayList names;
    for (const QByteArray& part : std::as_const(parts)) {
        qsizetype length = 0;
        while (length < part.size() && (std::isalnum(uchar(part.at(length))) || part.at(length) == '_'))
            ++length;
        const QByteArray name = part.left(length);
        if (constraints.contains(name.toUpper()))
            continue;
        // Quoted names are not used by the case file's schema: anything else is not ours.
        if (name.isEmpty() || !std::isalpha(uchar(name.at(0))))
            return {};
        names.append(name.toLower());
    }
    lastSql = sql.toByteArray();
    lastNames = names;
    return names;
}

bool journalBeside(const QByteArray& path)
{
    struct stat st = {};
    const QByteArray journal = path + "-journal";
    return ::stat(journal.constData(), &st) == 0 ? st.st_size > 0 : errno != ENOENT;
}

} // namespace

std::optional<QStringList> CaseInfoPages::read(const QString& path, const QByteArrayList& columns,
                                               const QByteArrayList& absentTables)
{
    const QByteArray native = QFile::encodeName(path);
    // A journal beside it: a write is under way or was cut short (SQLite rolls it back first); a WAL file
    // is refused by the header check (read version 2).
    if (journalBeside(native))
        return std::nullopt;
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return std::nullopt;
    Pages pages(fd);
    std::optional<QStringList> result;
    const auto closeFd = [fd] {
        ::close(fd);
    };
    if (!pages.readHeader()) {
        closeFd();
        return std::nullopt;
    }
    // sqlite_schema: type, name, tbl_name, rootpage, sql.
    quint32 root = 0;
    QByteArrayList names;
    bool tablePresent = false;
    bool stop = false;
    const bool schemaRead = forEachRow(
        pages, 1, 0,
        [&](const QByteArray& payload) {
            const auto row = recordFields(payload);
            if (!row || row->size() < 5)
                return false;
            if (row->at(0).bytes() == "table" && absentTables.contains(row->at(1).bytes())) {
                tablePresent = true;
                return false;
            }
            if (row->at(0).bytes() == "table" && row->at(1).bytes() == "case_info" && row->at(4).isText()) {
                root = row->at(3).value().toUInt();
                names = columnNames(row->at(4).bytes());
                return !absentTables.isEmpty(); // the rest of the schema only matters for those
            }
            return true;
        },
        &stop);
    if (tablePresent) {
        closeFd();
        return std::nullopt;
    }
    QList<int> indexes;
    for (const QByteArray& column : columns)
        indexes.append(int(names.indexOf(column)));
    if (schemaRead && root > 1 && !names.isEmpty() && !indexes.contains(-1)) {
        int rows = 0;
        stop = false;
        const bool tableRead = forEachRow(
            pages, root, 0,
            [&](const QByteArray& payload) {
                ++rows;
                const auto values = recordFields(payload);
                if (!values)
                    return false;
                // A column added after the row was written would be past the record's end (its default,
                // which only the schema knows): SQLite reads that.
                QStringList picked;
                for (const int index : std::as_const(indexes)) {
                    if (index >= values->size())
                        return false;
                    picked.append(values->at(index).value());
                }
                result = picked;
                return true;
            },
            &stop);
        if (!tableRead || stop || rows != 1)
            result.reset();
    }
    // Nothing changed while we read: the change counter moves with every committed write, and a write
    // under way has its journal beside the file.
    unsigned char counter[4];
    if (result && (::pread(fd, counter, 4, 24) != 4 || be(counter, 4) != pages.changeCounter() ||
                   journalBeside(native)))
        result.reset();
    closeFd();
    return result;
}

} // namespace rd
