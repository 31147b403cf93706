#include "model/trust/SigningKey.h"

#include <QCryptographicHash>
#include <QStringList>

#include <sodium.h>

namespace rd {

SigningKey::~SigningKey()
{
    if (m_secret)
        sodium_free(m_secret); // zeroes the memory before freeing it
}

std::unique_ptr<SigningKey> SigningKey::fromSeed(const unsigned char* seed, QString* error)
{
    if (!crypto::ready()) {
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

namespace crypto {

bool ready()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

bool verify(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature)
{
    if (!ready() || publicKey.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                       reinterpret_cast<const unsigned char*>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char*>(publicKey.constData())) == 0;
}

QString fingerprint(const QByteArray& publicKey)
{
    const QString text =
        QString::fromLatin1(QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(16).toHex());
    QStringList groups;
    for (qsizetype i = 0; i < text.size(); i += 4)
        groups.append(text.mid(i, 4));
    return groups.join(QLatin1Char(' '));
}

QString keyId(const QByteArray& publicKey)
{
    return QString::fromLatin1(QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).toHex());
}

} // namespace crypto

} // namespace rd
