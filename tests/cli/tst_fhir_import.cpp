// reviewdesk-cli import-fhir as an intake engine runs it: every public PAS fixture of
// tests/data/fhir/fixtures imports to its expected case (expected/*.expected.json), every bad one is
// refused with its message fragments and no case file, hostile files are refused, and the FHIR origin
// kept in the case file is what the response needs and is covered by verify.
#include "TestSupport.h"
#include "TrustFixture.h"
#include "model/casefile/CaseFile.h"
#include "model/fhir/FhirCaseImport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <sqlite3.h>
#include <sys/stat.h>

using namespace rd;

namespace {

const QString kFixtures = QStringLiteral(REVIEWDESK_TEST_DATA "/fhir/fixtures");
const QString kPassword = QStringLiteral("nurse password 1");
test::TrustFixture g_trust;

// The CLI in the test organization: the commands that write act as nurse.kim (password on stdin).
test::CliRun cli(const QStringList& args)
{
    QStringList all = args;
    const bool writes =
        QStringList{QStringLiteral("import-fhir"), QStringLiteral("new"), QStringLiteral("answer")}.contains(
            args.value(0));
    if (writes)
        all << QStringLiteral("--user") << QStringLiteral("nurse.kim") << QStringLiteral("--password-stdin");
    return test::runCli(all, writes ? kPassword + QLatin1Char('\n') : QString(), g_trust.environment());
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray readBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// "public/bad/B01.json" -> the copy in tests/data.
QString fixturePath(const QString& name)
{
    QString relative = name;
    relative.remove(QRegularExpression(QStringLiteral("^public/")));
    return kFixtures + QLatin1Char('/') + relative;
}

// Both styles of FHIR location the fixtures use ("Bundle.entry[6].resource(PractitionerRole).x" and
// "entry[6].PractitionerRole.x") compared as one.
QString normalizedPath(QString text)
{
    static const QRegularExpression resource(
        QStringLiteral("Bundle\\.entry\\[(\\d+)\\]\\.resource\\((\\w+)\\)"));
    text.replace(resource, QStringLiteral("entry[\\1].\\2"));
    return text;
}

QStringList expectedFiles(const QString& kind)
{
    QStringList result;
    const QDir dir(kFixtures + QStringLiteral("/expected"));
    for (const QString& name : dir.entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name)) {
        const QJsonObject expected = readJson(dir.filePath(name));
        const QString fixture = expected.value(QStringLiteral("fixture")).toString();
        const bool bad = expected.value(QStringLiteral("exit")).toInt() != 0;
        const bool converted = fixture.contains(QLatin1String("/converted/"));
        if ((kind == QLatin1String("bad") && bad) || (kind == QLatin1String("converted") && converted) ||
            (kind == QLatin1String("good") && !bad && !converted))
            result.append(dir.filePath(name));
    }
    return result;
}

int userVersion(const QString& path)
{
    sqlite3* db = nullptr;
    int version = -1;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK)
        sqlite3_exec(
            db, "PRAGMA user_version",
            [](void* out, int, char** values, char**) {
                *static_cast<int*>(out) = atoi(values[0]);
                return 0;
            },
            &version, nullptr);
    sqlite3_close(db);
    return version;
}

bool runSql(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return false;
    const bool ok = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

} // namespace

class TestFhirImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    test::CliRun importFhir(const QString& bundle, const QString& caseFile, const QStringList& extra = {})
    {
        return cli(QStringList{QStringLiteral("import-fhir"), bundle, QStringLiteral("-o"), caseFile} +
                   extra);
    }

    QString caseFileFor(const QString& bundle) const
    {
        return m_dir.filePath(QFileInfo(bundle).completeBaseName() + QStringLiteral(".rdcase"));
    }

    QJsonObject exported(const QString& caseFile)
    {
        const test::CliRun run = cli({QStringLiteral("export"), caseFile});
        return QJsonDocument::fromJson(run.out.toUtf8()).object();
    }

    // A bundle made from the referral fixture by edit, written to the temporary folder.
    QString edited(const QString& name, const std::function<void(QJsonObject&)>& edit)
    {
        QJsonObject bundle = readJson(kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"));
        edit(bundle);
        const QString path = m_dir.filePath(name);
        test::writeFile(path, QJsonDocument(bundle).toJson());
        return path;
    }

    // The IG's medical-services example (96000 under the HCPCS system) with a member born before its
    // service date (the fixture's own birth date is later, and is refused: badFixtures).
    QJsonObject medicalServices()
    {
        QJsonObject bundle =
            readJson(kFixtures + QStringLiteral("/ig221-medical-services-96000-hcpcs-system.json"));
        QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QJsonObject entry = entries.at(i).toObject();
            QJsonObject resource = entry.value(QStringLiteral("resource")).toObject();
            if (resource.value(QStringLiteral("resourceType")).toString() != QLatin1String("Patient"))
                continue;
            resource.insert(QStringLiteral("birthDate"), QStringLiteral("1996-04-02"));
            entry.insert(QStringLiteral("resource"), resource);
            entries.replace(i, entry);
        }
        bundle.insert(QStringLiteral("entry"), entries);
        return bundle;
    }

    void expectRefused(const QString& bundle, const QStringList& fragments)
    {
        const QString caseFile = caseFileFor(bundle);
        const test::CliRun run = importFhir(bundle, caseFile);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(!QFileInfo::exists(caseFile), qPrintable(caseFile));
        const QStringList lines = run.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(QFileInfo(bundle).fileName()), qPrintable(run.err));
        for (const QString& fragment : fragments)
            QVERIFY2(lines.first().contains(fragment),
                     qPrintable(fragment + QStringLiteral(" not in: ") + run.err));
    }

    // Imports the fixture that an expected-result file names; the case file's path in *caseFile.
    test::CliRun importFixtureOf(const QJsonObject& expected, QString* caseFile)
    {
        const QString bundle = fixturePath(expected.value(QStringLiteral("fixture")).toString());
        *caseFile = caseFileFor(bundle);
        return importFhir(bundle, *caseFile);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(g_trust.setUp(m_dir.filePath(QStringLiteral("org")),
                               {{QStringLiteral("nurse.kim"), QStringLiteral("Kim Alvarez"),
                                 QStringLiteral("RN"), UserRole::Reviewer, kPassword}},
                               &error),
                 qPrintable(error));
    }

    void publicFixtures_data()
    {
        QTest::addColumn<QString>("expectedFile");
        for (const QString& file : expectedFiles(QStringLiteral("good")))
            QTest::newRow(qPrintable(QFileInfo(file).baseName())) << file;
    }

    void publicFixtures()
    {
        QFETCH(QString, expectedFile);
        const QJsonObject expected = readJson(expectedFile);
        QString caseFile;
        const test::CliRun run = importFixtureOf(expected, &caseFile);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(QFileInfo(caseFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        // The case, field by field as the expected file gives it.
        const QJsonObject actual = exported(caseFile);
        const QJsonObject expectedCase = expected.value(QStringLiteral("case")).toObject();
        for (const QString& part :
             {QStringLiteral("member"), QStringLiteral("provider"), QStringLiteral("request")}) {
            const QJsonObject want = expectedCase.value(part).toObject();
            const QJsonObject got = actual.value(part).toObject();
            for (auto it = want.constBegin(); it != want.constEnd(); ++it) {
                QJsonValue gotValue = got.value(it.key());
                if (it.key() == QLatin1String("clinicalQuestion") || !gotValue.isUndefined() ||
                    !it.value().isNull())
                    QVERIFY2(gotValue == it.value(),
                             qPrintable(QStringLiteral("%1.%2: %3, expected %4")
                                            .arg(part, it.key(),
                                                 QString::fromUtf8(QJsonDocument(QJsonArray{gotValue})
                                                                       .toJson(QJsonDocument::Compact)),
                                                 QString::fromUtf8(QJsonDocument(QJsonArray{it.value()})
                                                                       .toJson(QJsonDocument::Compact)))));
            }
        }
        if (!expectedCase.value(QStringLiteral("request"))
                 .toObject()
                 .contains(QStringLiteral("clinicalQuestion")))
            QCOMPARE(actual.value(QStringLiteral("request"))
                         .toObject()
                         .value(QStringLiteral("clinicalQuestion"))
                         .toString(),
                     QString());
        QVERIFY(actual.value(QStringLiteral("answers")).toObject().isEmpty());

        // The attachments: the decoded PDFs, byte for byte.
        const QJsonArray wantAttachments = expected.value(QStringLiteral("attachments")).toArray();
        const QJsonArray gotAttachments = actual.value(QStringLiteral("attachments")).toArray();
        QCOMPARE(gotAttachments.size(), wantAttachments.size());
        for (qsizetype i = 0; i < wantAttachments.size(); ++i) {
            const QJsonObject want = wantAttachments.at(i).toObject();
            const QJsonObject got = gotAttachments.at(i).toObject();
            QCOMPARE(got.value(QStringLiteral("fileName")).toString(),
                     want.value(QStringLiteral("name")).toString());
            QCOMPARE(got.value(QStringLiteral("size")).toInteger(),
                     want.value(QStringLiteral("bytes")).toInteger());
            QCOMPARE(got.value(QStringLiteral("sha256")).toString(),
                     want.value(QStringLiteral("sha256")).toString());
            QVERIFY(got.value(QStringLiteral("pageCount")).toInt() >= 1);
        }

        // The warnings, printed and kept in the audit trail.
        QString error;
        const auto file = CaseFile::open(caseFile, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const auto origin = file->fhirOrigin(&error);
        QVERIFY2(origin, qPrintable(error));
        const QString printed = normalizedPath(run.out);
        for (const QJsonValue& mention : expected.value(QStringLiteral("warningsShouldMention")).toArray()) {
            const QString wanted = normalizedPath(mention.toString());
            QVERIFY2(printed.contains(wanted), qPrintable(wanted + QStringLiteral("\nnot in:\n") + run.out));
            QVERIFY(normalizedPath(origin->warnings.join(QLatin1Char('\n'))).contains(wanted));
        }
        bool audited = false;
        for (const AuditEntry& entry : file->auditTrail())
            audited = audited || (entry.action == QLatin1String("fhir.import") &&
                                  entry.newValue.contains(QStringLiteral("\"warnings\":")));
        QVERIFY(audited);

        // What the response needs later (contract 3.3).
        const QJsonObject keep = expected.value(QStringLiteral("fhirOriginMustKeep")).toObject();
        const QJsonObject& kept = origin->origin;
        QCOMPARE(kept.value(QStringLiteral("bundleIdentifier")),
                 keep.value(QStringLiteral("bundleIdentifier")));
        QCOMPARE(kept.value(QStringLiteral("claimFullUrl")), keep.value(QStringLiteral("claimFullUrl")));
        QCOMPARE(kept.value(QStringLiteral("claimIdentifier")),
                 keep.value(QStringLiteral("claimIdentifier")));
        QCOMPARE(kept.value(QStringLiteral("claimType")), keep.value(QStringLiteral("claimType")));
        QCOMPARE(kept.value(QStringLiteral("patient")).toObject().value(QStringLiteral("fullUrl")),
                 keep.value(QStringLiteral("patientFullUrl")));
        QCOMPARE(kept.value(QStringLiteral("provider")).toObject().value(QStringLiteral("fullUrl")),
                 keep.value(QStringLiteral("providerFullUrl")));
        QVERIFY(
            kept.value(QStringLiteral("patient")).toObject().value(QStringLiteral("resource")).isObject());
        QCOMPARE(kept.value(QStringLiteral("items")), keep.value(QStringLiteral("items")));
        QCOMPARE(origin->bundle,
                 readBytes(fixturePath(expected.value(QStringLiteral("fixture")).toString())));

        // Covered by verify.
        const test::CliRun verified = cli({QStringLiteral("verify"), caseFile});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.out));
        QVERIFY(verified.out.contains(QStringLiteral("FHIR origin")));
    }

    void badFixtures_data()
    {
        QTest::addColumn<QString>("expectedFile");
        for (const QString& file : expectedFiles(QStringLiteral("bad")))
            QTest::newRow(qPrintable(QFileInfo(file).baseName())) << file;
    }

    void badFixtures()
    {
        QFETCH(QString, expectedFile);
        const QJsonObject expected = readJson(expectedFile);
        QStringList fragments;
        for (const QJsonValue& fragment : expected.value(QStringLiteral("stderrOneLineContains")).toArray())
            fragments.append(fragment.toString());
        expectRefused(fixturePath(expected.value(QStringLiteral("fixture")).toString()), fragments);
    }

    void convertedFixtures_data()
    {
        QTest::addColumn<QString>("expectedFile");
        for (const QString& file : expectedFiles(QStringLiteral("converted")))
            QTest::newRow(qPrintable(QFileInfo(file).baseName())) << file;
    }

    void convertedFixtures()
    {
        QFETCH(QString, expectedFile);
        const QJsonObject expected = readJson(expectedFile);
        QString caseFile;
        const test::CliRun run = importFixtureOf(expected, &caseFile);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QStringList warnings = run.out.split(QLatin1Char('\n')).filter(QStringLiteral("warning:"));
        for (const QJsonValue& mention : expected.value(QStringLiteral("warningsShouldMention")).toArray())
            QVERIFY2(!warnings.filter(mention.toString()).isEmpty(), qPrintable(run.out));
        QString error;
        const auto file = CaseFile::open(caseFile, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        // The converted document is stored as a PDF the worker accepted, and its origin keeps the
        // original's type and hash.
        const QString contentType = expected.value(QStringLiteral("convertedFrom"))
                                        .toObject()
                                        .value(QStringLiteral("contentType"))
                                        .toString();
        const auto origin = file->fhirOrigin(&error);
        QVERIFY(origin);
        QJsonObject converted;
        for (const QJsonValue& document : origin->origin.value(QStringLiteral("documents")).toArray())
            if (document.toObject().value(QStringLiteral("converted")).toBool())
                converted = document.toObject();
        QCOMPARE(converted.value(QStringLiteral("contentType")).toString(), contentType);
        QCOMPARE(converted.value(QStringLiteral("sha256")).toString().size(), 64);
        const auto attachment = file->attachment(converted.value(QStringLiteral("fileName")).toString());
        QVERIFY(attachment);
        QVERIFY(attachment->pageCount >= 1);
        const auto bytes = CaseFile::readAttachment(caseFile, attachment->id, &error);
        QVERIFY(bytes && bytes->startsWith("%PDF-"));
    }

    void outcomeFileOnRefusal()
    {
        const QString bundle = fixturePath(QStringLiteral("bad/B03-use-claim.json"));
        const QString outcome = m_dir.filePath(QStringLiteral("B03.outcome.json"));
        const test::CliRun run = importFhir(bundle, m_dir.filePath(QStringLiteral("B03o.rdcase")),
                                            {QStringLiteral("--outcome"), outcome});
        QCOMPARE(run.exitCode, 2);
        const QJsonObject written = readJson(outcome);
        QCOMPARE(written.value(QStringLiteral("resourceType")).toString(),
                 QStringLiteral("OperationOutcome"));
        const QJsonObject issue = written.value(QStringLiteral("issue")).toArray().at(0).toObject();
        QCOMPARE(issue.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(issue.value(QStringLiteral("code")).toString(), QStringLiteral("invalid"));
        QCOMPARE(issue.value(QStringLiteral("diagnostics")).toString(), run.err.trimmed());
        QCOMPARE(issue.value(QStringLiteral("expression")).toArray().at(0).toString(),
                 QStringLiteral("Bundle.entry[0].resource(Claim).use"));
    }

    void submitParametersAccepted()
    {
        const QJsonObject bundle = medicalServices();
        const QJsonObject parameters{
            {QStringLiteral("resourceType"), QStringLiteral("Parameters")},
            {QStringLiteral("parameter"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("resource")},
                                    {QStringLiteral("resource"), bundle}}}}};
        const QString path = m_dir.filePath(QStringLiteral("submit-parameters.json"));
        QVERIFY(test::writeFile(path, QJsonDocument(parameters).toJson()));
        const QString caseFile = m_dir.filePath(QStringLiteral("submit.rdcase"));
        const test::CliRun run = importFhir(path, caseFile);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(
            exported(caseFile).value(QStringLiteral("request")).toObject().value(QStringLiteral("lines")),
            QJsonValue(QJsonArray{QStringLiteral("96000")}));
    }

    void receivedAtOption()
    {
        const QString caseFile = m_dir.filePath(QStringLiteral("received.rdcase"));
        const QString bundle = m_dir.filePath(QStringLiteral("medical-services.json"));
        QVERIFY(test::writeFile(bundle, QJsonDocument(medicalServices()).toJson()));
        const test::CliRun run = importFhir(
            bundle, caseFile, {QStringLiteral("--received-at"), QStringLiteral("2026-11-20T09:05:00-05:00")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(exported(caseFile)
                     .value(QStringLiteral("request"))
                     .toObject()
                     .value(QStringLiteral("receivedAt"))
                     .toString(),
                 QStringLiteral("2026-11-20T14:05:00Z"));
        const test::CliRun bad = importFhir(bundle, m_dir.filePath(QStringLiteral("received2.rdcase")),
                                            {QStringLiteral("--received-at"), QStringLiteral("yesterday")});
        QCOMPARE(bad.exitCode, 2);
    }

    void existingCaseFileNeverReplaced()
    {
        const QString caseFile = m_dir.filePath(QStringLiteral("existing.rdcase"));
        QVERIFY(test::writeFile(caseFile, "not a case"));
        QCOMPARE(
            importFhir(kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"), caseFile).exitCode, 2);
        QCOMPARE(readBytes(caseFile), QByteArray("not a case"));
    }

    // What is not a JSON file at all: a device never ends, a pipe waits for a writer, a folder, a file
    // over the size limit (sparse, so that the test writes nothing), a byte order mark.
    void hostileFiles()
    {
        const QString caseFile = m_dir.filePath(QStringLiteral("hostile-file.rdcase"));
        for (const QString& path : {QStringLiteral("/dev/zero"), m_dir.path()}) {
            const test::CliRun run = importFhir(path, caseFile);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(QStringLiteral("not a regular file")), qPrintable(run.err));
            QVERIFY(!QFileInfo::exists(caseFile));
        }
        const QString fifo = m_dir.filePath(QStringLiteral("request.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        expectRefused(fifo, {QStringLiteral("not a regular file")});

        const QString huge = m_dir.filePath(QStringLiteral("huge.json"));
        {
            QFile file(huge);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.resize((qint64(256) << 20) + 1));
        }
        expectRefused(huge, {QStringLiteral("268435457 bytes"), QStringLiteral("at most 268435456")});
        QFile::remove(huge);

        const QString bom = m_dir.filePath(QStringLiteral("bom.json"));
        QVERIFY(test::writeFile(
            bom, "\xEF\xBB\xBF" + readBytes(kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"))));
        expectRefused(bom, {QStringLiteral("byte order mark")});

        // --outcome never overwrites the request it reports on.
        const QString request = m_dir.filePath(QStringLiteral("outcome-is-request.json"));
        QVERIFY(test::writeFile(request, readBytes(kFixtures + QStringLiteral("/bad/B03-use-claim.json"))));
        const QByteArray before = readBytes(request);
        const test::CliRun run = importFhir(request, caseFile, {QStringLiteral("--outcome"), request});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--outcome names the request itself")), qPrintable(run.err));
        QCOMPARE(readBytes(request), before);
    }

    // A sender that declares its Bundle or Claim to be something other than a request, references
    // that resolve to the wrong kind of resource, JSON text the parser would quietly change, and files
    // made of very many small values.
    void hostileDeclarationsAndReferences()
    {
        const QString pas = QStringLiteral("http://hl7.org/fhir/us/davinci-pas/StructureDefinition/");
        auto claimEdit = [](const std::function<void(QJsonObject&)>& edit) {
            return [edit](QJsonObject& bundle) {
                QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
                QJsonObject entry = entries.at(0).toObject();
                QJsonObject claim = entry.value(QStringLiteral("resource")).toObject();
                edit(claim);
                entry.insert(QStringLiteral("resource"), claim);
                entries.replace(0, entry);
                bundle.insert(QStringLiteral("entry"), entries);
            };
        };
        expectRefused(
            edited(QStringLiteral("response-bundle-profile.json"),
                   [&](QJsonObject& bundle) {
                       bundle.insert(
                           QStringLiteral("meta"),
                           QJsonObject{
                               {QStringLiteral("profile"),
                                QJsonArray{QString(pas + QStringLiteral("profile-pas-response-bundle"))}}});
                   }),
            {QStringLiteral("Bundle.meta.profile[0]"), QStringLiteral("profile-pas-response-bundle"),
             QStringLiteral("not a PAS request Bundle")});
        expectRefused(edited(QStringLiteral("claim-update-profile.json"), claimEdit([&](QJsonObject& claim) {
                                 claim.insert(
                                     QStringLiteral("meta"),
                                     QJsonObject{{QStringLiteral("profile"),
                                                  QJsonArray{QString(
                                                      pas + QStringLiteral("profile-claim-update|2.2.1"))}}});
                             })),
                      {QStringLiteral("meta.profile[0]"), QStringLiteral("Claim Update"),
                       QStringLiteral("not imported yet")});
        expectRefused(
            edited(QStringLiteral("claim-inquiry-profile.json"), claimEdit([&](QJsonObject& claim) {
                       claim.insert(
                           QStringLiteral("meta"),
                           QJsonObject{{QStringLiteral("profile"),
                                        QJsonArray{QString(pas + QStringLiteral("profile-claim-inquiry"))}}});
                   })),
            {QStringLiteral("profile-claim-inquiry"), QStringLiteral("not a PAS request Claim")});
        // Another guide's profile (US Core here) is not the sender saying it is something else.
        const QString usCore =
            edited(QStringLiteral("other-guide-profile.json"), claimEdit([&](QJsonObject& claim) {
                       claim.insert(QStringLiteral("meta"),
                                    QJsonObject{{QStringLiteral("profile"),
                                                 QJsonArray{QString(pas + QStringLiteral("profile-claim")),
                                                            QStringLiteral("http://example.org/"
                                                                           "payer/Claim")}}});
                   }));
        QCOMPARE(importFhir(usCore, caseFileFor(usCore)).exitCode, 0);

        // References that resolve, but to the wrong kind of resource, or outside the Bundle.
        expectRefused(
            edited(QStringLiteral("patient-is-organization.json"), claimEdit([](QJsonObject& claim) {
                       claim.insert(QStringLiteral("patient"),
                                    QJsonObject{{QStringLiteral("reference"),
                                                 QStringLiteral("Organization/UMOExample")}});
                   })),
            {QStringLiteral("Claim).patient"), QStringLiteral("of type Organization, not Patient")});
        expectRefused(edited(QStringLiteral("coverage-is-claim.json"), claimEdit([](QJsonObject& claim) {
                                 QJsonArray insurance = claim.value(QStringLiteral("insurance")).toArray();
                                 QJsonObject focal = insurance.at(0).toObject();
                                 focal.insert(
                                     QStringLiteral("coverage"),
                                     QJsonObject{{QStringLiteral("reference"),
                                                  QStringLiteral("Claim/ReferralAuthorizationExample")}});
                                 insurance.replace(0, focal);
                                 claim.insert(QStringLiteral("insurance"), insurance);
                             })),
                      {QStringLiteral("insurance[0].coverage"), QStringLiteral("not Coverage")});
        expectRefused(edited(QStringLiteral("patient-elsewhere.json"), claimEdit([](QJsonObject& claim) {
                                 claim.insert(
                                     QStringLiteral("patient"),
                                     QJsonObject{{QStringLiteral("reference"),
                                                  QStringLiteral("https://elsewhere.example/fhir/Patient/"
                                                                 "SubscriberExample")}});
                             })),
                      {QStringLiteral("Claim).patient"), QStringLiteral("is not in the bundle")});

        // A key written with an escape is the same key: "us\u0065" repeats "use".
        const QByteArray referral = readBytes(kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"));
        QByteArray escaped = referral;
        escaped.replace("\"use\":", "\"us\\u0065\": \"claim\", \"use\":");
        const QString escapedPath = m_dir.filePath(QStringLiteral("escaped-duplicate.json"));
        QVERIFY(test::writeFile(escapedPath, escaped));
        expectRefused(escapedPath, {QStringLiteral("use"), QStringLiteral("twice")});
        // A lone surrogate would be turned into U+FFFD by the parser.
        QByteArray surrogate = referral;
        surrogate.replace("\"status\": \"active\"", "\"status\": \"act\\ud800ive\"");
        const QString surrogatePath = m_dir.filePath(QStringLiteral("lone-surrogate.json"));
        QVERIFY(test::writeFile(surrogatePath, surrogate));
        expectRefused(surrogatePath, {QStringLiteral("lone \\ud800")});

        // Many small values: refused before the parser builds them.
        expectRefused(
            edited(QStringLiteral("many-entries.json"),
                   [](QJsonObject& bundle) {
                       QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
                       for (int i = 0; i < 1000; ++i)
                           entries.append(QJsonObject{
                               {QStringLiteral("fullUrl"), QStringLiteral("urn:uuid:%1").arg(i)},
                               {QStringLiteral("resource"),
                                QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Basic")}}}});
                       bundle.insert(QStringLiteral("entry"), entries);
                   }),
            {QStringLiteral("Bundle.entry"), QStringLiteral("at most 1000")});
        expectRefused(edited(QStringLiteral("many-values.json"), claimEdit([](QJsonObject& claim) {
                                 claim.insert(QStringLiteral("note"),
                                              QJsonArray::fromVariantList(QVariantList(200001, QVariant(0))));
                             })),
                      {QStringLiteral("more than 200000 JSON values")});
    }

    void hostileInputs()
    {
        auto documentData = [](QJsonObject& bundle, const std::function<void(QJsonObject&)>& edit) {
            QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
            QJsonObject entry = entries.at(9).toObject();
            QJsonObject document = entry.value(QStringLiteral("resource")).toObject();
            QJsonArray content = document.value(QStringLiteral("content")).toArray();
            QJsonObject item = content.at(0).toObject();
            QJsonObject attachment = item.value(QStringLiteral("attachment")).toObject();
            edit(attachment);
            item.insert(QStringLiteral("attachment"), attachment);
            content.replace(0, item);
            document.insert(QStringLiteral("content"), content);
            entry.insert(QStringLiteral("resource"), document);
            entries.replace(9, entry);
            bundle.insert(QStringLiteral("entry"), entries);
        };
        // Qt's lenient decoder would skip the '*' and the '!' and store a PDF.
        expectRefused(edited(QStringLiteral("bad-base64.json"),
                             [&](QJsonObject& bundle) {
                                 documentData(bundle, [](QJsonObject& attachment) {
                                     QString data = attachment.value(QStringLiteral("data")).toString();
                                     data.insert(8, QStringLiteral("*!"));
                                     attachment.insert(QStringLiteral("data"), data.left(data.size() - 2));
                                 });
                             }),
                      {QStringLiteral("attachment.data"), QStringLiteral("base64")});
        // The other ways base64 goes wrong: the URL-safe alphabet, '=' inside, a cut-off length, a number.
        const QList<std::pair<std::function<QJsonValue(const QString&)>, QString>> badData{
            {[](const QString& d) { return QString(d.left(40) + QStringLiteral("-_") + d.mid(42)); },
             QStringLiteral("outside the base64 alphabet at position 40")},
            {[](const QString& d) { return QString(d.left(40) + QStringLiteral("==") + d.mid(42)); },
             QStringLiteral("after the '=' padding")},
            {[](const QString& d) { return d.chopped(2); }, QStringLiteral("not a multiple of 4")},
            {[](const QString&) { return QJsonValue(12345); }, QStringLiteral("is not a string")}};
        for (qsizetype i = 0; i < badData.size(); ++i)
            expectRefused(
                edited(QStringLiteral("bad-base64-%1.json").arg(i),
                       [&](QJsonObject& bundle) {
                           documentData(bundle, [&](QJsonObject& attachment) {
                               attachment.insert(
                                   QStringLiteral("data"),
                                   badData.at(i).first(attachment.value(QStringLiteral("data")).toString()));
                           });
                       }),
                {QStringLiteral("attachment.data"), badData.at(i).second});
        // Whitespace in base64 is allowed (R4 base64Binary).
        const QString spaced = edited(QStringLiteral("spaced-base64.json"), [&](QJsonObject& bundle) {
            documentData(bundle, [](QJsonObject& attachment) {
                QString data = attachment.value(QStringLiteral("data")).toString();
                for (qsizetype i = 76; i < data.size(); i += 77)
                    data.insert(i, QLatin1Char('\n'));
                attachment.insert(QStringLiteral("data"), data);
            });
        });
        QCOMPARE(importFhir(spaced, m_dir.filePath(QStringLiteral("spaced.rdcase"))).exitCode, 0);
        // The PNG of the published C01 fixture as delivered: its IDAT chunk's CRC is wrong.
        const QString damagedPng = m_dir.filePath(QStringLiteral("damaged-png.json"));
        QByteArray c01 = readBytes(kFixtures + QStringLiteral("/converted/C01-binary-png-scan.json"));
        c01.replace("AAAADUlEQVR4nGNgYGD4DwABBAEAX+XDSwAAAABJRU5ErkJggg==",
                    "AAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg==");
        QVERIFY(test::writeFile(damagedPng, c01));
        expectRefused(damagedPng, {QStringLiteral("Binary"), QStringLiteral("does not decode")});
        expectRefused(edited(QStringLiteral("size-mismatch.json"),
                             [&](QJsonObject& bundle) {
                                 documentData(bundle, [](QJsonObject& attachment) {
                                     attachment.insert(QStringLiteral("size"), 12);
                                 });
                             }),
                      {QStringLiteral("attachment.size")});
        expectRefused(edited(QStringLiteral("zip-document.json"),
                             [&](QJsonObject& bundle) {
                                 documentData(bundle, [](QJsonObject& attachment) {
                                     attachment.insert(QStringLiteral("contentType"),
                                                       QStringLiteral("application/zip"));
                                 });
                             }),
                      {QStringLiteral("application/zip")});
        expectRefused(edited(QStringLiteral("huge-string.json"),
                             [](QJsonObject& bundle) {
                                 bundle.insert(QStringLiteral("language"),
                                               QString(2 << 20, QLatin1Char('x')));
                             }),
                      {QStringLiteral("language"), QStringLiteral("string")});
        expectRefused(edited(QStringLiteral("wrong-type.json"),
                             [](QJsonObject& bundle) {
                                 bundle.insert(QStringLiteral("resourceType"), QStringLiteral("Claim"));
                             }),
                      {QStringLiteral("resourceType"), QStringLiteral("Bundle")});
        expectRefused(edited(QStringLiteral("transaction.json"),
                             [](QJsonObject& bundle) {
                                 bundle.insert(QStringLiteral("type"), QStringLiteral("transaction"));
                             }),
                      {QStringLiteral("Bundle.type"), QStringLiteral("collection")});

        QByteArray deep = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"x\":";
        deep += QByteArray(200, '[') + QByteArray(200, ']') + '}';
        const QString deepPath = m_dir.filePath(QStringLiteral("deep.json"));
        QVERIFY(test::writeFile(deepPath, deep));
        expectRefused(deepPath, {QStringLiteral("nested")});

        QByteArray duplicate = readBytes(kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"));
        duplicate.replace("\"use\": \"preauthorization\"",
                          "\"use\": \"preauthorization\", \"use\": \"claim\"");
        QVERIFY(duplicate.contains("\"use\": \"claim\""));
        const QString duplicatePath = m_dir.filePath(QStringLiteral("duplicate-key.json"));
        QVERIFY(test::writeFile(duplicatePath, duplicate));
        expectRefused(duplicatePath, {QStringLiteral("use"), QStringLiteral("twice")});

        const QString notJson = m_dir.filePath(QStringLiteral("not-json.json"));
        QVERIFY(test::writeFile(notJson, "{\"resourceType\": \"Bundle\", "));
        expectRefused(notJson, {QStringLiteral("JSON")});

        expectRefused(
            edited(QStringLiteral("quantity-3.json"),
                   [](QJsonObject& bundle) {
                       QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
                       QJsonObject entry = entries.at(0).toObject();
                       QJsonObject claim = entry.value(QStringLiteral("resource")).toObject();
                       QJsonArray items = claim.value(QStringLiteral("item")).toArray();
                       QJsonObject item = items.at(1).toObject();
                       item.insert(QStringLiteral("quantity"), QJsonObject{{QStringLiteral("value"), 3}});
                       items.replace(1, item);
                       claim.insert(QStringLiteral("item"), items);
                       entry.insert(QStringLiteral("resource"), claim);
                       entries.replace(0, entry);
                       bundle.insert(QStringLiteral("entry"), entries);
                   }),
            {QStringLiteral("item[1].quantity.value")});
    }

    void largeDocumentStoredOnce()
    {
        // A large document is kept as its PDF attachment only; the request file is put back together
        // byte for byte from the case. With whitespace in its base64 the file is kept as it came.
        const QByteArray pdf = test::pdfWithFiller(QByteArray(300 << 10, 'x'));
        for (const bool wrapped : {false, true}) {
            const QString name = wrapped ? QStringLiteral("large-wrapped") : QStringLiteral("large");
            const QString bundle = edited(name + QStringLiteral(".json"), [&](QJsonObject& json) {
                QJsonArray entries = json.value(QStringLiteral("entry")).toArray();
                QJsonObject entry = entries.at(9).toObject();
                QJsonObject document = entry.value(QStringLiteral("resource")).toObject();
                QByteArray data = pdf.toBase64();
                if (wrapped)
                    for (qsizetype i = 76; i < data.size(); i += 77)
                        data.insert(i, '\n');
                document.insert(
                    QStringLiteral("content"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("attachment"),
                         QJsonObject{{QStringLiteral("contentType"), QStringLiteral("application/pdf")},
                                     {QStringLiteral("title"), QStringLiteral("large.pdf")},
                                     {QStringLiteral("data"), QString::fromLatin1(data)}}}}});
                entry.insert(QStringLiteral("resource"), document);
                entries.replace(9, entry);
                json.insert(QStringLiteral("entry"), entries);
            });
            const QString caseFile = m_dir.filePath(name + QStringLiteral(".rdcase"));
            const test::CliRun run = importFhir(bundle, caseFile);
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QString error;
            const auto file = CaseFile::open(caseFile, CaseFile::OpenMode::ReadOnly, &error);
            QVERIFY2(file, qPrintable(error));
            const auto attachment = file->attachment(QStringLiteral("large.pdf"));
            QVERIFY(attachment);
            QCOMPARE(attachment->sha256, QCryptographicHash::hash(pdf, QCryptographicHash::Sha256));
            const auto origin = file->fhirOrigin(&error);
            QVERIFY(origin);
            if (wrapped)
                QCOMPARE(origin->bundle, readBytes(bundle));
            else
                QVERIFY(origin->bundle.size() < 100000);
            const auto original = FhirCaseImport::originalBundle(*file, &error);
            QVERIFY2(original, qPrintable(error));
            QCOMPARE(*original, readBytes(bundle));
            QCOMPARE(cli({QStringLiteral("verify"), caseFile}).exitCode, 0);
        }
    }

    void largeStringOfAnEchoedResourceIsKept()
    {
        // A large base64 string is cut out before parsing; a resource the response echoes gets it back.
        const QString photo = QString::fromLatin1(QByteArray(150 << 10, 'p').toBase64());
        const QString bundle = edited(QStringLiteral("patient-photo.json"), [&](QJsonObject& json) {
            QJsonArray entries = json.value(QStringLiteral("entry")).toArray();
            QJsonObject entry = entries.at(4).toObject();
            QJsonObject patient = entry.value(QStringLiteral("resource")).toObject();
            patient.insert(QStringLiteral("photo"), QJsonArray{QJsonObject{{QStringLiteral("contentType"),
                                                                            QStringLiteral("image/png")},
                                                                           {QStringLiteral("data"), photo}}});
            entry.insert(QStringLiteral("resource"), patient);
            entries.replace(4, entry);
            json.insert(QStringLiteral("entry"), entries);
        });
        const QString caseFile = caseFileFor(bundle);
        const test::CliRun run = importFhir(bundle, caseFile);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QString error;
        const auto file = CaseFile::open(caseFile, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const auto origin = file->fhirOrigin(&error);
        QVERIFY(origin);
        const QJsonObject patient = origin->origin.value(QStringLiteral("patient"))
                                        .toObject()
                                        .value(QStringLiteral("resource"))
                                        .toObject();
        QCOMPARE(patient.value(QStringLiteral("photo"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("data"))
                     .toString(),
                 photo);
    }

    // Attacks on the origin with sqlite3, as someone with the file but no signing key would make them.
    // The triggers that refuse UPDATE and DELETE are dropped and put back exactly, so that the schema
    // check passes and only the signed fhir.import audit entry can catch the change.
    void tamperedOriginFailsVerify_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("origin edited")
            << "UPDATE fhir_origin SET origin = replace(origin, 'A12345', 'B12345')"
            << "altered";
        QTest::newRow("request bytes edited")
            << "UPDATE fhir_origin SET bundle = CAST(replace(CAST(bundle AS TEXT), '96004', '96002') AS BLOB)"
            << "altered";
        QTest::newRow("warnings removed") << "UPDATE fhir_origin SET warnings = '[]'"
                                          << "altered";
        QTest::newRow("import time moved")
            << "UPDATE fhir_origin SET imported_at = '2026-01-01T00:00:00.000Z'"
            << "altered";
        QTest::newRow("origin deleted") << "DELETE FROM fhir_origin"
                                        << "was deleted";
    }

    void tamperedOriginFailsVerify()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        const QString caseFile =
            m_dir.filePath(QStringLiteral("tampered-%1.rdcase").arg(QLatin1String(QTest::currentDataTag())));
        QFile::remove(caseFile);
        QCOMPARE(
            importFhir(kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"), caseFile).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("verify"), caseFile}).exitCode, 0);
        // The triggers hold against a plain edit.
        QVERIFY(!runSql(caseFile, "UPDATE fhir_origin SET warnings = '[]'"));
        QVERIFY(!runSql(caseFile, "DELETE FROM fhir_origin"));
        QCOMPARE(cli({QStringLiteral("verify"), caseFile}).exitCode, 0);
        const QByteArray attack =
            "DROP TRIGGER fhir_origin_no_update; DROP TRIGGER fhir_origin_no_delete; " + sql.toUtf8() +
            "; CREATE TRIGGER fhir_origin_no_update BEFORE UPDATE ON fhir_origin BEGIN SELECT RAISE(ABORT, "
            "'the FHIR origin is written once'); END; CREATE TRIGGER fhir_origin_no_delete BEFORE DELETE ON "
            "fhir_origin BEGIN SELECT RAISE(ABORT, 'the FHIR origin is written once'); END;";
        QVERIFY(runSql(caseFile, attack.constData()));
        const test::CliRun run = cli({QStringLiteral("verify"), caseFile});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("FAILED  FHIR origin")) && run.out.contains(expected),
                 qPrintable(run.out));
        QVERIFY2(!run.out.contains(QStringLiteral("FAILED  schema")), qPrintable(run.out));
    }

    // Version 3 files (before fhir_origin) are read and written as they are and stay version 3; a
    // version 4 file passed off as version 3 to shed its origin fails verify.
    void version3Files()
    {
        // A version 3 file as the release before made it: the same tables without fhir_origin.
        const QString plain = m_dir.filePath(QStringLiteral("v3.rdcase"));
        QCOMPARE(cli({QStringLiteral("new"), plain, QStringLiteral("--from"),
                      QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json")})
                     .exitCode,
                 0);
        QVERIFY(runSql(plain, "DROP TABLE fhir_origin; PRAGMA user_version=3; VACUUM;"));
        test::CliRun run = cli({QStringLiteral("verify"), plain});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("as version 3 declares them")),
                 qPrintable(run.out + run.err));
        run = cli({QStringLiteral("answer"), plain, QStringLiteral("--id"), QStringLiteral("cosmetic"),
                   QStringLiteral("--value"), QStringLiteral("no")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(cli({QStringLiteral("verify"), plain}).exitCode == 0, qPrintable(run.out));
        QCOMPARE(userVersion(plain), 3);
        // export-fhir of it: a case not from FHIR (every line still pended: a response can be written).
        const QString response = m_dir.filePath(QStringLiteral("v3.response.json"));
        run = cli({QStringLiteral("export-fhir"), plain, QStringLiteral("-o"), response});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("request not from FHIR")),
                 qPrintable(run.err));
        QVERIFY(QFileInfo::exists(response));

        // A fhir_origin planted in a version 3 file is not part of that version.
        const QString planted = m_dir.filePath(QStringLiteral("v3-planted.rdcase"));
        QCOMPARE(cli({QStringLiteral("new"), planted, QStringLiteral("--from"),
                      QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json")})
                     .exitCode,
                 0);
        QVERIFY(runSql(planted, "PRAGMA user_version=3"));
        run = cli({QStringLiteral("verify"), planted});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("table fhir_origin is not part of version 3: it was added")),
                 qPrintable(run.out));

        // An imported case relabelled version 3 with its origin dropped: the signed import entry remains.
        const QString shed = m_dir.filePath(QStringLiteral("v3-shed.rdcase"));
        QCOMPARE(importFhir(kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"), shed).exitCode,
                 0);
        QVERIFY(runSql(shed, "DROP TABLE fhir_origin; PRAGMA user_version=3;"));
        run = cli({QStringLiteral("verify"), shed});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("FHIR origin: is in the audit trail but was deleted")),
                 qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestFhirImport)
#include "tst_fhir_import.moc"
