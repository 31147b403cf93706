#pragma once
// A case file holding a record (one of the generated big-N.pdf), for the benchmarks of the app's own
// path: the real MainWindow opening a case file, as a reviewer does.
#include "bench/BenchActor.h"
#include "model/casefile/CaseFile.h"

#include <QFileInfo>

#include <cstdio>

namespace rd::bench {

// DIR/record-PAGES.rdcase holding pdf; empty (and a message on stderr) on failure.
inline QString makeCase(const QString& dir, const QString& pdf, int pages)
{
    const QString path = QStringLiteral("%1/record-%2.rdcase").arg(dir).arg(pages);
    const CaseData data =
        benchCase({QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")},
                  QDate::currentDate().addDays(10));
    QString error;
    auto file = CaseFile::create(path, data, actor(), &error);
    if (!file || !file->addAttachment(QFileInfo(pdf).fileName(), pdf, pages, actor(), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return {};
    }
    return path;
}

} // namespace rd::bench
