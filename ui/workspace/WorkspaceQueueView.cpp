#include "ui/workspace/WorkspaceQueueView.h"

#include "ui/Palette.h"
#include "ui/queue/QueueView.h"
#include "ui/workspace/WorkspaceQueue.h"
#include "ui/workspace/WorkspaceQueueModel.h"
#include "ui/workspace/WorkspaceSettings.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

WorkspaceQueueView::WorkspaceQueueView(WorkspaceQueue* queue, QAction* takeNext, QWidget* parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_model(new WorkspaceQueueModel(queue, this))
    , m_table(new QTableView(this))
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_take(new QToolButton(this))
{
    setObjectName(QStringLiteral("workspaceQueue"));
    m_take->setDefaultAction(takeNext);
    m_take->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setObjectName(QStringLiteral("workspaceState"));

    m_table->setModel(m_model);
    QueueView::setUpQueueTable(m_table);
    m_table->setAccessibleName(tr("Team queue"));
    const int x = m_table->fontMetrics().horizontalAdvance(QLatin1Char('x'));
    m_table->setColumnWidth(WorkspaceQueueModel::CaseColumn, x * 40);
    m_table->setColumnWidth(WorkspaceQueueModel::MemberColumn, x * 30);
    m_table->setColumnWidth(WorkspaceQueueModel::DueColumn, x * 46);
    m_table->setColumnWidth(WorkspaceQueueModel::StatusColumn, x * 26);
    m_table->setColumnWidth(WorkspaceQueueModel::QueueColumn, x * 18);
    setFocusProxy(m_table);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT openRequested(index.data(WorkspaceQueueModel::CaseIdRole).toString());
    });

    auto* top = new QHBoxLayout;
    top->addWidget(m_take);
    top->addSpacing(12);
    top->addWidget(m_title, 1);
    top->addWidget(m_state);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    connect(m_queue, &WorkspaceQueue::entriesChanged, this, &WorkspaceQueueView::updateState);
    connect(m_queue, &WorkspaceQueue::reachableChanged, this, &WorkspaceQueueView::updateState);
    updateState();
}

void WorkspaceQueueView::setPerson(const QString& text)
{
    m_person = text;
    updateState();
}

QString WorkspaceQueueView::stateText() const
{
    return m_state->text();
}

QString WorkspaceQueueView::currentCaseId() const
{
    return m_table->currentIndex().data(WorkspaceQueueModel::CaseIdRole).toString();
}

void WorkspaceQueueView::updateState()
{
    const QString where = WorkspaceSettings::displayUrl(m_queue->url());
    m_title->setText(m_person.isEmpty() ? tr("Team workspace %1").arg(where)
                                        : tr("Team workspace %1 · %2").arg(where, m_person));
    QPalette colors = m_state->palette();
    if (!m_queue->isReachable()) {
        colors.setColor(QPalette::WindowText, palette::tone(palette::Tone::Bad));
        m_state->setText(tr("⚠ workspace unreachable: reconnecting by itself…"));
        m_state->setToolTip(m_queue->lastError());
    } else {
        colors.setColor(QPalette::WindowText, palette::muted());
        m_state->setText(tr("%n case(s), updated as they change", nullptr, int(m_queue->entries().size())));
        m_state->setToolTip(QString());
    }
    m_state->setPalette(colors);
}

} // namespace rd
