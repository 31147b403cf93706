#include "model/signoff/UserDirectory.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <sodium.h>

namespace rd {

namespace {

const QString kFormat = QStringLiteral("reviewdesk-users");
constexpr int kFormatVersion = 1;

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QByteArray unhex(const QJsonValue& value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

QJsonObject toJson(const User& user)
{
    return {{key("login"), user.login},
            {key("name"), user.name},
            {key("credentials"), user.credentials},
            {key("role"), toString(user.role)},
            {key("npi"), user.npi},
            {key("phone"), user.phone},
            {key("publicKey"), hex(user.publicKey)},
            {key("createdAt"), user.createdAt.toUTC().toString(Qt::ISODate)},
            {key("sealedKey"), QJsonObject{{key("kdf"), key("argon2id13")},
                                           {key("opsLimit"), QString::number(user.opsLimit)},
                                           {key("memLimit"), QString::number(user.memLimit)},
                                           {key("salt"), hex(user.salt)},
                                           {key("nonce"), hex(user.nonce)},
                                           {key("box"), hex(user.sealedSeed)}}}};
}

std::optional<User> fromJson(const QJsonObject& object, QString* what)
{
    User user;
    user.login = object.value(key("login")).toString();
    user.name = object.value(key("name")).toString();
    user.credentials = object.value(key("credentials")).toString();
    const auto role = userRoleFromString(object.value(key("role")).toString());
    user.npi = object.value(key("npi")).toString();
    user.phone = object.value(key("phone")).toString();
    user.publicKey = unhex(object.value(key("publicKey")));
    user.createdAt = QDateTime::fromString(object.value(key("createdAt")).toString(), Qt::ISODate).toUTC();
    const QJsonObject sealed = object.value(key("sealedKey")).toObject();
    user.opsLimit = sealed.value(key("opsLimit")).toString().toULongLong();
    user.memLimit = sealed.value(key("memLimit")).toString().toULongLong();
    user.salt = unhex(sealed.value(key("salt")));
    user.nonce = unhex(sealed.value(key("nonce")));
    user.sealedSeed = unhex(sealed.value(key("box")));
    if (user.login.isEmpty())
        *what = QStringLiteral("a user has no login");
    else if (!role)
        *what = QStringLiteral("user %1: unknown role").arg(user.login);
    else if (user.publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        *what = QStringLiteral("user %1: the public key is not 32 bytes").arg(user.login);
    else if (sealed.value(key("kdf")).toString() != QLatin1String("argon2id13") ||
             user.salt.size() != crypto_pwhash_SALTBYTES ||
             user.nonce.size() != crypto_secretbox_NONCEBYTES ||
             user.sealedSeed.size() != crypto_sign_SEEDBYTES + crypto_secretbox_MACBYTES ||
             user.opsLimit == 0 || user.memLimit == 0)
        *what = QStringLiteral("user %1: the sealed key is incomplete").arg(user.login);
    if (!what->isEmpty())
        return std::nullopt;
    user.role = *role;
    return user;
}

// The password's key for a sealed seed: Argon2id.
bool deriveKey(unsigned char* out, const QByteArray& password, const User& user)
{
    return crypto_pwhash(out, crypto_secretbox_KEYBYTES, password.constData(),
                         static_cast<unsigned long long>(password.size()),
                         reinterpret_cast<const unsigned char*>(user.salt.constData()), user.opsLimit,
                         size_t(user.memLimit), crypto_pwhash_ALG_ARGON2ID13) == 0;
}

} // namespace

QString toString(UserRole role)
{
    return role == UserRole::MedicalDirector ? QStringLiteral("medical-director")
                                             : QStringLiteral("reviewer");
}

std::optional<UserRole> userRoleFromString(const QString& text)
{
    if (text == QLatin1String("reviewer"))
        return UserRole::Reviewer;
    if (text == QLatin1String("medical-director"))
        return UserRole::MedicalDirector;
    return std::nullopt;
}

QString User::printedName() const
{
    return credentials.isEmpty() ? name : name + QStringLiteral(", ") + credentials;
}

QString User::fingerprint() const
{
    return fingerprintOf(publicKey);
}

QString User::fingerprintOf(const QByteArray& publicKey)
{
    const QByteArray digest = QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(16);
    QStringList groups;
    const QString text = hex(digest);
    for (qsizetype i = 0; i < text.size(); i += 4)
        groups.append(text.mid(i, 4));
    return groups.join(QLatin1Char(' '));
}

SigningKey::~SigningKey()
{
    if (m_secret)
        sodium_free(m_secret); // zeroes the memory before freeing it
}

std::unique_ptr<SigningKey> SigningKey::fromSeed(const unsigned char* seed, QString* error)
{
    if (!sodiumReady()) {
        *error = QStringLiteral("libsodium cannot be initialized");
        return nullptr;
    }
    std::unique_ptr<SigningKey> key(new SigningKey);
    key->m_secret = static_cast<unsigned char*>(sodium_malloc(crypto_sign_SECRETKEYBYTES));
    if (!key->m_secret) {
        *error = QStringLiteral("no secure memory for the signing key");
        return nullptr;
    }
    unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_seed_keypair(publicKey, key->m_secret, seed);
    key->m_publicKey = QByteArray(reinterpret_cast<const char*>(publicKey), sizeof publicKey);
    return key;
}

QByteArray SigningKey::sign(const QByteArray& message) const
{
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.constData()),
                         static_cast<unsigned long long>(message.size()), m_secret);
    return signature;
}

bool verifySignature(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature)
{
    if (!sodiumReady() || publicKey.size() != crypto_sign_PUBLICKEYBYTES ||
        signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                       reinterpret_cast<const unsigned char*>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char*>(publicKey.constData())) == 0;
}

QString UserDirectory::defaultHome()
{
    const QString override = qEnvironmentVariable("REVIEWDESK_HOME");
    if (!override.isEmpty())
        return override;
    // One folder for the app and the command line: AppDataLocation would differ between them (the
    // CLI's application name is reviewdesk-cli and it has no organization name), so people added
    // with `reviewdesk-cli user add` would be unknown to the app.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("ReviewDesk"));
}

UserDirectory::UserDirectory(QString home)
    : m_home(std::move(home))
{}

QString UserDirectory::filePath() const
{
    return QDir(m_home).filePath(QStringLiteral("users.json"));
}

bool UserDirectory::load(QString* error)
{
    m_users.clear();
    m_lastUser.clear();
    QFile file(filePath());
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(filePath(), file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("%1: not a user directory: byte %2: %3")
                     .arg(filePath())
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return false;
    }
    const QJsonObject root = document.object();
    if (root.value(key("format")).toString() != kFormat ||
        root.value(key("formatVersion")).toInt() != kFormatVersion) {
        *error = QStringLiteral("%1: not a ReviewDesk user directory of format version %2")
                     .arg(filePath())
                     .arg(kFormatVersion);
        return false;
    }
    const QJsonArray users = root.value(key("users")).toArray();
    for (qsizetype i = 0; i < users.size(); ++i) {
        QString what;
        const auto user = fromJson(users.at(i).toObject(), &what);
        if (!user) {
            *error = QStringLiteral("%1: users[%2]: %3").arg(filePath()).arg(i).arg(what);
            m_users.clear();
            return false;
        }
        m_users.append(*user);
    }
    m_lastUser = root.value(key("lastUser")).toString();
    return true;
}

std::optional<User> UserDirectory::user(const QString& login) const
{
    for (const User& user : m_users)
        if (user.login == login)
            return user;
    return std::nullopt;
}

bool UserDirectory::addUser(User user, const QByteArray& password, QString* error)
{
    static const QRegularExpression loginShape(QStringLiteral("^[a-z][a-z0-9._-]{0,31}$"));
    if (!loginShape.match(user.login).hasMatch()) {
        *error = QStringLiteral("%1: %2 is not a login (lower-case letter first, then up to 31 lower-case "
                                "letters, digits, '.', '_' or '-')")
                     .arg(filePath(), user.login);
        return false;
    }
    if (this->user(user.login)) {
        *error = QStringLiteral("%1: a user %2 exists already").arg(filePath(), user.login);
        return false;
    }
    if (user.name.trimmed().isEmpty()) {
        *error = QStringLiteral("%1: user %2 needs a name").arg(filePath(), user.login);
        return false;
    }
    if (password.size() < 8) {
        *error = QStringLiteral("%1: the password of %2 must have at least 8 characters")
                     .arg(filePath(), user.login);
        return false;
    }
    if (!sodiumReady()) {
        *error = QStringLiteral("%1: libsodium cannot be initialized").arg(filePath());
        return false;
    }
    const bool fast = qEnvironmentVariable("REVIEWDESK_TEST_FAST_KDF") == QLatin1String("1");
    user.opsLimit = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    user.memLimit = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    user.salt = QByteArray(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    user.nonce = QByteArray(crypto_secretbox_NONCEBYTES, Qt::Uninitialized);
    randombytes_buf(user.salt.data(), size_t(user.salt.size()));
    randombytes_buf(user.nonce.data(), size_t(user.nonce.size()));

    auto* secrets =
        static_cast<unsigned char*>(sodium_malloc(crypto_sign_SEEDBYTES + crypto_secretbox_KEYBYTES));
    if (!secrets) {
        *error = QStringLiteral("%1: no secure memory for the new key").arg(filePath());
        return false;
    }
    unsigned char* seed = secrets;
    unsigned char* boxKey = secrets + crypto_sign_SEEDBYTES;
    randombytes_buf(seed, crypto_sign_SEEDBYTES);
    const bool derived = deriveKey(boxKey, password, user);
    unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
    unsigned char secretKey[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(publicKey, secretKey, seed);
    sodium_memzero(secretKey, sizeof secretKey);
    user.publicKey = QByteArray(reinterpret_cast<const char*>(publicKey), sizeof publicKey);
    user.sealedSeed = QByteArray(crypto_sign_SEEDBYTES + crypto_secretbox_MACBYTES, Qt::Uninitialized);
    if (derived)
        crypto_secretbox_easy(reinterpret_cast<unsigned char*>(user.sealedSeed.data()), seed,
                              crypto_sign_SEEDBYTES,
                              reinterpret_cast<const unsigned char*>(user.nonce.constData()), boxKey);
    sodium_free(secrets);
    if (!derived) {
        *error = QStringLiteral("%1: the password's key cannot be derived (out of memory)").arg(filePath());
        return false;
    }
    user.createdAt = QDateTime::currentDateTimeUtc();
    m_users.append(user);
    if (!save(error)) {
        m_users.removeLast();
        return false;
    }
    return true;
}

std::unique_ptr<SigningKey> UserDirectory::unlock(const QString& login, const QByteArray& password,
                                                  QString* error) const
{
    const auto found = user(login);
    if (!found) {
        *error = QStringLiteral("%1: no user %2").arg(filePath(), login);
        return nullptr;
    }
    if (!sodiumReady()) {
        *error = QStringLiteral("libsodium cannot be initialized");
        return nullptr;
    }
    auto* secrets =
        static_cast<unsigned char*>(sodium_malloc(crypto_sign_SEEDBYTES + crypto_secretbox_KEYBYTES));
    if (!secrets) {
        *error = QStringLiteral("no secure memory for the signing key");
        return nullptr;
    }
    unsigned char* seed = secrets;
    unsigned char* boxKey = secrets + crypto_sign_SEEDBYTES;
    std::unique_ptr<SigningKey> key;
    if (!deriveKey(boxKey, password, *found)) {
        *error = QStringLiteral("%1: the password's key cannot be derived (out of memory)").arg(filePath());
    } else if (crypto_secretbox_open_easy(
                   seed, reinterpret_cast<const unsigned char*>(found->sealedSeed.constData()),
                   static_cast<unsigned long long>(found->sealedSeed.size()),
                   reinterpret_cast<const unsigned char*>(found->nonce.constData()), boxKey) != 0) {
        *error = QStringLiteral("the password of %1 is wrong").arg(login);
    } else {
        key = SigningKey::fromSeed(seed, error);
        if (key && key->publicKey() != found->publicKey) {
            *error = QStringLiteral("%1: the sealed key of %2 does not match its public key")
                         .arg(filePath(), login);
            key.reset();
        }
    }
    sodium_free(secrets);
    return key;
}

bool UserDirectory::setLastUser(const QString& login, QString* error)
{
    if (!user(login)) {
        *error = QStringLiteral("%1: no user %2").arg(filePath(), login);
        return false;
    }
    const QString previous = m_lastUser;
    m_lastUser = login;
    if (!save(error)) {
        m_lastUser = previous;
        return false;
    }
    return true;
}

bool UserDirectory::save(QString* error) const
{
    if (!QDir().mkpath(m_home)) {
        *error = QStringLiteral("%1: the folder cannot be created").arg(m_home);
        return false;
    }
    QFile::setPermissions(m_home, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QJsonArray users;
    for (const User& user : m_users)
        users.append(toJson(user));
    const QJsonObject root{{key("format"), kFormat},
                           {key("formatVersion"), kFormatVersion},
                           {key("lastUser"), m_lastUser},
                           {key("users"), users}};
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot be written: %2").arg(filePath(), file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = QStringLiteral("%1: cannot be written: %2").arg(filePath(), file.errorString());
        return false;
    }
    if (!QFile::setPermissions(filePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("%1: cannot be made private (mode 0600)").arg(filePath());
        return false;
    }
    return true;
}

} // namespace rd
