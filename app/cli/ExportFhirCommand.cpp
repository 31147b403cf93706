#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/fhir/FhirResponseWriter.h"
#include "model/letters/LetterPdf.h"
#include "model/signoff/Signoff.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>

namespace rd::cli {

namespace {

// plan.json's payerIdentifierSystem (docs/fhir.md); empty when the plan names none.
QString payerIdentifierSystem(const QString& home)
{
    QFile file(QDir(home).filePath(QStringLiteral("plan.json")));
    if (home.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("payerIdentifierSystem"))
        .toString();
}

} // namespace

int exportFhirCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The response Bundle to write (replaced when it exists)."),
                                    QStringLiteral("RESPONSE.json"));
    const QCommandLineOption noLetter(QStringLiteral("no-letter"),
                                      QStringLiteral("Leave the letter out of ClaimResponse.form."));
    parser.addOptions({output, noLetter});
    const QString synopsis = QStringLiteral(
        "export-fhir CASEFILE -o RESPONSE.json [--no-letter]\n\n"
        "Writes the Da Vinci PAS 2.2.1 response Bundle (a ClaimResponse with one item per requested line and "
        "its X12 306 review action) of a signed determination, or of a case whose every line is pended. The "
        "decision is recomputed from the case and checked against the signature; a case that fails "
        "verification is refused (exit 1). The letter goes in ClaimResponse.form unless --no-letter. See "
        "docs/fhir.md.");
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, synopsis, 1, out, err, &exitCode))
        return exitCode;
    const QString path = parser.positionalArguments().at(0);
    if (!parser.isSet(output)) {
        err << "reviewdesk-cli export-fhir: -o RESPONSE.json is required" << Qt::endl;
        return ExitBadInput;
    }
    const auto policy = loadPolicy(err);
    if (!policy)
        return ExitBadInput;
    QString error;
    UserDirectory directory;
    const bool haveDirectory = directory.load(&error);
    const auto plan = PlanInfo::load(directory.home(), &error);
    if (!plan) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    auto file = openCase(path, CaseFile::OpenMode::ReadOnly, err);
    if (!file)
        return ExitBadInput;
    const Signoff signoff(*policy, *plan);
    VerifyReport report = file->verify();
    if (file->isSigned())
        signoff.verifyDetermination(*file, haveDirectory ? &directory : nullptr, report);
    if (!report.ok()) {
        err << path << ": fails verification (" << report.problems.first().where << ": "
            << report.problems.first().what << "); no response is written from it" << Qt::endl;
        return ExitCheckFailed;
    }
    const Decision decision = signoff.finalDecision(file->data(), file->overrides());
    const bool allPended =
        std::all_of(decision.lines.cbegin(), decision.lines.cend(),
                    [](const LineDecision& line) { return line.decision == LineOutcome::Pend; });
    if (!file->isSigned() && !allPended) {
        err << path << ": not signed: a response is written for a signed determination or a case whose every "
            << "line is pended (this one is " << toString(decision.overall) << ")" << Qt::endl;
        return ExitBadInput;
    }
    const auto origin = file->fhirOrigin(&error);
    if (!error.isEmpty()) {
        err << error << Qt::endl;
        return ExitCheckFailed;
    }

    FhirResponseInput input;
    input.data = file->data();
    input.caseId = file->caseId();
    input.decision = decision;
    input.determined = file->isSigned();
    input.decidedAt = file->isSigned() ? file->signature()->signedAt : QDateTime::currentDateTimeUtc();
    if (file->isSigned() && haveDirectory)
        if (const auto signer = directory.user(file->signature()->signer))
            input.reviewerNpi = signer->npi;
    if (origin)
        input.origin = origin->origin;
    input.authorizationValidDays = plan->authorizationValidDays;
    input.payerIdentifierSystem = payerIdentifierSystem(directory.home());
    input.planName = plan->name;
    if (!parser.isSet(noLetter)) {
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
        if (!written && file->isSigned()) {
            err << path << ": the letter cannot be written: " << error << " (--no-letter leaves it out)"
                << Qt::endl;
            return ExitBadInput;
        }
        // A pended case's request for information is not a determination: the response goes without it.
        if (!written)
            out << "warning: the request for information is left out of ClaimResponse.form: " << error
                << '\n';
        QFile letterFile(pdf);
        if (written && letterFile.open(QIODevice::ReadOnly)) {
            input.letterPdf = letterFile.readAll();
            input.letterTitle = QStringLiteral("%1-letter.pdf").arg(toString(letter->kind));
        }
    }
    const QJsonObject bundle = FhirResponseWriter::bundle(input);
    QSaveFile target(parser.value(output));
    if (!target.open(QIODevice::WriteOnly)) {
        err << parser.value(output) << ": cannot be written: " << target.errorString() << Qt::endl;
        return ExitBadInput;
    }
    target.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    target.write(QJsonDocument(bundle).toJson(QJsonDocument::Indented));
    if (!target.commit()) {
        err << parser.value(output) << ": cannot be written: " << target.errorString() << Qt::endl;
        return ExitBadInput;
    }
    out << "wrote the PAS response (" << toString(decision.overall) << ", "
        << (origin ? QStringLiteral("request from FHIR") : QStringLiteral("request not from FHIR")) << ") to "
        << parser.value(output) << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
