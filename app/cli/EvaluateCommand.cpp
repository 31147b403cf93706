#include "CliApp.h"
#include "Commands.h"

namespace rd::cli {

int evaluateCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    Q_UNUSED(args);
    Q_UNUSED(out);
    err << "reviewdesk-cli evaluate: not implemented yet" << Qt::endl;
    return ExitBadInput;
}

} // namespace rd::cli
