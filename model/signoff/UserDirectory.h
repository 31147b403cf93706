// The people folder of one computer: the people who work cases here, each with an Ed25519 signing
// key whose secret is sealed by the person's password (Argon2id key derivation, then
// XSalsa20-Poly1305 secretbox; libsodium). The secret never leaves this folder; the public key goes to
// the administrator in a roster request. Nothing here is trusted about a person's role: the roles
// and the keys that count are the organization roster's (model/trust/Roster.h).
//
// Where: users.json in the home folder: $REVIEWDESK_HOME when set, else the standard application
// data folder (QStandardPaths::GenericDataLocation/ReviewDesk, ~/.local/share/ReviewDesk: the same
// for the app and the command line). The folder is made 0700, the file 0600, and the
// file is replaced atomically on every change.
//
// Key derivation cost: OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE. No environment variable or file
// lowers it: only a test program's own code can (sealWithMinimumCostForTests), so a shipped binary
// always seals at the full cost. Each user's cost is stored with the sealed key, so unlocking always
// uses the cost it was sealed with.
//
// Errors: nothing here prints; functions fill a QString* with one sentence naming the file.
#pragma once

#include "model/trust/SigningKey.h"
#include "model/trust/User.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace rd {

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

    QList<User> users() const;
    std::optional<User> user(const QString& login) const;

    // Adds a user with a new key pair sealed by password, and saves. The login must be new. The role
    // stored here is only a reminder; the roster's counts.
    bool addUser(User user, const QByteArray& password, QString* error);

    // Unlocks a user's signing key. A wrong password gives nullptr and "the password is wrong".
    std::unique_ptr<SigningKey> unlock(const QString& login, const QByteArray& password,
                                       QString* error) const;

    // For test programs only (tests/TrustFixture.h): keys sealed by this process from now on use
    // Argon2id's minimum cost, so that tests that make many keys run fast. No program calls it.
    static void sealWithMinimumCostForTests();

    // The person who worked last (the start-up question's default).
    QString lastUser() const { return m_lastUser; }
    bool setLastUser(const QString& login, QString* error);

private:
    // The sealed secret: the 32-byte Ed25519 seed in a secretbox under the password's Argon2id key.
    struct SealedKey
    {
        QByteArray salt;
        QByteArray nonce;
        QByteArray box;
        quint64 opsLimit = 0;
        quint64 memLimit = 0;
    };
    struct Person
    {
        User user;
        SealedKey sealed;
    };
    bool save(QString* error) const;
    const Person* person(const QString& login) const;

    QString m_home;
    QList<Person> m_people;
    QString m_lastUser;
};

} // namespace rd
