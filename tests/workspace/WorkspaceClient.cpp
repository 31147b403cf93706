// A reviewer's client for the workspace load tests, run as a separate process: logs in (the password
// on standard input, then the case ids it is given, one a line), and works cases: Take Next Case until
// the queue is empty (take), or the given cases, skipping those someone else holds (ids). On each case
// it records three judgments; each one is printed ("saved CASE-ID JUDGMENT VALUE") only once the
// workspace reported it saved. When the workspace is unreachable, a judgment is tried again.
//   rd_workspace_client URL LOGIN take|ids
#include "model/signoff/UserDirectory.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceCase.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QThread>

#include <cstdio>

using namespace rd;

namespace {

bool work(const QString& url, const QString& caseId, const Actor& actor, QTextStream& out, QTextStream& err)
{
    QString error;
    std::unique_ptr<WorkspaceCase> store;
    for (int attempt = 0; attempt < 400 && !store; ++attempt) {
        store = WorkspaceCase::open(url, caseId, WorkspaceCase::OpenMode::ReadWrite, &error);
        if (!store)
            QThread::msleep(25); // the server is restarting: a client backs off before it tries again
    }
    if (!store) {
        err << "cannot open " << caseId << ": " << error << Qt::endl;
        return false;
    }
    if (store->isReadOnly()) {
        out << "skipped " << caseId << ' ' << store->readOnlyReason() << Qt::endl;
        return true;
    }
    const QList<QPair<QString, Answer>> judgments = {
        {QStringLiteral("indication"),
         {AnswerValue::Met, {QStringLiteral("neuromuscular-disease")}, actor.login(), {}}},
        {QStringLiteral("management-impact"), {AnswerValue::Met, {}, actor.login(), {}}},
        {QStringLiteral("cosmetic"), {AnswerValue::No, {}, actor.login(), {}}}};
    for (const auto& [id, answer] : judgments) {
        bool saved = false;
        for (int attempt = 0; attempt < 400 && !saved; ++attempt) {
            saved = store->recordJudgment(id, answer, actor, &error);
            if (!saved)
                QThread::msleep(25);
        }
        if (!saved) {
            err << "not saved " << caseId << ' ' << id << ": " << error << Qt::endl;
            return false;
        }
        out << "saved " << caseId << ' ' << id << ' ' << toString(answer.value) << Qt::endl;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        err << "usage: rd_workspace_client URL LOGIN take|ids" << Qt::endl;
        return 2;
    }
    const QString url = args.at(1);
    const QString login = args.at(2);
    const bool take = args.at(3) == QLatin1String("take");
    QTextStream in(stdin);
    const QByteArray password = in.readLine().toUtf8();
    QString error;
    UserDirectory directory(UserDirectory::defaultHome());
    if (!directory.load(&error)) {
        err << error << Qt::endl;
        return 2;
    }
    std::shared_ptr<const SigningKey> key = directory.unlock(login, password, &error);
    if (!key) {
        err << error << Qt::endl;
        return 2;
    }
    const Actor actor(login, key);
    if (!take) {
        while (!in.atEnd()) {
            const QString caseId = in.readLine().trimmed();
            if (!caseId.isEmpty() && !work(url, caseId, actor, out, err))
                return 1;
        }
        return 0;
    }
    auto workspace = Workspace::open(url, &error);
    if (!workspace) {
        err << error << Qt::endl;
        return 1;
    }
    for (;;) {
        auto taken = workspace->takeNext(Workspace::ReviewQueue, &error);
        for (int attempt = 0; attempt < 400 && !taken; ++attempt) {
            QThread::msleep(25);
            workspace->connection().reconnect(&error);
            taken = workspace->takeNext(Workspace::ReviewQueue, &error);
        }
        if (!taken) {
            err << "take next: " << error << Qt::endl;
            return 1;
        }
        if (taken->isEmpty())
            return 0;
        out << "took " << *taken << Qt::endl;
        if (!work(url, *taken, actor, out, err))
            return 1;
    }
}
