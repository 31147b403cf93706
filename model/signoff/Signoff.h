// The medical director's sign-off (docs/signoff.md): the final decision (the engine's, with line
// overrides), the letters in every language, the letter checker, the role rules, signing with the
// signer's key. What verify checks of a signed case is in CaseVerification.h.
#pragma once

#include "checklist/Engine.h"
#include "model/letters/Letter.h"
#include "model/signoff/UserDirectory.h"
#include "model/store/CaseStore.h"

#include <QDateTime>
#include <QMap>
#include <QStringList>

#include <optional>

namespace rd {

struct SignoffInput
{
    QString login;
    QByteArray password;
    QList<LineOverride> overrides;       // code, decision, rationale; added to the case's own
    QMap<QString, QString> letterFields; // LetterField values; replace the case's own
    QDateTime now;                       // UTC; the current time when invalid
};

// What signing would produce, without a key: for the preview and to refuse early.
struct SignoffPreview
{
    Decision decision;
    QList<LineOverride> overrides;       // all of them, the case's and the new ones
    QMap<QString, QString> letterFields; // all of them
    QMap<QString, Letter> letters;       // by language
    QStringList problems;                // role rules and the letter checker; empty when it can be signed
};

class Signoff
{
public:
    Signoff(Policy policy, PlanInfo plan);

    const Policy& policy() const { return m_engine.policy(); }
    const PlanInfo& plan() const { return m_plan; }

    // The engine's decision with the overrides applied: an approve override clears the line's reasons,
    // a deny override adds the rationale as a reason; the overall outcome is recomputed.
    Decision finalDecision(const CaseData& data, const QList<LineOverride>& overrides) const;

    SignoffPreview preview(const CaseStore& file, const User& signer, const QList<LineOverride>& overrides,
                           const QMap<QString, QString>& letterFields, const QDateTime& signedAt) const;

    // Applies the role rules and the letter checker, and signs with key, unlocked beforehand (so that a
    // wrong password is found before the case file is opened for writing). signer is the person as the
    // organization roster names them (their role is the roster's); key must be their roster key.
    // Fills error with every reason it refuses.
    bool sign(CaseStore& file, const User& signer, const SigningKey& key, const SignoffInput& input,
              QString* error) const;

    // The SHA-256 of a policy's file: how a signature names the policy it was made under.
    static QByteArray policyHash(const Policy& policy);
    // The installation's policy whose file has this SHA-256; an error naming it when there is none.
    static std::optional<Policy> policyWithHash(const QByteArray& sha256, QString* error);

    // The letter of a case: a signed case's signed letter; a pended case's request for information
    // (built now, not signed); otherwise, with draft, an unsigned draft.
    std::optional<Letter> letterFor(const CaseStore& file, const QString& language, bool draft,
                                    QString* error) const;
    LetterInput letterInput(const CaseStore& file, const Decision& decision, const QString& language,
                            const std::optional<User>& signer, const QDateTime& signedAt,
                            const QMap<QString, QString>& letterFields) const;

private:
    Engine m_engine;
    PlanInfo m_plan;
};

} // namespace rd
