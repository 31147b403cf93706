// What a verification found: each problem with where it is, and what was checked and found good.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace rd {

struct VerifyFinding
{
    QString where; // "audit row 12", "attachment clinic-note.pdf", "file header", ...
    QString what;
};

struct VerifyReport
{
    QList<VerifyFinding> problems;
    QStringList checked; // what was checked and found good, one line each
    bool ok() const { return problems.isEmpty(); }
};

} // namespace rd
