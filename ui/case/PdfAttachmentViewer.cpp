#include "ui/case/PdfAttachmentViewer.h"

#include "model/casefile/AttachmentFile.h"
#include "model/pdf/PdfDocument.h"
#include "model/pdf/PdfService.h"
#include "ui/RunOnPool.h"
#include "ui/pdf/PdfPageView.h"
#include "ui/pdf/PdfSearchPanel.h"
#include "ui/pdf/PdfViewer.h"

#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <sys/resource.h>
#include <unistd.h>

namespace rd {

namespace {
struct ReadResult
{
    std::shared_ptr<AttachmentFile> file;
    QString error;
};
} // namespace

PdfAttachmentViewer::PdfAttachmentViewer(QWidget* parent)
    : AttachmentViewer(parent)
    , m_service(new PdfService(this))
    , m_viewer(new PdfViewer(this))
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_visibleTimer(new QTimer(this))
{
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setMargin(24);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_viewer);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    setFocusProxy(m_viewer);
    // A record is read page by page and searched a while later: its text is there by then.
    m_viewer->setTextPrefetch(true);
    // The page gets the width: the pages and search column at its narrowest.
    if (auto* split = m_viewer->findChild<QSplitter*>())
        split->setSizes({split->widget(0)->minimumWidth(), 10000});

    // Reading coverage: every page at least a third in view, a moment after scrolling stops.
    m_visibleTimer->setSingleShot(true);
    m_visibleTimer->setInterval(300);
    connect(m_visibleTimer, &QTimer::timeout, this, &PdfAttachmentViewer::reportVisiblePages);
    // A page counts as read once it is drawn cleanly: not while it renders, never when it failed or
    // Poppler reported errors drawing it (the view says so in its place: it may be blank or partial).
    connect(m_viewer, &PdfViewer::currentPageChanged, m_visibleTimer, qOverload<>(&QTimer::start));
    connect(m_viewer->pageView()->verticalScrollBar(), &QScrollBar::valueChanged, m_visibleTimer,
            qOverload<>(&QTimer::start));
    connect(m_viewer->pageView()->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            [this](int, int maximum) {
                if (maximum > 0)
                    applyPendingPassage();
            });
    connect(m_viewer, &PdfViewer::textSelected, this, &PdfAttachmentViewer::onSelected);
    // A search hit chosen with the keys (Enter in the results) is a selection to cite with C.
    connect(m_viewer->searchPanel(), &PdfSearchPanel::hitActivated, this,
            [this](PdfDocument* document, int page, const QList<QRectF>& boxes) {
                if (document != m_document || boxes.isEmpty())
                    return;
                QRectF rect;
                for (const QRectF& box : boxes)
                    rect = rect.united(box);
                const QString text = document->hasText(page) ? document->text(page).textIn(rect)
                                                             : m_viewer->searchPanel()->queryEdit()->text();
                onSelected(page, rect, text);
            });
    connect(m_viewer, &PdfViewer::regionSelected, this, &PdfAttachmentViewer::onSelected);
}

PdfAttachmentViewer::~PdfAttachmentViewer()
{
    m_viewer->setDocument(nullptr);
}

quint64 PdfAttachmentViewer::beginAttachment(const AttachmentInfo& info)
{
    // The old document goes first, so that nothing it still signals is taken for the new one.
    const quint64 generation = ++m_generation;
    m_visibleTimer->stop();
    m_pendingPassage.reset();
    if (PdfDocument* old = m_document) {
        m_document = nullptr;
        old->deleteLater();
    }
    m_viewer->setDocument(nullptr);
    m_file.reset();
    m_info = info;
    m_selection.reset();
    Q_EMIT selectionChanged();
    m_message->setText(tr("Opening %1…").arg(info.fileName));
    m_stack->setCurrentWidget(m_message);
    return generation;
}

void PdfAttachmentViewer::showAttachment(const QString& caseFilePath, const AttachmentInfo& info)
{
    const quint64 generation = beginAttachment(info);
    const qint64 id = info.id;
    auto read = [caseFilePath, id] {
        ReadResult result;
        result.file = AttachmentFile::read(caseFilePath, id, &result.error);
        return result;
    };
    runOnPool(this, read, [this, generation](const ReadResult& result) {
        if (generation != m_generation)
            return;
        if (!result.file) {
            setFailed(result.error);
            return;
        }
        openFile(generation, result.file);
    });
}

void PdfAttachmentViewer::showReadAttachment(const QString& caseFilePath, const AttachmentInfo& info,
                                             std::shared_ptr<AttachmentFile> readAhead)
{
    if (!readAhead) {
        showAttachment(caseFilePath, info);
        return;
    }
    openFile(beginAttachment(info), std::move(readAhead));
}

void PdfAttachmentViewer::openFile(quint64 generation, std::shared_ptr<AttachmentFile> file)
{
    m_file = std::move(file);
    // Every worker of the document opens the same memory file: no copy per worker, and the worker
    // reads only the parts page 1 needs, as soon as they are copied in.
    PdfDocument* document =
        m_service->openFilling(m_file->path(), m_file->fillProgressPath(), m_info.fileName, this);
    m_document = document;
    connect(document, &PdfDocument::pageRendered, m_visibleTimer, qOverload<>(&QTimer::start));
    // Queued: the PdfViewer lays its pages out on the same signal; we act after it.
    connect(
        document, &PdfDocument::stateChanged, this,
        [this, document](PdfDocument::State state) {
            if (document != m_document)
                return;
            if (state == PdfDocument::State::Ready) {
                m_stack->setCurrentWidget(m_viewer);
                m_visibleTimer->start();
            } else if (state == PdfDocument::State::Failed) {
                // A copy that failed explains the worker's failure better than the worker can.
                const QString copyError = m_file ? m_file->fillError() : QString();
                setFailed(copyError.isEmpty() ? document->error().message : copyError);
            } else if (state == PdfDocument::State::NeedsPassword) {
                m_stack->setCurrentWidget(m_viewer); // the viewer asks for it in place
            }
        },
        Qt::QueuedConnection); // after the viewer has taken the new state in
    // The bytes are checked against the SHA-256 the case file recorded once page 1 is there: hashing
    // a long record before it would make the first page wait on the record's size.
    connect(
        document, &PdfDocument::pageRendered, this, [this, generation] { verifyAttachment(generation); },
        Qt::SingleShotConnection);
    // The viewer says "Opening…" itself, and must have its real size when it asks for page 1.
    m_stack->setCurrentWidget(m_viewer);
    m_viewer->setDocument(document);
}

void PdfAttachmentViewer::verifyAttachment(quint64 generation)
{
    const std::shared_ptr<AttachmentFile> file = m_file;
    if (!file)
        return;
    // A thread of its own at a low priority: hashing a long record takes a core for a while, and the
    // pages the reviewer turns to meanwhile go first.
    auto error = std::make_shared<QString>();
    QThread* thread = QThread::create([file, error] {
        ::setpriority(PRIO_PROCESS, pid_t(::gettid()), 10);
        file->verify(error.get());
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, error, generation] {
        if (generation != m_generation || error->isEmpty())
            return;
        // Altered since it was added: nothing of it stays on screen.
        m_viewer->setDocument(nullptr);
        if (PdfDocument* old = m_document) {
            m_document = nullptr;
            old->deleteLater();
        }
        m_file.reset();
        setFailed(*error);
    });
    thread->start();
}

int PdfAttachmentViewer::currentPage() const
{
    if (!m_document || m_document->state() != PdfDocument::State::Ready)
        return 0;
    return m_viewer->currentPage() + 1;
}

int PdfAttachmentViewer::pageCount() const
{
    return m_document && m_document->state() == PdfDocument::State::Ready ? m_document->pageCount() : 0;
}

void PdfAttachmentViewer::showPassage(int page, const QRectF& rect, const QString& quote)
{
    if (currentPage() == 0 || page < 1)
        return;
    // A document that has just opened has no page geometry yet: the passage is shown once the
    // pages are laid out (the scroll range appears), or a moment later for a document that fits.
    m_pendingPassage = Evidence{m_info.fileName, page, quote, rect};
    if (m_viewer->pageView()->verticalScrollBar()->maximum() > 0) {
        applyPendingPassage();
        return;
    }
    const quint64 generation = m_generation;
    QTimer::singleShot(300, this, [this, generation] {
        if (generation == m_generation)
            applyPendingPassage();
    });
}

void PdfAttachmentViewer::scrollPage(bool forward)
{
    m_viewer->pageView()->verticalScrollBar()->triggerAction(forward ? QAbstractSlider::SliderPageStepAdd
                                                                     : QAbstractSlider::SliderPageStepSub);
}

void PdfAttachmentViewer::applyPendingPassage()
{
    if (!m_pendingPassage || currentPage() == 0)
        return;
    const Evidence passage = *std::exchange(m_pendingPassage, std::nullopt);
    m_viewer->showEvidence(passage.page - 1, passage.rect, passage.quote);
}

void PdfAttachmentViewer::reportVisiblePages()
{
    if (!m_document || m_document->state() != PdfDocument::State::Ready || !isVisible())
        return;
    PdfPageView* view = m_viewer->pageView();
    const QRect viewport = view->viewport()->rect();
    for (int page = 0; page < m_document->pageCount(); ++page) {
        const QRect rect = view->pageRectInViewport(page);
        if (rect.isEmpty() || rect.top() > viewport.bottom())
            continue;
        const QRect seen = rect.intersected(viewport);
        if (!seen.isEmpty() && seen.height() * 3 >= qMin(rect.height(), viewport.height()) &&
            !view->isPageFailed(page) && !view->isPageIncomplete(page) && view->isPageSharp(page))
            Q_EMIT pageShown(m_info.id, page + 1);
    }
}

void PdfAttachmentViewer::onSelected(int page, const QRectF& rect, const QString& text)
{
    Evidence evidence;
    evidence.attachment = m_info.fileName;
    evidence.page = page + 1;
    evidence.quote = text.simplified();
    evidence.rect = rect;
    m_selection = evidence;
    Q_EMIT selectionChanged();
}

void PdfAttachmentViewer::setFailed(const QString& message)
{
    m_message->setText(
        tr("%1 cannot be shown.\n\n%2\n\nThe checklist stays available.").arg(m_info.fileName, message));
    m_stack->setCurrentWidget(m_message);
    Q_EMIT failed(m_info.fileName, message);
}

} // namespace rd
