// Strict decoding of FHIR base64Binary (R4: groups of four characters of the base64 alphabet,
// whitespace allowed around them), streamed into a file. Qt's QByteArray::fromBase64() silently
// skips characters outside the alphabet, so "JVBE*Ri0x" would decode as if the '*' were not there;
// here whitespace is skipped and every other character outside the alphabet refuses the data, as do
// characters after the '=' padding and a length that is not a multiple of 4.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace rd {

struct FhirDecodedData
{
    bool ok = false;
    QString message;   // what is wrong, when !ok
    qint64 size = 0;   // decoded bytes
    QByteArray sha1;   // raw digest (R4 Attachment.hash), when hashes were asked for
    QByteArray sha256; // raw digest, when hashes were asked for
    QByteArray head;   // the first 1024 decoded bytes
    bool canonical =
        true; // the text is exactly the base64 encoding of the bytes (no whitespace, escapes, stray bits)
};

class FhirBase64
{
public:
    // text: the base64 characters; with jsonEscaped, the raw content of a JSON string (escapes such
    // as \n and \/ still in it). Writes the decoded bytes to path (created 0600, replaced). hashes:
    // also compute the SHA-1 and SHA-256 of the decoded bytes.
    static FhirDecodedData decodeToFile(QByteArrayView text, bool jsonEscaped, const QString& path,
                                        bool hashes);
};

} // namespace rd
