// An open PDF, served by one or more reviewdesk-pdfworker processes (see PdfService.h).
//
// Requests return an id at once; the answer comes as pageRendered/textReady/requestFailed with that
// id. Requests wait in a queue ordered by priority; cancel() drops a queued request or aborts the
// running render (Poppler's abort callback). When a worker crashes, hangs past the time limit or hits
// its memory limit, it is killed and the request it was running fails with a message; the next request
// starts a new worker (so a "Retry" is just the same request again).
#pragma once

#include "model/pdf/PdfService.h"
#include "model/pdf/protocol/PdfProtocol.h"
#include "model/pdf/protocol/PdfTypes.h"

#include <QByteArray>
#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSizeF>
#include <QStringList>

#include <memory>
#include <vector>

namespace rd {

class PdfWorkerClient;

class PdfDocument : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Opening,
        NeedsPassword,
        Ready,
        Failed,
        Closed
    };
    Q_ENUM(State)

    // Lower runs first.
    // A search a reviewer started comes right after the pages on screen: it is what the reviewer waits
    // for, while thumbnails and prefetched pages are for later.
    enum Priority
    {
        PriorityVisible = 0,
        PrioritySearch = 1,
        PriorityThumbnail = 2,
        PriorityPrefetch = 3,
        PriorityBackground = 4
    };

    ~PdfDocument() override;

    State state() const { return m_state; }
    // Why the document is Failed or NeedsPassword (NeedsPassword / WrongPassword).
    PdfError error() const { return m_error; }
    QString displayName() const { return m_displayName; }
    QString filePath() const { return m_path; }
    int pageCount() const { return int(m_pageSizes.size()); }
    // Size in points of a page as displayed with its own /Rotate (rotation 0 of ours). Right after
    // opening with a first page (setFirstPage) every page has the first one's size until the worker
    // has measured them all: then pageSizesFinal() and, if any differs, pageSizesChanged().
    QSizeF pageSize(int page) const;
    bool pageSizesFinal() const { return m_pageSizesFinal; }

    // After NeedsPassword: try this password (the document goes back to Opening).
    void setPassword(const QByteArray& password);
    // After Failed: start again.
    void reopen();
    // Stops the workers; pending requests fail with Closed. Also done by the destructor (silently).
    void close();

    // How the viewer will show its first page. Its render request goes to the worker right behind
    // the open (no round trip; the worker measures the other pages after it), and a requestRender()
    // of that page at the same scale and rotation takes it over, whether still on its way or already
    // here. (When the viewer settles on another scale, e.g. because a later page is wider, it is
    // simply not taken.) Opens the document at once. Call it right after openFile()/openData(),
    // before the event loop runs; false when too late.
    bool setFirstPage(const PdfFirstPage& firstPage);

    // Render page at scale pixels per point, rotated by rotation quarter turns clockwise.
    quint32 requestRender(int page, double scale, int rotation = 0, int priority = PriorityVisible);
    // Extract the page's words (then text(page) has them). Answers at once (queued) when cached.
    quint32 requestText(int page, int priority = PriorityVisible);
    // The same for count pages from first in one round trip (search): one textReady or requestFailed
    // per page, all with the returned id.
    quint32 requestTextRange(int first, int count, int priority = PriorityBackground);
    // Drops a queued request or aborts a running one; no signal follows for that id.
    void cancel(quint32 id);

    // Whether Poppler reported errors while drawing page (a broken content stream, an image or font
    // it could not read) in any render so far: the page image may be incomplete although it came.
    // Known once the page has been rendered; pageProblems() has Poppler's first messages.
    bool hasPageProblems(int page) const { return m_pageProblems.contains(page); }
    QStringList pageProblems(int page) const { return m_pageProblems.value(page); }

    bool hasText(int page) const { return m_text.contains(page); }
    PdfPageText text(int page) const { return m_text.value(page); }

    // Tests and diagnostics: process ids of the running workers, time Poppler took for the last render.
    QList<qint64> workerProcessIds() const;
    double lastRenderMs() const { return m_lastRenderMs; }
    int renderRequestsSent() const { return m_renderRequestsSent; } // to workers, since opening
    int textRequestsSent() const { return m_textRequestsSent; }     // the same for text

Q_SIGNALS:
    void stateChanged(rd::PdfDocument::State state);
    void pageSizesChanged();
    void pageRendered(quint32 id, int page, double scale, int rotation, const QImage& image);
    void textReady(quint32 id, int page);
    void requestFailed(quint32 id, int page, const rd::PdfError& error);

private:
    friend class PdfService;
    PdfDocument(const PdfServiceOptions& options, const QString& path, const QByteArray& data,
                const QString& displayName, QObject* parent);

    enum class Kind
    {
        Render,
        Text
    };
    struct Request
    {
        quint32 id = 0;
        Kind kind = Kind::Render;
        int page = 0;
        int count = 1; // pages, for text
        double scale = 1.0;
        int rotation = 0;
        int priority = 0;
        quint64 seq = 0;
        bool cancelled = false;
        PdfFirstPage fit{-1};   // the first page: its scale comes from this fit
        bool unclaimed = false; // sent on our own (setFirstPage), no requestRender() took it yet
    };
    struct FirstPageResult
    {
        int page = -1;
        double scale = 0;
        int rotation = 0;
        QImage image;
    };
    struct Slot
    {
        PdfWorkerClient* client = nullptr;
        bool ready = false;     // document open in this worker
        quint32 openId = 0;     // id of the open request while opening
        QList<Request> running; // sent, not answered yet; the first one runs
    };

    void startOpening();
    Slot* spawnWorker();
    void dispatch();
    void onAnswered(PdfWorkerClient* client, quint32 id, pdfproto::MessageType type, const QByteArray& fields,
                    const QByteArray& data);
    void onDied(PdfWorkerClient* client, const QList<quint32>& inFlight, const PdfError& error);
    void onPageSizesMeasured(const QList<QSizeF>& sizes);
    pdfproto::Render renderRequest(const Request& r) const;
    static bool sameScale(double a, double b); // the same to a thousandth (PdfPageCache's key)
    Slot* slotFor(PdfWorkerClient* client);
    void removeSlot(PdfWorkerClient* client);
    void stopAllWorkers();
    // The page image of a Rendered answer: pixels in the worker's page buffer or in data. Null with
    // *error set when malformed or unmappable.
    QImage receiveImage(PdfWorkerClient* client, const pdfproto::Rendered& rendered, const QByteArray& data,
                        PdfError* error);
    bool failAllQueued(const PdfError& error); // false: a slot deleted this document
    void setState(State state);
    quint32 nextId();

    PdfServiceOptions m_options;
    QPointer<PdfService> m_service; // lends pre-started workers
    QString m_path;
    QByteArray m_data;
    QString m_fillProgressPath; // the file is still being filled (PdfService::openFilling)
    QString m_displayName;
    QByteArray m_password;
    State m_state = State::Opening;
    PdfError m_error;
    QList<QSizeF> m_pageSizes;
    std::vector<std::unique_ptr<Slot>> m_slots;
    QList<Request> m_queue;
    QHash<int, PdfPageText> m_text;
    QHash<int, QStringList> m_pageProblems;
    quint32 m_lastId = 0;
    quint64 m_seq = 0;
    double m_lastRenderMs = 0;
    int m_renderRequestsSent = 0;
    int m_textRequestsSent = 0;
    bool m_sharedPixels = true;
    PdfFirstPage m_firstPage{-1};
    bool m_openSent = false;
    bool m_pageSizesFinal = false;
    FirstPageResult m_firstPageResult; // arrived before anyone asked for it
    bool m_moreWorkersAllowed = false; // set a moment after Ready
    int m_reopenFailures = 0;          // workers that could not reopen the document since the last success
};

} // namespace rd
