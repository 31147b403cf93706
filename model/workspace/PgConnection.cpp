#include "model/workspace/PgConnection.h"

#include <QMutex>

#include <libpq-fe.h>

#include <vector>

namespace rd {

namespace {

QMutex& passwordMutex()
{
    static QMutex mutex;
    return mutex;
}

QByteArray& sessionPassword()
{
    static QByteArray password;
    return password;
}

QString& sessionPasswordOwner()
{
    static QString role;
    return role;
}

const char kPasswordError[] = "the workspace asks for a password";

QString firstLine(const char* message)
{
    const QString text = QString::fromUtf8(message).trimmed();
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    return newline < 0 ? text : text.left(newline).trimmed();
}

} // namespace

PgResult::PgResult(pg_result* result)
    : m_result(result)
{}

PgResult::~PgResult()
{
    PQclear(m_result);
}

PgResult::PgResult(PgResult&& other) noexcept
    : m_result(other.m_result)
{
    other.m_result = nullptr;
}

PgResult& PgResult::operator=(PgResult&& other) noexcept
{
    if (this != &other) {
        PQclear(m_result);
        m_result = other.m_result;
        other.m_result = nullptr;
    }
    return *this;
}

int PgResult::rows() const
{
    return m_result ? PQntuples(m_result) : 0;
}

bool PgResult::isNull(int row, int column) const
{
    return PQgetisnull(m_result, row, column) != 0;
}

QString PgResult::text(int row, int column) const
{
    return QString::fromUtf8(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

QByteArray PgResult::bytes(int row, int column) const
{
    if (PQfformat(m_result, column) == 1)
        return QByteArray(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
    size_t length = 0;
    unsigned char* decoded =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(m_result, row, column)), &length);
    if (!decoded)
        return {};
    QByteArray bytes(reinterpret_cast<const char*>(decoded), qsizetype(length));
    PQfreemem(decoded);
    return bytes;
}

qint64 PgResult::int64(int row, int column) const
{
    return QByteArray(PQgetvalue(m_result, row, column)).toLongLong();
}

bool PgConnection::hasPassword(const QString& conninfo)
{
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.toUtf8().constData(), &message);
    PQfreemem(message);
    if (!options)
        return false;
    bool found = false;
    for (PQconninfoOption* option = options; option->keyword; ++option)
        if (qstrcmp(option->keyword, "password") == 0 && option->val && *option->val)
            found = true;
    PQconninfoFree(options);
    return found;
}

QString PgConnection::withoutPassword(const QString& conninfo)
{
    return hasPassword(conninfo) ? QStringLiteral("(a workspace URL holding a password)") : conninfo;
}

void PgConnection::setSessionPassword(const QByteArray& password, const QString& role)
{
    const QMutexLocker locker(&passwordMutex());
    sessionPassword() = password;
    sessionPasswordOwner() = password.isEmpty() ? QString() : role;
}

QString PgConnection::sessionPasswordRole()
{
    const QMutexLocker locker(&passwordMutex());
    return sessionPasswordOwner();
}

bool PgConnection::isPasswordError(const QString& error)
{
    return error.startsWith(QLatin1String(kPasswordError));
}

std::unique_ptr<PgConnection> PgConnection::open(const QString& conninfo, QString* error)
{
    if (hasPassword(conninfo)) {
        *error =
            QStringLiteral("the workspace URL holds a password: passwords never go in a URL or on a command "
                           "line (use PGPASSFILE or ~/.pgpass, or let the app ask)");
        return nullptr;
    }
    std::unique_ptr<PgConnection> connection(new PgConnection(conninfo));
    if (!connection->connect(error))
        return nullptr;
    return connection;
}

bool PgConnection::connect(QString* error)
{
    PQfinish(m_conn);
    m_lost = false;
    const QByteArray dbname = m_conninfo.toUtf8();
    QByteArray password;
    {
        const QMutexLocker locker(&passwordMutex());
        password = sessionPassword();
    }
    const char* keywords[] = {"dbname",
                              "target_session_attrs",
                              "connect_timeout",
                              "application_name",
                              password.isEmpty() ? nullptr : "password",
                              nullptr};
    const char* values[] = {dbname.constData(), "read-write",         "10",
                            "reviewdesk",       password.constData(), nullptr};
    m_conn = PQconnectdbParams(keywords, values, 1);
    if (m_conn && PQstatus(m_conn) != CONNECTION_OK &&
        (PQconnectionNeedsPassword(m_conn) || PQconnectionUsedPassword(m_conn))) {
        *error = QStringLiteral("%1 (%2): %3")
                     .arg(QLatin1String(kPasswordError), m_conninfo, firstLine(PQerrorMessage(m_conn)));
        PQfinish(m_conn);
        m_conn = nullptr;
        return false;
    }
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        *error = QStringLiteral("workspace unreachable (%1): %2")
                     .arg(m_conninfo,
                          m_conn ? firstLine(PQerrorMessage(m_conn)) : QStringLiteral("out of memory"));
        PQfinish(m_conn);
        m_conn = nullptr;
        return false;
    }
    PGresult* quiet = PQexec(m_conn, "SET client_min_messages = warning");
    PQclear(quiet);
    return true;
}

PgConnection::~PgConnection()
{
    PQfinish(m_conn);
}

bool PgConnection::reconnect(QString* error)
{
    return connect(error);
}

bool PgConnection::isUnreachable() const
{
    return m_lost || !m_conn || PQstatus(m_conn) != CONNECTION_OK;
}

QString PgConnection::user() const
{
    return m_conn ? QString::fromUtf8(PQuser(m_conn)) : QString();
}

std::optional<PgResult> PgConnection::exec(const char* sql, const QList<PgParam>& params, QString* error)
{
    m_sqlState.clear();
    if (!m_conn) {
        *error = QStringLiteral("workspace unreachable (%1): not connected").arg(m_conninfo);
        return std::nullopt;
    }
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (const PgParam& param : params) {
        values.push_back(param.value ? param.value->constData() : nullptr);
        lengths.push_back(param.value ? int(param.value->size()) : 0);
        formats.push_back(param.binary ? 1 : 0);
    }
    // Without parameters, the simple protocol: a migration is several statements in one string.
    PgResult result(params.isEmpty() ? PQexec(m_conn, sql)
                                     : PQexecParams(m_conn, sql, int(params.size()), nullptr, values.data(),
                                                    lengths.data(), formats.data(), 0));
    const ExecStatusType status = result.isValid() ? PQresultStatus(result.raw()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return result;
    const char* state = result.isValid() ? PQresultErrorField(result.raw(), PG_DIAG_SQLSTATE) : nullptr;
    // Every error the server sends carries a SQLSTATE; one without is libpq's own: the connection is
    // gone, even when libpq still reports it open (a write to a server that was stopped at once fails
    // before libpq has read the end of the stream).
    if (!state || qstrcmp(state, "57P01") == 0 || qstrcmp(state, "57P02") == 0 ||
        qstrcmp(state, "57P03") == 0)
        m_lost = true;
    if (isUnreachable()) {
        *error = QStringLiteral("workspace unreachable (%1): %2")
                     .arg(m_conninfo, firstLine(PQerrorMessage(m_conn)));
        return std::nullopt;
    }
    m_sqlState = state ? QString::fromLatin1(state) : QString();
    const char* primary =
        result.isValid() ? PQresultErrorField(result.raw(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    *error = primary ? QString::fromUtf8(primary) : firstLine(PQerrorMessage(m_conn));
    return std::nullopt;
}

int PgConnection::socket() const
{
    return m_conn ? PQsocket(m_conn) : -1;
}

QStringList PgConnection::takeNotifications(const QByteArray& channel)
{
    QStringList payloads;
    if (!m_conn || PQconsumeInput(m_conn) == 0)
        return payloads;
    while (PGnotify* notify = PQnotifies(m_conn)) {
        if (channel == notify->relname)
            payloads.append(QString::fromUtf8(notify->extra));
        PQfreemem(notify);
    }
    return payloads;
}

} // namespace rd
