#include "ui/DueClock.h"

#include <QLocale>

namespace rd {

QString DueClock::text(const QDateTime& dueBy, const QDateTime& now, bool finished, bool* overdue)
{
    if (overdue)
        *overdue = false;
    if (!dueBy.isValid())
        return {};
    const QString due =
        QLocale().toString(dueBy.toLocalTime(), tr("MMM d, HH:mm", "date format (QDateTime)"));
    if (finished)
        return due;
    qint64 seconds = now.secsTo(dueBy);
    const bool late = seconds < 0;
    if (overdue)
        *overdue = late;
    seconds = qAbs(seconds);
    const qint64 days = seconds / 86400;
    const qint64 hours = (seconds % 86400) / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    QString span;
    if (days > 0)
        span = tr("%1 d %2 h").arg(days).arg(hours);
    else if (hours > 0)
        span = tr("%1 h %2 min").arg(hours).arg(minutes);
    else
        span = tr("%1 min").arg(minutes);
    // Overdue shows in words and with a mark, not by colour alone (and stays visible when selected).
    return late ? tr("⚠ %1 · %2 overdue").arg(due, span) : tr("%1 · %2 left").arg(due, span);
}

} // namespace rd
