#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "model/signoff/Signoff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QFileInfo>

namespace rd::cli {

int verifyCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("verify CASEFILE"), 1, out, err, &exitCode))
        return exitCode;
    const QString path = parser.positionalArguments().at(0);
    if (!QFileInfo(path).isFile()) {
        err << path << ": no such file" << Qt::endl;
        return ExitBadInput;
    }
    QString error;
    const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
    if (!file) {
        out << "FAILED " << error << Qt::endl;
        return ExitCheckFailed;
    }
    VerifyReport report = file->verify();
    if (file->isSigned()) {
        // The decision against the policy, the signer's role and the key against the user directory.
        const auto policy = loadPolicy(err);
        if (!policy)
            return ExitBadInput;
        UserDirectory directory;
        const bool haveDirectory = directory.load(&error);
        const auto plan = PlanInfo::load(QString(), &error);
        if (plan)
            Signoff(*policy, *plan).verifyDetermination(*file, haveDirectory ? &directory : nullptr, report);
        const QJsonObject payload = QJsonDocument::fromJson(file->signature()->payload).object();
        const QJsonObject signer = payload.value(QStringLiteral("signer")).toObject();
        const QJsonObject decision = payload.value(QStringLiteral("decision")).toObject();
        QStringList lines;
        for (const QJsonValue& line : decision.value(QStringLiteral("lines")).toArray())
            lines.append(line[QStringLiteral("code")].toString() + QLatin1Char(' ') +
                         line[QStringLiteral("decision")].toString());
        out << "signed  by " << signer.value(QStringLiteral("login")).toString() << " ("
            << signer.value(QStringLiteral("name")).toString() << ", "
            << signer.value(QStringLiteral("credentials")).toString() << ", "
            << signer.value(QStringLiteral("role")).toString() << ") at "
            << payload.value(QStringLiteral("signedAt")).toString() << "\n"
            << "        " << payload.value(QStringLiteral("meaning")).toString() << ": "
            << decision.value(QStringLiteral("overall")).toString() << " ("
            << lines.join(QStringLiteral(", ")) << ")\n"
            << "        key " << User::fingerprintOf(file->signature()->publicKey) << " (Ed25519)\n";
    } else {
        out << "unsigned: the case has no signature yet\n";
    }
    for (const QString& line : report.checked)
        out << "ok      " << line << '\n';
    for (const VerifyFinding& finding : report.problems)
        out << "FAILED  " << finding.where << ": " << finding.what << '\n';
    out << (report.ok() ? "verified: " : "NOT verified: ") << path << Qt::endl;
    return report.ok() ? ExitOk : ExitCheckFailed;
}

} // namespace rd::cli
