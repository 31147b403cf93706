#include "model/pdf/PdfWorkerClient.h"

#include "model/pdf/PdfImageMemory.h"
#include "model/pdf/PdfTrace.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rd {

using pdfproto::MessageType;

int PdfWorkerClient::s_busyCount = 0;

PdfWorkerClient::PdfWorkerClient(const QString& program, const QStringList& arguments, QObject* parent)
    : QObject(parent)
    , m_program(program)
    , m_arguments(arguments)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        die(PdfError::make(PdfError::Timeout,
                           QStringLiteral("the PDF worker did not answer within %1 s and was stopped")
                               .arg(double(m_timeoutMs) / 1000.0, 0, 'g', 3)));
    });
}

PdfWorkerClient::~PdfWorkerClient()
{
    stop();
}

PdfWorkerClient::SharedBuffer::~SharedBuffer()
{
    if (map)
        ::munmap(const_cast<uchar*>(map), size_t(size));
}

bool PdfWorkerClient::mapSharedBuffer(int fd, qint64 bufferSize)
{
    if (m_shared && fd == m_shared->fd && bufferSize == m_shared->size)
        return true;
    m_shared.reset();
    if (!m_process || fd < 0 || bufferSize <= 0)
        return false;
    const QByteArray path =
        "/proc/" + QByteArray::number(m_process->processId()) + "/fd/" + QByteArray::number(fd);
    const int local = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (local < 0)
        return false;
    struct stat st = {};
    void* map = MAP_FAILED;
    // Only a buffer sealed against shrinking: one cut short under the mapping would crash the app.
    const int seals = ::fcntl(local, F_GET_SEALS);
    if (seals >= 0 && (seals & F_SEAL_SHRINK) && ::fstat(local, &st) == 0 && st.st_size >= bufferSize)
        map = ::mmap(nullptr, size_t(bufferSize), PROT_READ, MAP_SHARED, local, 0);
    ::close(local);
    if (map == MAP_FAILED)
        return false;
    auto buffer = std::make_unique<SharedBuffer>();
    buffer->map = static_cast<const uchar*>(map);
    buffer->size = bufferSize;
    buffer->fd = fd;
    m_shared = std::move(buffer);
    RD_PDF_TRACE("client mapped the page buffer");
    return true;
}

QImage PdfWorkerClient::copySharedImage(int fd, qint64 bufferSize, int width, int height, int bytesPerLine,
                                        QImage::Format format)
{
    const qint64 bytes = qint64(bytesPerLine) * height;
    if (bytes > bufferSize || !mapSharedBuffer(fd, bufferSize))
        return {};
    QImage image = m_readyImageMemory ? PdfImageMemory::allocate(width, height, bytesPerLine, format)
                                      : QImage(width, height, format);
    if (image.isNull())
        return {};
    RD_PDF_TRACE("client allocated the image");
    const uchar* src = m_shared->map;
    if (image.bytesPerLine() == bytesPerLine) {
        std::memcpy(image.bits(), src, size_t(bytes));
    } else {
        const qsizetype row = qMin<qsizetype>(image.bytesPerLine(), bytesPerLine);
        for (int y = 0; y < height; ++y)
            std::memcpy(image.scanLine(y), src + qsizetype(y) * bytesPerLine, size_t(row));
    }
    RD_PDF_TRACE("client copied the image");
    return image;
}

void PdfWorkerClient::setReadyImageMemory(bool ready)
{
    m_readyImageMemory = ready;
}

void PdfWorkerClient::start()
{
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setReadChannel(QProcess::StandardOutput);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            die(PdfError::make(PdfError::WorkerMissing,
                               QStringLiteral("cannot start the PDF worker %1").arg(m_program)));
    });
    // Answers and the end of the process that QProcess reports inside flushWrites() are taken on the next
    // turn of the event loop: the caller of send() is never re-entered.
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        if (m_flushing)
            QMetaObject::invokeMethod(this, &PdfWorkerClient::onReadyRead, Qt::QueuedConnection);
        else
            onReadyRead();
    });
    // Requests sent while the process was starting go down the pipe as soon as it runs.
    connect(m_process, &QProcess::started, this, &PdfWorkerClient::flushWrites);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (m_flushing) {
            QMetaObject::invokeMethod(
                this, [this, code, status] { onFinished(code, status); }, Qt::QueuedConnection);
            return;
        }
        onFinished(code, status);
    });
    m_alive = true;
    m_process->start(m_program, m_arguments, QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void PdfWorkerClient::onFinished(int code, QProcess::ExitStatus status)
{
    if (status == QProcess::CrashExit)
        die(PdfError::make(PdfError::WorkerCrashed,
                           QStringLiteral("the PDF worker crashed or ran out of memory on this file")));
    else
        die(PdfError::make(PdfError::WorkerCrashed,
                           QStringLiteral("the PDF worker exited (status %1)").arg(code)));
}

qint64 PdfWorkerClient::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void PdfWorkerClient::sendFrame(quint32 id, const QByteArray& head, const QByteArray& data, int timeoutMs)
{
    Q_ASSERT(m_alive && id != 0);
    m_inFlight.append(InFlight{id, timeoutMs});
    countBusy(true);
    m_process->write(head);
    if (!data.isEmpty())
        m_process->write(data);
    if (m_inFlight.size() == 1) {
        m_timeoutMs = timeoutMs;
        m_timer.start(timeoutMs);
    }
    flushWrites();
}

void PdfWorkerClient::cancel(quint32 id)
{
    if (m_alive) {
        m_process->write(pdfproto::encode(0, pdfproto::Cancel{id}));
        flushWrites();
    }
}

void PdfWorkerClient::flushWrites()
{
    // QProcess only buffers a write; the pipe gets it on the next turn of the event loop. A request
    // sent while the GUI thread goes on to lay out and paint a case (20-30 ms) would wait for all of
    // that before the worker sees it. A write of what the pipe takes now, without blocking: a full pipe
    // (the worker busy reading a large frame) leaves the rest to the event loop, as before.
    if (m_process->state() != QProcess::Running || m_process->bytesToWrite() == 0)
        return;
    m_flushing = true;
    m_process->waitForBytesWritten(0);
    m_flushing = false;
}

void PdfWorkerClient::countBusy(bool busy)
{
    if (busy != m_countedBusy)
        s_busyCount += busy ? 1 : -1;
    m_countedBusy = busy;
}

void PdfWorkerClient::stop()
{
    m_timer.stop();
    m_alive = false;
    countBusy(false);
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            QCoreApplication* app = QCoreApplication::instance();
            // Only while an event loop runs to see it exit: at the end of the program (after exec()) and
            // in loops that never return to the event loop it is waited for, as before.
            if (app && m_process->thread() == app->thread() && QThread::currentThread() == app->thread() &&
                QThread::currentThread()->loopLevel() > 0 && !QCoreApplication::closingDown()) {
                // Reaped once it has exited, not waited for: the kernel takes 10-20 ms to tear down a
                // worker that held a long record, and the GUI thread spent them blocked when a case
                // closed. The application keeps it until then (and deletes it at exit at the latest).
                m_process->setParent(app);
                connect(m_process, &QProcess::finished, m_process, &QObject::deleteLater);
                m_process = nullptr;
                return;
            }
            m_process->waitForFinished(1000); // reaps the child; SIGKILL takes effect at once
        }
        m_process->deleteLater();
        m_process = nullptr;
    }
}

void PdfWorkerClient::die(const PdfError& error)
{
    if (!m_alive)
        return;
    QList<quint32> inFlight;
    for (const InFlight& f : std::as_const(m_inFlight))
        inFlight.append(f.id);
    m_inFlight.clear();
    stop();
    Q_EMIT died(inFlight, error);
}

void PdfWorkerClient::onReadyRead()
{
    RD_PDF_TRACE("client can read");
    const QPointer<PdfWorkerClient> self(this);
    while (m_alive && m_process->bytesAvailable() >= pdfproto::FramePrefixBytes) {
        const QByteArray prefix = m_process->peek(pdfproto::FramePrefixBytes);
        quint32 headerLength = 0;
        quint32 dataLength = 0;
        if (!pdfproto::parsePrefix(prefix.constData(), &headerLength, &dataLength) ||
            qint64(dataLength) > pdfproto::MaxAnswerDataBytes) {
            die(PdfError::make(PdfError::WorkerCrashed,
                               QStringLiteral("the PDF worker sent a malformed answer")));
            return;
        }
        const qint64 total = qint64(pdfproto::FramePrefixBytes) + headerLength + dataLength;
        if (m_process->bytesAvailable() < total)
            return;
        m_process->skip(pdfproto::FramePrefixBytes);
        const std::optional<pdfproto::Header> header = pdfproto::splitHeader(m_process->read(headerLength));
        QByteArray data = dataLength ? m_process->read(dataLength) : QByteArray();
        if (header && header->id == 0 && header->type == MessageType::Hello) {
            // The worker is ready; map its page buffer now, while nothing waits for it.
            const auto hello = pdfproto::decode<pdfproto::Hello>(header->fields);
            if (hello && hello->pageBufferFd >= 0 && hello->pageBufferSize > 0)
                mapSharedBuffer(hello->pageBufferFd, hello->pageBufferSize);
            continue;
        }
        if (header && header->id == 0 && header->type == MessageType::PageSizes) {
            if (const auto sizes = pdfproto::decode<pdfproto::PageSizes>(header->fields)) {
                Q_EMIT pageSizesMeasured(sizes->sizes);
                if (!self)
                    return;
            }
            continue;
        }
        if (!header || m_inFlight.isEmpty() || header->id != m_inFlight.first().id) {
            die(PdfError::make(PdfError::WorkerCrashed,
                               QStringLiteral("the PDF worker sent an unexpected answer")));
            return;
        }
        m_inFlight.removeFirst();
        if (m_inFlight.isEmpty()) {
            m_timer.stop();
            countBusy(false);
        } else {
            m_timeoutMs = m_inFlight.first().timeoutMs;
            m_timer.start(m_timeoutMs);
        }
        Q_EMIT answered(header->id, header->type, header->fields, data);
        if (!self)
            return;
    }
}

} // namespace rd
