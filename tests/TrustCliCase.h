// What the trust tests share: an organization of three (nurse.kim and nurse.lee, reviewers;
// dr.whitfield, medical director) made with TrustFixture in a temporary folder, a clinic note PDF,
// and the real reviewdesk-cli run as those people. A test class derives from it beside QObject.
#pragma once

#include "TestSupport.h"
#include "TrustFixture.h"

#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <optional>

namespace rd::test {

class TrustCliCase
{
protected:
    static inline const QString kNursePassword = QStringLiteral("nurse password 1");
    static inline const QString kDoctorPassword = QStringLiteral("doctor password 1");
    static inline const QString kRationale =
        QStringLiteral("The notes do not show that the study would change the treatment plan.");

    QTemporaryDir m_dir;
    TrustFixture m_trust;
    QString m_notePdf;

    // The organization and the PDF; call from initTestCase (needs a QGuiApplication for the PDF).
    bool setUpOrganization(QString* error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        if (!m_trust.setUp(m_dir.filePath(QStringLiteral("org")),
                           {{QStringLiteral("nurse.kim"), QStringLiteral("Kim Alvarez"), QStringLiteral("RN"),
                             UserRole::Reviewer, kNursePassword},
                            {QStringLiteral("nurse.lee"), QStringLiteral("Lee Park"), QStringLiteral("RN"),
                             UserRole::Reviewer, kNursePassword},
                            {QStringLiteral("dr.whitfield"), QStringLiteral("Dana Whitfield"),
                             QStringLiteral("MD, FAAPMR"), UserRole::MedicalDirector, kDoctorPassword}},
                           error))
            return false;
        m_notePdf = m_dir.filePath(QStringLiteral("clinic-note.pdf"));
        writePdf(m_notePdf, {QStringLiteral("Clinic note"), QStringLiteral("Gait: crouch gait")});
        return true;
    }

    CliRun cli(const QStringList& args, const QString& input = {},
               std::optional<QProcessEnvironment> environment = std::nullopt) const
    {
        return runCli(args, input, environment.value_or(m_trust.environment()));
    }

    CliRun as(const QString& login, const QString& password, QStringList args) const
    {
        args << QStringLiteral("--user") << login << QStringLiteral("--password-stdin");
        return cli(args, password + QLatin1Char('\n'));
    }

    // A case of tests/data/signoff-KIND.json, created by nurse.lee with the clinic note attached.
    QString newCase(const QString& kind, const QString& name) const
    {
        const QString path = m_dir.filePath(name);
        const CliRun run = as(QStringLiteral("nurse.lee"), kNursePassword,
                              {QStringLiteral("new"), path, QStringLiteral("--from"),
                               QStringLiteral(REVIEWDESK_TEST_DATA "/signoff-%1.json").arg(kind),
                               QStringLiteral("--attach"), m_notePdf});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return run.exitCode == 0 ? path : QString();
    }

    // A denial of tests/data/signoff-denied.json signed by dr.whitfield.
    QString signedDenial(const QString& name) const
    {
        const QString path = newCase(QStringLiteral("denied"), name);
        const CliRun run = as(QStringLiteral("dr.whitfield"), kDoctorPassword,
                              {QStringLiteral("sign"), path, QStringLiteral("--rationale"), kRationale});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return run.exitCode == 0 ? path : QString();
    }
};

} // namespace rd::test
