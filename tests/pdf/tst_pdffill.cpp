// A PDF read while it is still being filled (PdfFillProgress): a reader waits for the chunks it needs and
// names them, and the real worker renders page 1 of a long record from a part of the file.
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfService.h"
#include "model/pdf/PdfWorkerClient.h"
#include "model/pdf/protocol/PdfFillProgress.h"
#include "model/pdf/protocol/PdfProtocol.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

#include <sys/mman.h>
#include <unistd.h>

using namespace rd;

class TestPdfFill : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readerWaitsForItsChunksAndNamesThem()
    {
        auto filler = PdfFillProgress::create(10 * 1024, 1024);
        QVERIFY(filler);
        QCOMPARE(filler->chunkCount(), 10);
        QString error;
        auto reader = PdfFillProgress::open(filler->path(), 10 * 1024, &error);
        QVERIFY2(reader, qPrintable(error));
        QCOMPARE(filler->wanted(), -1);

        std::atomic<int> result{-1};
        std::thread waiting([&] { result = reader->waitFor(2 * 1024 + 10, 3 * 1024 + 10) ? 1 : 0; });
        // It asks for the first chunk of its range that is missing.
        QTRY_COMPARE(filler->wanted(), 2);
        filler->markDone(2);
        QTRY_COMPARE(filler->wanted(), 3);
        QCOMPARE(result.load(), -1); // chunk 3 is not in yet
        filler->markDone(3);
        waiting.join();
        QCOMPARE(result.load(), 1);
        QVERIFY(reader->isDone(2) && reader->isDone(3) && !reader->isDone(4));
        QVERIFY(reader->waitFor(2 * 1024, 4 * 1024)); // in already: no wait

        // A fill that fails ends every wait with false.
        std::thread failing([&] { result = reader->waitFor(9 * 1024, 10 * 1024) ? 1 : 0; });
        QTRY_COMPARE(filler->wanted(), 9);
        filler->finish(false);
        failing.join();
        QCOMPARE(result.load(), 0);
    }

    void pageOfAnotherSizeIsRefused()
    {
        auto filler = PdfFillProgress::create(5000);
        QVERIFY(filler);
        QString error;
        QVERIFY(!PdfFillProgress::open(filler->path(), 5001, &error));
        QVERIFY(error.contains(QStringLiteral("does not describe")));
        QVERIFY(!PdfFillProgress::open(QStringLiteral("/nonexistent/progress"), 5000, &error));
    }

    // The worker opens big-500.pdf while only what it asks for is copied in: page 1 arrives before most
    // of the file is there.
    void firstPageFromPartOfTheFile()
    {
        QFile source(QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/big-500.pdf"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();
        const int fd = ::memfd_create("tst-pdffill", MFD_CLOEXEC);
        QVERIFY(fd >= 0);
        QVERIFY(::ftruncate(fd, bytes.size()) == 0);
        auto progress = PdfFillProgress::create(bytes.size());
        QVERIFY(progress);
        const auto copy = [&](int chunk) {
            const qint64 offset = qint64(chunk) * progress->chunkBytes();
            const qint64 count = qMin(progress->chunkBytes(), qint64(bytes.size()) - offset);
            QVERIFY(::pwrite(fd, bytes.constData() + offset, size_t(count), off_t(offset)) == count);
            progress->markDone(chunk);
        };

        PdfService service;
        const QString path = QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(fd);
        std::unique_ptr<PdfDocument> doc(
            service.openFilling(path, progress->path(), QStringLiteral("big-500.pdf"), nullptr));
        PdfFirstPage first;
        first.scale = 1.0;
        doc->setFirstPage(first);
        QSignalSpy rendered(doc.get(), &PdfDocument::pageRendered);
        // Copy only the chunks the worker waits for, until page 1 is there.
        int copied = 0;
        QElapsedTimer clock;
        clock.start();
        while (rendered.isEmpty() && clock.elapsed() < 30000) {
            const int wanted = progress->wanted();
            if (wanted >= 0 && !progress->isDone(wanted)) {
                copy(wanted);
                ++copied;
            }
            rendered.wait(2);
        }
        QVERIFY2(!rendered.isEmpty(), "page 1 did not arrive");
        QCOMPARE(doc->state(), PdfDocument::State::Ready);
        QCOMPARE(doc->pageCount(), 500);
        QVERIFY2(copied < progress->chunkCount() / 4,
                 qPrintable(QStringLiteral("%1 of %2 chunks").arg(copied).arg(progress->chunkCount())));
        doc.reset();
        ::close(fd);
    }

    // A request goes down the pipe when it is sent, not on the next turn of the event loop: the app
    // opens a case's record and then builds the checklist on the GUI thread for 20-30 ms, and the worker
    // must be opening the record meanwhile. Seen from outside the event loop: the worker, reading the
    // record, asks for its chunks while this thread never returns to the loop.
    void requestReachesTheWorkerWithoutTheEventLoop()
    {
        std::unique_ptr<PdfWorkerClient> worker(PdfService::startWorker(PdfServiceOptions{}, false, nullptr));
        QSignalSpy answered(worker.get(), &PdfWorkerClient::answered);
        pdfproto::Open first;
        first.path = QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/text-3pages.pdf");
        worker->send(1, first, {}, 30000);
        QVERIFY2(answered.wait(30000), "the worker did not answer its first open");
        QCOMPARE(answered.first().at(1).value<pdfproto::MessageType>(), pdfproto::MessageType::Opened);

        QFile source(QStringLiteral(REVIEWDESK_TEST_PDF_DIR "/text-3pages.pdf"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const int fd = ::memfd_create("tst-pdffill", MFD_CLOEXEC);
        QVERIFY(fd >= 0);
        QVERIFY(::ftruncate(fd, source.size()) == 0);
        auto progress = PdfFillProgress::create(source.size());
        QVERIFY(progress);
        pdfproto::Open filling;
        filling.path = QStringLiteral("/proc/%1/fd/%2").arg(::getpid()).arg(fd);
        filling.fillProgressPath = progress->path();
        worker->send(2, filling, {}, 30000);
        // No events processed from here on: only the pipe can have carried the request.
        QDeadlineTimer deadline(30000);
        while (progress->wanted() < 0 && !deadline.hasExpired())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        QVERIFY2(progress->wanted() >= 0, "the worker never saw the open while the event loop did not run");
        progress->finish(false);
        worker->stop();
        ::close(fd);
    }
};

QTEST_MAIN(TestPdfFill)
#include "tst_pdffill.moc"
