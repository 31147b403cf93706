#include "app/cli/WorkspaceSupport.h"

#include "model/store/CaseStoreFactory.h"
#include "model/workspace/Workspace.h"

#include <QDir>
#include <QFile>

namespace rd::cli {

bool WorkspaceCaseFile::resolve(const QString& spec, QTextStream& err)
{
    QString error;
    const auto parsed = parseCaseSpec(spec, &error);
    if (!parsed) {
        err << error << Qt::endl;
        return false;
    }
    if (!parsed->isWorkspace()) {
        m_path = spec;
        return true;
    }
    const auto workspace = Workspace::open(parsed->conninfo, &error);
    if (!workspace) {
        err << error << Qt::endl;
        return false;
    }
    m_folder = std::make_unique<QTemporaryDir>();
    QFile::setPermissions(m_folder->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // A case's id is whatever the file that brought it into the workspace said ("../x" included): it
    // never names a file.
    m_path = QDir(m_folder->path()).filePath(QStringLiteral("case.rdcase"));
    const auto head = workspace->exportCase(parsed->caseId, m_path, &error);
    if (!head || !workspace->useRoster(&m_roster, &error)) {
        err << error.replace(m_path, spec) << Qt::endl;
        return false;
    }
    m_headCount = head->first;
    m_headHash = head->second;
    return true;
}

bool WorkspaceCaseFile::useRosterOf(const QString& url, QTextStream& err)
{
    QString error;
    const auto workspace = Workspace::open(url, &error);
    if (!workspace || !workspace->useRoster(&m_roster, &error)) {
        err << error << Qt::endl;
        return false;
    }
    return true;
}

void WorkspaceCaseFile::applyTo(VerifyOptions* options) const
{
    if (m_roster.roster) {
        options->roster = m_roster.roster;
        options->rosterSource = m_roster.rosterSource;
    }
    // The server keeps the head: a trail cut short in the workspace is caught.
    if (isWorkspace() && options->headCount == 0) {
        options->headCount = m_headCount;
        options->headHash = m_headHash;
    }
}

} // namespace rd::cli
