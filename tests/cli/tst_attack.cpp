// Our own promises attacked (docs/security.md), each hole shown failing before its fix: a case file with
// a planted trigger written into, the signing's own audit entries written by someone other than the
// signer, a determination dated before the entries it covers, and entries out of time order (a revoked
// key dated back behind later work). Real reviewdesk-cli binaries on real case files, a real roster and
// people folder (TrustFixture.h), and the attacker's own tool for the trail (TrailRewrite.h).
#include "SqlTamper.h"
#include "TestSupport.h"
#include "TrailRewrite.h"
#include "TrustCliCase.h"
#include "TrustFixture.h"
#include "checklist/PolicyLoader.h"
#include "model/casefile/CaseFile.h"
#include "model/casefile/CaseRecordJson.h"
#include "model/letters/PlanInfo.h"
#include "model/signoff/CaseVerification.h"
#include "model/signoff/Signoff.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace rd;
using test::sqlite;

namespace {

QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString findings(const CaseVerification& result)
{
    QStringList lines;
    for (const VerifyFinding& finding : result.report.problems)
        lines.append(finding.where + QStringLiteral(": ") + finding.what);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestAttack : public QObject, private test::TrustCliCase
{
    Q_OBJECT

private:
    // The roster again, every person valid since a day ago (the fixture's are valid since a minute ago),
    // so that a trail can be dated back hours and still be genuinely signed.
    bool rosterValidSinceYesterday(const QStringList& revoked, const QDateTime& revokedAt, QString* error)
    {
        UserDirectory directory(m_trust.home());
        if (!directory.load(error))
            return false;
        const auto adminKey =
            directory.unlock(QStringLiteral("admin.test"), test::TrustFixture::adminPassword(), error);
        const auto trust = TrustStore::load(error);
        if (!adminKey || !trust)
            return false;
        const QDateTime since = QDateTime::currentDateTimeUtc().addDays(-1);
        User admin = *directory.user(QStringLiteral("admin.test"));
        admin.publicKey = adminKey->publicKey();
        Roster roster = Roster::create(admin, since);
        for (const RosterEntry& entry : trust->roster().entries())
            if (entry.user.publicKey != admin.publicKey && !roster.add(entry.user, since, error))
                return false;
        for (const QString& login : revoked)
            if (!roster.revoke(login, revokedAt, error))
                return false;
        // Newer than any serial this computer has seen.
        for (qint64 serial = 0; serial <= trust->roster().serial(); ++serial)
            if (!roster.save(m_trust.rosterPath(), *adminKey, error))
                return false;
        return true;
    }

    CaseVerification verifyFile(const QString& path)
    {
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        if (!file) {
            CaseVerification failed;
            failed.report.problems.append({path, error});
            return failed;
        }
        return verifyCase(*file);
    }

    const SigningKey* keyOf(const QString& login)
    {
        if (!m_keys.contains(login))
            m_keys.insert(login, m_trust.actor(login));
        return m_keys.value(login).key().get();
    }

    // A statement made by hand with the signer's own key and our code (CaseFile::sign), past every rule
    // Signoff::sign applies: the decision the engine gives, one English letter of the kind given.
    bool signByHand(const QString& path, const Actor& signer, const QString& letterKind,
                    const QString& letter, QString* error)
    {
        const auto policy = PolicyLoader::loadBuiltIn();
        const auto plan = PlanInfo::load(QString(), error);
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, error);
        if (!policy.ok() || !plan || !file)
            return false;
        const Decision decision = Signoff(policy.value(), *plan).finalDecision(file->data(), {});
        const QByteArray letterHash =
            QCryptographicHash::hash(letter.toUtf8(), QCryptographicHash::Sha256).toHex();
        SignRequest request;
        request.letters.insert(QStringLiteral("en"), letter);
        request.letterKinds.insert(QStringLiteral("en"), letterKind);
        request.actor = signer;
        request.signedAt = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
        request.statement = {
            {QStringLiteral("decision"), decision.toJsonObject()},
            {QStringLiteral("letters"),
             QJsonObject{{QStringLiteral("en"),
                          QJsonObject{{QStringLiteral("kind"), letterKind},
                                      {QStringLiteral("sha256"), QString::fromLatin1(letterHash)}}}}},
            {QStringLiteral("signer"),
             QJsonObject{{QStringLiteral("login"), signer.login()},
                         {QStringLiteral("publicKey"), QString::fromLatin1(signer.publicKey().toHex())}}},
            {QStringLiteral("meaning"), QStringLiteral("Determination made by %1").arg(signer.login())},
            {QStringLiteral("signedAt"), AuditChain::timestamp(request.signedAt)},
            {QStringLiteral("policySha256"),
             QString::fromLatin1(Signoff::policyHash(policy.value()).toHex())}};
        return file->sign(request, error);
    }

    QMap<QString, Actor> m_keys;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(setUpOrganization(&error), qPrintable(error));
        QVERIFY2(rosterValidSinceYesterday({}, {}, &error), qPrintable(error));
    }

    // A hostile case file's own triggers would run inside this person's writes: a judgment changed
    // behind a reviewer's answer, or behind a medical director's signing, between the overrides written
    // and the statement built. Such a file is opened read-only, says why, and keeps its bytes.
    void plantedTriggerRunsInNoWrite()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("planted.rdcase"));
        QVERIFY(!path.isEmpty());
        QVERIFY(sqlite(path, "CREATE TRIGGER planted AFTER INSERT ON audit BEGIN UPDATE judgment SET value = "
                             "'met' WHERE id = 'management-impact'; END;"));
        const QByteArray before = bytesOf(path);
        const test::CliRun answer =
            as(QStringLiteral("nurse.lee"), kNursePassword,
               {QStringLiteral("answer"), path, QStringLiteral("--id"), QStringLiteral("cosmetic"),
                QStringLiteral("--value"), QStringLiteral("no")});
        QVERIFY2(answer.exitCode != 0, qPrintable(answer.out));
        QVERIFY2(answer.err.contains(QStringLiteral("altered outside ReviewDesk")) &&
                     answer.err.contains(QStringLiteral("trigger planted")),
                 qPrintable(answer.err));
        const test::CliRun sign =
            as(QStringLiteral("dr.whitfield"), kDoctorPassword,
               {QStringLiteral("sign"), path, QStringLiteral("--rationale"), kRationale});
        QVERIFY2(sign.exitCode != 0, qPrintable(sign.out));
        QVERIFY2(sign.err.contains(QStringLiteral("altered outside ReviewDesk")), qPrintable(sign.err));
        QCOMPARE(bytesOf(path), before);

        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(file, qPrintable(error));
        QVERIFY(file->isReadOnly());
        QVERIFY(!file->recordJudgment(QStringLiteral("cosmetic"), Answer{AnswerValue::No, {}, {}, {}},
                                      m_trust.actor(QStringLiteral("nurse.lee")), &error));
        file.reset();
        QCOMPARE(bytesOf(path), before);
    }

    // The signing's own two entries (determined, case.sign) say who signed: written in another person's
    // name (a colleague finishing a signing made elsewhere, or backdated by a revoked signer) they
    // misname the signer, and verify says so.
    void signingEntriesInAnotherName()
    {
        const QString path = signedDenial(QStringLiteral("signing-entries.rdcase"));
        QVERIFY(!path.isEmpty());
        QCOMPARE(verifyFile(path).report.problems.size(), 0);
        QVERIFY(test::rewriteTrail(
            path,
            [](QList<AuditEntry>& trail) {
                for (qsizetype i = trail.size() - 2; i < trail.size(); ++i)
                    trail[i].actor = QStringLiteral("nurse.lee");
            },
            [this](const AuditEntry& entry) {
                return entry.actor == QLatin1String("nurse.lee") ? keyOf(entry.actor) : nullptr;
            }));
        const CaseVerification result = verifyFile(path);
        QVERIFY2(
            findings(result).contains(QStringLiteral("written by nurse.lee, not by the signer dr.whitfield")),
            qPrintable(findings(result)));
    }

    // A determination's time is the signer's clock; it is checked against the roster (a revoked signer
    // dates it back). It can be no earlier than the entries it covers, nor than its own case.sign entry.
    void signatureDatedBeforeWhatItCovers()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("backdated-signature.rdcase"));
        QVERIFY(!path.isEmpty());
        QString error;
        const auto policy = PolicyLoader::loadBuiltIn();
        QVERIFY(policy.ok());
        const auto plan = PlanInfo::load(QString(), &error);
        QVERIFY2(plan, qPrintable(error));
        const auto trust = TrustStore::load(&error);
        QVERIFY2(trust, qPrintable(error));
        const auto doctor =
            trust->roster().current(QStringLiteral("dr.whitfield"), QDateTime::currentDateTimeUtc());
        QVERIFY(doctor);
        {
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            QVERIFY2(file, qPrintable(error));
            SignoffInput input;
            input.login = QStringLiteral("dr.whitfield");
            input.letterFields.insert(LetterField::clinicalRationale(), kRationale);
            input.now = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
            QVERIFY2(Signoff(policy.value(), *plan)
                         .sign(*file, doctor->user, *keyOf(QStringLiteral("dr.whitfield")), input, &error),
                     qPrintable(error));
        }
        const CaseVerification result = verifyFile(path);
        QVERIFY2(findings(result).contains(QStringLiteral("the signing time was set back")),
                 qPrintable(findings(result)));
    }

    // Entries follow each other in time (a few minutes of clocks' disagreement aside). A reviewer
    // revoked an hour ago, with her key and password, appends a judgment dated before her revocation to
    // a case someone worked on since: every entry is genuinely signed and her key was valid at the date
    // she wrote, but the date is before the entry it follows.
    void entryDatedBeforeTheOneItFollows()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("out-of-order.rdcase"));
        QVERIFY(!path.isEmpty());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QString error;
        QVERIFY2(rosterValidSinceYesterday({QStringLiteral("nurse.kim")}, now.addSecs(-3600), &error),
                 qPrintable(error));
        // The case was made three hours ago (nurse.lee's entries, re-signed by her, dated back).
        QVERIFY(test::rewriteTrail(
            path,
            [&](QList<AuditEntry>& trail) {
                for (AuditEntry& entry : trail)
                    entry.at = entry.at.addSecs(-3 * 3600);
            },
            [this](const AuditEntry& entry) { return keyOf(entry.actor); }));
        // nurse.lee works on it now.
        {
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY2(file->recordJudgment(QStringLiteral("research-only"),
                                          Answer{AnswerValue::Yes, {}, {}, {}},
                                          m_trust.actor(QStringLiteral("nurse.lee")), &error),
                     qPrintable(error));
        }
        QVERIFY2(verifyFile(path).report.problems.isEmpty(), qPrintable(findings(verifyFile(path))));
        // nurse.kim, revoked an hour ago, appends her judgment dated 90 minutes ago, and sets the table.
        const QString yes = CaseRecordJson::answerText(Answer{AnswerValue::Yes, {}, {}, {}});
        QVERIFY(test::rewriteTrail(
            path,
            [&](QList<AuditEntry>& trail) {
                AuditEntry entry = trail.last();
                entry.at = now.addSecs(-90 * 60);
                entry.actor = QStringLiteral("nurse.kim");
                entry.action = QStringLiteral("judgment.record");
                entry.target = QStringLiteral("cosmetic");
                for (const AuditEntry& earlier : std::as_const(trail))
                    if (earlier.action == QLatin1String("judgment.record") && earlier.target == entry.target)
                        entry.oldValue = earlier.newValue;
                entry.newValue = yes;
                trail.append(entry);
            },
            [this](const AuditEntry& entry) {
                return entry.actor == QLatin1String("nurse.kim") ? keyOf(entry.actor) : nullptr;
            }));
        QVERIFY(sqlite(path, "UPDATE judgment SET value = 'yes' WHERE id = 'cosmetic'"));
        const CaseVerification result = verifyFile(path);
        // Her entry is the only finding: genuinely signed, with a key valid at its date.
        QVERIFY2(result.report.problems.size() == 1, qPrintable(findings(result)));
        QVERIFY2(findings(result).contains(QStringLiteral("before the entry it follows")),
                 qPrintable(findings(result)));
    }

    // A pended case cannot be signed (it gets a request for information): the app and the CLI refuse,
    // and so does verify, for a statement someone made with their own key and our code.
    void pendedCaseSignedByHand()
    {
        const QString path = newCase(QStringLiteral("approved"), QStringLiteral("pended-signed.rdcase"));
        QVERIFY(!path.isEmpty());
        QString error;
        const Actor nurse = m_trust.actor(QStringLiteral("nurse.lee"));
        {
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY2(file->recordJudgment(QStringLiteral("indication"),
                                          Answer{AnswerValue::Unknown, {}, {}, {}}, nurse, &error),
                     qPrintable(error));
        }
        QVERIFY2(signByHand(path, nurse, QStringLiteral("approval"),
                            QStringLiteral("<p>Your request is approved.</p>"), &error),
                 qPrintable(error));
        const CaseVerification result = verifyFile(path);
        QVERIFY2(findings(result).contains(QStringLiteral("a pended case cannot be signed")),
                 qPrintable(findings(result)));
    }

    // The signed letter is of the kind the recomputed decision gives: an approval letter signed on a
    // denial (the statement made by hand, with the medical director's own key) tells the member the
    // opposite of the determination; the letter command would hand it out as signed.
    void letterOfAnotherKindSigned()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("wrong-letter.rdcase"));
        QVERIFY(!path.isEmpty());
        QString error;
        QVERIFY2(signByHand(path, m_trust.actor(QStringLiteral("dr.whitfield")), QStringLiteral("approval"),
                            QStringLiteral("<p>Good news: your request is approved.</p>"), &error),
                 qPrintable(error));
        const CaseVerification result = verifyFile(path);
        QVERIFY2(
            findings(result).contains(QStringLiteral("is of kind approval, but the determination is denied")),
            qPrintable(findings(result)));
    }

    // Clinical text is member data: every text `sign` takes has a file form, so none has to go on a
    // command line (seen by every process of the machine, kept in shell histories).
    void clinicalTextOffTheCommandLine()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("texts-from-files.rdcase"));
        QVERIFY(!path.isEmpty());
        const QString additional =
            QStringLiteral("Notes showing how the study changes the botulinum toxin plan.");
        const QString additionalEs = QStringLiteral("Notas que muestren cómo el estudio cambia el plan.");
        const QString rationaleEs =
            QStringLiteral("Las notas no muestran que el estudio cambie el tratamiento.");
        const QMap<QString, QString> files{{QStringLiteral("rationale-file"), kRationale},
                                           {QStringLiteral("rationale-es-file"), rationaleEs},
                                           {QStringLiteral("additional-info-file"), additional},
                                           {QStringLiteral("additional-info-es-file"), additionalEs}};
        QStringList args{QStringLiteral("sign"), path};
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const QString file = m_dir.filePath(it.key() + QStringLiteral(".txt"));
            QVERIFY(test::writeFile(file, it.value().toUtf8()));
            args << QStringLiteral("--") + it.key() << file;
        }
        const QByteArray before = bytesOf(path);
        const test::CliRun missing = as(QStringLiteral("dr.whitfield"), kDoctorPassword,
                                        args + QStringList{QStringLiteral("--additional-info-es-file"),
                                                           m_dir.filePath(QStringLiteral("none"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("--additional-info-es-file")), qPrintable(missing.err));
        QCOMPARE(bytesOf(path), before);
        const test::CliRun run = as(QStringLiteral("dr.whitfield"), kDoctorPassword, args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const QMap<QString, QString> fields = file->letterFields();
        QCOMPARE(fields.value(LetterField::additionalInformation()), additional);
        QCOMPARE(fields.value(LetterField::additionalInformation() + QStringLiteral(".es")), additionalEs);
        QCOMPARE(fields.value(LetterField::clinicalRationale() + QStringLiteral(".es")), rationaleEs);
    }

    // No output replaces a case file: `export CASE -o CASE` turned a signed case into its own JSON, and
    // export-fhir -o and letter --html replaced any case file named.
    void outputsNeverReplaceACaseFile()
    {
        const QString path = signedDenial(QStringLiteral("kept.rdcase"));
        const QString other = newCase(QStringLiteral("approved"), QStringLiteral("other.rdcase"));
        QVERIFY(!path.isEmpty() && !other.isEmpty());
        const QByteArray signedBytes = bytesOf(path);
        const QByteArray otherBytes = bytesOf(other);
        const QList<QStringList> commands{{QStringLiteral("export"), path, QStringLiteral("-o"), path},
                                          {QStringLiteral("export"), path, QStringLiteral("-o"), other},
                                          {QStringLiteral("export-fhir"), path, QStringLiteral("-o"), other},
                                          {QStringLiteral("letter"), path, QStringLiteral("-o"),
                                           m_dir.filePath(QStringLiteral("kept.pdf")),
                                           QStringLiteral("--html"), other}};
        for (const QStringList& command : commands) {
            const test::CliRun run = cli(command);
            QVERIFY2(run.exitCode != 0, qPrintable(command.join(QLatin1Char(' '))));
            QVERIFY2(run.err.contains(QStringLiteral("is a database")), qPrintable(run.err));
            QCOMPARE(bytesOf(path), signedBytes);
            QCOMPARE(bytesOf(other), otherBytes);
        }
    }

    // A signature cannot be taken back: `sign` signed a case whose judgment was changed with sqlite3,
    // making the tampered answer the physician's signed determination (and the case read-only for
    // ever). It refuses, names the finding, and leaves the file as it was.
    void tamperedCaseIsNotSigned()
    {
        const QString path = newCase(QStringLiteral("denied"), QStringLiteral("tampered-unsigned.rdcase"));
        QVERIFY(!path.isEmpty());
        QVERIFY(sqlite(path, "UPDATE judgment SET value = 'not-met' WHERE id = 'indication'"));
        const QByteArray before = bytesOf(path);
        const test::CliRun run =
            as(QStringLiteral("dr.whitfield"), kDoctorPassword,
               {QStringLiteral("sign"), path, QStringLiteral("--rationale"), kRationale});
        QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
        QVERIFY2(run.err.contains(QStringLiteral("does not verify")) &&
                     run.err.contains(QStringLiteral("judgment indication")),
                 qPrintable(run.err));
        QCOMPARE(bytesOf(path), before);
    }

    // A FHIR request makes a case as a case JSON does, and is held to the same limits: a member's name
    // with a bidirectional override (it reads differently in the queue and on the letters from what it
    // holds) or of 300 characters is refused with the field named, and no case file is written.
    void fhirBundleHeldToTheCaseLimits_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bidirectional override")
            << QStringLiteral("Rivera") + QChar(0x202E) << QStringLiteral("bidirectional-override");
        QTest::newRow("300 characters")
            << QString(300, QLatin1Char('A')) << QStringLiteral("longer than 200");
    }

    void fhirBundleHeldToTheCaseLimits()
    {
        QFETCH(QString, family);
        QFETCH(QString, expected);
        QFile fixture(QStringLiteral(REVIEWDESK_TEST_DATA "/fhir/fixtures/ig221-referral-96000-96004.json"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        QJsonObject bundle = QJsonDocument::fromJson(fixture.readAll()).object();
        QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
        bool patched = false;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QJsonObject entry = entries.at(i).toObject();
            QJsonObject resource = entry.value(QStringLiteral("resource")).toObject();
            if (resource.value(QStringLiteral("resourceType")).toString() != QLatin1String("Patient"))
                continue;
            QJsonArray names = resource.value(QStringLiteral("name")).toArray();
            QJsonObject name = names.at(0).toObject();
            name.insert(QStringLiteral("family"), family);
            names.replace(0, name);
            resource.insert(QStringLiteral("name"), names);
            entry.insert(QStringLiteral("resource"), resource);
            entries.replace(i, entry);
            patched = true;
        }
        QVERIFY(patched);
        bundle.insert(QStringLiteral("entry"), entries);
        const QString bundlePath = m_dir.filePath(QStringLiteral("hostile-bundle.json"));
        QVERIFY(test::writeFile(bundlePath, QJsonDocument(bundle).toJson()));
        const QString casePath = m_dir.filePath(QStringLiteral("hostile-bundle.rdcase"));
        const test::CliRun run =
            as(QStringLiteral("nurse.lee"), kNursePassword,
               {QStringLiteral("import-fhir"), bundlePath, QStringLiteral("-o"), casePath});
        QVERIFY2(run.exitCode == 2, qPrintable(run.out + run.err));
        QVERIFY2(run.err.contains(QStringLiteral("member.name")) && run.err.contains(expected),
                 qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(casePath));
    }
};

QTEST_MAIN(TestAttack)
#include "tst_attack.moc"
