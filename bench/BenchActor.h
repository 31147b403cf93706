// What the benchmarks record: the person (a key from a fixed seed, no people folder, no password) and
// the request of their cases.
#pragma once

#include "checklist/CaseData.h"
#include "model/audit/Actor.h"

#include <QCryptographicHash>

namespace rd::bench {

inline Actor actor(const QString& login = QStringLiteral("bench"))
{
    const QByteArray seed = QCryptographicHash::hash(login.toUtf8(), QCryptographicHash::Sha256);
    QString error;
    std::shared_ptr<const SigningKey> key =
        SigningKey::fromSeed(reinterpret_cast<const unsigned char*>(seed.constData()), &error);
    return Actor(login, key);
}

// A request for the benchmarks' cases: member B1, Bench Lab, these lines, received now.
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
