// Extracts a document's text in the background while the reviewer reads, so that a search finds it
// already there (PdfDocument keeps each page's text): a search of a 500-page record then only matches
// what is in memory instead of waiting for every page's extraction after Enter.
//
// It starts a while after the first page is drawn (the first pages, the second worker and the spare
// go first), keeps at most two requests of 4 pages in flight at the lowest priority (a page turn waits
// at most for one small request), skips pages whose text is there, and stops for good at the first page
// that fails (a page that hangs Poppler costs its time limit once, not again in the background) or when
// the document leaves Ready (closed, or asking for a password: a search then extracts as it goes).
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace rd {

class PdfDocument;

class PdfTextPrefetch : public QObject
{
    Q_OBJECT
public:
    explicit PdfTextPrefetch(PdfDocument* document, QObject* parent = nullptr);

    // Every page's text is there, or it gave up (a page failed, the document closed).
    bool isFinished() const { return m_finished; }

    static constexpr int StartDelayMs = 500;
    static constexpr int InFlight = 2;
    static constexpr int PagesPerRequest = 4;

private:
    void pump();
    void finish();

    QPointer<PdfDocument> m_doc;
    QTimer m_start;
    QHash<quint32, QSet<int>> m_inFlight; // request id -> pages not answered yet
    int m_next = 0;
    bool m_finished = false;
};

} // namespace rd
