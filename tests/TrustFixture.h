// A whole organization for tests, made with the real code in a temporary folder: a people folder
// (REVIEWDESK_HOME) holding each person's sealed key, a roster signed by an administrator, and
// trust.json pinning that administrator (REVIEWDESK_CONFIG_DIR). Keys made here are sealed at the
// minimum Argon2id cost (UserDirectory::sealWithMinimumCostForTests: this test process only; the
// reviewdesk-cli a test runs seals at the full cost, and unlocks each key at the cost it was sealed with).
#pragma once

#include "model/audit/Actor.h"
#include "model/signoff/UserDirectory.h"
#include "model/trust/Roster.h"
#include "model/trust/TrustStore.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QString>

namespace rd::test {

struct Person
{
    QString login;
    QString name;
    QString credentials;
    UserRole role = UserRole::Reviewer;
    QString password;
};

class TrustFixture
{
public:
    // folder: a temporary folder of the test; people: added to the people folder and the roster.
    // Also points this process's REVIEWDESK_HOME and REVIEWDESK_CONFIG_DIR at them.
    bool setUp(const QString& folder, const QList<Person>& people, QString* error)
    {
        m_home = QDir(folder).filePath(QStringLiteral("home"));
        m_config = QDir(folder).filePath(QStringLiteral("etc"));
        m_roster = QDir(folder).filePath(QStringLiteral("etc/roster.json"));
        UserDirectory::sealWithMinimumCostForTests();
        qputenv("REVIEWDESK_HOME", QFile::encodeName(m_home));
        qputenv("REVIEWDESK_CONFIG_DIR", QFile::encodeName(m_config));
        QDir().mkpath(m_config);
        UserDirectory directory(m_home);
        if (!directory.load(error))
            return false;
        User admin;
        admin.login = QStringLiteral("admin.test");
        admin.name = QStringLiteral("Alex Admin");
        if (!directory.addUser(admin, adminPassword(), error))
            return false;
        const auto adminKey = directory.unlock(admin.login, adminPassword(), error);
        if (!adminKey)
            return false;
        admin.publicKey = adminKey->publicKey();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Roster roster = Roster::create(admin, now.addSecs(-60));
        for (const Person& person : people) {
            User user;
            user.login = person.login;
            user.name = person.name;
            user.credentials = person.credentials;
            user.phone = QStringLiteral("1-800-555-0100");
            if (!directory.addUser(user, person.password.toUtf8(), error))
                return false;
            user = *directory.user(person.login);
            user.role = person.role;
            if (!roster.add(user, now.addSecs(-60), error))
                return false;
            m_passwords.insert(person.login, person.password);
        }
        return roster.save(m_roster, *adminKey, error) &&
               TrustStore::writeTrustFile(trustFile(), m_roster, roster.anchor(), error);
    }

    static QByteArray adminPassword() { return QByteArrayLiteral("admin password 1"); }
    QString home() const { return m_home; }
    QString configDir() const { return m_config; }
    QString rosterPath() const { return m_roster; }
    QString trustFile() const { return QDir(m_config).filePath(QStringLiteral("trust.json")); }

    // The person's key, unlocked: what a login gives.
    Actor actor(const QString& login) const
    {
        QString error;
        UserDirectory directory(m_home);
        if (!directory.load(&error))
            return {};
        std::shared_ptr<const SigningKey> key =
            directory.unlock(login, m_passwords.value(login).toUtf8(), &error);
        return key ? Actor(login, key) : Actor();
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("REVIEWDESK_HOME"), m_home);
        environment.insert(QStringLiteral("REVIEWDESK_CONFIG_DIR"), m_config);
        return environment;
    }

private:
    QString m_home;
    QString m_config;
    QString m_roster;
    QMap<QString, QString> m_passwords;
};

} // namespace rd::test
