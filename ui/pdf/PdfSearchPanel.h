// A search box, progress and results over one or more documents (PdfSearchModel). PdfViewer has one
// for its document; a case view can make one over all the case's documents.
#pragma once

#include "model/pdf/PdfDocument.h"
#include <QList>
#include <QPointer>
#include <QRectF>
#include <QWidget>

class QLineEdit;
class QListView;
class QProgressBar;
class QLabel;

namespace rd {

class PdfDocument;
class PdfSearchModel;

class PdfSearchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PdfSearchPanel(QWidget* parent = nullptr);

    void setDocuments(const QList<PdfDocument*>& documents);
    PdfSearchModel* model() const { return m_model; }
    QLineEdit* queryEdit() const { return m_query; }

public Q_SLOTS:
    void search(const QString& query);
    void cancel();

Q_SIGNALS:
    // The user picked a result.
    void hitActivated(rd::PdfDocument* document, int page, const QList<QRectF>& boxes);

private:
    QList<QPointer<PdfDocument>> m_documents;
    QList<QPointer<PdfDocument>> m_searched; // the documents of the current results, in model order
    PdfSearchModel* m_model;
    QLineEdit* m_query;
    QProgressBar* m_progress;
    QLabel* m_status;
    QListView* m_results;
};

} // namespace rd
