// Opening a case wherever it lives: a case file path, or a workspace case named "URL#CASE-ID" (a
// libpq URL, postgresql://... or postgres://..., then '#' and the case id).
#pragma once

#include "model/store/CaseStore.h"

#include <memory>

namespace rd {

struct CaseSpec
{
    QString conninfo; // empty for a case file
    QString caseId;
    QString path; // the case file, when conninfo is empty
    bool isWorkspace() const { return !conninfo.isEmpty(); }
};

// Splits a spec; a workspace URL without "#CASE-ID" fails naming what is missing.
std::optional<CaseSpec> parseCaseSpec(const QString& spec, QString* error);
bool looksLikeWorkspace(const QString& spec);

// Opens the case for reading, or for writing (a case file held elsewhere, or a workspace case held by
// someone else, opens read-only with the reason in readOnlyReason()).
std::unique_ptr<CaseStore> openCaseStore(const QString& spec, bool writable, QString* error);

} // namespace rd
