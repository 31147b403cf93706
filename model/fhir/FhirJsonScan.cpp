#include "model/fhir/FhirJsonScan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUuid>

namespace rd {

namespace {

struct Stop
{
    QString message;
};

class Scanner
{
public:
    Scanner(const QByteArray& raw, const FhirJsonLimits& limits)
        : m_raw(raw)
        , m_limits(limits)
        , m_prefix(QStringLiteral("rd-blob-%1-").arg(QUuid::createUuid().toString(QUuid::Id128)))
    {}

    FhirJsonScanResult run()
    {
        FhirJsonScanResult result;
        result.placeholderPrefix = m_prefix;
        try {
            if (m_raw.startsWith("\xEF\xBB\xBF"))
                stop(QStringLiteral("not JSON: the file starts with a UTF-8 byte order mark, which JSON "
                                    "text must not have (RFC 8259 8.1); save it without one"));
            skipSpace();
            value(false);
            skipSpace();
            if (m_pos != m_raw.size())
                stop(QStringLiteral("text after the end of the JSON value (byte %1)").arg(m_pos));
        } catch (const Stop& failure) {
            result.path = pathText();
            result.message = failure.message;
            return result;
        }
        if (m_blobs.isEmpty()) {
            result.json = m_raw; // shared, not copied
        } else {
            m_out.append(m_raw.constData() + m_copied, m_raw.size() - m_copied);
            result.json = m_out;
        }
        result.blobs = m_blobs;
        result.ok = true;
        return result;
    }

private:
    [[noreturn]] void stop(const QString& message) { throw Stop{message}; }

    QString pathText() const
    {
        QString text;
        for (const QString& segment : m_path) {
            if (segment.startsWith(QLatin1Char('[')) || text.isEmpty())
                text += segment;
            else
                text += QLatin1Char('.') + segment;
        }
        return text;
    }

    char peek() const { return m_pos < m_raw.size() ? m_raw.at(m_pos) : '\0'; }

    void skipSpace()
    {
        while (m_pos < m_raw.size()) {
            const char c = m_raw.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    void expect(char c)
    {
        if (peek() != c)
            stop(QStringLiteral("not JSON: expected '%1' at byte %2").arg(QLatin1Char(c)).arg(m_pos));
        ++m_pos;
    }

    // Scans a string starting at its opening quote; returns [begin, end) of its content.
    std::pair<qsizetype, qsizetype> string()
    {
        expect('"');
        const qsizetype begin = m_pos;
        const qsizetype size = m_raw.size();
        const char* data = m_raw.constData();
        while (m_pos < size) {
            const unsigned char c = static_cast<unsigned char>(data[m_pos]);
            if (c == '"') {
                ++m_pos;
                return {begin, m_pos - 1};
            }
            if (c < 0x20)
                stop(QStringLiteral("not JSON: a control character in a string at byte %1").arg(m_pos));
            if (c == '\\') {
                const char next = m_pos + 1 < size ? data[m_pos + 1] : '\0';
                if (next == 'u') {
                    const int unit = escapedUnit(m_pos);
                    // A surrogate must come in a pair (high, then low): the parser would otherwise
                    // put U+FFFD in its place, and the text would not be what was sent.
                    if (unit >= 0xDC00 && unit <= 0xDFFF)
                        stop(QStringLiteral("not JSON: a lone \\u%1 (low surrogate) at byte %2")
                                 .arg(unit, 4, 16, QLatin1Char('0'))
                                 .arg(m_pos));
                    if (unit >= 0xD800 && unit <= 0xDBFF) {
                        const bool paired = m_pos + 7 < size && data[m_pos + 6] == '\\' &&
                                            data[m_pos + 7] == 'u' && escapedUnit(m_pos + 6) >= 0xDC00 &&
                                            escapedUnit(m_pos + 6) <= 0xDFFF;
                        if (!paired)
                            stop(QStringLiteral("not JSON: a lone \\u%1 (high surrogate) at byte %2")
                                     .arg(unit, 4, 16, QLatin1Char('0'))
                                     .arg(m_pos));
                        m_pos += 12;
                        continue;
                    }
                    m_pos += 6;
                    continue;
                }
                if (!strchr("\"\\/bfnrt", next) || next == '\0')
                    stop(QStringLiteral("not JSON: a bad escape at byte %1").arg(m_pos));
                m_pos += 2;
                continue;
            }
            ++m_pos;
        }
        stop(QStringLiteral("not JSON: a string is not closed"));
    }

    // The code unit of the \\uXXXX escape at at (which points at the backslash); stops when it is not
    // four hex digits.
    int escapedUnit(qsizetype at)
    {
        int unit = 0;
        for (int i = 2; i < 6; ++i) {
            const char h = at + i < m_raw.size() ? m_raw.at(at + i) : '\0';
            if (!isxdigit(static_cast<unsigned char>(h)))
                stop(QStringLiteral("not JSON: a bad \\u escape at byte %1").arg(at));
            unit = unit * 16 + QByteArray(1, h).toInt(nullptr, 16);
        }
        return unit;
    }

    QByteArray keyText(qsizetype begin, qsizetype end) const
    {
        const QByteArray raw = m_raw.mid(begin, end - begin);
        if (!raw.contains('\\'))
            return raw;
        const QJsonDocument decoded =
            QJsonDocument::fromJson('[' + m_raw.mid(begin - 1, end - begin + 2) + ']');
        return decoded.array().at(0).toString().toUtf8();
    }

    void value(bool isData)
    {
        // Each value costs the parser memory and the checks time, however short it is: a file of
        // millions of tiny values is refused before Qt parses it.
        if (++m_values > m_limits.maxValues)
            stop(QStringLiteral("more than %1 JSON values; a PAS request holds far fewer (its documents' "
                                "base64 aside)")
                     .arg(m_limits.maxValues));
        const char c = peek();
        if (c == '{') {
            object();
        } else if (c == '[') {
            array();
        } else if (c == '"') {
            const auto [begin, end] = string();
            const qsizetype length = end - begin;
            if (isData && length > m_limits.blobThreshold) {
                m_out.append(m_raw.constData() + m_copied, begin - m_copied);
                m_out.append((m_prefix + QString::number(m_blobs.size())).toLatin1());
                m_copied = end;
                m_blobs.append({begin, length});
            } else if (!isData && length > m_limits.maxString) {
                stop(QStringLiteral("a string of %1 bytes; at most %2 are accepted here")
                         .arg(length)
                         .arg(m_limits.maxString));
            }
        } else {
            literal();
        }
    }

    void literal()
    {
        const qsizetype begin = m_pos;
        while (m_pos < m_raw.size()) {
            const char c = m_raw.at(m_pos);
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
                break;
            ++m_pos;
        }
        if (m_pos == begin)
            stop(QStringLiteral("not JSON: a value is missing at byte %1").arg(begin));
        if (m_pos - begin > 64)
            stop(QStringLiteral("not JSON: a literal of %1 bytes at byte %2").arg(m_pos - begin).arg(begin));
        // The literal's own syntax (true, 1.5e3, ...) is checked by the JSON parser afterwards.
    }

    void enter()
    {
        if (++m_depth > m_limits.maxDepth)
            stop(QStringLiteral("nested deeper than %1 levels").arg(m_limits.maxDepth));
    }

    void object()
    {
        enter();
        expect('{');
        QSet<QByteArray> keys;
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            --m_depth;
            return;
        }
        for (;;) {
            skipSpace();
            const auto [begin, end] = string();
            if (end - begin > 1024)
                stop(QStringLiteral("a key of %1 bytes").arg(end - begin));
            const QByteArray key = keyText(begin, end);
            m_path.append(QString::fromUtf8(key));
            if (keys.contains(key))
                stop(QStringLiteral("the key %1 appears twice in the same object")
                         .arg(QString::fromUtf8(key)));
            keys.insert(key);
            skipSpace();
            expect(':');
            skipSpace();
            value(key == "data");
            m_path.removeLast();
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            expect('}');
            break;
        }
        --m_depth;
    }

    void array()
    {
        enter();
        expect('[');
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            --m_depth;
            return;
        }
        for (qsizetype i = 0;; ++i) {
            m_path.append(QStringLiteral("[%1]").arg(i));
            skipSpace();
            value(false);
            m_path.removeLast();
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            expect(']');
            break;
        }
        --m_depth;
    }

    const QByteArray& m_raw;
    const FhirJsonLimits& m_limits;
    const QString m_prefix;
    qsizetype m_pos = 0;
    int m_depth = 0;
    qsizetype m_values = 0;
    QStringList m_path;
    QByteArray m_out;
    qsizetype m_copied = 0;
    QList<FhirJsonBlob> m_blobs;
};

} // namespace

FhirJsonScanResult FhirJsonScan::scan(const QByteArray& raw, const FhirJsonLimits& limits)
{
    if (raw.size() > limits.maxBytes) {
        FhirJsonScanResult result;
        result.message = QStringLiteral("the file has %1 bytes; at most %2 are accepted")
                             .arg(raw.size())
                             .arg(limits.maxBytes);
        return result;
    }
    return Scanner(raw, limits).run();
}

} // namespace rd
