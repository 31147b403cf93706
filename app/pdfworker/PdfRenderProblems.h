// The errors Poppler reports while it draws one page: a broken content stream, an image or font it
// cannot read. Poppler draws such a page anyway (blank or partly), so the worker reports them with the
// image and the viewer warns instead of passing the page off as clean.
//
// Poppler has one process-wide error callback (Poppler::setDebugErrorFunction). install() sets it
// once; the callback hands each message to the collector alive on the calling thread (a
// thread_local), so a render only ever collects its own errors. Messages outside any collector are
// dropped, or echoed to stderr when echo is on (REVIEWDESK_PDFWORKER_DEBUG).
#pragma once

#include <QString>
#include <QStringList>

namespace rd {

class PdfRenderProblems
{
public:
    static void install(bool echo);

    // Collects on this thread until destroyed (collectors nest: the inner one collects).
    PdfRenderProblems();
    ~PdfRenderProblems();
    PdfRenderProblems(const PdfRenderProblems&) = delete;
    PdfRenderProblems& operator=(const PdfRenderProblems&) = delete;

    // Every error reported, and the first few messages (pdfproto's bounds).
    int count() const { return m_count; }
    QStringList messages() const { return m_messages; }

private:
    static void onPopplerMessage(const QString& message, const QVariant& closure);
    void add(const QString& message);

    PdfRenderProblems* m_outer;
    int m_count = 0;
    QStringList m_messages;
};

} // namespace rd
