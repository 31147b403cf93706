#include "model/signoff/UserDirectory.h"

#include "model/trust/TrustStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <sodium.h>

#include <atomic>

namespace rd {

namespace {

std::atomic<bool> g_minimumCostForTests{false};

const QString kFormat = QStringLiteral("reviewdesk-users");
constexpr int kFormatVersion = 1;

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QByteArray unhex(const QJsonValue& value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

template <typename Person> QJsonObject toJson(const Person& person)
{
    const User& user = person.user;
    const auto& sealed = person.sealed;
    return {{key("login"), user.login},
            {key("name"), user.name},
            {key("credentials"), user.credentials},
            {key("npi"), user.npi},
            {key("phone"), user.phone},
            {key("publicKey"), hex(user.publicKey)},
            {key("createdAt"), user.createdAt.toUTC().toString(Qt::ISODate)},
            {key("sealedKey"), QJsonObject{{key("kdf"), key("argon2id13")},
                                           {key("opsLimit"), QString::number(sealed.opsLimit)},
                                           {key("memLimit"), QString::number(sealed.memLimit)},
                                           {key("salt"), hex(sealed.salt)},
                                           {key("nonce"), hex(sealed.nonce)},
                                           {key("box"), hex(sealed.box)}}}};
}

template <typename Person> std::optional<Person> fromJson(const QJsonObject& object, QString* what)
{
    Person person;
    User& user = person.user;
    auto& sealed = person.sealed;
    user.login = object.value(key("login")).toString();
    user.name = object.value(key("name")).toString();
    user.credentials = object.value(key("credentials")).toString();
    user.npi = object.value(key("npi")).toString();
    user.phone = object.value(key("phone")).toString();
    user.publicKey = unhex(object.value(key("publicKey")));
    user.createdAt = QDateTime::fromString(object.value(key("createdAt")).toString(), Qt::ISODate).toUTC();
    const QJsonObject box = object.value(key("sealedKey")).toObject();
    sealed.opsLimit = box.value(key("opsLimit")).toString().toULongLong();
    sealed.memLimit = box.value(key("memLimit")).toString().toULongLong();
    sealed.salt = unhex(box.value(key("salt")));
    sealed.nonce = unhex(box.value(key("nonce")));
    sealed.box = unhex(box.value(key("box")));
    if (user.login.isEmpty())
        *what = QStringLiteral("a user has no login");
    else if (user.publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        *what = QStringLiteral("user %1: the public key is not 32 bytes").arg(user.login);
    else if (box.value(key("kdf")).toString() != QLatin1String("argon2id13") ||
             sealed.salt.size() != crypto_pwhash_SALTBYTES ||
             sealed.nonce.size() != crypto_secretbox_NONCEBYTES ||
             sealed.box.size() != crypto_sign_SEEDBYTES + crypto_secretbox_MACBYTES || sealed.opsLimit == 0 ||
             sealed.memLimit == 0)
        *what = QStringLiteral("user %1: the sealed key is incomplete").arg(user.login);
    if (!what->isEmpty())
        return std::nullopt;
    return person;
}

// The password's key for a sealed seed: Argon2id.
template <typename SealedKey>
bool deriveKey(unsigned char* out, const QByteArray& password, const SealedKey& sealed)
{
    return crypto_pwhash(out, crypto_secretbox_KEYBYTES, password.constData(),
                         static_cast<unsigned long long>(password.size()),
                         reinterpret_cast<const unsigned char*>(sealed.salt.constData()), sealed.opsLimit,
                         size_t(sealed.memLimit), crypto_pwhash_ALG_ARGON2ID13) == 0;
}

// A signing key's seed and the password's box key, side by side in guarded memory (sodium_malloc:
// kept out of swap, guard pages around it, wiped when freed), freed on every path out.
class KeySecrets
{
public:
    KeySecrets()
        : m_memory(
              static_cast<unsigned char*>(sodium_malloc(crypto_sign_SEEDBYTES + crypto_secretbox_KEYBYTES)))
    {}
    ~KeySecrets() { sodium_free(m_memory); }
    KeySecrets(const KeySecrets&) = delete;
    KeySecrets& operator=(const KeySecrets&) = delete;

    bool isValid() const { return m_memory != nullptr; }
    unsigned char* seed() { return m_memory; }
    unsigned char* boxKey() { return m_memory + crypto_sign_SEEDBYTES; }

private:
    unsigned char* m_memory;
};
} // namespace

void UserDirectory::sealWithMinimumCostForTests()
{
    g_minimumCostForTests.store(true, std::memory_order_relaxed);
}

QString UserDirectory::defaultHome()
{
    return TrustStore::homeFolder();
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
    m_people.clear();
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
        const auto person = fromJson<Person>(users.at(i).toObject(), &what);
        if (!person) {
            *error = QStringLiteral("%1: users[%2]: %3").arg(filePath()).arg(i).arg(what);
            m_people.clear();
            return false;
        }
        m_people.append(*person);
    }
    m_lastUser = root.value(key("lastUser")).toString();
    return true;
}

QList<User> UserDirectory::users() const
{
    QList<User> users;
    for (const Person& person : m_people)
        users.append(person.user);
    return users;
}

const UserDirectory::Person* UserDirectory::person(const QString& login) const
{
    for (const Person& person : m_people)
        if (person.user.login == login)
            return &person;
    return nullptr;
}

std::optional<User> UserDirectory::user(const QString& login) const
{
    const Person* found = person(login);
    return found ? std::optional<User>(found->user) : std::nullopt;
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
    if (!crypto::ready()) {
        *error = QStringLiteral("%1: libsodium cannot be initialized").arg(filePath());
        return false;
    }
    SealedKey sealed;
    const bool fast = g_minimumCostForTests.load(std::memory_order_relaxed);
    sealed.opsLimit = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    sealed.memLimit = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    sealed.salt = QByteArray(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    sealed.nonce = QByteArray(crypto_secretbox_NONCEBYTES, Qt::Uninitialized);
    randombytes_buf(sealed.salt.data(), size_t(sealed.salt.size()));
    randombytes_buf(sealed.nonce.data(), size_t(sealed.nonce.size()));

    KeySecrets secrets;
    if (!secrets.isValid()) {
        *error = QStringLiteral("%1: no secure memory for the new key").arg(filePath());
        return false;
    }
    unsigned char* seed = secrets.seed();
    unsigned char* boxKey = secrets.boxKey();
    randombytes_buf(seed, crypto_sign_SEEDBYTES);
    const bool derived = deriveKey(boxKey, password, sealed);
    unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
    unsigned char secretKey[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(publicKey, secretKey, seed);
    sodium_memzero(secretKey, sizeof secretKey);
    user.publicKey = QByteArray(reinterpret_cast<const char*>(publicKey), sizeof publicKey);
    sealed.box = QByteArray(crypto_sign_SEEDBYTES + crypto_secretbox_MACBYTES, Qt::Uninitialized);
    if (derived)
        crypto_secretbox_easy(reinterpret_cast<unsigned char*>(sealed.box.data()), seed,
                              crypto_sign_SEEDBYTES,
                              reinterpret_cast<const unsigned char*>(sealed.nonce.constData()), boxKey);
    if (!derived) {
        *error = QStringLiteral("%1: the password's key cannot be derived (out of memory)").arg(filePath());
        return false;
    }
    user.createdAt = QDateTime::currentDateTimeUtc();
    m_people.append({user, sealed});
    if (!save(error)) {
        m_people.removeLast();
        return false;
    }
    return true;
}

std::unique_ptr<SigningKey> UserDirectory::unlock(const QString& login, const QByteArray& password,
                                                  QString* error) const
{
    const Person* found = person(login);
    if (!found) {
        *error = QStringLiteral("%1: no user %2").arg(filePath(), login);
        return nullptr;
    }
    if (!crypto::ready()) {
        *error = QStringLiteral("libsodium cannot be initialized");
        return nullptr;
    }
    KeySecrets secrets;
    if (!secrets.isValid()) {
        *error = QStringLiteral("no secure memory for the signing key");
        return nullptr;
    }
    unsigned char* seed = secrets.seed();
    unsigned char* boxKey = secrets.boxKey();
    std::unique_ptr<SigningKey> key;
    if (!deriveKey(boxKey, password, found->sealed)) {
        *error = QStringLiteral("%1: the password's key cannot be derived (out of memory)").arg(filePath());
    } else if (crypto_secretbox_open_easy(
                   seed, reinterpret_cast<const unsigned char*>(found->sealed.box.constData()),
                   static_cast<unsigned long long>(found->sealed.box.size()),
                   reinterpret_cast<const unsigned char*>(found->sealed.nonce.constData()), boxKey) != 0) {
        *error = QStringLiteral("the password of %1 is wrong").arg(login);
    } else {
        key = SigningKey::fromSeed(seed, error);
        if (key && key->publicKey() != found->user.publicKey) {
            *error = QStringLiteral("%1: the sealed key of %2 does not match its public key")
                         .arg(filePath(), login);
            key.reset();
        }
    }
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
    for (const Person& person : m_people)
        users.append(toJson(person));
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
