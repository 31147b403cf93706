#include "model/signoff/Signoff.h"

#include "model/audit/AuditChain.h"
#include "model/letters/LetterChecker.h"
#include "model/trust/TrustStore.h"

#include "checklist/PolicyLoader.h"

#include <QCryptographicHash>
#include <QFile>
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
    for (const RequestRule& rule : policy().requestRules)
        if (missing.contains(rule.id))
            decision.missingInformation.append(rule.id);
    for (const Judgment& judgment : policy().judgments)
        if (missing.contains(judgment.id))
            decision.missingInformation.append(judgment.id);
    return decision;
}

LetterInput Signoff::letterInput(const CaseStore& file, const Decision& decision, const QString& language,
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
    input.issuedAt = signedAt.isValid() ? signedAt.toUTC() : QDateTime::currentDateTimeUtc();
    input.letterDate = LetterText::localDate(m_plan, input.issuedAt);
    input.caseId = file.caseId();
    return input;
}

SignoffPreview Signoff::preview(const CaseStore& file, const User& signer,
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
    if (signer.role == UserRole::Admin)
        preview.problems.append(
            QStringLiteral("%1 is an administrator: administrators keep the roster and sign no determination")
                .arg(signer.login));
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
    for (const Reason& rule : m_engine.brokenCodeRules(preview.decision.lines))
        if (preview.letterFields.value(LetterField::codeRuleOverrideConfirmed()) != QLatin1String("yes"))
            preview.problems.append(
                QStringLiteral("the overrides break the policy's rule %1 (\"%2\"): confirm that on purpose "
                               "(sign --confirm-code-rule-override); the letter names it")
                    .arg(rule.id, rule.text));
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

bool Signoff::sign(CaseStore& file, const User& signerUser, const SigningKey& signingKey,
                   const SignoffInput& input, QString* error) const
{
    const User* signer = &signerUser;
    if (signingKey.publicKey() != signer->publicKey) {
        *error = QStringLiteral("%1: not signed: the key is not %2's").arg(file.location(), signer->login);
        return false;
    }
    QList<LineOverride> overrides = input.overrides;
    const QDateTime signedAt = toSeconds(input.now);
    for (LineOverride& item : overrides) {
        item.by = input.login;
        item.at = signedAt;
    }
    SignoffPreview preview = this->preview(file, *signer, overrides, input.letterFields, signedAt);
    // A signature cannot be taken back: it never lands on a case whose content is not what its trail
    // says (a judgment changed outside ReviewDesk would be signed as the physician's determination).
    if (preview.problems.isEmpty()) {
        const VerifyReport report = file.verify();
        for (const VerifyFinding& finding : report.problems)
            preview.problems.append(
                QStringLiteral("the case does not verify: %1: %2").arg(finding.where, finding.what));
    }
    if (!preview.problems.isEmpty()) {
        *error = QStringLiteral("%1: not signed: %2")
                     .arg(file.location(), preview.problems.join(QStringLiteral("; ")));
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
        {key("policySha256"), QString::fromLatin1(policyHash(policy()).toHex())},
    };
    // The roster the signer's role was checked against: a verifier holding an older one is told.
    QString ignored;
    if (const auto trust = TrustStore::load(&ignored))
        request.statement.insert(key("rosterSerial"), QString::number(trust->roster().serial()));
    // The key outlives this call; the actor only borrows it.
    request.actor =
        Actor(signer->login, std::shared_ptr<const SigningKey>(&signingKey, [](const SigningKey*) {}));
    request.signedAt = signedAt;
    return file.sign(request, error);
}

std::optional<Letter> Signoff::letterFor(const CaseStore& file, const QString& language, bool draft,
                                         QString* error) const
{
    if (!LetterText::languages().contains(language)) {
        *error = QStringLiteral("no letters in language '%1' (there are: %2)")
                     .arg(language, LetterText::languages().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (const auto signature = file.signature()) {
        if (!signature->letters.contains(language)) {
            *error =
                QStringLiteral("%1: has no signed letter in language '%2'").arg(file.location(), language);
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
                .arg(file.location(), toString(decision.overall));
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
            *error = QStringLiteral("%1: %2").arg(file.location(), problems.join(QStringLiteral("; ")));
            return std::nullopt;
        }
    }
    return letter;
}

QByteArray Signoff::policyHash(const Policy& policy)
{
    QFile file(policy.fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

std::optional<Policy> Signoff::policyWithHash(const QByteArray& sha256, QString* error)
{
    for (const QString& path : PolicyLoader::builtInFiles()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (QCryptographicHash::hash(bytes, QCryptographicHash::Sha256) != sha256)
            continue;
        Result<Policy> policy = PolicyLoader::load(bytes, path);
        if (policy)
            return std::move(policy).value();
    }
    *error =
        QStringLiteral("the signature names the policy with SHA-256 %1, which this installation does not "
                       "hold: the decision cannot be recomputed")
            .arg(sha256.isEmpty() ? QStringLiteral("(none)") : QString::fromLatin1(sha256.toHex()));
    return std::nullopt;
}

} // namespace rd
