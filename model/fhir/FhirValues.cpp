#include "model/fhir/FhirValues.h"

#include <QRegularExpression>

namespace rd::fhir {

QString text(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonObject object(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toObject();
}

QJsonArray array(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toArray();
}

namespace {
QString withoutScheme(const QString& system)
{
    if (system.startsWith(QLatin1String("https://")))
        return system.mid(8);
    if (system.startsWith(QLatin1String("http://")))
        return system.mid(7);
    return system;
}
} // namespace

bool sameSystem(const QString& a, const QString& b)
{
    return withoutScheme(a) == withoutScheme(b);
}

bool isCptOrHcpcs(const QString& system)
{
    return sameSystem(system, kCpt) ||
           sameSystem(system, QStringLiteral("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets")) ||
           system == QLatin1String("urn:oid:2.16.840.1.113883.6.12");
}

QList<QJsonObject> codings(const QJsonObject& codeableConcept)
{
    QList<QJsonObject> result;
    for (const QJsonValue& coding : array(codeableConcept, "coding"))
        if (coding.isObject())
            result.append(coding.toObject());
    return result;
}

bool hasCode(const QJsonObject& codeableConcept, const QString& system, const QString& code)
{
    for (const QJsonObject& coding : codings(codeableConcept))
        if (sameSystem(text(coding, "system"), system) && text(coding, "code") == code)
            return true;
    return false;
}

QString pasUrl(const QString& name)
{
    return name.contains(QLatin1Char(':')) ? name : kPas + name;
}

QList<QJsonObject> extensions(const QJsonObject& element, const QString& url)
{
    QList<QJsonObject> result;
    const QString full = pasUrl(url);
    for (const QJsonValue& extension : array(element, "extension"))
        if (text(extension.toObject(), "url") == full)
            result.append(extension.toObject());
    return result;
}

QDate fullDate(const QString& value)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})(T.*)?$"));
    const auto match = shape.match(value);
    if (!match.hasMatch())
        return {};
    return QDate::fromString(match.captured(1), Qt::ISODate);
}

QDateTime instantUtc(const QString& value)
{
    static const QRegularExpression shape(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$"));
    if (!shape.match(value).hasMatch())
        return {};
    QString normalized = value;
    // Qt reads at most milliseconds.
    static const QRegularExpression fraction(QStringLiteral("(\\.\\d{3})\\d+"));
    normalized.replace(fraction, QStringLiteral("\\1"));
    const QDateTime parsed = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

QString humanName(const QJsonObject& name)
{
    const QString text = fhir::text(name, "text").simplified();
    if (!text.isEmpty())
        return text;
    QStringList parts;
    for (const QJsonValue& given : array(name, "given"))
        parts.append(given.toString());
    parts.append(fhir::text(name, "family"));
    parts.removeAll(QString());
    return parts.join(QLatin1Char(' ')).simplified();
}

QString personName(const QJsonObject& resource)
{
    const QJsonArray names = array(resource, "name");
    for (const QJsonValue& name : names)
        if (text(name.toObject(), "use") == QLatin1String("official"))
            return humanName(name.toObject());
    return names.isEmpty() ? QString() : humanName(names.first().toObject());
}

QString bracketList(const QStringList& items)
{
    QStringList quoted;
    for (const QString& item : items)
        quoted.append(QLatin1Char('\'') + item + QLatin1Char('\''));
    return QLatin1Char('[') + quoted.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace rd::fhir
