// Who writes to a case: a login and that person's unlocked key, which signs every audit entry
// written in their name. There is no other way to name the actor of an entry: a login without a key
// writes nothing.
#pragma once

#include "model/trust/SigningKey.h"

#include <QString>

#include <memory>

namespace rd {

class Actor
{
public:
    Actor() = default;
    Actor(QString login, std::shared_ptr<const SigningKey> key)
        : m_login(std::move(login))
        , m_key(std::move(key))
    {}

    const QString& login() const { return m_login; }
    bool isValid() const { return !m_login.isEmpty() && m_key != nullptr; }
    QByteArray publicKey() const { return m_key ? m_key->publicKey() : QByteArray(); }
    QByteArray sign(const QByteArray& message) const { return m_key ? m_key->sign(message) : QByteArray(); }
    const std::shared_ptr<const SigningKey>& key() const { return m_key; }

private:
    QString m_login;
    std::shared_ptr<const SigningKey> m_key;
};

} // namespace rd
