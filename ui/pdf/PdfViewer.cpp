#include "ui/pdf/PdfViewer.h"

#include "model/pdf/PdfDocument.h"
#include "ui/pdf/PdfPageCache.h"
#include "ui/pdf/PdfSearchPanel.h"
#include "ui/pdf/PdfTextPrefetch.h"
#include "ui/pdf/PdfThumbnailModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

namespace {
constexpr int FitWidthItem = 0;
constexpr int FitPageItem = 1;
const double ZoomSteps[] = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0};

QToolButton* toolButton(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAccessibleName(tip); // the text may be a symbol (−, +, ⟲, ⟳)
    b->setAutoRaise(true);
    return b;
}
} // namespace

PdfViewer::PdfViewer(QWidget* parent)
    : QWidget(parent)
    , m_cache(std::make_unique<PdfPageCache>())
{
    m_view = new PdfPageView(m_cache.get(), this);
    m_view->setAccessibleName(tr("Document"));
    m_thumbnails = new PdfThumbnailModel(m_cache.get(), this);
    m_thumbnailView = new QListView(this);
    m_thumbnailView->setModel(m_thumbnails);
    m_thumbnailView->setViewMode(QListView::IconMode);
    m_thumbnailView->setFlow(QListView::TopToBottom);
    m_thumbnailView->setWrapping(false);
    m_thumbnailView->setMovement(QListView::Static);
    m_thumbnailView->setUniformItemSizes(true);
    m_thumbnailView->setIconSize(
        QSize(PdfThumbnailModel::ThumbnailWidth, PdfThumbnailModel::ThumbnailWidth * 3 / 2));
    m_thumbnailView->setSpacing(4);
    m_thumbnailView->setAccessibleName(tr("Pages"));
    m_search = new PdfSearchPanel(this);
    m_side = new QTabWidget(this);
    m_side->addTab(m_thumbnailView, tr("Pages"));
    m_side->addTab(m_search, tr("Search"));
    m_side->setMinimumWidth(180);

    // Toolbar.
    m_page = new QSpinBox(this);
    m_page->setRange(1, 1);
    m_page->setToolTip(tr("Go to page"));
    m_page->setAccessibleName(tr("Page"));
    m_pageCount = new QLabel(this);
    m_zoomBox = new QComboBox(this);
    m_zoomBox->addItem(tr("Fit width"));
    m_zoomBox->addItem(tr("Fit page"));
    for (double z : ZoomSteps)
        m_zoomBox->addItem(QStringLiteral("%1 %").arg(z * 100), z);
    m_zoomBox->setEditable(true);
    m_zoomBox->setInsertPolicy(QComboBox::NoInsert);
    m_zoomBox->setAccessibleName(tr("Zoom"));
    auto* zoomOutButton = toolButton(QStringLiteral("−"), tr("Zoom out (Ctrl+wheel)"), this);
    auto* zoomInButton = toolButton(QStringLiteral("+"), tr("Zoom in (Ctrl+wheel)"), this);
    auto* rotateLeftButton = toolButton(QStringLiteral("⟲"), tr("Rotate left"), this);
    auto* rotateRightButton = toolButton(QStringLiteral("⟳"), tr("Rotate right"), this);
    m_textMode = toolButton(tr("Text"), tr("Select text"), this);
    m_regionMode = toolButton(tr("Area"), tr("Select an area (scanned pages) as evidence"), this);
    m_textMode->setCheckable(true);
    m_regionMode->setCheckable(true);
    m_textMode->setChecked(true);
    auto* copyButton = toolButton(tr("Copy"), tr("Copy the selected text"), this);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(new QLabel(tr("Page"), this));
    bar->addWidget(m_page);
    bar->addWidget(m_pageCount);
    bar->addSpacing(12);
    bar->addWidget(zoomOutButton);
    bar->addWidget(m_zoomBox);
    bar->addWidget(zoomInButton);
    bar->addSpacing(12);
    bar->addWidget(rotateLeftButton);
    bar->addWidget(rotateRightButton);
    bar->addSpacing(12);
    bar->addWidget(m_textMode);
    bar->addWidget(m_regionMode);
    bar->addWidget(copyButton);
    bar->addStretch(1);

    // Message page: opening, password, failure.
    auto* messagePage = new QWidget(this);
    m_message = new QLabel(messagePage);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_password = new QLineEdit(messagePage);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    m_password->setAccessibleName(tr("Password"));
    auto* unlock = new QPushButton(tr("Open"), messagePage);
    m_passwordRow = new QWidget(messagePage);
    auto* passwordLayout = new QHBoxLayout(m_passwordRow);
    passwordLayout->addStretch(1);
    passwordLayout->addWidget(m_password);
    passwordLayout->addWidget(unlock);
    passwordLayout->addStretch(1);
    m_retryOpen = new QToolButton(messagePage);
    m_retryOpen->setText(tr("Retry"));
    auto* messageLayout = new QVBoxLayout(messagePage);
    messageLayout->addStretch(1);
    messageLayout->addWidget(m_message);
    messageLayout->addWidget(m_passwordRow);
    messageLayout->addWidget(m_retryOpen, 0, Qt::AlignHCenter);
    messageLayout->addStretch(1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(messagePage);
    m_stack->addWidget(m_view);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_side);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 900});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    // Wiring.
    connect(m_page, &QSpinBox::editingFinished, this, [this] { setCurrentPage(m_page->value() - 1); });
    connect(m_view, &PdfPageView::currentPageChanged, this, [this](int page) {
        const QSignalBlocker block(m_page);
        m_page->setValue(page + 1);
        const QModelIndex index = m_thumbnails->index(page);
        m_thumbnailView->setCurrentIndex(index);
        m_thumbnailView->scrollTo(index);
        Q_EMIT currentPageChanged(page);
    });
    connect(m_thumbnailView, &QListView::clicked, this,
            [this](const QModelIndex& i) { setCurrentPage(i.row()); });
    // Thumbnails that scrolled away are not rendered any more.
    auto* thumbnailScroll = new QTimer(this);
    thumbnailScroll->setSingleShot(true);
    thumbnailScroll->setInterval(100);
    connect(m_thumbnailView->verticalScrollBar(), &QScrollBar::valueChanged, thumbnailScroll,
            qOverload<>(&QTimer::start));
    connect(thumbnailScroll, &QTimer::timeout, this, [this] {
        const QRect area = m_thumbnailView->viewport()->rect();
        const QModelIndex first = m_thumbnailView->indexAt(area.topLeft() + QPoint(area.width() / 2, 2));
        const QModelIndex last = m_thumbnailView->indexAt(area.bottomLeft() + QPoint(area.width() / 2, -2));
        const int from = first.isValid() ? first.row() : 0;
        const int to = last.isValid() ? last.row() : m_thumbnails->rowCount() - 1;
        m_thumbnails->cancelOutside(from - 2, to + 2);
    });
    connect(m_view, &PdfPageView::zoomChanged, this, &PdfViewer::updateZoomBox);
    connect(m_zoomBox, &QComboBox::activated, this, [this](int item) {
        if (item == FitWidthItem)
            setZoomMode(PdfPageView::ZoomMode::FitWidth);
        else if (item == FitPageItem)
            setZoomMode(PdfPageView::ZoomMode::FitPage);
        else
            setZoom(m_zoomBox->itemData(item).toDouble());
    });
    connect(m_zoomBox->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        QString text = m_zoomBox->lineEdit()->text();
        text.remove(QLatin1Char('%'));
        bool ok = false;
        const double percent = text.trimmed().toDouble(&ok);
        if (ok && percent > 0)
            setZoom(percent / 100.0);
        else
            updateZoomBox();
    });
    connect(zoomInButton, &QToolButton::clicked, this, &PdfViewer::zoomIn);
    connect(zoomOutButton, &QToolButton::clicked, this, &PdfViewer::zoomOut);
    connect(rotateLeftButton, &QToolButton::clicked, this, &PdfViewer::rotateLeft);
    connect(rotateRightButton, &QToolButton::clicked, this, &PdfViewer::rotateRight);
    connect(m_textMode, &QToolButton::clicked, this,
            [this] { setSelectionMode(PdfPageView::SelectionMode::Text); });
    connect(m_regionMode, &QToolButton::clicked, this,
            [this] { setSelectionMode(PdfPageView::SelectionMode::Region); });
    connect(copyButton, &QToolButton::clicked, this, &PdfViewer::copy);
    connect(m_view, &PdfPageView::regionSelected, this, &PdfViewer::regionSelected);
    connect(m_view, &PdfPageView::textSelected, this, &PdfViewer::textSelected);
    connect(m_search, &PdfSearchPanel::hitActivated, this,
            [this](PdfDocument* doc, int page, const QList<QRectF>& boxes, const QString& match) {
                if (doc != m_doc)
                    return;
                highlight(page, boxes);
                QRectF united;
                for (const QRectF& box : boxes)
                    united = united.united(box);
                Q_EMIT searchHitShown(page, united, match);
            });
    auto tryPassword = [this] {
        if (m_doc)
            m_doc->setPassword(m_password->text().toUtf8());
        m_password->clear();
    };
    connect(unlock, &QPushButton::clicked, this, tryPassword);
    connect(m_password, &QLineEdit::returnPressed, this, tryPassword);
    connect(m_retryOpen, &QToolButton::clicked, this, [this] {
        if (m_doc)
            m_doc->reopen();
    });
    const struct
    {
        QKeySequence keys;
        void (PdfViewer::*slot)();
    } shortcuts[] = {{QKeySequence::ZoomIn, &PdfViewer::zoomIn},
                     {QKeySequence::ZoomOut, &PdfViewer::zoomOut},
                     // Not Ctrl+R: the window routes the case with it (an ambiguous key does nothing).
                     {QKeySequence(Qt::CTRL | Qt::Key_Right), &PdfViewer::rotateRight},
                     {QKeySequence(Qt::CTRL | Qt::Key_Left), &PdfViewer::rotateLeft}};
    for (const auto& sc : shortcuts) {
        auto* shortcut = new QShortcut(sc.keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, sc.slot);
    }
    setDocument(nullptr);
}

PdfViewer::~PdfViewer()
{
    // The view and the thumbnails use the cache: let them go first.
    delete m_stack;
    delete m_side;
}

void PdfViewer::setDocument(PdfDocument* document)
{
    if (m_doc)
        m_doc->disconnect(this);
    m_doc = document;
    m_cache->clear();
    delete m_textPrefetch;
    m_textPrefetch = document && m_textPrefetchOn ? new PdfTextPrefetch(document, this) : nullptr;
    if (document && document->state() == PdfDocument::State::Opening) {
        m_view->setPlaceholderText(tr("Opening %1…").arg(document->displayName()));
        showPageView(); // before the view asks for its first page, at its size
    }
    m_view->setDocument(document);
    m_thumbnails->setDocument(document);
    m_search->setDocuments(document ? QList<PdfDocument*>{document} : QList<PdfDocument*>{});
    if (m_doc) {
        connect(m_doc, &PdfDocument::stateChanged, this, &PdfViewer::onStateChanged);
        // Deleted under us: show "No document" once it is gone (queued: never call into a dying object).
        connect(
            m_doc, &QObject::destroyed, this,
            [this] {
                if (!m_doc)
                    setDocument(nullptr);
            },
            Qt::QueuedConnection);
    }
    onStateChanged();
}

void PdfViewer::onStateChanged()
{
    m_passwordRow->setVisible(false);
    m_retryOpen->setVisible(false);
    if (!m_doc) {
        m_message->setText(tr("No document"));
        m_stack->setCurrentIndex(0);
        return;
    }
    switch (m_doc->state()) {
    case PdfDocument::State::Opening:
        // On the page view itself: it has its real size while the worker renders the first page
        // for it (PdfDocument::setFirstPage).
        m_view->setPlaceholderText(tr("Opening %1…").arg(m_doc->displayName()));
        showPageView();
        break;
    case PdfDocument::State::NeedsPassword:
        m_message->setText(m_doc->error().code == PdfError::WrongPassword
                               ? tr("Wrong password. This PDF is protected: enter its password.")
                               : tr("This PDF is protected: enter its password."));
        m_passwordRow->setVisible(true);
        m_stack->setCurrentIndex(0);
        m_password->setFocus();
        break;
    case PdfDocument::State::Failed:
    case PdfDocument::State::Closed:
        m_message->setText(
            tr("%1 could not be displayed: %2").arg(m_doc->displayName(), m_doc->error().message));
        m_retryOpen->setVisible(true);
        m_stack->setCurrentIndex(0);
        break;
    case PdfDocument::State::Ready:
        m_page->setRange(1, qMax(1, m_doc->pageCount()));
        m_pageCount->setText(tr("of %1").arg(m_doc->pageCount()));
        showPageView();
        break;
    }
}

void PdfViewer::showPageView()
{
    m_stack->setCurrentWidget(m_view);
    // A stacked widget sizes only its current page; this one may never have been current.
    if (m_view->geometry() != m_stack->contentsRect())
        m_view->setGeometry(m_stack->contentsRect());
}

int PdfViewer::currentPage() const
{
    return m_view->currentPage();
}

void PdfViewer::setCurrentPage(int page)
{
    m_view->goToPage(page);
}

void PdfViewer::setZoomMode(PdfPageView::ZoomMode mode)
{
    m_view->setZoomMode(mode);
    updateZoomBox();
}

void PdfViewer::setZoom(double zoom)
{
    m_view->setZoom(zoom);
    updateZoomBox();
}

double PdfViewer::zoom() const
{
    return m_view->zoom();
}

void PdfViewer::zoomIn()
{
    for (double z : ZoomSteps) {
        if (z > m_view->zoom() * 1.01) {
            setZoom(z);
            return;
        }
    }
}

void PdfViewer::zoomOut()
{
    for (auto it = std::rbegin(ZoomSteps); it != std::rend(ZoomSteps); ++it) {
        if (*it < m_view->zoom() * 0.99) {
            setZoom(*it);
            return;
        }
    }
}

void PdfViewer::updateZoomBox()
{
    const QSignalBlocker block(m_zoomBox);
    switch (m_view->zoomMode()) {
    case PdfPageView::ZoomMode::FitWidth:
        m_zoomBox->setCurrentIndex(FitWidthItem);
        break;
    case PdfPageView::ZoomMode::FitPage:
        m_zoomBox->setCurrentIndex(FitPageItem);
        break;
    case PdfPageView::ZoomMode::Custom:
        m_zoomBox->setCurrentIndex(-1);
        m_zoomBox->setEditText(QStringLiteral("%1 %").arg(qRound(m_view->zoom() * 100)));
        break;
    }
}

void PdfViewer::setRotation(int quarterTurns)
{
    m_view->setRotation(quarterTurns);
    m_thumbnails->setRotation(m_view->rotation());
}

int PdfViewer::rotation() const
{
    return m_view->rotation();
}

void PdfViewer::rotateLeft()
{
    setRotation(m_view->rotation() + 3);
}

void PdfViewer::rotateRight()
{
    setRotation(m_view->rotation() + 1);
}

void PdfViewer::setSelectionMode(PdfPageView::SelectionMode mode)
{
    m_view->setSelectionMode(mode);
    m_textMode->setChecked(mode == PdfPageView::SelectionMode::Text);
    m_regionMode->setChecked(mode == PdfPageView::SelectionMode::Region);
}

void PdfViewer::showEvidence(int page, const QRectF& rect, const QString& quote)
{
    m_view->showEvidence(page, rect, quote);
}

void PdfViewer::highlight(int page, const QList<QRectF>& boxes)
{
    m_view->highlight(page, boxes);
}

QString PdfViewer::selectedText() const
{
    return m_view->selectedText();
}

void PdfViewer::showSearch()
{
    m_side->setCurrentWidget(m_search);
    m_search->queryEdit()->setFocus();
    m_search->queryEdit()->selectAll();
}

void PdfViewer::findNext()
{
    m_search->next();
}

void PdfViewer::findPrevious()
{
    m_search->previous();
}

namespace {
bool isFindKey(QKeyEvent* event)
{
    return event->matches(QKeySequence::Find) || event->matches(QKeySequence::FindNext) ||
           event->matches(QKeySequence::FindPrevious);
}
} // namespace

bool PdfViewer::event(QEvent* event)
{
    // Taken as a key press here rather than by a shortcut of the window.
    if (event->type() == QEvent::ShortcutOverride && isFindKey(static_cast<QKeyEvent*>(event))) {
        event->accept();
        return true;
    }
    return QWidget::event(event);
}

void PdfViewer::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Find))
        showSearch();
    else if (event->matches(QKeySequence::FindNext))
        findNext();
    else if (event->matches(QKeySequence::FindPrevious))
        findPrevious();
    else
        QWidget::keyPressEvent(event);
}

void PdfViewer::copy()
{
    m_view->copySelection();
}

} // namespace rd
