// Memory for the page images the app receives from its PDF workers.
//
// A page image is a few MiB that the GUI thread copies out of a worker's page buffer. Copying into
// fresh memory costs a page fault per 4 KiB (measured here: 918x1188 page, 4.2 MiB, 1.4-2 ms, of
// which 0.1 ms is the copy). So page images live in mappings of their own that are got ready ahead,
// off the GUI thread, by touching every page (prepare(); after each use the next one is got ready on
// the thread pool, unless an image that went meanwhile left its mapping), and that are kept for the
// next image when an image is gone (one at most). The GUI thread then only copies; a mapping bigger
// than the image is cut to size, and the rest given back a moment later on the thread pool. Small images
// (thumbnails) come from the heap like any QImage. Thread-safe: images die in any thread. allocate() from a
// thread with an event loop.
#pragma once

#include <QImage>

namespace rd::PdfImageMemory {

// An uninitialised image of width x height, lines bytesPerLine apart (page-sized images; small ones
// have QImage's own bytesPerLine()). Null when bytesPerLine does not fit width in format or out of
// memory.
QImage allocate(int width, int height, qsizetype bytesPerLine, QImage::Format format);

// Gets a mapping of at least bytes ready on the thread pool, unless one is.
void prepare(qsizetype bytes);

// Tests and benchmarks: mappings ready now, the largest one's bytes, and the bytes cut off mappings
// bigger than their image, not given back yet (that waits until after the image is delivered).
int readyCount();
qsizetype largestReady();
qsizetype unusedBytes();

} // namespace rd::PdfImageMemory
