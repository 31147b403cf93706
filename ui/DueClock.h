// The decision clock in words: "Nov 27, 14:05 · 2 d 3 h left" or "⚠ Nov 27, 14:05 · 4 h 10 min
// overdue". The queue and the request panel show the same clock.
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace rd {

class DueClock
{
    Q_DECLARE_TR_FUNCTIONS(DueClock)
public:
    // dueBy at the local time, then the time left or overdue against now (nothing more when
    // finished: a determined case has no clock). overdue (optional) says whether it is past.
    static QString text(const QDateTime& dueBy, const QDateTime& now, bool finished, bool* overdue = nullptr);
};

} // namespace rd
