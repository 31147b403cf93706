// The medical director's sign-off (docs/signoff.md): the final decision (the engine's, with line
// overrides), the letters in every language, the letter checker, the role rules, signing with the
// user's sealed key, and the checks verify adds for a signed case.
#pragma once

#include "checklist/Engine.h"
#include "model/casefile/CaseFile.h"
#include "model/letters/Letter.h"
#include "model/signoff/UserDirectory.h"

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

    SignoffPreview preview(const CaseFile& file, const User& signer, const QList<LineOverride>& overrides,
                           const QMap<QString, QString>& letterFields, const QDateTime& signedAt) const;

    // Unlocks the key (a wrong password writes nothing), applies the role rules and the letter checker,
    // and signs. Fills error with every reason it refuses.
    bool sign(CaseFile& file, const UserDirectory& directory, const SignoffInput& input,
              QString* error) const;
    // The same with a key unlocked beforehand (so that a wrong password is found before the case file is
    // opened for writing).
    bool sign(CaseFile& file, const User& signer, const SigningKey& key, const SignoffInput& input,
              QString* error) const;

    // The letter of a case: a signed case's signed letter; a pended case's request for information
    // (built now, not signed); otherwise, with draft, an unsigned draft.
    std::optional<Letter> letterFor(const CaseFile& file, const QString& language, bool draft,
                                    QString* error) const;
    LetterInput letterInput(const CaseFile& file, const Decision& decision, const QString& language,
                            const std::optional<User>& signer, const QDateTime& signedAt,
                            const QMap<QString, QString>& letterFields) const;

    // For a signed case, beyond CaseFile::verify(): the signed decision is what the policy gives for
    // the signed judgments and overrides; a denial was signed by a medical director; the signer's key
    // agrees with the user directory (when it knows the signer).
    void verifyDetermination(const CaseFile& file, const UserDirectory* directory,
                             VerifyReport& report) const;

private:
    Engine m_engine;
    PlanInfo m_plan;
};

} // namespace rd
