// File > Import Request (FHIR) on the real MainWindow: the preview dialog with the import's warnings
// and the receipt time the reviewer corrects, the case created on the pool and opened, a refused
// request with its one-line reason and no case file, and Export Response (FHIR) on a signed case only.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "checklist/PolicyLoader.h"
#include "model/fhir/FhirCaseImport.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/case/CaseSession.h"
#include "ui/fhir/FhirActions.h"
#include "ui/fhir/FhirImportDialog.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"

#include <QAction>
#include <QApplication>
#include <QDateTimeEdit>
#include <QFileInfo>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

namespace {
const QString kFixtures = QStringLiteral(REVIEWDESK_TEST_DATA "/fhir/fixtures");
} // namespace

class TestFhirImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("ReviewDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("FhirImportTest"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void previewShowsWarningsAndReceiptTime()
    {
        const Result<Policy> policy = PolicyLoader::loadBuiltIn();
        QVERIFY(policy);
        const QString bundle = kFixtures + QStringLiteral("/converted/C02-text-plain-document.json");
        const Result<FhirImport> preview = FhirCaseImport::preview(bundle, *policy, QDateTime());
        QVERIFY(preview);
        FhirImportDialog dialog(bundle, *preview);
        const auto* warnings = dialog.findChild<QListWidget*>(QStringLiteral("warnings"));
        QVERIFY(warnings);
        QCOMPARE(warnings->count(), preview->warnings.size());
        QVERIFY(!warnings->findItems(QStringLiteral("text/plain"), Qt::MatchContains).isEmpty());
        auto* receivedAt = dialog.findChild<QDateTimeEdit*>(QStringLiteral("receivedAt"));
        QVERIFY(receivedAt);
        QCOMPARE(receivedAt->dateTime().toUTC(), QDateTime(QDate(2005, 5, 2), QTime(6, 1), Qt::UTC));
        QVERIFY(!dialog.correctedReceivedAt().isValid()); // unchanged: the Bundle's own stands
        receivedAt->setDateTime(QDateTime(QDate(2026, 11, 20), QTime(14, 5), Qt::UTC));
        QCOMPARE(dialog.correctedReceivedAt(), QDateTime(QDate(2026, 11, 20), QTime(14, 5), Qt::UTC));
    }

    void importCreatesAndOpensTheCase()
    {
        MainWindow window;
        window.setLogin(test::logIn(QStringLiteral("nurse.test")));
        window.openFolder(m_dir.path());
        window.show();
        QVERIFY(window.fhirActions()->importAction()->isEnabled());
        QVERIFY(!window.fhirActions()->exportAction()->isEnabled());
        QSignalSpy created(&window, &MainWindow::caseCreated);
        const QString target = m_dir.filePath(QStringLiteral("referral.rdcase"));
        const QDateTime corrected(QDate(2026, 11, 20), QTime(14, 5), Qt::UTC);
        QVERIFY(window.importFhirRequest(kFixtures + QStringLiteral("/ig221-referral-96000-96004.json"),
                                         target, corrected));
        QVERIFY(window.isBusyWithCase());
        QVERIFY(!window.fhirActions()->importAction()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 30000);
        QCOMPARE(created.at(0).at(1).toBool(), true);
        QVERIFY(window.session());
        QCOMPARE(window.session()->data().request.receivedAt, corrected);
        QCOMPARE(window.session()->data().request.lines,
                 (QStringList{QStringLiteral("96000"), QStringLiteral("96004")}));
        // The correction is audited with the import.
        QString error;
        const auto origin = window.session()->file()->fhirOrigin(&error);
        QVERIFY(origin);
        QVERIFY(!origin->warnings.filter(QStringLiteral("given at import")).isEmpty());
        QVERIFY(!window.fhirActions()->exportAction()->isEnabled()); // not signed
        // The queue shows the request's trace number.
        CaseQueueModel* queue = window.queueView()->model();
        QTRY_VERIFY_WITH_TIMEOUT(queue->rowOf(target) >= 0, 10000);
        QCOMPARE(queue->index(queue->rowOf(target), CaseQueueModel::RequestColumn).data().toString(),
                 QStringLiteral("111099"));

        // A refused request: its one line, and no case file.
        const QString refused = m_dir.filePath(QStringLiteral("refused.rdcase"));
        MessageBox::setNextAnswer(QMessageBox::Ok);
        QVERIFY(window.importFhirRequest(kFixtures + QStringLiteral("/bad/B03-use-claim.json"), refused,
                                         QDateTime()));
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 2, 30000);
        QCOMPARE(created.at(1).at(1).toBool(), false);
        QVERIFY(
            MessageBox::lastText().contains(QStringLiteral("only 'preauthorization' requests are imported")));
        QVERIFY(!QFileInfo::exists(refused));
    }

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestFhirImport)
#include "tst_fhirimport.moc"
