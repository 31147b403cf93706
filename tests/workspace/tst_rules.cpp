// The workspace's server-side rules, each refused from a connection of the wrong role, on a real
// PostgreSQL server; and one case round-tripped file -> workspace -> file, verifying each way.
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "model/audit/AuditChain.h"
#include "model/casefile/CaseFile.h"
#include "model/signoff/CaseVerification.h"
#include "model/workspace/CaseRows.h"
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
        // A serial once: the same serial again, or a row whose roster names another serial, is refused.
        QVERIFY(!admin->storeRoster(body, 1, &error));
        QVERIFY2(error.contains(QLatin1String("serial 1 already")), qPrintable(error));
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
    // The advisory lock a hold used to be is open to every role: taking it blocks nobody now, and
    // gives the one who took it no right to write.
    void anotherSessionsLockBlocksNobody()
    {
        QString error;
        auto nurse = Workspace::open(m_cluster.url(m_nurse), &error);
        const auto caseId = nurse->importCaseFile(newCaseFile(QStringLiteral("blocked.rdcase")), &error);
        QVERIFY2(caseId, qPrintable(error));
        auto blocker = PgConnection::open(m_cluster.url(m_nurse2), &error);
        QVERIFY2(blocker, qPrintable(error));
        QVERIFY2(blocker->exec("SELECT pg_advisory_lock(21316, hashtext('reviewdesk:' || $1))",
                               {PgParam::text(*caseId)}, &error),
                 qPrintable(error));
        auto held =
            WorkspaceCase::open(m_cluster.url(m_nurse), *caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(held, qPrintable(error));
        QVERIFY2(!held->isReadOnly(), qPrintable(held->readOnlyReason()));
        QVERIFY2(held->recordJudgment(QStringLiteral("cosmetic"), {AnswerValue::No, {}, {}, {}},
                                      m_trust.actor(m_nurse), &error),
                 qPrintable(error));
        QVERIFY(!applyRaw(*blocker, *caseId, {}, &error));
        QCOMPARE(blocker->sqlState(), QStringLiteral("42501"));
    }

    // A hold is one session's: a second window of the same person reads, and takes the case once the
    // first window's connection is gone.
    void holdEndsWithItsSession()
    {
        QString error;
        auto nurse = Workspace::open(m_cluster.url(m_nurse), &error);
        const auto caseId = nurse->importCaseFile(newCaseFile(QStringLiteral("session.rdcase")), &error);
        QVERIFY2(caseId, qPrintable(error));
        auto first =
            WorkspaceCase::open(m_cluster.url(m_nurse), *caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(first && !first->isReadOnly(), qPrintable(error));
        auto second =
            WorkspaceCase::open(m_cluster.url(m_nurse), *caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(second, qPrintable(error));
        QVERIFY(second->isReadOnly());
        QVERIFY2(second->readOnlyReason().contains(QLatin1String("another window")),
                 qPrintable(second->readOnlyReason()));
        first.reset(); // its connection closes; the server process ends a moment later
        auto third =
            WorkspaceCase::open(m_cluster.url(m_nurse), *caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(third, qPrintable(error));
        QVERIFY2(!third->isReadOnly(), qPrintable(third->readOnlyReason()));
        QVERIFY2(third->recordJudgment(QStringLiteral("cosmetic"), {AnswerValue::No, {}, {}, {}},
                                       m_trust.actor(m_nurse), &error),
                 qPrintable(error));
    }

    // A row is stored under its own key, in a table of the case file: a second case_info row under
    // another spelling of its key made the case unreadable for everyone.
    void rowsKeyedAsTheirOwn()
    {
        QString error;
        auto nurse = Workspace::open(m_cluster.url(m_nurse), &error);
        const auto caseId = nurse->importCaseFile(newCaseFile(QStringLiteral("keys.rdcase")), &error);
        QVERIFY2(caseId, qPrintable(error));
        auto direct = PgConnection::open(m_cluster.url(m_nurse), &error);
        const auto hold = direct->exec("SELECT rd.hold($1)", {PgParam::text(*caseId)}, &error);
        QVERIFY2(hold && hold->text(0, 0).isEmpty(), qPrintable(error));
        const auto info =
            direct->exec("SELECT row::text FROM rd.case_row WHERE case_id = $1 AND tbl = 'case_info'",
                         {PgParam::text(*caseId)}, &error);
        QVERIFY2(info && info->rows() == 1, qPrintable(error));
        const QJsonObject row = QJsonDocument::fromJson(info->text(0, 0).toUtf8()).object();
        auto upsert = [](const QString& table, const QString& key, const QJsonObject& value) {
            return QJsonArray{QJsonObject{
                {QStringLiteral("t"), table}, {QStringLiteral("k"), key}, {QStringLiteral("r"), value}}};
        };
        QVERIFY2(applyRaw(*direct, *caseId, upsert(QStringLiteral("case_info"), QStringLiteral("[1]"), row),
                          &error),
                 qPrintable(error)); // its own key: taken
        QVERIFY(!applyRaw(*direct, *caseId, upsert(QStringLiteral("case_info"), QStringLiteral("1"), row),
                          &error));
        QVERIFY2(error.contains(QLatin1String("keyed")), qPrintable(error));
        QJsonObject second = row;
        second.insert(QStringLiteral("singleton"), 2);
        QVERIFY(!applyRaw(*direct, *caseId,
                          upsert(QStringLiteral("case_info"), QStringLiteral("[2]"), second), &error));
        QVERIFY(!applyRaw(*direct, *caseId,
                          upsert(QStringLiteral("sqlite_master"), QStringLiteral("[1]"), row), &error));
        QVERIFY2(error.contains(QLatin1String("no rows of table")), qPrintable(error));
        direct.reset();
        // The case still reads and verifies.
        auto reader =
            WorkspaceCase::open(m_cluster.url(m_doctor), *caseId, WorkspaceCase::OpenMode::ReadOnly, &error);
        QVERIFY2(reader, qPrintable(error));
        QVERIFY2(reader->verify().ok(), "the case does not verify");
    }

    // An entry written in one's own name is dated by the server's clock, within minutes: not before
    // the case, not inside a key's past.
    void entriesDatedByTheServer()
    {
        QString error;
        auto nurse = Workspace::open(m_cluster.url(m_nurse), &error);
        const auto caseId = nurse->importCaseFile(newCaseFile(QStringLiteral("dated.rdcase")), &error);
        QVERIFY2(caseId, qPrintable(error));
        auto direct = PgConnection::open(m_cluster.url(m_nurse), &error);
        const auto hold = direct->exec("SELECT rd.hold($1)", {PgParam::text(*caseId)}, &error);
        QVERIFY2(hold && hold->text(0, 0).isEmpty(), qPrintable(error));
        const auto head = direct->exec(
            "SELECT q.audit_count, encode(q.audit_head, 'hex'), r.row::text FROM rd.case_queue q "
            "JOIN rd.case_row r ON r.case_id = q.case_id AND r.tbl = 'case_info' WHERE q.case_id = $1",
            {PgParam::text(*caseId)}, &error);
        QVERIFY2(head && head->rows() == 1, qPrintable(error));
        const Actor actor = m_trust.actor(m_nurse);
        auto write = [&](const QDateTime& at, QString* why) {
            AuditEntry entry;
            entry.seq = head->int64(0, 0) + 1;
            entry.at = at;
            entry.actor = m_nurse;
            entry.action = QStringLiteral("judgment.record");
            entry.target = QStringLiteral("screening");
            entry.newValue = QStringLiteral("{\"value\":\"no\"}");
            entry.prevHash = QByteArray::fromHex(head->text(0, 1).toLatin1());
            entry.hash = AuditChain::entryHash(entry);
            entry.signature = actor.sign(AuditChain::signedMessage(entry));
            QJsonObject info = QJsonDocument::fromJson(head->text(0, 2).toUtf8()).object();
            info.insert(QStringLiteral("audit_count"), entry.seq);
            info.insert(QStringLiteral("audit_head"),
                        QJsonObject{{QStringLiteral("b"), QString::fromLatin1(entry.hash.toBase64())}});
            const QJsonArray upserts{QJsonObject{{QStringLiteral("t"), QStringLiteral("case_info")},
                                                 {QStringLiteral("k"), QStringLiteral("[1]")},
                                                 {QStringLiteral("r"), info}}};
            return direct
                ->exec(
                    "SELECT rd.apply($1, $2::jsonb, $3::jsonb, '[]'::jsonb, NULL, NULL)",
                    {PgParam::text(*caseId),
                     PgParam::text(QString::fromUtf8(QJsonDocument(QJsonArray{CaseRows::auditJson(entry)})
                                                         .toJson(QJsonDocument::Compact))),
                     PgParam::text(QString::fromUtf8(QJsonDocument(upserts).toJson(QJsonDocument::Compact)))},
                    why)
                .has_value();
        };
        QVERIFY(!write(QDateTime(QDate(2020, 1, 1), QTime(9, 0), Qt::UTC), &error));
        QVERIFY2(error.contains(QLatin1String("dated")), qPrintable(error));
        QVERIFY(!write(QDateTime::currentDateTimeUtc().addSecs(3600), &error));
        QVERIFY2(error.contains(QLatin1String("dated")), qPrintable(error));
        QVERIFY2(write(QDateTime::currentDateTimeUtc(), &error), qPrintable(error)); // now: taken
    }
};

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
