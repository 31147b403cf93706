// Robustness: every file of the shared hostile corpus (qpdf's test files and fuzzing reproducers)
// through the same open/render/extract path the viewer uses. Each file must end rendered, refused
// with a message, or asking for a password, within a bounded time; the test process must survive.
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfService.h"

#include <QDir>
#include <QElapsedTimer>
#include <QMap>
#include <QPointer>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>

using namespace rd;

namespace {

constexpr int PagesPerFile = 10;
constexpr int FileTimeLimitMs = 10000;

struct Counts
{
    int rendered = 0;  // opened, at least one page rendered
    int refused = 0;   // Poppler refused the file, or every page failed
    int encrypted = 0; // password needed
    int timedOut = 0;  // open or the whole file took longer than the limit
    int pagesRendered = 0;
    int pagesFailed = 0;
    QStringList messageless;
    QStringList slow;
    QMap<QString, int> reasons; // why files were refused
};

// Runs one file; calls done() once.
class FileRun : public QObject
{
    Q_OBJECT
public:
    FileRun(PdfService* service, const QString& path, Counts* counts)
        : m_path(path)
        , m_counts(counts)
    {
        m_timer.start();
        m_doc.reset(service->openFile(path));
        connect(m_doc.get(), &PdfDocument::stateChanged, this, &FileRun::onState);
        connect(m_doc.get(), &PdfDocument::pageRendered, this, [this] {
            ++m_counts->pagesRendered;
            ++m_rendered;
            answered();
        });
        connect(m_doc.get(), &PdfDocument::textReady, this, [this] { answered(); });
        connect(m_doc.get(), &PdfDocument::requestFailed, this, [this](quint32, int, const PdfError& e) {
            if (e.message.isEmpty())
                m_counts->messageless.append(QFileInfo(m_path).fileName());
            if (e.code == PdfError::Timeout)
                m_timeout = true;
            ++m_counts->pagesFailed;
            m_lastError = e.message;
            answered();
        });
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            ++m_counts->timedOut;
            finish();
        });
        m_deadline.start(FileTimeLimitMs + 2000);
    }
    bool isDone() const { return m_done; }

private:
    void onState(PdfDocument::State state)
    {
        if (m_done)
            return;
        if (state == PdfDocument::State::Ready) {
            const int pages = qMin(PagesPerFile, m_doc->pageCount());
            for (int p = 0; p < pages; ++p) {
                m_doc->requestRender(p, 1.0);
                m_doc->requestText(p);
                m_outstanding += 2;
            }
        } else if (state == PdfDocument::State::NeedsPassword) {
            ++m_counts->encrypted;
            finish();
        } else if (state == PdfDocument::State::Failed) {
            if (m_doc->error().message.isEmpty())
                m_counts->messageless.append(QFileInfo(m_path).fileName());
            if (m_doc->error().code == PdfError::Timeout) {
                ++m_counts->timedOut;
            } else {
                ++m_counts->refused;
                m_counts->reasons[m_doc->error().message] += 1;
            }
            finish();
        }
    }
    void answered()
    {
        if (m_done || --m_outstanding > 0)
            return;
        if (m_rendered > 0)
            ++m_counts->rendered;
        else if (m_timeout)
            ++m_counts->timedOut;
        else {
            ++m_counts->refused;
            m_counts->reasons[QStringLiteral("every page failed: ") + m_lastError] += 1;
        }
        finish();
    }
    void finish()
    {
        m_done = true;
        m_deadline.stop();
        if (m_timer.elapsed() > FileTimeLimitMs)
            m_counts->slow.append(
                QStringLiteral("%1 (%2 ms)").arg(QFileInfo(m_path).fileName()).arg(m_timer.elapsed()));
        m_doc->disconnect(this);
        m_doc.reset(); // kills its workers
    }

    QString m_path;
    Counts* m_counts;
    std::unique_ptr<PdfDocument> m_doc;
    QElapsedTimer m_timer;
    QTimer m_deadline;
    int m_outstanding = 0;
    int m_rendered = 0;
    bool m_timeout = false;
    QString m_lastError;
    bool m_done = false;
};

} // namespace

class TestPdfCorpus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFileRenderedOrRefused()
    {
        const QDir dir(QStringLiteral(REVIEWDESK_SOURCE_DIR "/../shared/corpus/qpdf"));
        if (!dir.exists())
            QSKIP("the shared corpus (../shared/corpus/qpdf) is not there");
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());

        PdfServiceOptions options;
        options.workersPerDocument = 1; // files run side by side instead
        options.openTimeoutMs = FileTimeLimitMs;
        options.requestTimeoutMs = FileTimeLimitMs;
        options.memoryLimitMiB = 1024;
        PdfService service(options);
        const int parallel = qMax(2, QThread::idealThreadCount());

        Counts counts;
        QList<FileRun*> running;
        qsizetype next = 0;
        QElapsedTimer total;
        total.start();
        while (next < files.size() || !running.isEmpty()) {
            for (qsizetype i = running.size() - 1; i >= 0; --i) {
                if (running[i]->isDone())
                    delete running.takeAt(i);
            }
            while (running.size() < parallel && next < files.size())
                running.append(new FileRun(&service, dir.filePath(files[next++]), &counts));
            QTest::qWait(2);
        }
        const int sum = counts.rendered + counts.refused + counts.encrypted + counts.timedOut;
        qInfo("corpus: %d files in %lld s: %d rendered, %d refused, %d encrypted, %d timed out; "
              "pages: %d rendered, %d failed",
              int(files.size()), total.elapsed() / 1000, counts.rendered, counts.refused, counts.encrypted,
              counts.timedOut, counts.pagesRendered, counts.pagesFailed);
        for (auto it = counts.reasons.cbegin(); it != counts.reasons.cend(); ++it)
            qInfo("refused, %d file(s): %s", it.value(), qPrintable(it.key()));
        for (const QString& s : std::as_const(counts.slow))
            qInfo("over the time limit (stopped): %s", qPrintable(s));
        QCOMPARE(sum, int(files.size()));
        QVERIFY2(counts.messageless.isEmpty(), qPrintable(counts.messageless.join(QLatin1Char(' '))));
        QVERIFY(counts.rendered > files.size() / 2);
    }

    // The CLI's synchronous probe gives up on a file that never finishes loading.
    void probeGivesUpOnHangingFile()
    {
        const QString path =
            QStringLiteral(REVIEWDESK_SOURCE_DIR "/../shared/corpus/qpdf/fuzz_qpdf_extra_69977a.fuzz");
        if (!QFileInfo::exists(path))
            QSKIP("the shared corpus (../shared/corpus/qpdf) is not there");
        PdfProbeResult result;
        qint64 elapsed = 0;
        QThread* thread = QThread::create([&] {
            QElapsedTimer t;
            t.start();
            result = PdfService::probe(path, {}, 3000);
            elapsed = t.elapsed();
        });
        thread->start();
        QVERIFY(thread->wait(20000));
        delete thread;
        QCOMPARE(result.error.code, PdfError::Timeout);
        QVERIFY(!result.error.message.isEmpty());
        QVERIFY(elapsed < 6000);
    }
};

QTEST_GUILESS_MAIN(TestPdfCorpus)
#include "tst_pdfcorpus.moc"
