#include "ui/queue/QueueView.h"

#include "ui/queue/CaseQueueFilter.h"
#include "ui/queue/CaseQueueModel.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace rd {

void QueueView::setUpQueueTable(QTableView* table)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    table->setTabKeyNavigation(false);
}

QueueView::QueueView(QWidget* parent)
    : QWidget(parent)
    , m_model(new CaseQueueModel(this))
    , m_filter(new CaseQueueFilter(this))
    , m_table(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_folderLabel(new QLabel(this))
    , m_count(new QLabel(this))
    , m_countTimer(new QTimer(this))
    , m_empty(new QLabel(this))
{
    m_filter->setSourceModel(m_model);

    m_search->setPlaceholderText(tr("Search member, ID, code or reviewer (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search cases"));
    connect(m_search, &QLineEdit::textChanged, m_filter, &CaseQueueFilter::setSearchText);
    m_search->installEventFilter(this);

    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("Open cases"), -2);
    m_status->addItem(tr("All cases"), -1);
    for (CaseStatus status : {CaseStatus::New, CaseStatus::InReview, CaseStatus::PendedForInformation,
                              CaseStatus::AwaitingMedicalDirector, CaseStatus::Determined})
        m_status->addItem(CaseQueueModel::statusLabel(status), int(status));
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const int value = m_status->currentData().toInt();
        if (value == -2)
            m_filter->setStatusFilter(CaseQueueFilter::StatusFilter::Open);
        else if (value == -1)
            m_filter->setStatusFilter(CaseQueueFilter::StatusFilter::All);
        else
            m_filter->setStatusFilter(CaseQueueFilter::StatusFilter::Only, CaseStatus(value));
    });

    auto* statusLabel = new QLabel(tr("&Show:"), this);
    statusLabel->setBuddy(m_status);
    m_folderLabel->setObjectName(QStringLiteral("queueFolder"));
    m_folderLabel->setAccessibleName(tr("Folder of the queue"));
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_folderLabel->setForegroundRole(QPalette::PlaceholderText);

    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CaseQueueModel::DueColumn, Qt::AscendingOrder);
    setUpQueueTable(m_table);
    m_table->setAccessibleName(tr("Case queue"));
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(CaseQueueModel::MemberColumn, metrics.horizontalAdvance(QLatin1Char('x')) * 34);
    m_table->setColumnWidth(CaseQueueModel::CodesColumn, metrics.horizontalAdvance(QLatin1Char('x')) * 22);
    m_table->setColumnWidth(CaseQueueModel::UrgencyColumn, metrics.horizontalAdvance(QLatin1Char('x')) * 12);
    m_table->setColumnWidth(CaseQueueModel::ReceivedColumn, metrics.horizontalAdvance(QLatin1Char('x')) * 15);
    m_table->setColumnWidth(CaseQueueModel::DueColumn, metrics.horizontalAdvance(QLatin1Char('x')) * 44);
    m_table->setColumnWidth(CaseQueueModel::StatusColumn, metrics.horizontalAdvance(QLatin1Char('x')) * 26);
    // Sorting from the keyboard: Alt+Right / Alt+Left choose the column, Alt+Up / Alt+Down the order.
    const struct
    {
        QKeySequence keys;
        int column;    // relative step
        int ascending; // -1 keeps the order
    } sortKeys[] = {{QKeySequence(Qt::ALT | Qt::Key_Right), 1, -1},
                    {QKeySequence(Qt::ALT | Qt::Key_Left), -1, -1},
                    {QKeySequence(Qt::ALT | Qt::Key_Up), 0, 1},
                    {QKeySequence(Qt::ALT | Qt::Key_Down), 0, 0}};
    for (const auto& key : sortKeys) {
        auto* shortcut = new QShortcut(key.keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, step = key.column, ascending = key.ascending] {
            QHeaderView* header = m_table->horizontalHeader();
            const int columns = m_filter->columnCount();
            const int column = (header->sortIndicatorSection() + step + columns) % columns;
            const Qt::SortOrder order = ascending < 0 ? header->sortIndicatorOrder()
                                        : ascending   ? Qt::AscendingOrder
                                                      : Qt::DescendingOrder;
            m_table->sortByColumn(column, order);
            Q_EMIT statusMessage(tr("Sorted by %1, %2.")
                                     .arg(m_filter->headerData(column, Qt::Horizontal).toString(),
                                          order == Qt::AscendingOrder ? tr("ascending") : tr("descending")));
        });
    }
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        const QString path = index.data(CaseQueueModel::PathRole).toString();
        if (!path.isEmpty())
            Q_EMIT openRequested(path);
    });

    // The count beside the table says what a listing found; nothing in the status bar (how long it took
    // is for the benchmark, from loaded()).
    connect(m_model, &CaseQueueModel::loaded, this, [this] {
        updateCount();
        if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0)
            m_table->setCurrentIndex(m_filter->index(0, 0));
    });
    // Counted a moment after changes, once for a burst of them.
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(50);
    connect(m_countTimer, &QTimer::timeout, this, &QueueView::updateCount);
    connect(m_model, &QAbstractItemModel::dataChanged, m_countTimer, qOverload<>(&QTimer::start));
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &QueueView::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &QueueView::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &QueueView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &QueueView::updateCount);

    auto* top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addSpacing(12);
    top->addWidget(statusLabel);
    top->addWidget(m_status);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_folderLabel, 1);
    bottom->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setWordWrap(true);
    m_empty->hide();
    layout->addWidget(m_empty, 1);
    layout->addLayout(bottom);
    setFocusProxy(m_table);
}

void QueueView::setFolder(const QString& folder)
{
    m_model->setFolder(folder);
    const QString path = m_model->folder();
    // The tooltip has the whole path.
    const QString shown = shownFolder(path);
    m_folderLabel->setText(QDir(path).exists() ? shown : tr("%1 (folder not found)").arg(shown));
    m_folderLabel->setToolTip(QDir::toNativeSeparators(path));
    updateCount();
}

QString QueueView::shownFolder(const QString& path)
{
    const QString home = QDir::homePath();
    if (!home.isEmpty() && home != QDir::rootPath() &&
        (path == home || path.startsWith(home + QLatin1Char('/'))))
        return QLatin1Char('~') + QDir::toNativeSeparators(path.mid(home.size()));
    return QDir::toNativeSeparators(path);
}

QString QueueView::currentPath() const
{
    return m_table->currentIndex().data(CaseQueueModel::PathRole).toString();
}

void QueueView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

QByteArray QueueView::saveHeaderState() const
{
    return m_table->horizontalHeader()->saveState();
}

void QueueView::restoreHeaderState(const QByteArray& state)
{
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
}

bool QueueView::eventFilter(QObject* watched, QEvent* event)
{
    // From the search box, Down or Enter goes to the table (Enter on a single match opens it).
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (m_filter->rowCount() == 0)
                return true;
            if (!m_table->currentIndex().isValid())
                m_table->setCurrentIndex(m_filter->index(0, 0));
            m_table->setFocus(Qt::ShortcutFocusReason);
            if (key != Qt::Key_Down && m_filter->rowCount() == 1)
                Q_EMIT openRequested(m_filter->index(0, 0).data(CaseQueueModel::PathRole).toString());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QueueView::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    int overdue = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int row = 0; row < total; ++row) {
        // A pended case runs on its request-for-information clock.
        const auto clock = m_filter->informationClock(row);
        if (clock ? clock->respondBy < now
                  : m_model->index(row, 0).data(CaseQueueModel::OverdueRole).toBool())
            ++overdue;
    }
    QString text = shown == total ? tr("Cases: %1").arg(total) : tr("Cases: %1 of %2").arg(shown).arg(total);
    if (overdue > 0)
        text += tr(" · overdue: %1").arg(overdue);
    m_count->setText(text);
    // An empty table says why.
    const bool none = shown == 0 && !m_model->isLoading();
    if (none)
        m_empty->setText(total == 0
                             ? tr("No case files in this folder. Open another folder with Ctrl+Shift+O.")
                             : tr("No case matches the search or the status filter."));
    m_empty->setVisible(none);
    m_table->setVisible(!none);
}

} // namespace rd
