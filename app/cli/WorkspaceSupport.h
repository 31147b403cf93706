// A workspace case (URL#CASE-ID) where a reading command takes a case file: the case is exported, as
// the server holds it, into a private folder (mode 0700, removed at the end) and the command reads
// that file; the server's audit head comes with it, so verify checks the trail against it.
#pragma once

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
    QString path() const { return m_path; }
    bool isWorkspace() const { return m_folder != nullptr; }
    qint64 headCount() const { return m_headCount; }
    QByteArray headHash() const { return m_headHash; }

private:
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_folder;
    qint64 m_headCount = 0;
    QByteArray m_headHash;
};

} // namespace rd::cli
