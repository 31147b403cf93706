// The local directory of people who work cases: reviewers and medical directors, each with an
// Ed25519 signing key whose secret is sealed by the person's password (Argon2id key derivation,
// then XSalsa20-Poly1305 secretbox; libsodium).
//
// Where: users.json in the home folder: $REVIEWDESK_HOME when set, else the standard application
// data folder (QStandardPaths::GenericDataLocation/ReviewDesk, ~/.local/share/ReviewDesk: the same
// for the app and the command line). The folder is made 0700, the file 0600, and the
// file is replaced atomically on every change.
//
// Key derivation cost: OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE. TEST ONLY: when the environment
// variable REVIEWDESK_TEST_FAST_KDF is 1, new keys are sealed with the minimum cost so that tests run
// fast. Each user's cost is stored with the sealed key, so unlocking always uses the cost it was
// sealed with.
//
// Errors: nothing here prints; functions fill a QString* with one sentence naming the file.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace rd {

enum class UserRole
{
    Reviewer,
    MedicalDirector
};
QString toString(UserRole role); // reviewer / medical-director
std::optional<UserRole> userRoleFromString(const QString& text);

struct User
{
    QString login;
    QString name;        // "Dana Whitfield"
    QString credentials; // "MD, FAAPMR"
    UserRole role = UserRole::Reviewer;
    QString npi;          // optional
    QString phone;        // for peer-to-peer calls
    QByteArray publicKey; // Ed25519, 32 bytes
    QDateTime createdAt;  // UTC

    // The sealed secret (the 32-byte Ed25519 seed).
    QByteArray salt;
    QByteArray nonce;
    QByteArray sealedSeed;
    quint64 opsLimit = 0;
    quint64 memLimit = 0;

    // "Dana Whitfield, MD, FAAPMR"
    QString printedName() const;
    // SHA-256 of the public key, first 16 bytes, hex in groups of four: "ab12 cd34 ...".
    QString fingerprint() const;
    static QString fingerprintOf(const QByteArray& publicKey);
};

// An unlocked signing key. The secret lives in sodium_malloc'd memory, wiped on destruction.
class SigningKey
{
public:
    ~SigningKey();
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;

    const QByteArray& publicKey() const { return m_publicKey; }
    QByteArray sign(const QByteArray& message) const; // detached Ed25519 signature, 64 bytes

    static std::unique_ptr<SigningKey> fromSeed(const unsigned char* seed, QString* error);

private:
    SigningKey() = default;
    unsigned char* m_secret = nullptr; // 64 bytes, libsodium's secret key form
    QByteArray m_publicKey;
};

// Checks a detached Ed25519 signature.
bool verifySignature(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature);

class UserDirectory
{
public:
    // $REVIEWDESK_HOME, else QStandardPaths::GenericDataLocation/ReviewDesk.
    static QString defaultHome();

    explicit UserDirectory(QString home = defaultHome());

    QString home() const { return m_home; }
    QString filePath() const;

    // Reads users.json; a missing file is an empty directory.
    bool load(QString* error);

    const QList<User>& users() const { return m_users; }
    std::optional<User> user(const QString& login) const;

    // Adds a user with a new key pair sealed by password, and saves. The login must be new.
    bool addUser(User user, const QByteArray& password, QString* error);

    // Unlocks a user's signing key. A wrong password gives nullptr and "the password is wrong".
    std::unique_ptr<SigningKey> unlock(const QString& login, const QByteArray& password,
                                       QString* error) const;

    // The person who worked last (the start-up question's default).
    QString lastUser() const { return m_lastUser; }
    bool setLastUser(const QString& login, QString* error);

private:
    bool save(QString* error) const;

    QString m_home;
    QList<User> m_users;
    QString m_lastUser;
};

} // namespace rd
