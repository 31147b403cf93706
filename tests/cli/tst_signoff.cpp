// Sign-off and letters as a user meets them: the real reviewdesk-cli on real case files, a
// real user directory (REVIEWDESK_HOME in a temporary folder, fast Argon2id for tests only), real
// PDFs read back with pdftotext and rendered with pdftoppm, and tampering done with sqlite3 directly.
#include "SqlTamper.h"
#include "TestCases.h"
#include "TestSupport.h"
#include "checklist/PolicyLoader.h"
#include "model/casefile/CaseFile.h"
#include "model/letters/Letter.h"
#include "model/letters/LetterChecker.h"
#include "model/letters/LetterTemplate.h"
#include "model/signoff/Signoff.h"
#include "model/signoff/UserDirectory.h"
#include "model/trust/SigningKey.h"
#include "model/trust/TrustStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace rd;

namespace {

using Run = test::CliRun;
using test::sha256Hex;
using test::sqlite;
using test::writePdf;

const QString kDoctorPassword = QStringLiteral("correct horse battery");
const QString kNursePassword = QStringLiteral("nurse password 1");
const QString kRationale =
    QStringLiteral("The notes do not show that the muscle activity recording would be read "
                   "on its own or would change the injection plan for Jordan.");

const QString kRationaleEs =
    QStringLiteral("Las notas no muestran que el registro de la actividad muscular se leería "
                   "por separado ni que cambiaría el plan de inyecciones de Jordan.");

// pdftotext's reading order, folded so that line breaks, hyphenation and ligatures do not matter.
QString folded(const QString& text)
{
    QString result = text.normalized(QString::NormalizationForm_KC);
    result.remove(QRegularExpression(QStringLiteral("[\\s\\-\\x{00ad}]")));
    return result;
}

} // namespace

class TestSignoff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_home;
    QString m_notePdf;
    QString m_therapyPdf;
    Policy m_policy;

    // Commands that write to a case act as a person: nurse.kim unless the test names another, the
    // password on standard input.
    Run cli(const QStringList& args, const QString& input = {})
    {
        QStringList all = args;
        QString stdinText = input;
        const bool writes =
            QStringList{QStringLiteral("new"), QStringLiteral("attach"), QStringLiteral("answer")}.contains(
                args.value(0)) ||
            args.contains(QStringLiteral("--record"));
        if (writes && !args.contains(QStringLiteral("--help")) &&
            !args.contains(QStringLiteral("--password-stdin"))) {
            if (!all.contains(QStringLiteral("--user")))
                all << QStringLiteral("--user") << QStringLiteral("nurse.kim");
            const QString login = all.value(all.indexOf(QStringLiteral("--user")) + 1);
            all << QStringLiteral("--password-stdin");
            stdinText = (login == QLatin1String("dr.whitfield") ? kDoctorPassword : kNursePassword) +
                        QLatin1Char('\n');
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("REVIEWDESK_HOME"), m_home);
        environment.insert(QStringLiteral("REVIEWDESK_CONFIG_DIR"), m_dir.filePath(QStringLiteral("etc")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        return test::runCli(all, stdinText, environment);
    }

    // A case from one of tests/data/signoff-*.json, with two real PDFs attached.
    QString newCase(const QString& kind, const QString& name)
    {
        const QString path = m_dir.filePath(name);
        const Run run =
            cli({QStringLiteral("new"), path, QStringLiteral("--from"),
                 QStringLiteral(REVIEWDESK_TEST_DATA "/signoff-%1.json").arg(kind),
                 QStringLiteral("--attach"), m_notePdf, QStringLiteral("--attach"), m_therapyPdf});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return run.exitCode == 0 ? path : QString();
    }

    Run sign(const QString& path, const QString& login, const QString& password,
             const QStringList& extra = {})
    {
        return cli(QStringList{QStringLiteral("sign"), path, QStringLiteral("--user"), login,
                               QStringLiteral("--password-stdin")} +
                       extra,
                   password + QLatin1Char('\n'));
    }

    QString signedCase(const QString& kind, const QString& name)
    {
        const QString path = newCase(kind, name);
        const bool reviewer = kind == QLatin1String("approved");
        const Run run = reviewer ? sign(path, QStringLiteral("nurse.kim"), kNursePassword)
                                 : sign(path, QStringLiteral("dr.whitfield"), kDoctorPassword,
                                        {QStringLiteral("--rationale"), kRationale,
                                         QStringLiteral("--rationale-es"), kRationaleEs});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return run.exitCode == 0 ? path : QString();
    }

    QString letterText(const QString& path, const QString& language, const QString& pdfName)
    {
        const QString pdf = m_dir.filePath(pdfName);
        const Run run = cli(
            {QStringLiteral("letter"), path, QStringLiteral("-o"), pdf, QStringLiteral("--lang"), language});
        if (run.exitCode != 0) {
            qWarning("%s", qPrintable(run.err));
            return {};
        }
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")});
        text.waitForFinished(60000);
        return QString::fromUtf8(text.readAllStandardOutput());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_home = m_dir.filePath(QStringLiteral("home"));
        m_notePdf = m_dir.filePath(QStringLiteral("clinic-note.pdf"));
        m_therapyPdf = m_dir.filePath(QStringLiteral("pt-notes.pdf"));
        writePdf(m_notePdf,
                 {QStringLiteral("Clinic note, page 1"), QStringLiteral("Gait: crouch gait, toe walking")});
        writePdf(m_therapyPdf, {QStringLiteral("Physical therapy, 12 sessions")});
        Result<Policy> policy = PolicyLoader::loadBuiltIn();
        QVERIFY2(policy.ok(), qPrintable(policy ? QString() : policy.error().toString()));
        m_policy = policy.value();

        Run run = cli(
            {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("dr.whitfield"),
             QStringLiteral("--name"), QStringLiteral("Dana Whitfield"), QStringLiteral("--credentials"),
             QStringLiteral("MD, FAAPMR"), QStringLiteral("--npi"), QStringLiteral("1999999984"),
             QStringLiteral("--phone"), QStringLiteral("1-800-555-0190"), QStringLiteral("--password-stdin"),
             QStringLiteral("--request-out"), m_dir.filePath(QStringLiteral("dr.whitfield.request"))},
            kDoctorPassword + QLatin1Char('\n'));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("nurse.kim"),
                   QStringLiteral("--name"), QStringLiteral("Kim Alvarez"), QStringLiteral("--credentials"),
                   QStringLiteral("RN"), QStringLiteral("--phone"), QStringLiteral("1-800-555-0191"),
                   QStringLiteral("--password-stdin"), QStringLiteral("--request-out"),
                   m_dir.filePath(QStringLiteral("nurse.kim.request"))},
                  kNursePassword + QLatin1Char('\n'));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // The administrator's workflow: a key of their own, the roster, the requests taken in.
        const QString adminPassword = QStringLiteral("admin password 1\n");
        run = cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("it.admin"),
                   QStringLiteral("--name"), QStringLiteral("Ida Admin"), QStringLiteral("--password-stdin")},
                  adminPassword);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString roster = m_dir.filePath(QStringLiteral("etc/roster.json"));
        qputenv("REVIEWDESK_CONFIG_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("etc"))));
        QDir().mkpath(m_dir.filePath(QStringLiteral("etc")));
        run = cli({QStringLiteral("roster"), QStringLiteral("init"), roster, QStringLiteral("--admin"),
                   QStringLiteral("it.admin"), QStringLiteral("--password-stdin"),
                   QStringLiteral("--trust-file"), m_dir.filePath(QStringLiteral("etc/trust.json"))},
                  adminPassword);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const auto& [login, role] :
             {std::pair{QStringLiteral("dr.whitfield"), QStringLiteral("medical-director")},
              std::pair{QStringLiteral("nurse.kim"), QStringLiteral("reviewer")}}) {
            run = cli({QStringLiteral("roster"), QStringLiteral("add"), roster, QStringLiteral("--request"),
                       m_dir.filePath(login + QStringLiteral(".request")), QStringLiteral("--role"), role,
                       QStringLiteral("--admin"), QStringLiteral("it.admin"),
                       QStringLiteral("--password-stdin")},
                      adminPassword);
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
    }

    void userDirectoryIsPrivateAndListed()
    {
        const Run list = cli({QStringLiteral("user"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains(
            QStringLiteral("dr.whitfield\tDana Whitfield, MD, FAAPMR\t1999999984\t1-800-555-0190")));
        QVERIFY(list.out.contains(QStringLiteral("nurse.kim\tKim Alvarez, RN\t")));
        const QFileInfo file(QDir(m_home).filePath(QStringLiteral("users.json")));
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(file.permissions() & others, QFileDevice::Permissions()); // 0600
        QVERIFY(file.permissions().testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QCOMPARE(QFileInfo(m_home).permissions() & others, QFileDevice::Permissions()); // 0700
        QFile json(file.filePath());
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(!json.readAll().contains(kDoctorPassword.toUtf8())); // the password is never stored

        // Refusals: a login twice, a role (the roster gives roles), a short password.
        Run run = cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("nurse.kim"),
                       QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--password-stdin")},
                      QStringLiteral("long enough password\n"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("exists already")));
        run = cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("someone"),
                   QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--role"),
                   QStringLiteral("medical-director"), QStringLiteral("--password-stdin")},
                  QStringLiteral("long enough password\n"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("roster")));
        run = cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("someone"),
                   QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--password-stdin")},
                  QStringLiteral("short\n"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("8 characters")));
    }

    void unlockNeedsTheRightPassword()
    {
        UserDirectory directory(m_home);
        QString error;
        QVERIFY2(directory.load(&error), qPrintable(error));
        QVERIFY(!directory.unlock(QStringLiteral("dr.whitfield"), "wrong password", &error));
        QVERIFY(error.contains(QStringLiteral("wrong")));
        const auto key = directory.unlock(QStringLiteral("dr.whitfield"), kDoctorPassword.toUtf8(), &error);
        QVERIFY2(key, qPrintable(error));
        const QByteArray signature = key->sign("message");
        QVERIFY(crypto::verify(key->publicKey(), "message", signature));
        QVERIFY(!crypto::verify(key->publicKey(), "massage", signature));
    }

    void wrongPasswordSignsNothing()
    {
        const QString path = newCase(QStringLiteral("partial"), QStringLiteral("wrong-password.rdcase"));
        QVERIFY(!path.isEmpty());
        const QByteArray before = sha256Hex(path);
        const Run run = sign(path, QStringLiteral("dr.whitfield"), QStringLiteral("not the password"),
                             {QStringLiteral("--rationale"), kRationale});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("password")), qPrintable(run.err));
        QCOMPARE(sha256Hex(path), before);
    }

    void reviewerCannotSignADenial_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("denied") << QStringLiteral("denied");
        QTest::newRow("partial") << QStringLiteral("partial");
    }

    void reviewerCannotSignADenial()
    {
        QFETCH(QString, kind);
        const QString path = newCase(kind, QStringLiteral("reviewer-%1.rdcase").arg(kind));
        const QByteArray before = sha256Hex(path);
        const Run run = sign(path, QStringLiteral("nurse.kim"), kNursePassword,
                             {QStringLiteral("--rationale"), kRationale});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("must be made and signed by a medical director")),
                 qPrintable(run.err));
        QCOMPARE(sha256Hex(path), before);
        // And a reviewer may not override a line either.
        const Run overriding = sign(path, QStringLiteral("nurse.kim"), kNursePassword,
                                    {QStringLiteral("--override"), QStringLiteral("96002=approve"),
                                     QStringLiteral("--rationale"), kRationale});
        QCOMPARE(overriding.exitCode, 1);
        QVERIFY(overriding.err.contains(QStringLiteral("only a medical director may override")));
    }

    void reviewerMayFinalizeAnApproval()
    {
        const QString path =
            signedCase(QStringLiteral("approved"), QStringLiteral("approved-by-nurse.rdcase"));
        QVERIFY(!path.isEmpty());
        const Run verify = cli({QStringLiteral("verify"), path});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out));
        QVERIFY(verify.out.contains(
            QStringLiteral("signed  by nurse.kim (Kim Alvarez, RN, reviewer in the roster)")));
        QVERIFY(verify.out.contains(
            QStringLiteral("Determination made by Kim Alvarez, RN, clinical reviewer: approved")));
    }

    void pendedCaseGetsARequestForInformation()
    {
        const QString path = m_dir.filePath(QStringLiteral("pended.rdcase"));
        QCOMPARE(cli({QStringLiteral("new"), path, QStringLiteral("--from"),
                      QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json")})
                     .exitCode,
                 0);
        const Run run = sign(path, QStringLiteral("dr.whitfield"), kDoctorPassword);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("request for information")), qPrintable(run.err));
        // Not signed, so no determination letter; but the request for information, unsigned.
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("es")}) {
            const QString text = letterText(path, language, QStringLiteral("rfi-%1.pdf").arg(language));
            QVERIFY(!text.isEmpty());
            QVERIFY(!text.contains(QStringLiteral("Signed electronically")));
            QVERIFY(!text.contains(QStringLiteral("Firmado electrónicamente")));
        }
        // Sending it is recorded when asked: audited, and the case is pended for information.
        const Run recorded = cli({QStringLiteral("letter"), path, QStringLiteral("-o"),
                                  m_dir.filePath(QStringLiteral("rfi-sent.pdf")), QStringLiteral("--record"),
                                  QStringLiteral("--user"), QStringLiteral("nurse.kim")});
        QVERIFY2(recorded.exitCode == 0, qPrintable(recorded.err));
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY(file);
        QVERIFY(file->data().status == CaseStatus::PendedForInformation);
        const QList<AuditEntry> trail = file->auditTrail();
        QVERIFY(std::any_of(trail.cbegin(), trail.cend(), [](const AuditEntry& entry) {
            return entry.action == QLatin1String("letter.sent") &&
                   entry.actor == QLatin1String("nurse.kim") &&
                   entry.newValue.contains(QStringLiteral("\"respondBy\""));
        }));
        QVERIFY(file->verify().ok());
    }

    void everyLetterHoldsItsElements_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("language");
        for (const char* kind : {"approved", "denied", "partial", "pended"})
            for (const char* language : {"en", "es"})
                QTest::addRow("%s-%s", kind, language)
                    << QString::fromLatin1(kind) << QString::fromLatin1(language);
    }

    void everyLetterHoldsItsElements()
    {
        QFETCH(QString, kind);
        QFETCH(QString, language);
        const bool spanish = language == QLatin1String("es");
        QString path;
        if (kind == QLatin1String("pended")) {
            path = m_dir.filePath(QStringLiteral("letter-pended.rdcase"));
            if (!QFile::exists(path))
                QCOMPARE(cli({QStringLiteral("new"), path, QStringLiteral("--from"),
                              QStringLiteral(REVIEWDESK_TEST_DATA "/case-exchange-sample.json")})
                             .exitCode,
                         0);
        } else {
            path = m_dir.filePath(QStringLiteral("letter-%1.rdcase").arg(kind));
            if (!QFile::exists(path))
                QCOMPARE(signedCase(kind, QFileInfo(path).fileName()), path);
        }
        const QString pdfName = QStringLiteral("letter-%1-%2.pdf").arg(kind, language);
        const QString text = folded(letterText(path, language, pdfName));
        QVERIFY(!text.isEmpty());

        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const auto plan = PlanInfo::load(QString(), &error);
        QVERIFY2(plan, qPrintable(error));
        const Signoff signoff(m_policy, *plan);
        const Decision decision = signoff.finalDecision(file->data(), file->overrides());
        std::optional<User> signer;
        QDateTime signedAt;
        if (const auto signature = file->signature()) {
            // The signer as the roster names them (role included).
            const auto trust = TrustStore::load(&error);
            QVERIFY2(trust, qPrintable(error));
            signer =
                trust->roster().entryAt(signature->signer, signature->publicKey, signature->signedAt)->user;
            signedAt = signature->signedAt;
        }
        const LetterInput input =
            signoff.letterInput(*file, decision, language, signer, signedAt, file->letterFields());

        QStringList missing;
        auto expect = [&](const QString& what, const QString& needle) {
            if (!text.contains(folded(needle)))
                missing.append(QStringLiteral("%1 \"%2\"").arg(what, needle));
        };
        // Every letter: the date, the member, the provider, the services by code and in words, the
        // language-assistance taglines.
        expect(QStringLiteral("date"), LetterText::date(LetterText::letterDate(input), language));
        expect(QStringLiteral("member name"), QStringLiteral("Jordan Rivera"));
        expect(QStringLiteral("member ID"), QStringLiteral("M1002"));
        expect(QStringLiteral("provider"), QStringLiteral("Lakeside Gait Lab"));
        expect(QStringLiteral("taglines"), QStringLiteral("Language assistance / Asistencia con idiomas"));
        expect(QStringLiteral("tagline"), QStringLiteral("tiene a su disposición servicios gratuitos"));
        expect(QStringLiteral("tagline"), QStringLiteral("免費獲得語言援助服務"));
        for (const LineDecision& line : decision.lines) {
            expect(QStringLiteral("code"), line.code);
            expect(QStringLiteral("service in words"), LetterText::codeWords(m_policy, line.code, language));
            if (line.decision == LineOutcome::Approve)
                continue;
            for (const Reason& reason : line.reasons)
                expect(QStringLiteral("reason %1").arg(reason.id),
                       LetterText::reasonText(input, reason, line.decision));
        }
        const bool anyApproved = kind == QLatin1String("approved") || kind == QLatin1String("partial");
        const bool anyDenied = kind == QLatin1String("denied") || kind == QLatin1String("partial");
        if (anyApproved) {
            expect(QStringLiteral("authorization number"), LetterText::authorizationNumber(input));
            expect(QStringLiteral("valid through"),
                   LetterText::date(LetterText::validThrough(input), language));
        }
        if (anyDenied) {
            expect(QStringLiteral("physician's rationale"), spanish ? kRationaleEs : kRationale);
            expect(QStringLiteral("policy title"), LetterText::policyTitle(input));
            expect(QStringLiteral("policy effective date"),
                   LetterText::date(m_policy.effectiveDate, language));
            expect(QStringLiteral("copy of the criteria free"),
                   spanish ? QStringLiteral("pedirnos una copia gratuita de estos criterios")
                           : QStringLiteral("ask us for a copy of these criteria at no cost"));
            for (const QString& item : LetterText::additionalInformation(input))
                expect(QStringLiteral("what could change the decision"), item);
            expect(QStringLiteral("appeal deadline"),
                   LetterText::date(LetterText::appealDeadline(input), language));
            expect(QStringLiteral("how to appeal"), plan->appealsPhone);
            expect(QStringLiteral("appeals address"), plan->appealsAddress.first());
            expect(QStringLiteral("expedited appeal"), spanish
                                                           ? QStringLiteral("apelación rápida (acelerada)")
                                                           : QStringLiteral("fast (expedited) appeal"));
            if (kind == QLatin1String("denied")) // the urgent case
                expect(QStringLiteral("urgent"), spanish
                                                     ? QStringLiteral("Su solicitud se tramitó como urgente")
                                                     : QStringLiteral("Your request was handled as urgent"));
            expect(QStringLiteral("peer-to-peer"), spanish
                                                       ? QStringLiteral("Hablar con el médico que decidió")
                                                       : QStringLiteral("Talk with the doctor who decided"));
            expect(QStringLiteral("peer-to-peer phone"), QStringLiteral("1-800-555-0190"));
            expect(QStringLiteral("free copies"),
                   spanish ? QStringLiteral("copias gratuitas de todos los documentos")
                           : QStringLiteral("free copies of all documents"));
        }
        if (kind == QLatin1String("pended")) {
            expect(QStringLiteral("respond by"),
                   LetterText::localDateTime(input.plan, LetterText::respondBy(input), language));
            QVERIFY(!decision.missingInformation.isEmpty());
        } else {
            QVERIFY(signer);
            expect(QStringLiteral("signer"), signer->printedName());
            // Dated and timed in the plan's time zone, with the zone's name.
            expect(QStringLiteral("signing date"),
                   LetterText::date(LetterText::localDate(input.plan, signedAt), language));
            expect(QStringLiteral("signing time"), LetterText::localTime(input.plan, signedAt, language));
            expect(QStringLiteral("meaning"), LetterText::meaning(*signer, language));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));

        // And the pages render: one PNG per page, the size of a Letter page at 60 dpi.
        QProcess render;
        const QString prefix = m_dir.filePath(QStringLiteral("png-%1-%2").arg(kind, language));
        render.start(QStringLiteral("pdftoppm"),
                     {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"),
                      QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"),
                      m_dir.filePath(pdfName), prefix});
        QVERIFY(render.waitForFinished(60000));
        const QImage page(prefix + QStringLiteral("-1.png"));
        QCOMPARE(page.size(), QSize(510, 660));
        const QString saveTo = qEnvironmentVariable("REVIEWDESK_LETTER_PNG_DIR");
        if (!saveTo.isEmpty())
            page.save(QDir(saveTo).filePath(QStringLiteral("letter-%1-%2.png").arg(kind, language)));
    }

    void letterCheckerBlocksWhatIsMissing()
    {
        // An abbreviation the member cannot read blocks signing and is named.
        const QString path = newCase(QStringLiteral("partial"), QStringLiteral("acronym.rdcase"));
        const QByteArray before = sha256Hex(path);
        Run run = sign(
            path, QStringLiteral("dr.whitfield"), kDoctorPassword,
            {QStringLiteral("--rationale"), QStringLiteral("The EMG would not be separately interpreted.")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("abbreviation EMG")), qPrintable(run.err));
        // A denial without the physician's rationale is blocked, saying what is missing.
        run = sign(path, QStringLiteral("dr.whitfield"), kDoctorPassword);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("clinical-rationale")));
        // A code the request does not hold.
        run = sign(path, QStringLiteral("dr.whitfield"), kDoctorPassword,
                   {QStringLiteral("--rationale"),
                    QStringLiteral("Consider code 97110 therapy first, then ask again.")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("code 97110")));
        QCOMPARE(sha256Hex(path), before);

        // The checker on a letter with an element removed, and with a reason changed.
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY(file);
        const auto plan = PlanInfo::load(QString(), &error);
        const auto trust = TrustStore::load(&error);
        QVERIFY2(trust, qPrintable(error));
        const Signoff signoff(m_policy, *plan);
        const Decision decision = signoff.finalDecision(file->data(), {});
        const LetterInput input = signoff.letterInput(
            *file, decision, QStringLiteral("en"),
            trust->roster().current(QStringLiteral("dr.whitfield"), QDateTime::currentDateTimeUtc())->user,
            QDateTime::currentDateTimeUtc(), {{LetterField::clinicalRationale(), kRationale}});
        auto letter = LetterBuilder::build(input, &error);
        QVERIFY2(letter, qPrintable(error));
        QCOMPARE(LetterChecker::check(*letter, input), QStringList());
        Letter broken = *letter;
        const qsizetype start = broken.html.indexOf(QLatin1String("<!--element:appeal-->"));
        broken.html.remove(start, broken.html.indexOf(QLatin1String("<!--/element-->"), start) - start);
        QVERIFY(LetterChecker::check(broken, input)
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("appeal: is missing")));
        broken = *letter;
        broken.html.replace(QStringLiteral("96002"), QStringLiteral("96001"));
        const QString problems = LetterChecker::check(broken, input).join(QLatin1Char('\n'));
        QVERIFY2(problems.contains(QStringLiteral("code 96001")), qPrintable(problems));
    }

    void overrideWithRationaleIsAudited()
    {
        const QString path = newCase(QStringLiteral("partial"), QStringLiteral("override.rdcase"));
        Run run = sign(path, QStringLiteral("dr.whitfield"), kDoctorPassword,
                       {QStringLiteral("--override"), QStringLiteral("96002=approve")});
        QCOMPARE(run.exitCode, 2); // an override needs its rationale
        QVERIFY(run.err.contains(QStringLiteral("--rationale")));
        const QString because =
            QStringLiteral("Peer-to-peer call: the muscle recording is read separately by the "
                           "gait lab's physiatrist.");
        run = sign(path, QStringLiteral("dr.whitfield"), kDoctorPassword,
                   {QStringLiteral("--override"), QStringLiteral("96002=approve"),
                    QStringLiteral("--rationale"), because});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral(": approved by Dana Whitfield")));
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY(file);
        QCOMPARE(file->overrides().size(), 1);
        QCOMPARE(file->overrides().first().rationale, because);
        bool audited = false;
        for (const AuditEntry& entry : file->auditTrail())
            audited = audited || (entry.action == QLatin1String("decision.override") &&
                                  entry.target == QLatin1String("96002") &&
                                  entry.newValue.contains(QStringLiteral("gait lab's physiatrist")) &&
                                  entry.actor == QLatin1String("dr.whitfield"));
        QVERIFY(audited);
        QCOMPARE(file->signature()->letterKinds.value(QStringLiteral("en")), QStringLiteral("approval"));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void denyOverrideGivesTheRationaleAsTheReason()
    {
        const QString path = newCase(QStringLiteral("approved"), QStringLiteral("deny-override.rdcase"));
        const QString because =
            QStringLiteral("The gait laboratory will read the recordings without a doctor's "
                           "written report, so the separate review is not needed.");
        const QString porque =
            QStringLiteral("El laboratorio leerá los registros sin un informe escrito de un "
                           "médico, así que la revisión aparte no es necesaria.");
        const Run run =
            sign(path, QStringLiteral("dr.whitfield"), kDoctorPassword,
                 {QStringLiteral("--override"), QStringLiteral("96004=deny"), QStringLiteral("--rationale"),
                  because, QStringLiteral("--rationale-es"), porque, QStringLiteral("--additional-info"),
                  QStringLiteral("A plan that names who will write the report."),
                  QStringLiteral("--additional-info-es"),
                  QStringLiteral("Un plan que diga quién escribirá el informe.")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral(": partial by")));
        const QString english =
            folded(letterText(path, QStringLiteral("en"), QStringLiteral("deny-override-en.pdf")));
        const QString spanish =
            folded(letterText(path, QStringLiteral("es"), QStringLiteral("deny-override-es.pdf")));
        QVERIFY(english.contains(folded(because)));
        QVERIFY(spanish.contains(folded(porque)));
        QVERIFY(!spanish.contains(folded(because)));
        QVERIFY(spanish.contains(folded(QStringLiteral("Un plan que diga quién escribirá el informe."))));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void signedCaseIsReadOnly()
    {
        const QString path = signedCase(QStringLiteral("denied"), QStringLiteral("readonly.rdcase"));
        QVERIFY(!path.isEmpty());
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(file, qPrintable(error));
        QVERIFY(file->isSigned());
        QVERIFY(!file->recordJudgment(QStringLiteral("cosmetic"), Answer{AnswerValue::Yes, {}, {}, {}},
                                      test::actor(QStringLiteral("x")), &error));
        QVERIFY2(error.contains(QStringLiteral("a signed case is read-only")), qPrintable(error));
        QVERIFY(!file->setStatus(CaseStatus::InReview, test::actor(QStringLiteral("x")), &error));
        QVERIFY(!file->setLetterField(LetterField::clinicalRationale(), QStringLiteral("y"),
                                      test::actor(QStringLiteral("x")), &error));
        file.reset();
        const Run answer =
            cli({QStringLiteral("answer"), path, QStringLiteral("--id"), QStringLiteral("cosmetic"),
                 QStringLiteral("--value"), QStringLiteral("yes")});
        QCOMPARE(answer.exitCode, 2);
        // No records can be added to it either (a valid PDF, refused for the case, not the file).
        const QString more = m_dir.filePath(QStringLiteral("after-signing.pdf"));
        test::writePdf(more, {QStringLiteral("Records that came too late")});
        const Run attach = cli({QStringLiteral("attach"), path, more});
        QCOMPARE(attach.exitCode, 2);
        QVERIFY2(attach.err.contains(QStringLiteral("a signed case is read-only")), qPrintable(attach.err));
        const Run again = sign(path, QStringLiteral("dr.whitfield"), kDoctorPassword,
                               {QStringLiteral("--rationale"), kRationale});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QStringLiteral("signed already")));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void tamperingFailsVerify_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("judgment changed")
            << QByteArray("UPDATE judgment SET value = 'met' WHERE id = 'management-impact'")
            << "judgment management-impact was changed after signing";
        QTest::newRow("attachment byte flipped")
            << QByteArray("FLIP attachment_data.data 1 100") << "attachment clinic-note.pdf";
        QTest::newRow("attachment hash rewritten too")
            << QByteArray("UPDATE attachment SET sha256 = zeroblob(32) WHERE id = 1")
            << "attachments (names, sizes or SHA-256) were changed after signing";
        QTest::newRow("letter text changed")
            << QByteArray("UPDATE signed_letter SET html = replace(html, 'Jordan Rivera', 'Jordan Riviera') "
                          "WHERE language = 'es'")
            << "the letter (es) was changed after signing";
        QTest::newRow("signed statement changed")
            << QByteArray("UPDATE signature SET payload = replace(payload, '\"overall\":\"denied\"', "
                          "'\"overall\":\"approved\"')")
            << "does not match its digest";
        QTest::newRow("signature bytes changed")
            << QByteArray("UPDATE signature SET signature = zeroblob(64)") << "does not verify with key";
        QTest::newRow("audit trail cut short")
            << QByteArray(
                   "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= (SELECT max(seq) - 3 FROM "
                   "audit); UPDATE case_info SET audit_count = (SELECT max(seq) FROM audit), audit_head = "
                   "(SELECT hash FROM audit WHERE seq = (SELECT max(seq) FROM audit))")
            << "no longer holds the entries the signature covers";
        QTest::newRow("signature removed") << QByteArray("DELETE FROM signature; DELETE FROM signed_letter")
                                           << "the signature is missing: it was removed";
        QTest::newRow("reviewer changed") << QByteArray("UPDATE case_info SET reviewer = 'someone.else'")
                                          << "the case record (created, reviewer) was changed after signing";
        QTest::newRow("evidence quote changed")
            << QByteArray("UPDATE evidence SET quote = 'toe walking' WHERE judgment_id = 'indication'")
            << "judgment indication was changed after signing";
        QTest::newRow("status changed")
            << QByteArray("UPDATE case_info SET status = 'in-review'") << "not determined";
    }

    void tamperingFailsVerify()
    {
        QFETCH(QByteArray, sql);
        QFETCH(QString, expected);
        const QString path =
            signedCase(QStringLiteral("denied"),
                       QStringLiteral("tamper-%1.rdcase").arg(QString::number(qHash(sql), 16)));
        QVERIFY(!path.isEmpty());
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
        QVERIFY(sqlite(path, sql));
        const Run run = cli({QStringLiteral("verify"), path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(expected), qPrintable(run.out));
        // And no letter is issued from it.
        const Run letter = cli(
            {QStringLiteral("letter"), path, QStringLiteral("-o"), m_dir.filePath(QStringLiteral("t.pdf"))});
        QCOMPARE(letter.exitCode, 1);
    }

    void signatureCopiedOntoAnotherCaseFails()
    {
        const QString source = signedCase(QStringLiteral("denied"), QStringLiteral("copy-source.rdcase"));
        const QString target = newCase(QStringLiteral("denied"), QStringLiteral("copy-target.rdcase"));
        QVERIFY(!source.isEmpty() && !target.isEmpty());
        const QByteArray attach = "ATTACH DATABASE '" + QFile::encodeName(source) + "' AS src; ";
        QVERIFY(sqlite(target, attach + "INSERT INTO signature SELECT * FROM src.signature; "
                                        "INSERT INTO signed_letter SELECT * FROM src.signed_letter; "
                                        "UPDATE case_info SET status = 'determined';"));
        const Run run = cli({QStringLiteral("verify"), target});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("the signature was copied from another case")),
                 qPrintable(run.out));
    }

    // The letter is in the member's language (member.language), not the workstation's setting.
    void languageSettingDoesNotChooseTheMembersLetter()
    {
        const QString path = signedCase(QStringLiteral("approved"), QStringLiteral("language.rdcase"));
        const QString pdf = m_dir.filePath(QStringLiteral("language.pdf"));
        Run run = cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf});
        QVERIFY2(run.out.contains(QStringLiteral("approval letter (en)")), qPrintable(run.out + run.err));
        QDir().mkpath(m_dir.filePath(QStringLiteral("config/ReviewDesk")));
        QFile settings(m_dir.filePath(QStringLiteral("config/ReviewDesk/ReviewDesk.conf")));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write("[letters]\nlanguage=es\n");
        settings.close();
        run = cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf});
        QVERIFY2(run.out.contains(QStringLiteral("approval letter (en)")), qPrintable(run.out + run.err));
        run = cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf, QStringLiteral("--lang"),
                   QStringLiteral("en")});
        QVERIFY(run.out.contains(QStringLiteral("approval letter (en)")));
        run = cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf, QStringLiteral("--lang"),
                   QStringLiteral("fr")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("no letters in language 'fr'")));
        QFile::remove(settings.fileName());
    }

    void draftsAndPdfA()
    {
        const QString path = newCase(QStringLiteral("partial"), QStringLiteral("draft.rdcase"));
        const QString pdf = m_dir.filePath(QStringLiteral("draft.pdf"));
        Run run = cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("is not signed")), qPrintable(run.err));
        QVERIFY(!QFile::exists(pdf));
        run = cli({QStringLiteral("letter"), path, QStringLiteral("-o"), pdf, QStringLiteral("--draft")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        QVERIFY(
            QString::fromUtf8(text.readAllStandardOutput()).contains(QStringLiteral("DRAFT: NOT SIGNED")));
        // The PDF/A-1b identification, output intent and embedded fonts Qt writes (not a validation).
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("pdfaid:part=\"1\"") || bytes.contains("<pdfaid:part>1</pdfaid:part>"));
        QVERIFY(bytes.contains("/OutputIntents"));
        QVERIFY(bytes.contains("/FontFile2"));
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
    }

    void templateLanguage()
    {
        QString error;
        const QVariantMap context{
            {QStringLiteral("name"), QStringLiteral("A & B")},
            {QStringLiteral("flag"), true},
            {QStringLiteral("items"), QVariantList{QVariantMap{{QStringLiteral("x"), QStringLiteral("1")}},
                                                   QVariantMap{{QStringLiteral("x"), QStringLiteral("2")}}}}};
        QCOMPARE(LetterTemplate::render(
                     QStringLiteral("{{name}}|{{{name}}}|{{#flag}}y{{/flag}}{{^flag}}n{{/flag}}|"
                                    "{{#items}}[{{x}} {{name}}]{{/items}}{{! note }}"),
                     context, QStringLiteral("t"), &error),
                 std::optional<QString>(QStringLiteral("A &amp; B|A & B|y|[1 A &amp; B][2 A &amp; B]")));
        QVERIFY(!LetterTemplate::render(QStringLiteral("x\n{{missing}}"), context, QStringLiteral("t.html"),
                                        &error));
        QCOMPARE(error, QStringLiteral("t.html: line 2: unknown name missing"));
        QVERIFY(
            !LetterTemplate::render(QStringLiteral("{{#flag}}open"), context, QStringLiteral("t"), &error));
        QCOMPARE(LetterTemplate::render(QString(), context, QStringLiteral("t"), &error),
                 std::optional<QString>(QString())); // empty is a result, not an error
        QVERIFY(error.contains(QStringLiteral("has no {{/flag}}")));
    }

    void verifySaysWhoSignedWhatWhenWithWhichKey()
    {
        const QString path = signedCase(QStringLiteral("partial"), QStringLiteral("who.rdcase"));
        const Run run = cli({QStringLiteral("verify"), path});
        QCOMPARE(run.exitCode, 0);
        UserDirectory directory(m_home);
        QString error;
        QVERIFY(directory.load(&error));
        const QString fingerprint = directory.user(QStringLiteral("dr.whitfield"))->fingerprint();
        QVERIFY(run.out.contains(QStringLiteral(
            "signed  by dr.whitfield (Dana Whitfield, MD, FAAPMR, medical-director in the roster)")));
        QVERIFY(run.out.contains(QStringLiteral("partial (96000 approve, 96002 deny, 96004 approve)")));
        QVERIFY(run.out.contains(QStringLiteral("key ") + fingerprint));
        QVERIFY(run.out.contains(QStringLiteral("signer: dr.whitfield (Dana Whitfield, MD, FAAPMR), "
                                                "medical-director in the roster")));
        QVERIFY(run.out.contains(
            QStringLiteral("recomputed with policy motion-analysis-96000-96004 version 2025-10-01")));
        QVERIFY(run.out.contains(QStringLiteral("trust   anchor ")));
    }
};

QTEST_MAIN(TestSignoff)
#include "tst_signoff.moc"
