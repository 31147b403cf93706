// The workspace tests' PostgreSQL server: the cluster the CTest fixture started for this run
// (tests/workspace/pg_cluster.sh, REVIEWDESK_TEST_PG_DIR), or one of a test's own (a test that stops
// its server). Each test works in a database of its own, with login roles named after its people.
#pragma once

#include "model/workspace/PgConnection.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>

namespace rd::test {

class PgTestCluster
{
public:
    // The fixture's cluster (dir empty), or a cluster in dir of the test's own (started when needed).
    ~PgTestCluster()
    {
        QString ignored;
        if (m_own)
            stop(&ignored);
    }

    bool setUp(const QString& database, QString* error, const QString& dir = QString())
    {
        m_own = !dir.isEmpty();
        m_dir = dir.isEmpty() ? qEnvironmentVariable("REVIEWDESK_TEST_PG_DIR") : dir;
        if (m_dir.isEmpty()) {
            *error = QStringLiteral("REVIEWDESK_TEST_PG_DIR is not set (run the test through ctest)");
            return false;
        }
        if (!dir.isEmpty() && !run(QStringLiteral("start"), error))
            return false;
        QFile socket(QDir(m_dir).filePath(QStringLiteral("socketdir")));
        if (!socket.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: no cluster was started there").arg(m_dir);
            return false;
        }
        m_socket = QString::fromUtf8(socket.readAll()).trimmed();
        m_database = database;
        auto admin = PgConnection::open(url(QStringLiteral("postgres"), QStringLiteral("rdtest")), error);
        if (!admin)
            return false;
        return admin->command(
                   QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(database).toUtf8(),
                   error) &&
               admin->command(QStringLiteral("CREATE DATABASE \"%1\"").arg(database).toUtf8(), error);
    }

    // A streaming replica of primary's server (a test's own: started now, stopped at the end), serving
    // the same database read-only until promote().
    bool setUpStandby(const PgTestCluster& primary, const QString& dir, QString* error)
    {
        m_own = true;
        m_dir = dir;
        m_database = primary.m_database;
        if (!run(QStringLiteral("standby"), error, {primary.m_dir}))
            return false;
        QFile socket(QDir(m_dir).filePath(QStringLiteral("socketdir")));
        if (!socket.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: no standby was started there").arg(m_dir);
            return false;
        }
        m_socket = QString::fromUtf8(socket.readAll()).trimmed();
        return true;
    }
    bool promote(QString* error) { return run(QStringLiteral("promote"), error); }
    QString socket() const { return m_socket; }

    QString url(const QString& database, const QString& user) const
    {
        return QStringLiteral("postgresql:///%1?host=%2&user=%3").arg(database, m_socket, user);
    }
    // The test's database as user.
    QString url(const QString& user) const { return url(m_database, user); }
    QString superuser() const { return url(QStringLiteral("rdtest")); }

    // A login role for a person (trust authentication on the test's socket), in group.
    bool addPerson(const QString& login, const QString& group, QString* error)
    {
        auto admin = PgConnection::open(superuser(), error);
        if (!admin)
            return false;
        const QString sql =
            // The group role too: this test may run before any workspace of the cluster is made, and
            // beside another test making one.
            QStringLiteral("DO $$ BEGIN BEGIN CREATE ROLE %2 NOLOGIN; EXCEPTION WHEN duplicate_object OR "
                           "unique_violation THEN NULL; END; BEGIN CREATE ROLE \"%1\" LOGIN; EXCEPTION WHEN "
                           "duplicate_object OR unique_violation THEN NULL; END; END $$; GRANT %2 TO \"%1\"")
                .arg(login, group);
        return admin->command(sql.toUtf8(), error);
    }

    // A workspace of its own at schema version (a migration's test starts from the one before it), in a
    // fresh database; the owner's connection to it.
    std::unique_ptr<PgConnection> workspaceAt(const QString& database, int version, QString* error)
    {
        if (!sql(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database), error) ||
            !sql(QStringLiteral("CREATE DATABASE %1").arg(database), error))
            return nullptr;
        auto owner = PgConnection::open(url(database, QStringLiteral("rdtest")), error);
        if (!owner || !WorkspaceSchema::migrateTo(*owner, version, error))
            return nullptr;
        return owner;
    }

    bool sql(const QString& statement, QString* error)
    {
        auto admin = PgConnection::open(superuser(), error);
        return admin && admin->command(statement.toUtf8(), error);
    }

    // For a test's own cluster: stop it as a power cut would (no checkpoint), start it, stop it.
    bool crash(QString* error) { return run(QStringLiteral("crash"), error); }
    bool start(QString* error) { return run(QStringLiteral("start"), error); }
    bool stop(QString* error) { return run(QStringLiteral("stop"), error); }

private:
    bool run(const QString& verb, QString* error, const QStringList& extra = {})
    {
        QProcess process;
        process.start(
            QStringLiteral("sh"),
            QStringList{QStringLiteral(REVIEWDESK_SOURCE_DIR "/tests/workspace/pg_cluster.sh"), verb, m_dir} +
                extra);
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            *error = QStringLiteral("pg_cluster.sh %1 %2: %3")
                         .arg(verb, m_dir, QString::fromUtf8(process.readAllStandardError()).trimmed());
            return false;
        }
        return true;
    }

    QString m_dir;
    QString m_socket;
    QString m_database;
    bool m_own = false;
};

} // namespace rd::test
