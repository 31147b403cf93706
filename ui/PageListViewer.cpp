#include "PageListViewer.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace rd {

namespace {
struct ReadResult
{
    bool ok = false;
    QString error;
};
} // namespace

PageListViewer::PageListViewer(QWidget* parent)
    : AttachmentViewer(parent)
    , m_stack(new QStackedWidget(this))
    , m_title(new QLabel(this))
    , m_page(new QSpinBox(this))
    , m_pageText(new QLabel(this))
    , m_highlight(new QLabel(this))
    , m_passage(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    auto* loading = new QLabel(tr("Opening the attachment…"), m_stack);
    loading->setAlignment(Qt::AlignCenter);

    auto* content = new QWidget(m_stack);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    auto* pageLabel = new QLabel(tr("&Page:"), content);
    pageLabel->setBuddy(m_page);
    m_page->setAccessibleName(tr("Page"));
    auto* previous = new QToolButton(content);
    previous->setArrowType(Qt::LeftArrow);
    previous->setToolTip(tr("Previous page"));
    previous->setAccessibleName(tr("Previous page"));
    auto* next = new QToolButton(content);
    next->setArrowType(Qt::RightArrow);
    next->setToolTip(tr("Next page"));
    next->setAccessibleName(tr("Next page"));
    connect(previous, &QToolButton::clicked, m_page, [this] { m_page->stepDown(); });
    connect(next, &QToolButton::clicked, m_page, [this] { m_page->stepUp(); });
    connect(m_page, &QSpinBox::valueChanged, this, [this](int page) {
        if (m_ready)
            showPage(page);
    });

    auto* sheet = new QFrame(content);
    sheet->setFrameShape(QFrame::StyledPanel);
    sheet->setBackgroundRole(QPalette::Base);
    sheet->setAutoFillBackground(true);
    m_pageText->setWordWrap(true);
    m_pageText->setAlignment(Qt::AlignCenter);
    m_pageText->setForegroundRole(QPalette::PlaceholderText);
    m_highlight->setWordWrap(true);
    m_highlight->setTextFormat(Qt::PlainText);
    m_highlight->setStyleSheet(
        QStringLiteral("background: #fff3b0; color: #202020; padding: 8px; border-radius: 3px;"));
    m_highlight->hide();
    auto* sheetLayout = new QVBoxLayout(sheet);
    sheetLayout->setContentsMargins(24, 24, 24, 24);
    sheetLayout->addStretch(1);
    sheetLayout->addWidget(m_pageText);
    sheetLayout->addSpacing(12);
    sheetLayout->addWidget(m_highlight);
    sheetLayout->addStretch(2);

    auto* passageLabel = new QLabel(tr("Pa&ssage to cite:"), content);
    passageLabel->setBuddy(m_passage);
    m_passage->setPlaceholderText(tr("Type or paste the passage from this page"));
    m_passage->setClearButtonEnabled(true);
    connect(m_passage, &QLineEdit::textChanged, this, &AttachmentViewer::selectionChanged);

    auto* nav = new QHBoxLayout;
    nav->addWidget(m_title, 1);
    nav->addWidget(pageLabel);
    nav->addWidget(previous);
    nav->addWidget(m_page);
    nav->addWidget(next);
    auto* passageRow = new QHBoxLayout;
    passageRow->addWidget(passageLabel);
    passageRow->addWidget(m_passage, 1);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(nav);
    contentLayout->addWidget(sheet, 1);
    contentLayout->addLayout(passageRow);

    m_error->setWordWrap(true);
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setTextFormat(Qt::PlainText);

    m_stack->addWidget(loading);
    m_stack->addWidget(content);
    m_stack->addWidget(m_error);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

PageListViewer::~PageListViewer() = default;

void PageListViewer::showAttachment(const QString& caseFilePath, const AttachmentInfo& info)
{
    m_info = info;
    m_ready = false;
    const quint64 generation = ++m_generation;
    m_stack->setCurrentIndex(0);
    m_passage->clear();
    m_highlight->hide();
    auto* watcher = new QFutureWatcher<ReadResult>(this);
    connect(watcher, &QFutureWatcher<ReadResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const ReadResult result = watcher->result();
        if (!result.ok) {
            setFailed(result.error);
            return;
        }
        m_ready = true;
        m_title->setText(m_info.fileName);
        const QSignalBlocker blocker(m_page);
        m_page->setRange(1, qMax(1, m_info.pageCount));
        m_page->setSuffix(tr(" of %1").arg(m_info.pageCount));
        m_page->setValue(1);
        m_stack->setCurrentIndex(1);
        showPage(1);
    });
    const qint64 id = info.id;
    const QString fileName = info.fileName;
    watcher->setFuture(QtConcurrent::run([caseFilePath, id, fileName] {
        ReadResult result;
        QString error;
        const auto bytes = CaseFile::readAttachment(caseFilePath, id, &error);
        if (!bytes) {
            result.error = error;
        } else if (!bytes->startsWith("%PDF-")) {
            result.error = tr("%1 is not a PDF document.").arg(fileName);
        } else {
            result.ok = true;
        }
        return result;
    }));
}

int PageListViewer::currentPage() const
{
    return m_ready ? m_page->value() : 0;
}

void PageListViewer::showPage(int page)
{
    m_pageText->setText(tr("Page %1 of %2\n\nPage images are not available in this build: read this page "
                           "in the original document, then type or paste the passage to cite below.")
                            .arg(page)
                            .arg(m_info.pageCount));
    m_highlight->hide();
    Q_EMIT pageShown(m_info.id, page);
}

void PageListViewer::showPassage(int page, const QRectF& rect, const QString& quote)
{
    if (!m_ready)
        return;
    {
        const QSignalBlocker blocker(m_page);
        m_page->setValue(page);
    }
    showPage(m_page->value());
    QString text = quote.isEmpty() ? tr("Cited area on page %1").arg(page) : tr("“%1”").arg(quote);
    if (!rect.isNull())
        text += tr("\n(area %1 × %2 pt at %3, %4)")
                    .arg(qRound(rect.width()))
                    .arg(qRound(rect.height()))
                    .arg(qRound(rect.x()))
                    .arg(qRound(rect.y()));
    m_highlight->setText(text);
    m_highlight->show();
}

std::optional<Evidence> PageListViewer::selection() const
{
    const QString quote = m_passage->text().simplified();
    if (!m_ready || quote.isEmpty())
        return std::nullopt;
    Evidence evidence;
    evidence.attachment = m_info.fileName;
    evidence.page = m_page->value();
    evidence.quote = quote;
    return evidence;
}

void PageListViewer::setSelectedText(const QString& text)
{
    m_passage->setText(text);
}

void PageListViewer::setFailed(const QString& message)
{
    m_error->setText(
        tr("This attachment cannot be shown.\n\n%1\n\nThe checklist stays available.").arg(message));
    m_stack->setCurrentIndex(2);
    Q_EMIT failed(m_info.fileName, message);
}

} // namespace rd
