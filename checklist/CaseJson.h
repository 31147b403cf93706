// The case JSON of case-exchange.md: a strict reader into rd::CaseData, checked against a Policy,
// and a writer back. Errors are values: "FILE: json.path: what is wrong".
//
// Decisions beyond case-exchange.md (documented in docs/policy-file-format.md, "Case JSON"):
// - parse() ignores answers keyed by an id the policy does not have (case-exchange.md: unknown keys
//   are ignored); validate() reports them, for callers that name one id on purpose (the CLI's answer);
// - request.lines must list at least one code, each at most once;
// - "status" (written by the writer) is read when present; absent means "new";
// - evidence items: "attachment" (string) and "page" (whole number >= 1) are required, "quote"
//   and "rect" ([x, y, width, height] in PDF points) are optional.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/Error.h"
#include "checklist/Policy.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace rd {

class CaseJson
{
public:
    // Parses json and validates the result against policy. fileName names the input in errors.
    static Result<CaseData> parse(const QByteArray& json, const Policy& policy, const QString& fileName);
    static Result<CaseData> readFile(const QString& path, const Policy& policy);

    // Only the structure (types, dates, enumerations), without a policy.
    static Result<CaseData> parseStructure(const QByteArray& json, const QString& fileName);

    // The checks that need the policy: codes, diagnoses' format, answer ids and values, types.
    // The error's path is the case JSON path of the field (file left empty).
    static std::optional<Error> validate(const CaseData& data, const Policy& policy);

    // The case JSON of data, including "status". The caller may add keys (e.g. "attachments")
    // before serializing; the reader ignores keys it does not know.
    static QJsonObject toJsonObject(const CaseData& data);
    // The "member" object of the case JSON; language, address and guardian only when set (so a case
    // with the defaults writes what a case written before those fields existed wrote).
    static QJsonObject memberObject(const Member& member);
    static QByteArray toJson(const CaseData& data,
                             QJsonDocument::JsonFormat format = QJsonDocument::Indented);

    // ICD-10-CM shape: letter, digit, letter or digit, then an optional dot and up to 4 letters or digits.
    static bool isIcd10Shaped(const QString& code);
};

} // namespace rd
