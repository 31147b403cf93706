// The canonical JSON forms the case file keeps in its audit trail: compact, keys sorted, so that
// the same value always gives the same text (verify() compares them).
#pragma once

#include "checklist/CaseData.h"

#include <QJsonObject>
#include <QString>

namespace rd::CaseRecordJson {

QJsonObject answerObject(const Answer& answer);
QString answerText(const Answer& answer);
QJsonObject requestObject(const CaseData& data); // member, provider, request
QString requestText(const CaseData& data);
QString dateText(const QDate& date);

} // namespace rd::CaseRecordJson
