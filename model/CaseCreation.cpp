#include "CaseCreation.h"

#include "CaseFile.h"
#include "PdfService.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace rd {

CaseCreationResult createCaseFile(const QString& path, const CaseData& data, const QStringList& pdfs,
                                  const QString& actor)
{
    CaseCreationResult result;
    struct Attachment
    {
        QString path;
        QString name;
        int pageCount;
    };
    QList<Attachment> attachments;
    QSet<QString> names;
    for (const QString& pdf : pdfs) {
        const QString name = QFileInfo(pdf).fileName();
        if (names.contains(name)) {
            result.error = QStringLiteral("%1: another attachment has the same file name %2").arg(pdf, name);
            return result;
        }
        const PdfProbeResult check = PdfService::probe(pdf);
        if (!check.ok()) {
            result.error = QStringLiteral("%1: refused as an attachment: %2").arg(pdf, check.error.message);
            return result;
        }
        names.insert(name);
        attachments.append({pdf, name, check.pageCount});
    }

    std::unique_ptr<CaseFile> file = CaseFile::create(path, data, actor, &result.error);
    if (!file)
        return result;
    for (const Attachment& attachment : std::as_const(attachments)) {
        if (!file->addAttachment(attachment.name, attachment.path, attachment.pageCount, actor,
                                 &result.error)) {
            file.reset();
            QFile::remove(path); // made a moment ago: leave nothing half-made behind
            return result;
        }
        ++result.attachments;
    }
    result.ok = true;
    return result;
}

} // namespace rd
