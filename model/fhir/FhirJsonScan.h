// A strict first pass over a FHIR JSON file before Qt parses it: the limits a hostile file could
// abuse (size, nesting depth, string length), duplicate keys (QJsonDocument silently keeps one of
// them, so the same file could mean two things), and the large base64 "data" strings, which are cut
// out and decoded straight from the file's bytes so that a 50 MB document is not held three times
// over as JSON text, a QString and a copy.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace rd {

struct FhirJsonLimits
{
    qint64 maxBytes = qint64(256) << 20; // the whole file
    int maxDepth = 64;                   // objects and arrays nested
    qsizetype maxString = 1 << 20;       // any string but a "data" value (base64 of a document)
    qsizetype blobThreshold = 64 << 10;  // "data" strings longer than this are cut out
    qsizetype maxValues = 200000;        // objects, arrays, strings, numbers and literals in all
};

// One cut-out string: its bytes are raw[offset, offset + length) of the scanned file, between the
// quotes, JSON escapes still in them.
struct FhirJsonBlob
{
    qsizetype offset = 0;
    qsizetype length = 0;
};

struct FhirJsonScanResult
{
    bool ok = false;
    QString path;    // where the problem is (a JSON path), when !ok
    QString message; // what is wrong, when !ok
    QByteArray json; // the file with every cut-out string replaced by a placeholder
    QList<FhirJsonBlob> blobs;
    QString placeholderPrefix; // a placeholder is this prefix followed by the blob's index
};

class FhirJsonScan
{
public:
    static FhirJsonScanResult scan(const QByteArray& raw, const FhirJsonLimits& limits = {});
};

} // namespace rd
