// The people of the workspace tests: PREFIX.nurse and PREFIX.nurse2 (reviewers), PREFIX.doctor
// (medical director), in the roster (TrustFixture) and as login roles of their group roles.
#pragma once

#include "PgTestCluster.h"
#include "TrustFixture.h"

namespace rd::test {

struct WorkspaceTeam
{
    QString nurse;
    QString nurse2;
    QString doctor;

    static QString password(const QString& login) { return login + QStringLiteral(" password"); }

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
};

} // namespace rd::test
