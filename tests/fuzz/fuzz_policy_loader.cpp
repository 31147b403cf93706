// libFuzzer: PolicyLoader::load on arbitrary bytes. A policy that loads must also drive the engine
// (every code requested, every judgment answered "unknown") without crashing.
#include "checklist/Engine.h"
#include "checklist/PolicyLoader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(size));
    const rd::Result<rd::Policy> policy = rd::PolicyLoader::load(json, QStringLiteral("fuzz.json"));
    if (!policy) {
        if (policy.error().toString().isEmpty() || policy.error().toString().contains(QLatin1Char('\n')))
            std::abort(); // an error is always one non-empty line
        return 0;
    }
    rd::CaseData data;
    data.member.birthDate = QDate(2024, 2, 29);
    data.request.receivedAt = QDateTime(QDate(2026, 12, 31), QTime(12, 0), Qt::UTC);
    data.request.serviceDate = QDate(2027, 1, 1);
    data.request.priorStudyDate = QDate(2026, 1, 1);
    data.request.lines = policy->codeList();
    data.request.diagnoses = {QStringLiteral("G80.1")};
    for (const rd::Judgment& judgment : policy->judgments)
        data.answers.insert(judgment.id, rd::Answer{rd::AnswerValue::Unknown, {}, {}, {}});
    const rd::Engine engine(*policy);
    const rd::Decision decision = engine.evaluate(data);
    if (decision.lines.size() != data.request.lines.size())
        std::abort();
    (void)decision.toJson();
    (void)engine.applicableJudgments(data);
    return 0;
}
