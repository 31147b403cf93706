// The commands of reviewdesk-cli, one file each. Each gets the arguments after its name.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace rd::cli {

int evaluateCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int newCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int attachCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int exportCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int answerCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int rosterCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int userCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int signCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int letterCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int verifyCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int importFhirCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int exportFhirCommand(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace rd::cli
