#include "model/fhir/FhirBase64.h"

#include <QCryptographicHash>
#include <QFile>

namespace rd {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

FhirDecodedData FhirBase64::decodeToFile(QByteArrayView text, bool jsonEscaped, const QString& path)
{
    FhirDecodedData result;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        result.message = QStringLiteral("cannot write a temporary file: %1").arg(file.errorString());
        return result;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    constexpr qsizetype kChunk = qsizetype(4) << 20; // characters decoded at a time, a multiple of 4
    QByteArray pending;
    pending.reserve(kChunk);
    qint64 characters = 0;
    bool padded = false;

    auto flush = [&](bool last) -> bool {
        if (pending.isEmpty())
            return true;
        if (!last && pending.size() % 4 != 0)
            return true;
        auto decoded = QByteArray::fromBase64Encoding(pending, QByteArray::AbortOnBase64DecodingErrors);
        if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok) {
            result.message = QStringLiteral("invalid base64");
            return false;
        }
        const QByteArray& bytes = decoded.decoded;
        if (result.head.size() < 1024)
            result.head.append(bytes.left(1024 - result.head.size()));
        sha1.addData(bytes);
        sha256.addData(bytes);
        result.size += bytes.size();
        if (file.write(bytes) != bytes.size()) {
            result.message = QStringLiteral("cannot write a temporary file: %1").arg(file.errorString());
            return false;
        }
        pending.clear();
        return true;
    };

    const char* data = text.data();
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        char c = data[i];
        if (jsonEscaped && c == '\\' && i + 1 < size) {
            const char next = data[++i];
            if (next == 'n' || next == 'r' || next == 't')
                continue;
            if (next == '/') {
                c = '/';
            } else if (next == 'u' && i + 4 < size) {
                int code = 0;
                for (int k = 1; k <= 4; ++k) {
                    const int digit = hexValue(data[i + k]);
                    code = digit < 0 ? -1 : (code < 0 ? -1 : code * 16 + digit);
                }
                i += 4;
                if (code < 0 || code > 0x7f) {
                    result.message =
                        QStringLiteral("invalid base64 (a character outside the base64 alphabet)");
                    return result;
                }
                c = char(code);
                if (isSpace(c))
                    continue;
            } else {
                result.message = QStringLiteral("invalid base64 (a character outside the base64 alphabet)");
                return result;
            }
        }
        if (isSpace(c))
            continue;
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                              c == '+' || c == '/';
        if (c == '=') {
            padded = true;
        } else if (!alphabet || padded) {
            result.message = padded ? QStringLiteral("invalid base64 (characters after the '=' padding)")
                                    : QStringLiteral("invalid base64 (the character '%1' at position %2)")
                                          .arg(QString::fromLatin1(&c, 1).toHtmlEscaped())
                                          .arg(characters);
            return result;
        }
        pending.append(c);
        ++characters;
        if (!padded && pending.size() >= kChunk && !flush(false))
            return result;
    }
    if (characters % 4 != 0) {
        result.message =
            QStringLiteral("invalid base64 (%1 characters, not a multiple of 4)").arg(characters);
        return result;
    }
    if (!flush(true))
        return result;
    if (!file.flush()) {
        result.message = QStringLiteral("cannot write a temporary file: %1").arg(file.errorString());
        return result;
    }
    result.sha1 = sha1.result();
    result.sha256 = sha256.result();
    result.ok = true;
    return result;
}

} // namespace rd
