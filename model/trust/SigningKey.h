// Ed25519 keys (libsodium): an unlocked signing key, signature checks, and the names a public key
// goes by (the short fingerprint people read, the full key id that trust.json pins).
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace rd {

// An unlocked signing key. The secret lives in sodium_malloc'd memory, wiped on destruction.
class SigningKey
{
public:
    ~SigningKey();
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;

    const QByteArray& publicKey() const { return m_publicKey; }
    QByteArray sign(const QByteArray& message) const; // detached Ed25519 signature, 64 bytes

    // seed: 32 bytes (crypto_sign_SEEDBYTES).
    static std::unique_ptr<SigningKey> fromSeed(const unsigned char* seed, QString* error);

private:
    SigningKey() = default;
    unsigned char* m_secret = nullptr; // 64 bytes, libsodium's secret key form
    QByteArray m_publicKey;
};

namespace crypto {

// sodium_init() once; false when libsodium cannot start.
bool ready();

// Checks a detached Ed25519 signature.
bool verify(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature);

// SHA-256 of the public key, first 16 bytes, hex in groups of four: "ab12 cd34 ...". For people.
QString fingerprint(const QByteArray& publicKey);

// SHA-256 of the public key, 64 hex digits: what trust.json's "anchor" holds.
QString keyId(const QByteArray& publicKey);

} // namespace crypto

} // namespace rd
