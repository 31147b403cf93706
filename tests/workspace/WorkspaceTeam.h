// The people of the workspace tests: PREFIX.nurse and PREFIX.nurse2 (reviewers), PREFIX.doctor
// (medical director), in the roster (TrustFixture) and as login roles of their group roles.
#pragma once

#include "PgTestCluster.h"
#include "TrustFixture.h"

#include "model/trust/SigningKey.h"
#include "model/workspace/PgConnection.h"
#include "model/workspace/WorkspaceSchema.h"

namespace rd::test {

struct WorkspaceTeam
{
    QString nurse;
    QString nurse2;
    QString doctor;

    static QString password(const QString& login) { return login + QStringLiteral(" password"); }

    // A roster signed by a key the installation does not pin (a forger's), listing entry, saved at path
    // with a serial above `above` (so that the workspace takes it on top).
    static std::optional<Roster> foreignRoster(const User& entry, qint64 above, const QString& path,
                                               QString* error)
    {
        const QByteArray seed(32, 'm');
        std::unique_ptr<SigningKey> key =
            SigningKey::fromSeed(reinterpret_cast<const unsigned char*>(seed.constData()), error);
        if (!key)
            return std::nullopt;
        User admin;
        admin.login = QStringLiteral("mallory.admin");
        admin.name = QStringLiteral("Mallory Admin");
        admin.publicKey = key->publicKey();
        Roster roster = Roster::create(admin, QDateTime::currentDateTimeUtc().addSecs(-120));
        if (!roster.add(entry, QDateTime::currentDateTimeUtc().addSecs(-60), error))
            return std::nullopt;
        while (roster.serial() <= above)
            if (!roster.save(path, *key, error))
                return std::nullopt;
        return roster;
    }

    bool setUp(PgTestCluster& cluster, TrustFixture& trust, const QString& folder, const QString& prefix,
               QString* error)
    {
        nurse = prefix + QStringLiteral(".nurse");
        nurse2 = prefix + QStringLiteral(".nurse2");
        doctor = prefix + QStringLiteral(".doctor");
        return trust.setUp(folder,
                           {{nurse, QStringLiteral("Nina Nurse"), QStringLiteral("RN"), UserRole::Reviewer,
                             password(nurse)},
                            {nurse2, QStringLiteral("Ned Nurse"), QStringLiteral("RN"), UserRole::Reviewer,
                             password(nurse2)},
                            {doctor, QStringLiteral("Dana Doctor"), QStringLiteral("MD"),
                             UserRole::MedicalDirector, password(doctor)}},
                           error) &&
               cluster.addPerson(nurse, QStringLiteral("rd_reviewer"), error) &&
               cluster.addPerson(nurse2, QStringLiteral("rd_reviewer"), error) &&
               cluster.addPerson(doctor, QStringLiteral("rd_medical_director"), error);
    }

    // A test's usual start: a database of its own (rd_PREFIX) on the fixture's cluster, the people as
    // above, and the workspace's schema made by the cluster's owner.
    bool setUpWorkspace(PgTestCluster& cluster, TrustFixture& trust, const QString& folder,
                        const QString& prefix, QString* error)
    {
        if (!cluster.setUp(QStringLiteral("rd_") + prefix, error) ||
            !setUp(cluster, trust, folder, prefix, error))
            return false;
        auto owner = PgConnection::open(cluster.superuser(), error);
        return owner && WorkspaceSchema::migrate(*owner, error);
    }
};

} // namespace rd::test
