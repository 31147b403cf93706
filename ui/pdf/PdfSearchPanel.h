// A search box, progress and results over one or more documents (PdfSearchModel). PdfViewer has one
// for its document; a case view can make one over all the case's documents.
// The first hit found becomes the current one at once (hitActivated); Enter in the box (the same
// query again), next() and previous() step through the hits, round the end.
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
class QTimer;

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
    // The row of the current hit, -1 when none.
    int currentHit() const;

public Q_SLOTS:
    void search(const QString& query);
    void cancel();
    void next();
    void previous();

Q_SIGNALS:
    // A hit became the current one (found first, stepped to, or picked): boxes in points, match the
    // matched words.
    void hitActivated(rd::PdfDocument* document, int page, const QList<QRectF>& boxes, const QString& match);

private:
    void step(int delta);
    void activate(const QModelIndex& index);
    void updateStatus();

    QList<QPointer<PdfDocument>> m_documents;
    QList<QPointer<PdfDocument>> m_searched; // the documents of the current results, in model order
    PdfSearchModel* m_model;
    QLineEdit* m_query;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_position; // "Result 3 of 12"
    QListView* m_results;
    QString m_lastQuery; // of the results shown
    QTimer* m_progressTimer;
    int m_progressDone = 0;
    int m_progressTotal = 0;
};

} // namespace rd
