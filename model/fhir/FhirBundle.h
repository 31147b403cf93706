// The resources of a FHIR R4 Bundle and the resolution of references between them
// (R4 bundle.html#references): absolute references match an entry's fullUrl (a /_history/n tail
// ignored); a relative Type/id is resolved against the base of the referring entry's RESTful
// fullUrl; #id names a resource contained in the referring resource. A relative reference under a
// urn:uuid fullUrl has no defined meaning and does not resolve.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace rd {

// One resource of the Bundle: an entry's resource, or a resource contained in it.
struct FhirResource
{
    int entry = -1;     // index in Bundle.entry
    int contained = -1; // index in the entry resource's contained[], or -1
    QJsonObject json;
    QString fullUrl; // the entry's fullUrl (empty for a contained resource)
    QString type() const { return json.value(QStringLiteral("resourceType")).toString(); }
    QString id() const { return json.value(QStringLiteral("id")).toString(); }
    // "Bundle.entry[3].resource(Patient)" or "Bundle.entry[0].resource(Claim).contained[1](Coverage)"
    QString path() const;
    bool operator==(const FhirResource& other) const
    {
        return entry == other.entry && contained == other.contained;
    }
};

class FhirBundle
{
public:
    FhirBundle() = default;
    // entries: Bundle.entry (already checked: every one has a fullUrl and a resource object).
    explicit FhirBundle(const QJsonArray& entries);

    qsizetype size() const { return m_entries.size(); }
    const FhirResource& entry(qsizetype i) const { return m_entries.at(i); }
    const QList<FhirResource>& entries() const { return m_entries; }

    // Resolves reference as written in from; nullopt when it does not resolve in the Bundle.
    std::optional<FhirResource> resolve(const QString& reference, const FhirResource& from) const;

    static bool isAbsolute(const QString& reference);
    // The fullUrl without a /_history/n tail.
    static QString withoutHistory(const QString& url);

private:
    QList<FhirResource> m_entries;
};

} // namespace rd
