// The supporting documents of a PAS request (contract checks 22 and 23), the member's letter fields,
// and the FHIR origin kept for the response.
#include "model/fhir/FhirBase64.h"
#include "model/fhir/FhirRequest.h"
#include "model/fhir/FhirValues.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace rd {

using namespace fhir;

namespace {

const QStringList& convertibleTypes()
{
    static const QStringList types{QStringLiteral("text/plain"), QStringLiteral("image/png"),
                                   QStringLiteral("image/jpeg"), QStringLiteral("image/tiff")};
    return types;
}

// A file name that is safe in the case and on any disk: letters, digits, space, . _ - ( ) only.
QString safeName(const QString& title)
{
    QString name;
    for (const QChar c : title.simplified().left(100)) {
        const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                           QStringLiteral(" ._-()").contains(c);
        name.append(plain ? c : QLatin1Char('_'));
    }
    while (name.startsWith(QLatin1Char('.')) || name.startsWith(QLatin1Char(' ')))
        name.remove(0, 1);
    return name.trimmed();
}

bool sameBytes(const QString& a, const QString& b)
{
    QFile first(a);
    QFile second(b);
    if (!first.open(QIODevice::ReadOnly) || !second.open(QIODevice::ReadOnly))
        return false;
    while (!first.atEnd())
        if (first.read(1 << 20) != second.read(1 << 20))
            return false;
    return second.atEnd();
}

} // namespace

QString FhirRequest::uniqueFileName(QString name)
{
    if (!name.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        name += QStringLiteral(".pdf");
    QString candidate = name;
    for (int n = 2; m_fileNames.contains(candidate.toLower()); ++n)
        candidate = name.left(name.size() - 4) + QStringLiteral(" (%1).pdf").arg(n);
    m_fileNames.insert(candidate.toLower());
    return candidate;
}

void FhirRequest::readDocuments()
{
    for (const FhirResource& resource : std::as_const(m_supporting)) {
        if (resource.type() == QLatin1String("DocumentReference"))
            readDocumentReference(resource);
        else if (resource.type() == QLatin1String("Binary"))
            readAttachment(resource.json, resource, resource.path(),
                           QStringLiteral("Binary-%1").arg(safeName(resource.id())));
    }
}

void FhirRequest::readDocumentReference(const FhirResource& resource)
{
    const QJsonArray content = array(resource.json, "content");
    for (qsizetype k = 0; k < content.size(); ++k) {
        const QJsonObject attachment = object(content.at(k).toObject(), "attachment");
        const QString path = QStringLiteral("%1.content[%2].attachment").arg(resource.path()).arg(k);
        QString name = safeName(text(attachment, "title"));
        if (name.isEmpty())
            name = QStringLiteral("DocumentReference-%1").arg(safeName(resource.id()));
        readAttachment(attachment, resource, path, name);
    }
}

// One attachment (or Binary): its bytes decoded strictly, the declared size and hash compared, the
// content type of the resource that holds the bytes checked against the bytes.
void FhirRequest::readAttachment(const QJsonObject& attachment, const FhirResource& holder,
                                 const QString& path, const QString& name)
{
    QJsonObject bytesHolder = attachment;
    QString dataPath = path + QStringLiteral(".data");
    if (!attachment.contains(QStringLiteral("data")) && holder.type() != QLatin1String("Binary")) {
        if (!attachment.contains(QStringLiteral("url")))
            failAt(path,
                   QStringLiteral("has neither data nor url: the document's bytes are not in the bundle"));
        const auto binary = m_bundle.resolve(text(attachment, "url"), holder);
        bytesHolder = binary->json;
        dataPath = binary->path() + QStringLiteral(".data");
    }
    QString contentType =
        text(bytesHolder, "contentType").section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    const QJsonValue data = bytesHolder.value(QStringLiteral("data"));
    if (!data.isString())
        failAt(dataPath, QStringLiteral("is missing: the document's bytes are not in the bundle"));
    if (contentType != QLatin1String("application/pdf") && !convertibleTypes().contains(contentType))
        failAt(dataPath.chopped(5) + QStringLiteral(".contentType"),
               QStringLiteral(
                   "'%1' cannot be shown; ReviewDesk stores PDFs and converts text/plain, PNG, JPEG and TIFF")
                   .arg(contentType.left(80)));

    const QString text = data.toString();
    const QString& prefix = m_context.scan.placeholderPrefix;
    const QString file = QDir(m_context.workFolder)
                             .filePath(QStringLiteral("document-%1.bin").arg(m_result.documents.size() + 1));
    FhirDecodedData decoded;
    // Hashes only where they are used: a declared hash to compare, a converted document's original.
    const bool wantSha1 =
        attachment.contains(QStringLiteral("hash")) || contentType != QLatin1String("application/pdf");
    if (text.startsWith(prefix)) {
        const FhirJsonBlob blob = m_context.scan.blobs.value(text.mid(prefix.size()).toInt());
        decoded = FhirBase64::decodeToFile(
            QByteArrayView(m_context.raw.constData() + blob.offset, blob.length), true, file, wantSha1);
    } else {
        decoded = FhirBase64::decodeToFile(text.toLatin1(), false, file, wantSha1);
    }
    if (!decoded.ok)
        failAt(dataPath, decoded.message);
    const QJsonValue size = attachment.value(QStringLiteral("size"));
    if (!size.isUndefined() && size.toDouble(-1) != double(decoded.size))
        failAt(path + QStringLiteral(".size"), QStringLiteral("says %1 bytes; the data has %2")
                                                   .arg(size.toVariant().toString().left(20))
                                                   .arg(decoded.size));
    const QString hash = fhir::text(attachment, "hash");
    if (!hash.isEmpty() && hash != QString::fromLatin1(decoded.sha1.toBase64()))
        failAt(path + QStringLiteral(".hash"),
               QStringLiteral("does not match the data (R4: the base64 SHA-1 of the bytes)"));
    if (contentType == QLatin1String("application/pdf") && !decoded.head.contains("%PDF-"))
        failAt(dataPath, QStringLiteral("not a PDF (no %PDF- header in the first 1024 bytes)"));
    if (decoded.size == 0)
        failAt(dataPath, QStringLiteral("is empty"));

    // The same bytes referenced twice are stored once.
    for (const FhirDocument& document : std::as_const(m_result.documents))
        if (document.contentType == contentType && document.size == decoded.size &&
            sameBytes(document.path, file)) {
            QFile::remove(file);
            return;
        }
    FhirDocument document;
    document.fileName = uniqueFileName(name);
    document.source = dataPath.chopped(5); // the resource holding the bytes
    document.contentType = contentType;
    document.path = file;
    document.size = decoded.size;
    document.sha256 = decoded.sha256;
    if (text.startsWith(prefix) && decoded.canonical && !document.needsConversion())
        document.bundleBlob = text.mid(prefix.size()).toInt();
    if (document.needsConversion())
        m_result.warnings.append(QStringLiteral("%1: a document of type %2, converted to a PDF (%3)")
                                     .arg(document.source, contentType, document.fileName));
    m_result.documents.append(document);
    // A PDF stored as it came has its SHA-256 in the case's attachment record; a converted one keeps
    // its original's here.
    QJsonObject origin{{QStringLiteral("fileName"), document.fileName},
                       {QStringLiteral("source"), document.source},
                       {QStringLiteral("contentType"), contentType},
                       {QStringLiteral("size"), decoded.size},
                       {QStringLiteral("converted"), document.needsConversion()}};
    if (document.needsConversion())
        origin.insert(QStringLiteral("sha256"), QString::fromLatin1(decoded.sha256.toHex()));
    m_documentOrigins.append(origin);
}

// A resource the response echoes as it came: a large "data" string cut out before parsing (a
// Patient's photo, say) put back from the file's bytes.
QJsonValue FhirRequest::withBlobs(const QJsonValue& value) const
{
    if (value.isString()) {
        const QString text = value.toString();
        const QString& prefix = m_context.scan.placeholderPrefix;
        if (!text.startsWith(prefix))
            return value;
        const FhirJsonBlob blob = m_context.scan.blobs.value(text.mid(prefix.size()).toInt());
        const QByteArray quoted = '[' + m_context.raw.mid(blob.offset - 1, blob.length + 2) + ']';
        return QJsonDocument::fromJson(quoted).array().at(0);
    }
    if (value.isArray()) {
        QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            items.replace(i, withBlobs(items.at(i)));
        return items;
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = withBlobs(it.value());
        return object;
    }
    return value;
}

QByteArray FhirRequest::storedBundle() const
{
    QList<const FhirDocument*> replaced;
    for (const FhirDocument& document : m_result.documents)
        if (document.bundleBlob >= 0)
            replaced.append(&document);
    if (replaced.isEmpty())
        return m_context.raw;
    std::sort(replaced.begin(), replaced.end(),
              [](const FhirDocument* a, const FhirDocument* b) { return a->bundleBlob < b->bundleBlob; });
    QByteArray stored;
    qsizetype copied = 0;
    for (const FhirDocument* document : std::as_const(replaced)) {
        const FhirJsonBlob blob = m_context.scan.blobs.at(document->bundleBlob);
        stored.append(m_context.raw.constData() + copied, blob.offset - copied);
        stored.append((m_context.scan.placeholderPrefix + QString::number(document->bundleBlob)).toLatin1());
        copied = blob.offset + blob.length;
    }
    stored.append(m_context.raw.constData() + copied, m_context.raw.size() - copied);
    return stored;
}

QJsonObject FhirRequest::origin(const QJsonObject& bundleJson) const
{
    QJsonObject bundleDocuments;
    for (const FhirDocument& document : m_result.documents)
        if (document.bundleBlob >= 0)
            bundleDocuments.insert(m_context.scan.placeholderPrefix + QString::number(document.bundleBlob),
                                   document.fileName);
    auto entryOf = [this](const std::optional<FhirResource>& resource) {
        return resource ? QJsonObject{{QStringLiteral("fullUrl"), resource->fullUrl},
                                      {QStringLiteral("resource"), withBlobs(resource->json)}}
                        : QJsonObject();
    };
    QJsonArray items;
    for (const FhirLine& line : m_lines) {
        QJsonArray traceNumbers;
        for (const QJsonObject& extension :
             extensions(line.item, QStringLiteral("extension-itemTraceNumber")))
            traceNumbers.append(object(extension, "valueIdentifier"));
        QJsonObject item{{QStringLiteral("code"), line.code},
                         {QStringLiteral("sequence"), line.sequence},
                         {QStringLiteral("itemTraceNumber"), traceNumbers}};
        if (line.item.contains(QStringLiteral("servicedDate")))
            item.insert(QStringLiteral("servicedDate"), line.item.value(QStringLiteral("servicedDate")));
        else if (line.item.contains(QStringLiteral("servicedPeriod")))
            item.insert(QStringLiteral("servicedPeriod"), line.item.value(QStringLiteral("servicedPeriod")));
        items.append(item);
    }
    QJsonArray related;
    for (const FhirResource& resource : m_providerRelated)
        related.append(entryOf(resource));
    return QJsonObject{
        {QStringLiteral("bundleIdentifier"), bundleJson.value(QStringLiteral("identifier"))},
        {QStringLiteral("claimFullUrl"), m_claim.fullUrl},
        {QStringLiteral("claimIdentifier"), array(m_claim.json, "identifier")},
        {QStringLiteral("claimType"), object(m_claim.json, "type")},
        {QStringLiteral("patient"), entryOf(m_patient)},
        {QStringLiteral("insurer"), entryOf(m_insurer)},
        {QStringLiteral("provider"), entryOf(m_provider)},
        {QStringLiteral("providerRelated"), related},
        {QStringLiteral("items"), items},
        {QStringLiteral("documents"), m_documentOrigins},
        {QStringLiteral("receivedAtSource"), m_result.receivedAtSource},
        {QStringLiteral("bundleBytes"), qint64(m_context.raw.size())},
        {QStringLiteral("bundleDocuments"), bundleDocuments},
    };
}

// member.language, member.address and member.guardian (for letters), from the Patient.
void FhirRequest::readMemberLetterFields(const QJsonObject& patient)
{
    Member& member = m_result.data.member;
    const QJsonArray communication = array(patient, "communication");
    QJsonObject chosen;
    for (const QJsonValue& value : communication)
        if (value.toObject().value(QStringLiteral("preferred")).toBool() || chosen.isEmpty())
            chosen = value.toObject();
    if (!chosen.isEmpty()) {
        const QJsonObject language = object(chosen, "language");
        QString code =
            codings(language).isEmpty() ? text(language, "text") : text(codings(language).first(), "code");
        code = code.trimmed().toLower();
        if (code.startsWith(QLatin1String("es")) || code == QLatin1String("spanish"))
            member.language = QStringLiteral("es");
        else if (code.startsWith(QLatin1String("en")) || code == QLatin1String("english"))
            member.language = QStringLiteral("en");
        else
            m_result.warnings.append(
                QStringLiteral("%1.communication: the member's language '%2' has no letters; "
                               "letters are written in English")
                    .arg(m_patient->path(), code.left(20)));
    }
    const QDate today = (m_context.now.isValid() ? m_context.now : QDateTime::currentDateTimeUtc()).date();
    bool ended = false;
    for (const QJsonValue& value : array(patient, "address")) {
        const QJsonObject address = value.toObject();
        const QDate end = fullDate(text(object(address, "period"), "end"));
        if (text(address, "use") == QLatin1String("old") || (end.isValid() && end < today)) {
            ended = true;
            continue;
        }
        for (const QJsonValue& line : array(address, "line"))
            member.address.lines.append(line.toString().simplified());
        member.address.lines.removeAll(QString());
        member.address.city = text(address, "city").simplified();
        member.address.state = text(address, "state").simplified();
        member.address.postalCode = text(address, "postalCode").simplified();
        ended = false;
        break;
    }
    if (ended && member.address.isEmpty())
        m_result.warnings.append(
            QStringLiteral("%1.address: every address given has ended; the case has no mailing "
                           "address")
                .arg(m_patient->path()));
    static const QStringList guardianCodes{
        QStringLiteral("GUARD"), QStringLiteral("PRN"),    QStringLiteral("MTH"),
        QStringLiteral("FTH"),   QStringLiteral("NPRN"),   QStringLiteral("NMTH"),
        QStringLiteral("NFTH"),  QStringLiteral("STPPRN"), QStringLiteral("guardian")};
    auto isGuardian = [](const QJsonArray& relationships) {
        for (const QJsonValue& relationship : relationships)
            for (const QJsonObject& coding : codings(relationship.toObject()))
                if (guardianCodes.contains(text(coding, "code")))
                    return true;
        return false;
    };
    for (const QJsonValue& value : array(patient, "contact")) {
        const QJsonObject contact = value.toObject();
        if (isGuardian(array(contact, "relationship")) && !humanName(object(contact, "name")).isEmpty()) {
            member.guardianName = humanName(object(contact, "name"));
            return;
        }
    }
    for (const FhirResource& resource : m_bundle.entries()) {
        if (resource.type() != QLatin1String("RelatedPerson") ||
            !isGuardian(array(resource.json, "relationship")))
            continue;
        const auto subject = m_bundle.resolve(text(object(resource.json, "patient"), "reference"), resource);
        if (subject && *subject == *m_patient && !personName(resource.json).isEmpty()) {
            member.guardianName = personName(resource.json);
            return;
        }
    }
}

} // namespace rd
