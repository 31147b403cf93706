// Creating a case file from a case's data and the PDFs to store in it, and adding PDFs to an existing
// case (records that came after a request for information): what `reviewdesk-cli new` / `attach` and
// the app's New Case from JSON / Add Clinical Records do.
//
// Every PDF is checked before anything is written, through the isolated PDF worker
// (PdfService::probe: a broken or hostile file is refused with Poppler's reason and cannot hang or
// crash the caller), and two attachments may not share a file name (evidence cites attachments by
// name, also those already in the case). When creating fails midway, the half-made case file is
// removed; when adding, the PDFs are stored in one transaction, all or none (a full disk included).
// Synchronous and slow (a worker process per PDF, then the PDFs copied into the case): the app calls
// it on a thread of the pool. No dialogs: errors come back as text naming the file.
#pragma once

#include "checklist/CaseData.h"
#include "model/audit/Actor.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace rd {

class CaseFile;
struct AttachmentInfo;
struct AttachmentSource;

struct CaseCreationResult
{
    bool ok = false;
    QString error;       // when !ok: what is wrong, naming the file
    int attachments = 0; // stored
};

// prepare, when given, runs on the new case file before the attachments are stored (the FHIR import
// stores the request's origin there); returning false undoes the creation.
CaseCreationResult createCaseFile(const QString& path, const CaseData& data, const QStringList& pdfs,
                                  const Actor& actor,
                                  const std::function<bool(CaseFile&, QString*)>& prepare = {});

// Opens the case file for writing (refused when it is signed, or held by someone else) and stores pdfs.
CaseCreationResult addCaseAttachments(const QString& path, const QStringList& pdfs, const Actor& actor);

// The check the two above make, for a case stored elsewhere (a workspace case, which then stores them
// in one transaction): every PDF checked, names unique also against those the case holds. What to
// store, or nullopt with an error naming the file refused.
std::optional<QList<AttachmentSource>>
checkAttachmentPdfs(const QStringList& pdfs, const QList<AttachmentInfo>& inCase, QString* error);

} // namespace rd
