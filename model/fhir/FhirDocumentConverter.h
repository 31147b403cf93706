// Turns a supporting document that is not a PDF but is readable (text/plain, PNG, JPEG, TIFF) into a
// PDF, so that the reviewer sees it like every other record (contract decision 2): text in a
// monospace font on US Letter pages, images one per page at their own size (every page of a TIFF).
// Needs a QGuiApplication (fonts). The PDF still goes through the PDF worker's check afterwards.
#pragma once

#include <QString>

namespace rd {

class FhirDocumentConverter
{
public:
    // source: the decoded bytes; contentType: text/plain, image/png, image/jpeg or image/tiff.
    // Writes pdfPath; on failure fills error with what is wrong with the bytes.
    static bool toPdf(const QString& source, const QString& contentType, const QString& pdfPath,
                      QString* error);
};

} // namespace rd
