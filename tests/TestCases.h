// Case data the tests share: the sample request of case-exchange.md.
#pragma once

#include "checklist/CaseData.h"
#include "model/audit/Actor.h"

#include "checklist/Policy.h"
#include <QCryptographicHash>

namespace rd::test {

// Every judgment of the policy answered in the lines' favour: criteria met (with the first type when
// the judgment has types), exclusions "no". Replaces the case's answers.
inline void answerFavourably(CaseData& data, const Policy& policy)
{
    data.answers.clear();
    for (const Judgment& judgment : policy.judgments) {
        Answer answer;
        answer.value = judgment.kind == JudgmentKind::Criterion ? AnswerValue::Met : AnswerValue::No;
        if (!judgment.types.isEmpty())
            answer.types = {judgment.types.first().id};
        data.answers.insert(judgment.id, answer);
    }
}

inline CaseData sampleCase()
{
    CaseData data;
    data.member.id = QStringLiteral("M1002");
    data.member.name = QStringLiteral("Jordan Rivera");
    data.member.birthDate = QDate(2016, 4, 2);
    data.provider = {QStringLiteral("Lakeside Gait Lab"), QStringLiteral("1234567893")};
    data.request.receivedAt = QDateTime(QDate(2026, 11, 20), QTime(14, 5), Qt::UTC);
    data.request.urgency = Urgency::Standard;
    data.request.serviceDate = QDate(2026, 12, 15);
    data.request.lines = {QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")};
    data.request.diagnoses = {QStringLiteral("G80.1")};
    data.request.clinicalQuestion =
        QStringLiteral("Which muscle groups to target for botulinum toxin injection");
    data.answers.insert(
        QStringLiteral("indication"),
        Answer{rd::AnswerValue::Met,
               {QStringLiteral("neuromuscular-disease")},
               QStringLiteral("Spastic diplegia, GMFCS II"),
               {Evidence{QStringLiteral("clinic-note.pdf"), 2, QStringLiteral("crouch gait"), {}}}});
    data.answers.insert(QStringLiteral("management-impact"), Answer{rd::AnswerValue::Met, {}, {}, {}});
    data.answers.insert(QStringLiteral("cosmetic"), Answer{rd::AnswerValue::No, {}, {}, {}});
    return data;
}

// A person with a key of their own, derived from the login (no people folder, no password): for tests
// of the storage, where whose key it is does not matter. Trust tests use TrustFixture.h.
inline Actor actor(const QString& login)
{
    const QByteArray seed = QCryptographicHash::hash(login.toUtf8(), QCryptographicHash::Sha256);
    QString error;
    std::shared_ptr<const SigningKey> key =
        SigningKey::fromSeed(reinterpret_cast<const unsigned char*>(seed.constData()), &error);
    return Actor(login, key);
}

} // namespace rd::test
