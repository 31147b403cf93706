// The workspace's server rules attacked from a member's own connection, as anyone with psql would:
// a holder's lock taken first by someone else, a second record row planted by the holder, an entry
// dated back by the holder (holes of schema 2, closed by schema 3), a case id that would name a path
// on the command line's side, and a signature row that is not its holder's own signing (schema 5).
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TestSupport.h"
#include "TrailRewrite.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "model/audit/AuditChain.h"
#include "model/casefile/CaseFile.h"
#include "model/workspace/CaseRows.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestAttack : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::PgTestCluster m_cluster;
    test::TrustFixture m_trust;
    test::WorkspaceTeam m_team;
    int m_cases = 0;

    // A case of its own for each attack (a successful one may leave it broken).
    QString importCase()
    {
        CaseData data = test::sampleCase();
        data.answers.clear();
        const QString path = m_dir.filePath(QStringLiteral("case-%1.rdcase").arg(++m_cases));
        QString error;
        if (!CaseFile::create(path, data, m_trust.actor(m_team.nurse), &error)) {
            qWarning() << error;
            return {};
        }
        auto workspace = Workspace::open(m_cluster.url(m_team.nurse), &error);
        const auto imported = workspace ? workspace->importCaseFile(path, &error) : std::nullopt;
        if (!imported)
            qWarning() << error;
        return imported.value_or(QString());
    }

    // rd.apply as the holder's own connection calls it, with entries and rows of the attacker's making.
    static bool apply(PgConnection& connection, const QString& caseId, const QJsonArray& audit,
                      const QJsonArray& upserts, QString* error)
    {
        return connection
            .exec("SELECT rd.apply($1, $2::jsonb, $3::jsonb, '[]'::jsonb, NULL, NULL)",
                  {PgParam::text(caseId), PgParam::text(CaseRows::compact(audit)),
                   PgParam::text(CaseRows::compact(upserts))},
                  error)
            .has_value();
    }

    // nurse's own connection, holding the case as the app does.
    std::unique_ptr<PgConnection> holdAsNurse(const QString& caseId, QString* error)
    {
        auto connection = PgConnection::open(m_cluster.url(m_team.nurse), error);
        const auto hold = connection ? connection->exec("SELECT rd.hold($1)", {PgParam::text(caseId)}, error)
                                     : std::nullopt;
        if (!hold || !hold->text(0, 0).isEmpty())
            return nullptr;
        return connection;
    }

    // A case of its own, held by nurse's own connection.
    std::unique_ptr<PgConnection> newCaseHeldByNurse(QString* caseId, QString* error)
    {
        *caseId = importCase();
        if (caseId->isEmpty()) {
            *error = QStringLiteral("the case was not imported");
            return nullptr;
        }
        return holdAsNurse(*caseId, error);
    }

    static std::optional<QJsonObject> caseInfoRow(PgConnection& connection, const QString& caseId,
                                                  QString* error)
    {
        const auto result =
            connection.exec("SELECT row::text FROM rd.case_row WHERE case_id = $1 AND tbl = 'case_info'",
                            {PgParam::text(caseId)}, error);
        if (!result || result->rows() != 1)
            return std::nullopt;
        return QJsonDocument::fromJson(result->text(0, 0).toUtf8()).object();
    }

    // The entry that follows the server's head, in nurse's name and signed with her key, dated at.
    std::optional<AuditEntry> nextEntry(PgConnection& connection, const QString& caseId,
                                        const QString& action, const QString& target, const QString& oldValue,
                                        const QString& newValue, const QDateTime& at, QString* error)
    {
        const auto head = connection.exec("SELECT audit_count, encode(audit_head, 'hex') FROM rd.case_queue "
                                          "WHERE case_id = $1",
                                          {PgParam::text(caseId)}, error);
        if (!head || head->rows() != 1)
            return std::nullopt;
        AuditEntry entry;
        entry.seq = head->text(0, 0).toLongLong() + 1;
        entry.prevHash = QByteArray::fromHex(head->text(0, 1).toLatin1());
        entry.at = at;
        entry.actor = m_team.nurse;
        entry.action = action;
        entry.target = target;
        entry.oldValue = oldValue;
        entry.newValue = newValue;
        entry.hash = AuditChain::entryHash(entry);
        entry.signature = m_trust.actor(m_team.nurse).sign(AuditChain::signedMessage(entry));
        return entry;
    }

    // The case record after entries were appended: its audit count and head name the last of them.
    static QJsonObject caseInfoUpsert(QJsonObject info, const AuditEntry& last)
    {
        info.insert(QStringLiteral("audit_count"), last.seq);
        info.insert(QStringLiteral("audit_head"),
                    QJsonObject{{QStringLiteral("b"), QString::fromLatin1(last.hash.toBase64())}});
        return QJsonObject{{QStringLiteral("t"), QStringLiteral("case_info")},
                           {QStringLiteral("k"), QStringLiteral("[1]")},
                           {QStringLiteral("r"), info}};
    }

    // A signature row in nurse's name whose statement says approved, as a holder would plant it.
    QJsonObject approvedSignatureRow(QByteArray* digest)
    {
        const QByteArray payload =
            QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("reviewdesk-signature-v1")},
                                      {QStringLiteral("decision"),
                                       QJsonObject{{QStringLiteral("overall"), QStringLiteral("approved")}}}})
                .toJson(QJsonDocument::Compact);
        *digest = CaseFile::signatureDigest(payload);
        const Actor nurse = m_trust.actor(m_team.nurse);
        auto blob = [](const QByteArray& bytes) {
            return QJsonObject{{QStringLiteral("b"), QString::fromLatin1(bytes.toBase64())}};
        };
        const QJsonObject row{
            {QStringLiteral("singleton"), 1},
            {QStringLiteral("payload"), QString::fromUtf8(payload)},
            {QStringLiteral("digest"), blob(*digest)},
            {QStringLiteral("signature"), blob(nurse.sign(*digest))},
            {QStringLiteral("public_key"), blob(nurse.publicKey())},
            {QStringLiteral("signer"), m_team.nurse},
            {QStringLiteral("signed_at"), AuditChain::timestamp(QDateTime::currentDateTimeUtc())}};
        return QJsonObject{{QStringLiteral("t"), QStringLiteral("signature")},
                           {QStringLiteral("k"), QStringLiteral("[1]")},
                           {QStringLiteral("r"), row}};
    }

    // A case file whose id is caseId, its trail re-signed by its author to chain from it.
    QString caseFileWithId(const QString& name, const QString& caseId)
    {
        CaseData data = test::sampleCase();
        data.answers.clear();
        const QString path = m_dir.filePath(name);
        QString error;
        if (!CaseFile::create(path, data, m_trust.actor(m_team.nurse), &error) ||
            !test::sqlite(path, QStringLiteral("UPDATE case_info SET case_id = '%1'").arg(caseId).toUtf8()))
            return {};
        const Actor nurse = m_trust.actor(m_team.nurse);
        if (!test::rewriteTrail(
                path, [](QList<AuditEntry>&) {}, [&nurse](const AuditEntry&) { return nurse.key().get(); }))
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_team.setUpWorkspace(m_cluster, m_trust, m_dir.path(), QStringLiteral("attack"), &error),
                 qPrintable(error));
    }

    // The holder's lock is an advisory lock, which every role may take: another reviewer takes the
    // lock of a case first, and the case's own holder can no longer write it (the message even blames
    // the holder's "other window"). A loop over the queue blocks a whole department.
    void lockTakenFirstByAnother()
    {
        const QString caseId = importCase();
        QVERIFY(!caseId.isEmpty());
        QString error;
        auto squatter = PgConnection::open(m_cluster.url(m_team.nurse2), &error);
        QVERIFY2(squatter, qPrintable(error));
        const auto locked =
            squatter->exec("SELECT pg_try_advisory_lock(21316, hashtext('reviewdesk:' || $1))",
                           {PgParam::text(caseId)}, &error);
        QVERIFY2(locked && locked->text(0, 0) == QLatin1String("t"), qPrintable(error));
        auto held = WorkspaceCase::open(m_cluster.url(m_team.nurse), caseId,
                                        WorkspaceCase::OpenMode::ReadWrite, &error);
        QVERIFY2(held, qPrintable(error));
        QVERIFY2(!held->isReadOnly(), qPrintable(held->readOnlyReason()));
    }

    // rd.apply_rows takes a row's key as the client sends it: the holder plants a second case record
    // under another key, which can never be removed, and every later open, verify or export of the case
    // fails on it ("UNIQUE constraint failed: case_info.singleton").
    void secondCaseRecordPlanted()
    {
        QString caseId;
        QString error;
        auto holder = newCaseHeldByNurse(&caseId, &error);
        QVERIFY2(holder, qPrintable(error));
        const auto info = caseInfoRow(*holder, caseId, &error);
        QVERIFY2(info, qPrintable(error));
        const QJsonArray upserts{QJsonObject{{QStringLiteral("t"), QStringLiteral("case_info")},
                                             {QStringLiteral("k"), QStringLiteral("1")},
                                             {QStringLiteral("r"), *info}}};
        const bool applied = apply(*holder, caseId, {}, upserts, &error);
        QVERIFY2(!applied, "a second case_info row was stored");
        holder.reset();
        auto reader = WorkspaceCase::open(m_cluster.url(m_team.nurse2), caseId,
                                          WorkspaceCase::OpenMode::ReadOnly, &error);
        QVERIFY2(reader, qPrintable(error));
    }

    // The server stores an entry's time as the client wrote it: the holder appends an entry dated years
    // back (before the case was created), with a valid chain and hash. docs/security.md counts on the
    // server's time against a revoked key used with the clock set back.
    void entryDatedBack()
    {
        QString caseId;
        QString error;
        auto holder = newCaseHeldByNurse(&caseId, &error);
        QVERIFY2(holder, qPrintable(error));
        const auto info = caseInfoRow(*holder, caseId, &error);
        QVERIFY2(info, qPrintable(error));
        const QString status = info->value(QStringLiteral("status")).toString();
        const auto entry = nextEntry(*holder, caseId, QStringLiteral("status.change"), QString(), status,
                                     status, QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC), &error);
        QVERIFY2(entry, qPrintable(error));
        const QJsonObject row = CaseRows::auditJson(*entry);
        const QJsonArray upserts{caseInfoUpsert(*info, *entry)};
        const bool applied = apply(*holder, caseId, {row}, upserts, &error);
        QVERIFY2(!applied, "an entry dated 2020 was stored");
    }

    // A case's id is what the file that brought it says (any text, its trail re-signed by its author to
    // chain from it). The command line copied a workspace case into a file named after its id, in a
    // temporary folder: an id "../escaped" wrote the member's case outside it, replacing what was there,
    // for whoever ran `verify URL#ID` (or a script over `workspace take`).
    void caseIdNamesNoPath()
    {
        const QString caseId = QStringLiteral("../escaped");
        const QString path = caseFileWithId(QStringLiteral("escaping.rdcase"), caseId);
        QVERIFY(!path.isEmpty());
        // The server refuses such an id now (caseIdIsAUuid); a case imported before it did stays.
        QString error;
        const auto check = PgConnection::open(m_cluster.superuser(), &error);
        QVERIFY2(check, qPrintable(error));
        const auto definition =
            check->exec("SELECT pg_get_functiondef('rd.check_case_id(text)'::regprocedure)", {}, &error);
        QVERIFY2(definition, qPrintable(error));
        QVERIFY2(check->command("CREATE OR REPLACE FUNCTION rd.check_case_id(p_case text) RETURNS void "
                                "LANGUAGE sql IMMUTABLE AS 'SELECT NULL::void'",
                                &error),
                 qPrintable(error));
        auto workspace = Workspace::open(m_cluster.url(m_team.nurse), &error);
        QVERIFY2(workspace, qPrintable(error));
        const auto imported = workspace->importCaseFile(path, &error);
        QVERIFY2(check->command(definition->text(0, 0).toUtf8(), &error), qPrintable(error));
        QVERIFY2(imported && *imported == caseId, qPrintable(error));

        const QString tmp = m_dir.filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(tmp));
        QProcessEnvironment environment = m_trust.environment();
        environment.insert(QStringLiteral("TMPDIR"), tmp);
        const test::CliRun run =
            test::runCli({QStringLiteral("verify"), m_cluster.url(m_team.nurse) + QLatin1Char('#') + caseId},
                         {}, environment);
        // (verify itself fails here: this workspace holds no roster; the copy is made before that.)
        QVERIFY2(run.exitCode != -1, qPrintable(run.err));
        QVERIFY2(!QFileInfo::exists(QDir(tmp).filePath(QStringLiteral("escaped.rdcase"))),
                 "the case was written outside the command's temporary folder");
    }

    // rd.import_case took any text as the case id: "../escaped" travelled into file names, NOTIFY
    // payloads and the queue. A new case's id is what CaseFile::create makes, a UUID.
    void caseIdIsAUuid()
    {
        QString error;
        auto workspace = Workspace::open(m_cluster.url(m_team.nurse), &error);
        QVERIFY2(workspace, qPrintable(error));
        const QStringList refused{QStringLiteral("../escaped-again"),
                                  QStringLiteral("{0f8e7f0a-1c2b-4d3e-8f90-a1b2c3d4e5f6}"),
                                  QStringLiteral("0F8E7F0A-1C2B-4D3E-8F90-A1B2C3D4E5F6"),
                                  QStringLiteral("0f8e7f0a-1c2b-4d3e-8f90-a1b2c3d4e5f6\n")};
        int n = 0;
        for (const QString& id : refused) {
            const QString path = caseFileWithId(QStringLiteral("id-%1.rdcase").arg(++n), id);
            QVERIFY(!path.isEmpty());
            QVERIFY2(!workspace->importCaseFile(path, &error), qPrintable(id));
            QVERIFY2(error.contains(QLatin1String("is not a case id")), qPrintable(error));
            QVERIFY(!workspace->entry(id, &error));
        }
        // The form CaseFile::create makes goes in.
        QVERIFY(!importCase().isEmpty());
    }

    // The server read only the decision a signature row's statement names: the holder stored a
    // statement saying "approved" without signing anything, and the case was signed and read-only for
    // good, its medical director unable to sign the denial. A signature row is now refused unless the
    // trail's last entry is its holder's case.sign naming its digest.
    void signatureRowWithoutItsSigning()
    {
        QString caseId;
        QString error;
        auto holder = newCaseHeldByNurse(&caseId, &error);
        QVERIFY2(holder, qPrintable(error));
        QByteArray digest;
        const QJsonObject signature = approvedSignatureRow(&digest);
        QVERIFY(!apply(*holder, caseId, {}, {signature}, &error));
        QVERIFY2(error.contains(QLatin1String("case.sign")), qPrintable(error));

        // With a case.sign entry of the holder's own, naming another digest: refused too.
        const auto info = caseInfoRow(*holder, caseId, &error);
        QVERIFY2(info, qPrintable(error));
        const QJsonObject record{
            {QStringLiteral("digest"), QString::fromLatin1(QByteArray(32, 'x').toHex())}};
        const auto sign = nextEntry(*holder, caseId, QStringLiteral("case.sign"), m_team.nurse, QString(),
                                    CaseRows::compact(record), QDateTime::currentDateTimeUtc(), &error);
        QVERIFY2(sign, qPrintable(error));
        QVERIFY(!apply(*holder, caseId, {CaseRows::auditJson(*sign)},
                       {caseInfoUpsert(*info, *sign), signature}, &error));
        QVERIFY2(error.contains(QLatin1String("case.sign")), qPrintable(error));
        holder.reset();
        auto check = Workspace::open(m_cluster.url(m_team.nurse2), &error);
        QVERIFY2(check, qPrintable(error));
        const auto entry = check->entry(caseId, &error);
        QVERIFY2(entry, qPrintable(error));
        QVERIFY(!entry->isSigned);
    }
};

QTEST_GUILESS_MAIN(TestAttack)
#include "tst_attack.moc"
