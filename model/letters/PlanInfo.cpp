#include "model/letters/PlanInfo.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace rd {

namespace {

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

QMap<QString, QString> byLanguage(const QJsonValue& value)
{
    QMap<QString, QString> result;
    if (value.isString())
        result.insert(key("en"), value.toString());
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        result.insert(it.key(), it.value().toString());
    return result;
}

QStringList strings(const QJsonValue& value)
{
    QStringList result;
    for (const QJsonValue& item : value.toArray())
        result.append(item.toString());
    return result;
}

PlanContact contact(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    return {byLanguage(object.value(key("name"))), object.value(key("phone")).toString(),
            object.value(key("website")).toString()};
}

} // namespace

PlanTypeRules PlanTypeRules::forType(PlanType type)
{
    PlanTypeRules rules;
    rules.type = type;
    rules.clock = ClockRules::forPlanType(type);
    switch (type) {
    case PlanType::ErisaGroup: // 29 CFR 2560.503-1(h)(3)(i), (i)(2)(i)-(ii); 2590.715-2719
        rules.minimumAppealDays = 180;
        rules.standardAppealDays = 30;
        rules.rightToSue = true;
        rules.consumerAssistance = true;
        rules.reasonCodes = true;
        break;
    case PlanType::AcaIndividual: // 45 CFR 147.136(b)(3), (e)
        rules.minimumAppealDays = 180;
        rules.standardAppealDays = 30;
        rules.consumerAssistance = true;
        rules.reasonCodes = true;
        break;
    case PlanType::MedicareAdvantage: // 42 CFR 422.582(b), 422.590(a), (e)
        rules.minimumAppealDays = 65;
        rules.standardAppealDays = 30;
        rules.extensionGrievance = true;
        break;
    case PlanType::Medicaid: // 42 CFR 438.402(c)(2)(ii), 438.408(b), 438.420
        rules.minimumAppealDays = 60;
        rules.standardAppealDays = 30;
        rules.continuationOfBenefits = true;
        rules.extensionGrievance = true;
        break;
    }
    rules.expeditedAppealHours = 72;
    return rules;
}

QString PlanInfo::configDir()
{
    const QString dir = qEnvironmentVariable("REVIEWDESK_CONFIG_DIR");
    return dir.isEmpty() ? QStringLiteral("/etc/reviewdesk") : dir;
}

std::optional<PlanInfo> PlanInfo::load(const QString& folder, QString* error)
{
    QString path = QDir(folder.isEmpty() ? configDir() : folder).filePath(QStringLiteral("plan.json"));
    if (!QFile::exists(path))
        path = QStringLiteral(":/letters/plan.json");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return parse(file.readAll(), path, error);
}

std::optional<PlanInfo> PlanInfo::parse(const QByteArray& json, const QString& path, QString* error)
{
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(json, &parseError).object();
    if (parseError.error != QJsonParseError::NoError ||
        root.value(key("format")).toString() != QLatin1String("reviewdesk-plan")) {
        *error = QStringLiteral("%1: not a plan file (format \"reviewdesk-plan\")").arg(path);
        return std::nullopt;
    }
    auto bad = [&](const char* field, const QString& what) {
        *error = QStringLiteral("%1: %2: %3").arg(path, key(field), what);
        return std::nullopt;
    };
    PlanInfo plan;
    plan.name = root.value(key("name")).toString();
    const auto type = planTypeFromString(root.value(key("planType")).toString());
    if (!type)
        return bad("planType",
                   QStringLiteral("must be one of erisa-group, aca-individual, medicare-advantage, "
                                  "medicaid"));
    plan.planType = *type;
    const QByteArray zone = root.value(key("timeZone")).toString().toUtf8();
    if (zone.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(zone))
        return bad("timeZone", QStringLiteral("must be an IANA time zone name, e.g. America/Los_Angeles"));
    plan.timeZone = QTimeZone(zone);
    plan.state = root.value(key("state")).toString();
    plan.department = byLanguage(root.value(key("department")));
    plan.appealsDepartment = byLanguage(root.value(key("appealsDepartment")));
    plan.address = strings(root.value(key("address")));
    plan.memberServicesPhone = root.value(key("memberServicesPhone")).toString();
    plan.ttyPhone = root.value(key("ttyPhone")).toString();
    plan.appealsPhone = root.value(key("appealsPhone")).toString();
    plan.appealsFax = root.value(key("appealsFax")).toString();
    plan.appealsAddress = strings(root.value(key("appealsAddress")));
    plan.website = root.value(key("website")).toString();
    const PlanTypeRules rules = plan.rules();
    plan.appealDays = root.value(key("appealDays")).toInt(rules.minimumAppealDays);
    plan.standardAppealDays = root.value(key("standardAppealDays")).toInt(rules.standardAppealDays);
    plan.expeditedAppealHours = root.value(key("expeditedAppealHours")).toInt(rules.expeditedAppealHours);
    plan.authorizationValidDays = root.value(key("authorizationValidDays")).toInt(90);
    const QString codes = root.value(key("codesInLetters")).toString(QStringLiteral("print"));
    if (codes != QLatin1String("print") && codes != QLatin1String("on-request"))
        return bad("codesInLetters", QStringLiteral("must be \"print\" or \"on-request\""));
    plan.printCodes = codes == QLatin1String("print");
    const QJsonObject reasonCodes = root.value(key("denialReasonCodes")).toObject();
    for (auto it = reasonCodes.constBegin(); it != reasonCodes.constEnd(); ++it)
        plan.reasonCodes.insert(it.key(), it.value().toString());
    plan.consumerAssistance = contact(root.value(key("consumerAssistance")));
    plan.externalReview = contact(root.value(key("externalReview")));
    plan.taglineLanguages = strings(root.value(key("taglineLanguages")));
    if (plan.name.isEmpty() || plan.memberServicesPhone.isEmpty() || plan.appealsPhone.isEmpty() ||
        plan.appealsAddress.isEmpty()) {
        *error =
            QStringLiteral("%1: needs name, memberServicesPhone, appealsPhone and appealsAddress").arg(path);
        return std::nullopt;
    }
    const QString typeName = toString(plan.planType);
    if (plan.appealDays < rules.minimumAppealDays)
        return bad("appealDays", QStringLiteral("%1 days is shorter than a %2 plan must allow (%3 days)")
                                     .arg(plan.appealDays)
                                     .arg(typeName)
                                     .arg(rules.minimumAppealDays));
    if (plan.standardAppealDays < 1 || plan.standardAppealDays > rules.standardAppealDays)
        return bad("standardAppealDays", QStringLiteral("a %1 plan decides a standard appeal within %2 days")
                                             .arg(typeName)
                                             .arg(rules.standardAppealDays));
    if (plan.expeditedAppealHours < 1 || plan.expeditedAppealHours > rules.expeditedAppealHours)
        return bad("expeditedAppealHours", QStringLiteral("a %1 plan decides a fast appeal within %2 hours")
                                               .arg(typeName)
                                               .arg(rules.expeditedAppealHours));
    if (rules.consumerAssistance && plan.consumerAssistance.phone.isEmpty())
        return bad("consumerAssistance", QStringLiteral("a %1 plan's notices give the consumer assistance "
                                                        "program's name and phone")
                                             .arg(typeName));
    if (plan.externalReview.name.isEmpty())
        return bad("externalReview", QStringLiteral("names who reviews independently (name, phone)"));
    if (rules.reasonCodes &&
        (!plan.reasonCodes.contains(key("criterion")) || !plan.reasonCodes.contains(key("exclusion"))))
        return bad("denialReasonCodes",
                   QStringLiteral("a %1 plan gives a denial code per line: needs at least "
                                  "\"criterion\" and \"exclusion\"")
                       .arg(typeName));
    // 45 CFR 92.11 asks for taglines in at least the state's top 15 languages; a short or repeated
    // list would print a taglines page that looks complete and is not.
    QSet<QString> distinctLanguages;
    for (const QString& language : plan.taglineLanguages)
        if (!language.trimmed().isEmpty())
            distinctLanguages.insert(language.trimmed());
    if (distinctLanguages.size() < kTaglineLanguagesRequired ||
        distinctLanguages.size() != plan.taglineLanguages.size())
        return bad("taglineLanguages",
                   QStringLiteral("lists at least the state's top %1 languages for the taglines, each once")
                       .arg(kTaglineLanguagesRequired));
    return plan;
}

} // namespace rd
