// What the commands of reviewdesk-cli share: option parsing, the policy, the acting user.
#pragma once

#include "checklist/Policy.h"
#include "model/casefile/CaseFile.h"
#include "model/signoff/Login.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace rd::cli {

// Parses args (the command's name first) with the options already added to parser, plus --help,
// --user and --password-stdin. Prints the command's help and returns ExitOk through *exitCode when asked;
// prints one line and returns ExitBadInput on a usage error. Returns true when the command should run.
// expectedPositionals: exactly that many; negative: at least -expectedPositionals.
bool parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& synopsis,
                  int expectedPositionals, QTextStream& out, QTextStream& err, int* exitCode);

// The person a writing command acts as: --user LOGIN, whose key --password-stdin unlocks
// (model/signoff/Login.h). Prints one line and returns nullopt (exit code ExitBadInput) when it cannot
// log in. requireRoster: refuse without a trust file (signing: the role must come from the roster).
// A command working on the team workspace (a positional URL or URL#CASE-ID, or -o URL) takes the
// person's role and key from the roster the workspace keeps (model/workspace/WorkspaceLogin.h), read as
// the URL's user: the trust file and its anchor are required then.
std::optional<Login> logIn(const QCommandLineParser& parser, const QString& command, bool requireRoster,
                           QTextStream& err);

// The workspace URL (without #CASE-ID) a command works on, from its positional arguments or its -o
// option; empty for case files.
QString workspaceOf(const QCommandLineParser& parser);

// Clinical text from a file (--note-file, --rationale-file) rather than the command line, where other
// users of the machine can read it (ps): the file must be a regular file of UTF-8 text, at most
// maxChars characters, without NUL. Returns the text of textOption when fileOption is not set; nullopt
// after printing why (exit ExitBadInput).
std::optional<QString> clinicalText(const QCommandLineParser& parser, const QString& textOption,
                                    const QString& fileOption, int maxChars, QTextStream& err);

// The text of a file named by option (--note-file, --evidence-file): a regular file of UTF-8 text, at
// most maxChars characters (leading and trailing white space aside), without NUL. nullopt after printing why
// (exit ExitBadInput).
std::optional<QString> readClinicalFile(const QString& path, const QString& option, qsizetype maxChars,
                                        QTextStream& err);

// The built-in policy, or nullopt after printing why.
std::optional<Policy> loadPolicy(QTextStream& err);

// Reads a password from standard input: the first line, without its line end.
QByteArray readPasswordFromStdin();

// Opens a case file or a workspace case (URL#CASE-ID), or prints the one-line reason and returns nullptr.
std::unique_ptr<CaseStore> openCase(const QString& path, CaseFile::OpenMode mode, QTextStream& err);

} // namespace rd::cli
