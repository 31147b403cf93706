// Who is acting, as the audit trail and the writer lock record it: a login, never a display name or
// a translated word. The app passes the login chosen at start (UserDirectory), the CLI its --user.
#pragma once

#include <QString>

namespace rd {

// login when given; otherwise the operating system's login name ("unknown" when it has none).
QString actorName(const QString& login = {});

} // namespace rd
