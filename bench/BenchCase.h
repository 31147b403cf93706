#pragma once
// The case the case-file benchmarks store: a made-up member, a standard request for lines.

#include "checklist/CaseData.h"

#include <QDate>
#include <QDateTime>
#include <QStringList>

namespace rd::bench {

inline CaseData benchCase(const QStringList& lines, const QDate& serviceDate)
{
    CaseData data;
    data.member.id = QStringLiteral("B1");
    data.member.name = QStringLiteral("Bench Member");
    data.member.birthDate = QDate(2015, 1, 1);
    data.provider = {QStringLiteral("Bench Lab"), QStringLiteral("1234567893")};
    data.request.receivedAt = QDateTime::currentDateTimeUtc();
    data.request.serviceDate = serviceDate;
    data.request.lines = lines;
    data.request.diagnoses = {QStringLiteral("G80.1")};
    return data;
}

} // namespace rd::bench
