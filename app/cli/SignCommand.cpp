#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/signoff/Signoff.h"
#include "model/trust/TrustStore.h"

namespace rd::cli {

namespace {

std::optional<LineOverride> parseOverride(const QString& text, QString* error)
{
    const QString code = text.section(QLatin1Char('='), 0, 0).trimmed();
    const QString decision = text.section(QLatin1Char('='), 1).trimmed();
    if (code.isEmpty() || (decision != QLatin1String("approve") && decision != QLatin1String("deny"))) {
        *error = QStringLiteral("--override %1: expected CODE=approve or CODE=deny").arg(text);
        return std::nullopt;
    }
    LineOverride result;
    result.code = code;
    result.decision = decision == QLatin1String("approve") ? LineOutcome::Approve : LineOutcome::Deny;
    return result;
}

} // namespace

int signCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption overrideOption(
        QStringLiteral("override"),
        QStringLiteral(
            "The medical director's decision on one line, replacing the engine's (repeatable). Needs "
            "--rationale, which becomes the written reason (audited, and printed in the letter)."),
        QStringLiteral("CODE=approve|deny"));
    const QCommandLineOption rationale(
        QStringLiteral("rationale"),
        QStringLiteral(
            "The physician's clinical rationale for this member: the rationale of each --override, "
            "and the letter's explanation. Required when any line is denied."),
        QStringLiteral("TEXT"));
    const QCommandLineOption rationaleFile(
        QStringLiteral("rationale-file"),
        QStringLiteral("The rationale from a file (clinical text stays off the command line)."),
        QStringLiteral("FILE"));
    const QCommandLineOption rationaleEs(
        QStringLiteral("rationale-es"),
        QStringLiteral(
            "The same rationale in Spanish, for the Spanish letter (else --rationale is printed as "
            "written)."),
        QStringLiteral("TEXT"));
    const QCommandLineOption additional(
        QStringLiteral("additional-info"),
        QStringLiteral("What additional information could change the decision (added before the policy's own "
                       "sentences)."),
        QStringLiteral("TEXT"));
    const QCommandLineOption additionalEs(QStringLiteral("additional-info-es"),
                                          QStringLiteral("The same in Spanish, for the Spanish letter."),
                                          QStringLiteral("TEXT"));
    // Every clinical text has a file form: the text itself is member data, and a command line is seen
    // by every process of the machine (ps) and kept in shell histories.
    const QCommandLineOption rationaleEsFile(QStringLiteral("rationale-es-file"),
                                             QStringLiteral("The Spanish rationale from a file."),
                                             QStringLiteral("FILE"));
    const QCommandLineOption additionalFile(QStringLiteral("additional-info-file"),
                                            QStringLiteral("The additional information from a file."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption additionalEsFile(
        QStringLiteral("additional-info-es-file"),
        QStringLiteral("The Spanish additional information from a file."), QStringLiteral("FILE"));
    const QCommandLineOption confirmRule(
        QStringLiteral("confirm-code-rule-override"),
        QStringLiteral("Confirm an override that breaks a code rule (e.g. approving 96000 with 96001); the "
                       "letter names the rule."));
    const QCommandLineOption check(
        QStringLiteral("check"), QStringLiteral("Only check: print the decision and what blocks signing; no "
                                                "password, nothing written."));
    parser.addOptions({overrideOption, rationale, rationaleFile, rationaleEs, rationaleEsFile, additional,
                       additionalFile, additionalEs, additionalEsFile, confirmRule, check});
    const QString synopsis = QStringLiteral(
        "sign CASEFILE --user LOGIN --password-stdin [--override CODE=approve|deny]... [--rationale TEXT | "
        "--rationale-file FILE] "
        "[--rationale-es TEXT | --rationale-es-file FILE] [--additional-info TEXT | --additional-info-file "
        "FILE] "
        "[--additional-info-es TEXT | --additional-info-es-file FILE] "
        "[--confirm-code-rule-override] [--check]\n\n"
        "Signs the determination: the request, every attachment's hash, every judgment, the decision per "
        "line "
        "(with overrides), the letters in every language, the signer, the meaning of the signature and the "
        "UTC "
        "time. A signed case is read-only. A denial or partial determination must be signed by a medical "
        "director; a reviewer may sign an all-approved case. A pended case cannot be signed: `letter` writes "
        "its request for information.\n\nExample, a medical director approving a line the engine denied:\n  "
        "echo \"$PASSWORD\" | reviewdesk-cli sign case.rdcase --user dr.whitfield --password-stdin "
        "--override 96002=approve --rationale \"Peer-to-peer call: ...\"\n\nExit status: 0 signed (or "
        "--check found nothing blocking); 1 "
        "refused "
        "(role, pended, letter checker, signed already); 2 bad input, unknown user or wrong password.");
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, synopsis, 1, out, err, &exitCode))
        return exitCode;
    const QString path = parser.positionalArguments().at(0);
    if (!parser.isSet(QStringLiteral("user"))) {
        err << "reviewdesk-cli sign: --user LOGIN is required" << Qt::endl;
        return ExitBadInput;
    }
    if (!parser.isSet(check) && !parser.isSet(QStringLiteral("password-stdin"))) {
        err << "reviewdesk-cli sign: --password-stdin is required" << Qt::endl;
        return ExitBadInput;
    }
    const auto rationaleText =
        clinicalText(parser, QStringLiteral("rationale"), QStringLiteral("rationale-file"), 20000, err);
    if (!rationaleText)
        return ExitBadInput;
    QList<LineOverride> overrides;
    QString error;
    for (const QString& text : parser.values(overrideOption)) {
        auto item = parseOverride(text, &error);
        if (!item) {
            err << "reviewdesk-cli sign: " << error << Qt::endl;
            return ExitBadInput;
        }
        item->rationale = rationaleText->trimmed();
        if (item->rationale.isEmpty()) {
            err << "reviewdesk-cli sign: --override " << text << " needs --rationale TEXT" << Qt::endl;
            return ExitBadInput;
        }
        overrides.append(*item);
    }
    QMap<QString, QString> fields;
    if (parser.isSet(rationale) || parser.isSet(rationaleFile))
        fields.insert(LetterField::clinicalRationale(), rationaleText->trimmed());
    const struct
    {
        const QCommandLineOption& text;
        const QCommandLineOption& file;
        QString field;
    } texts[] = {
        {rationaleEs, rationaleEsFile, LetterField::clinicalRationale() + QStringLiteral(".es")},
        {additional, additionalFile, LetterField::additionalInformation()},
        {additionalEs, additionalEsFile, LetterField::additionalInformation() + QStringLiteral(".es")},
    };
    for (const auto& item : texts) {
        if (!parser.isSet(item.text) && !parser.isSet(item.file))
            continue;
        const auto value =
            clinicalText(parser, item.text.names().first(), item.file.names().first(), 20000, err);
        if (!value)
            return ExitBadInput;
        fields.insert(item.field, value->trimmed());
    }
    if (parser.isSet(confirmRule))
        fields.insert(LetterField::codeRuleOverrideConfirmed(), QStringLiteral("yes"));

    const auto policy = loadPolicy(err);
    if (!policy)
        return ExitBadInput;
    const auto plan = PlanInfo::load(QString(), &error);
    if (!plan) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    const QString login = parser.value(QStringLiteral("user"));
    // The signer's role is the organization roster's: never the people folder's or the payload's.
    std::optional<Login> loggedIn;
    std::optional<User> signer;
    if (parser.isSet(check)) {
        const auto trust = TrustStore::load(&error);
        const auto entry =
            trust ? trust->roster().current(login, QDateTime::currentDateTimeUtc()) : std::nullopt;
        if (!entry) {
            err << "reviewdesk-cli sign: "
                << (trust ? QStringLiteral("%1: %2 has no valid entry").arg(trust->rosterPath(), login)
                          : error)
                << Qt::endl;
            return ExitBadInput;
        }
        signer = entry->user;
    } else {
        loggedIn = logIn(parser, QStringLiteral("sign"), true, err);
        if (!loggedIn)
            return ExitBadInput;
        signer = loggedIn->user;
    }
    const Signoff signoff(*policy, *plan);
    // Everything is checked on a read-only view first: a refusal or a wrong password leaves the file as
    // it was, byte for byte.
    auto file = openCase(path, CaseFile::OpenMode::ReadOnly, err);
    if (!file)
        return ExitBadInput;
    QList<LineOverride> proposed = overrides;
    for (LineOverride& item : proposed)
        item.by = login;
    const SignoffPreview preview =
        signoff.preview(*file, *signer, proposed, fields, QDateTime::currentDateTimeUtc());
    if (parser.isSet(check)) {
        out << "decision: " << toString(preview.decision.overall) << '\n';
        for (const LineDecision& line : preview.decision.lines)
            out << "  " << line.code << ' ' << toString(line.decision) << '\n';
        for (const QString& problem : preview.problems)
            out << "blocks signing: " << problem << '\n';
        out << (preview.problems.isEmpty() ? "ready to sign" : "not ready to sign") << Qt::endl;
        return preview.problems.isEmpty() ? ExitOk : ExitCheckFailed;
    }
    if (!preview.problems.isEmpty()) {
        err << path << ": not signed:" << '\n';
        for (const QString& problem : preview.problems)
            err << "  - " << problem << '\n';
        err.flush();
        return ExitCheckFailed;
    }
    file = openCase(path, CaseFile::OpenMode::ReadWrite, err);
    if (!file)
        return ExitBadInput;
    if (file->isReadOnly() && !file->isSigned()) {
        err << path << ": cannot be signed: " << file->readOnlyReason() << Qt::endl;
        return ExitBadInput;
    }
    SignoffInput input;
    input.login = login;
    input.overrides = overrides;
    input.letterFields = fields;
    if (!signoff.sign(*file, *signer, *loggedIn->actor.key(), input, &error)) {
        err << error << Qt::endl;
        return ExitCheckFailed;
    }
    const auto signature = file->signature();
    const QList<AuditEntry> trail = file->auditTrail(&error);
    out << "signed " << path << ": " << toString(preview.decision.overall) << " by " << signer->printedName()
        << " (" << toString(signer->role) << ") at " << signature->signedAt.toString(Qt::ISODate) << ", key "
        << signer->fingerprint() << '\n';
    // The receipt: kept outside the file (or carried by the letter), it lets verify --head catch a
    // trail cut short.
    if (!trail.isEmpty())
        out << "audit head: " << trail.last().seq << ':' << trail.last().hash.toHex() << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
