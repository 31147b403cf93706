#include "model/fhir/FhirBundle.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace rd {

QString FhirResource::path() const
{
    QString text = QStringLiteral("Bundle.entry[%1].resource").arg(entry);
    if (contained < 0)
        return text + QStringLiteral("(%1)").arg(type());
    return text + QStringLiteral(".contained[%1](%2)").arg(contained).arg(type());
}

FhirBundle::FhirBundle(const QJsonArray& entries)
{
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        FhirResource resource;
        resource.entry = int(i);
        resource.json = entry.value(QStringLiteral("resource")).toObject();
        resource.fullUrl = entry.value(QStringLiteral("fullUrl")).toString();
        m_entries.append(resource);
    }
}

bool FhirBundle::isAbsolute(const QString& reference)
{
    return reference.startsWith(QLatin1String("http://")) ||
           reference.startsWith(QLatin1String("https://")) ||
           reference.startsWith(QLatin1String("urn:uuid:")) ||
           reference.startsWith(QLatin1String("urn:oid:"));
}

QString FhirBundle::withoutHistory(const QString& url)
{
    static const QRegularExpression history(QStringLiteral("/_history/[^/]+$"));
    QString result = url;
    result.remove(history);
    return result;
}

std::optional<FhirResource> FhirBundle::resolve(const QString& reference, const FhirResource& from) const
{
    if (reference.isEmpty() || from.entry < 0 || from.entry >= m_entries.size())
        return std::nullopt;
    const FhirResource& container = m_entries.at(from.entry);
    if (reference.startsWith(QLatin1Char('#'))) {
        if (reference.size() == 1)
            return container;
        const QJsonArray contained = container.json.value(QStringLiteral("contained")).toArray();
        for (qsizetype i = 0; i < contained.size(); ++i) {
            const QJsonObject object = contained.at(i).toObject();
            if (object.value(QStringLiteral("id")).toString() == reference.mid(1)) {
                FhirResource resource;
                resource.entry = from.entry;
                resource.contained = int(i);
                resource.json = object;
                return resource;
            }
        }
        return std::nullopt;
    }
    QString target;
    if (isAbsolute(reference)) {
        target = withoutHistory(reference);
    } else {
        static const QRegularExpression relative(
            QStringLiteral("^([A-Za-z]+)/([A-Za-z0-9\\-\\.]{1,64})(/_history/[A-Za-z0-9\\-\\.]{1,64})?$"));
        const auto match = relative.match(reference);
        if (!match.hasMatch())
            return std::nullopt;
        // The base of the referring entry's RESTful fullUrl: everything before its own Type/id.
        static const QRegularExpression restful(QStringLiteral(
            "^(https?://.*/)?[A-Za-z]+/[A-Za-z0-9\\-\\.]{1,64}(/_history/[A-Za-z0-9\\-\\.]{1,64})?$"));
        const auto base = restful.match(container.fullUrl);
        if (!base.hasMatch() || base.captured(1).isEmpty())
            return std::nullopt;
        target = base.captured(1) + match.captured(1) + QLatin1Char('/') + match.captured(2);
    }
    for (const FhirResource& resource : m_entries) {
        if (withoutHistory(resource.fullUrl) == target)
            return resource;
    }
    return std::nullopt;
}

} // namespace rd
