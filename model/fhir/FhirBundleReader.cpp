#include "model/fhir/FhirBundleReader.h"

#include "checklist/CaseJson.h"
#include "model/fhir/FhirBundle.h"
#include "model/fhir/FhirRequest.h"
#include "model/fhir/FhirValues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace rd {

using namespace fhir;

namespace {

QString typeOf(const QJsonObject& resource)
{
    const QString type = text(resource, "resourceType");
    return type.isEmpty() ? QStringLiteral("resource without a resourceType") : type;
}

// The one Bundle of a $submit Parameters ("resource" parameter), or the root itself.
QJsonObject unwrap(const QJsonObject& root)
{
    if (text(root, "resourceType") != QLatin1String("Parameters"))
        return root;
    const QJsonArray parameters = array(root, "parameter");
    QJsonObject found;
    int count = 0;
    for (const QJsonValue& value : parameters) {
        const QJsonObject parameter = value.toObject();
        if (text(parameter, "name") == QLatin1String("resource")) {
            found = object(parameter, "resource");
            ++count;
        }
    }
    if (count != 1 || text(found, "resourceType") != QLatin1String("Bundle"))
        failAt(QStringLiteral("Parameters.parameter"),
               QStringLiteral(
                   "a $submit Parameters must hold exactly one 'resource' parameter that is a Bundle"));
    return found;
}

// Checks 1 to 3 of the contract: the Bundle itself and its entries.
FhirBundle readEntries(const QJsonObject& bundle)
{
    const QString resourceType = text(bundle, "resourceType");
    if (resourceType != QLatin1String("Bundle"))
        failAt(QStringLiteral("resourceType"),
               QStringLiteral("'%1'; a PAS request is a Bundle").arg(resourceType.left(40)));
    const QString type = text(bundle, "type");
    if (type != QLatin1String("collection"))
        failAt(QStringLiteral("Bundle.type"),
               QStringLiteral("'%1'; a PAS request Bundle is a 'collection'").arg(type.left(40)));
    const QJsonValue entryValue = bundle.value(QStringLiteral("entry"));
    if (!entryValue.isUndefined() && !entryValue.isArray())
        failAt(QStringLiteral("Bundle.entry"), QStringLiteral("must be an array"));
    const QJsonArray entries = entryValue.toArray();
    // A request is the Claim and what it references: a few dozen entries. Resolving references and
    // walking every resource is linear per reference, so a Bundle of thousands is refused.
    constexpr qsizetype maxEntries = 1000;
    if (entries.size() > maxEntries)
        failAt(QStringLiteral("Bundle.entry"),
               QStringLiteral("%1 entries; at most %2 are accepted in a request")
                   .arg(entries.size())
                   .arg(maxEntries));
    QHash<QString, int> fullUrls;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString path = QStringLiteral("Bundle.entry[%1]").arg(i);
        const QJsonObject entry = entries.at(i).toObject();
        const QString fullUrl = text(entry, "fullUrl");
        if (fullUrl.isEmpty() || !entry.value(QStringLiteral("resource")).isObject())
            failAt(path, QStringLiteral("fullUrl and resource are required"));
        if (text(object(entry, "resource"), "resourceType").isEmpty())
            failAt(path + QStringLiteral(".resource.resourceType"), QStringLiteral("is missing"));
        const QString key = FhirBundle::withoutHistory(fullUrl);
        if (fullUrls.contains(key))
            failAt(path + QStringLiteral(".fullUrl"), QStringLiteral("'%1' is also the fullUrl of entry[%2]")
                                                          .arg(fullUrl.left(200))
                                                          .arg(fullUrls.value(key)));
        fullUrls.insert(key, int(i));
    }
    return FhirBundle(entries);
}

// Check 4: the Claim is the first entry.
void checkClaimFirst(const FhirBundle& bundle)
{
    if (bundle.size() == 0)
        failAt(QStringLiteral("Bundle.entry"),
               QStringLiteral("no entries; PAS requires the Claim first (there is no Claim)"));
    if (bundle.entry(0).type() == QLatin1String("Claim"))
        return;
    QString where = QStringLiteral("there is no Claim");
    for (const FhirResource& resource : bundle.entries())
        if (resource.type() == QLatin1String("Claim")) {
            where = QStringLiteral("a Claim is at entry[%1]").arg(resource.entry);
            break;
        }
    failAt(QStringLiteral("Bundle.entry[0]"), QStringLiteral("is a %1; PAS requires the Claim first (%2)")
                                                  .arg(typeOf(bundle.entry(0).json), where));
}

// A declared PAS profile that is not the request's own: the sender says the resource is something else
// (a response Bundle, a Claim Update or inquiry), so it is not read as a request. Profiles of other
// guides (US Core, a payer's own) and a missing meta.profile are not checked.
void checkDeclaredProfiles(const QJsonObject& resource, const QString& path, const QString& expected,
                           const QString& what)
{
    const QString pas = pasUrl(QString());
    const QJsonArray profiles = array(object(resource, "meta"), "profile");
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        const QString declared = profiles.at(i).toString();
        const QString canonical = declared.section(QLatin1Char('|'), 0, 0);
        if (!canonical.startsWith(pas) || canonical == pasUrl(expected))
            continue;
        const QString where = path + QStringLiteral(".meta.profile[%1]").arg(i);
        if (canonical == pasUrl(QStringLiteral("profile-claim-update")))
            failAt(where, QStringLiteral("declares a Claim Update (profile-claim-update); updates and "
                                         "cancellations are not imported yet"));
        failAt(where, QStringLiteral("declares %1, not %2 (%3)")
                          .arg(canonical.mid(pas.size()).left(100), what, expected));
    }
}

// Calls visit(path, object) for every JSON object under value (path relative to the start).
template <typename Visit> void walk(const QJsonValue& value, const QString& path, const Visit& visit)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        visit(path, object);
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            walk(it.value(), path + QLatin1Char('.') + it.key(), visit);
    } else if (value.isArray()) {
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            walk(items.at(i), path + QStringLiteral("[%1]").arg(i), visit);
    }
}

// Checks 7 and 8: updates, cancellations and modifier extensions anywhere in the Bundle.
void checkUpdatesAndModifiers(const FhirBundle& bundle, const QString& claimPath)
{
    const QJsonObject& claim = bundle.entry(0).json;
    static const QString notYet = QStringLiteral("updates and cancellations are not imported yet");
    if (claim.contains(QStringLiteral("related")))
        failAt(claimPath + QStringLiteral(".related"), QStringLiteral("a Claim Update; ") + notYet);
    auto cancels = [](const QJsonObject& element) {
        for (const QJsonObject& extension :
             extensions(element, QStringLiteral("extension-certificationType")))
            if (hasCode(object(extension, "valueCodeableConcept"), kX12 + QStringLiteral("1322"),
                        QStringLiteral("3")))
                return true;
        return false;
    };
    if (cancels(claim))
        failAt(claimPath + QStringLiteral(".extension(certificationType)"),
               QStringLiteral("3 (Cancel); ") + notYet);
    const QJsonArray items = array(claim, "item");
    for (qsizetype i = 0; i < items.size(); ++i)
        if (cancels(items.at(i).toObject()))
            failAt(claimPath + QStringLiteral(".item[%1].extension(certificationType)").arg(i),
                   QStringLiteral("3 (Cancel); ") + notYet);
    const QString infoCancelled = pasUrl(QStringLiteral("modifierextension-infoCancelled"));
    for (const FhirResource& resource : bundle.entries()) {
        walk(resource.json, resource.path(), [&](const QString& path, const QJsonObject& element) {
            const QJsonArray modifiers = array(element, "modifierExtension");
            for (qsizetype k = 0; k < modifiers.size(); ++k) {
                const QJsonObject modifier = modifiers.at(k).toObject();
                const QString where = path + QStringLiteral(".modifierExtension[%1]").arg(k);
                const bool known = text(modifier, "url") == infoCancelled;
                if (known && modifier.value(QStringLiteral("valueBoolean")) == QJsonValue(true))
                    failAt(where, QStringLiteral("infoCancelled is true; ") + notYet);
                if (!known || modifier.value(QStringLiteral("valueBoolean")) != QJsonValue(false))
                    failAt(where, QStringLiteral("the modifier extension '%1' is not understood; a modifier "
                                                 "cannot be ignored")
                                      .arg(text(modifier, "url").left(200)));
            }
        });
    }
}

// Check 9: every #id reference names a contained resource.
void checkContainedReferences(const FhirBundle& bundle)
{
    for (const FhirResource& resource : bundle.entries()) {
        walk(resource.json, resource.path(), [&](const QString& path, const QJsonObject& element) {
            const QString reference = text(element, "reference");
            if (reference.startsWith(QLatin1Char('#')) && !bundle.resolve(reference, resource))
                failAt(path,
                       QStringLiteral("contained reference %1 does not resolve").arg(reference.left(100)));
        });
    }
}

} // namespace

FhirBundleReader::FhirBundleReader(Policy policy)
    : m_policy(std::move(policy))
{}

Result<FhirImport> FhirBundleReader::read(const QByteArray& raw, const QString& fileName,
                                          const QString& workFolder) const
{
    const FhirJsonScanResult scanned = FhirJsonScan::scan(raw, m_limits);
    if (!scanned.ok)
        return Error{fileName, scanned.path, -1, scanned.message};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(scanned.json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{fileName, {}, -1, QStringLiteral("not JSON: ") + parseError.errorString()};
    if (!document.isObject())
        return Error{fileName, {}, -1, QStringLiteral("not a FHIR resource (a JSON object)")};
    try {
        const QJsonObject bundleJson = unwrap(document.object());
        const FhirBundle bundle = readEntries(bundleJson);
        checkDeclaredProfiles(bundleJson, QStringLiteral("Bundle"),
                              QStringLiteral("profile-pas-request-bundle"),
                              QStringLiteral("a PAS request Bundle"));
        checkClaimFirst(bundle);
        FhirRequestContext context{bundle, m_policy, raw, scanned, workFolder, m_receivedAt, m_now};
        const QString claimPath = bundle.entry(0).path();
        const QJsonObject& claim = bundle.entry(0).json;
        const QString use = text(claim, "use");
        if (use != QLatin1String("preauthorization"))
            failAt(claimPath + QStringLiteral(".use"),
                   QStringLiteral("'%1'; only 'preauthorization' requests are imported").arg(use.left(40)));
        const QString status = text(claim, "status");
        if (status != QLatin1String("active"))
            failAt(claimPath + QStringLiteral(".status"),
                   QStringLiteral("'%1'; only 'active' requests are imported").arg(status.left(40)));
        checkDeclaredProfiles(claim, claimPath, QStringLiteral("profile-claim"),
                              QStringLiteral("a PAS request Claim"));
        checkUpdatesAndModifiers(bundle, claimPath);
        checkContainedReferences(bundle);
        return FhirRequest(context).read(bundleJson);
    } catch (const FhirFailure& failure) {
        return Error{fileName, failure.path, -1, failure.message};
    }
}

} // namespace rd
