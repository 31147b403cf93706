// The notices through the command line, as a user runs it: a Spanish-speaking member's denial needs a
// Spanish rationale to be signed; an override that breaks a code rule needs its confirmation and is
// named in the letter, written in the member's language by default; evaluate --json gives the request
// for information's clock.
#include "TestCases.h"
#include "TestSupport.h"
#include "TrustFixture.h"
#include "checklist/CaseJson.h"
#include "checklist/PolicyLoader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;

namespace {
const QString kPassword = QStringLiteral("correct horse battery");
const QString kRationale =
    QStringLiteral("The notes show the walking problem, and both studies are needed to plan the surgery.");
const QString kRationaleEs = QStringLiteral(
    "Las notas muestran el problema para caminar, y se necesitan los dos estudios para planear la cirugía.");
} // namespace

class TestNotices : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Policy m_policy;
    test::TrustFixture m_trust; // dr.whitfield (medical director) and nurse.kim (reviewer) in the roster

    test::CliRun cli(const QStringList& args, const QString& input = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("REVIEWDESK_HOME"), m_dir.filePath(QStringLiteral("home")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("REVIEWDESK_CONFIG_DIR"), m_dir.filePath(QStringLiteral("etc")));
        return test::runCli(args, input, environment);
    }

    // A case file of the sample case, every answer favourable, with these lines and letter language.
    QString newCase(const QString& name, const QStringList& lines, const QString& language,
                    const QMap<QString, QString>& answers = {})
    {
        CaseData data = test::sampleCase();
        data.request.lines = lines;
        data.member.language = language;
        test::answerFavourably(data, m_policy);
        for (auto it = answers.cbegin(); it != answers.cend(); ++it)
            data.answers[it.key()].value = *answerValueFromString(it.value());
        const QString json = m_dir.filePath(name + QStringLiteral(".json"));
        if (!test::writeFile(json, CaseJson::toJson(data)))
            return {};
        const QString path = m_dir.filePath(name + QStringLiteral(".rdcase"));
        const test::CliRun run =
            cli({QStringLiteral("new"), path, QStringLiteral("--from"), json, QStringLiteral("--user"),
                 QStringLiteral("nurse.kim"), QStringLiteral("--password-stdin")},
                kPassword + QLatin1Char('\n'));
        return run.exitCode == 0 ? path : QString();
    }

    test::CliRun sign(const QString& path, const QStringList& extra)
    {
        return cli(QStringList{QStringLiteral("sign"), path, QStringLiteral("--user"),
                               QStringLiteral("dr.whitfield"), QStringLiteral("--password-stdin")} +
                       extra,
                   kPassword + QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_policy = *PolicyLoader::loadBuiltIn();
        QString error;
        QVERIFY2(m_trust.setUp(m_dir.path(),
                               {{QStringLiteral("dr.whitfield"), QStringLiteral("Dana Whitfield"),
                                 QStringLiteral("MD, FAAPMR"), UserRole::MedicalDirector, kPassword},
                                {QStringLiteral("nurse.kim"), QStringLiteral("Kim Lee"), QStringLiteral("RN"),
                                 UserRole::Reviewer, kPassword}},
                               &error),
                 qPrintable(error));
    }

    void spanishDenialNeedsSpanishRationale()
    {
        const QString path =
            newCase(QStringLiteral("es-denial"), {QStringLiteral("96000"), QStringLiteral("96004")},
                    QStringLiteral("es"), {{QStringLiteral("management-impact"), QStringLiteral("not-met")}});
        QVERIFY(!path.isEmpty());
        test::CliRun run = sign(path, {QStringLiteral("--rationale"), kRationale});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("denial letter (es): clinical-rationale: is in English")),
                 qPrintable(run.err));
        run = sign(path, {QStringLiteral("--rationale"), kRationale, QStringLiteral("--rationale-es"),
                          kRationaleEs});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString pdf = m_dir.filePath(QStringLiteral("es-denial.pdf"));
        run = cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf});
        QVERIFY2(run.out.contains(QStringLiteral("denial letter (es)")), qPrintable(run.out + run.err));
    }

    void codeRuleOverrideNeedsConfirmation()
    {
        const QString path = newCase(
            QStringLiteral("pair"), {QStringLiteral("96000"), QStringLiteral("96001")}, QStringLiteral("en"));
        QVERIFY(!path.isEmpty());
        const QStringList override{QStringLiteral("--override"),     QStringLiteral("96000=approve"),
                                   QStringLiteral("--rationale"),    kRationale,
                                   QStringLiteral("--rationale-es"), kRationaleEs};
        test::CliRun run = sign(path, override);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("code-pair-96000-96001")), qPrintable(run.err));
        run = sign(path, override + QStringList{QStringLiteral("--confirm-code-rule-override")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString pdf = m_dir.filePath(QStringLiteral("pair.pdf"));
        run = cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        QVERIFY(QString::fromUtf8(text.readAllStandardOutput())
                    .simplified()
                    .contains(QStringLiteral("96000 and 96001 should not be billed together")));
    }

    void evaluateGivesTheInformationClock()
    {
        CaseData data = test::sampleCase();
        data.request.urgency = Urgency::Expedited;
        const QString json = m_dir.filePath(QStringLiteral("pended.json"));
        QVERIFY(test::writeFile(json, CaseJson::toJson(data)));
        const test::CliRun run = cli({QStringLiteral("evaluate"), json, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject decision = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(decision.value(QStringLiteral("overall")).toString(), QStringLiteral("pended"));
        const QJsonObject rfi = decision.value(QStringLiteral("clock"))
                                    .toObject()
                                    .value(QStringLiteral("informationRequest"))
                                    .toObject();
        const QDateTime requested =
            QDateTime::fromString(rfi.value(QStringLiteral("requestedAt")).toString(), Qt::ISODate);
        const QDateTime respondBy =
            QDateTime::fromString(rfi.value(QStringLiteral("respondBy")).toString(), Qt::ISODate);
        const QDateTime due =
            QDateTime::fromString(rfi.value(QStringLiteral("decisionDueBy")).toString(), Qt::ISODate);
        QCOMPARE(requested.secsTo(respondBy), qint64(48 * 3600));
        QCOMPARE(respondBy.secsTo(due), qint64(48 * 3600));
        QCOMPARE(rfi.value(QStringLiteral("decisionHoursAfterAnswer")).toDouble(), 48.0);
    }

    void brokenPlanFileIsRefused()
    {
        QDir().mkpath(m_dir.filePath(QStringLiteral("etc")));
        QVERIFY(test::writeFile(m_dir.filePath(QStringLiteral("etc/plan.json")),
                                R"({"format": "reviewdesk-plan", "name": "X", "planType": "hmo"})"));
        const test::CliRun run = cli(
            {QStringLiteral("evaluate"), QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("plan.json: planType")), qPrintable(run.err));
        QFile::remove(m_dir.filePath(QStringLiteral("etc/plan.json")));
    }
};

QTEST_MAIN(TestNotices)
#include "tst_notices.moc"
