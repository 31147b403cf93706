#include "model/casefile/CaseCreation.h"

#include "model/casefile/AtomicFile.h"
#include "model/casefile/CaseFile.h"
#include "model/pdf/PdfService.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <unistd.h>

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
        const QFileInfo info(pdf);
        const QString name = info.fileName();
        // A device, a FIFO or a folder is refused before anything reads it (/dev/zero never ends).
        if (!info.isFile()) {
            *error = QStringLiteral("%1: not a regular file: refused as an attachment").arg(pdf);
            return false;
        }
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

QList<AttachmentSource> sources(const QList<Checked>& checked)
{
    QList<AttachmentSource> list;
    for (const Checked& item : checked)
        list.append({item.name, item.path, item.pageCount});
    return list;
}

} // namespace

CaseCreationResult createCaseFile(const QString& path, const CaseData& data, const QStringList& pdfs,
                                  const Actor& actor, const std::function<bool(CaseFile&, QString*)>& prepare)
{
    CaseCreationResult result;
    QList<Checked> attachments;
    if (!checkPdfs(pdfs, {}, &attachments, &result.error))
        return result;
    // Built under a hidden name in the same folder and given its name only when complete: a process
    // killed halfway leaves no half-made case under the name asked for.
    if (QFileInfo::exists(path)) {
        result.error = QStringLiteral("%1: exists already; a new case never replaces a file").arg(path);
        return result;
    }
    const QFileInfo target(path);
    const QString partial = target.absoluteDir().filePath(
        QStringLiteral(".%1.%2.partial")
            .arg(target.fileName(), QString::number(QCoreApplication::applicationPid())));
    QFile::remove(partial);
    std::unique_ptr<CaseFile> file = CaseFile::create(partial, data, actor, &result.error);
    auto fail = [&] {
        file.reset();
        QFile::remove(partial);
        QFile::remove(partial + QStringLiteral("-journal"));
        result.error.replace(partial, path);
        return result;
    };
    if (!file)
        return fail();
    if (prepare && !prepare(*file, &result.error))
        return fail();
    if (!file->addAttachments(sources(attachments), actor, &result.error))
        return fail();
    result.attachments = int(attachments.size());
    file.reset();
    // link() never replaces: a file that appeared under the name meanwhile is kept.
    if (::link(QFile::encodeName(partial).constData(), QFile::encodeName(path).constData()) != 0) {
        result.error =
            QStringLiteral("%1: cannot be created: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return fail();
    }
    QFile::remove(partial);
    AtomicFile::syncFolder(target.absolutePath());
    result.ok = true;
    return result;
}

CaseCreationResult addCaseAttachments(const QString& path, const QStringList& pdfs, const Actor& actor)
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
    // One transaction: when one PDF cannot be stored (a full disk included), the case is left as it was.
    if (!file->addAttachments(sources(attachments), actor, &result.error))
        return result;
    result.attachments = int(attachments.size());
    result.ok = true;
    return result;
}

std::optional<QList<AttachmentSource>>
checkAttachmentPdfs(const QStringList& pdfs, const QList<AttachmentInfo>& inCase, QString* error)
{
    QSet<QString> taken;
    for (const AttachmentInfo& info : inCase)
        taken.insert(info.fileName);
    QList<Checked> checked;
    if (!checkPdfs(pdfs, taken, &checked, error))
        return std::nullopt;
    return sources(checked);
}

} // namespace rd
