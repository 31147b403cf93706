// libFuzzer: the PAS request reader (FhirBundleReader) on arbitrary bytes against the built-in policy.
// A refusal is always one non-empty line; an accepted request has one line per item, known codes, a
// receipt time and a service date, passes the case JSON reader's checks, and its documents were
// decoded into the work folder.
#include "FuzzPolicy.h"
#include "checklist/CaseJson.h"
#include "checklist/PolicyLoader.h"
#include "model/fhir/FhirBundleReader.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using rd::fuzz::policy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size)
{
    const QByteArray raw(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(size));
    QTemporaryDir work;
    if (!work.isValid())
        std::abort();
    rd::FhirBundleReader reader(policy());
    reader.setNow(QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC));
    const rd::Result<rd::FhirImport> read = reader.read(raw, QStringLiteral("fuzz.json"), work.path());
    if (!read) {
        const QString line = read.error().toString();
        if (line.isEmpty() || line.contains(QLatin1Char('\n')))
            std::abort();
        return 0;
    }
    const rd::CaseData& data = read->data;
    if (data.request.lines.isEmpty() || !data.request.receivedAt.isValid() ||
        !data.request.serviceDate.isValid() || !data.member.birthDate.isValid() || data.member.id.isEmpty())
        std::abort();
    // An accepted request is a case the case JSON reader accepts too.
    if (rd::CaseJson::validate(data, policy()))
        std::abort();
    for (const QString& code : data.request.lines)
        if (!policy().code(code) || data.request.lines.count(code) != 1)
            std::abort();
    for (const rd::FhirDocument& document : read->documents)
        if (QFileInfo(document.path).size() != document.size ||
            !document.fileName.endsWith(QLatin1String(".pdf")))
            std::abort();
    return 0;
}
