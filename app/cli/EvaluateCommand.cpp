#include "app/cli/CliApp.h"
#include "app/cli/Commands.h"
#include "app/cli/WorkspaceSupport.h"

#include "checklist/CaseJson.h"
#include "checklist/Engine.h"
#include "checklist/ReviewEngine.h"
#include "model/casefile/CaseFile.h"
#include "model/letters/PlanInfo.h"

#include <QFile>
#include <QFileInfo>

namespace rd::cli {

namespace {

void printHelp(QTextStream& stream)
{
    stream << "Usage: reviewdesk-cli evaluate CASE [--json] [--policy POLICY.json]\n"
              "  CASE      a case JSON (case-exchange.md) or a case file (.rdcase)\n"
              "  --json    print the decision JSON instead of text\n"
              "  --policy  evaluate against this policy file instead of the built-in policy\n";
    stream.flush();
}

// The case data behind a path: a case file (.rdcase, known by its SQLite header) or a case JSON.
// The review checks it against the policy before deciding.
Result<CaseData> loadCase(const QString& spec, const Policy& policy)
{
    cli::WorkspaceCaseFile workspaceCase;
    QString unreadable;
    QTextStream reason(&unreadable);
    if (!workspaceCase.resolve(spec, reason))
        return Error{spec, QStringLiteral("workspace case"), -1, unreadable.trimmed()};
    const QString path = workspaceCase.path();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.peek(16) != QByteArrayView("SQLite format 3\0", 16))
        return CaseJson::readFile(path, policy);
    file.close();
    QString message;
    const auto caseFile = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &message);
    if (!caseFile) {
        if (message.startsWith(path + QStringLiteral(": ")))
            message = message.mid(path.size() + 2);
        return Error{path, QStringLiteral("case file"), -1, message};
    }
    return caseFile->data();
}

} // namespace

int evaluateCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QString casePath;
    QString policyPath;
    bool json = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--json")) {
            json = true;
        } else if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            printHelp(out);
            return ExitOk;
        } else if (arg == QLatin1String("--policy")) {
            if (i + 1 >= args.size()) {
                err << "reviewdesk-cli evaluate: --policy needs a file" << Qt::endl;
                return ExitBadInput;
            }
            policyPath = args.at(++i);
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            err << "reviewdesk-cli evaluate: unknown option '" << arg << "' (try --help)" << Qt::endl;
            return ExitBadInput;
        } else if (casePath.isEmpty()) {
            casePath = arg;
        } else {
            err << "reviewdesk-cli evaluate: one CASE only ('" << arg << "' is extra)" << Qt::endl;
            return ExitBadInput;
        }
    }
    if (casePath.isEmpty()) {
        err << "reviewdesk-cli evaluate: missing CASE (try --help)" << Qt::endl;
        return ExitBadInput;
    }

    const Result<ReviewEngine> review = ReviewEngine::load(policyPath);
    if (!review) {
        err << review.error().toString() << Qt::endl;
        return ExitBadInput;
    }
    const Result<CaseData> data = loadCase(casePath, review->policy());
    if (!data) {
        err << data.error().toString() << Qt::endl;
        return ExitBadInput;
    }
    const Result<Decision> decided = review->decide(*data, casePath);
    if (!decided) {
        err << decided.error().toString() << Qt::endl;
        return ExitBadInput;
    }
    // The clocks follow the installation's plan type (plan.json); a request for information sent now.
    QString planError;
    const auto plan = PlanInfo::load(QString(), &planError);
    if (!plan) {
        err << planError << Qt::endl;
        return ExitBadInput;
    }
    const Decision decision =
        Engine::withClock(*decided, data->request, plan->planType, QDateTime::currentDateTimeUtc());
    if (json)
        out << QString::fromUtf8(decision.toJson());
    else
        out << decision.toText();
    out.flush();
    return ExitOk;
}

} // namespace rd::cli
