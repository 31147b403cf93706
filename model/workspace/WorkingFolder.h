// The private folder of a workspace case's working copy (member data): RAM-backed when the system has
// /dev/shm, mode 0700, removed when the case closes. A process that dies (killed, crashed) cannot remove
// its folder, so each folder names its process (owner.pid), and opening a case removes this user's
// folders whose process is gone, instead of leaving member data there until the next reboot.
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace rd::WorkingFolder {

// A new folder under base (empty: /dev/shm when present, else the temporary folder), with its
// owner.pid; abandoned folders under base are removed first.
std::unique_ptr<QTemporaryDir> create(const QString& base = QString());

// Removes base's reviewdesk-* folders of this user whose owner.pid names a process that no longer
// exists; returns how many. Folders of live processes, of other users and without owner.pid stay.
int removeAbandoned(const QString& base);

} // namespace rd::WorkingFolder
