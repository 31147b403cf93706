#include "model/fhir/FhirBase64.h"

#include <QCryptographicHash>
#include <QFile>

#include <sodium.h>

namespace rd {

namespace {

// Values of the base64 alphabet; kSpace for whitespace, kPad for '=', kBad for everything else.
constexpr signed char kBad = -1;
constexpr signed char kSpace = -2;
constexpr signed char kPad = -3;

struct Alphabet
{
    signed char value[256];
    constexpr Alphabet()
        : value()
    {
        for (int i = 0; i < 256; ++i)
            value[i] = kBad;
        const char* letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i)
            value[static_cast<unsigned char>(letters[i])] = static_cast<signed char>(i);
        value[static_cast<unsigned char>(' ')] = kSpace;
        value[static_cast<unsigned char>('\n')] = kSpace;
        value[static_cast<unsigned char>('\r')] = kSpace;
        value[static_cast<unsigned char>('\t')] = kSpace;
        value[static_cast<unsigned char>('=')] = kPad;
    }
};
constexpr Alphabet kAlphabet;

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

// One pass, table-driven: Qt's strict decoder needs the whitespace gone first (a copy of the text)
// and is several times slower on a large document.
FhirDecodedData FhirBase64::decodeToFile(QByteArrayView text, bool jsonEscaped, const QString& path,
                                         bool hashes)
{
    FhirDecodedData result;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        result.message = QStringLiteral("cannot write a temporary file: %1").arg(file.errorString());
        return result;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (hashes && sodium_init() < 0) {
        result.message = QStringLiteral("libsodium cannot be initialized");
        return result;
    }
    crypto_hash_sha256_state sha256;
    crypto_hash_sha256_init(&sha256);
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    constexpr qsizetype kChunk = qsizetype(3) << 20; // decoded bytes written at a time
    QByteArray output(kChunk + 3, Qt::Uninitialized);
    unsigned char* const out = reinterpret_cast<unsigned char*>(output.data());
    qsizetype used = 0;
    qint64 characters = 0;
    int padding = 0;
    quint32 quantum = 0;
    int inQuantum = 0;

    auto flush = [&]() -> bool {
        if (used == 0)
            return true;
        if (result.head.size() < 1024)
            result.head.append(output.constData(), qMin<qsizetype>(used, 1024 - result.head.size()));
        if (hashes) {
            sha1.addData(QByteArrayView(output.constData(), used));
            crypto_hash_sha256_update(&sha256, out, quint64(used));
        }
        result.size += used;
        const bool written = file.write(output.constData(), used) == used;
        used = 0;
        if (!written)
            result.message = QStringLiteral("cannot write a temporary file: %1").arg(file.errorString());
        return written;
    };
    auto refuse = [&](const QString& message) {
        result.message = message;
        return result;
    };

    const char* data = text.data();
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        signed char value = kAlphabet.value[static_cast<unsigned char>(data[i])];
        if (value == kBad && jsonEscaped && data[i] == '\\' && i + 1 < size) {
            result.canonical = false;
            const char next = data[++i];
            int code = next == 'n' || next == 'r' || next == 't' ? ' ' : next == '/' ? '/' : -1;
            if (next == 'u' && i + 4 < size) {
                code = 0;
                for (int k = 1; k <= 4 && code >= 0; ++k) {
                    const int digit = hexValue(data[i + k]);
                    code = digit < 0 ? -1 : code * 16 + digit;
                }
                i += 4;
            }
            value = code >= 0 && code < 0x80 ? kAlphabet.value[code] : kBad;
        }
        if (value == kSpace) {
            result.canonical = false;
            continue;
        }
        if (value == kBad)
            return refuse(
                QStringLiteral("invalid base64 (a character outside the base64 alphabet at position %1)")
                    .arg(characters));
        ++characters;
        if (value == kPad) {
            ++padding;
            value = 0;
        } else if (padding > 0) {
            return refuse(QStringLiteral("invalid base64 (characters after the '=' padding)"));
        }
        quantum = (quantum << 6) | quint32(value);
        if (++inQuantum < 4)
            continue;
        if (padding > 2)
            return refuse(QStringLiteral("invalid base64 (more than two '=')"));
        // Bits that padding leaves unused are zero when the text is what encoding the bytes gives.
        if ((padding == 1 && (quantum & 0xff) != 0) || (padding == 2 && (quantum & 0xffff) != 0))
            result.canonical = false;
        out[used++] = static_cast<unsigned char>(quantum >> 16);
        if (padding < 2)
            out[used++] = static_cast<unsigned char>(quantum >> 8);
        if (padding < 1)
            out[used++] = static_cast<unsigned char>(quantum);
        quantum = 0;
        inQuantum = 0;
        if (used >= kChunk && !flush())
            return result;
    }
    if (inQuantum != 0)
        return refuse(QStringLiteral("invalid base64 (%1 characters, not a multiple of 4)").arg(characters));
    if (!flush())
        return result;
    if (!file.flush())
        return refuse(QStringLiteral("cannot write a temporary file: %1").arg(file.errorString()));
    if (hashes) {
        result.sha1 = sha1.result();
        result.sha256 = QByteArray(crypto_hash_sha256_BYTES, Qt::Uninitialized);
        crypto_hash_sha256_final(&sha256, reinterpret_cast<unsigned char*>(result.sha256.data()));
    }
    result.ok = true;
    return result;
}

} // namespace rd
