#include "model/signoff/Signoff.h"

#include "model/audit/AuditChain.h"
#include "model/letters/LetterChecker.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace rd {

namespace {

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

QDateTime toSeconds(const QDateTime& time)
{
    const QDateTime utc = (time.isValid() ? time : QDateTime::currentDateTimeUtc()).toUTC();
    return QDateTime::fromSecsSinceEpoch(utc.toSecsSinceEpoch(), Qt::UTC);
}

} // namespace

Signoff::Signoff(Policy policy, PlanInfo plan)
    : m_engine(std::move(policy))
    , m_plan(std::move(plan))
{}

Decision Signoff::finalDecision(const CaseData& data, const QList<LineOverride>& overrides) const
{
    Decision decision = m_engine.evaluate(data);
    for (const LineOverride& item : overrides) {
        for (LineDecision& line : decision.lines) {
            if (line.code != item.code)
                continue;
            if (item.decision == LineOutcome::Approve) {
                line.reasons.clear();
            } else if (item.decision == LineOutcome::Deny) {
                if (line.decision != LineOutcome::Deny)
                    line.reasons.clear();
                line.reasons.append({overrideReasonId(), item.rationale.trimmed()});
            }
            line.decision = item.decision;
        }
    }
    int approved = 0;
    int denied = 0;
    int pended = 0;
    QSet<QString> missing;
    for (const LineDecision& line : std::as_const(decision.lines)) {
        if (line.decision == LineOutcome::Approve)
            ++approved;
        else if (line.decision == LineOutcome::Deny)
            ++denied;
        else {
            ++pended;
            for (const Reason& reason : line.reasons)
                missing.insert(reason.id);
        }
    }
    decision.overall = pended > 0      ? OverallOutcome::Pended
                       : denied == 0   ? OverallOutcome::Approved
                       : approved == 0 ? OverallOutcome::Denied
                                       : OverallOutcome::Partial;
    decision.physicianReviewRequired = denied > 0;
    decision.missingInformation.clear();
    for (const Judgment& judgment : policy().judgments)
        if (missing.contains(judgment.id))
            decision.missingInformation.append(judgment.id);
    return decision;
}

LetterInput Signoff::letterInput(const CaseFile& file, const Decision& decision, const QString& language,
                                 const std::optional<User>& signer, const QDateTime& signedAt,
                                 const QMap<QString, QString>& letterFields) const
{
    LetterInput input;
    input.data = file.data();
    input.decision = decision;
    input.policy = policy();
    input.plan = m_plan;
    input.language = language;
    input.fields = letterFields;
    input.signer = signer;
    input.signedAt = signedAt;
    input.letterDate = signedAt.isValid() ? signedAt.toUTC().date() : QDateTime::currentDateTimeUtc().date();
    input.caseId = file.caseId();
    return input;
}

SignoffPreview Signoff::preview(const CaseFile& file, const User& signer,
                                const QList<LineOverride>& overrides,
                                const QMap<QString, QString>& letterFields, const QDateTime& signedAt) const
{
    SignoffPreview preview;
    preview.overrides = file.overrides();
    for (const LineOverride& item : overrides) {
        preview.overrides.erase(
            std::remove_if(preview.overrides.begin(), preview.overrides.end(),
                           [&item](const LineOverride& other) { return other.code == item.code; }),
            preview.overrides.end());
        preview.overrides.append(item);
    }
    preview.letterFields = file.letterFields();
    for (auto it = letterFields.cbegin(); it != letterFields.cend(); ++it)
        preview.letterFields.insert(it.key(), it.value());
    preview.decision = finalDecision(file.data(), preview.overrides);

    if (file.isSigned())
        preview.problems.append(QStringLiteral("the case is signed already"));
    if (preview.decision.overall == OverallOutcome::Pended)
        preview.problems.append(
            QStringLiteral("the case is pended (missing: %1): it cannot be signed; it needs a request for "
                           "information instead")
                .arg(preview.decision.missingInformation.join(QStringLiteral(", "))));
    if (!overrides.isEmpty() && signer.role != UserRole::MedicalDirector)
        preview.problems.append(QStringLiteral("only a medical director may override a line; %1 is a %2")
                                    .arg(signer.login, toString(signer.role)));
    for (const LineOverride& item : overrides) {
        if (!file.data().request.lines.contains(item.code))
            preview.problems.append(QStringLiteral("the request has no line %1 to override").arg(item.code));
        if (item.rationale.trimmed().isEmpty())
            preview.problems.append(
                QStringLiteral("the override of line %1 needs a written rationale").arg(item.code));
    }
    if (preview.decision.physicianReviewRequired && signer.role != UserRole::MedicalDirector)
        preview.problems.append(
            QStringLiteral("a %1 determination must be made and signed by a medical director; "
                           "%2 is a %3")
                .arg(toString(preview.decision.overall), signer.login, toString(signer.role)));
    if (preview.decision.overall == OverallOutcome::Pended || file.isSigned())
        return preview;
    for (const QString& language : LetterText::languages()) {
        const LetterInput input =
            letterInput(file, preview.decision, language, signer, signedAt, preview.letterFields);
        QString error;
        const auto letter = LetterBuilder::build(input, &error);
        if (!letter) {
            preview.problems.append(error);
            continue;
        }
        preview.problems += LetterChecker::check(*letter, input);
        preview.letters.insert(language, *letter);
    }
    return preview;
}

bool Signoff::sign(CaseFile& file, const UserDirectory& directory, const SignoffInput& input,
                   QString* error) const
{
    const auto signer = directory.user(input.login);
    if (!signer) {
        *error = QStringLiteral("%1: no user %2").arg(directory.filePath(), input.login);
        return false;
    }
    QString message;
    const auto signingKey = directory.unlock(input.login, input.password, &message);
    if (!signingKey) {
        *error = QStringLiteral("%1: not signed: %2").arg(file.path(), message);
        return false;
    }
    return sign(file, *signer, *signingKey, input, error);
}

bool Signoff::sign(CaseFile& file, const User& signerUser, const SigningKey& signingKey,
                   const SignoffInput& input, QString* error) const
{
    const User* signer = &signerUser;
    if (signingKey.publicKey() != signer->publicKey) {
        *error = QStringLiteral("%1: not signed: the key is not %2's").arg(file.path(), signer->login);
        return false;
    }
    QList<LineOverride> overrides = input.overrides;
    const QDateTime signedAt = toSeconds(input.now);
    for (LineOverride& item : overrides) {
        item.by = input.login;
        item.at = signedAt;
    }
    const SignoffPreview preview = this->preview(file, *signer, overrides, input.letterFields, signedAt);
    if (!preview.problems.isEmpty()) {
        *error = QStringLiteral("%1: not signed: %2")
                     .arg(file.path(), preview.problems.join(QStringLiteral("; ")));
        return false;
    }

    SignRequest request;
    request.overrides = overrides;
    for (auto it = input.letterFields.cbegin(); it != input.letterFields.cend(); ++it)
        request.letterFields.insert(it.key(), it.value());
    QJsonObject letters;
    for (auto it = preview.letters.cbegin(); it != preview.letters.cend(); ++it) {
        request.letterKinds.insert(it.key(), toString(it->kind));
        request.letters.insert(it.key(), it->html);
        letters.insert(
            it.key(),
            QJsonObject{
                {key("kind"), toString(it->kind)},
                {key("sha256"),
                 QString::fromLatin1(
                     QCryptographicHash::hash(it->html.toUtf8(), QCryptographicHash::Sha256).toHex())}});
    }
    request.statement = {
        {key("decision"), preview.decision.toJsonObject()},
        {key("letters"), letters},
        {key("signer"), QJsonObject{{key("login"), signer->login},
                                    {key("name"), signer->name},
                                    {key("credentials"), signer->credentials},
                                    {key("role"), toString(signer->role)},
                                    {key("npi"), signer->npi},
                                    {key("phone"), signer->phone},
                                    {key("publicKey"), QString::fromLatin1(signer->publicKey.toHex())},
                                    {key("fingerprint"), signer->fingerprint()}}},
        {key("meaning"), LetterText::meaning(*signer, QStringLiteral("en"))},
        {key("signedAt"), AuditChain::timestamp(signedAt)},
    };
    request.actor = input.login;
    request.publicKey = signingKey.publicKey();
    request.signedAt = signedAt;
    const SigningKey* keyPointer = &signingKey;
    request.sign = [keyPointer](const QByteArray& digest) {
        return keyPointer->sign(digest);
    };
    return file.sign(request, error);
}

std::optional<Letter> Signoff::letterFor(const CaseFile& file, const QString& language, bool draft,
                                         QString* error) const
{
    if (!LetterText::languages().contains(language)) {
        *error = QStringLiteral("no letters in language '%1' (there are: %2)")
                     .arg(language, LetterText::languages().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (const auto signature = file.signature()) {
        if (!signature->letters.contains(language)) {
            *error = QStringLiteral("%1: has no signed letter in language '%2'").arg(file.path(), language);
            return std::nullopt;
        }
        LetterKind kind = LetterKind::Approval;
        for (LetterKind candidate : {LetterKind::Approval, LetterKind::Denial, LetterKind::Partial})
            if (toString(candidate) == signature->letterKinds.value(language))
                kind = candidate;
        return Letter{kind, language, signature->letters.value(language)};
    }
    const Decision decision = finalDecision(file.data(), file.overrides());
    if (decision.overall != OverallOutcome::Pended && !draft) {
        *error =
            QStringLiteral("%1: is not signed: its %2 determination needs a signature first (or ask for a "
                           "draft)")
                .arg(file.path(), toString(decision.overall));
        return std::nullopt;
    }
    LetterInput input = letterInput(file, decision, language, std::nullopt, QDateTime(), file.letterFields());
    input.draft = decision.overall != OverallOutcome::Pended;
    const auto letter = LetterBuilder::build(input, error);
    if (!letter)
        return std::nullopt;
    if (decision.overall == OverallOutcome::Pended) {
        const QStringList problems = LetterChecker::check(*letter, input);
        if (!problems.isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(file.path(), problems.join(QStringLiteral("; ")));
            return std::nullopt;
        }
    }
    return letter;
}

void Signoff::verifyDetermination(const CaseFile& file, const UserDirectory* directory,
                                  VerifyReport& report) const
{
    const auto signature = file.signature();
    if (!signature)
        return;
    const QJsonObject payload = QJsonDocument::fromJson(signature->payload).object();
    const QJsonObject decision = payload.value(key("decision")).toObject();
    const QJsonObject signer = payload.value(key("signer")).toObject();
    const QJsonObject signedPolicy = decision.value(key("policy")).toObject();
    auto problem = [&report](const QString& what) {
        report.problems.append({QStringLiteral("determination"), what});
    };

    if (signedPolicy.value(key("id")).toString() == policy().id &&
        signedPolicy.value(key("version")).toString() == policy().version) {
        const Decision recomputed = finalDecision(file.data(), file.overrides());
        if (recomputed.toJsonObject() != decision)
            problem(
                QStringLiteral("the signed decision is not what policy %1 version %2 gives for the case's "
                               "judgments and overrides")
                    .arg(policy().id, policy().version));
        else
            report.checked.append(
                QStringLiteral("determination: %1, as policy %2 version %3 gives for the signed "
                               "judgments and overrides")
                    .arg(decision.value(key("overall")).toString(), policy().id, policy().version));
    } else {
        report.checked.append(
            QStringLiteral("determination: signed under policy %1 version %2; this program has "
                           "version %3, so the decision was not recomputed")
                .arg(signedPolicy.value(key("id")).toString(), signedPolicy.value(key("version")).toString(),
                     policy().version));
    }
    const bool anyDenied = decision.value(key("physicianReviewRequired")).toBool();
    if (anyDenied && signer.value(key("role")).toString() != toString(UserRole::MedicalDirector))
        problem(QStringLiteral("a %1 determination was signed by %2, who is not a medical director")
                    .arg(decision.value(key("overall")).toString(), signer.value(key("login")).toString()));

    const QString login = signer.value(key("login")).toString();
    const QString fingerprint = User::fingerprintOf(signature->publicKey);
    const auto known = directory ? directory->user(login) : std::nullopt;
    if (!known)
        report.checked.append(
            QStringLiteral("signer %1 is not in this computer's user directory; key fingerprint %2")
                .arg(login, fingerprint));
    else if (known->publicKey != signature->publicKey)
        problem(QStringLiteral("signed with key %1, but the user directory gives %2 the key %3")
                    .arg(fingerprint, login, known->fingerprint()));
    else
        report.checked.append(
            QStringLiteral("signer's key %1 is %2's key in the user directory").arg(fingerprint, login));
}

} // namespace rd
