#include "ui/pdf/PdfSearchPanel.h"

#include "model/pdf/PdfDocument.h"
#include "ui/pdf/PdfSearch.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace rd {

namespace {
constexpr int ProgressIntervalMs = 100;
} // namespace

PdfSearchPanel::PdfSearchPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new PdfSearchModel(this))
    , m_query(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_position(new QLabel(this))
    , m_results(new QListView(this))
    , m_progressTimer(new QTimer(this))
{
    m_query->setPlaceholderText(tr("Search text…"));
    m_query->setToolTip(tr("Enter: search, then the next result; F3 / Shift+F3: next / previous"));
    m_position->setVisible(false);
    m_query->setClearButtonEnabled(true);
    auto* stop = new QPushButton(tr("Stop"), this);
    stop->setEnabled(false);
    m_progress->setVisible(false);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_results->setModel(m_model);
    m_results->setWordWrap(true);
    m_results->setUniformItemSizes(false);
    m_results->setAlternatingRowColors(true);
    m_results->setSpacing(2);

    auto* row = new QHBoxLayout;
    row->addWidget(m_query, 1);
    row->addWidget(stop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_position);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);

    // Enter: the same query again steps to the next hit; another one searches.
    connect(m_query, &QLineEdit::returnPressed, this, [this] {
        if (m_query->text() == m_lastQuery && m_model->rowCount() > 0)
            next();
        else
            search(m_query->text());
    });
    connect(stop, &QPushButton::clicked, this, &PdfSearchPanel::cancel);
    // Progress comes page by page; shown at most every ProgressIntervalMs. Each display repaints the
    // whole side panel, and on an X server a search of 500 pages spent about a third of the GUI thread's
    // time painting the bar and the count.
    m_progressTimer->setSingleShot(true);
    m_progressTimer->setInterval(ProgressIntervalMs);
    const auto showProgress = [this, stop] {
        if (!m_model->isRunning())
            return;
        m_progress->setVisible(true);
        m_progress->setRange(0, qMax(1, m_progressTotal));
        m_progress->setValue(m_progressDone);
        stop->setEnabled(true);
        m_status->setText(tr("%n result(s), page %1 of %2", nullptr, m_model->rowCount())
                              .arg(m_progressDone)
                              .arg(m_progressTotal));
        updateStatus();
    };
    connect(m_progressTimer, &QTimer::timeout, this, showProgress);
    connect(m_model, &PdfSearchModel::progress, this, [this, showProgress](int done, int total) {
        m_progressDone = done;
        m_progressTotal = total;
        // The first display at once (the bar appears as the search starts), then on the timer.
        if (!m_progressTimer->isActive()) {
            m_progressTimer->start();
            if (m_progress->isHidden()) // not shown for this search yet (the panel itself may be hidden)
                showProgress();
        }
    });
    connect(m_model, &PdfSearchModel::finished, this, [this, stop] {
        m_progressTimer->stop();
        m_progress->setVisible(false);
        stop->setEnabled(false);
        QString text = tr("%n result(s)", nullptr, m_model->rowCount());
        if (m_model->pagesFailed() > 0)
            text += tr(" (%n page(s) could not be searched)", nullptr, m_model->pagesFailed());
        m_status->setText(text);
        updateStatus();
    });
    // The first hit found is shown at once; later ones wait for next() (rows inserted before the current
    // one move it along: the view's current index follows its row).
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_results->currentIndex().isValid())
            m_results->setCurrentIndex(m_model->index(0));
        updateStatus();
    });
    connect(m_results->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& index) {
                activate(index);
                updateStatus();
            });
    connect(m_results, &QListView::activated, this, &PdfSearchPanel::activate);
    connect(m_results, &QListView::clicked, this, &PdfSearchPanel::activate);
}

void PdfSearchPanel::activate(const QModelIndex& index)
{
    if (!index.isValid() || index.row() >= m_model->rowCount())
        return;
    const PdfSearchHit& hit = m_model->hit(index.row());
    PdfDocument* doc = hit.document < m_searched.size() ? m_searched[hit.document].data() : nullptr;
    if (doc)
        Q_EMIT hitActivated(doc, hit.page, hit.boxes, hit.match);
}

int PdfSearchPanel::currentHit() const
{
    return m_results->currentIndex().isValid() ? m_results->currentIndex().row() : -1;
}

void PdfSearchPanel::next()
{
    step(1);
}

void PdfSearchPanel::previous()
{
    step(-1);
}

void PdfSearchPanel::step(int delta)
{
    const int count = m_model->rowCount();
    if (count == 0)
        return;
    const int row = currentHit() < 0 ? 0 : (currentHit() + delta + count) % count;
    if (row == currentHit())
        activate(m_results->currentIndex()); // the only hit: show it again
    else
        m_results->setCurrentIndex(m_model->index(row));
}

void PdfSearchPanel::updateStatus()
{
    const int row = currentHit();
    m_position->setVisible(row >= 0);
    if (row >= 0)
        m_position->setText(tr("Result %1 of %2").arg(row + 1).arg(m_model->rowCount()));
}

void PdfSearchPanel::setDocuments(const QList<PdfDocument*>& documents)
{
    cancel();
    m_documents.clear();
    for (PdfDocument* d : documents)
        m_documents.append(d);
    m_model->start({}, QString());
    m_lastQuery.clear();
    m_status->clear();
    updateStatus();
}

void PdfSearchPanel::search(const QString& query)
{
    QList<PdfDocument*> docs;
    for (const auto& d : std::as_const(m_documents))
        if (d)
            docs.append(d);
    m_searched.clear();
    for (PdfDocument* d : std::as_const(docs))
        m_searched.append(d);
    m_lastQuery = query;
    m_model->start(docs, query);
    updateStatus();
}

void PdfSearchPanel::cancel()
{
    m_model->cancel();
}

} // namespace rd
