#include "model/fhir/FhirResponseWriter.h"

#include "model/fhir/FhirValues.h"

#include <QJsonArray>
#include <QUuid>

namespace rd {

using namespace fhir;

namespace {

const QUuid kNamespace = QUuid(QStringLiteral("{5b0f6a52-4d0e-4a6b-9b7e-2f1c3d0a9e11}"));

QString instant(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QJsonObject extension(const QString& name, const char* valueKey, const QJsonValue& value)
{
    return QJsonObject{{QStringLiteral("url"), pasUrl(name)}, {QLatin1String(valueKey), value}};
}

QJsonObject coding(const QString& system, const QString& code, const QString& display = {})
{
    QJsonObject result{{QStringLiteral("system"), system}, {QStringLiteral("code"), code}};
    if (!display.isEmpty())
        result.insert(QStringLiteral("display"), display);
    return result;
}

QJsonObject codeable(const QJsonObject& coding)
{
    return QJsonObject{{QStringLiteral("coding"), QJsonArray{coding}}};
}

// X12 306 (HCR01) review action per line decision (docs/fhir.md).
QJsonObject reviewActionCoding(LineOutcome outcome)
{
    const QString system = QStringLiteral("https://codesystem.x12.org/005010/306");
    switch (outcome) {
    case LineOutcome::Approve:
        return coding(system, QStringLiteral("A1"), QStringLiteral("Certified in total"));
    case LineOutcome::Deny:
        return coding(system, QStringLiteral("A3"), QStringLiteral("Not Certified"));
    case LineOutcome::Pend:
        break;
    }
    return coding(system, QStringLiteral("A4"), QStringLiteral("Pending"));
}

QString disposition(OverallOutcome outcome)
{
    switch (outcome) {
    case OverallOutcome::Approved:
        return QStringLiteral("Certified in total");
    case OverallOutcome::Denied:
        return QStringLiteral("Not certified");
    case OverallOutcome::Partial:
        return QStringLiteral("Certified in part: some services certified, some not certified");
    case OverallOutcome::Pended:
        break;
    }
    return QStringLiteral("Pending: additional information is needed");
}

class Builder
{
public:
    explicit Builder(const FhirResponseInput& input)
        : m_input(input)
    {}

    QJsonObject run()
    {
        const QString responseId = uuid(QStringLiteral("ClaimResponse"));
        const QString patient =
            addEntry(m_input.origin.value(QStringLiteral("patient")).toObject(), madePatient());
        const QString insurer =
            addEntry(m_input.origin.value(QStringLiteral("insurer")).toObject(), madeInsurer());
        QString requestor =
            addEntry(m_input.origin.value(QStringLiteral("provider")).toObject(), madeRequestor());
        for (const QJsonValue& related : m_input.origin.value(QStringLiteral("providerRelated")).toArray())
            addEntry(related.toObject(), {});
        QJsonObject response = claimResponse(responseId, patient, insurer, requestor);
        m_entries.prepend(
            QJsonObject{{QStringLiteral("fullUrl"), QString(QStringLiteral("urn:uuid:") + responseId)},
                        {QStringLiteral("resource"), response}});
        QJsonValue identifier = m_input.origin.value(QStringLiteral("bundleIdentifier"));
        if (!identifier.isObject())
            identifier =
                QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:ietf:rfc:3986")},
                            {QStringLiteral("value"), QString(QStringLiteral("urn:uuid:") +
                                                              uuid(QStringLiteral("Bundle.identifier")))}};
        return QJsonObject{
            {QStringLiteral("resourceType"), QStringLiteral("Bundle")},
            {QStringLiteral("id"), uuid(QStringLiteral("Bundle"))},
            {QStringLiteral("meta"),
             QJsonObject{{QStringLiteral("profile"),
                          QJsonArray{pasUrl(QStringLiteral("profile-pas-response-bundle"))}}}},
            {QStringLiteral("identifier"), identifier},
            {QStringLiteral("type"), QStringLiteral("collection")},
            {QStringLiteral("timestamp"), instant(m_input.decidedAt)},
            {QStringLiteral("entry"), m_entries},
        };
    }

private:
    // Stable ids: exporting the same determination twice gives the same Bundle.
    QString uuid(const QString& what) const
    {
        return QUuid::createUuidV5(kNamespace, m_input.caseId + QLatin1Char('/') +
                                                   instant(m_input.decidedAt) + QLatin1Char('/') + what)
            .toString(QUuid::WithoutBraces);
    }

    // Adds {fullUrl, resource} from the request (a contained one gets its own urn:uuid), or made when
    // the request had none; returns the fullUrl, empty when there is nothing.
    QString addEntry(const QJsonObject& fromRequest, QJsonObject made)
    {
        QString fullUrl = fromRequest.value(QStringLiteral("fullUrl")).toString();
        QJsonObject resource = fromRequest.value(QStringLiteral("resource")).toObject();
        if (resource.isEmpty())
            resource = made;
        if (resource.isEmpty())
            return {};
        if (fullUrl.isEmpty()) {
            const QString id = uuid(QStringLiteral("entry/") + QString::number(m_entries.size()) +
                                    resource.value(QStringLiteral("id")).toString());
            resource.insert(QStringLiteral("id"), id);
            fullUrl = QStringLiteral("urn:uuid:") + id;
        }
        for (const QJsonValue& entry : std::as_const(m_entries))
            if (entry.toObject().value(QStringLiteral("fullUrl")).toString() == fullUrl)
                return fullUrl; // once each
        m_entries.append(
            QJsonObject{{QStringLiteral("fullUrl"), fullUrl}, {QStringLiteral("resource"), resource}});
        return fullUrl;
    }

    QJsonObject madePatient() const
    {
        const Member& member = m_input.data.member;
        QJsonObject patient{
            {QStringLiteral("resourceType"), QStringLiteral("Patient")},
            {QStringLiteral("identifier"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("type"),
                              codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"),
                                              QStringLiteral("MB")))},
                             {QStringLiteral("value"), member.id}}}},
            {QStringLiteral("birthDate"), member.birthDate.toString(Qt::ISODate)}};
        if (!member.name.isEmpty())
            patient.insert(QStringLiteral("name"),
                           QJsonArray{QJsonObject{{QStringLiteral("text"), member.name}}});
        return patient;
    }

    QJsonObject madeInsurer() const
    {
        return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Organization")},
                           {QStringLiteral("name"),
                            m_input.planName.isEmpty() ? QStringLiteral("Health plan") : m_input.planName}};
    }

    QJsonObject madeRequestor() const
    {
        const Provider& provider = m_input.data.provider;
        if (provider.name.isEmpty() && provider.npi.isEmpty())
            return {};
        QJsonObject organization{{QStringLiteral("resourceType"), QStringLiteral("Organization")}};
        if (!provider.name.isEmpty())
            organization.insert(QStringLiteral("name"), provider.name);
        if (!provider.npi.isEmpty())
            organization.insert(QStringLiteral("identifier"),
                                QJsonArray{QJsonObject{{QStringLiteral("system"), kNpiSystem},
                                                       {QStringLiteral("value"), provider.npi}}});
        return organization;
    }

    QJsonObject originItem(qsizetype index, const QString& code) const
    {
        const QJsonArray items = m_input.origin.value(QStringLiteral("items")).toArray();
        for (const QJsonValue& item : items)
            if (item.toObject().value(QStringLiteral("code")).toString() == code)
                return item.toObject();
        return QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("sequence"), int(index + 1)}};
    }

    int noteNumber(const Reason& reason)
    {
        for (qsizetype i = 0; i < m_notes.size(); ++i)
            if (m_notes.at(i).toObject().value(QStringLiteral("text")).toString() == reason.text)
                return int(i + 1);
        m_notes.append(QJsonObject{{QStringLiteral("number"), int(m_notes.size() + 1)},
                                   {QStringLiteral("type"), QStringLiteral("display")},
                                   {QStringLiteral("text"), reason.text}});
        return int(m_notes.size());
    }

    QJsonObject authorizationPeriod() const
    {
        const QDate start = qMax(m_input.decidedAt.toUTC().date(), m_input.data.request.serviceDate);
        return QJsonObject{
            {QStringLiteral("start"), start.toString(Qt::ISODate)},
            {QStringLiteral("end"), start.addDays(m_input.authorizationValidDays).toString(Qt::ISODate)}};
    }

    QJsonObject item(qsizetype index, const LineDecision& line)
    {
        const QJsonObject origin = originItem(index, line.code);
        const int sequence = origin.value(QStringLiteral("sequence")).toInt();
        const QString number = FhirResponseWriter::authorizationNumber(m_input.caseId) + QLatin1Char('-') +
                               QString::number(sequence);
        QJsonArray extensions;
        for (const QJsonValue& trace : origin.value(QStringLiteral("itemTraceNumber")).toArray())
            extensions.append(
                extension(QStringLiteral("extension-itemTraceNumber"), "valueIdentifier", trace));
        if (origin.contains(QStringLiteral("servicedPeriod")))
            extensions.append(extension(QStringLiteral("extension-itemRequestedServiceDate"), "valuePeriod",
                                        origin.value(QStringLiteral("servicedPeriod"))));
        else
            extensions.append(
                extension(QStringLiteral("extension-itemRequestedServiceDate"), "valueDateTime",
                          origin.value(QStringLiteral("servicedDate"))
                              .toString(m_input.data.request.serviceDate.toString(Qt::ISODate))));
        if (line.decision == LineOutcome::Approve) {
            extensions.append(extension(QStringLiteral("extension-itemPreAuthIssueDate"), "valueDate",
                                        m_input.decidedAt.toUTC().date().toString(Qt::ISODate)));
            extensions.append(extension(QStringLiteral("extension-itemPreAuthPeriod"), "valuePeriod",
                                        authorizationPeriod()));
            extensions.append(
                extension(QStringLiteral("extension-authorizationNumber"), "valueString", number));
        } else {
            extensions.append(
                extension(QStringLiteral("extension-administrationReferenceNumber"), "valueString", number));
        }
        const QJsonObject reviewAction{
            {QStringLiteral("url"), pasUrl(QStringLiteral("extension-reviewAction"))},
            {QStringLiteral("extension"),
             QJsonArray{extension(QStringLiteral("extension-reviewActionCode"), "valueCodeableConcept",
                                  codeable(reviewActionCoding(line.decision))),
                        QJsonObject{{QStringLiteral("url"), QStringLiteral("number")},
                                    {QStringLiteral("valueString"), number}}}}};
        QJsonObject result{
            {QStringLiteral("extension"), extensions},
            {QStringLiteral("itemSequence"), sequence},
            {QStringLiteral("adjudication"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("extension"), QJsonArray{reviewAction}},
                 {QStringLiteral("category"),
                  codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/adjudication"),
                                  QStringLiteral("submitted")))}}}}};
        QJsonArray notes;
        for (const Reason& reason : line.reasons)
            if (!reason.text.isEmpty() && !notes.contains(noteNumber(reason)))
                notes.append(noteNumber(reason));
        if (!notes.isEmpty())
            result.insert(QStringLiteral("noteNumber"), notes);
        return result;
    }

    QJsonObject claimResponse(const QString& id, const QString& patient, const QString& insurer,
                              const QString& requestor)
    {
        auto reference = [](const QString& fullUrl) {
            return QJsonObject{{QStringLiteral("reference"), fullUrl}};
        };
        QJsonArray identifiers = m_input.origin.value(QStringLiteral("claimIdentifier")).toArray();
        identifiers.append(m_input.payerIdentifierSystem.isEmpty()
                               ? QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:ietf:rfc:3986")},
                                             {QStringLiteral("value"),
                                              QString(QStringLiteral("urn:uuid:") + m_input.caseId)}}
                               : QJsonObject{{QStringLiteral("system"), m_input.payerIdentifierSystem},
                                             {QStringLiteral("value"), m_input.caseId}});
        QJsonObject type = m_input.origin.value(QStringLiteral("claimType")).toObject();
        if (type.isEmpty())
            type = codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/claim-type"),
                                   QStringLiteral("professional")));
        const QString claim = m_input.origin.value(QStringLiteral("claimFullUrl")).toString();
        const QJsonObject request =
            claim.isEmpty()
                ? QJsonObject{{QStringLiteral("extension"),
                               QJsonArray{QJsonObject{
                                   {QStringLiteral("url"),
                                    QStringLiteral(
                                        "http://hl7.org/fhir/StructureDefinition/data-absent-reason")},
                                   {QStringLiteral("valueCode"), QStringLiteral("not-applicable")}}}}}
                : reference(claim);
        QJsonArray items;
        bool anyApproved = false;
        for (qsizetype i = 0; i < m_input.decision.lines.size(); ++i) {
            items.append(item(i, m_input.decision.lines.at(i)));
            anyApproved = anyApproved || m_input.decision.lines.at(i).decision == LineOutcome::Approve;
        }
        QJsonObject response{
            {QStringLiteral("resourceType"), QStringLiteral("ClaimResponse")},
            {QStringLiteral("id"), id},
            {QStringLiteral("meta"),
             QJsonObject{
                 {QStringLiteral("profile"), QJsonArray{pasUrl(QStringLiteral("profile-claimresponse"))}}}},
            {QStringLiteral("identifier"), identifiers},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("type"), type},
            {QStringLiteral("use"), QStringLiteral("preauthorization")},
            {QStringLiteral("patient"), reference(patient)},
            {QStringLiteral("created"), instant(m_input.decidedAt)},
            {QStringLiteral("insurer"), reference(insurer)},
            {QStringLiteral("request"), request},
            {QStringLiteral("outcome"), QStringLiteral("complete")},
            {QStringLiteral("disposition"), disposition(m_input.decision.overall)},
            {QStringLiteral("item"), items},
        };
        if (!requestor.isEmpty())
            response.insert(QStringLiteral("requestor"), reference(requestor));
        if (anyApproved) {
            response.insert(QStringLiteral("preAuthRef"),
                            FhirResponseWriter::authorizationNumber(m_input.caseId));
            response.insert(QStringLiteral("preAuthPeriod"), authorizationPeriod());
        }
        if (!m_notes.isEmpty())
            response.insert(QStringLiteral("processNote"), m_notes);
        if (m_input.determined) {
            QJsonArray reviewer{QJsonObject{{QStringLiteral("url"), QStringLiteral("wasHumanReviewedFlag")},
                                            {QStringLiteral("valueBoolean"), true}}};
            if (!m_input.reviewerNpi.isEmpty())
                reviewer.append(QJsonObject{{QStringLiteral("url"), QStringLiteral("reviewerNPI")},
                                            {QStringLiteral("valueIdentifier"),
                                             QJsonObject{{QStringLiteral("system"), kNpiSystem},
                                                         {QStringLiteral("value"), m_input.reviewerNpi}}}});
            response.insert(
                QStringLiteral("extension"),
                QJsonArray{QJsonObject{
                    {QStringLiteral("url"), pasUrl(QStringLiteral("extension-claimResponseReviewer"))},
                    {QStringLiteral("extension"), reviewer}}});
        }
        if (!m_input.letterPdf.isEmpty())
            response.insert(
                QStringLiteral("form"),
                QJsonObject{{QStringLiteral("contentType"), QStringLiteral("application/pdf")},
                            {QStringLiteral("data"), QString::fromLatin1(m_input.letterPdf.toBase64())},
                            {QStringLiteral("title"), m_input.letterTitle}});
        return response;
    }

    const FhirResponseInput& m_input;
    QJsonArray m_entries;
    QJsonArray m_notes;
};

} // namespace

QString FhirResponseWriter::authorizationNumber(const QString& caseId)
{
    return QStringLiteral("RD-") + caseId.toUpper();
}

QJsonObject FhirResponseWriter::bundle(const FhirResponseInput& input)
{
    return Builder(input).run();
}

} // namespace rd
