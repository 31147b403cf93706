#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "checklist/CaseJson.h"

namespace rd::cli {

namespace {

constexpr int kMaxQuote = 20000;   // as the case JSON's quote
constexpr int kMaxCitations = 200; // as the case JSON's evidence items

// FILE:PAGE[:QUOTE]; the quote may itself hold colons. The error says what is wrong without repeating
// the text (a quote is member data).
std::optional<Evidence> parseEvidence(const QString& text, const CaseStore& file, QString* error)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    bool pageOk = false;
    const int page = parts.value(1).toInt(&pageOk);
    if (parts.size() < 2 || !pageOk || page < 1) {
        *error = QStringLiteral("expected FILE:PAGE[:QUOTE] with a page number from 1");
        return std::nullopt;
    }
    const QString name = parts.first();
    std::optional<AttachmentInfo> attachment;
    for (const AttachmentInfo& info : file.attachments())
        if (info.fileName == name)
            attachment = info;
    if (!attachment) {
        QStringList names;
        for (const AttachmentInfo& info : file.attachments())
            names.append(info.fileName);
        // The text before the first colon is not repeated: on a line that is not a citation it is
        // clinical text ("Pain score: 7").
        *error = QStringLiteral("names no attachment of the case (it has: %1)")
                     .arg(names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (attachment->pageCount > 0 && page > attachment->pageCount) {
        *error = QStringLiteral("%1 has %2 pages").arg(name).arg(attachment->pageCount);
        return std::nullopt;
    }
    Evidence evidence{name, page, parts.mid(2).join(QLatin1Char(':')), QRectF()};
    if (evidence.quote.size() > kMaxQuote) {
        *error = QStringLiteral("the quote is over %1 characters").arg(kMaxQuote);
        return std::nullopt;
    }
    return evidence;
}

// --evidence-file: one citation a line, FILE:PAGE[:QUOTE] as --evidence, so that quotes stay off the
// command line. Blank lines are skipped. A bad line names the file and its line, and nothing is recorded.
bool readEvidenceFile(const QString& path, const CaseStore& file, QList<Evidence>* evidence, QTextStream& err)
{
    const auto text = readClinicalFile(path, QStringLiteral("evidence-file"),
                                       qsizetype(kMaxCitations) * (kMaxQuote + 300), err);
    if (!text)
        return false;
    const QStringList lines = text->split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        QString error;
        const auto item = parseEvidence(line, file, &error);
        if (!item) {
            err << path << ":" << i + 1 << ": --evidence-file: " << error << Qt::endl;
            return false;
        }
        evidence->append(*item);
    }
    return true;
}

} // namespace

int answerCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption id(QStringLiteral("id"), QStringLiteral("The judgment id (review-rules.md)."),
                                QStringLiteral("ID"));
    const QCommandLineOption value(
        QStringLiteral("value"),
        QStringLiteral("met, not-met or unknown; yes, no or unknown for exclusions."),
        QStringLiteral("VALUE"));
    const QCommandLineOption type(QStringLiteral("type"), QStringLiteral("An indication type (repeatable)."),
                                  QStringLiteral("T"));
    const QCommandLineOption note(QStringLiteral("note"), QStringLiteral("The reviewer's note."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption noteFile(
        QStringLiteral("note-file"),
        QStringLiteral("The reviewer's note from a file (clinical text stays off the command line)."),
        QStringLiteral("FILE"));
    const QCommandLineOption evidence(
        QStringLiteral("evidence"),
        QStringLiteral("A citation: attachment file name, page, quote (repeatable). Quotes belong in "
                       "--evidence-file: the command line is seen by every user of the machine."),
        QStringLiteral("FILE:PAGE[:QUOTE]"));
    const QCommandLineOption evidenceFile(
        QStringLiteral("evidence-file"),
        QStringLiteral("Citations from a file, one a line as FILE:PAGE[:QUOTE] (clinical text stays off the "
                       "command line)."),
        QStringLiteral("FILE"));
    parser.addOptions({id, value, type, note, noteFile, evidence, evidenceFile});
    int exitCode = ExitOk;
    const QString synopsis = QStringLiteral(
        "answer CASEFILE --id ID --value VALUE [--type T]... [--note TEXT | --note-file FILE] "
        "[--evidence FILE:PAGE[:QUOTE]]... [--evidence-file FILE]... --user LOGIN --password-stdin\n\n"
        "Records one judgment, signed with the key of --user (its password on standard input).");
    if (!parseCommand(parser, args, synopsis, 1, out, err, &exitCode))
        return exitCode;
    const QString path = parser.positionalArguments().at(0);
    if (!parser.isSet(id) || !parser.isSet(value)) {
        err << "reviewdesk-cli answer: --id and --value are required" << Qt::endl;
        return ExitBadInput;
    }
    const auto policy = loadPolicy(err);
    if (!policy)
        return ExitBadInput;
    // Everything is checked on a read-only view first: bad input leaves the file untouched.
    auto file = openCase(path, CaseFile::OpenMode::ReadOnly, err);
    if (!file)
        return ExitBadInput;

    const std::optional<AnswerValue> answerValue = answerValueFromString(parser.value(value));
    if (!answerValue) {
        err << path << ": --value: '" << parser.value(value) << "' is not an answer (expected "
            << answerValueNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
        return ExitBadInput;
    }
    const auto noteText =
        clinicalText(parser, QStringLiteral("note"), QStringLiteral("note-file"), 20000, err);
    if (!noteText)
        return ExitBadInput;
    Answer answer{*answerValue, parser.values(type), *noteText, {}};
    QString error;
    const QStringList given = parser.values(evidence);
    for (qsizetype i = 0; i < given.size(); ++i) {
        const auto item = parseEvidence(given.at(i), *file, &error);
        if (!item) {
            // Which --evidence, not its text: the quote is member data.
            err << path << ": --evidence #" << (i + 1) << ": " << error << Qt::endl;
            return ExitBadInput;
        }
        answer.evidence.append(*item);
    }
    for (const QString& citations : parser.values(evidenceFile))
        if (!readEvidenceFile(citations, *file, &answer.evidence, err))
            return ExitBadInput;
    // The same checks as the case JSON: the id must be the policy's, the value of its kind, a met
    // indication must have a type.
    CaseData proposed = file->data();
    proposed.answers.insert(parser.value(id), answer);
    if (const auto invalid = CaseJson::validate(proposed, *policy)) {
        Error named = *invalid;
        named.file = path;
        err << named.toString() << Qt::endl;
        return ExitBadInput;
    }
    const auto login = logIn(parser, QStringLiteral("answer"), false, err);
    if (!login)
        return ExitBadInput;
    file = openCase(path, CaseFile::OpenMode::ReadWrite, err);
    if (!file)
        return ExitBadInput;
    if (!file->recordJudgment(parser.value(id), answer, login->actor, &error)) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    out << "recorded " << parser.value(id) << " = " << toString(answer.value) << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
