#include "CliApp.h"
#include "Commands.h"

namespace rd::cli {

int newCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    Q_UNUSED(args);
    Q_UNUSED(out);
    err << "reviewdesk-cli new: not implemented yet" << Qt::endl;
    return ExitBadInput;
}

} // namespace rd::cli
