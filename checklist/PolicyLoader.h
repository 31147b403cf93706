// Reads and validates a policy file (docs/policy-file-format.md). A bad file is refused with an
// Error naming the file, the JSON path and what is wrong; nothing is printed.
#pragma once

#include "checklist/Error.h"
#include "checklist/Policy.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace rd {

class PolicyLoader
{
public:
    // fileName is used in errors and kept as Policy::fileName.
    static Result<Policy> load(const QByteArray& json, const QString& fileName);
    // A file on disk or a resource (":/policies/...").
    static Result<Policy> loadFile(const QString& path);

    // The policy files compiled into rd_checklist (":/policies/*.json"), sorted.
    static QStringList builtInFiles();
    // The built-in policy with this id; with an empty id, the only built-in policy.
    static Result<Policy> loadBuiltIn(const QString& policyId = {});
};

} // namespace rd
