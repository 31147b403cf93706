#include "model/casefile/CaseCreation.h"

#include "model/casefile/CaseFile.h"
#include "model/pdf/PdfService.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace rd {

namespace {

struct Checked
{
    QString path;
    QString name;
    int pageCount;
};

// Checks every PDF (file names unique, also against taken; a readable PDF for the worker), or says
// which is refused.
bool checkPdfs(const QStringList& pdfs, QSet<QString> taken, QList<Checked>* checked, QString* error)
{
    for (const QString& pdf : pdfs) {
        const QString name = QFileInfo(pdf).fileName();
        if (taken.contains(name)) {
            *error = QStringLiteral("%1: another attachment has the same file name %2").arg(pdf, name);
            return false;
        }
        const PdfProbeResult check = PdfService::probe(pdf);
        if (!check.ok()) {
            *error = QStringLiteral("%1: refused as an attachment: %2").arg(pdf, check.error.message);
            return false;
        }
        taken.insert(name);
        checked->append({pdf, name, check.pageCount});
    }
    return true;
}

} // namespace

CaseCreationResult createCaseFile(const QString& path, const CaseData& data, const QStringList& pdfs,
                                  const QString& actor,
                                  const std::function<bool(CaseFile&, QString*)>& prepare)
{
    CaseCreationResult result;
    QList<Checked> attachments;
    if (!checkPdfs(pdfs, {}, &attachments, &result.error))
        return result;
    std::unique_ptr<CaseFile> file = CaseFile::create(path, data, actor, &result.error);
    if (!file)
        return result;
    if (prepare && !prepare(*file, &result.error)) {
        file.reset();
        QFile::remove(path); // made a moment ago: leave nothing half-made behind
        return result;
    }
    for (const Checked& attachment : std::as_const(attachments)) {
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

CaseCreationResult addCaseAttachments(const QString& path, const QStringList& pdfs, const QString& actor)
{
    CaseCreationResult result;
    // First read only (opening for writing records who holds the file): what the case holds, and
    // whether it is signed. Nothing is written until every PDF has passed.
    QSet<QString> taken;
    {
        const std::unique_ptr<CaseFile> file =
            CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &result.error);
        if (!file)
            return result;
        if (file->isSigned()) {
            result.error =
                QStringLiteral("%1: no attachment can be added: %2").arg(path, file->readOnlyReason());
            return result;
        }
        for (const AttachmentInfo& info : file->attachments())
            taken.insert(info.fileName);
    }
    QList<Checked> attachments;
    if (!checkPdfs(pdfs, taken, &attachments, &result.error))
        return result;
    std::unique_ptr<CaseFile> file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &result.error);
    if (!file)
        return result;
    if (file->isReadOnly()) {
        result.error = QStringLiteral("%1: no attachment can be added: %2").arg(path, file->readOnlyReason());
        return result;
    }
    for (const Checked& attachment : std::as_const(attachments)) {
        if (!file->addAttachment(attachment.name, attachment.path, attachment.pageCount, actor,
                                 &result.error))
            return result;
        ++result.attachments;
    }
    result.ok = true;
    return result;
}

} // namespace rd
