#include "CliApp.h"
#include "Commands.h"

namespace rd::cli {

int answerCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    Q_UNUSED(args);
    Q_UNUSED(out);
    err << "reviewdesk-cli answer: not implemented yet" << Qt::endl;
    return ExitBadInput;
}

} // namespace rd::cli
