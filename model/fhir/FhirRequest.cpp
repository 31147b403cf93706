#include "model/fhir/FhirRequest.h"

#include "checklist/CaseJson.h"
#include "model/fhir/FhirValues.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace rd {

using namespace fhir;

void failAt(const QString& path, const QString& message)
{
    throw FhirFailure{path, message};
}

namespace {

QString quotedCode(const QJsonObject& coding)
{
    return text(coding, "system").left(200) + QLatin1Char('#') + text(coding, "code").left(40);
}

// ICD-10-CM as the case keeps it: upper case, with the dot after the category (G801 -> G80.1).
QString normalizedIcd10(QString code)
{
    code = code.trimmed().toUpper();
    if (!code.contains(QLatin1Char('.')) && code.size() > 3)
        code.insert(3, QLatin1Char('.'));
    return code;
}

QString dateOf(const QJsonObject& element, const char* dateKey, const char* periodKey)
{
    const QString date = text(element, dateKey);
    if (!date.isEmpty())
        return date;
    return text(object(element, periodKey), "start");
}

} // namespace

FhirRequest::FhirRequest(const FhirRequestContext& context)
    : m_context(context)
    , m_bundle(context.bundle)
    , m_claim(context.bundle.entry(0))
{}

FhirImport FhirRequest::read(const QJsonObject& bundleJson)
{
    readLines();
    checkNeededReferences();
    const QJsonObject& patient = m_patient->json;
    const QString birthDate = text(patient, "birthDate");
    m_result.data.member.birthDate = fullDate(birthDate);
    if (birthDate.size() != 10 || !m_result.data.member.birthDate.isValid())
        failAt(m_patient->path() + QStringLiteral(".birthDate"),
               birthDate.isEmpty()
                   ? QStringLiteral("is missing; the member's age on the service date is needed")
                   : QStringLiteral("is not a full date (yyyy-mm-dd)"));
    readMember();
    readDiagnoses();
    readReceivedAt(bundleJson);
    readDocuments();
    readServiceDate();
    readProvider();
    readUrgency();
    readSupportingFacts();
    readMemberLetterFields(patient);
    warnUnresolvedReferences();
    checkCaseFacts();
    m_result.origin = origin(bundleJson);
    m_result.storedBundle = storedBundle();
    return m_result;
}

// The case as the case JSON reader would take it (CaseJson::validate: facts that cannot be true, such as
// a member born after the service date), refused at the FHIR element the fact came from.
void FhirRequest::checkCaseFacts()
{
    const std::optional<Error> invalid = CaseJson::validate(m_result.data, m_context.policy);
    if (!invalid)
        return;
    QString where = claimPath();
    if (invalid->path.startsWith(QLatin1String("member.")))
        where = m_patient->path() + QStringLiteral(".birthDate");
    else if (invalid->path == QLatin1String("request.priorStudyDate"))
        where = claimPath() + QStringLiteral(".supportingInfo");
    failAt(where, QStringLiteral("%1 (%2)").arg(invalid->message, invalid->path));
}

// Checks 10 to 16: the requested lines.
void FhirRequest::readLines()
{
    const QJsonObject& claim = m_claim.json;
    const QJsonArray items = array(claim, "item");
    const QString itemsPath = claimPath() + QStringLiteral(".item");
    if (items.isEmpty())
        failAt(itemsPath, QStringLiteral("no requested service (policy codes %1)")
                              .arg(m_context.policy.codeList().join(QStringLiteral(", "))));
    QHash<int, int> sequences;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QJsonValue sequence = item.value(QStringLiteral("sequence"));
        const QString path = QStringLiteral("%1[%2].sequence").arg(itemsPath).arg(i);
        if (!sequence.isDouble() || sequence.toDouble() < 1 ||
            sequence.toDouble() != double(sequence.toInt()))
            failAt(path, QStringLiteral(
                             "must be a whole number of 1 or more (it is how the response names the line)"));
        if (sequences.contains(sequence.toInt()))
            failAt(path, QStringLiteral("%1 is also used by item[%2]")
                             .arg(sequence.toInt())
                             .arg(sequences.value(sequence.toInt())));
        sequences.insert(sequence.toInt(), int(i));
        m_lines.append({int(i), QString(), sequence.toInt(), item});
    }
    checkSupportingSequences();
    for (const FhirLine& line : std::as_const(m_lines))
        if (!extensions(line.item, QStringLiteral("extension-productOrServiceCodeEnd")).isEmpty())
            failAt(QStringLiteral("%1[%2].extension(productOrServiceCodeEnd)").arg(itemsPath).arg(line.index),
                   QStringLiteral("a range of codes is not imported; request each code as its own item"));
    for (FhirLine& line : m_lines) {
        const QString path = QStringLiteral("%1[%2].productOrService").arg(itemsPath).arg(line.index);
        QStringList found;
        QStringList codes;
        for (const QJsonObject& coding : codings(object(line.item, "productOrService"))) {
            found.append(quotedCode(coding));
            if (isCptOrHcpcs(text(coding, "system")) && !codes.contains(text(coding, "code")))
                codes.append(text(coding, "code"));
        }
        if (codes.isEmpty())
            failAt(path, QStringLiteral("no CPT/HCPCS code (found %1)")
                             .arg(found.isEmpty() ? QStringLiteral("no coding")
                                                  : found.join(QStringLiteral(", "))));
        if (codes.size() > 1)
            failAt(path, QStringLiteral("two different CPT/HCPCS codes (%1); one item requests one service")
                             .arg(codes.join(QStringLiteral(", ")).left(200)));
        line.code = codes.first();
    }
    for (const FhirLine& line : std::as_const(m_lines))
        if (!m_context.policy.code(line.code))
            failAt(QStringLiteral("%1[%2].productOrService").arg(itemsPath).arg(line.index),
                   QStringLiteral("unknown code %1; policy %2 covers %3")
                       .arg(line.code.left(40), m_context.policy.id,
                            m_context.policy.codeList().join(QStringLiteral(", "))));
    for (qsizetype i = 0; i < m_lines.size(); ++i)
        for (qsizetype j = 0; j < i; ++j)
            if (m_lines.at(i).code == m_lines.at(j).code)
                failAt(QStringLiteral("%1[%2].productOrService").arg(itemsPath).arg(m_lines.at(i).index),
                       QStringLiteral("code %1 is also requested by item[%2]")
                           .arg(m_lines.at(i).code)
                           .arg(m_lines.at(j).index));
    for (const FhirLine& line : std::as_const(m_lines)) {
        const QJsonObject quantity = object(line.item, "quantity");
        if (quantity.contains(QStringLiteral("value")) &&
            quantity.value(QStringLiteral("value")).toDouble() != 1.0)
            failAt(
                QStringLiteral("%1[%2].quantity.value").arg(itemsPath).arg(line.index),
                QStringLiteral("%1 units; a case decides one unit of each code, so only a quantity of 1 is "
                               "imported")
                    .arg(quantity.value(QStringLiteral("value")).toDouble()));
    }
    for (const FhirLine& line : std::as_const(m_lines))
        m_result.data.request.lines.append(line.code);
}

// Check 11b: supportingInfo sequences are unique (PAS spec-22).
void FhirRequest::checkSupportingSequences()
{
    const QJsonArray supporting = array(m_claim.json, "supportingInfo");
    QHash<int, int> seen;
    for (qsizetype i = 0; i < supporting.size(); ++i) {
        const int sequence = supporting.at(i).toObject().value(QStringLiteral("sequence")).toInt(-1);
        if (seen.contains(sequence))
            failAt(QStringLiteral("%1.supportingInfo[%2].sequence").arg(claimPath()).arg(i),
                   QStringLiteral("%1 is also used by supportingInfo[%2] (PAS spec-22)")
                       .arg(sequence)
                       .arg(seen.value(sequence)));
        seen.insert(sequence, int(i));
    }
}

FhirResource FhirRequest::need(const FhirResource& from, const QJsonObject& element, const char* key,
                               const QString& path, const QStringList& types)
{
    const QString reference = text(object(element, key), "reference");
    m_neededPaths.append(path);
    if (reference.isEmpty())
        failAt(path,
               QStringLiteral("is missing (a reference to %1 in the bundle)")
                   .arg(types.isEmpty() ? QStringLiteral("a resource") : types.join(QStringLiteral(" or "))));
    const std::optional<FhirResource> resolved = m_bundle.resolve(reference, from);
    if (!resolved)
        failAt(path, QStringLiteral("%1 is not in the bundle").arg(reference.left(200)));
    if (!types.isEmpty() && !types.contains(resolved->type()))
        failAt(path, QStringLiteral("%1 is a resource of type %2, not %3")
                         .arg(reference.left(200), resolved->type(), types.join(QStringLiteral(" or "))));
    return *resolved;
}

// Check 17: every reference the case is built from resolves in the Bundle.
void FhirRequest::checkNeededReferences()
{
    const QJsonObject& claim = m_claim.json;
    m_patient = need(m_claim, claim, "patient", claimPath() + QStringLiteral(".patient"),
                     {QStringLiteral("Patient")});
    if (claim.contains(QStringLiteral("provider"))) {
        m_provider = need(m_claim, claim, "provider", claimPath() + QStringLiteral(".provider"),
                          {QStringLiteral("Organization"), QStringLiteral("PractitionerRole"),
                           QStringLiteral("Practitioner")});
        if (m_provider->type() == QLatin1String("PractitionerRole")) {
            const char* key =
                m_provider->json.contains(QStringLiteral("organization")) ? "organization" : "practitioner";
            if (m_provider->json.contains(QLatin1String(key)))
                m_providerRelated.append(
                    need(*m_provider, m_provider->json, key,
                         m_provider->path() + QLatin1Char('.') + QLatin1String(key),
                         {QStringLiteral("Organization"), QStringLiteral("Practitioner")}));
        }
    }
    const QJsonArray insurance = array(claim, "insurance");
    qsizetype focal = -1;
    for (qsizetype i = 0; i < insurance.size() && focal < 0; ++i)
        if (insurance.at(i).toObject().value(QStringLiteral("focal")).toBool())
            focal = i;
    if (focal < 0 && !insurance.isEmpty())
        focal = 0;
    if (focal >= 0)
        m_coverage = need(m_claim, insurance.at(focal).toObject(), "coverage",
                          QStringLiteral("%1.insurance[%2].coverage").arg(claimPath()).arg(focal),
                          {QStringLiteral("Coverage")});
    const QJsonArray supporting = array(claim, "supportingInfo");
    QList<std::pair<int, FhirResource>> ordered;
    for (qsizetype i = 0; i < supporting.size(); ++i) {
        const QJsonObject info = supporting.at(i).toObject();
        if (!info.contains(QStringLiteral("valueReference")))
            continue;
        const FhirResource resource =
            need(m_claim, info, "valueReference",
                 QStringLiteral("%1.supportingInfo[%2].valueReference").arg(claimPath()).arg(i), {});
        ordered.append({info.value(QStringLiteral("sequence")).toInt(), resource});
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [sequence, resource] : ordered)
        if (!m_supporting.contains(resource))
            m_supporting.append(resource);
    const QJsonArray diagnoses = array(claim, "diagnosis");
    for (qsizetype i = 0; i < diagnoses.size(); ++i) {
        const QJsonObject diagnosis = diagnoses.at(i).toObject();
        if (diagnosis.contains(QStringLiteral("diagnosisReference")))
            need(m_claim, diagnosis, "diagnosisReference",
                 QStringLiteral("%1.diagnosis[%2].diagnosisReference").arg(claimPath()).arg(i),
                 {QStringLiteral("Condition")});
    }
    for (const FhirResource& resource : std::as_const(m_supporting)) {
        if (resource.type() != QLatin1String("DocumentReference"))
            continue;
        const QJsonArray content = array(resource.json, "content");
        for (qsizetype k = 0; k < content.size(); ++k) {
            const QJsonObject attachment = object(content.at(k).toObject(), "attachment");
            if (!attachment.contains(QStringLiteral("data")) && attachment.contains(QStringLiteral("url"))) {
                const QString path =
                    QStringLiteral("%1.content[%2].attachment.url").arg(resource.path()).arg(k);
                const QString url = text(attachment, "url");
                m_neededPaths.append(path);
                const auto binary = m_bundle.resolve(url, resource);
                if (!binary)
                    failAt(path, QStringLiteral("%1 is not in the bundle (nothing is fetched from elsewhere)")
                                     .arg(url.left(200)));
                if (binary->type() != QLatin1String("Binary"))
                    failAt(path,
                           QStringLiteral("%1 is a %2, not a Binary").arg(url.left(200), binary->type()));
            }
        }
    }
    const QString insurer = text(object(claim, "insurer"), "reference");
    if (!insurer.isEmpty())
        m_insurer = m_bundle.resolve(insurer, m_claim);
}

// Check 19 and member.id, member.name (contract 3.1).
void FhirRequest::readMember()
{
    const QJsonObject& patient = m_patient->json;
    Member& member = m_result.data.member;
    member.name = personName(patient);
    auto isMemberNumber = [](const QJsonObject& identifier) {
        return hasCode(object(identifier, "type"),
                       QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"), QStringLiteral("MB"));
    };
    if (m_coverage) {
        for (const QJsonValue& value : array(m_coverage->json, "identifier")) {
            const QJsonObject identifier = value.toObject();
            if (isMemberNumber(identifier) && !text(identifier, "value").trimmed().isEmpty()) {
                member.id = text(identifier, "value").trimmed();
                return;
            }
        }
        const QJsonObject relationship = object(m_coverage->json, "relationship");
        const bool self =
            relationship.isEmpty() ||
            hasCode(relationship,
                    QStringLiteral("http://terminology.hl7.org/CodeSystem/subscriber-relationship"),
                    QStringLiteral("self")) ||
            hasCode(relationship, kX12 + QStringLiteral("1069"), QStringLiteral("18"));
        const QString subscriberId = text(m_coverage->json, "subscriberId").trimmed();
        if (self && !subscriberId.isEmpty()) {
            member.id = subscriberId;
            return;
        }
    }
    const QJsonArray identifiers = array(patient, "identifier");
    for (const QJsonValue& value : identifiers) {
        if (isMemberNumber(value.toObject()) && !text(value.toObject(), "value").trimmed().isEmpty()) {
            member.id = text(value.toObject(), "value").trimmed();
            return;
        }
    }
    for (const QJsonValue& value : identifiers) {
        if (!text(value.toObject(), "value").trimmed().isEmpty()) {
            member.id = text(value.toObject(), "value").trimmed();
            m_result.warnings.append(
                QStringLiteral("member.id: taken from %1.identifier (no member number in the "
                               "Coverage); check it against the plan's records")
                    .arg(m_patient->path()));
            return;
        }
    }
    failAt(m_coverage ? m_coverage->path() + QStringLiteral(".identifier")
                      : m_patient->path() + QStringLiteral(".identifier"),
           QStringLiteral(
               "no member id (a Coverage identifier of type MB, the subscriberId of a member who is the "
               "subscriber, or a Patient identifier)"));
}

void FhirRequest::readProvider()
{
    if (!m_provider) {
        m_result.warnings.append(
            QStringLiteral("%1.provider: missing; the case has no requesting provider").arg(claimPath()));
        return;
    }
    const FhirResource& source = m_providerRelated.isEmpty() ? *m_provider : m_providerRelated.first();
    Provider& provider = m_result.data.provider;
    provider.name = source.type() == QLatin1String("Organization") ? text(source.json, "name").simplified()
                                                                   : personName(source.json);
    for (const QJsonValue& value : array(source.json, "identifier")) {
        const QJsonObject identifier = value.toObject();
        if (text(identifier, "system") != kNpiSystem)
            continue;
        static const QRegularExpression npiShape(QStringLiteral("^[0-9]{10}$"));
        if (npiShape.match(text(identifier, "value")).hasMatch())
            provider.npi = text(identifier, "value");
        else
            m_result.warnings.append(
                QStringLiteral("%1.identifier: the NPI is not 10 digits; left out").arg(source.path()));
        break;
    }
}

// Check 20: each diagnosis has an ICD-10-CM code.
void FhirRequest::readDiagnoses()
{
    QList<std::pair<int, QJsonObject>> diagnoses;
    const QJsonArray items = array(m_claim.json, "diagnosis");
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject diagnosis = items.at(i).toObject();
        diagnosis.insert(QStringLiteral("_index"), int(i));
        diagnoses.append({diagnosis.value(QStringLiteral("sequence")).toInt(), diagnosis});
    }
    std::stable_sort(diagnoses.begin(), diagnoses.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    QStringList& codes = m_result.data.request.diagnoses;
    for (const auto& [sequence, diagnosis] : diagnoses) {
        const int index = diagnosis.value(QStringLiteral("_index")).toInt();
        QString path = QStringLiteral("%1.diagnosis[%2]").arg(claimPath()).arg(index);
        QJsonObject codeable = object(diagnosis, "diagnosisCodeableConcept");
        if (diagnosis.contains(QStringLiteral("diagnosisReference"))) {
            const auto condition =
                m_bundle.resolve(text(object(diagnosis, "diagnosisReference"), "reference"), m_claim);
            codeable = object(condition->json, "code");
            path = condition->path() + QStringLiteral(".code");
        } else {
            path += QStringLiteral(".diagnosisCodeableConcept");
        }
        QString code;
        QStringList found;
        for (const QJsonObject& coding : codings(codeable)) {
            found.append(quotedCode(coding));
            if (text(coding, "system") == kIcd10Cm && code.isEmpty())
                code = normalizedIcd10(text(coding, "code"));
        }
        if (code.isEmpty())
            failAt(path, QStringLiteral("no ICD-10-CM code (found %1)")
                             .arg(found.isEmpty() ? QStringLiteral("no coding")
                                                  : found.join(QStringLiteral(", "))));
        if (!CaseJson::isIcd10Shaped(code))
            failAt(path, QStringLiteral("'%1' is not an ICD-10-CM code").arg(code.left(40)));
        if (!codes.contains(code))
            codes.append(code);
    }
}

// Check 21: the receipt time (decision 1 of the contract).
void FhirRequest::readReceivedAt(const QJsonObject& bundleJson)
{
    QDateTime& receivedAt = m_result.data.request.receivedAt;
    if (m_context.receivedAt.isValid()) {
        receivedAt = m_context.receivedAt.toUTC();
        receivedAt.setTime(
            QTime(receivedAt.time().hour(), receivedAt.time().minute(), receivedAt.time().second()));
        m_result.receivedAtSource = QStringLiteral("given at import");
        // A correction is kept with the import's warnings (audited).
        const QDateTime own = instantUtc(text(bundleJson, "timestamp"));
        if (own.isValid() && own != receivedAt)
            m_result.warnings.append(
                QStringLiteral("request.receivedAt: %1 given at import; Bundle.timestamp says %2")
                    .arg(receivedAt.toString(Qt::ISODate), own.toString(Qt::ISODate)));
        return;
    }
    receivedAt = instantUtc(text(bundleJson, "timestamp"));
    m_result.receivedAtSource = QStringLiteral("Bundle.timestamp");
    if (!receivedAt.isValid()) {
        receivedAt = instantUtc(text(m_claim.json, "created"));
        m_result.receivedAtSource = QStringLiteral("Claim.created");
    }
    if (!receivedAt.isValid())
        failAt(QStringLiteral("Bundle.timestamp"),
               QStringLiteral("no receipt time (neither Bundle.timestamp nor Claim.created has a time with a "
                              "zone); give it with --received-at"));
    receivedAt.setTime(
        QTime(receivedAt.time().hour(), receivedAt.time().minute(), receivedAt.time().second()));
    const QDateTime now = m_context.now.isValid() ? m_context.now : QDateTime::currentDateTimeUtc();
    if (receivedAt > now.addSecs(300))
        m_result.warnings.append(
            QStringLiteral("request.receivedAt: %1 (%2) is in the future; check the receipt time")
                .arg(receivedAt.toString(Qt::ISODate), m_result.receivedAtSource));
    else if (receivedAt < now.addDays(-30))
        m_result.warnings.append(
            QStringLiteral("request.receivedAt: %1 (%2) is more than 30 days ago; the case is "
                           "due counting from then")
                .arg(receivedAt.toString(Qt::ISODate), m_result.receivedAtSource));
}

// Check 24 and request.serviceDate (contract 3.1).
void FhirRequest::readServiceDate()
{
    QStringList itemDates;
    for (const FhirLine& line : std::as_const(m_lines)) {
        const QDate date = fullDate(dateOf(line.item, "servicedDate", "servicedPeriod"));
        if (date.isValid() && !itemDates.contains(date.toString(Qt::ISODate)))
            itemDates.append(date.toString(Qt::ISODate));
    }
    std::sort(itemDates.begin(), itemDates.end());
    QDate& serviceDate = m_result.data.request.serviceDate;
    if (!itemDates.isEmpty()) {
        serviceDate = QDate::fromString(itemDates.first(), Qt::ISODate);
        if (itemDates.size() > 1)
            m_result.warnings.append(
                QStringLiteral("request.serviceDate: items have different dates %1; the earliest is used")
                    .arg(bracketList(itemDates)));
        return;
    }
    for (const QJsonValue& value : array(m_claim.json, "supportingInfo")) {
        const QJsonObject info = value.toObject();
        if (hasCode(object(info, "category"),
                    QStringLiteral("http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes"),
                    QStringLiteral("patientEvent"))) {
            serviceDate = fullDate(dateOf(info, "timingDate", "timingPeriod"));
            if (serviceDate.isValid())
                return;
        }
    }
    serviceDate = fullDate(text(object(m_claim.json, "billablePeriod"), "start"));
    if (serviceDate.isValid())
        return;
    for (const FhirLine& line : std::as_const(m_lines)) {
        for (const QJsonObject& extension :
             extensions(line.item, QStringLiteral("extension-requestedService"))) {
            const auto request =
                m_bundle.resolve(text(object(extension, "valueReference"), "reference"), m_claim);
            if (request) {
                serviceDate = fullDate(dateOf(request->json, "occurrenceDateTime", "occurrencePeriod"));
                if (serviceDate.isValid())
                    return;
            }
        }
    }
    failAt(
        claimPath() + QStringLiteral(".item"),
        QStringLiteral("no service date (item.servicedDate or servicedPeriod, a patientEvent supportingInfo, "
                       "billablePeriod, or the occurrence of the requested ServiceRequest)"));
}

void FhirRequest::readUrgency()
{
    const QJsonObject& claim = m_claim.json;
    bool expedited = hasCode(object(claim, "priority"),
                             QStringLiteral("http://terminology.hl7.org/CodeSystem/processpriority"),
                             QStringLiteral("stat"));
    for (const QJsonObject& extension : extensions(claim, QStringLiteral("extension-levelOfServiceCode")))
        if (hasCode(object(extension, "valueCodeableConcept"), kX12 + QStringLiteral("1338"),
                    QStringLiteral("U")))
            expedited = true;
    m_result.data.request.urgency = expedited ? Urgency::Expedited : Urgency::Standard;
}

// clinicalQuestion, priorStudyDate, and warnings for what is not imported.
void FhirRequest::readSupportingFacts()
{
    const QString pasCodes = QStringLiteral("http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes");
    QList<std::pair<int, QString>> messages;
    const QJsonArray supporting = array(m_claim.json, "supportingInfo");
    for (qsizetype i = 0; i < supporting.size(); ++i) {
        const QJsonObject info = supporting.at(i).toObject();
        if (hasCode(object(info, "category"), pasCodes, QStringLiteral("freeFormMessage")) &&
            !text(info, "valueString").trimmed().isEmpty())
            messages.append(
                {info.value(QStringLiteral("sequence")).toInt(), text(info, "valueString").trimmed()});
        if (!info.contains(QStringLiteral("valueReference")))
            continue;
        const QString path = QStringLiteral("%1.supportingInfo[%2].valueReference").arg(claimPath()).arg(i);
        const auto resource = m_bundle.resolve(text(object(info, "valueReference"), "reference"), m_claim);
        const QString type = resource->type();
        if (type == QLatin1String("DocumentReference") || type == QLatin1String("Binary"))
            continue;
        if (type == QLatin1String("Procedure")) {
            const QJsonObject& procedure = resource->json;
            bool study = false;
            for (const QJsonObject& coding : codings(object(procedure, "code")))
                if (isCptOrHcpcs(text(coding, "system")) &&
                    QStringList{QStringLiteral("96000"), QStringLiteral("96001"), QStringLiteral("96002")}
                        .contains(text(coding, "code")))
                    study = true;
            const QDate performed = fullDate(dateOf(procedure, "performedDateTime", "performedPeriod"));
            const QDate serviceDate = m_result.data.request.serviceDate;
            if (study && text(procedure, "status") == QLatin1String("completed") && performed.isValid() &&
                performed < serviceDate) {
                std::optional<QDate>& prior = m_result.data.request.priorStudyDate;
                if (!prior || *prior < performed)
                    prior = performed;
                continue;
            }
            m_result.warnings.append(
                QStringLiteral(
                    "%1: a Procedure that is not a completed earlier motion-analysis study (96000-96002); "
                    "not imported")
                    .arg(path));
            continue;
        }
        m_result.warnings.append(
            QStringLiteral("%1: %2 not imported, ReviewDesk imports PDF documents only").arg(path, type));
    }
    std::stable_sort(messages.begin(), messages.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    QStringList texts;
    for (const auto& message : messages)
        texts.append(message.second);
    m_result.data.request.clinicalQuestion = texts.join(QLatin1Char('\n'));
    for (const FhirLine& line : std::as_const(m_lines)) {
        QStringList modifiers;
        for (const QJsonValue& modifier : array(line.item, "modifier"))
            for (const QJsonObject& coding : codings(modifier.toObject()))
                modifiers.append(text(coding, "code"));
        if (!modifiers.isEmpty())
            m_result.warnings.append(QStringLiteral("%1.item[%2].modifier: %3 ignored")
                                         .arg(claimPath())
                                         .arg(line.index)
                                         .arg(bracketList(modifiers)));
    }
}

void FhirRequest::warnUnresolvedReferences()
{
    for (const FhirResource& resource : m_bundle.entries()) {
        std::function<void(const QJsonValue&, const QString&)> walk = [&](const QJsonValue& value,
                                                                          const QString& path) {
            if (value.isObject()) {
                const QJsonObject object = value.toObject();
                const QString reference = text(object, "reference");
                if (!reference.isEmpty() && !reference.startsWith(QLatin1Char('#')) &&
                    !m_neededPaths.contains(path) && !m_bundle.resolve(reference, resource))
                    m_result.warnings.append(
                        QStringLiteral("%1: %2 is not in the bundle (not needed, ignored)")
                            .arg(path, reference.left(200)));
                for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                    walk(it.value(), path + QLatin1Char('.') + it.key());
            } else if (value.isArray()) {
                const QJsonArray items = value.toArray();
                for (qsizetype i = 0; i < items.size(); ++i)
                    walk(items.at(i), path + QStringLiteral("[%1]").arg(i));
            }
        };
        const QJsonObject& json = resource.json;
        for (auto it = json.constBegin(); it != json.constEnd(); ++it)
            walk(it.value(), resource.path() + QLatin1Char('.') + it.key());
    }
}

} // namespace rd
