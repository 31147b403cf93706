#include "model/fhir/FhirCaseExport.h"

#include "model/casefile/AtomicFile.h"
#include "model/casefile/CaseFile.h"
#include "model/fhir/FhirResponseWriter.h"
#include "model/letters/LetterPdf.h"
#include "model/signoff/CaseVerification.h"
#include "model/signoff/Signoff.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <algorithm>

namespace rd {

namespace {

using Status = FhirCaseExportResult::Status;

// The installation's plan.json's payerIdentifierSystem (docs/fhir.md); empty when the plan names none.
QString payerIdentifierSystem()
{
    QFile file(QDir(PlanInfo::configDir()).filePath(QStringLiteral("plan.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("payerIdentifierSystem"))
        .toString();
}

bool allPended(const Decision& decision)
{
    return std::all_of(decision.lines.cbegin(), decision.lines.cend(),
                       [](const LineDecision& line) { return line.decision == LineOutcome::Pend; });
}

} // namespace

FhirCaseExportResult FhirCaseExport::run(const QString& casePath, const QString& responsePath,
                                         const Policy& policy, bool withLetter)
{
    return run(casePath, responsePath, policy, withLetter, VerifyOptions());
}

FhirCaseExportResult FhirCaseExport::run(const QString& casePath, const QString& responsePath,
                                         const Policy& policy, bool withLetter,
                                         const VerifyOptions& verifyOptions)
{
    FhirCaseExportResult result;
    auto refuse = [&](Status status, const QString& error) {
        result.status = status;
        result.error = error;
        return result;
    };
    QString error;
    const auto plan = PlanInfo::load(QString(), &error);
    if (!plan)
        return refuse(Status::Refused, error);
    const auto file = CaseFile::open(casePath, CaseFile::OpenMode::ReadOnly, &error);
    if (!file)
        return refuse(Status::Refused, error);
    // Everything verify checks (the file, every audit row's signer in the roster, a signed case's
    // decision recomputed under the policy its signature names): a response is never written from a
    // case that fails it, nor from what the file says its decision is.
    const CaseVerification verified = verifyCase(*file, verifyOptions);
    if (!verified.report.ok())
        return refuse(Status::CheckFailed,
                      QStringLiteral("%1: fails verification (%2: %3); no response is written "
                                     "from it")
                          .arg(casePath, verified.report.problems.first().where,
                               verified.report.problems.first().what));
    // The decision exported is recomputed from the verified judgments and overrides: for a signed case
    // with the policy the signature names (verify found it), otherwise with the installation's.
    std::optional<Policy> signedPolicy;
    if (const auto signature = file->signature()) {
        const QByteArray policyHash = QByteArray::fromHex(QJsonDocument::fromJson(signature->payload)
                                                              .object()
                                                              .value(QStringLiteral("policySha256"))
                                                              .toString()
                                                              .toLatin1());
        signedPolicy = Signoff::policyWithHash(policyHash, &error);
        if (!signedPolicy)
            return refuse(Status::CheckFailed, QStringLiteral("%1: %2").arg(casePath, error));
    }
    const Signoff signoff(signedPolicy ? *signedPolicy : policy, *plan);
    const Decision decision = signoff.finalDecision(file->data(), file->overrides());
    result.overall = toString(decision.overall);
    if (!file->isSigned() && !allPended(decision))
        return refuse(Status::Refused, QStringLiteral("%1: not signed: a response is written for a signed "
                                                      "determination or a case whose every line is pended "
                                                      "(this one is %2)")
                                           .arg(casePath, result.overall));
    const auto origin = file->fhirOrigin(&error);
    if (!error.isEmpty())
        return refuse(Status::CheckFailed, error);
    result.fromFhir = origin.has_value();

    FhirResponseInput input;
    input.data = file->data();
    input.caseId = file->caseId();
    input.decision = decision;
    input.determined = file->isSigned();
    input.decidedAt = file->isSigned() ? file->signature()->signedAt : QDateTime::currentDateTimeUtc();
    // The reviewer's NPI as the organization roster records it for the signer, never the file's say.
    if (verified.signer)
        input.reviewerNpi = verified.signer->user.npi;
    if (origin)
        input.origin = origin->origin;
    input.authorizationValidDays = plan->authorizationValidDays;
    input.payerIdentifierSystem = payerIdentifierSystem();
    input.planName = plan->name;
    if (withLetter) {
        const QString language = file->data().member.language;
        const auto letter = signoff.letterFor(*file, language, false, &error);
        QTemporaryDir work;
        const QString pdf = work.filePath(QStringLiteral("letter.pdf"));
        const QString footer =
            QStringLiteral("%1 · %2 %3")
                .arg(plan->name,
                     language == QLatin1String("es") ? QStringLiteral("Miembro") : QStringLiteral("Member"),
                     file->data().member.id);
        const bool written =
            letter && LetterPdf::write(letter->html, pdf, plan->name, footer, letter->language, &error);
        if (!written && file->isSigned())
            return refuse(Status::Refused,
                          QStringLiteral("%1: the letter cannot be written: %2").arg(casePath, error));
        // A pended case's request for information is not a determination: the response goes without it.
        if (!written)
            result.warnings.append(
                QStringLiteral("the request for information is left out of ClaimResponse.form: %1")
                    .arg(error));
        QFile letterFile(pdf);
        if (written && letterFile.open(QIODevice::ReadOnly)) {
            input.letterPdf = letterFile.readAll();
            input.letterTitle = QStringLiteral("%1-letter.pdf").arg(toString(letter->kind));
        }
    }
    // Member data: private to its owner, whole or not at all, and never over a case file.
    if (!AtomicFile::write(responsePath,
                           QJsonDocument(FhirResponseWriter::bundle(input)).toJson(QJsonDocument::Indented),
                           &error, 0600))
        return refuse(Status::Refused, error);
    result.status = Status::Written;
    return result;
}

} // namespace rd
