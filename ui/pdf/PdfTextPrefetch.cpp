#include "ui/pdf/PdfTextPrefetch.h"

#include "model/pdf/PdfDocument.h"

namespace rd {

PdfTextPrefetch::PdfTextPrefetch(PdfDocument* document, QObject* parent)
    : QObject(parent)
    , m_doc(document)
{
    m_start.setSingleShot(true);
    m_start.setInterval(StartDelayMs);
    connect(&m_start, &QTimer::timeout, this, &PdfTextPrefetch::pump);
    if (!document) {
        m_finished = true;
        return;
    }
    connect(document, &PdfDocument::pageRendered, this, [this] {
        if (m_next == 0 && m_inFlight.isEmpty() && !m_start.isActive() && !m_finished)
            m_start.start();
    });
    connect(document, &PdfDocument::textReady, this, [this](quint32 id, int page) {
        const auto it = m_inFlight.find(id);
        if (it == m_inFlight.end())
            return;
        it->remove(page);
        if (it->isEmpty()) {
            m_inFlight.erase(it);
            pump();
        }
    });
    connect(document, &PdfDocument::requestFailed, this, [this](quint32 id) {
        if (m_inFlight.contains(id))
            finish();
    });
    connect(document, &PdfDocument::stateChanged, this, [this](PdfDocument::State state) {
        if (state != PdfDocument::State::Ready)
            finish();
    });
}

void PdfTextPrefetch::pump()
{
    if (m_finished || !m_doc || m_doc->state() != PdfDocument::State::Ready)
        return;
    const int count = m_doc->pageCount();
    while (m_inFlight.size() < InFlight) {
        while (m_next < count && m_doc->hasText(m_next))
            ++m_next;
        if (m_next >= count)
            break;
        const int first = m_next;
        QSet<int> pages{m_next++};
        while (pages.size() < PagesPerRequest && m_next < count && !m_doc->hasText(m_next))
            pages.insert(m_next++);
        m_inFlight.insert(m_doc->requestTextRange(first, int(pages.size()), PdfDocument::PriorityBackground),
                          pages);
    }
    if (m_inFlight.isEmpty())
        m_finished = true;
}

void PdfTextPrefetch::finish()
{
    m_finished = true;
    m_start.stop();
    if (m_doc)
        for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
            m_doc->cancel(it.key());
    m_inFlight.clear();
}

} // namespace rd
