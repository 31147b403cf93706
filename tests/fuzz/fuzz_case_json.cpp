// libFuzzer: CaseJson::parse on arbitrary bytes against the built-in policy. A case that parses
// must evaluate, and must round-trip exactly through the writer (the oracle).
#include "FuzzPolicy.h"
#include "checklist/CaseJson.h"
#include "checklist/Engine.h"
#include "checklist/PolicyLoader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using rd::fuzz::policy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(size));
    const rd::Result<rd::CaseData> data = rd::CaseJson::parse(json, policy(), QStringLiteral("fuzz.json"));
    if (!data) {
        if (data.error().toString().isEmpty() || data.error().toString().contains(QLatin1Char('\n')))
            std::abort(); // an error is always one non-empty line
        return 0;
    }
    const rd::Decision decision = rd::Engine(policy()).evaluate(*data);
    if (decision.lines.size() != data->request.lines.size())
        std::abort();
    (void)decision.toJson();
    const QByteArray written = rd::CaseJson::toJson(*data);
    const rd::Result<rd::CaseData> again =
        rd::CaseJson::parse(written, policy(), QStringLiteral("again.json"));
    if (!again || !(*again == *data) || rd::CaseJson::toJson(*again) != written)
        std::abort(); // the round trip must be exact
    return 0;
}
