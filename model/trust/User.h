// A person who works cases, as the organization roster names them: login, printed name, role and
// public signing key. A role is never taken from anything the person can write (their own people
// folder, a signed payload): only from the roster (model/trust/Roster.h).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace rd {

enum class UserRole
{
    Reviewer,
    MedicalDirector,
    Admin // keeps the roster; signs no determination and writes no case
};
QString toString(UserRole role); // reviewer / medical-director / admin
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

    // "Dana Whitfield, MD, FAAPMR"
    QString printedName() const;
    // SHA-256 of the public key, first 16 bytes, hex in groups of four: "ab12 cd34 ...".
    QString fingerprint() const;
};

} // namespace rd
