// The person the benchmarks record as: a key from a fixed seed (no people folder, no password).
#pragma once

#include "model/audit/Actor.h"

#include <QCryptographicHash>

namespace rd::bench {

inline Actor actor(const QString& login = QStringLiteral("bench"))
{
    const QByteArray seed = QCryptographicHash::hash(login.toUtf8(), QCryptographicHash::Sha256);
    QString error;
    std::shared_ptr<const SigningKey> key =
        SigningKey::fromSeed(reinterpret_cast<const unsigned char*>(seed.constData()), &error);
    return Actor(login, key);
}

} // namespace rd::bench
