#include "checklist/Error.h"

namespace rd {

namespace {
QString oneLine(QString text)
{
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}
} // namespace

QString Error::toString() const
{
    QString where = path;
    if (where.isEmpty())
        where = offset >= 0 ? QStringLiteral("offset %1").arg(offset) : QStringLiteral("(top level)");
    const QString name = file.isEmpty() ? QStringLiteral("(input)") : file;
    return oneLine(name + QStringLiteral(": ") + where + QStringLiteral(": ") + message);
}

} // namespace rd
