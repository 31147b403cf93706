// The Poppler side of reviewdesk-pdfworker: one open document, its pages rendered and their text
// extracted on request, the page buffer shared with the app, and a spare worker's warm-up. Runs on the
// work thread of PdfRequestLoop; a cancelled request stops through Poppler's abort callback.
#pragma once

#include "app/pdfworker/PdfRequestLoop.h"
#include "app/pdfworker/PdfWorkerOutput.h"

#include <QImage>
#include <QStringList>

#include <atomic>
#include <memory>

namespace Poppler {
class Document;
class Page;
} // namespace Poppler

namespace rd {

class PdfFillingFile;

class PdfWorkerEngine : public PdfRequestLoop::Handler
{
public:
    struct Options
    {
        int renderDelayMs = 0;      // tests: sleep, cancellably, before each render
        bool sealPageBuffer = true; // tests: false makes the app refuse the buffer
        // Speed devices (bench_pdf measures each by turning it off).
        bool populatePageBuffer = true; // the page buffer's pages allocated up front (MAP_POPULATE)
    };

    PdfWorkerEngine(PdfWorkerOutput& output, const PdfRequestLoop& loop, const Options& options);
    ~PdfWorkerEngine() override;

    void handle(const PdfRequestLoop::Request& request) override;
    void refuseCancelled(quint32 id) override;
    bool hasIdleWork() const override { return m_measurePending; }
    void doIdleWork() override;

    // Done by a spare worker before it has a document, so that the first page of the real one does
    // not pay for loading fonts, faulting in Poppler's code, growing the heap or setting up the page
    // buffer; ends with Hello. A request that arrives stops it.
    void warmUp();

private:
    struct RenderResult
    {
        QImage image; // null on failure
        double ms = 0;
        PdfError::Code code = PdfError::None;
        QString message;
        int problemCount = 0; // errors Poppler reported while drawing (PdfRenderProblems)
        QStringList problems;
    };

    void open(const PdfRequestLoop::Request& request);
    void render(quint32 id, const pdfproto::Render& request);
    void text(quint32 id, const pdfproto::Text& request);
    std::unique_ptr<Poppler::Page> pageFor(quint32 id, int index);
    RenderResult renderPage(Poppler::Page& page, int index, double scale, int rotation);
    void sendRendered(quint32 id, int index, double scale, const RenderResult& r, bool shared);
    qint32 toPageBuffer(const QImage& image);
    bool reservePageBuffer(size_t bytes);
    bool cancelled() const { return m_loop.currentCancelled().load(); }

    PdfWorkerOutput& m_out;
    const PdfRequestLoop& m_loop;
    Options m_options;
    bool m_measurePending = false;
    int m_pageBufferFd = -1;
    void* m_pageBuffer = nullptr;
    size_t m_pageBufferSize = 0;
    std::unique_ptr<PdfFillingFile> m_fillingFile; // what m_doc reads, when the app is still filling it
    std::unique_ptr<Poppler::Document> m_doc;
};

} // namespace rd
