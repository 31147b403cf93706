// reviewdesk-cli export-fhir: a round trip per public PAS fixture (import-fhir, answer, sign, export)
// checked against the rules of the contract's section 4, and, when the test setup installed the npm
// checkers (REVIEWDESK_FHIR_NODE_MODULES), against the R4 JSON Schema and every error-level FHIRPath
// constraint of the PAS 2.2.1 response profiles (tests/cli/fhir_conformance.js). Real binaries, a real
// user directory (REVIEWDESK_HOME in a temporary folder).
#include "TestSupport.h"
#include "TrustFixture.h"
#include "model/casefile/CaseFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {

const QString kFixtures = QStringLiteral(REVIEWDESK_TEST_DATA "/fhir/fixtures");
const QString kPassword = QStringLiteral("correct horse battery");
const QString kNursePassword = QStringLiteral("nurse password 1");
const QString kPas = QStringLiteral("http://hl7.org/fhir/us/davinci-pas/StructureDefinition/");

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

QJsonArray extensionsWith(const QJsonObject& element, const QString& url)
{
    QJsonArray result;
    for (const QJsonValue& extension : element.value(QStringLiteral("extension")).toArray())
        if (extension.toObject().value(QStringLiteral("url")).toString() == url)
            result.append(extension);
    return result;
}

QString reviewActionCode(const QJsonObject& item)
{
    const QJsonObject adjudication = item.value(QStringLiteral("adjudication")).toArray().at(0).toObject();
    const QJsonObject action =
        extensionsWith(adjudication, kPas + QStringLiteral("extension-reviewAction")).at(0).toObject();
    const QJsonObject code =
        extensionsWith(action, kPas + QStringLiteral("extension-reviewActionCode")).at(0).toObject();
    const QJsonObject coding = code.value(QStringLiteral("valueCodeableConcept"))
                                   .toObject()
                                   .value(QStringLiteral("coding"))
                                   .toArray()
                                   .at(0)
                                   .toObject();
    if (coding.value(QStringLiteral("system")).toString() !=
        QLatin1String("https://codesystem.x12.org/005010/306"))
        return QStringLiteral("wrong system");
    return coding.value(QStringLiteral("code")).toString();
}

QJsonObject withoutForm(QJsonObject bundle)
{
    QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
    QJsonObject entry = entries.at(0).toObject();
    QJsonObject response = entry.value(QStringLiteral("resource")).toObject();
    response.remove(QStringLiteral("form"));
    entry.insert(QStringLiteral("resource"), response);
    entries.replace(0, entry);
    bundle.insert(QStringLiteral("entry"), entries);
    return bundle;
}

} // namespace

class TestFhirExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    test::TrustFixture m_trust;

    // The CLI in the test organization; the commands that write act as nurse.kim unless they name
    // another person (sign: dr.whitfield).
    test::CliRun cli(const QStringList& args, const QString& input = {})
    {
        QStringList all = args;
        QString stdinText = input;
        const bool writes =
            QStringList{QStringLiteral("import-fhir"), QStringLiteral("new"), QStringLiteral("answer")}
                .contains(args.value(0)) &&
            !args.contains(QStringLiteral("--user"));
        if (writes) {
            all << QStringLiteral("--user") << QStringLiteral("nurse.kim")
                << QStringLiteral("--password-stdin");
            stdinText = kNursePassword + QLatin1Char('\n');
        }
        QProcessEnvironment environment = m_trust.environment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        return test::runCli(all, stdinText, environment);
    }

    // Every judgment the approved sample case answers, without evidence; then the changes.
    bool answerAll(const QString& caseFile, const QMap<QString, QString>& changes = {})
    {
        const QJsonObject answers = readJson(QStringLiteral(REVIEWDESK_TEST_DATA "/signoff-approved.json"))
                                        .value(QStringLiteral("answers"))
                                        .toObject();
        for (auto it = answers.constBegin(); it != answers.constEnd(); ++it) {
            QStringList args{
                QStringLiteral("answer"),
                caseFile,
                QStringLiteral("--id"),
                it.key(),
                QStringLiteral("--value"),
                changes.value(it.key(), it.value().toObject().value(QStringLiteral("value")).toString())};
            for (const QJsonValue& type : it.value().toObject().value(QStringLiteral("types")).toArray())
                args << QStringLiteral("--type") << type.toString();
            const test::CliRun run = cli(args);
            if (run.exitCode != 0) {
                qWarning("%s", qPrintable(run.err));
                return false;
            }
        }
        return true;
    }

    // Signs when the case can be signed; a case whose every line is pended is answered unsigned.
    QJsonObject decide(const QString& caseFile)
    {
        const QJsonObject decision =
            QJsonDocument::fromJson(
                cli({QStringLiteral("evaluate"), caseFile, QStringLiteral("--json")}).out.toUtf8())
                .object();
        if (decision.value(QStringLiteral("overall")).toString() != QLatin1String("pended")) {
            const test::CliRun run = cli(
                {QStringLiteral("sign"), caseFile, QStringLiteral("--user"), QStringLiteral("dr.whitfield"),
                 QStringLiteral("--password-stdin"), QStringLiteral("--rationale"),
                 QStringLiteral("The records do not support the service for this member.")},
                kPassword + QLatin1Char('\n'));
            if (run.exitCode != 0)
                qWarning("%s", qPrintable(run.err));
        }
        return decision;
    }

    // The written-out rules of section 4 against the decision and the request's origin.
    void checkResponse(const QString& responseFile, const QString& caseFile, const QJsonObject& decision,
                       bool letter)
    {
        QCOMPARE(QFileInfo(responseFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        const QJsonObject bundle = readJson(responseFile);
        QCOMPARE(bundle.value(QStringLiteral("resourceType")).toString(), QStringLiteral("Bundle"));
        QCOMPARE(bundle.value(QStringLiteral("type")).toString(), QStringLiteral("collection"));
        const QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
        const QJsonObject response = entries.at(0).toObject().value(QStringLiteral("resource")).toObject();
        QCOMPARE(response.value(QStringLiteral("resourceType")).toString(), QStringLiteral("ClaimResponse"));
        QCOMPARE(response.value(QStringLiteral("outcome")).toString(), QStringLiteral("complete"));
        QStringList fullUrls;
        for (const QJsonValue& entry : entries)
            fullUrls.append(entry.toObject().value(QStringLiteral("fullUrl")).toString());
        QCOMPARE(fullUrls.removeDuplicates(), 0);
        for (const char* key : {"patient", "insurer", "requestor"}) {
            const QString reference =
                response.value(QLatin1String(key)).toObject().value(QStringLiteral("reference")).toString();
            if (qstrcmp(key, "requestor") != 0 || !reference.isEmpty())
                QVERIFY2(fullUrls.contains(reference), key);
        }

        QString error;
        const auto file = CaseFile::open(caseFile, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const auto origin = file->fhirOrigin(&error);
        const QJsonArray lines = decision.value(QStringLiteral("lines")).toArray();
        const QJsonArray items = response.value(QStringLiteral("item")).toArray();
        QCOMPARE(items.size(), lines.size());
        const int notes = int(response.value(QStringLiteral("processNote")).toArray().size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonObject item = items.at(i).toObject();
            const QString outcome = lines.at(i).toObject().value(QStringLiteral("decision")).toString();
            const QString code = outcome == QLatin1String("approve") ? QStringLiteral("A1")
                                 : outcome == QLatin1String("deny")  ? QStringLiteral("A3")
                                                                     : QStringLiteral("A4");
            QCOMPARE(reviewActionCode(item), code);
            for (const QJsonValue& number : item.value(QStringLiteral("noteNumber")).toArray())
                QVERIFY(number.toInt() >= 1 && number.toInt() <= notes);
            if (outcome != QLatin1String("approve"))
                QVERIFY(!item.value(QStringLiteral("noteNumber")).toArray().isEmpty());
            if (origin) {
                const QJsonObject requested =
                    origin->origin.value(QStringLiteral("items")).toArray().at(i).toObject();
                QCOMPARE(item.value(QStringLiteral("itemSequence")).toInt(),
                         requested.value(QStringLiteral("sequence")).toInt());
                QJsonArray traces;
                for (const QJsonValue& trace :
                     extensionsWith(item, kPas + QStringLiteral("extension-itemTraceNumber")))
                    traces.append(trace.toObject().value(QStringLiteral("valueIdentifier")));
                QCOMPARE(traces, requested.value(QStringLiteral("itemTraceNumber")).toArray());
            }
        }
        if (origin) {
            QCOMPARE(bundle.value(QStringLiteral("identifier")),
                     origin->origin.value(QStringLiteral("bundleIdentifier")));
            QCOMPARE(response.value(QStringLiteral("request")).toObject().value(QStringLiteral("reference")),
                     origin->origin.value(QStringLiteral("claimFullUrl")));
            QCOMPARE(
                entries.at(1).toObject().value(QStringLiteral("fullUrl")),
                origin->origin.value(QStringLiteral("patient")).toObject().value(QStringLiteral("fullUrl")));
        }
        const QJsonObject form = response.value(QStringLiteral("form")).toObject();
        QCOMPARE(!form.isEmpty(), letter);
        if (letter)
            QVERIFY(QByteArray::fromBase64(form.value(QStringLiteral("data")).toString().toLatin1())
                        .startsWith("%PDF-"));
        QCOMPARE(
            !extensionsWith(response, kPas + QStringLiteral("extension-claimResponseReviewer")).isEmpty(),
            file->isSigned());
        conformance(responseFile, origin ? origin->origin : QJsonObject());
    }

    // tests/cli/fhir_conformance.js, when the test setup installed its npm packages.
    void conformance(const QString& responseFile, const QJsonObject& origin)
    {
        const QString modules = qEnvironmentVariable("REVIEWDESK_FHIR_NODE_MODULES");
        if (modules.isEmpty())
            return;
        const QString originFile = responseFile + QStringLiteral(".origin.json");
        QVERIFY(test::writeFile(originFile, QJsonDocument(origin).toJson()));
        QProcess node;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("NODE_PATH"), modules);
        node.setProcessEnvironment(environment);
        QStringList args{QStringLiteral(REVIEWDESK_SOURCE_DIR "/tests/cli/fhir_conformance.js"), responseFile,
                         QStringLiteral(REVIEWDESK_TEST_DATA "/fhir/davinci-pas-2.2.1")};
        if (!origin.isEmpty())
            args.append(originFile);
        node.start(QStringLiteral("node"), args);
        QVERIFY(node.waitForFinished(120000));
        const QString output = QString::fromUtf8(node.readAllStandardOutput() + node.readAllStandardError());
        QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0, qPrintable(output));
        QVERIFY(output.contains(QStringLiteral("0 problems")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_trust.setUp(m_dir.filePath(QStringLiteral("org")),
                               {{QStringLiteral("nurse.kim"), QStringLiteral("Kim Alvarez"),
                                 QStringLiteral("RN"), UserRole::Reviewer, kNursePassword},
                                {QStringLiteral("dr.whitfield"), QStringLiteral("Dana Whitfield"),
                                 QStringLiteral("MD"), UserRole::MedicalDirector, kPassword}},
                               &error),
                 qPrintable(error));
    }

    void conformanceCheckerFindsDefects()
    {
        // The checker itself: the contract's worked example passes, a broken copy of it does not.
        if (qEnvironmentVariableIsEmpty("REVIEWDESK_FHIR_NODE_MODULES"))
            QSKIP("the npm checkers are not installed (REVIEWDESK_FHIR_NODE_MODULES)");
        const QString example =
            kFixtures + QStringLiteral("/expected/ig221-referral-96000-96004.response.json");
        conformance(example, {});
        QJsonObject bundle = readJson(example);
        QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
        QJsonObject entry = entries.at(0).toObject();
        QJsonObject response = entry.value(QStringLiteral("resource")).toObject();
        response.insert(QStringLiteral("outcome"), QStringLiteral("queued"));
        entry.insert(QStringLiteral("resource"), response);
        entries.replace(0, entry);
        entries.append(entries.at(1));
        bundle.insert(QStringLiteral("entry"), entries);
        const QString broken = m_dir.filePath(QStringLiteral("broken-response.json"));
        QVERIFY(test::writeFile(broken, QJsonDocument(bundle).toJson()));
        QProcess node;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("NODE_PATH"), qEnvironmentVariable("REVIEWDESK_FHIR_NODE_MODULES"));
        node.setProcessEnvironment(environment);
        node.start(QStringLiteral("node"),
                   {QStringLiteral(REVIEWDESK_SOURCE_DIR "/tests/cli/fhir_conformance.js"), broken,
                    QStringLiteral(REVIEWDESK_TEST_DATA "/fhir/davinci-pas-2.2.1")});
        QVERIFY(node.waitForFinished(120000));
        const QString output = QString::fromUtf8(node.readAllStandardOutput());
        QCOMPARE(node.exitCode(), 1);
        QVERIFY2(output.contains(QStringLiteral("bdl-7")) && output.contains(QStringLiteral("outcome")),
                 qPrintable(output));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<bool>("answered"); // false: nothing answered, every line pended
        QTest::addColumn<bool>("letter");
        for (const char* name :
             {"ig221-referral-96000-96004.json", "ig221-surgical-96001-institutional.json",
              "converted/C01-binary-png-scan.json", "converted/C02-text-plain-document.json"})
            QTest::newRow(name) << kFixtures + QLatin1Char('/') + QLatin1String(name) << true << true;
        // Its member id "MEM-1234567" is refused by the letter checker as an unexplained abbreviation, so
        // no letter can be signed: answered as a pended request, whose response goes without the letter.
        QTest::newRow("inferno-v221-mustsupport-96000-96002.json")
            << kFixtures + QStringLiteral("/inferno-v221-mustsupport-96000-96002.json") << false << false;
        QTest::newRow("ig221-referral pended")
            << kFixtures + QStringLiteral("/ig221-referral-96000-96004.json") << false << true;
    }

    void roundTrip()
    {
        QFETCH(QString, fixture);
        QFETCH(bool, answered);
        QFETCH(bool, letter);
        const QString caseFile =
            m_dir.filePath(QFileInfo(fixture).completeBaseName() +
                           (answered ? QStringLiteral(".rdcase") : QStringLiteral("-pended.rdcase")));
        const test::CliRun imported =
            cli({QStringLiteral("import-fhir"), fixture, QStringLiteral("-o"), caseFile});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        if (answered)
            QVERIFY(answerAll(caseFile));
        const QJsonObject decision = decide(caseFile);
        const QString responseFile = caseFile + QStringLiteral(".response.json");
        const test::CliRun exported =
            cli({QStringLiteral("export-fhir"), caseFile, QStringLiteral("-o"), responseFile});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        checkResponse(responseFile, caseFile, decision, letter);
        if (!answered)
            QCOMPARE(decision.value(QStringLiteral("overall")).toString(), QStringLiteral("pended"));
        // The same determination exported twice gives the same Bundle (the letter PDF aside, which
        // records when it was written).
        const QString again = caseFile + QStringLiteral(".again.json");
        QCOMPARE(cli({QStringLiteral("export-fhir"), caseFile, QStringLiteral("-o"), again}).exitCode, 0);
        if (decision.value(QStringLiteral("overall")).toString() != QLatin1String("pended"))
            QCOMPARE(withoutForm(readJson(again)), withoutForm(readJson(responseFile)));
    }

    void denialHasReasonsAndNoAuthorization()
    {
        const QString caseFile = m_dir.filePath(QStringLiteral("denied.rdcase"));
        QCOMPARE(cli({QStringLiteral("import-fhir"),
                      kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"), QStringLiteral("-o"),
                      caseFile})
                     .exitCode,
                 0);
        QVERIFY(answerAll(caseFile, {{QStringLiteral("cosmetic"), QStringLiteral("yes")}}));
        const QJsonObject decision = decide(caseFile);
        QCOMPARE(decision.value(QStringLiteral("overall")).toString(), QStringLiteral("denied"));
        const QString responseFile = m_dir.filePath(QStringLiteral("denied.response.json"));
        const test::CliRun run = cli({QStringLiteral("export-fhir"), caseFile, QStringLiteral("-o"),
                                      responseFile, QStringLiteral("--no-letter")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        checkResponse(responseFile, caseFile, decision, false);
        const QJsonObject response = readJson(responseFile)
                                         .value(QStringLiteral("entry"))
                                         .toArray()
                                         .at(0)
                                         .toObject()
                                         .value(QStringLiteral("resource"))
                                         .toObject();
        QVERIFY(!response.contains(QStringLiteral("preAuthRef")));
        QVERIFY(!response.value(QStringLiteral("processNote")).toArray().isEmpty());
        QVERIFY(!response.value(QStringLiteral("processNote"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString()
                     .isEmpty());
    }

    void unsignedDecidedCaseIsRefused()
    {
        const QString caseFile = m_dir.filePath(QStringLiteral("unsigned.rdcase"));
        QCOMPARE(cli({QStringLiteral("import-fhir"),
                      kFixtures + QStringLiteral("/ig221-surgical-96001-institutional.json"),
                      QStringLiteral("-o"), caseFile})
                     .exitCode,
                 0);
        QVERIFY(answerAll(caseFile, {{QStringLiteral("cosmetic"), QStringLiteral("yes")}}));
        const QString responseFile = m_dir.filePath(QStringLiteral("unsigned.response.json"));
        const test::CliRun run =
            cli({QStringLiteral("export-fhir"), caseFile, QStringLiteral("-o"), responseFile});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("not signed")));
        QVERIFY(!QFileInfo::exists(responseFile));
    }

    void caseNotFromFhirExports()
    {
        QJsonObject sample = readJson(QStringLiteral(REVIEWDESK_TEST_DATA "/signoff-approved.json"));
        QJsonObject answers = sample.value(QStringLiteral("answers")).toObject();
        for (auto it = answers.begin(); it != answers.end(); ++it) {
            QJsonObject answer = it.value().toObject();
            answer.remove(QStringLiteral("evidence"));
            it.value() = answer;
        }
        sample.insert(QStringLiteral("answers"), answers);
        const QString json = m_dir.filePath(QStringLiteral("plain-case.json"));
        QVERIFY(test::writeFile(json, QJsonDocument(sample).toJson()));
        const QString caseFile = m_dir.filePath(QStringLiteral("plain.rdcase"));
        QCOMPARE(cli({QStringLiteral("new"), caseFile, QStringLiteral("--from"), json}).exitCode, 0);
        const QJsonObject decision = decide(caseFile);
        const QString responseFile = m_dir.filePath(QStringLiteral("plain.response.json"));
        const test::CliRun run =
            cli({QStringLiteral("export-fhir"), caseFile, QStringLiteral("-o"), responseFile});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        checkResponse(responseFile, caseFile, decision, true);
        const QJsonObject bundle = readJson(responseFile);
        QCOMPARE(
            bundle.value(QStringLiteral("identifier")).toObject().value(QStringLiteral("system")).toString(),
            QStringLiteral("urn:ietf:rfc:3986"));
        const QJsonObject request = bundle.value(QStringLiteral("entry"))
                                        .toArray()
                                        .at(0)
                                        .toObject()
                                        .value(QStringLiteral("resource"))
                                        .toObject()
                                        .value(QStringLiteral("request"))
                                        .toObject();
        QVERIFY(!request.contains(QStringLiteral("reference")));
        QVERIFY(request.contains(QStringLiteral("extension")));
    }
};

QTEST_GUILESS_MAIN(TestFhirExport)
#include "tst_fhir_export.moc"
