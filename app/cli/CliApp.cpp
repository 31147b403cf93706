#include "app/cli/CliApp.h"

#include "app/cli/Commands.h"

#include <QCoreApplication>

namespace rd {

namespace {

struct Command
{
    const char* name;
    const char* summary;
    int (*run)(const QStringList&, QTextStream&, QTextStream&);
};

constexpr Command kCommands[] = {
    {"evaluate", "evaluate CASE [--json] [--policy POLICY.json]: the decision per requested line",
     cli::evaluateCommand},
    {"new", "new CASEFILE --from CASE.json [--attach PDF]...: create a case file", cli::newCommand},
    {"attach", "attach CASEFILE PDF...: store more clinical records in a case (not a signed one)",
     cli::attachCommand},
    {"export", "export CASEFILE [-o FILE]: print (or write, mode 0600) the case JSON", cli::exportCommand},
    {"import-fhir",
     "import-fhir BUNDLE.json -o CASEFILE [--received-at TIME] [--outcome OO.json]: a case from a Da Vinci "
     "PAS request",
     cli::importFhirCommand},
    {"export-fhir",
     "export-fhir CASEFILE -o RESPONSE.json [--no-letter]: the Da Vinci PAS response of a signed or "
     "pended case",
     cli::exportFhirCommand},
    {"answer",
     "answer CASEFILE --id ID --value VALUE [--type T]... [--note TEXT] [--evidence FILE:PAGE[:QUOTE]] "
     "--user "
     "LOGIN --password-stdin",
     cli::answerCommand},
    {"user",
     "user add LOGIN --name NAME [--credentials C] [--npi N] [--phone P] --password-stdin [--request-out "
     "FILE] "
     "| user list: this computer's people folder (keys sealed by password)",
     cli::userCommand},
    {"roster",
     "roster init|add|revoke|list ROSTER ...: the organization roster (roles and keys, signed by the "
     "administrator)",
     cli::rosterCommand},
    {"sign",
     "sign CASEFILE --user LOGIN --password-stdin [--override CODE=approve|deny]... [--rationale TEXT | "
     "--rationale-file FILE] "
     "[--rationale-es TEXT] [--additional-info TEXT] [--additional-info-es TEXT] [--check]: sign the "
     "determination",
     cli::signCommand},
    {"letter",
     "letter CASEFILE -o FILE.pdf [--lang en|es] [--draft] [--html FILE] [--record]: write the letter",
     cli::letterCommand},
    {"verify",
     "verify CASEFILE [--anchor KEYID] [--head N:HASH]: check integrity, attachments, the signed audit trail "
     "against the roster, and the signature",
     cli::verifyCommand},
};

void printUsage(QTextStream& stream)
{
    stream << "Usage: reviewdesk-cli COMMAND [options]\n\nCommands:\n";
    for (const auto& command : kCommands)
        stream << "  " << command.summary << '\n';
    stream
        << "\nOptions:\n  -h, --help     this help; COMMAND --help for a command's options\n"
           "  -v, --version  the version\n\nExit status: 0 done, 1 a check failed, 2 bad input or usage.\n";
    stream.flush();
}

} // namespace

int runCli(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        printUsage(err);
        return ExitBadInput;
    }
    const QString& first = args.first();
    if (first == QLatin1String("-h") || first == QLatin1String("--help") || first == QLatin1String("help")) {
        printUsage(out);
        return ExitOk;
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
            << Qt::endl;
        return ExitOk;
    }
    for (const auto& command : kCommands) {
        if (first == QLatin1String(command.name))
            return command.run(args, out, err);
    }
    err << "reviewdesk-cli: unknown command '" << first << "' (try --help)" << Qt::endl;
    return ExitBadInput;
}

} // namespace rd
