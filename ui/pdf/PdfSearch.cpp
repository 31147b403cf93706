#include "ui/pdf/PdfSearch.h"

#include "model/pdf/PdfDocument.h"

#include <QTimer>

#include <algorithm>
#include <climits>

namespace rd {

namespace {
// Text requests in flight per document: enough to keep two workers busy.
constexpr int MaxInFlight = 8;
// Pages per text request: fewer round trips.
constexpr int PagesPerRequest = 4;
// Cached pages searched per event-loop turn.
constexpr int CachedPagesPerTurn = 64;
} // namespace

PdfSearchModel::PdfSearchModel(QObject* parent)
    : QAbstractListModel(parent)
{}

PdfSearchModel::~PdfSearchModel()
{
    cancel();
}

int PdfSearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant PdfSearchModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_hits.size())
        return {};
    const PdfSearchHit& h = m_hits[index.row()];
    switch (role) {
    case Qt::DisplayRole: {
        const PdfDocument* doc = h.document < m_docs.size() ? m_docs[h.document].doc.data() : nullptr;
        return QStringLiteral("%1, p. %2: %3")
            .arg(doc ? doc->displayName() : QString(), QString::number(h.page + 1), h.snippet);
    }
    case DocumentRole:
        return h.document;
    case PageRole:
        return h.page;
    case BoxesRole:
        return QVariant::fromValue(h.boxes);
    case SnippetRole:
        return h.snippet;
    default:
        return {};
    }
}

QHash<int, QByteArray> PdfSearchModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(DocumentRole, "document");
    names.insert(PageRole, "page");
    names.insert(BoxesRole, "boxes");
    names.insert(SnippetRole, "snippet");
    return names;
}

QList<PdfSearchHit> PdfSearchModel::searchPage(const PdfPageText& text, const QString& query,
                                               Qt::CaseSensitivity cs)
{
    QList<PdfSearchHit> hits;
    const QString needle = query.simplified();
    if (needle.isEmpty())
        return hits;
    QString plain = text.plainText();
    plain.replace(QLatin1Char('\n'), QLatin1Char(' '));
    for (qsizetype pos = plain.indexOf(needle, 0, cs); pos >= 0; pos = plain.indexOf(needle, pos + 1, cs)) {
        PdfSearchHit h;
        h.page = text.page;
        h.boxes = text.boxesForRange(pos, pos + needle.size());
        h.match = plain.mid(pos, needle.size());
        const qsizetype from = qMax<qsizetype>(0, pos - 40);
        const qsizetype to = qMin(plain.size(), pos + needle.size() + 40);
        h.snippet = (from > 0 ? QStringLiteral("…") : QString()) + plain.mid(from, to - from) +
                    (to < plain.size() ? QStringLiteral("…") : QString());
        hits.append(std::move(h));
    }
    return hits;
}

void PdfSearchModel::disconnectAll()
{
    for (DocState& d : m_docs) {
        for (const auto& c : d.connections)
            disconnect(c);
        if (d.doc)
            for (auto it = d.inFlight.cbegin(); it != d.inFlight.cend(); ++it)
                d.doc->cancel(it.key());
        d.inFlight.clear();
    }
}

void PdfSearchModel::cancel()
{
    disconnectAll();
    ++m_generation;
    if (m_running) {
        m_running = false;
        Q_EMIT finished();
    }
}

void PdfSearchModel::start(const QList<PdfDocument*>& documents, const QString& query, Qt::CaseSensitivity cs)
{
    cancel();
    beginResetModel();
    m_hits.clear();
    m_docs.clear();
    endResetModel();
    m_query = query;
    m_cs = cs;
    m_done = m_total = m_failed = 0;
    if (query.simplified().isEmpty())
        return;
    m_running = true;
    for (PdfDocument* doc : documents) {
        DocState d;
        d.doc = doc;
        m_total += doc->state() == PdfDocument::State::Ready ? doc->pageCount() : 0;
        m_docs.append(d);
    }
    for (int i = 0; i < m_docs.size(); ++i) {
        PdfDocument* doc = m_docs[i].doc;
        m_docs[i].connections.append(
            connect(doc, &PdfDocument::textReady, this, [this, i](quint32 id, int page) {
                if (takePage(i, id, page)) {
                    pageDone(i, page, false);
                    pump(i);
                    checkFinished();
                }
            }));
        m_docs[i].connections.append(
            connect(doc, &PdfDocument::requestFailed, this, [this, i](quint32 id, int page, const PdfError&) {
                if (takePage(i, id, page)) {
                    pageDone(i, page, true);
                    pump(i);
                    checkFinished();
                }
            }));
        // A document still opening joins the search when it is ready (or drops out).
        m_docs[i].connections.append(
            connect(doc, &PdfDocument::stateChanged, this, [this, i](PdfDocument::State state) {
                DocState& d = m_docs[i];
                if (d.nextPage != 0 || !d.inFlight.isEmpty() || state == PdfDocument::State::Opening)
                    return;
                if (state == PdfDocument::State::Ready) {
                    m_total += d.doc->pageCount();
                    Q_EMIT progress(m_done, m_total);
                    pump(i);
                } else {
                    d.nextPage = INT_MAX;
                }
                checkFinished();
            }));
        m_docs[i].connections.append(connect(doc, &QObject::destroyed, this, [this, i] {
            m_docs[i].inFlight.clear();
            m_docs[i].nextPage = INT_MAX;
            checkFinished();
        }));
    }
    Q_EMIT progress(0, m_total);
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation != m_generation)
            return;
        for (int i = 0; i < m_docs.size(); ++i)
            pump(i);
        checkFinished();
    });
}

void PdfSearchModel::pump(int docIndex)
{
    DocState& d = m_docs[docIndex];
    if (d.doc && d.doc->state() == PdfDocument::State::Opening)
        return; // see stateChanged in start()
    if (!d.doc || d.doc->state() != PdfDocument::State::Ready) {
        d.nextPage = INT_MAX;
        return;
    }
    const int count = d.doc->pageCount();
    int cachedThisTurn = 0;
    while (d.nextPage < count && d.inFlight.size() < MaxInFlight) {
        const int page = d.nextPage++;
        if (d.doc->hasText(page)) {
            pageDone(docIndex, page, false);
            if (++cachedThisTurn >= CachedPagesPerTurn) {
                // Let the event loop breathe, then go on.
                const quint64 generation = m_generation;
                QTimer::singleShot(0, this, [this, docIndex, generation] {
                    if (generation == m_generation) {
                        pump(docIndex);
                        checkFinished();
                    }
                });
                return;
            }
            continue;
        }
        // A run of pages not extracted yet goes in one request.
        QSet<int> pages{page};
        while (pages.size() < PagesPerRequest && d.nextPage < count && !d.doc->hasText(d.nextPage))
            pages.insert(d.nextPage++);
        d.inFlight.insert(d.doc->requestTextRange(page, int(pages.size()), PdfDocument::PrioritySearch),
                          pages);
    }
}

bool PdfSearchModel::takePage(int docIndex, quint32 id, int page)
{
    DocState& d = m_docs[docIndex];
    const auto it = d.inFlight.find(id);
    if (it == d.inFlight.end() || !it->remove(page))
        return false;
    if (it->isEmpty())
        d.inFlight.erase(it);
    return true;
}

void PdfSearchModel::addHits(int docIndex, int page)
{
    const PdfDocument* doc = m_docs[docIndex].doc;
    if (!doc)
        return;
    QList<PdfSearchHit> hits = searchPage(doc->text(page), m_query, m_cs);
    if (hits.isEmpty())
        return;
    for (PdfSearchHit& h : hits)
        h.document = docIndex;
    // Keep (document, page) order even though pages arrive out of order.
    const auto at = std::upper_bound(m_hits.begin(), m_hits.end(), std::pair(docIndex, page),
                                     [](const std::pair<int, int>& key, const PdfSearchHit& h) {
                                         return key < std::pair(h.document, h.page);
                                     });
    const int row = int(at - m_hits.begin());
    beginInsertRows({}, row, row + int(hits.size()) - 1);
    for (qsizetype k = 0; k < hits.size(); ++k)
        m_hits.insert(row + k, std::move(hits[k]));
    endInsertRows();
}

void PdfSearchModel::pageDone(int docIndex, int page, bool failed)
{
    ++m_done;
    if (failed)
        ++m_failed;
    else
        addHits(docIndex, page);
    Q_EMIT progress(m_done, m_total);
}

void PdfSearchModel::checkFinished()
{
    if (!m_running)
        return;
    for (const DocState& d : m_docs) {
        // nextPage == INT_MAX: the document is done or gone (never ask a dying document).
        const bool opening = d.doc && d.nextPage == 0 && d.doc->state() == PdfDocument::State::Opening;
        const int count = d.doc && d.nextPage != INT_MAX ? d.doc->pageCount() : 0;
        if (opening || !d.inFlight.isEmpty() || d.nextPage < count)
            return;
    }
    m_running = false;
    disconnectAll();
    Q_EMIT finished();
}

} // namespace rd
