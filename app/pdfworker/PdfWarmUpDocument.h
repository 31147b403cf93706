// The page a spare PDF worker renders before it has a document (PdfWorkerMain.cpp).
#pragma once

#include <QByteArray>

namespace rd {

// A one-page US Letter PDF built like the records reviewers read: a cross-reference table, a
// Flate-compressed content stream of a heading and forty lines of text in the standard Helvetica
// fonts (WinAnsiEncoding), a ruled box, and a Flate-compressed grey "scan" drawn scaled up. Rendering
// it once loads the fonts, faults in the code of Poppler's usual paths and grows the heap, so the first
// real page does not pay for that.
QByteArray warmUpDocument();

} // namespace rd
