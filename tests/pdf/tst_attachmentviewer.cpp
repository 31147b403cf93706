// A case file's attachment shown through the PDF workers: copied once into a sealed memory file that
// every worker of the document opens (AttachmentFile), and checked against the SHA-256 the case file
// recorded once page 1 is there (PdfAttachmentViewer): an altered attachment leaves the screen.
#include "TestCases.h"
#include "model/casefile/AttachmentFile.h"
#include "model/casefile/CaseFile.h"
#include "model/pdf/PdfDocument.h"
#include "ui/case/PdfAttachmentViewer.h"
#include "ui/pdf/PdfViewer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

using namespace rd;

namespace {

QString pdf(const char* name)
{
    return QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/") + QLatin1String(name);
}

// A case file holding clinic-note.pdf (2 pages); the attachment's id in *id.
QString makeCase(const QTemporaryDir& dir, qint64* id)
{
    const QString path = dir.filePath(QStringLiteral("note.rdcase"));
    const CaseData data = test::sampleCase();
    QString error;
    auto file = CaseFile::create(path, data, test::actor(QStringLiteral("tester")), &error);
    if (!file || !file->addAttachment(QStringLiteral("clinic-note.pdf"), pdf("clinic-note.pdf"), 2,
                                      test::actor(QStringLiteral("tester")), &error))
        return {};
    *id = file->attachments().value(0).id;
    return path;
}

// Appends a comment to the attachment's bytes behind ReviewDesk's back: still a PDF, no longer the
// bytes that were recorded. The viewer may still be copying the rest of the attachment in a read
// transaction (page 1 is shown before the copy ends), so the write waits for that lock like any other
// writer would, instead of failing on SQLITE_BUSY when the machine is slow.
bool alter(const QString& path, qint64 id)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return false;
    sqlite3_busy_timeout(db, 60000);
    const QByteArray sql =
        "UPDATE attachment_data SET data = data || CAST('\n% altered\n' AS BLOB) WHERE attachment_id = " +
        QByteArray::number(id);
    const bool ok = sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

} // namespace

class TestAttachmentViewer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Each test gets a case file of its own holding clinic-note.pdf.
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = makeCase(*m_dir, &m_id);
        QVERIFY(!m_path.isEmpty());
    }

    void memoryFileIsSealedAndChecked()
    {
        const QString path = m_path;
        const qint64 id = m_id;
        QString error;
        const std::shared_ptr<AttachmentFile> file = AttachmentFile::read(path, id, &error);
        QVERIFY2(file, qPrintable(error));
        QVERIFY2(file->waitFilled(&error), qPrintable(error));
        QFile original(pdf("clinic-note.pdf"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QFile copy(file->path());
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), original.readAll());
        QCOMPARE(file->size(), original.size());
        QVERIFY(file->verify(&error));
        // Nobody changes it under the workers.
        const int fd = ::open(QFile::encodeName(file->path()).constData(), O_WRONLY);
        QVERIFY(fd < 0 || ::write(fd, "x", 1) < 0);
        if (fd >= 0)
            ::close(fd);

        QVERIFY(alter(path, id));
        const std::shared_ptr<AttachmentFile> altered = AttachmentFile::read(path, id, &error);
        QVERIFY(altered);
        QVERIFY(!altered->verify(&error));
        QVERIFY2(error.contains(QStringLiteral("clinic-note.pdf")) &&
                     error.contains(QStringLiteral("altered")),
                 qPrintable(error));
        QVERIFY(!AttachmentFile::read(path, id + 100, &error));
        QVERIFY(error.contains(QStringLiteral("no attachment")));
    }

    // A copy nobody reads to the end (a PDF whose page 1 never comes) still ends, so that it does not
    // keep its read transaction on the case file: a write to the case goes through.
    void unfinishedCopyDoesNotBlockWrites()
    {
        QString error;
        const std::shared_ptr<AttachmentFile> file = AttachmentFile::read(m_path, m_id, &error);
        QVERIFY2(file, qPrintable(error));
        auto writer = CaseFile::open(m_path, CaseFile::OpenMode::ReadWrite, &error);
        QVERIFY2(writer, qPrintable(error));
        QVERIFY2(writer->setStatus(CaseStatus::InReview, test::actor(QStringLiteral("tester")), &error),
                 qPrintable(error));
        QVERIFY2(file->waitFilled(&error), qPrintable(error));
    }

    void shownThenCheckedAgainstItsHash()
    {
        const QString path = m_path;
        const qint64 id = m_id;
        AttachmentInfo info;
        info.id = id;
        info.fileName = QStringLiteral("clinic-note.pdf");

        PdfAttachmentViewer viewer;
        viewer.resize(900, 700);
        viewer.show();
        QSignalSpy failed(&viewer, &AttachmentViewer::failed);
        viewer.showAttachment(path, info);
        QTRY_COMPARE_WITH_TIMEOUT(viewer.pageCount(), 2, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.pdfViewer()->pageView()->isPageSharp(0), 20000);
        QVERIFY(viewer.pdfViewer()->document()->filePath().startsWith(QStringLiteral("/proc/")));

        // Altered behind our back: page 1 may show for a moment, then the viewer says what is wrong.
        QVERIFY(alter(path, id));
        viewer.showAttachment(path, info);
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("clinic-note.pdf"));
        QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("altered")));
        QCOMPARE(viewer.pageCount(), 0);
        QVERIFY(!viewer.pdfViewer()->document());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    qint64 m_id = 0;
};

QTEST_MAIN(TestAttachmentViewer)
#include "tst_attachmentviewer.moc"
