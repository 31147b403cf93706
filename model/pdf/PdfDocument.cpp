#include "model/pdf/PdfDocument.h"

#include "model/pdf/PdfTrace.h"
#include "model/pdf/PdfWorkerClient.h"
#include "model/pdf/protocol/PdfProtocol.h"

#include <QDataStream>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>

namespace rd {

using pdfproto::MessageType;

namespace {

constexpr int TextPipelineDepth = 3;

void deleteImageBuffer(void* info)
{
    delete static_cast<QByteArray*>(info);
}

} // namespace

PdfDocument::PdfDocument(const PdfServiceOptions& options, const QString& path, const QByteArray& data,
                         const QString& displayName, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_path(path)
    , m_data(data)
    , m_displayName(displayName.isEmpty() ? QFileInfo(path).fileName() : displayName)
    , m_sharedPixels(options.sharedMemoryPixels)
{
    qRegisterMetaType<rd::PdfError>();
    qRegisterMetaType<rd::PdfDocument::State>();
    // Start after the caller connected its slots.
    QTimer::singleShot(0, this, [this] { startOpening(); });
}

PdfDocument::~PdfDocument()
{
    stopAllWorkers();
}

QSizeF PdfDocument::pageSize(int page) const
{
    return page >= 0 && page < m_pageSizes.size() ? m_pageSizes[page] : QSizeF();
}

quint32 PdfDocument::nextId()
{
    if (++m_lastId == 0)
        m_lastId = 1;
    return m_lastId;
}

void PdfDocument::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void PdfDocument::startOpening()
{
    if (m_state != State::Opening || (m_openSent && !m_slots.empty()))
        return;
    stopAllWorkers();
    spawnWorker();
}

PdfDocument::Slot* PdfDocument::spawnWorker()
{
    auto slot = std::make_unique<Slot>();
    PdfWorkerClient* client = nullptr;
    if (m_service) {
        client = m_service->takeWorker(this);
    } else {
        const QString program =
            m_options.workerPath.isEmpty() ? PdfService::defaultWorkerPath() : m_options.workerPath;
        client = new PdfWorkerClient(program, PdfService::workerArguments(m_options), this);
        client->start();
    }
    slot->client = client;
    connect(client, &PdfWorkerClient::answered, this,
            [this, client](quint32 id, MessageType type, const QByteArray& fields, const QByteArray& data) {
                onAnswered(client, id, quint8(type), fields, data);
            });
    connect(client, &PdfWorkerClient::notified, this,
            [this](MessageType type, const QByteArray& fields) { onNotified(type, fields); });
    connect(client, &PdfWorkerClient::died, this,
            [this, client](const QList<quint32>& inFlight, const PdfError& error) {
                onDied(client, inFlight, error);
            });
    slot->openId = nextId();
    QByteArray fields;
    {
        QDataStream out(&fields, QIODevice::WriteOnly);
        out << m_path << m_password << !m_data.isNull();
        // With a first page to show, the sizes of the others come after it.
        quint8 sizes = pdfproto::SizesNotNeeded;
        if (m_state == State::Opening)
            sizes = m_firstPage.isValid() ? pdfproto::SizesAfterOpened : pdfproto::SizesInOpened;
        else if (!m_pageSizesFinal)
            sizes = pdfproto::SizesAfterOpened;
        out << sizes;
    }
    m_openSent = true;
    RD_PDF_TRACE("client open sent");
    Slot* raw = slot.get();
    m_slots.push_back(std::move(slot));
    if (client->isAlive()) {
        client->send(raw->openId, MessageType::Open, fields, m_data, m_options.openTimeoutMs);
        // The first page goes right behind the open (the worker takes requests in order): no round
        // trip between the two. Its scale comes from the fit, once the worker knows the page's size.
        if (m_state == State::Opening && m_firstPage.isValid()) {
            Request r;
            r.id = nextId();
            r.kind = Kind::Render;
            r.page = m_firstPage.page;
            r.scale = 0; // known when Opened gives the page's size
            r.rotation = m_firstPage.rotation & 3;
            r.fit = m_firstPage;
            r.unclaimed = true;
            r.seq = ++m_seq;
            raw->running.append(r);
            client->send(r.id, MessageType::Render, renderFields(r), {}, m_options.requestTimeoutMs);
            ++m_renderRequestsSent;
        }
    } else {
        // It failed at once (no executable): report it like any other death, from the event loop.
        const quint32 openId = raw->openId;
        QTimer::singleShot(0, this, [this, client, openId] {
            onDied(client, {openId},
                   PdfError::make(PdfError::WorkerMissing, QStringLiteral("cannot start the PDF worker")));
        });
    }
    return raw;
}

PdfDocument::Slot* PdfDocument::slotFor(PdfWorkerClient* client)
{
    for (auto& s : m_slots)
        if (s->client == client)
            return s.get();
    return nullptr;
}

void PdfDocument::removeSlot(PdfWorkerClient* client)
{
    auto it =
        std::find_if(m_slots.begin(), m_slots.end(), [client](const auto& s) { return s->client == client; });
    if (it == m_slots.end())
        return;
    client->stop();
    client->disconnect(this);
    client->setParent(nullptr); // not deleted under its own signal: the event loop deletes it
    client->deleteLater();
    m_slots.erase(it);
}

void PdfDocument::stopAllWorkers()
{
    for (auto& s : m_slots) {
        s->client->disconnect(this);
        s->client->stop();
        s->client->setParent(nullptr); // not deleted under its own signal: the event loop deletes it
        s->client->deleteLater();
    }
    m_slots.clear();
}

bool PdfDocument::failAllQueued(const PdfError& error)
{
    const QPointer<PdfDocument> self(this);
    const QList<Request> queue = std::exchange(m_queue, {});
    for (const Request& r : queue) {
        Q_EMIT requestFailed(r.id, r.page, error);
        if (!self)
            return false;
    }
    return true;
}

void PdfDocument::setPassword(const QByteArray& password)
{
    m_password = password;
    m_error = {};
    const QPointer<PdfDocument> self(this);
    setState(State::Opening);
    if (self)
        startOpening();
}

void PdfDocument::reopen()
{
    if (m_state != State::Failed && m_state != State::Closed)
        return;
    m_error = {};
    const QPointer<PdfDocument> self(this);
    setState(State::Opening);
    if (self)
        startOpening();
}

void PdfDocument::close()
{
    m_firstPageResult = {};
    stopAllWorkers();
    if (failAllQueued(PdfError::make(PdfError::Closed, QStringLiteral("the document was closed"))))
        setState(State::Closed);
}

bool PdfDocument::setFirstPage(const PdfFirstPage& firstPage)
{
    if (m_openSent || m_state != State::Opening)
        return false;
    m_firstPage = firstPage;
    // Nothing more to wait for: open now rather than from the event loop.
    startOpening();
    return true;
}

QByteArray PdfDocument::renderFields(const Request& r) const
{
    // Render (PdfProtocol.h); for the first page the scale is 0 and the fit decides.
    QByteArray fields;
    QDataStream out(&fields, QIODevice::WriteOnly);
    out << qint32(r.page) << r.scale << qint32(r.rotation) << m_sharedPixels;
    pdfproto::writeFirstPage(out, r.fit);
    return fields;
}

bool PdfDocument::sameScale(double a, double b)
{
    return qRound64(a * 1000.0) == qRound64(b * 1000.0);
}

quint32 PdfDocument::requestRender(int page, double scale, int rotation, int priority)
{
    rotation = ((rotation % 4) + 4) % 4;
    // The first page asked for with the open (setFirstPage): already here, or on its way.
    if (m_firstPageResult.page == page && m_firstPageResult.rotation == rotation &&
        sameScale(m_firstPageResult.scale, scale)) {
        const quint32 id = nextId();
        const FirstPageResult result = std::exchange(m_firstPageResult, FirstPageResult{});
        QTimer::singleShot(0, this, [this, id, result] {
            Q_EMIT pageRendered(id, result.page, result.scale, result.rotation, result.image);
        });
        return id;
    }
    if (m_firstPageResult.page == page)
        m_firstPageResult = {}; // asked for at another scale: not wanted
    for (auto& s : m_slots) {
        for (Request& running : s->running) {
            if (running.unclaimed && !running.cancelled && running.page == page &&
                running.rotation == rotation && running.scale > 0 && sameScale(running.scale, scale)) {
                running.unclaimed = false;
                return running.id;
            }
        }
    }
    Request r;
    r.id = nextId();
    r.kind = Kind::Render;
    r.page = page;
    r.scale = scale;
    r.rotation = ((rotation % 4) + 4) % 4;
    r.priority = priority;
    r.seq = ++m_seq;
    m_queue.append(r);
    QTimer::singleShot(0, this, [this] { dispatch(); });
    return r.id;
}

quint32 PdfDocument::requestText(int page, int priority)
{
    return requestTextRange(page, 1, priority);
}

quint32 PdfDocument::requestTextRange(int first, int count, int priority)
{
    Request r;
    r.id = nextId();
    r.kind = Kind::Text;
    r.page = first;
    r.count = qMax(1, count);
    r.priority = priority;
    r.seq = ++m_seq;
    if (r.count == 1 && m_text.contains(first)) {
        const quint32 id = r.id;
        QTimer::singleShot(0, this, [this, id, first] { Q_EMIT textReady(id, first); });
        return id;
    }
    m_queue.append(r);
    QTimer::singleShot(0, this, [this] { dispatch(); });
    return r.id;
}

void PdfDocument::cancel(quint32 id)
{
    // A range split after a crash sits in the queue as several requests with one id.
    if (m_queue.removeIf([id](const Request& r) { return r.id == id; }) > 0)
        return;
    for (auto& s : m_slots) {
        for (Request& r : s->running) {
            if (r.id == id && !r.cancelled) {
                r.cancelled = true;
                s->client->cancel(id);
            }
        }
    }
}

bool PdfDocument::isPending(quint32 id) const
{
    if (std::any_of(m_queue.begin(), m_queue.end(), [id](const Request& r) { return r.id == id; }))
        return true;
    return std::any_of(m_slots.begin(), m_slots.end(), [id](const auto& s) {
        return std::any_of(s->running.begin(), s->running.end(),
                           [id](const Request& r) { return r.id == id && !r.cancelled; });
    });
}

QList<qint64> PdfDocument::workerProcessIds() const
{
    QList<qint64> pids;
    for (const auto& s : m_slots)
        if (s->client->isAlive())
            pids.append(s->client->processId());
    return pids;
}

void PdfDocument::dispatch()
{
    if (m_state != State::Ready)
        return;
    // Slots connected to our signals may delete this document: check after each signal.
    const QPointer<PdfDocument> self(this);
    // Requests for pages that do not exist fail here, without a round trip.
    for (qsizetype i = 0; i < m_queue.size();) {
        if (m_queue[i].page < 0 || m_queue[i].page + m_queue[i].count > pageCount()) {
            const Request r = m_queue.takeAt(i);
            Q_EMIT requestFailed(
                r.id, r.page,
                PdfError::make(PdfError::BadRequest, QStringLiteral("no page %1").arg(r.page + 1)));
            if (!self || m_state != State::Ready)
                return;
        } else {
            ++i;
        }
    }
    while (!m_queue.isEmpty()) {
        const auto best =
            std::min_element(m_queue.begin(), m_queue.end(), [](const Request& a, const Request& b) {
                return a.priority != b.priority ? a.priority < b.priority : a.seq < b.seq;
            });
        // An idle worker; for text, also one that has only text in hand (a short pipeline hides the
        // round trip). Renders never wait behind another request inside a worker.
        Slot* target = nullptr;
        int opening = 0;
        for (auto& s : m_slots) {
            if (!s->ready) {
                ++opening;
                continue;
            }
            if (s->running.isEmpty()) {
                target = s.get();
                break;
            }
        }
        if (!target && best->kind == Kind::Text) {
            for (auto& s : m_slots) {
                if (s->ready && s->running.size() < TextPipelineDepth &&
                    std::all_of(s->running.begin(), s->running.end(),
                                [](const Request& r) { return r.kind == Kind::Text; }) &&
                    (!target || s->running.size() < target->running.size()))
                    target = s.get();
            }
        }
        if (!target) {
            // Start another worker when the queue is longer than what the opening ones will take.
            // An extra worker only while reopening works (the first one is always restarted).
            // Not while the first pages render: starting a process takes a core (the timer set on
            // Ready starts them a little later).
            const int wanted = m_reopenFailures < 2 ? qMax(1, m_options.workersPerDocument) : 1;
            if ((m_moreWorkersAllowed || m_slots.empty()) && int(m_slots.size()) < wanted &&
                m_queue.size() > opening)
                spawnWorker();
            return;
        }
        Request r = *best;
        m_queue.erase(best);
        if (r.kind == Kind::Render) {
            target->running.append(r);
            target->client->send(r.id, MessageType::Render, renderFields(r), {}, m_options.requestTimeoutMs);
            ++m_renderRequestsSent;
        } else {
            if (r.count == 1 && m_text.contains(r.page)) {
                Q_EMIT textReady(r.id, r.page);
                if (!self)
                    return;
                continue;
            }
            QByteArray fields;
            QDataStream out(&fields, QIODevice::WriteOnly);
            out << qint32(r.page) << qint32(r.count);
            target->running.append(r);
            target->client->send(r.id, MessageType::Text, fields, {}, m_options.requestTimeoutMs * r.count);
        }
    }
}

void PdfDocument::onAnswered(PdfWorkerClient* client, quint32 id, quint8 type, const QByteArray& fields,
                             const QByteArray& data)
{
    Slot* slot = slotFor(client);
    if (!slot)
        return;
    // Slots connected to our signals may delete this document: check after each signal.
    const QPointer<PdfDocument> self(this);
    QDataStream in(fields);
    const auto messageType = MessageType(type);

    if (id == slot->openId) {
        slot->openId = 0;
        if (messageType == MessageType::Opened) {
            // Read by hand, with the count checked against the bytes there are: the worker is not
            // trusted with the app's memory (QDataStream would reserve whatever count it claims).
            qint32 count = 0;
            quint8 complete = 0;
            in >> count >> complete;
            const QList<QSizeF> sizes = readSizes(in, count, fields.size());
            if (sizes.size() != count || in.status() != QDataStream::Ok) {
                slot->openId = id;
                onDied(client, {id},
                       PdfError::make(PdfError::LoadFailed, QStringLiteral("malformed answer")));
                return;
            }
            RD_PDF_TRACE("client opened");
            slot->ready = true;
            m_reopenFailures = 0;
            if (m_state == State::Opening) {
                m_pageSizes = sizes;
                m_pageSizesFinal = complete != 0;
                // The first page's render, sent behind the open, now has its scale.
                for (Request& r : slot->running)
                    if (r.fit.isValid() && r.page >= 0 && r.page < count)
                        r.scale = r.fit.scaleFor(sizes[r.page]);
                setState(State::Ready);
                if (!self)
                    return;
                // The other workers open the document soon (after the first pages had the processor),
                // so that two render in parallel and a search does not wait for a process to start.
                QTimer::singleShot(300, this, [this] {
                    m_moreWorkersAllowed = true;
                    while (m_state == State::Ready && m_reopenFailures < 2 &&
                           int(m_slots.size()) < m_options.workersPerDocument)
                        spawnWorker();
                });
            }
            dispatch();
            return;
        }
        qint32 code = PdfError::LoadFailed;
        QString message;
        in >> code >> message;
        const PdfError error = PdfError::make(PdfError::Code(code), message);
        if (m_state == State::Opening) {
            stopAllWorkers();
            m_error = error;
            setState(error.code == PdfError::NeedsPassword || error.code == PdfError::WrongPassword
                         ? State::NeedsPassword
                         : State::Failed);
        } else {
            ++m_reopenFailures;
            removeSlot(client);
            if (m_slots.empty())
                failAllQueued(error);
        }
        return;
    }

    if (slot->running.isEmpty() || slot->running.first().id != id)
        return;
    const Request r = slot->running.takeFirst();
    if (r.cancelled) {
        dispatch();
        return;
    }
    switch (messageType) {
    case MessageType::Rendered: {
        PdfError error;
        const QImage image = receiveImage(client, in, data, &error);
        double scale = 0;
        in >> scale;
        if (image.isNull()) {
            Q_EMIT requestFailed(r.id, r.page, error);
            break;
        }
        if (r.fit.isValid() && in.status() == QDataStream::Ok && scale > 0)
            scale = qBound(0.01, scale, 100.0);
        else
            scale = r.scale;
        RD_PDF_TRACE("client rendered %d", r.page + 1);
        if (r.unclaimed) // nobody asked for it yet: kept for the requestRender() that will
            m_firstPageResult = FirstPageResult{r.page, scale, r.rotation, image};
        Q_EMIT pageRendered(r.id, r.page, scale, r.rotation, image);
        break;
    }
    case MessageType::TextDone: {
        qint32 count = 0;
        in >> count;
        for (qint32 k = 0; k < qMin(count, r.count); ++k) {
            const int page = r.page + k;
            quint8 ok = 0;
            in >> ok;
            PdfPageText text;
            QString why;
            if (ok ? !pdfproto::readWords(in, &text) : (in >> why, in.status() != QDataStream::Ok)) {
                Q_EMIT requestFailed(
                    r.id, page,
                    PdfError::make(PdfError::RenderFailed, QStringLiteral("malformed text answer")));
                if (!self)
                    return;
                continue;
            }
            if (!ok) {
                Q_EMIT requestFailed(r.id, page, PdfError::make(PdfError::RenderFailed, why));
                if (!self)
                    return;
                continue;
            }
            text.page = page;
            m_text.insert(page, std::move(text));
            Q_EMIT textReady(r.id, page);
            if (!self)
                return;
        }
        break;
    }
    case MessageType::Failed: {
        qint32 code = PdfError::RenderFailed;
        QString message;
        in >> code >> message;
        for (int k = 0; k < r.count && code != PdfError::Cancelled && self; ++k)
            Q_EMIT requestFailed(r.id, r.page + k, PdfError::make(PdfError::Code(code), message));
        break;
    }
    default:
        Q_EMIT requestFailed(r.id, r.page,
                             PdfError::make(PdfError::RenderFailed, QStringLiteral("unexpected answer")));
    }
    if (self)
        dispatch();
}

QList<QSizeF> PdfDocument::readSizes(QDataStream& in, qint32 count, qsizetype fieldBytes)
{
    // Read by hand, with the count checked against the bytes there are: the worker is not trusted
    // with the app's memory (QDataStream would reserve whatever count it claims).
    QList<QSizeF> sizes;
    if (count <= 0 || count > fieldBytes / 16)
        return sizes;
    sizes.reserve(count);
    for (qint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        double w = 0;
        double h = 0;
        in >> w >> h;
        sizes.append(QSizeF(qBound(1.0, w, 14400.0), qBound(1.0, h, 14400.0)));
    }
    return sizes;
}

void PdfDocument::onNotified(pdfproto::MessageType type, const QByteArray& fields)
{
    if (type != MessageType::PageSizes || m_pageSizesFinal || m_state != State::Ready)
        return;
    QDataStream in(fields);
    qint32 count = 0;
    in >> count;
    const QList<QSizeF> sizes = readSizes(in, count, fields.size());
    if (in.status() != QDataStream::Ok || count != pageCount() || sizes.size() != count)
        return; // a worker that says otherwise is ignored: the first page's size stays the guess
    m_pageSizesFinal = true;
    RD_PDF_TRACE("client page sizes");
    if (sizes == m_pageSizes)
        return;
    m_pageSizes = sizes;
    Q_EMIT pageSizesChanged();
}

QImage PdfDocument::receiveImage(PdfWorkerClient* client, QDataStream& in, const QByteArray& data,
                                 PdfError* error)
{
    qint32 index = 0, width = 0, height = 0, bytesPerLine = 0, format = 0, shmFd = -1;
    qint64 shmSize = 0;
    double ms = 0;
    in >> index >> width >> height >> bytesPerLine >> format >> ms >> shmFd >> shmSize;
    m_lastRenderMs = ms;
    const qint64 bytes = qint64(bytesPerLine) * height;
    if (in.status() != QDataStream::Ok || width <= 0 || height <= 0 || bytesPerLine < width ||
        (shmFd < 0 && bytes > data.size()) || format <= QImage::Format_Invalid ||
        format >= QImage::NImageFormats) {
        *error = PdfError::make(PdfError::RenderFailed, QStringLiteral("malformed page image"));
        return {};
    }
    if (shmFd >= 0) {
        const QImage image =
            client->copySharedImage(shmFd, shmSize, width, height, bytesPerLine, QImage::Format(format));
        if (image.isNull()) {
            // /proc is not usable here: the pixels come over the pipe from now on.
            m_sharedPixels = false;
            *error =
                PdfError::make(PdfError::RenderFailed, QStringLiteral("could not map the page image; retry"));
        }
        return image;
    }
    // Pixels over the pipe: a read-only QImage over the received bytes, which it keeps alive (no
    // copy; painting a read-only image does not copy it either).
    auto* buffer = new QByteArray(data);
    return QImage(reinterpret_cast<const uchar*>(buffer->constData()), width, height, bytesPerLine,
                  QImage::Format(format), deleteImageBuffer, buffer);
}

void PdfDocument::onDied(PdfWorkerClient* client, const QList<quint32>& inFlight, const PdfError& error)
{
    Slot* slot = slotFor(client);
    if (!slot)
        return;
    const bool wasOpening = slot->openId != 0 && inFlight.contains(slot->openId);
    const QList<Request> running = slot->running;
    removeSlot(client);
    if (wasOpening) {
        if (m_state == State::Opening) {
            stopAllWorkers();
            m_error = PdfError::make(error.code,
                                     QStringLiteral("the PDF could not be opened: %1").arg(error.message));
            if (failAllQueued(m_error))
                setState(State::Failed);
            return;
        }
        ++m_reopenFailures;
        if (m_slots.empty()) {
            // A restarted worker could not reopen the document: fail what waits; a retry tries again.
            failAllQueued(error);
        }
        return;
    }
    // The request that was running fails; those waiting behind it in the worker go back to the queue.
    // A range of pages is split and retried page by page, so that only the guilty page fails.
    Request failed;
    for (qsizetype i = 0; i < running.size(); ++i) {
        const Request& r = running[i];
        if (r.cancelled)
            continue;
        if (i > 0) {
            m_queue.append(r);
        } else if (r.count > 1) {
            for (int k = 0; k < r.count; ++k) {
                Request single = r;
                single.page = r.page + k;
                single.count = 1;
                m_queue.append(single);
            }
        } else {
            failed = r;
        }
    }
    // Queued requests go on with a new worker (dispatch starts one).
    QTimer::singleShot(0, this, [this] { dispatch(); });
    if (failed.id != 0)
        Q_EMIT requestFailed(failed.id, failed.page, error); // last: a slot may delete this document
}

} // namespace rd
