#include "model/store/CaseStoreFactory.h"

#include "model/casefile/CaseFile.h"
#include "model/workspace/WorkspaceCase.h"

namespace rd {

bool looksLikeWorkspace(const QString& spec)
{
    return spec.startsWith(QLatin1String("postgresql://")) || spec.startsWith(QLatin1String("postgres://"));
}

std::optional<CaseSpec> parseCaseSpec(const QString& spec, QString* error)
{
    CaseSpec result;
    if (!looksLikeWorkspace(spec)) {
        result.path = spec;
        return result;
    }
    const qsizetype hash = spec.lastIndexOf(QLatin1Char('#'));
    if (hash < 0 || hash == spec.size() - 1) {
        *error = QStringLiteral("%1: a workspace case is named URL#CASE-ID: the case id after '#' is missing")
                     .arg(spec.left(hash < 0 ? spec.size() : hash));
        return std::nullopt;
    }
    result.conninfo = spec.left(hash);
    result.caseId = spec.mid(hash + 1);
    return result;
}

std::unique_ptr<CaseStore> openCaseStore(const QString& spec, bool writable, QString* error)
{
    const auto parsed = parseCaseSpec(spec, error);
    if (!parsed)
        return nullptr;
    if (parsed->isWorkspace())
        return WorkspaceCase::open(
            parsed->conninfo, parsed->caseId,
            writable ? WorkspaceCase::OpenMode::ReadWrite : WorkspaceCase::OpenMode::ReadOnly, error);
    return CaseFile::open(parsed->path,
                          writable ? CaseFile::OpenMode::ReadWrite : CaseFile::OpenMode::ReadOnly, error);
}

} // namespace rd
