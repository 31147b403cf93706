#include "model/trust/User.h"

#include "model/trust/SigningKey.h"

namespace rd {

QString toString(UserRole role)
{
    switch (role) {
    case UserRole::MedicalDirector:
        return QStringLiteral("medical-director");
    case UserRole::Admin:
        return QStringLiteral("admin");
    case UserRole::Reviewer:
        break;
    }
    return QStringLiteral("reviewer");
}

std::optional<UserRole> userRoleFromString(const QString& text)
{
    if (text == QLatin1String("reviewer"))
        return UserRole::Reviewer;
    if (text == QLatin1String("medical-director"))
        return UserRole::MedicalDirector;
    if (text == QLatin1String("admin"))
        return UserRole::Admin;
    return std::nullopt;
}

QString User::printedName() const
{
    return credentials.isEmpty() ? name : name + QStringLiteral(", ") + credentials;
}

QString User::fingerprint() const
{
    return crypto::fingerprint(publicKey);
}

} // namespace rd
