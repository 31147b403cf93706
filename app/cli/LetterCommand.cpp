#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/casefile/AtomicFile.h"
#include "model/letters/LetterPdf.h"
#include "model/signoff/Signoff.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QSettings>

namespace rd::cli {

namespace {

// An existing output may be replaced only when it is a regular file of the expected kind (magic) that
// ReviewDesk wrote (marker), or, with force, any file of that kind.
bool outputAllowed(const QString& path, const QByteArray& magic, const QByteArray& marker, bool force,
                   QString* error)
{
    if (!AtomicFile::isWritableTarget(path, error))
        return false;
    QFile existing(path);
    if (!existing.exists())
        return true;
    if (!existing.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: exists and cannot be read: not replaced").arg(path);
        return false;
    }
    const QByteArray head = existing.read(16);
    if (head.startsWith("SQLite format 3")) {
        *error = QStringLiteral("%1: is a database (a case file?): a letter never replaces it").arg(path);
        return false;
    }
    if (!head.startsWith(magic)) {
        *error =
            QStringLiteral("%1: exists and is not a file of the kind written here: not replaced").arg(path);
        return false;
    }
    existing.seek(0);
    if (force || existing.read(64 << 20).contains(marker))
        return true;
    *error =
        QStringLiteral("%1: exists and was not written by ReviewDesk: not replaced (--force replaces a PDF)")
            .arg(path);
    return false;
}

} // namespace

int letterCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The PDF to write (replaced when it exists)."),
                                    QStringLiteral("FILE.pdf"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QStringLiteral("The letter's language: en or es (default: the member's own, "
                       "member.language in the case)."),
        QStringLiteral("LANG"));
    const QCommandLineOption draft(QStringLiteral("draft"),
                                   QStringLiteral("For a case not signed yet: a draft marked as such."));
    const QCommandLineOption html(QStringLiteral("html"), QStringLiteral("Also write the letter's HTML."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption record(
        QStringLiteral("record"),
        QStringLiteral(
            "For a request for information: record in the case that it was sent (audited with the "
            "letter's SHA-256, the missing items and the date to respond by) and set the status to "
            "pended-for-information."));
    const QCommandLineOption force(
        QStringLiteral("force"),
        QStringLiteral(
            "Replace an existing PDF that ReviewDesk did not write (never a case file or any other "
            "kind of file)."));
    parser.addOptions({output, lang, draft, html, record, force});
    const QString synopsis = QStringLiteral(
        "letter CASEFILE -o FILE.pdf [--lang en|es] [--draft] [--html FILE] [--record] [--force]\n\n"
        "A signed case: its signed determination letter (approval, denial or partial approval). A pended "
        "case: the request for additional information, dated today, unsigned (it is not a determination). "
        "Any other case: refused, unless --draft. A case that fails verification is refused (exit 1).");
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, synopsis, 1, out, err, &exitCode))
        return exitCode;
    const QString path = parser.positionalArguments().at(0);
    if (!parser.isSet(output)) {
        err << "reviewdesk-cli letter: -o FILE.pdf is required" << Qt::endl;
        return ExitBadInput;
    }
    // An output never replaces what it should not: a case file, a file of another kind, a device.
    QString error;
    if (!outputAllowed(parser.value(output), "%PDF-", "CreatorTool=\"ReviewDesk\"", parser.isSet(force),
                       &error) ||
        (parser.isSet(html) && !outputAllowed(parser.value(html), "<", "<html", false, &error))) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    const auto policy = loadPolicy(err);
    if (!policy)
        return ExitBadInput;
    const auto plan = PlanInfo::load(QString(), &error);
    if (!plan) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    auto file = openCase(path, CaseFile::OpenMode::ReadOnly, err);
    if (!file)
        return ExitBadInput;
    // No letter from a case that fails verification (a signed case changed since, a removed signature,
    // judgments changed outside ReviewDesk).
    const VerifyReport report = file->verify();
    if (!report.ok()) {
        err << path << ": fails verification (" << report.problems.first().where << ": "
            << report.problems.first().what << "); no letter is written from it" << Qt::endl;
        return ExitCheckFailed;
    }
    const Signoff signoff(*policy, *plan);
    const QString language = parser.isSet(lang) ? parser.value(lang) : file->data().member.language;
    const auto letter = signoff.letterFor(*file, language, parser.isSet(draft), &error);
    if (!letter) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    const CaseData& data = file->data();
    // The head as it is now (a request for information recorded below adds one entry after it).
    const QList<AuditEntry> trail = file->auditTrail();
    const QString footer = LetterText::footer(plan->name, data.member.id, file->caseId(), letter->language,
                                              trail.isEmpty() ? 0 : trail.last().seq,
                                              trail.isEmpty() ? QByteArray() : trail.last().hash);
    if (!LetterPdf::write(letter->html, parser.value(output), plan->name, footer, letter->language, &error)) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    if (parser.isSet(html) && !AtomicFile::write(parser.value(html), letter->html.toUtf8(), &error, 0600)) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    if (parser.isSet(record)) {
        if (letter->kind != LetterKind::InformationRequest) {
            err << path << ": --record is for a request for information; a signed letter is recorded by its "
                << "signature" << Qt::endl;
            return ExitBadInput;
        }
        const Decision decision = signoff.finalDecision(data, file->overrides());
        LetterInput input = signoff.letterInput(*file, decision, letter->language, std::nullopt, QDateTime(),
                                                file->letterFields());
        const QJsonObject details{
            {QStringLiteral("missing"), QJsonArray::fromStringList(decision.missingInformation)},
            {QStringLiteral("respondBy"), LetterText::respondBy(input).toString(Qt::ISODate)},
            {QStringLiteral("file"), QFileInfo(parser.value(output)).fileName()}};
        const auto login = logIn(parser, QStringLiteral("letter"), false, err);
        if (!login)
            return ExitBadInput;
        file = openCase(path, CaseFile::OpenMode::ReadWrite, err);
        if (!file)
            return ExitBadInput;
        if (!file->recordInformationRequest(letter->language, letter->html, details, login->actor, &error)) {
            err << error << Qt::endl;
            return ExitBadInput;
        }
    }
    out << "wrote the " << toString(letter->kind) << " letter (" << letter->language << ")"
        << (file->isSigned()
                ? ", signed,"
                : (parser.isSet(draft) && letter->kind != LetterKind::InformationRequest ? ", draft,"
                                                                                         : ", unsigned,"))
        << " to " << parser.value(output) << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
