// The workspace's server-side rules, each refused from a connection of the wrong role, on a real
// PostgreSQL server; and one case round-tripped file -> workspace -> file, verifying each way.
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "model/casefile/CaseFile.h"
#include "model/signoff/CaseVerification.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestRules : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::PgTestCluster m_cluster;
    test::TrustFixture m_trust;
    QString m_caseId;

    test::WorkspaceTeam m_team;
    const QString m_nurse = QStringLiteral("rules.nurse");
    const QString m_nurse2 = QStringLiteral("rules.nurse2");
    const QString m_doctor = QStringLiteral("rules.doctor");
    const QString m_admin = QStringLiteral("rules.admin");

    QString newCaseFile(const QString& name, Urgency urgency = Urgency::Standard)
    {
        CaseData data = test::sampleCase();
        data.request.urgency = urgency;
        data.answers.clear();
        const QString path = m_dir.filePath(name);
        QString error;
        auto file = CaseFile::create(path, data, m_trust.actor(m_nurse), &error);
        if (!file)
            qWarning() << error;
        return path;
    }

    // A statement as a signature row must go through rd.apply, by whoever is connected.
    static bool applyRaw(PgConnection& connection, const QString& caseId, const QJsonArray& upserts,
                         QString* error)
    {
        return connection
            .exec("SELECT rd.apply($1, '[]'::jsonb, $2::jsonb, '[]'::jsonb, NULL, NULL)",
                  {PgParam::text(caseId),
                   PgParam::text(QString::fromUtf8(QJsonDocument(upserts).toJson(QJsonDocument::Compact)))},
                  error)
            .has_value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_cluster.setUp(QStringLiteral("rd_rules"), &error), qPrintable(error));
        QVERIFY2(m_team.setUp(m_cluster, m_trust, m_dir.path(), QStringLiteral("rules"), &error),
                 qPrintable(error));
        auto owner = PgConnection::open(m_cluster.superuser(), &error);
        QVERIFY2(owner, qPrintable(error));
        QVERIFY2(WorkspaceSchema::migrate(*owner, &error), qPrintable(error));
        QVERIFY2(WorkspaceSchema::migrate(*owner, &error),
                 qPrintable(error)); // a second init changes nothing
        QCOMPARE(WorkspaceSchema::version(*owner, &error), WorkspaceSchema::CurrentVersion);
        QVERIFY2(m_cluster.addPerson(m_nurse, QStringLiteral("rd_reviewer"), &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(m_nurse2, QStringLiteral("rd_reviewer"), &error), qPrintable(error));
        QVERIFY2(m_cluster.addPerson(m_doctor, QStringLiteral("rd_medical_director"), &error),
                 qPrintable(error));
        QVERIFY2(m_cluster.addPerson(m_admin, QStringLiteral("rd_admin"), &error), qPrintable(error));

        auto workspace = Workspace::open(m_cluster.url(m_nurse), &error);
        QVERIFY2(workspace, qPrintable(error));
        const auto imported = workspace->importCaseFile(newCaseFile(QStringLiteral("a.rdcase")), &error);
        QVERIFY2(imported, qPrintable(error));
        m_caseId = *imported;
    }

    void olderAppRefusesNewerSchema()
    {
        QString error;
        QVERIFY2(m_cluster.sql(QStringLiteral("UPDATE rd.schema_version SET version = 99"), &error),
                 qPrintable(error));
        QVERIFY(!Workspace::open(m_cluster.url(m_nurse), &error));
        QVERIFY2(error.contains(QLatin1String("newer ReviewDesk")), qPrintable(error));
        auto owner = PgConnection::open(m_cluster.superuser(), &error);
        QVERIFY(!WorkspaceSchema::migrate(*owner, &error));
        QVERIFY2(m_cluster.sql(QStringLiteral("UPDATE rd.schema_version SET version = %1")
                                   .arg(WorkspaceSchema::CurrentVersion),
                               &error),
                 qPrintable(error));
    }

    // A workspace made by version 1 migrates to 2: a case that version 1 imported into the review queue
    // although it awaits the medical director moves to their queue; others stay.
    void migrationFromVersionOne()
    {
        QString error;
        const QString database = QStringLiteral("rd_rules_v1");
        auto owner = m_cluster.workspaceAt(database, 1, &error);
        QVERIFY2(owner, qPrintable(error));
        QCOMPARE(WorkspaceSchema::version(*owner, &error), 1);
        QVERIFY2(owner->command(
                     "INSERT INTO rd.case_queue(case_id, member_id, member_name, urgency, received_at, "
                     "due_by, status, audit_count, audit_head) VALUES "
                     "('routed', 'M1', 'A', 'standard', now(), now(), 'awaiting-medical-director', 0, ''), "
                     "('review', 'M2', 'B', 'standard', now(), now(), 'in-review', 0, '')",
                     &error),
                 qPrintable(error));
        QVERIFY(!Workspace::open(m_cluster.url(database, m_nurse), &error));
        QVERIFY2(error.contains(QLatin1String("older")), qPrintable(error));
        QVERIFY2(WorkspaceSchema::migrate(*owner, &error), qPrintable(error));
        QCOMPARE(WorkspaceSchema::version(*owner, &error), WorkspaceSchema::CurrentVersion);
        auto workspace = Workspace::open(m_cluster.url(database, m_nurse), &error);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->entry(QStringLiteral("routed"), &error)->queue, Workspace::MedicalDirectorQueue);
        QCOMPARE(workspace->entry(QStringLiteral("review"), &error)->queue, Workspace::ReviewQueue);
        workspace.reset();
        owner.reset();
        QVERIFY2(m_cluster.sql(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(database), &error),
                 qPrintable(error));
    }

    void holderRecordsOthersReadOnly()
    {
        QString error;
        auto held =
            WorkspaceCase::open(m_cluster.url(m_nurse), m_caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(held, qPrintable(error));
        QVERIFY2(!held->isReadOnly(), qPrintable(held->readOnlyReason()));
        const Answer met{AnswerValue::Met, {QStringLiteral("neuromuscular-disease")}, QString(), {}};
        QVERIFY2(held->recordJudgment(QStringLiteral("indication"), met, m_trust.actor(m_nurse), &error),
                 qPrintable(error));

        // Another person opens it read-only, with the holder's name; the client refuses...
        auto other = WorkspaceCase::open(m_cluster.url(m_nurse2), m_caseId,
                                         WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(other, qPrintable(error));
        QVERIFY(other->isReadOnly());
        QVERIFY2(other->readOnlyReason().contains(m_nurse), qPrintable(other->readOnlyReason()));
        QCOMPARE(other->data().answers.value(QStringLiteral("indication")), met);
        QVERIFY(!other->recordJudgment(QStringLiteral("cosmetic"), {AnswerValue::No, {}, {}, {}},
                                       m_trust.actor(m_nurse2), &error));
        // ... and so does the server, to a non-holder calling its function directly.
        auto direct = PgConnection::open(m_cluster.url(m_nurse2), &error);
        QVERIFY(!applyRaw(*direct, m_caseId, {}, &error));
        QCOMPARE(direct->sqlState(), QStringLiteral("42501"));
        QVERIFY2(error.contains(QLatin1String("only the holder")), qPrintable(error));
        // Nobody writes the tables directly.
        QVERIFY(!direct->command("INSERT INTO rd.case_row VALUES ('x', 'judgment', 'k', '{}')", &error));
        QCOMPARE(direct->sqlState(), QStringLiteral("42501"));
    }

    void entriesOnlyInTheConnectedPersonsName()
    {
        QString error;
        auto held =
            WorkspaceCase::open(m_cluster.url(m_nurse), m_caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(held, qPrintable(error));
        // nurse is connected; the entry is signed with nurse2's key in nurse2's name.
        QVERIFY(!held->recordJudgment(QStringLiteral("cosmetic"), {AnswerValue::No, {}, {}, {}},
                                      m_trust.actor(m_nurse2), &error));
        QVERIFY2(error.contains(QLatin1String("in the name of")), qPrintable(error));
        QVERIFY(!held->data().answers.contains(QStringLiteral("cosmetic")));
    }

    void reviewerCannotSignADenial()
    {
        QString error;
        auto held =
            WorkspaceCase::open(m_cluster.url(m_nurse), m_caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(held, qPrintable(error));
        SignRequest request;
        request.actor = m_trust.actor(m_nurse);
        request.signedAt = QDateTime::currentDateTimeUtc();
        request.letters.insert(QStringLiteral("en"), QStringLiteral("<p>denied</p>"));
        request.letterKinds.insert(QStringLiteral("en"), QStringLiteral("denial"));
        request.statement = {
            {QStringLiteral("decision"), QJsonObject{{QStringLiteral("overall"), QStringLiteral("denied")}}},
            {QStringLiteral("signedAt"), request.signedAt.toString(Qt::ISODateWithMs)}};
        QVERIFY(!held->sign(request, &error));
        QVERIFY2(error.contains(QLatin1String("only a medical director signs a denial")), qPrintable(error));
        QVERIFY(!held->isSigned());
        auto check = Workspace::open(m_cluster.url(m_nurse), &error);
        QVERIFY(!check->entry(m_caseId, &error)->isSigned);
    }

    void auditIsAppendOnlyForEveryone()
    {
        QString error;
        auto nurse = PgConnection::open(m_cluster.url(m_nurse), &error);
        QVERIFY(!nurse->command("UPDATE rd.audit SET actor = 'someone'", &error));
        QCOMPARE(nurse->sqlState(), QStringLiteral("42501"));
        QVERIFY(!nurse->command("DELETE FROM rd.audit", &error));
        QCOMPARE(nurse->sqlState(), QStringLiteral("42501"));
        // The owner (a superuser here) is stopped by the trigger.
        auto owner = PgConnection::open(m_cluster.superuser(), &error);
        QVERIFY(!owner->command("UPDATE rd.audit SET actor = 'someone'", &error));
        QVERIFY2(error.contains(QLatin1String("append-only")), qPrintable(error));
        QVERIFY(!owner->command("DELETE FROM rd.audit WHERE seq > 1", &error));
        QVERIFY2(error.contains(QLatin1String("append-only")), qPrintable(error));
        QVERIFY(!owner->command("TRUNCATE rd.audit CASCADE", &error));
        QVERIFY2(error.contains(QLatin1String("append-only")), qPrintable(error));
    }

    void onlyAdminChangesTheRoster()
    {
        QString error;
        QFile rosterFile(m_trust.rosterPath());
        QVERIFY(rosterFile.open(QIODevice::ReadOnly));
        const QByteArray body = rosterFile.readAll();
        auto nurse = Workspace::open(m_cluster.url(m_nurse), &error);
        QVERIFY(!nurse->storeRoster(body, 1, &error));
        QCOMPARE(nurse->connection().sqlState(), QStringLiteral("42501"));
        auto doctor = Workspace::open(m_cluster.url(m_doctor), &error);
        QVERIFY(!doctor->storeRoster(body, 1, &error));
        auto admin = Workspace::open(m_cluster.url(m_admin), &error);
        QVERIFY2(admin->storeRoster(body, 1, &error), qPrintable(error));
        QCOMPARE(*nurse->roster(&error), body);
        // The server keeps the newest: the same serial again, or a row whose roster names another
        // serial, is refused.
        QVERIFY(!admin->storeRoster(body, 1, &error));
        QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
        QVERIFY(!admin->storeRoster(body, 7, &error));
        QVERIFY2(error.contains(QLatin1String("names serial 1")), qPrintable(error));
        QVERIFY(!admin->storeRoster("not json", 8, &error));
        QCOMPARE(*nurse->roster(&error), body);
        // An administrator keeps the roster and reads no case.
        QVERIFY(!admin->list(&error));
        QCOMPARE(admin->connection().sqlState(), QStringLiteral("42501"));
    }

    // verifyCase() with the workspace's roster: the one stored is used; none, or one edited after its
    // administrator signed it, fails.
    void verifyWithTheWorkspaceRoster()
    {
        QString error;
        auto file =
            CaseFile::open(newCaseFile(QStringLiteral("v.rdcase")), CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        auto nurse = Workspace::open(m_cluster.url(m_nurse), &error);
        VerifyOptions options;
        QVERIFY2(nurse->useRoster(&options, &error), qPrintable(error));
        CaseVerification result = verifyCase(*file, options);
        QVERIFY2(result.report.ok(), qPrintable(result.report.problems.value(0).what));
        QVERIFY2(result.rosterSource.startsWith(QLatin1String("the workspace ")),
                 qPrintable(result.rosterSource));

        options.roster = QByteArray();
        result = verifyCase(*file, options);
        QVERIFY(!result.report.ok());
        QVERIFY2(result.report.problems.value(0).what.contains(QLatin1String("holds no organization roster")),
                 qPrintable(result.report.problems.value(0).what));

        QVERIFY2(nurse->useRoster(&options, &error), qPrintable(error));
        options.roster->replace("Nina Nurse", "Nina Nurze");
        result = verifyCase(*file, options);
        QVERIFY(!result.report.ok());
        QVERIFY2(result.report.problems.value(0).what.contains(QLatin1String("edited or forged")),
                 qPrintable(result.report.problems.value(0).what));
    }

    void medicalDirectorSignsAfterRouting()
    {
        QString error;
        {
            auto held = WorkspaceCase::open(m_cluster.url(m_nurse), m_caseId,
                                            WorkspaceCase::OpenMode::ReadWrite, &error);
            QVERIFY2(held, qPrintable(error));
            QVERIFY2(held->route(Workspace::MedicalDirectorQueue, &error), qPrintable(error));
            QVERIFY(held->isReadOnly());
        }
        auto nurse2 = Workspace::open(m_cluster.url(m_nurse2), &error);
        QVERIFY(!nurse2->takeNext(Workspace::MedicalDirectorQueue, &error));
        auto doctor = Workspace::open(m_cluster.url(m_doctor), &error);
        const auto taken = doctor->takeNext(Workspace::MedicalDirectorQueue, &error);
        QVERIFY2(taken, qPrintable(error));
        QCOMPARE(*taken, m_caseId);
        auto held = WorkspaceCase::open(m_cluster.url(m_doctor), m_caseId, WorkspaceCase::OpenMode::ReadWrite,
                                        &error);
        QVERIFY2(held, qPrintable(error));
        QVERIFY2(!held->isReadOnly(), qPrintable(held->readOnlyReason()));
        const LineOverride deny{QStringLiteral("96002"), LineOutcome::Deny, QStringLiteral("Not indicated."),
                                m_doctor, QDateTime::currentDateTimeUtc()};
        QVERIFY2(held->setOverride(deny, m_trust.actor(m_doctor), &error), qPrintable(error));
        QCOMPARE(held->overrides().size(), 1);

        // The case as the server holds it verifies, file-side and against the server's head.
        const VerifyReport report = held->verify();
        QVERIFY2(report.ok(), qPrintable(report.problems.value(0).where + QLatin1String(": ") +
                                         report.problems.value(0).what));
        const QString exported = m_dir.filePath(QStringLiteral("exported.rdcase"));
        QVERIFY2(held->saveCopyAs(exported, &error), qPrintable(error));
        QCOMPARE(QFile::permissions(exported) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        auto file = CaseFile::open(exported, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        QCOMPARE(file->caseId(), m_caseId);
        QCOMPARE(file->overrides().size(), 1);
        const CaseVerification verification = verifyCase(*file);
        QVERIFY2(verification.report.ok(), qPrintable(verification.report.problems.value(0).what));
        const auto head = doctor->auditHead(m_caseId, &error);
        QCOMPARE(verification.auditCount, head->first);
        QCOMPARE(verification.auditHead, head->second);
    }

    void takeNextMostUrgentFirstNeverTwice()
    {
        QString error;
        auto nurse = Workspace::open(m_cluster.url(m_nurse), &error);
        const auto standard = nurse->importCaseFile(newCaseFile(QStringLiteral("s.rdcase")), &error);
        const auto expedited =
            nurse->importCaseFile(newCaseFile(QStringLiteral("e.rdcase"), Urgency::Expedited), &error);
        QVERIFY2(standard && expedited, qPrintable(error));
        auto nurse2 = Workspace::open(m_cluster.url(m_nurse2), &error);
        QCOMPARE(*nurse2->takeNext(Workspace::ReviewQueue, &error), *expedited);
        QCOMPARE(*nurse->takeNext(Workspace::ReviewQueue, &error), *standard);
        QCOMPARE(*nurse->takeNext(Workspace::ReviewQueue, &error), QString());
        const auto entry = nurse->entry(*expedited, &error);
        QCOMPARE(entry->assignee, m_nurse2);
    }

    void cutTrailIsCaught()
    {
        QString error;
        // An exported file cut short (its last entry gone) no longer matches the head the server keeps.
        const QString exported = m_dir.filePath(QStringLiteral("exported.rdcase"));
        auto doctor = Workspace::open(m_cluster.url(m_doctor), &error);
        const auto head = doctor->auditHead(m_caseId, &error);
        auto file = CaseFile::open(exported, CaseFile::OpenMode::ReadOnly, &error);
        VerifyOptions options;
        options.headCount = head->first + 1; // a head the file does not reach
        options.headHash = head->second;
        QVERIFY(!verifyCase(*file, options).report.ok());
    }
};

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
