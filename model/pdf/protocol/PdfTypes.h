// Value types of the PDF service (model/pdf). No Poppler here: the app sees only these.
//
// Coordinates: PDF points (1/72 inch) from the top-left corner of the page as displayed with its own
// /Rotate applied and no extra viewer rotation (this is Poppler's convention for text boxes).
#pragma once

#include <QList>
#include <QMetaType>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace rd {

// A page whose size cannot be read counts as US Letter (8.5 x 11 inches), in points.
inline constexpr QSizeF UsLetterPoints{612, 792};
// The largest page side either process accepts, in points: PDF's own limit for a page (200 inches).
inline constexpr double MaxPageSidePoints = 14400;

struct PdfError
{
    enum Code
    {
        None = 0,
        NeedsPassword, // the document is encrypted; call PdfDocument::setPassword()
        WrongPassword, // the password given does not open it
        LoadFailed,    // Poppler refused the file (not a PDF, damaged beyond repair, ...)
        BadRequest,    // page out of range, zoom too large, ...
        RenderFailed,  // Poppler returned no image / no text
        Cancelled,     // cancelled by the caller (never shown to the user)
        Timeout,       // the worker did not answer in time and was killed
        WorkerCrashed, // the worker died (crash, memory limit)
        WorkerMissing, // the worker executable could not be started
        Closed         // the document was closed
    };
    Code code = None;
    QString message; // one line, for the user; never contains document text

    bool isError() const { return code != None; }
    static PdfError make(Code c, const QString& m) { return PdfError{c, m}; }
};

// One word of a page's text layer, with its box in points (see above).
struct PdfWord
{
    QString text;
    QRectF box;
    bool spaceAfter = true; // a space follows this word in reading order
    bool lineEnd = false;   // the next word starts a new line (or this is the last word)
};

struct PdfPageText
{
    int page = -1;
    QList<PdfWord> words;

    // The page text in reading order: words joined by spaces and newlines. wordStarts (optional)
    // receives the offset of each word in the returned string.
    QString plainText(QList<int>* wordStarts = nullptr) const;
    // Words whose box intersects rect, joined as above.
    QString textIn(const QRectF& rect) const;
    // Boxes of the words covering [from, to) of plainText(). Used by search and jump to evidence.
    QList<QRectF> boxesForRange(qsizetype from, qsizetype to) const;
};

// How a viewer will show one page (usually the first) as soon as the document is open: its render
// request goes to the worker right behind the open, before the page's size is known, and the worker
// measures the other pages after it (PdfDocument::setFirstPage). Either a fixed scale, or "fit": the page's
// width (and, when fitHeight > 0, also its height) fills that many logical pixels, the resulting pixels per
// point clamped to [minPixelsPerPoint, maxPixelsPerPoint] and multiplied by devicePixelRatio.
struct PdfFirstPage
{
    int page = 0;
    int rotation = 0;    // quarter turns clockwise
    double scale = 0;    // pixels per point; > 0: use it as it is
    double fitWidth = 0; // logical pixels
    double fitHeight = 0;
    double minPixelsPerPoint = 0;
    double maxPixelsPerPoint = 1e9;
    double devicePixelRatio = 1;
    bool isValid() const { return page >= 0 && (scale > 0 || fitWidth > 0); }
    // The scale for a page of pageSize points (as displayed with its own /Rotate).
    double scaleFor(const QSizeF& pageSize) const;
};

// The result of PdfService::probe(): open, count pages, close.
struct PdfProbeResult
{
    PdfError error;
    int pageCount = 0;
    bool ok() const { return !error.isError(); }
};

} // namespace rd

Q_DECLARE_METATYPE(rd::PdfError)
Q_DECLARE_METATYPE(rd::PdfPageText)
