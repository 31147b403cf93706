#include "model/fhir/FhirCaseImport.h"

#include "checklist/CaseJson.h"
#include "model/casefile/CaseCreation.h"
#include "model/casefile/CaseFile.h"
#include "model/fhir/FhirBundleReader.h"
#include "model/fhir/FhirDocumentConverter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace rd {

namespace {

Result<FhirImport> readBundle(const QString& bundlePath, const Policy& policy, const QDateTime& receivedAt,
                              const QString& workFolder, QByteArray* raw)
{
    const QString name = bundlePath;
    // A device, a pipe or a folder is refused before anything reads it (/dev/zero never ends, a FIFO
    // waits for a writer).
    if (!QFileInfo(bundlePath).isFile())
        return Error{name,
                     {},
                     -1,
                     QFileInfo::exists(bundlePath)
                         ? QStringLiteral("not a regular file (a device, a pipe or a folder): refused")
                         : QStringLiteral("no such file")};
    QFile file(bundlePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error{name, {}, -1, QStringLiteral("cannot be read: %1").arg(file.errorString())};
    const FhirJsonLimits limits;
    if (file.size() > limits.maxBytes)
        return Error{name,
                     {},
                     -1,
                     QStringLiteral("the file has %1 bytes; at most %2 are accepted")
                         .arg(file.size())
                         .arg(limits.maxBytes)};
    *raw = file.readAll();
    FhirBundleReader reader(policy);
    reader.setReceivedAt(receivedAt);
    Result<FhirImport> read = reader.read(*raw, name, workFolder);
    if (!read)
        return read;
    // The case a Bundle makes holds what a case JSON may hold, no more: the same lengths, and no control
    // or bidirectional-override character in a name or an identifier (a member's name that reads
    // differently from what it holds, in the queue and on the letters).
    const Result<CaseData> limited = CaseJson::parseStructure(CaseJson::toJson(read.value().data), name);
    if (!limited)
        return Error{name,
                     {},
                     -1,
                     QStringLiteral("the case it makes is refused: %1: %2")
                         .arg(limited.error().path, limited.error().message)};
    return read;
}

} // namespace

Result<FhirImport> FhirCaseImport::preview(const QString& bundlePath, const Policy& policy,
                                           const QDateTime& receivedAt)
{
    QTemporaryDir work;
    if (!work.isValid())
        return Error{bundlePath, {}, -1, QStringLiteral("no temporary folder: %1").arg(work.errorString())};
    QByteArray raw;
    return readBundle(bundlePath, policy, receivedAt, work.path(), &raw);
}

FhirCaseImportResult FhirCaseImport::run(const QString& bundlePath, const QString& casePath,
                                         const Policy& policy, const QDateTime& receivedAt,
                                         const Actor& actor)
{
    FhirCaseImportResult result;
    auto refuse = [&](const Error& error) {
        result.refusal = error;
        result.error = error.toString();
        return result;
    };
    QTemporaryDir work; // 0700; the decoded documents are PHI
    if (!work.isValid())
        return refuse(
            Error{bundlePath, {}, -1, QStringLiteral("no temporary folder: %1").arg(work.errorString())});
    QByteArray raw;
    Result<FhirImport> read = readBundle(bundlePath, policy, receivedAt, work.path(), &raw);
    if (!read)
        return refuse(read.error());
    FhirImport request = std::move(read).value();

    const QDir pdfFolder(work.filePath(QStringLiteral("pdf")));
    pdfFolder.mkpath(QStringLiteral("."));
    QStringList pdfs;
    for (const FhirDocument& document : std::as_const(request.documents)) {
        const QString pdf = pdfFolder.filePath(document.fileName);
        if (document.needsConversion()) {
            QString error;
            if (!FhirDocumentConverter::toPdf(document.path, document.contentType, pdf, &error))
                return refuse(Error{bundlePath, document.source, -1, error});
        } else if (!QFile::rename(document.path, pdf)) {
            return refuse(
                Error{bundlePath, document.source, -1, QStringLiteral("cannot be stored for checking")});
        }
        QFile::setPermissions(pdf, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        pdfs.append(pdf);
    }

    raw.clear(); // the stored form and the decoded documents are all that is needed from here on
    const QJsonObject origin = request.origin;
    const QStringList warnings = request.warnings;
    const CaseCreationResult created =
        createCaseFile(casePath, request.data, pdfs, actor, [&](CaseFile& file, QString* error) {
            return file.storeFhirOrigin(origin, request.storedBundle, warnings, actor, error);
        });
    if (!created.ok) {
        // A document the PDF worker refused is named by where it was in the Bundle, not by the
        // temporary file it was checked in.
        for (qsizetype i = 0; i < pdfs.size(); ++i)
            if (created.error.startsWith(pdfs.at(i) + QLatin1Char(':')))
                return refuse(Error{bundlePath, request.documents.at(i).source, -1,
                                    created.error.mid(pdfs.at(i).size() + 2)});
        return refuse(Error{bundlePath, {}, -1, created.error});
    }
    result.ok = true;
    result.warnings = warnings;
    result.attachments = created.attachments;
    result.data = request.data;
    return result;
}

std::optional<QByteArray> FhirCaseImport::originalBundle(const CaseFile& file, QString* error)
{
    const std::optional<FhirOriginRecord> record = file.fhirOrigin(error);
    if (!record)
        return std::nullopt;
    QByteArray bytes = record->bundle;
    const QJsonObject documents = record->origin.value(QStringLiteral("bundleDocuments")).toObject();
    for (auto it = documents.constBegin(); it != documents.constEnd(); ++it) {
        const std::optional<AttachmentInfo> info = file.attachment(it.value().toString());
        if (!info) {
            *error = QStringLiteral("%1: the attachment %2 of the request is missing")
                         .arg(file.path(), it.value().toString());
            return std::nullopt;
        }
        const std::optional<QByteArray> pdf = CaseFile::readAttachment(file.path(), info->id, error);
        if (!pdf)
            return std::nullopt;
        const QByteArray placeholder = '"' + it.key().toLatin1() + '"';
        const qsizetype at = bytes.indexOf(placeholder);
        if (at < 0) {
            *error = QStringLiteral("%1: the stored request has no place for %2")
                         .arg(file.path(), it.value().toString());
            return std::nullopt;
        }
        bytes.replace(at + 1, placeholder.size() - 2, pdf->toBase64());
    }
    const qint64 received = record->origin.value(QStringLiteral("bundleBytes")).toInteger(bytes.size());
    if (bytes.size() != received) {
        *error = QStringLiteral("%1: the request put back together has %2 bytes, not the %3 received")
                     .arg(file.path())
                     .arg(bytes.size())
                     .arg(received);
        return std::nullopt;
    }
    return bytes;
}

QByteArray FhirCaseImport::operationOutcome(const Error& refusal)
{
    QJsonObject issue{{QStringLiteral("severity"), QStringLiteral("error")},
                      {QStringLiteral("code"), QStringLiteral("invalid")},
                      {QStringLiteral("diagnostics"), refusal.toString()}};
    if (!refusal.path.isEmpty())
        issue.insert(QStringLiteral("expression"), QJsonArray{refusal.path});
    const QJsonObject outcome{{QStringLiteral("resourceType"), QStringLiteral("OperationOutcome")},
                              {QStringLiteral("issue"), QJsonArray{issue}}};
    return QJsonDocument(outcome).toJson(QJsonDocument::Indented);
}

} // namespace rd
