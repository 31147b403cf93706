#include "model/audit/Actor.h"

namespace rd {

QString actorName(const QString& login)
{
    if (!login.isEmpty())
        return login;
    for (const char* variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("unknown");
}

} // namespace rd
