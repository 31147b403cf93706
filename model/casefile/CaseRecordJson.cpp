#include "model/casefile/CaseRecordJson.h"

#include "checklist/CaseJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace rd::CaseRecordJson {

namespace {
QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
} // namespace

QString dateText(const QDate& date)
{
    return date.toString(Qt::ISODate);
}

QJsonObject answerObject(const Answer& answer)
{
    QJsonArray evidence;
    for (const Evidence& item : answer.evidence) {
        QJsonObject citation{{QStringLiteral("attachment"), item.attachment},
                             {QStringLiteral("page"), item.page},
                             {QStringLiteral("quote"), item.quote}};
        if (!item.rect.isNull())
            citation.insert(QStringLiteral("rect"),
                            QJsonArray{item.rect.x(), item.rect.y(), item.rect.width(), item.rect.height()});
        evidence.append(citation);
    }
    return {{QStringLiteral("value"), toString(answer.value)},
            {QStringLiteral("types"), QJsonArray::fromStringList(answer.types)},
            {QStringLiteral("note"), answer.note},
            {QStringLiteral("evidence"), evidence}};
}

QString answerText(const Answer& answer)
{
    return compact(answerObject(answer));
}

QJsonObject requestObject(const CaseData& data)
{
    const Request& request = data.request;
    return {
        {QStringLiteral("member"), CaseJson::memberObject(data.member)},
        {QStringLiteral("provider"), QJsonObject{{QStringLiteral("name"), data.provider.name},
                                                 {QStringLiteral("npi"), data.provider.npi}}},
        {QStringLiteral("request"),
         QJsonObject{
             {QStringLiteral("receivedAt"), request.receivedAt.toUTC().toString(Qt::ISODate)},
             {QStringLiteral("urgency"), toString(request.urgency)},
             {QStringLiteral("serviceDate"), dateText(request.serviceDate)},
             {QStringLiteral("lines"), QJsonArray::fromStringList(request.lines)},
             {QStringLiteral("diagnoses"), QJsonArray::fromStringList(request.diagnoses)},
             {QStringLiteral("priorStudyDate"),
              request.priorStudyDate ? QJsonValue(dateText(*request.priorStudyDate)) : QJsonValue()},
             {QStringLiteral("clinicalQuestion"), request.clinicalQuestion},
         }},
    };
}

QString requestText(const CaseData& data)
{
    return compact(requestObject(data));
}

} // namespace rd::CaseRecordJson
