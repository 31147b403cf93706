// Renders a letter's HTML to PDF: QTextDocument laid out on US Letter pages, written by QPdfWriter as
// PDF/A-1b (Qt embeds the fonts, the XMP metadata and an sRGB output intent; not validated here).
// Needs a QGuiApplication (fonts). The file is written next to its destination, made 0600 and
// renamed into place.
#pragma once

#include <QString>

class QTextDocument;

namespace rd::LetterPdf {

// footer: printed at the bottom of each page, followed by "page N of M" in the letter's language.
bool write(const QString& html, const QString& path, const QString& title, const QString& footer,
           const QString& language, QString* error);

// The same layout on a document, for previews (the GUI shows this document).
void layout(QTextDocument& document, const QString& html);

} // namespace rd::LetterPdf
