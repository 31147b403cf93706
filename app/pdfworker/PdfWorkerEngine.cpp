#include "app/pdfworker/PdfWorkerEngine.h"

#include "app/pdfworker/PdfFillingFile.h"
#include "app/pdfworker/PdfRenderProblems.h"
#include "app/pdfworker/PdfWarmUpDocument.h"
#include "model/pdf/PdfTrace.h"

#include <QElapsedTimer>
#include <QVariant>

#include <poppler-qt6.h>

#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace rd {

using pdfproto::MessageType;

namespace {

// Poppler's abort callbacks: the flag travels in the QVariant.
QVariant flagArgument(const std::atomic<bool>& flag)
{
    return QVariant::fromValue(static_cast<void*>(const_cast<std::atomic<bool>*>(&flag)));
}
bool flagSet(const QVariant& flag)
{
    return static_cast<const std::atomic<bool>*>(flag.value<void*>())->load();
}

// Sizes of a page in points, as displayed with its own /Rotate; a page that cannot be read (or claims
// an absurd size) counts as US Letter.
QSizeF displaySize(const Poppler::Page* page)
{
    const QSizeF s = page ? page->pageSizeF() : QSizeF();
    if (!s.isValid() || s.width() < 1 || s.height() < 1 || s.width() > MaxPageSidePoints ||
        s.height() > MaxPageSidePoints)
        return UsLetterPoints;
    return s;
}

QList<QSizeF> measurePages(Poppler::Document& doc)
{
    const int count = doc.numPages();
    QList<QSizeF> sizes;
    sizes.reserve(count);
    for (int i = 0; i < count; ++i)
        sizes.append(displaySize(doc.page(i).get()));
    return sizes;
}

} // namespace

PdfWorkerEngine::PdfWorkerEngine(PdfWorkerOutput& output, const PdfRequestLoop& loop, const Options& options)
    : m_out(output)
    , m_loop(loop)
    , m_options(options)
{}

PdfWorkerEngine::~PdfWorkerEngine() = default;

void PdfWorkerEngine::handle(const PdfRequestLoop::Request& req)
{
    switch (req.type) {
    case MessageType::Open:
        open(req);
        return;
    case MessageType::Render:
        if (const auto r = pdfproto::decode<pdfproto::Render>(req.fields)) {
            render(req.id, *r);
            return;
        }
        break;
    case MessageType::Text:
        if (const auto t = pdfproto::decode<pdfproto::Text>(req.fields)) {
            text(req.id, *t);
            return;
        }
        break;
    default:
        break;
    }
    m_out.sendFailed(req.id, PdfError::BadRequest, QStringLiteral("malformed or unknown request"));
}

void PdfWorkerEngine::refuseCancelled(quint32 id)
{
    m_out.sendFailed(id, PdfError::Cancelled, QStringLiteral("cancelled"));
}

void PdfWorkerEngine::open(const PdfRequestLoop::Request& req)
{
    m_measurePending = false;
    m_doc.reset();
    m_fillingFile.reset();
    const auto o = pdfproto::decode<pdfproto::Open>(req.fields);
    if (!o) {
        m_out.sendFailed(req.id, PdfError::BadRequest, QStringLiteral("malformed open request"));
        return;
    }
    RD_PDF_TRACE("worker open");
    if (o->fromData) {
        m_doc = Poppler::Document::loadFromData(req.data, o->password, o->password);
    } else if (!o->fillProgressPath.isEmpty()) {
        // Pages are read as the app copies them in: Poppler waits only for the parts it reads.
        auto file = std::make_unique<PdfFillingFile>();
        QString error;
        if (!file->open(o->path, o->fillProgressPath, &error)) {
            m_out.sendFailed(req.id, PdfError::LoadFailed, error);
            return;
        }
        m_fillingFile = std::move(file);
        m_doc = Poppler::Document::load(m_fillingFile.get(), o->password, o->password);
    } else {
        m_doc = Poppler::Document::load(o->path, o->password, o->password);
    }
    if (!m_doc) {
        m_out.sendFailed(req.id, PdfError::LoadFailed,
                         QStringLiteral("not a readable PDF (Poppler refused to load it)"));
        return;
    }
    if (m_doc->isLocked()) {
        m_doc.reset();
        if (o->password.isEmpty())
            m_out.sendFailed(req.id, PdfError::NeedsPassword, QStringLiteral("password needed"));
        else
            m_out.sendFailed(req.id, PdfError::WrongPassword, QStringLiteral("wrong password"));
        return;
    }
    m_doc->setRenderHint(Poppler::Document::Antialiasing);
    m_doc->setRenderHint(Poppler::Document::TextAntialiasing);
    const int count = m_doc->numPages();
    if (count <= 0) {
        m_doc.reset();
        m_out.sendFailed(req.id, PdfError::LoadFailed, QStringLiteral("the PDF has no pages"));
        return;
    }
    RD_PDF_TRACE("worker loaded");
    // The page the viewer shows first comes with the answer; measuring every page (Poppler builds each
    // page's object: about as long as rendering one in a 500-page file) waits until after it.
    pdfproto::Opened opened;
    if (o->sizes == pdfproto::SizesMode::InOpened) {
        opened.sizes = measurePages(*m_doc);
    } else {
        opened.sizes.fill(displaySize(m_doc->page(0).get()), count);
        opened.complete = false;
        m_measurePending = o->sizes == pdfproto::SizesMode::AfterOpened;
    }
    m_out.send(req.id, opened);
}

void PdfWorkerEngine::doIdleWork()
{
    m_measurePending = false;
    if (!m_doc)
        return;
    const pdfproto::PageSizes sizes{measurePages(*m_doc)};
    RD_PDF_TRACE("worker measured");
    m_out.send(0, sizes);
}

std::unique_ptr<Poppler::Page> PdfWorkerEngine::pageFor(quint32 id, int index)
{
    if (!m_doc) {
        m_out.sendFailed(id, PdfError::BadRequest, QStringLiteral("no document open"));
        return {};
    }
    if (index < 0 || index >= m_doc->numPages()) {
        m_out.sendFailed(id, PdfError::BadRequest, QStringLiteral("page %1 does not exist").arg(index + 1));
        return {};
    }
    std::unique_ptr<Poppler::Page> page = m_doc->page(index);
    if (!page)
        m_out.sendFailed(id, PdfError::RenderFailed,
                         QStringLiteral("page %1 could not be read").arg(index + 1));
    return page;
}

PdfWorkerEngine::RenderResult PdfWorkerEngine::renderPage(Poppler::Page& page, int index, double scale,
                                                          int rotation)
{
    RenderResult result;
    QElapsedTimer timer;
    timer.start();
    const QSizeF size = page.pageSizeF() * scale;
    if (!(scale > 0.0) || qint64(size.width() + 1) * qint64(size.height() + 1) > pdfproto::MaxRenderPixels) {
        result.code = PdfError::BadRequest;
        result.message = QStringLiteral("the page is too large at this zoom");
        return result;
    }
    RD_PDF_TRACE("worker render %d", index + 1);
    PdfRenderProblems problems;
    QImage image =
        page.renderToImage(72.0 * scale, 72.0 * scale, -1, -1, -1, -1, Poppler::Page::Rotation(rotation & 3),
                           nullptr, nullptr, flagSet, flagArgument(m_loop.currentCancelled()));
    RD_PDF_TRACE("worker rendered %d", index + 1);
    result.problemCount = problems.count();
    result.problems = problems.messages();
    if (cancelled()) {
        result.code = PdfError::Cancelled;
        result.message = QStringLiteral("cancelled");
    } else if (image.isNull()) {
        result.code = PdfError::RenderFailed;
        result.message = QStringLiteral("Poppler could not render page %1").arg(index + 1);
    } else if (qint64(image.width()) * image.height() * 2 < qint64(size.width()) * qint64(size.height())) {
        // Splash answers an allocation failure with a 1x1 image.
        result.code = PdfError::RenderFailed;
        result.message = QStringLiteral("not enough memory to render page %1 at this zoom").arg(index + 1);
    } else {
        result.image = std::move(image);
    }
    result.ms = double(timer.nsecsElapsed()) / 1e6;
    return result;
}

void PdfWorkerEngine::sendRendered(quint32 id, int index, double scale, const RenderResult& r, bool shared)
{
    const QImage& image = r.image;
    const size_t bytes = size_t(image.sizeInBytes());
    pdfproto::Rendered answer;
    answer.page = index;
    answer.width = image.width();
    answer.height = image.height();
    answer.bytesPerLine = qint32(image.bytesPerLine());
    answer.format = qint32(image.format());
    answer.renderMs = r.ms;
    answer.pageBufferFd = shared ? toPageBuffer(image) : -1;
    answer.pageBufferSize = qint64(m_pageBufferSize);
    answer.scale = scale;
    answer.problemCount = r.problemCount;
    answer.problems = r.problems;
    RD_PDF_TRACE("worker copied %d", index + 1);
    if (answer.pageBufferFd >= 0)
        m_out.send(id, answer);
    else
        m_out.send(id, answer, reinterpret_cast<const char*>(image.constBits()), bytes);
    RD_PDF_TRACE("worker sent %d", index + 1);
}

void PdfWorkerEngine::render(quint32 id, const pdfproto::Render& request)
{
    for (int waited = 0; waited < m_options.renderDelayMs && !cancelled(); waited += 10)
        ::usleep(10'000);
    std::unique_ptr<Poppler::Page> page = pageFor(id, request.page);
    if (!page)
        return;
    const double scale =
        request.fit.isValid() ? request.fit.scaleFor(displaySize(page.get())) : request.scale;
    const RenderResult r = renderPage(*page, request.page, scale, request.rotation);
    if (r.image.isNull()) {
        m_out.sendFailed(id, r.code, r.message);
        return;
    }
    sendRendered(id, request.page, scale, r, request.sharedPixels);
}

qint32 PdfWorkerEngine::toPageBuffer(const QImage& image)
{
    const size_t bytes = size_t(image.sizeInBytes());
    if (!reservePageBuffer(bytes))
        return -1;
    std::memcpy(m_pageBuffer, image.constBits(), bytes);
    return m_pageBufferFd;
}

bool PdfWorkerEngine::reservePageBuffer(size_t bytes)
{
    if (m_pageBufferFd < 0) {
        // Sealed against shrinking: the app reads it, and a buffer cut short under its mapping would
        // crash the app (SIGBUS). The app checks the seal.
        m_pageBufferFd = ::memfd_create("reviewdesk-pages", MFD_CLOEXEC | MFD_ALLOW_SEALING);
        if (m_pageBufferFd < 0)
            return false;
        if (m_options.sealPageBuffer)
            ::fcntl(m_pageBufferFd, F_ADD_SEALS, F_SEAL_SHRINK);
    }
    if (bytes <= m_pageBufferSize)
        return true;
    const size_t chunk = 4096;
    const size_t size = (bytes + chunk - 1) / chunk * chunk;
    if (m_pageBuffer)
        ::munmap(m_pageBuffer, m_pageBufferSize);
    m_pageBuffer = nullptr;
    m_pageBufferSize = 0;
    if (::ftruncate(m_pageBufferFd, off_t(size)) != 0)
        return false;
    // Pages allocated up front: touching fresh shared memory one page fault at a time costs about as
    // much as rendering a page.
    const int populate = m_options.populatePageBuffer ? MAP_POPULATE : 0;
    void* map = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | populate, m_pageBufferFd, 0);
    if (map == MAP_FAILED)
        return false;
    m_pageBuffer = map;
    m_pageBufferSize = size;
    return true;
}

void PdfWorkerEngine::text(quint32 id, const pdfproto::Text& request)
{
    if (!m_doc) {
        m_out.sendFailed(id, PdfError::BadRequest, QStringLiteral("no document open"));
        return;
    }
    const int count = qBound(1, int(request.count), int(pdfproto::MaxPagesPerTextRequest));
    pdfproto::TextDone answer;
    for (int k = 0; k < count; ++k) {
        const int index = request.page + k;
        pdfproto::PageTextResult result;
        std::unique_ptr<Poppler::Page> page =
            index >= 0 && index < m_doc->numPages() ? m_doc->page(index) : nullptr;
        if (!page) {
            result.why = QStringLiteral("page %1 could not be read").arg(index + 1);
            answer.pages.append(std::move(result));
            continue;
        }
        const std::vector<std::unique_ptr<Poppler::TextBox>> boxes =
            page->textList(Poppler::Page::Rotate0, flagSet, flagArgument(m_loop.currentCancelled()));
        if (cancelled()) {
            m_out.sendFailed(id, PdfError::Cancelled, QStringLiteral("cancelled"));
            return;
        }
        result.ok = true;
        result.text.page = index;
        result.text.words.reserve(qsizetype(boxes.size()));
        for (const auto& box : boxes) {
            PdfWord w;
            w.text = box->text();
            w.box = box->boundingBox();
            w.spaceAfter = box->hasSpaceAfter();
            w.lineEnd = box->nextWord() == nullptr;
            result.text.words.append(std::move(w));
        }
        answer.pages.append(std::move(result));
    }
    m_out.send(id, answer);
}

void PdfWorkerEngine::warmUp()
{
    // Rendered at the usual zoom, loaded from a file as documents are (a memfd, through /proc/self/fd);
    // its text extracted; the page buffer reserved for such a page and announced (Hello), so that the
    // app maps it now too.
    const std::atomic<bool>& interrupted = m_loop.requestArrived();
    const QByteArray pdf = warmUpDocument();
    size_t pageBytes = 0;
    const int fd = ::memfd_create("reviewdesk-warm-up", MFD_CLOEXEC);
    if (fd >= 0 && ::write(fd, pdf.constData(), size_t(pdf.size())) == ssize_t(pdf.size()) && !interrupted) {
        std::unique_ptr<Poppler::Document> doc =
            Poppler::Document::load(QStringLiteral("/proc/self/fd/%1").arg(fd));
        if (!doc) // no /proc
            doc = Poppler::Document::loadFromData(pdf);
        std::unique_ptr<Poppler::Page> page = doc && !interrupted ? doc->page(0) : nullptr;
        if (page) {
            doc->setRenderHint(Poppler::Document::Antialiasing);
            doc->setRenderHint(Poppler::Document::TextAntialiasing);
            const QImage rendered = page->renderToImage(108, 108, -1, -1, -1, -1, Poppler::Page::Rotate0,
                                                        nullptr, nullptr, flagSet, flagArgument(interrupted));
            pageBytes = size_t(rendered.sizeInBytes());
            if (!interrupted)
                reservePageBuffer(pageBytes);
            if (!interrupted)
                page->textList(Poppler::Page::Rotate0, flagSet, flagArgument(interrupted));
        }
    }
    if (fd >= 0)
        ::close(fd);
    RD_PDF_TRACE("worker warmed up%s", interrupted ? " (interrupted)" : "");
    m_out.send(0, pdfproto::Hello{m_pageBuffer ? m_pageBufferFd : -1, qint64(m_pageBufferSize)});
}

} // namespace rd
