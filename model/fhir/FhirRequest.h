// Internal to the PAS reader: the Claim's checks from "item empty" on (contract checks 10 to 24),
// in their order, and the mapping into a case. A refusal is thrown as FhirFailure and becomes an
// rd::Error in FhirBundleReader::read().
#pragma once

#include "checklist/Policy.h"
#include "model/fhir/FhirBundle.h"
#include "model/fhir/FhirImport.h"
#include "model/fhir/FhirJsonScan.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace rd {

struct FhirFailure
{
    QString path;
    QString message;
};

[[noreturn]] void failAt(const QString& path, const QString& message);

struct FhirRequestContext
{
    const FhirBundle& bundle;
    const Policy& policy;
    const QByteArray& raw; // the file's bytes (cut-out base64 strings are read from here)
    const FhirJsonScanResult& scan;
    QString workFolder;
    QDateTime receivedAt; // given by the reviewer; invalid when not
    QDateTime now;
};

// One requested line: the Claim item it came from.
struct FhirLine
{
    int index = 0; // in Claim.item
    QString code;
    int sequence = 0;
    QJsonObject item;
};

class FhirRequest
{
public:
    explicit FhirRequest(const FhirRequestContext& context);

    FhirImport read(const QJsonObject& bundleJson);

private:
    QString claimPath() const { return m_claim.path(); }
    void checkCaseFacts();
    void readLines();
    void checkSupportingSequences();
    void checkNeededReferences();
    FhirResource need(const FhirResource& from, const QJsonObject& element, const char* key,
                      const QString& path, const QStringList& types);
    void readMember();
    void readMemberLetterFields(const QJsonObject& patient);
    void readProvider();
    void readDiagnoses();
    void readReceivedAt(const QJsonObject& bundleJson);
    void readDocuments();
    void readDocumentReference(const FhirResource& resource);
    void readAttachment(const QJsonObject& attachment, const FhirResource& holder, const QString& path,
                        const QString& name);
    void readServiceDate();
    void readUrgency();
    void readSupportingFacts();
    void warnUnresolvedReferences();
    QJsonObject origin(const QJsonObject& bundleJson) const;
    QByteArray storedBundle() const;
    QJsonValue withBlobs(const QJsonValue& value) const;
    QString uniqueFileName(QString name);

    const FhirRequestContext& m_context;
    const FhirBundle& m_bundle;
    FhirResource m_claim;
    FhirImport m_result;
    QList<FhirLine> m_lines;
    std::optional<FhirResource> m_patient;
    std::optional<FhirResource> m_provider;
    QList<FhirResource> m_providerRelated; // a PractitionerRole's Practitioner / Organization
    std::optional<FhirResource> m_coverage;
    std::optional<FhirResource> m_insurer;
    QList<FhirResource> m_supporting; // supportingInfo valueReferences, sequence order, once each
    QStringList m_neededPaths;        // needed references, not warned about again
    QSet<QString> m_fileNames;
    QJsonArray m_documentOrigins;
};

} // namespace rd
