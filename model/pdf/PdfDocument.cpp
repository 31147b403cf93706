#include "model/pdf/PdfDocument.h"

#include "model/pdf/PdfTrace.h"
#include "model/pdf/PdfWorkerClient.h"
#include "model/pdf/protocol/PdfProtocol.h"

#include <QFileInfo>
#include <QThreadPool>
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
    // The words of a long record (every word with its box) take 10-15 ms to free at 2,000 pages: on the
    // pool, not on the GUI thread that is opening the next case.
    if (m_text.size() > 64)
        QThreadPool::globalInstance()->start([text = std::move(m_text)] { Q_UNUSED(text) });
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
        client = PdfService::startWorker(m_options, false, this);
    }
    slot->client = client;
    connect(client, &PdfWorkerClient::answered, this,
            [this, client](quint32 id, MessageType type, const QByteArray& fields, const QByteArray& data) {
                onAnswered(client, id, type, fields, data);
            });
    connect(client, &PdfWorkerClient::pageSizesMeasured, this, &PdfDocument::onPageSizesMeasured);
    connect(client, &PdfWorkerClient::died, this,
            [this, client](const QList<quint32>& inFlight, const PdfError& error) {
                onDied(client, inFlight, error);
            });
    slot->openId = nextId();
    pdfproto::Open open;
    open.path = m_path;
    open.password = m_password;
    open.fromData = !m_data.isNull();
    open.fillProgressPath = m_fillProgressPath;
    // With a first page to show, the sizes of the others come after it.
    open.sizes = pdfproto::SizesMode::NotNeeded;
    if (m_state == State::Opening)
        open.sizes = m_firstPage.isValid() ? pdfproto::SizesMode::AfterOpened : pdfproto::SizesMode::InOpened;
    else if (!m_pageSizesFinal)
        open.sizes = pdfproto::SizesMode::AfterOpened;
    m_openSent = true;
    RD_PDF_TRACE("client open sent");
    Slot* raw = slot.get();
    m_slots.push_back(std::move(slot));
    if (client->isAlive()) {
        client->send(raw->openId, open, m_data, m_options.openTimeoutMs);
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
            client->send(r.id, renderRequest(r), {}, m_options.requestTimeoutMs);
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

pdfproto::Render PdfDocument::renderRequest(const Request& r) const
{
    // For the first page the scale is 0 and the fit decides.
    return pdfproto::Render{r.page, r.scale, r.rotation, m_sharedPixels, r.fit};
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
            target->client->send(r.id, renderRequest(r), {}, m_options.requestTimeoutMs);
            ++m_renderRequestsSent;
        } else {
            if (r.count == 1 && m_text.contains(r.page)) {
                Q_EMIT textReady(r.id, r.page);
                if (!self)
                    return;
                continue;
            }
            target->running.append(r);
            target->client->send(r.id, pdfproto::Text{r.page, r.count}, {},
                                 m_options.requestTimeoutMs * r.count);
            ++m_textRequestsSent;
        }
    }
}

void PdfDocument::onAnswered(PdfWorkerClient* client, quint32 id, pdfproto::MessageType type,
                             const QByteArray& fields, const QByteArray& data)
{
    Slot* slot = slotFor(client);
    if (!slot)
        return;
    // Slots connected to our signals may delete this document: check after each signal.
    const QPointer<PdfDocument> self(this);

    if (id == slot->openId) {
        slot->openId = 0;
        if (type == MessageType::Opened) {
            const auto opened = pdfproto::decode<pdfproto::Opened>(fields);
            if (!opened) {
                slot->openId = id;
                onDied(client, {id},
                       PdfError::make(PdfError::LoadFailed, QStringLiteral("malformed answer")));
                return;
            }
            RD_PDF_TRACE("client opened");
            slot->ready = true;
            m_reopenFailures = 0;
            if (m_state == State::Opening) {
                m_pageSizes = opened->sizes;
                m_pageSizesFinal = opened->complete;
                // The first page's render, sent behind the open, now has its scale.
                for (Request& r : slot->running)
                    if (r.fit.isValid() && r.page >= 0 && r.page < pageCount())
                        r.scale = r.fit.scaleFor(m_pageSizes[r.page]);
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
        const auto failed = pdfproto::decode<pdfproto::Failed>(fields);
        const PdfError error = failed
                                   ? PdfError::make(failed->code, failed->message)
                                   : PdfError::make(PdfError::LoadFailed, QStringLiteral("malformed answer"));
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
    const PdfError malformed = PdfError::make(PdfError::RenderFailed, QStringLiteral("malformed answer"));
    switch (type) {
    case MessageType::Rendered: {
        const auto rendered = pdfproto::decode<pdfproto::Rendered>(fields);
        PdfError error = malformed;
        const QImage image = rendered ? receiveImage(client, *rendered, data, &error) : QImage();
        if (image.isNull()) {
            Q_EMIT requestFailed(r.id, r.page, error);
            break;
        }
        const double scale =
            r.fit.isValid() && rendered->scale > 0 ? qBound(0.01, rendered->scale, 100.0) : r.scale;
        RD_PDF_TRACE("client rendered %d", r.page + 1);
        if (rendered->problemCount > 0) // before the signal: a viewer asks at once
            m_pageProblems.insert(r.page,
                                  rendered->problems.isEmpty()
                                      ? QStringList{QStringLiteral("%1 errors").arg(rendered->problemCount)}
                                      : rendered->problems);
        if (r.unclaimed) // nobody asked for it yet: kept for the requestRender() that will
            m_firstPageResult = FirstPageResult{r.page, scale, r.rotation, image};
        Q_EMIT pageRendered(r.id, r.page, scale, r.rotation, image);
        break;
    }
    case MessageType::TextDone: {
        const auto done = pdfproto::decode<pdfproto::TextDone>(fields);
        for (int k = 0; k < r.count && self; ++k) {
            const int page = r.page + k;
            if (!done || k >= done->pages.size()) {
                Q_EMIT requestFailed(r.id, page, malformed);
                continue;
            }
            pdfproto::PageTextResult result = done->pages[k];
            if (!result.ok) {
                Q_EMIT requestFailed(r.id, page, PdfError::make(PdfError::RenderFailed, result.why));
                continue;
            }
            result.text.page = page;
            m_text.insert(page, std::move(result.text));
            Q_EMIT textReady(r.id, page);
        }
        break;
    }
    case MessageType::Failed: {
        const auto failed = pdfproto::decode<pdfproto::Failed>(fields);
        const PdfError error = failed ? PdfError::make(failed->code, failed->message) : malformed;
        for (int k = 0; k < r.count && error.code != PdfError::Cancelled && self; ++k)
            Q_EMIT requestFailed(r.id, r.page + k, error);
        break;
    }
    default:
        Q_EMIT requestFailed(r.id, r.page, malformed);
    }
    if (self)
        dispatch();
}

void PdfDocument::onPageSizesMeasured(const QList<QSizeF>& sizes)
{
    if (m_pageSizesFinal || m_state != State::Ready || sizes.size() != pageCount())
        return; // a worker that says otherwise is ignored: the first page's size stays the guess
    m_pageSizesFinal = true;
    RD_PDF_TRACE("client page sizes");
    if (sizes == m_pageSizes)
        return;
    m_pageSizes = sizes;
    Q_EMIT pageSizesChanged();
}

QImage PdfDocument::receiveImage(PdfWorkerClient* client, const pdfproto::Rendered& rendered,
                                 const QByteArray& data, PdfError* error)
{
    m_lastRenderMs = rendered.renderMs;
    if (rendered.pageBufferFd < 0 && rendered.bytes() > data.size()) {
        *error = PdfError::make(PdfError::RenderFailed, QStringLiteral("malformed page image"));
        return {};
    }
    const auto format = QImage::Format(rendered.format);
    if (rendered.pageBufferFd >= 0) {
        const QImage image =
            client->copySharedImage(rendered.pageBufferFd, rendered.pageBufferSize, rendered.width,
                                    rendered.height, rendered.bytesPerLine, format);
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
    return QImage(reinterpret_cast<const uchar*>(buffer->constData()), rendered.width, rendered.height,
                  rendered.bytesPerLine, format, deleteImageBuffer, buffer);
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
