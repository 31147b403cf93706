// reviewdesk-cli workspace: the team workspace on PostgreSQL (docs/workspace.md).
#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/signoff/CaseVerification.h"
#include "model/trust/TrustStore.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rd::cli {

namespace {

const char kSynopsis[] =
    "workspace init URL | list URL [--json] | import URL CASEFILE | export URL CASE-ID -o FILE.rdcase |\n"
    "          take URL [--queue review|medical-director] | route URL CASE-ID --to QUEUE | release URL "
    "CASE-ID |\n"
    "          roster URL ROSTER.json\n\n"
    "URL is the workspace's libpq URL (postgresql://host/db?sslmode=verify-full, or ?host=/socket/folder).\n"
    "You connect as your own PostgreSQL role; its password comes from PGPASSFILE or ~/.pgpass, never the\n"
    "command line. Other commands take a workspace case as URL#CASE-ID.\n\n"
    "  init     create or migrate the schema and the group roles (a DBA's role)\n"
    "  list     the queue: case id, member, due-by, status, queue, holder\n"
    "  import   a case file that verifies, into the workspace; prints the case id\n"
    "  export   the case as a case file (mode 0600) that verifies and carries the server's audit head\n"
    "  take     Take Next Case: assigns you the most urgent unassigned case; prints its id\n"
    "  route    the holder sends the case to a queue (medical-director, review) and lets go\n"
    "  release  the holder lets go of the case\n"
    "  roster   stores the organization roster in the workspace (rd_admin): signed by the administrator\n"
    "           trust.json pins, newer than the one stored; every member's verify uses it";

int usage(QTextStream& err, const QString& what)
{
    err << "reviewdesk-cli workspace: " << what << " (try workspace --help)" << Qt::endl;
    return ExitBadInput;
}

std::unique_ptr<Workspace> connect(const QString& url, QTextStream& err)
{
    QString error;
    auto workspace = Workspace::open(url, &error);
    if (!workspace)
        err << error << Qt::endl;
    return workspace;
}

int list(const QString& url, bool json, QTextStream& out, QTextStream& err)
{
    const auto workspace = connect(url, err);
    if (!workspace)
        return ExitBadInput;
    QString error;
    const auto entries = workspace->list(&error);
    if (!entries) {
        err << url << ": " << error << Qt::endl;
        return ExitBadInput;
    }
    if (json) {
        QJsonArray array;
        for (const QueueEntry& entry : *entries)
            array.append(QJsonObject{{QStringLiteral("caseId"), entry.caseId},
                                     {QStringLiteral("memberId"), entry.memberId},
                                     {QStringLiteral("memberName"), entry.memberName},
                                     {QStringLiteral("urgency"), entry.urgency},
                                     {QStringLiteral("dueBy"), entry.dueBy.toString(Qt::ISODate)},
                                     {QStringLiteral("status"), entry.status},
                                     {QStringLiteral("queue"), entry.queue},
                                     {QStringLiteral("holder"), entry.assignee},
                                     {QStringLiteral("signed"), entry.isSigned}});
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    for (const QueueEntry& entry : *entries)
        out << entry.caseId << '\t' << entry.memberId << ' ' << entry.memberName << '\t'
            << entry.dueBy.toString(QStringLiteral("yyyy-MM-dd HH:mm")) << '\t' << entry.status << '\t'
            << entry.queue << '\t' << (entry.assignee.isEmpty() ? QStringLiteral("-") : entry.assignee)
            << '\n';
    out.flush();
    return ExitOk;
}

int importCase(const QString& url, const QString& path, QTextStream& out, QTextStream& err)
{
    QString error;
    const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
    if (!file) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    const auto workspace = connect(url, err);
    if (!workspace)
        return ExitBadInput;
    // Only a case that verifies enters the workspace (the server checks the chain, not the keys),
    // against the roster the workspace keeps: the one its members' verify will use.
    VerifyOptions options;
    if (!workspace->useRoster(&options, &error)) {
        err << url << ": " << error << Qt::endl;
        return ExitBadInput;
    }
    const CaseVerification verification = verifyCase(*file, options);
    if (!verification.report.ok()) {
        const VerifyFinding& first = verification.report.problems.first();
        err << path << ": does not verify, not imported: " << first.where << ": " << first.what << Qt::endl;
        return ExitCheckFailed;
    }
    const auto caseId = workspace->importCaseFile(path, &error);
    if (!caseId) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    out << *caseId << Qt::endl;
    return ExitOk;
}

int exportCase(const QString& url, const QString& caseId, const QString& destination, QTextStream& out,
               QTextStream& err)
{
    const auto workspace = connect(url, err);
    if (!workspace)
        return ExitBadInput;
    QString error;
    const auto head = workspace->exportCase(caseId, destination, &error);
    if (!head) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    out << "exported " << caseId << " to " << destination << "; audit head " << head->first << ':'
        << QString::fromLatin1(head->second.toHex()) << " (verify it with --head)" << Qt::endl;
    return ExitOk;
}

int storeRoster(const QString& url, const QString& path, QTextStream& out, QTextStream& err)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << path << ": cannot be read: " << file.errorString() << Qt::endl;
        return ExitBadInput;
    }
    const QByteArray body = file.read(4 << 20);
    // Only this organization's roster is stored: signed by the administrator key trust.json pins, and
    // not older than the newest this computer has seen. The server orders them by serial.
    QString error;
    const auto trust = TrustStore::loadWithRoster(body, path, &error);
    if (!trust) {
        err << error << Qt::endl;
        return ExitBadInput;
    }
    const auto workspace = connect(url, err);
    if (!workspace)
        return ExitBadInput;
    if (!workspace->storeRoster(body, trust->roster().serial(), &error)) {
        err << url << ": the roster was not stored: " << error << Qt::endl;
        return ExitBadInput;
    }
    out << "stored roster serial " << trust->roster().serial() << " (anchor " << trust->anchor() << ")"
        << Qt::endl;
    return ExitOk;
}

} // namespace

int workspaceCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("export: the case file to write."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("list: JSON instead of lines."));
    const QCommandLineOption queue(QStringLiteral("queue"),
                                   QStringLiteral("take: the queue (default review)."),
                                   QStringLiteral("QUEUE"), Workspace::ReviewQueue);
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("route: the queue to send the case to."),
                                QStringLiteral("QUEUE"));
    parser.addOptions({output, json, queue, to});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QString::fromLatin1(kSynopsis), -2, out, err, &exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    const QString verb = positional.at(0);
    const QString url = positional.at(1);
    const QStringList rest = positional.mid(2);
    auto queueName = [&](const QString& name) {
        return name == Workspace::ReviewQueue || name == Workspace::MedicalDirectorQueue;
    };
    if (verb == QLatin1String("init")) {
        if (!rest.isEmpty())
            return usage(err, QStringLiteral("init takes the URL only"));
        QString error;
        const auto connection = PgConnection::open(url, &error);
        if (!connection || !WorkspaceSchema::migrate(*connection, &error)) {
            err << url << ": " << error << Qt::endl;
            return ExitBadInput;
        }
        out << "workspace schema version " << WorkspaceSchema::CurrentVersion
            << "; group roles rd_reviewer, rd_medical_director, rd_admin" << Qt::endl;
        return ExitOk;
    }
    if (verb == QLatin1String("list"))
        return rest.isEmpty() ? list(url, parser.isSet(json), out, err)
                              : usage(err, QStringLiteral("list takes the URL only"));
    if (verb == QLatin1String("import"))
        return rest.size() == 1 ? importCase(url, rest.at(0), out, err)
                                : usage(err, QStringLiteral("import takes URL CASEFILE"));
    if (verb == QLatin1String("export")) {
        if (rest.size() != 1 || !parser.isSet(output))
            return usage(err, QStringLiteral("export takes URL CASE-ID -o FILE.rdcase"));
        return exportCase(url, rest.at(0), parser.value(output), out, err);
    }
    if (verb == QLatin1String("roster"))
        return rest.size() == 1 ? storeRoster(url, rest.at(0), out, err)
                                : usage(err, QStringLiteral("roster takes URL ROSTER.json"));
    if (verb == QLatin1String("take")) {
        if (!rest.isEmpty() || !queueName(parser.value(queue)))
            return usage(err, QStringLiteral("take takes URL [--queue review|medical-director]"));
        const auto workspace = connect(url, err);
        if (!workspace)
            return ExitBadInput;
        QString error;
        const auto taken = workspace->takeNext(parser.value(queue), &error);
        if (!taken) {
            err << url << ": " << error << Qt::endl;
            return ExitBadInput;
        }
        if (taken->isEmpty()) {
            err << url << ": the " << parser.value(queue) << " queue has no unassigned case" << Qt::endl;
            return ExitCheckFailed;
        }
        out << *taken << Qt::endl;
        return ExitOk;
    }
    if (verb == QLatin1String("route") || verb == QLatin1String("release")) {
        const bool routing = verb == QLatin1String("route");
        if (rest.size() != 1 || (routing && !queueName(parser.value(to))))
            return usage(err, routing ? QStringLiteral("route takes URL CASE-ID --to review|medical-director")
                                      : QStringLiteral("release takes URL CASE-ID"));
        const auto workspace = connect(url, err);
        if (!workspace)
            return ExitBadInput;
        QString error;
        if (!workspace->route(rest.at(0), routing ? parser.value(to) : QString(), &error)) {
            err << url << ": " << error << Qt::endl;
            return ExitBadInput;
        }
        out << (routing ? "routed " : "released ") << rest.at(0) << Qt::endl;
        return ExitOk;
    }
    return usage(err, QStringLiteral("unknown workspace command '%1'").arg(verb));
}

} // namespace rd::cli
