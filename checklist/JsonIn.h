// Internal to rd_checklist: strict reading of QJsonValues with JSON paths in the errors.
// A reading function throws JsonIn::Failure; the public parsers catch it and return an rd::Error.
#pragma once

#include "checklist/Error.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <limits>

#include <optional>

namespace rd::JsonIn {

struct Failure
{
    QString path;
    QString message;
};

[[noreturn]] void fail(const QString& path, const QString& message);

QString member(const QString& path, const QString& key); // "a.b" + key -> "a.b.key"
QString index(const QString& path, qsizetype i);         // "a.b[i]"

QString typeName(const QJsonValue& value); // "a string", "a number", ...

QJsonObject object(const QJsonValue& value, const QString& path);
QJsonArray array(const QJsonValue& value, const QString& path);
QString string(const QJsonValue& value, const QString& path);
int integer(const QJsonValue& value, const QString& path, int min, int max);

// Keys of an object: required (missing is an error), optional (absent or null gives nullopt).
QJsonValue required(const QJsonObject& object, const QString& path, const QString& key);
std::optional<QJsonValue> optional(const QJsonObject& object, const QString& key);

QString requiredString(const QJsonObject& object, const QString& path, const QString& key);
QString nonEmptyString(const QJsonObject& object, const QString& path, const QString& key);
QString optionalString(const QJsonObject& object, const QString& path, const QString& key);
QStringList stringList(const QJsonValue& value, const QString& path);

// "yyyy-MM-dd", a real calendar date.
QDate date(const QJsonValue& value, const QString& path);
// ISO 8601 date and time with a zone (Z or +hh:mm); returned in UTC.
QDateTime dateTimeUtc(const QJsonValue& value, const QString& path);

// Refuses keys not in allowed (used for policy files, which are strict).
void onlyKeys(const QJsonObject& object, const QString& path, const QStringList& allowed);

// What a document may hold beyond being JSON.
struct Limits
{
    int maxDepth = 64;                                                 // nested objects and arrays
    qsizetype maxStringLength = std::numeric_limits<qsizetype>::max(); // characters of any string
};

// Walks json, which QJsonDocument has parsed, and throws Failure naming the path of the first object
// key that appears twice in one object (QJsonDocument keeps one of them without a word), string
// longer than limits.maxStringLength characters, or object or array nested deeper than
// limits.maxDepth.
void checkShape(const QByteArray& json, const Limits& limits);

// Parses json as one JSON object, checks its shape (checkShape) and hands it to read (which throws
// Failure on bad content): the one place where "not JSON", "not an object" and a Failure become an
// Error naming fileName.
template <typename T, typename Read>
Result<T> readDocument(const QByteArray& json, const QString& fileName, Read read, const Limits& limits = {})
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{
            fileName, {}, parseError.offset, QStringLiteral("not JSON: ") + parseError.errorString()};
    if (!document.isObject())
        return Error{fileName, {}, -1, QStringLiteral("must be a JSON object")};
    try {
        checkShape(json, limits);
        return read(document.object());
    } catch (const Failure& failure) {
        return Error{fileName, failure.path, -1, failure.message};
    }
}

QString quoted(const QString& text);             // 'text'
QString quotedList(const QStringList& items);    // 'a', 'b', 'c'
QString dateText(const QDate& date);             // yyyy-MM-dd
QString dateTimeText(const QDateTime& dateTime); // yyyy-MM-ddTHH:mm:ss[.zzz]Z

} // namespace rd::JsonIn
