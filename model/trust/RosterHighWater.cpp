#include "model/trust/RosterHighWater.h"

#include "model/casefile/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace rd {

namespace {

QJsonObject readState(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.read(1 << 20)).object();
}

} // namespace

RosterHighWater::RosterHighWater(QString filePath)
    : m_filePath(std::move(filePath))
{}

qint64 RosterHighWater::highest(const QString& anchor, QDateTime* seenAt) const
{
    const QJsonObject entry =
        readState(m_filePath).value(QStringLiteral("rosters")).toObject().value(anchor).toObject();
    if (seenAt)
        *seenAt = QDateTime::fromString(entry.value(QStringLiteral("seenAt")).toString(), Qt::ISODate);
    return entry.value(QStringLiteral("serial")).toString().toLongLong();
}

bool RosterHighWater::check(const QString& anchor, qint64 serial, const QString& rosterPath,
                            QString* error) const
{
    QDateTime seenAt;
    const qint64 seen = highest(anchor, &seenAt);
    if (serial < seen) {
        *error = QStringLiteral("%1: is serial %2, older than serial %3 that this computer read on %4 (%5): "
                                "a roster rolled back to an earlier version is not trusted (it may hold "
                                "keys revoked since); put the administrator's current roster in its place")
                     .arg(rosterPath)
                     .arg(serial)
                     .arg(seen)
                     .arg(seenAt.toUTC().toString(Qt::ISODate), m_filePath);
        return false;
    }
    if (serial == seen)
        return true;
    QJsonObject state = readState(m_filePath);
    QJsonObject rosters = state.value(QStringLiteral("rosters")).toObject();
    rosters.insert(anchor, QJsonObject{{QStringLiteral("serial"), QString::number(serial)},
                                       {QStringLiteral("seenAt"),
                                        QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
    state.insert(QStringLiteral("rosters"), rosters);
    const QString folder = QFileInfo(m_filePath).absolutePath();
    if (!QFileInfo::exists(folder) && QDir().mkpath(folder))
        QFile::setPermissions(folder,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QString ignored;
    AtomicFile::write(m_filePath, QJsonDocument(state).toJson(QJsonDocument::Indented), &ignored, 0600);
    return true;
}

} // namespace rd
