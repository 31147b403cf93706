#include "model/trust/Roster.h"

#include "model/casefile/AtomicFile.h"
#include "model/trust/SigningKey.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace rd {

namespace {

const QString kFormat = QStringLiteral("reviewdesk-roster");
const QString kRequestFormat = QStringLiteral("reviewdesk-roster-request");
constexpr int kFormatVersion = 1;
const QByteArray kDomain = QByteArrayLiteral("reviewdesk-roster-v1\n");
constexpr qint64 kMaxFileBytes = 4 << 20;
constexpr int kMaxNameLength = 200;

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

QString timeText(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime timeFrom(const QJsonValue& value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODate).toUTC();
}

QJsonObject userObject(const User& user)
{
    return {{key("login"), user.login},
            {key("name"), user.name},
            {key("credentials"), user.credentials},
            {key("npi"), user.npi},
            {key("phone"), user.phone},
            {key("publicKey"), QString::fromLatin1(user.publicKey.toHex())}};
}

// Names and identifiers: no control or bidirectional-override characters, bounded length.
bool printable(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ||
            (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069))
            return false;
    }
    return true;
}

std::optional<User> userFrom(const QJsonObject& object, QString* what)
{
    User user;
    user.login = object.value(key("login")).toString();
    user.name = object.value(key("name")).toString();
    user.credentials = object.value(key("credentials")).toString();
    user.npi = object.value(key("npi")).toString();
    user.phone = object.value(key("phone")).toString();
    user.publicKey = QByteArray::fromHex(object.value(key("publicKey")).toString().toLatin1());
    static const QRegularExpression loginShape(QStringLiteral("^[a-z][a-z0-9._-]{0,31}$"));
    if (!loginShape.match(user.login).hasMatch())
        *what = QStringLiteral("login '%1' is not a login").arg(user.login.left(40));
    else if (user.name.trimmed().isEmpty() || user.name.size() > kMaxNameLength || !printable(user.name))
        *what = QStringLiteral("%1: name empty, over %2 characters, or with control characters")
                    .arg(user.login)
                    .arg(kMaxNameLength);
    else if (user.credentials.size() > kMaxNameLength || !printable(user.credentials) ||
             user.npi.size() > 20 || !printable(user.npi) || user.phone.size() > 40 || !printable(user.phone))
        *what = QStringLiteral("%1: credentials, NPI or phone too long or with control characters")
                    .arg(user.login);
    else if (user.publicKey.size() != 32)
        *what = QStringLiteral("%1: publicKey is not 32 bytes of hex").arg(user.login);
    if (!what->isEmpty())
        return std::nullopt;
    return user;
}

QJsonObject body(const QByteArray& adminKey, qint64 serial, const QList<RosterEntry>& entries)
{
    QJsonArray list;
    for (const RosterEntry& entry : entries) {
        QJsonObject object = userObject(entry.user);
        object.insert(key("role"), toString(entry.user.role));
        object.insert(key("validFrom"), timeText(entry.validFrom));
        object.insert(key("validUntil"), timeText(entry.validUntil));
        list.append(object);
    }
    return {{key("format"), kFormat},
            {key("formatVersion"), kFormatVersion},
            {key("adminKey"), QString::fromLatin1(adminKey.toHex())},
            {key("serial"), QString::number(serial)},
            {key("entries"), list}};
}

QByteArray signedBytes(const QJsonObject& body)
{
    return kDomain + QJsonDocument(body).toJson(QJsonDocument::Compact);
}

std::optional<QJsonObject> parseObject(const QByteArray& bytes, const QString& path, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (bytes.size() > kMaxFileBytes || parseError.error != QJsonParseError::NoError ||
        !document.isObject()) {
        *error = QStringLiteral("%1: not JSON (byte %2: %3)")
                     .arg(path)
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    return document.object();
}

std::optional<QJsonObject> readObject(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (!file.isSequential() && file.size() > kMaxFileBytes) {
        *error = QStringLiteral("%1: is over 4 MiB").arg(path);
        return std::nullopt;
    }
    return parseObject(file.read(kMaxFileBytes + 1), path, error);
}

} // namespace

bool RosterEntry::validAt(const QDateTime& time) const
{
    return time >= validFrom && (!validUntil.isValid() || time < validUntil);
}

std::optional<RosterRequest> RosterRequest::read(const QString& path, QString* error)
{
    const auto object = readObject(path, error);
    if (!object)
        return std::nullopt;
    if (object->value(key("format")).toString() != kRequestFormat) {
        *error = QStringLiteral("%1: format: not a roster request (reviewdesk-cli user add --request-out)")
                     .arg(path);
        return std::nullopt;
    }
    QString what;
    const auto user = userFrom(*object, &what);
    if (!user) {
        *error = QStringLiteral("%1: %2").arg(path, what);
        return std::nullopt;
    }
    return RosterRequest{*user};
}

bool RosterRequest::write(const QString& path, QString* error) const
{
    QJsonObject object = userObject(user);
    object.insert(key("format"), kRequestFormat);
    object.insert(key("fingerprint"), crypto::fingerprint(user.publicKey));
    return AtomicFile::write(path, QJsonDocument(object).toJson(QJsonDocument::Indented), error, 0644);
}

Roster Roster::create(const User& admin, const QDateTime& now)
{
    Roster roster;
    roster.m_adminKey = admin.publicKey;
    User entry = admin;
    entry.role = UserRole::Admin;
    roster.m_entries.append({entry, now.toUTC(), QDateTime()});
    return roster;
}

std::optional<Roster> Roster::load(const QString& path, const QString& anchor, QString* error)
{
    const auto object = readObject(path, error);
    return object ? fromObject(*object, path, anchor, error) : std::nullopt;
}

std::optional<Roster> Roster::fromJson(const QByteArray& bytes, const QString& source, const QString& anchor,
                                       QString* error)
{
    const auto object = parseObject(bytes, source, error);
    return object ? fromObject(*object, source, anchor, error) : std::nullopt;
}

std::optional<Roster> Roster::fromObject(const QJsonObject& object, const QString& path,
                                         const QString& anchor, QString* error)
{
    auto fail = [&](const QString& what) -> std::optional<Roster> {
        *error = QStringLiteral("%1: %2").arg(path, what);
        return std::nullopt;
    };
    if (object.value(key("format")).toString() != kFormat ||
        object.value(key("formatVersion")).toInt() != kFormatVersion)
        return fail(
            QStringLiteral("format: not a ReviewDesk roster of format version %1").arg(kFormatVersion));
    Roster roster;
    roster.m_adminKey = QByteArray::fromHex(object.value(key("adminKey")).toString().toLatin1());
    roster.m_serial = object.value(key("serial")).toString().toLongLong();
    if (roster.m_adminKey.size() != 32)
        return fail(QStringLiteral("adminKey: not a 32-byte key"));
    if (!anchor.isEmpty() && roster.anchor() != anchor.trimmed().toLower())
        return fail(QStringLiteral("adminKey: signed by key %1, but trust.json pins the anchor %2: not this "
                                   "organization's roster")
                        .arg(roster.anchor(), anchor));
    const QJsonArray list = object.value(key("entries")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject item = list.at(i).toObject();
        QString what;
        auto user = userFrom(item, &what);
        const auto role = userRoleFromString(item.value(key("role")).toString());
        if (!user || !role)
            return fail(
                QStringLiteral("entries[%1]: %2").arg(i).arg(user ? QStringLiteral("unknown role") : what));
        user->role = *role;
        RosterEntry entry{*user, timeFrom(item.value(key("validFrom"))),
                          timeFrom(item.value(key("validUntil")))};
        if (!entry.validFrom.isValid())
            return fail(QStringLiteral("entries[%1]: validFrom is not a time").arg(i));
        roster.m_entries.append(entry);
    }
    // The signature covers the roster as this program reads it back: anything it does not know
    // (an extra field) makes the bytes differ and the roster fail.
    const QByteArray signature = QByteArray::fromHex(object.value(key("signature")).toString().toLatin1());
    const QJsonObject expected = body(roster.m_adminKey, roster.m_serial, roster.m_entries);
    QJsonObject unsignedPart = object;
    unsignedPart.remove(key("signature"));
    if (unsignedPart != expected || !crypto::verify(roster.m_adminKey, signedBytes(expected), signature))
        return fail(QStringLiteral("signature: does not match the roster's content and administrator key: "
                                   "the roster was edited or forged"));
    return roster;
}

int Roster::formatVersion()
{
    return kFormatVersion;
}

QString Roster::anchor() const
{
    return crypto::keyId(m_adminKey);
}

std::optional<RosterEntry> Roster::entryAt(const QString& login, const QByteArray& publicKey,
                                           const QDateTime& time) const
{
    for (const RosterEntry& entry : m_entries)
        if (entry.user.login == login && entry.user.publicKey == publicKey && entry.validAt(time))
            return entry;
    return std::nullopt;
}

QString Roster::whyNot(const QString& login, const QByteArray& publicKey, const QDateTime& time) const
{
    bool loginKnown = false;
    for (const RosterEntry& entry : m_entries) {
        if (entry.user.login != login)
            continue;
        loginKnown = true;
        if (entry.user.publicKey != publicKey)
            continue;
        if (time < entry.validFrom)
            return QStringLiteral("%1's key was not valid yet (from %2)")
                .arg(login, timeText(entry.validFrom));
        return QStringLiteral("%1's key was revoked at %2").arg(login, timeText(entry.validUntil));
    }
    return loginKnown ? QStringLiteral("the key is not %1's key in the roster").arg(login)
                      : QStringLiteral("%1 is not in the roster").arg(login);
}

std::optional<RosterEntry> Roster::current(const QString& login, const QDateTime& now) const
{
    for (const RosterEntry& entry : m_entries)
        if (entry.user.login == login && entry.validAt(now))
            return entry;
    return std::nullopt;
}

bool Roster::add(const User& user, const QDateTime& now, QString* error)
{
    for (const RosterEntry& entry : std::as_const(m_entries)) {
        if (entry.user.publicKey == user.publicKey) {
            *error = QStringLiteral("the key %1 is in the roster already (%2)")
                         .arg(crypto::fingerprint(user.publicKey), entry.user.login);
            return false;
        }
        if (entry.user.login == user.login && entry.validAt(now)) {
            *error =
                QStringLiteral("%1 is in the roster already: revoke the old entry first").arg(user.login);
            return false;
        }
    }
    m_entries.append({user, now.toUTC(), QDateTime()});
    return true;
}

bool Roster::revoke(const QString& login, const QDateTime& now, QString* error)
{
    for (RosterEntry& entry : m_entries) {
        if (entry.user.login == login && entry.validAt(now)) {
            if (entry.user.publicKey == m_adminKey) {
                *error = QStringLiteral("%1 holds the roster's administrator key: it cannot be revoked here")
                             .arg(login);
                return false;
            }
            entry.validUntil = now.toUTC();
            return true;
        }
    }
    *error = QStringLiteral("%1 has no valid entry in the roster").arg(login);
    return false;
}

bool Roster::save(const QString& path, const SigningKey& admin, QString* error)
{
    if (admin.publicKey() != m_adminKey) {
        *error = QStringLiteral("%1: the key given is not the roster's administrator key").arg(path);
        return false;
    }
    ++m_serial;
    QJsonObject object = body(m_adminKey, m_serial, m_entries);
    object.insert(key("signature"), QString::fromLatin1(admin.sign(signedBytes(object)).toHex()));
    return AtomicFile::write(path, QJsonDocument(object).toJson(QJsonDocument::Indented), error, 0644);
}

} // namespace rd
