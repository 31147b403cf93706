#pragma once

#include <QStringList>
#include <QTextStream>

namespace rd {

// Exit status of reviewdesk-cli (case-exchange.md).
enum ExitCode
{
    ExitOk = 0,
    ExitCheckFailed = 1,
    ExitBadInput = 2
};

// reviewdesk-cli: parses the command line and dispatches to one command.
// Writes results to out, and one line naming the file and the field to err on bad input.
int runCli(const QStringList& arguments, QTextStream& out, QTextStream& err);

} // namespace rd
