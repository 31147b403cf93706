#include "checklist/JsonIn.h"

#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <cmath>

namespace rd::JsonIn {

void fail(const QString& path, const QString& message)
{
    throw Failure{path, message};
}

QString member(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString index(const QString& path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

namespace {
[[noreturn]] void wrongType(const QJsonValue& value, const QString& path, const char* expected)
{
    fail(path, QStringLiteral("must be %1, not %2").arg(QLatin1String(expected), typeName(value)));
}
} // namespace

QJsonObject object(const QJsonValue& value, const QString& path)
{
    if (!value.isObject())
        wrongType(value, path, "an object");
    return value.toObject();
}

QJsonArray array(const QJsonValue& value, const QString& path)
{
    if (!value.isArray())
        wrongType(value, path, "an array");
    return value.toArray();
}

QString string(const QJsonValue& value, const QString& path)
{
    if (!value.isString())
        wrongType(value, path, "a string");
    return value.toString();
}

int integer(const QJsonValue& value, const QString& path, int min, int max)
{
    if (!value.isDouble())
        wrongType(value, path, "a whole number");
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number)
        fail(path, QStringLiteral("must be a whole number"));
    if (number < min || number > max)
        fail(path, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
    return static_cast<int>(number);
}

QJsonValue required(const QJsonObject& object, const QString& path, const QString& key)
{
    const auto it = object.constFind(key);
    if (it == object.constEnd())
        fail(member(path, key), QStringLiteral("missing"));
    return it.value();
}

std::optional<QJsonValue> optional(const QJsonObject& object, const QString& key)
{
    const auto it = object.constFind(key);
    if (it == object.constEnd() || it.value().isNull())
        return std::nullopt;
    return it.value();
}

QString requiredString(const QJsonObject& object, const QString& path, const QString& key)
{
    return string(required(object, path, key), member(path, key));
}

QString nonEmptyString(const QJsonObject& object, const QString& path, const QString& key)
{
    const QString text = requiredString(object, path, key);
    if (text.trimmed().isEmpty())
        fail(member(path, key), QStringLiteral("must not be empty"));
    return text;
}

QString optionalString(const QJsonObject& object, const QString& path, const QString& key)
{
    const auto value = optional(object, key);
    return value ? string(*value, member(path, key)) : QString();
}

QStringList stringList(const QJsonValue& value, const QString& path)
{
    const QJsonArray items = array(value, path);
    QStringList result;
    result.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i)
        result.append(string(items.at(i), index(path, i)));
    return result;
}

QDate date(const QJsonValue& value, const QString& path)
{
    const QString text = string(value, path);
    static const QRegularExpression shape(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    const QDate result = shape.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
    if (!result.isValid())
        fail(path, QStringLiteral("'%1' is not a date (expected YYYY-MM-DD)").arg(text.left(40)));
    return result;
}

QDateTime dateTimeUtc(const QJsonValue& value, const QString& path)
{
    const QString text = string(value, path);
    static const QRegularExpression shape(QStringLiteral(
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?(Z|[+-][0-9]{2}:[0-9]{2})$"));
    QDateTime result;
    if (shape.match(text).hasMatch())
        result = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!result.isValid())
        fail(path, QStringLiteral("'%1' is not a date and time with a zone (expected YYYY-MM-DDTHH:MM:SSZ)")
                       .arg(text.left(40)));
    return result.toUTC();
}

void onlyKeys(const QJsonObject& object, const QString& path, const QStringList& allowed)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!allowed.contains(it.key()) && it.key() != QLatin1String("comment"))
            fail(member(path, it.key()),
                 QStringLiteral("unknown key (expected one of %1)").arg(quotedList(allowed)));
    }
}

QString quoted(const QString& text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString quotedList(const QStringList& items)
{
    QStringList parts;
    for (const QString& item : items)
        parts.append(quoted(item));
    return parts.join(QStringLiteral(", "));
}

QString dateText(const QDate& date)
{
    return date.toString(Qt::ISODate);
}

QString dateTimeText(const QDateTime& dateTime)
{
    const QDateTime utc = dateTime.toUTC();
    return utc.toString(utc.time().msec() != 0 ? Qt::ISODateWithMs : Qt::ISODate);
}

namespace {

// One open object or array while checkShape() walks a document.
struct Frame
{
    bool isObject = false;
    qsizetype index = 0; // arrays: the element being read
    QString key;         // objects: the key being read
    QSet<QString> keys;  // objects: every key seen
};

QString framePath(const QList<Frame>& stack)
{
    QString path;
    for (const Frame& frame : stack) {
        if (frame.isObject && !frame.key.isNull())
            path = member(path, frame.key);
        else if (!frame.isObject)
            path = index(path, frame.index);
    }
    return path;
}

} // namespace

void checkShape(const QByteArray& json, const Limits& limits)
{
    QList<Frame> stack;
    bool expectKey = false;
    const char* p = json.constData();
    const char* const end = p + json.size();
    while (p < end) {
        const char c = *p;
        if (c == '{' || c == '[') {
            if (stack.size() >= limits.maxDepth)
                fail(framePath(stack),
                     QStringLiteral("nests objects and arrays deeper than %1 levels").arg(limits.maxDepth));
            stack.append(Frame{c == '{', 0, QString(), {}});
            expectKey = c == '{';
            ++p;
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.removeLast();
            expectKey = false;
            ++p;
        } else if (c == ',') {
            if (!stack.isEmpty() && stack.last().isObject)
                expectKey = true;
            else if (!stack.isEmpty())
                ++stack.last().index;
            ++p;
        } else if (c == '"') {
            const char* const start = ++p;
            qsizetype length = 0;
            bool escaped = false;
            while (p < end && *p != '"') {
                if (*p == '\\') {
                    escaped = true;
                    p += p + 1 < end && p[1] == 'u' ? 6 : 2;
                    ++length;
                    continue;
                }
                if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) // not a UTF-8 continuation byte
                    ++length;
                ++p;
            }
            const QByteArray raw(start, qMin(p, end) - start);
            ++p;
            if (expectKey && !stack.isEmpty()) {
                expectKey = false;
                QString key = QString::fromUtf8(raw);
                if (escaped)
                    key = QJsonDocument::fromJson("[\"" + raw + "\"]").array().at(0).toString();
                Frame& frame = stack.last();
                frame.key = key;
                if (frame.keys.contains(key))
                    fail(framePath(stack), QStringLiteral("appears twice in one object"));
                frame.keys.insert(key);
                if (length > limits.maxStringLength)
                    fail(framePath(stack),
                         QStringLiteral("the key is longer than %1 characters").arg(limits.maxStringLength));
            } else if (length > limits.maxStringLength) {
                fail(framePath(stack),
                     QStringLiteral("is longer than %1 characters").arg(limits.maxStringLength));
            }
        } else {
            ++p; // whitespace, ':', numbers, true, false, null
        }
    }
}

} // namespace rd::JsonIn
