// Time to evaluate one case (Engine::evaluate on parsed case data), and to read + validate +
// evaluate it from its JSON, against a baseline measured in the same run: QJsonDocument::fromJson
// of the same JSON. Prints medians over many runs and the ratios.
#include "checklist/CaseJson.h"
#include "checklist/Engine.h"
#include "checklist/PolicyLoader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace rd;

namespace {

// A complete case: every judgment answered, so the engine walks everything.
const char* kCase = R"({
  "member":   { "id": "M1002", "name": "Bench Member", "birthDate": "2023-04-02" },
  "provider": { "name": "Lakeside Gait Lab", "npi": "1234567893" },
  "request": {
    "receivedAt": "2026-11-20T14:05:00Z", "urgency": "expedited", "serviceDate": "2026-12-15",
    "lines": ["96000", "96001", "96002", "96004"], "diagnoses": ["G80.1", "R26.89"],
    "priorStudyDate": "2025-01-10", "clinicalQuestion": "Which muscle groups to target"
  },
  "answers": {
    "indication": { "value": "met", "types": ["neuromuscular-disease"], "note": "n",
                    "evidence": [ { "attachment": "clinic-note.pdf", "page": 2, "quote": "crouch gait" } ] },
    "management-impact": { "value": "met" }, "conservative-care": { "value": "not-met" },
    "conservative-care-exception": { "value": "met" }, "qualified-performance": { "value": "met" },
    "emg-equipment": { "value": "met" }, "documentation-complete": { "value": "met" },
    "plantar-pressure": { "value": "met" }, "emg-distinct": { "value": "unknown" },
    "repeat-justified": { "value": "met" }, "age-appropriate": { "value": "met" },
    "cosmetic": { "value": "no" }, "screening": { "value": "no" }, "research-only": { "value": "no" },
    "baseline-only": { "value": "no" }, "observational-only": { "value": "no" }
  }
})";

template <typename F> double medianNanoseconds(F&& work, int runs, int inner)
{
    std::vector<double> samples;
    samples.reserve(runs);
    QElapsedTimer timer;
    for (int r = 0; r < runs; ++r) {
        timer.start();
        for (int i = 0; i < inner; ++i)
            work();
        samples.push_back(double(timer.nsecsElapsed()) / inner);
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const Result<Policy> policy = PolicyLoader::loadBuiltIn();
    if (!policy) {
        out << policy.error().toString() << Qt::endl;
        return 1;
    }
    const QByteArray json(kCase);
    const Result<CaseData> data = CaseJson::parse(json, *policy, QStringLiteral("bench"));
    if (!data) {
        out << data.error().toString() << Qt::endl;
        return 1;
    }
    const Engine engine(*policy);
    constexpr int kRuns = 301;
    constexpr int kInner = 50;
    volatile qsizetype sink = 0;

    const double baseline = medianNanoseconds(
        [&] { sink = sink + QJsonDocument::fromJson(json).object().size(); }, kRuns, kInner);
    const double evaluate =
        medianNanoseconds([&] { sink = sink + engine.evaluate(*data).lines.size(); }, kRuns, kInner);
    const double endToEnd = medianNanoseconds(
        [&] {
            const Result<CaseData> parsed = CaseJson::parse(json, *policy, QStringLiteral("bench"));
            sink = sink + engine.evaluate(*parsed).lines.size();
        },
        kRuns, kInner);
    const double toJson =
        medianNanoseconds([&] { sink = sink + engine.evaluate(*data).toJson().size(); }, kRuns, kInner);

    out << "bench_evaluate: median of " << kRuns << " runs x " << kInner
        << " (one case, 4 lines, 16 judgments)\n";
    out << QStringLiteral("  baseline QJsonDocument::fromJson of the case: %1 us\n")
               .arg(baseline / 1000.0, 0, 'f', 2);
    out << QStringLiteral("  Engine::evaluate:                              %1 us  (%2 x baseline)\n")
               .arg(evaluate / 1000.0, 0, 'f', 2)
               .arg(evaluate / baseline, 0, 'f', 2);
    out << QStringLiteral("  evaluate + Decision::toJson:                   %1 us  (%2 x baseline)\n")
               .arg(toJson / 1000.0, 0, 'f', 2)
               .arg(toJson / baseline, 0, 'f', 2);
    out << QStringLiteral("  CaseJson::parse + evaluate:                    %1 us  (%2 x baseline)\n")
               .arg(endToEnd / 1000.0, 0, 'f', 2)
               .arg(endToEnd / baseline, 0, 'f', 2);
    out.flush();
    // The goal: well under a millisecond per evaluation.
    return evaluate < 1'000'000.0 ? 0 : 1;
}
