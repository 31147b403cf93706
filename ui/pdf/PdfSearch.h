// Text search across several open documents, as a list model the UI can show while it fills.
//
// Pages are searched as their text arrives from the workers (several pages in flight per document,
// so both workers of a document extract in parallel); results are inserted in (document, page,
// position) order. Text already extracted (by an earlier search or by the viewer) is searched at once,
// so a second search of the same document does not go back to the workers. The GUI thread never waits.
#pragma once

#include "model/pdf/PdfDocument.h"
#include "model/pdf/protocol/PdfTypes.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QSet>

namespace rd {

class PdfDocument;

struct PdfSearchHit
{
    int document = 0; // index into the documents given to start()
    int page = 0;
    QList<QRectF> boxes; // points, see PdfTypes.h
    QString snippet;     // the match with some context, one line
    QString match;       // the matched words as the page has them
};

class PdfSearchModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles
    {
        DocumentRole = Qt::UserRole + 1,
        PageRole,
        BoxesRole,
        SnippetRole
    };

    explicit PdfSearchModel(QObject* parent = nullptr);
    ~PdfSearchModel() override;

    // Clears the results and searches documents for query. A document still opening joins when it is
    // ready; one that fails, needs a password or is deleted drops out. Empty query: no search.
    void start(const QList<PdfDocument*>& documents, const QString& query,
               Qt::CaseSensitivity sensitivity = Qt::CaseInsensitive);
    void cancel();
    bool isRunning() const { return m_running; }
    int pagesDone() const { return m_done; }
    // Pages whose text could not be extracted (the page failed in the worker).
    int pagesFailed() const { return m_failed; }

    const PdfSearchHit& hit(int row) const { return m_hits[row]; }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Plain-text matches of query in text (also used by the viewer's find-in-page).
    static QList<PdfSearchHit> searchPage(const PdfPageText& text, const QString& query,
                                          Qt::CaseSensitivity cs);

Q_SIGNALS:
    void progress(int pagesDone, int pagesTotal);
    void finished();

private:
    struct DocState
    {
        QPointer<PdfDocument> doc;
        int nextPage = 0;
        QHash<quint32, QSet<int>> inFlight; // request id -> pages not answered yet
        QList<QMetaObject::Connection> connections;
    };

    void pump(int docIndex);
    void pageDone(int docIndex, int page, bool failed);
    bool takePage(int docIndex, quint32 id, int page);
    void addHits(int docIndex, int page);
    void checkFinished();
    void disconnectAll();

    QList<DocState> m_docs;
    QList<PdfSearchHit> m_hits;
    QString m_query;
    Qt::CaseSensitivity m_cs = Qt::CaseInsensitive;
    int m_done = 0;
    int m_total = 0;
    int m_failed = 0;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace rd
