// The sign-off in the app: the real SignoffDialog on a real case file and a real user directory
// (REVIEWDESK_HOME in a temporary folder, fast Argon2id for tests only), "who is working", and the
// main window saying so when a signed case was changed afterwards.
#include "checklist/CaseJson.h"
#include "checklist/PolicyLoader.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/signoff/LoginDialog.h"
#include "ui/signoff/SignoffDialog.h"

#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace rd;

namespace {
const QByteArray kDoctorPassword = "correct horse battery";
const QByteArray kNursePassword = "nurse password 1";
const QString kRationale =
    QStringLiteral("The notes do not show that the muscle activity recording would be read "
                   "on its own or change the injection plan.");

User person(const char* login, const char* name, const char* credentials, UserRole role, const char* phone)
{
    User user;
    user.login = QString::fromUtf8(login);
    user.name = QString::fromUtf8(name);
    user.credentials = QString::fromUtf8(credentials);
    user.role = role;
    user.phone = QString::fromUtf8(phone);
    return user;
}
} // namespace

class TestSignoffDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<Policy> m_policy;
    std::optional<PlanInfo> m_plan;
    UserDirectory m_directory{QString()};

    QString newCase(const QString& kind, const QString& name)
    {
        Result<CaseData> data =
            CaseJson::readFile(QStringLiteral(REVIEWDESK_TEST_DATA "/signoff-%1.json").arg(kind), *m_policy);
        if (!data)
            return {};
        const QString path = m_dir.filePath(name);
        QString error;
        if (!CaseFile::create(path, data.value(), QStringLiteral("nurse.kim"), &error))
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("REVIEWDESK_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("home"))));
        qputenv("REVIEWDESK_TEST_FAST_KDF", "1");
        QCoreApplication::setOrganizationName(QStringLiteral("ReviewDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("TestSignoffDialog"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        Result<Policy> policy = PolicyLoader::loadBuiltIn();
        QVERIFY(policy.ok());
        m_policy = policy.value();
        QString error;
        m_plan = PlanInfo::load(QString(), &error);
        QVERIFY2(m_plan, qPrintable(error));
        m_directory = UserDirectory();
        QVERIFY(m_directory.load(&error));
        QVERIFY2(m_directory.addUser(person("dr.whitfield", "Dana Whitfield", "MD, FAAPMR",
                                            UserRole::MedicalDirector, "1-800-555-0190"),
                                     kDoctorPassword, &error),
                 qPrintable(error));
        QVERIFY2(m_directory.addUser(
                     person("nurse.kim", "Kim Alvarez", "RN", UserRole::Reviewer, "1-800-555-0191"),
                     kNursePassword, &error),
                 qPrintable(error));
        QVERIFY(m_directory.setLastUser(QStringLiteral("nurse.kim"), &error));
        MessageBox::setAutoAnswer(QMessageBox::Ok);
    }

    void loginDialogPreselectsTheLastUser()
    {
        LoginDialog dialog(m_directory);
        QCOMPARE(dialog.chosenUser()->login, QStringLiteral("nurse.kim"));
        dialog.userChooser()->setCurrentIndex(dialog.userChooser()->findData(QStringLiteral("dr.whitfield")));
        QVERIFY(dialog.chosenUser()->role == UserRole::MedicalDirector);
    }

    void medicalDirectorSignsAPartialDetermination()
    {
        const QString path = newCase(QStringLiteral("partial"), QStringLiteral("partial.rdcase"));
        QVERIFY(!path.isEmpty());
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(file, qPrintable(error));
        const Signoff signoff(*m_policy, *m_plan);
        SignoffDialog dialog(file.get(), signoff, m_directory,
                             *m_directory.user(QStringLiteral("dr.whitfield")));
        // Without the physician's rationale a partial denial is blocked, and the dialog says why.
        QVERIFY(dialog.problems().join(QLatin1Char('\n')).contains(QStringLiteral("clinical-rationale")));
        QVERIFY(!dialog.signButton()->isEnabled());
        dialog.setRationale(kRationale);
        QCOMPARE(dialog.problems(), QStringList());
        const QString screenshots = qEnvironmentVariable("REVIEWDESK_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(QDir(screenshots).filePath(QStringLiteral("signoff-dialog.png")));
        }
        QVERIFY(dialog.letterHtml(QStringLiteral("en")).contains(kRationale));
        QVERIFY(
            dialog.letterHtml(QStringLiteral("es")).contains(QStringLiteral("Aviso de aprobación parcial")));

        // A wrong password signs nothing.
        dialog.setPassword(QStringLiteral("not the password"));
        QVERIFY(dialog.signButton()->isEnabled());
        QSignalSpy finished(&dialog, &SignoffDialog::signingFinished);
        dialog.sign();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(!file->isSigned());

        dialog.setPassword(QString::fromUtf8(kDoctorPassword));
        dialog.sign();
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
        QVERIFY(dialog.isSigned());
        QVERIFY(file->verify().ok());
        QVERIFY(file->isReadOnly());
        QVERIFY(file->readOnlyReason().contains(QStringLiteral("signed (by dr.whitfield")));
        QVERIFY(!file->recordJudgment(QStringLiteral("cosmetic"), Answer{AnswerValue::Yes, {}, {}, {}},
                                      QStringLiteral("x"), &error));
    }

    void overrideNeedsTheMedicalDirector()
    {
        const QString path = newCase(QStringLiteral("partial"), QStringLiteral("override.rdcase"));
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY(file);
        const Signoff signoff(*m_policy, *m_plan);
        {
            SignoffDialog nurse(file.get(), signoff, m_directory,
                                *m_directory.user(QStringLiteral("nurse.kim")));
            QVERIFY(nurse.problems().join(QLatin1Char('\n')).contains(QStringLiteral("medical director")));
        }
        SignoffDialog dialog(file.get(), signoff, m_directory,
                             *m_directory.user(QStringLiteral("dr.whitfield")));
        dialog.setLineDecision(QStringLiteral("96002"), QStringLiteral("approve"));
        dialog.setRationale(QStringLiteral("Peer-to-peer call: the muscle recording is read separately."));
        QCOMPARE(dialog.problems(), QStringList());
        QVERIFY(dialog.letterHtml(QStringLiteral("en")).contains(QStringLiteral("Notice of approval")));
        QSignalSpy finished(&dialog, &SignoffDialog::signingFinished);
        dialog.setPassword(QString::fromUtf8(kDoctorPassword));
        dialog.sign();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).toBool());
        QCOMPARE(file->overrides().size(), 1);
        QVERIFY(file->overrides().first().decision == LineOutcome::Approve);
    }

    void windowSaysWhenASignedCaseWasChanged()
    {
        const QString path = newCase(QStringLiteral("approved"), QStringLiteral("changed.rdcase"));
        {
            QString error;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            const Signoff signoff(*m_policy, *m_plan);
            SignoffInput input;
            input.login = QStringLiteral("nurse.kim");
            input.password = kNursePassword;
            QVERIFY2(signoff.sign(*file, m_directory, input, &error), qPrintable(error));
        }
        sqlite3* db = nullptr;
        sqlite3_open(QFile::encodeName(path).constData(), &db);
        sqlite3_exec(db, "UPDATE judgment SET note = 'edited' WHERE id = 'cosmetic'", nullptr, nullptr,
                     nullptr);
        sqlite3_close(db);

        MainWindow window;
        window.setUser(m_directory.user(QStringLiteral("dr.whitfield")));
        const int before = MessageBox::shownCount();
        QVERIFY(window.openCase(path));
        QTRY_VERIFY(MessageBox::shownCount() > before);
        QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Signature Does Not Verify"));
        QVERIFY(
            MessageBox::lastText().contains(QStringLiteral("judgment cosmetic was changed after signing")));
    }
};

QTEST_MAIN(TestSignoffDialog)
#include "tst_signoffdialog.moc"
