// Reading coverage of a workspace case kept by the server (rd.page_view) on a real PostgreSQL server:
// pages read survive the case's close and show on another desk, the case file's page_view table goes in
// with `workspace import` and comes out with `workspace export`, a person adds rows only in their own
// name and nobody changes or removes one, and a version 3 workspace migrates.
#include "PgTestCluster.h"
#include "TestCases.h"
#include "TrustFixture.h"
#include "WorkspaceTeam.h"

#include "model/casefile/CaseFile.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;

class TestCoverage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::PgTestCluster m_cluster;
    test::TrustFixture m_trust;
    test::WorkspaceTeam m_team;
    QString m_caseId;
    qint64 m_attachment = 0;

    QList<int> pagesSeenBy(const QString& login)
    {
        QString error;
        auto store =
            WorkspaceCase::open(m_cluster.url(login), m_caseId, WorkspaceCase::OpenMode::ReadOnly, &error);
        if (!store) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        return store->workingCopy().viewedPages(m_attachment);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_team.setUpWorkspace(m_cluster, m_trust, m_dir.path(), QStringLiteral("coverage"), &error),
                 qPrintable(error));

        // A case file with a five-page record, its first page read on the desk that made it.
        const QString record = m_dir.filePath(QStringLiteral("record.pdf"));
        QFile pdf(record);
        QVERIFY(pdf.open(QIODevice::WriteOnly));
        pdf.write("%PDF-1.4\n% five pages as far as the case file says\n");
        pdf.close();
        const QString path = m_dir.filePath(QStringLiteral("case.rdcase"));
        const Actor nurse = m_trust.actor(m_team.nurse);
        {
            auto file = CaseFile::create(path, test::sampleCase(), nurse, &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY2(file->addAttachment(QStringLiteral("record.pdf"), record, 5, nurse, &error),
                     qPrintable(error));
            m_attachment = file->attachments().last().id;
            QVERIFY2(file->markPagesViewed(m_attachment, {1}, &error), qPrintable(error));
        }
        auto workspace = Workspace::open(m_cluster.url(m_team.nurse), &error);
        QVERIFY2(workspace, qPrintable(error));
        const auto imported = workspace->importCaseFile(path, &error);
        QVERIFY2(imported, qPrintable(error));
        m_caseId = *imported;
    }

    void importCarriesTheFilesPages()
    {
        QCOMPARE(pagesSeenBy(m_team.doctor), QList<int>{1});
        QString error;
        auto nurse = PgConnection::open(m_cluster.url(m_team.nurse), &error);
        QVERIFY2(nurse, qPrintable(error));
        const auto rows = nurse->exec("SELECT viewer, imported FROM rd.page_view WHERE case_id = $1",
                                      {PgParam::text(m_caseId)}, &error);
        QVERIFY2(rows && rows->rows() == 1, qPrintable(error));
        QCOMPARE(rows->text(0, 0), m_team.nurse); // the importer's name: the file does not say who read
        QCOMPARE(rows->text(0, 1), QStringLiteral("t"));
    }

    void pagesReadSurviveCloseAndShowOnAnotherDesk()
    {
        QString error;
        {
            auto store = WorkspaceCase::open(m_cluster.url(m_team.nurse), m_caseId,
                                             WorkspaceCase::OpenMode::ReadWrite, &error);
            QVERIFY2(store && !store->isReadOnly(), qPrintable(error));
            QVERIFY2(store->markPagesViewed(m_attachment, {2, 3}, &error), qPrintable(error));
            QCOMPARE(store->workingCopy().viewedPages(m_attachment), (QList<int>{1, 2, 3}));
        } // closed: the working copy is gone
        // The medical director's desk, opening it afresh, sees what the nurse read.
        QCOMPARE(pagesSeenBy(m_team.doctor), (QList<int>{1, 2, 3}));

        // workspace export writes them into the case file's page_view table.
        auto workspace = Workspace::open(m_cluster.url(m_team.doctor), &error);
        QVERIFY2(workspace, qPrintable(error));
        const QString exported = m_dir.filePath(QStringLiteral("exported.rdcase"));
        QVERIFY2(workspace->exportCase(m_caseId, exported, &error), qPrintable(error));
        auto file = CaseFile::open(exported, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        QCOMPARE(file->viewedPages(m_attachment), (QList<int>{1, 2, 3}));
        const VerifyReport report = file->verify();
        QVERIFY2(report.problems.isEmpty(), qPrintable(report.problems.value(0).what));
    }

    void nobodyAddsRowsForSomeoneElseOrChangesOne()
    {
        QString error;
        auto nurse2 = PgConnection::open(m_cluster.url(m_team.nurse2), &error);
        QVERIFY2(nurse2, qPrintable(error));
        auto insert = [&](const char* sql, const QList<PgParam>& params) {
            QList<PgParam> all{PgParam::text(m_caseId), PgParam::text(QString::number(m_attachment))};
            return nurse2->exec(sql, all + params, &error).has_value();
        };
        // In another person's name: no privilege on the viewer column.
        QVERIFY(!insert("INSERT INTO rd.page_view(case_id, attachment_id, page, viewer) "
                        "VALUES ($1, $2::bigint, 4, $3)",
                        {PgParam::text(m_team.nurse)}));
        QCOMPARE(nurse2->sqlState(), QStringLiteral("42501"));
        // A page the attachment does not have.
        QVERIFY(
            !insert("INSERT INTO rd.page_view(case_id, attachment_id, page) VALUES ($1, $2::bigint, 6)", {}));
        QCOMPARE(nurse2->sqlState(), QStringLiteral("42501"));
        // Their own row is fine.
        QVERIFY2(
            insert("INSERT INTO rd.page_view(case_id, attachment_id, page) VALUES ($1, $2::bigint, 5)", {}),
            qPrintable(error));
        // Nobody changes or removes one, not even the owner of the schema.
        QVERIFY(!nurse2->command("UPDATE rd.page_view SET page = 4", &error));
        QCOMPARE(nurse2->sqlState(), QStringLiteral("42501"));
        QVERIFY(!nurse2->command("DELETE FROM rd.page_view", &error));
        QCOMPARE(nurse2->sqlState(), QStringLiteral("42501"));
        QVERIFY(!m_cluster.sql(QStringLiteral("DELETE FROM rd.page_view"), &error));
        QVERIFY2(error.contains(QLatin1String("insert-only")), qPrintable(error));
        QCOMPARE(pagesSeenBy(m_team.doctor), (QList<int>{1, 2, 3, 5}));
    }

    void migrationFromVersionThree()
    {
        QString error;
        const QString database = QStringLiteral("rd_coverage_v3");
        auto owner = m_cluster.workspaceAt(database, 3, &error);
        QVERIFY2(owner, qPrintable(error));
        QCOMPARE(WorkspaceSchema::version(*owner, &error), 3);
        // This app refuses the older schema until init has migrated it.
        QVERIFY(!Workspace::open(m_cluster.url(database, m_team.nurse), &error));
        QVERIFY2(error.contains(QLatin1String("older")), qPrintable(error));
        QVERIFY2(WorkspaceSchema::migrate(*owner, &error), qPrintable(error));
        QCOMPARE(WorkspaceSchema::version(*owner, &error), WorkspaceSchema::CurrentVersion);
        const auto exists = owner->exec("SELECT to_regclass('rd.page_view') IS NOT NULL", {}, &error);
        QVERIFY2(exists && exists->text(0, 0) == QLatin1String("t"), qPrintable(error));
        QVERIFY2(Workspace::open(m_cluster.url(database, m_team.nurse), &error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCoverage)
#include "tst_coverage.moc"
