#include "model/pdf/PdfService.h"

#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfImageMemory.h"
#include "model/pdf/PdfWorkerClient.h"
#include "model/pdf/protocol/PdfProtocol.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QTimer>

namespace rd {

using pdfproto::MessageType;

PdfService::PdfService(QObject* parent)
    : PdfService(PdfServiceOptions{}, parent)
{}

PdfService::PdfService(const PdfServiceOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
    m_spareTimer.setSingleShot(true);
    connect(&m_spareTimer, &QTimer::timeout, this, &PdfService::startSpare);
    if (m_options.keepSpareWorker) {
        m_spareTimer.start(0);
        // Likewise memory for the first page image (a letter page at about 100 %, HiDPI aside).
        if (!m_options.withoutDevices.contains(QStringLiteral("image-memory")))
            PdfImageMemory::prepare(8 * 1024 * 1024);
    }
}

bool PdfService::hasSpare() const
{
    return m_spare && m_spare->isAlive();
}

void PdfService::startSpare()
{
    if (m_spare && m_spare->isAlive())
        return;
    // Starting a process takes a core for about 30 ms: not while pages render or a search runs (a
    // search right after opening was 10-20 % slower), unless the workers have been busy for 5 s.
    if (!m_spareWanted.isValid())
        m_spareWanted.start();
    if (PdfWorkerClient::busyCount() > 0 && !m_spareWanted.hasExpired(5000)) {
        m_spareTimer.start(100);
        return;
    }
    m_spareWanted.invalidate();
    delete m_spare;
    // It renders a page of its own while it waits, so that the first real one is as fast as the next.
    m_spare = startWorker(m_options, !m_options.withoutDevices.contains(QStringLiteral("warm-up")), this);
}

PdfWorkerClient* PdfService::startWorker(const PdfServiceOptions& options, bool warmUp, QObject* parent)
{
    const QString program = options.workerPath.isEmpty() ? defaultWorkerPath() : options.workerPath;
    QStringList arguments = workerArguments(options);
    if (warmUp)
        arguments << QStringLiteral("--warm-up") << QStringLiteral("1");
    auto* client = new PdfWorkerClient(program, arguments, parent);
    client->setReadyImageMemory(!options.withoutDevices.contains(QStringLiteral("image-memory")));
    client->start();
    return client;
}

PdfWorkerClient* PdfService::takeWorker(QObject* parent)
{
    PdfWorkerClient* client = nullptr;
    if (m_spare && m_spare->isAlive()) {
        client = std::exchange(m_spare, nullptr);
        client->setParent(parent);
    } else {
        client = startWorker(m_options, false, parent);
    }
    // The next spare starts once this document had its turn at the processor.
    if (m_options.keepSpareWorker)
        m_spareTimer.start(500);
    return client;
}

PdfDocument* PdfService::openFile(const QString& path, QObject* parent)
{
    return openFile(path, QString(), parent);
}

PdfDocument* PdfService::openFile(const QString& path, const QString& displayName, QObject* parent)
{
    auto* doc = new PdfDocument(m_options, path, QByteArray(), displayName, parent);
    doc->m_service = this;
    return doc;
}

PdfDocument* PdfService::openFilling(const QString& path, const QString& fillProgressPath,
                                     const QString& displayName, QObject* parent)
{
    PdfDocument* doc = openFile(path, displayName, parent);
    doc->m_fillProgressPath = fillProgressPath;
    return doc;
}

PdfDocument* PdfService::openData(const QByteArray& data, const QString& displayName, QObject* parent)
{
    // A non-null QByteArray marks "from data" even when empty.
    QByteArray bytes = data.isNull() ? QByteArray("") : data;
    auto* doc = new PdfDocument(m_options, QString(), bytes, displayName, parent);
    doc->m_service = this;
    return doc;
}

QString PdfService::defaultWorkerPath()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("reviewdesk-pdfworker"));
}

QStringList PdfService::workerArguments(const PdfServiceOptions& options)
{
    QStringList args{QStringLiteral("--memory-limit-mib"), QString::number(options.memoryLimitMiB)};
    if (!options.withoutDevices.isEmpty())
        args << QStringLiteral("--without") << options.withoutDevices.join(QLatin1Char(','));
    return args + options.extraWorkerArguments;
}

PdfProbeResult PdfService::probe(const QString& path, const QByteArray& password, int timeoutMs,
                                 const QString& workerPath)
{
    PdfProbeResult result;
    const QDeadlineTimer deadline(timeoutMs);
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(workerPath.isEmpty() ? defaultWorkerPath() : workerPath,
                  workerArguments(PdfServiceOptions{}));
    if (!process.waitForStarted(int(qMax<qint64>(1, deadline.remainingTime())))) {
        result.error = PdfError::make(PdfError::WorkerMissing, QStringLiteral("cannot start the PDF worker"));
        return result;
    }
    pdfproto::Open open;
    open.path = path;
    open.password = password;
    open.sizes = pdfproto::SizesMode::NotNeeded; // only the count
    process.write(pdfproto::encode(1, open));
    auto finish = [&process] {
        process.kill();
        process.waitForFinished(1000);
    };
    for (;;) {
        if (process.bytesAvailable() >= pdfproto::FramePrefixBytes) {
            quint32 headerLength = 0;
            quint32 dataLength = 0;
            const QByteArray prefix = process.peek(pdfproto::FramePrefixBytes);
            if (!pdfproto::parsePrefix(prefix.constData(), &headerLength, &dataLength))
                break;
            if (process.bytesAvailable() >= pdfproto::FramePrefixBytes + qint64(headerLength) + dataLength) {
                process.skip(pdfproto::FramePrefixBytes);
                const auto header = pdfproto::splitHeader(process.read(headerLength));
                process.skip(dataLength);
                if (!header)
                    break;
                if (header->type == MessageType::Hello)
                    continue; // the worker is ready; the answer to the open follows
                if (header->type == MessageType::Opened) {
                    const auto opened = pdfproto::decode<pdfproto::Opened>(header->fields);
                    if (!opened)
                        break;
                    result.pageCount = int(opened->sizes.size());
                } else {
                    const auto failed = pdfproto::decode<pdfproto::Failed>(header->fields);
                    if (!failed)
                        break;
                    result.error = PdfError::make(failed->code, failed->message);
                }
                finish();
                return result;
            }
        }
        if (process.state() == QProcess::NotRunning) {
            result.error =
                PdfError::make(PdfError::WorkerCrashed,
                               QStringLiteral("the PDF worker crashed or ran out of memory on this file"));
            return result;
        }
        if (deadline.hasExpired()) {
            finish();
            result.error = PdfError::make(
                PdfError::Timeout,
                QStringLiteral("opening took longer than %1 s").arg(double(timeoutMs) / 1000.0));
            return result;
        }
        process.waitForReadyRead(int(qBound(qint64(1), deadline.remainingTime(), qint64(1000))));
    }
    finish();
    result.error =
        PdfError::make(PdfError::WorkerCrashed, QStringLiteral("the PDF worker sent a malformed answer"));
    return result;
}

} // namespace rd
