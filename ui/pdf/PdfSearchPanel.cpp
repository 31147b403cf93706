#include "ui/pdf/PdfSearchPanel.h"

#include "model/pdf/PdfDocument.h"
#include "ui/pdf/PdfSearch.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

PdfSearchPanel::PdfSearchPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new PdfSearchModel(this))
    , m_query(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_results(new QListView(this))
{
    m_query->setPlaceholderText(tr("Search text…"));
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
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);

    connect(m_query, &QLineEdit::returnPressed, this, [this] { search(m_query->text()); });
    connect(stop, &QPushButton::clicked, this, &PdfSearchPanel::cancel);
    connect(m_model, &PdfSearchModel::progress, this, [this, stop](int done, int total) {
        m_progress->setVisible(true);
        m_progress->setRange(0, qMax(1, total));
        m_progress->setValue(done);
        stop->setEnabled(true);
        m_status->setText(
            tr("%n result(s), page %1 of %2", nullptr, m_model->rowCount()).arg(done).arg(total));
    });
    connect(m_model, &PdfSearchModel::finished, this, [this, stop] {
        m_progress->setVisible(false);
        stop->setEnabled(false);
        QString text = tr("%n result(s)", nullptr, m_model->rowCount());
        if (m_model->pagesFailed() > 0)
            text += tr(" (%n page(s) could not be searched)", nullptr, m_model->pagesFailed());
        m_status->setText(text);
    });
    connect(m_results, &QListView::activated, this, [this](const QModelIndex& index) {
        const PdfSearchHit& hit = m_model->hit(index.row());
        PdfDocument* doc = hit.document < m_searched.size() ? m_searched[hit.document].data() : nullptr;
        if (doc)
            Q_EMIT hitActivated(doc, hit.page, hit.boxes);
    });
    connect(m_results, &QListView::clicked, m_results, &QListView::activated);
}

void PdfSearchPanel::setDocuments(const QList<PdfDocument*>& documents)
{
    cancel();
    m_documents.clear();
    for (PdfDocument* d : documents)
        m_documents.append(d);
    m_model->start({}, QString());
    m_status->clear();
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
    m_model->start(docs, query);
}

void PdfSearchPanel::cancel()
{
    m_model->cancel();
}

} // namespace rd
