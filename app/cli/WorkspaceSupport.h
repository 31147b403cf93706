// A workspace case (URL#CASE-ID) where a reading command takes a case file: the case is exported, as
// the server holds it, into a private folder (mode 0700, removed at the end) and the command reads
// that file; the server's audit head and the workspace's roster come with it, so verify checks the
// trail against the head and every signer against the roster the workspace keeps.
#pragma once

#include "model/signoff/CaseVerification.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QTextStream>

#include <memory>

namespace rd::cli {

class WorkspaceCaseFile
{
public:
    // spec: a case file path (used as it is) or URL#CASE-ID. Prints one line and returns false when the
    // workspace case cannot be read.
    bool resolve(const QString& spec, QTextStream& err);
    // A case file checked against a workspace's roster (verify FILE --workspace URL). Prints one line
    // and returns false when the workspace cannot be read.
    bool useRosterOf(const QString& url, QTextStream& err);
    QString path() const { return m_path; }
    bool isWorkspace() const { return m_folder != nullptr; }
    qint64 headCount() const { return m_headCount; }
    QByteArray headHash() const { return m_headHash; }
    // What verifyCase() needs from the workspace: its roster, and the server's head unless options
    // already name a head.
    void applyTo(VerifyOptions* options) const;

private:
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_folder;
    qint64 m_headCount = 0;
    QByteArray m_headHash;
    VerifyOptions m_roster; // roster and rosterSource, when a workspace is involved
};

} // namespace rd::cli
