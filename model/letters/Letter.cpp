#include "model/letters/Letter.h"

#include "checklist/Engine.h"
#include "model/letters/LetterRequirements.h"
#include "model/letters/LetterTemplate.h"
#include "model/letters/Taglines.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

namespace rd {

namespace {

QString key(const char* text)
{
    return QString::fromLatin1(text);
}

bool isSpanish(const QString& language)
{
    return language == QLatin1String("es");
}

QVariantList lines(const QStringList& texts)
{
    QVariantList result;
    for (const QString& text : texts)
        result.append(QVariantMap{{key("line"), text}});
    return result;
}

QString readResource(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString());
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

} // namespace

QString toString(LetterKind kind)
{
    switch (kind) {
    case LetterKind::Approval:
        return QStringLiteral("approval");
    case LetterKind::Denial:
        return QStringLiteral("denial");
    case LetterKind::Partial:
        return QStringLiteral("partial");
    case LetterKind::InformationRequest:
        return QStringLiteral("information-request");
    }
    return {};
}

LetterKind letterKindFor(OverallOutcome overall)
{
    switch (overall) {
    case OverallOutcome::Approved:
        return LetterKind::Approval;
    case OverallOutcome::Denied:
        return LetterKind::Denial;
    case OverallOutcome::Partial:
        return LetterKind::Partial;
    case OverallOutcome::Pended:
        return LetterKind::InformationRequest;
    }
    return LetterKind::InformationRequest;
}

namespace LetterText {

QStringList languages()
{
    return {QStringLiteral("en"), QStringLiteral("es")};
}

QString date(const QDate& date, const QString& language)
{
    if (isSpanish(language))
        return QLocale(QLocale::Spanish, QLocale::UnitedStates)
            .toString(date, QStringLiteral("d 'de' MMMM 'de' yyyy"));
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(date, QStringLiteral("MMMM d, yyyy"));
}

QString time(const QDateTime& utc)
{
    return utc.toUTC().toString(QStringLiteral("HH:mm"));
}

QDate localDate(const PlanInfo& plan, const QDateTime& utc)
{
    return utc.toTimeZone(plan.timeZone).date();
}

QString localTime(const PlanInfo& plan, const QDateTime& utc, const QString& language)
{
    const QDateTime local = utc.toTimeZone(plan.timeZone);
    const QLocale locale = isSpanish(language) ? QLocale(QLocale::Spanish, QLocale::UnitedStates)
                                               : QLocale(QLocale::English, QLocale::UnitedStates);
    const QString zone = plan.timeZone.displayName(local, QTimeZone::LongName, locale);
    return local.toString(QStringLiteral("HH:mm")) +
           (isSpanish(language) ? QStringLiteral(", ") : QStringLiteral(" ")) + zone;
}

QString localDateTime(const PlanInfo& plan, const QDateTime& utc, const QString& language)
{
    return date(localDate(plan, utc), language) + QStringLiteral(", ") + localTime(plan, utc, language);
}

QString roleTitle(UserRole role, const QString& language)
{
    if (isSpanish(language))
        return role == UserRole::MedicalDirector ? QStringLiteral("Director(a) médico(a)")
                                                 : QStringLiteral("Revisor(a) clínico(a)");
    return role == UserRole::MedicalDirector ? QStringLiteral("Medical Director")
                                             : QStringLiteral("Clinical Reviewer");
}

QString meaning(const User& signer, const QString& language)
{
    if (isSpanish(language))
        return QStringLiteral("Determinación tomada por %1, %2")
            .arg(signer.printedName(), roleTitle(signer.role, language).toLower());
    return QStringLiteral("Determination made by %1, %2")
        .arg(signer.printedName(), roleTitle(signer.role, language).toLower());
}

QString codeWords(const Policy& policy, const QString& code, const QString& language)
{
    const CodeInfo* info = policy.code(code);
    if (!info)
        return code;
    const QString english = info->letterText.isEmpty() ? info->description : info->letterText;
    return translated(info->translations, language, key("letterText"), english);
}

QString reasonText(const Policy& policy, const Reason& reason, LineOutcome outcome, const QString& language)
{
    return reasonTextFor(policy, reason.id, outcome, language, reason.text);
}

QString reasonTextFor(const Policy& policy, const QString& id, LineOutcome outcome, const QString& language,
                      const QString& fallback)
{
    const Reason reason{id, fallback};
    if (const RequestRule* rule = policy.requestRule(reason.id))
        return translated(rule->translations, language, key("missingText"), rule->missingText);
    if (const Judgment* judgment = policy.judgment(reason.id)) {
        if (outcome == LineOutcome::Pend)
            return translated(judgment->translations, language, key("missingText"), judgment->missingText);
        return translated(judgment->translations, language, key("failText"), judgment->failText);
    }
    for (const CodeRule& rule : policy.codeRules) {
        if (rule.id != reason.id)
            continue;
        if (outcome == LineOutcome::Pend)
            return translated(rule.translations, language, key("pendingText"), rule.pendingText);
        return translated(rule.translations, language, key("text"), rule.text);
    }
    return reason.text; // the physician's rationale, as written
}

QString reasonText(const LetterInput& input, const Reason& reason, LineOutcome outcome)
{
    if (reason.id == overrideReasonId() &&
        reason.text.trimmed() == input.fields.value(LetterField::clinicalRationale()).trimmed())
        return clinicalRationale(input);
    return reasonText(input.policy, reason, outcome, input.language);
}

QStringList additionalInformation(const LetterInput& input)
{
    QString written =
        input.fields.value(LetterField::additionalInformation() + QLatin1Char('.') + input.language)
            .trimmed();
    if (written.isEmpty())
        written = input.fields.value(LetterField::additionalInformation()).trimmed();
    QStringList result;
    if (!written.isEmpty())
        result.append(written);
    QStringList seen;
    for (const LineDecision& line : input.decision.lines) {
        if (line.decision != LineOutcome::Deny)
            continue;
        for (const Reason& reason : line.reasons) {
            const Judgment* judgment = input.policy.judgment(reason.id);
            if (!judgment || seen.contains(reason.id))
                continue;
            seen.append(reason.id);
            result.append(translated(judgment->translations, input.language, key("missingText"),
                                     judgment->missingText));
        }
    }
    return result;
}

QString clinicalRationale(const LetterInput& input)
{
    const QString translatedText =
        input.fields.value(LetterField::clinicalRationale() + QLatin1Char('.') + input.language).trimmed();
    return translatedText.isEmpty() ? input.fields.value(LetterField::clinicalRationale()).trimmed()
                                    : translatedText;
}

QDate letterDate(const LetterInput& input)
{
    if (input.signedAt.isValid())
        return localDate(input.plan, input.signedAt);
    if (input.issuedAt.isValid())
        return localDate(input.plan, input.issuedAt);
    return input.letterDate.isValid() ? input.letterDate
                                      : localDate(input.plan, QDateTime::currentDateTimeUtc());
}

QDate appealDeadline(const LetterInput& input)
{
    return letterDate(input).addDays(input.plan.appealDays);
}

QDate validThrough(const LetterInput& input)
{
    const QDate from = qMax(letterDate(input), input.data.request.serviceDate);
    return from.addDays(input.plan.authorizationValidDays);
}

InformationClock informationClock(const LetterInput& input)
{
    const QDateTime at = input.issuedAt.isValid()   ? input.issuedAt
                         : input.signedAt.isValid() ? input.signedAt
                                                    : QDateTime::currentDateTimeUtc();
    return RequestClock::forInformationRequest(input.data.request, input.plan.rules().clock, at);
}

QDateTime respondBy(const LetterInput& input)
{
    return informationClock(input).respondBy;
}

QStringList advisoryLetterTexts(const LetterInput& input)
{
    QStringList result;
    for (const Reason& advisory : input.decision.advisories) {
        for (const PolicyAdvisory& item : input.policy.advisories) {
            if (item.id == advisory.id && !item.letterText.isEmpty())
                result.append(
                    translated(item.translations, input.language, key("letterText"), item.letterText));
        }
    }
    return result;
}

QString policyTitle(const LetterInput& input)
{
    return translated(input.policy.titleTranslations, input.language, key("title"), input.policy.title);
}

QList<QPair<QString, QString>> criteriaReliedOn(const LetterInput& input)
{
    QList<QPair<QString, QString>> result;
    QStringList seen;
    for (const LineDecision& line : input.decision.lines) {
        if (line.decision != LineOutcome::Deny)
            continue;
        for (const Reason& reason : line.reasons) {
            if (seen.contains(reason.id))
                continue;
            seen.append(reason.id);
            const Translations* translations = nullptr;
            QString source;
            QString wording;
            if (const Judgment* judgment = input.policy.judgment(reason.id)) {
                translations = &judgment->translations;
                source = judgment->source;
                wording = judgment->wording;
            } else if (const CodeRule* rule = input.policy.codeRule(reason.id)) {
                translations = &rule->translations;
                source = rule->source;
                wording = rule->wording;
            } else {
                continue; // the physician's own rationale is printed as such
            }
            result.append({translated(*translations, input.language, key("source"), source),
                           translated(*translations, input.language, key("wording"), wording)
                               .replace(QLatin1Char('\n'), QLatin1Char(' '))});
        }
    }
    return result;
}

QString reasonCode(const LetterInput& input, const Reason& reason)
{
    if (input.plan.reasonCodes.contains(reason.id))
        return input.plan.reasonCodes.value(reason.id);
    if (const Judgment* judgment = input.policy.judgment(reason.id))
        return input.plan.reasonCodes.value(toString(judgment->kind));
    return {};
}

bool looksEnglish(const QString& text)
{
    static const QSet<QString> english{
        QStringLiteral("the"),  QStringLiteral("and"),  QStringLiteral("of"),   QStringLiteral("to"),
        QStringLiteral("is"),   QStringLiteral("was"),  QStringLiteral("with"), QStringLiteral("for"),
        QStringLiteral("that"), QStringLiteral("not"),  QStringLiteral("your"), QStringLiteral("you"),
        QStringLiteral("this"), QStringLiteral("are"),  QStringLiteral("have"), QStringLiteral("will"),
        QStringLiteral("be"),   QStringLiteral("does"), QStringLiteral("did"),  QStringLiteral("show"),
        QStringLiteral("it"),   QStringLiteral("has"),  QStringLiteral("we"),   QStringLiteral("in")};
    static const QSet<QString> spanish{
        QStringLiteral("el"),   QStringLiteral("la"),       QStringLiteral("de"),   QStringLiteral("que"),
        QStringLiteral("y"),    QStringLiteral("en"),       QStringLiteral("los"),  QStringLiteral("las"),
        QStringLiteral("por"),  QStringLiteral("con"),      QStringLiteral("su"),   QStringLiteral("para"),
        QStringLiteral("una"),  QStringLiteral("es"),       QStringLiteral("del"),  QStringLiteral("se"),
        QStringLiteral("sus"),  QStringLiteral("un"),       QStringLiteral("al"),   QStringLiteral("lo"),
        QStringLiteral("como"), QStringLiteral("muestran"), QStringLiteral("usted")};
    static const QRegularExpression word(QStringLiteral("[\\p{L}]+"));
    int en = 0;
    int es = 0;
    auto it = word.globalMatch(text.toLower());
    while (it.hasNext()) {
        const QString token = it.next().captured(0);
        en += english.contains(token) ? 1 : 0;
        es += spanish.contains(token) ? 1 : 0;
    }
    return en >= 3 && en > es;
}

QString authorizationNumber(const LetterInput& input)
{
    const QByteArray digest =
        QCryptographicHash::hash(input.caseId.toUtf8(), QCryptographicHash::Sha256).left(4).toHex();
    const quint64 number = digest.toULongLong(nullptr, 16) % 1000000;
    return letterDate(input).toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('-') +
           QStringLiteral("%1").arg(number, 6, 10, QLatin1Char('0'));
}

QString reference(const QString& caseId)
{
    return caseId.left(8);
}

QString footer(const QString& planName, const QString& memberId, const QString& caseId,
               const QString& language, qint64 auditCount, const QByteArray& auditHead)
{
    const bool spanish = language == QLatin1String("es");
    QString text =
        QStringLiteral("%1 · %2 %3 · %4 %5")
            .arg(planName, spanish ? QStringLiteral("Miembro") : QStringLiteral("Member"), memberId,
                 spanish ? QStringLiteral("Referencia") : QStringLiteral("Reference"), reference(caseId));
    if (auditCount > 0)
        text += QStringLiteral(" · %1 %2:%3")
                    .arg(spanish ? QStringLiteral("Auditoría") : QStringLiteral("Audit"))
                    .arg(auditCount)
                    .arg(QString::fromLatin1(auditHead.left(8).toHex()));
    return text;
}

} // namespace LetterText

namespace {

// The request for information's items: each missing text once, with the codes it holds pending;
// the members of an any-of group (e.g. conservative care, or the urgent exception) as one either/or item.
QVariantList missingItems(const LetterInput& input)
{
    QStringList order;
    QMap<QString, QVariantMap> items;
    for (const LineDecision& line : input.decision.lines) {
        if (line.decision != LineOutcome::Pend)
            continue;
        QMap<QString, QStringList> groups; // group id -> texts of its members on this line
        QStringList texts;
        for (const Reason& reason : line.reasons) {
            const QString text = LetterText::reasonText(input, reason, line.decision);
            if (const JudgmentGroup* group = input.policy.groupOf(reason.id)) {
                if (!groups.contains(group->id))
                    texts.append(QStringLiteral("group:") + group->id);
                groups[group->id].append(text);
            } else {
                texts.append(text);
            }
        }
        for (const QString& entry : std::as_const(texts)) {
            QString itemKey = entry;
            QVariantMap item{{key("text"), entry}, {key("either"), false}, {key("options"), QVariantList()}};
            if (entry.startsWith(QLatin1String("group:"))) {
                const QStringList options = groups.value(entry.mid(6));
                itemKey = options.join(QLatin1Char('|'));
                if (options.size() > 1) {
                    QVariantList optionList;
                    for (const QString& option : options)
                        optionList.append(QVariantMap{{key("text"), option}});
                    item = {{key("text"), QString()}, {key("either"), true}, {key("options"), optionList}};
                } else {
                    item.insert(key("text"), options.value(0));
                }
            }
            if (!items.contains(itemKey)) {
                order.append(itemKey);
                item.insert(key("codes"), QStringList());
                items.insert(itemKey, item);
            }
            QStringList codes = items[itemKey].value(key("codes")).toStringList();
            codes.append(line.code);
            items[itemKey].insert(key("codes"), codes);
        }
    }
    QVariantList result;
    for (const QString& itemKey : std::as_const(order)) {
        QVariantMap item = items.value(itemKey);
        item.insert(key("codes"), item.value(key("codes")).toStringList().join(QStringLiteral(", ")));
        result.append(item);
    }
    return result;
}

QString duration(qint64 seconds, const QString& language)
{
    const bool spanish = isSpanish(language);
    if (seconds >= 86400 * 3) // whole days, rounded down: never more time than the plan has
        return QString::number(seconds / 86400) +
               (spanish ? QStringLiteral(" días") : QStringLiteral(" days"));
    return QString::number(seconds / 3600) + (spanish ? QStringLiteral(" horas") : QStringLiteral(" hours"));
}

} // namespace

std::optional<Letter> LetterBuilder::build(const LetterInput& input, QString* error)
{
    const QString& language = input.language;
    if (!LetterText::languages().contains(language)) {
        *error = QStringLiteral("no letters in language '%1' (there are: %2)")
                     .arg(language, LetterText::languages().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const LetterKind kind = letterKindFor(input.decision.overall);
    const bool spanish = isSpanish(language);
    const PlanInfo& plan = input.plan;
    const PlanTypeRules rules = plan.rules();

    QVariantList approved;
    QVariantList denied;
    QVariantList pended;
    QVariantList allLines;
    for (const LineDecision& line : input.decision.lines) {
        QVariantList reasons;
        for (const Reason& reason : line.reasons)
            reasons.append(QVariantMap{
                {key("text"), LetterText::reasonText(input, reason, line.decision)},
                {key("reasonCode"), rules.reasonCodes ? LetterText::reasonCode(input, reason) : QString()}});
        const QVariantMap item{{key("code"), line.code},
                               {key("words"), LetterText::codeWords(input.policy, line.code, language)},
                               {key("reasons"), reasons},
                               {key("pending"), line.decision == LineOutcome::Pend}};
        allLines.append(item);
        (line.decision == LineOutcome::Approve ? approved
         : line.decision == LineOutcome::Deny  ? denied
                                               : pended)
            .append(item);
    }
    QVariantList additional;
    for (const QString& text : LetterText::additionalInformation(input))
        additional.append(QVariantMap{{key("text"), text}});
    QVariantList criteria;
    for (const auto& [section, words] : LetterText::criteriaReliedOn(input))
        criteria.append(QVariantMap{{key("section"), section}, {key("words"), words}});
    QVariantList advisories;
    for (const QString& text : LetterText::advisoryLetterTexts(input))
        advisories.append(QVariantMap{{key("text"), text}});
    QVariantList overrides;
    for (const Reason& rule : Engine(input.policy).brokenCodeRules(input.decision.lines)) {
        const CodeRule* codeRule = input.policy.codeRule(rule.id);
        overrides.append(QVariantMap{{key("words"), codeRule ? translated(codeRule->translations, language,
                                                                          key("wording"), codeRule->wording)
                                                             : rule.text}});
    }

    static const QMap<LetterKind, QPair<const char*, const char*>> subjects = {
        {LetterKind::Approval,
         {"Notice of approval of your request for services",
          "Aviso de aprobación de su solicitud de servicios"}},
        {LetterKind::Denial, {"Notice of denial of coverage", "Aviso de denegación de cobertura"}},
        {LetterKind::Partial,
         {"Notice of partial approval and partial denial of coverage",
          "Aviso de aprobación parcial y denegación parcial de cobertura"}},
        {LetterKind::InformationRequest,
         {"We need more information to decide your request",
          "Necesitamos más información para decidir su solicitud"}},
    };
    const auto subject = subjects.value(kind);
    const bool isSigned = input.signer.has_value() && input.signedAt.isValid() && !input.draft;

    QVariantMap signer;
    if (input.signer)
        signer = {{key("printedName"), input.signer->printedName()},
                  {key("phone"), input.signer->phone},
                  {key("roleTitle"), LetterText::roleTitle(input.signer->role, language)}};
    else
        signer = {{key("printedName"), QString()}, {key("phone"), QString()}, {key("roleTitle"), QString()}};

    const auto taglinePage = Taglines::forPlan(plan, error);
    if (!taglinePage)
        return std::nullopt;

    const Member& member = input.data.member;
    QStringList addressLines = member.address.lines;
    const QString cityLine = QStringLiteral("%1, %2 %3")
                                 .arg(member.address.city, member.address.state, member.address.postalCode)
                                 .trimmed();
    if (!member.address.city.isEmpty() || !member.address.postalCode.isEmpty())
        addressLines.append(cityLine);
    const InformationClock clock = LetterText::informationClock(input);
    const bool urgent = input.data.request.urgency == Urgency::Expedited;
    const auto contactName = [&language](const PlanContact& contact) {
        return contact.name.value(language, contact.name.value(key("en")));
    };
    const bool minor = LetterRequirements::isMinor(input);

    const QVariantMap context{
        {key("subject"), QString::fromUtf8(spanish ? subject.second : subject.first)},
        {key("htmlLanguage"), spanish ? QStringLiteral("es-US") : QStringLiteral("en-US")},
        {key("draft"), input.draft},
        {key("plan.name"), plan.name},
        {key("plan.department"), plan.department.value(language, plan.department.value(key("en")))},
        {key("plan.address"), lines(plan.address)},
        {key("plan.memberServicesPhone"), plan.memberServicesPhone},
        {key("plan.ttyPhone"), plan.ttyPhone},
        {key("plan.appealsPhone"), plan.appealsPhone},
        {key("plan.appealsFax"), plan.appealsFax},
        {key("plan.appealsDepartment"),
         plan.appealsDepartment.value(language, plan.appealsDepartment.value(key("en")))},
        {key("plan.appealsAddress"), lines(plan.appealsAddress)},
        {key("plan.website"), plan.website},
        {key("plan.appealDays"), QString::number(plan.appealDays)},
        {key("plan.standardAppealDays"), QString::number(plan.standardAppealDays)},
        {key("plan.expeditedAppealHours"), QString::number(plan.expeditedAppealHours)},
        {key("plan.printCodes"), plan.printCodes},
        {key("consumer.name"), contactName(plan.consumerAssistance)},
        {key("consumer.phone"), plan.consumerAssistance.phone},
        {key("consumer.website"), plan.consumerAssistance.website},
        {key("external.name"), contactName(plan.externalReview)},
        {key("external.phone"), plan.externalReview.phone},
        {key("type.erisaGroup"), plan.planType == PlanType::ErisaGroup},
        {key("type.acaIndividual"), plan.planType == PlanType::AcaIndividual},
        {key("type.commercial"),
         plan.planType == PlanType::ErisaGroup || plan.planType == PlanType::AcaIndividual},
        {key("type.medicareAdvantage"), plan.planType == PlanType::MedicareAdvantage},
        {key("type.medicaid"), plan.planType == PlanType::Medicaid},
        {key("rules.rightToSue"), rules.rightToSue},
        {key("rules.consumerAssistance"), rules.consumerAssistance},
        {key("rules.continuationOfBenefits"), rules.continuationOfBenefits},
        {key("rules.extensionGrievance"), rules.extensionGrievance && !urgent},
        {key("rules.reasonCodes"), rules.reasonCodes},
        {key("letterDate"), LetterText::date(LetterText::letterDate(input), language)},
        {key("member.name"), member.name},
        {key("member.id"), member.id},
        {key("member.birthDate"), LetterText::date(member.birthDate, language)},
        {key("member.address"), lines(addressLines)},
        {key("hasAddress"), !addressLines.isEmpty()},
        {key("minor"), minor},
        {key("guardian.name"), member.guardianName},
        {key("provider.name"), input.data.provider.name},
        {key("provider.npi"), input.data.provider.npi},
        {key("receivedDate"),
         LetterText::date(LetterText::localDate(plan, input.data.request.receivedAt), language)},
        {key("serviceDate"), LetterText::date(input.data.request.serviceDate, language)},
        {key("diagnoses"), input.data.request.diagnoses.join(QStringLiteral(", "))},
        {key("procedures"), input.data.request.lines.join(QStringLiteral(", "))},
        {key("reference"), LetterText::reference(input.caseId)},
        {key("isApproval"), kind == LetterKind::Approval},
        {key("isDenial"), kind == LetterKind::Denial},
        {key("isPartial"), kind == LetterKind::Partial},
        {key("isInformationRequest"), kind == LetterKind::InformationRequest},
        {key("hasApproved"), !approved.isEmpty() && kind != LetterKind::InformationRequest},
        {key("hasDenied"), !denied.isEmpty() && kind != LetterKind::InformationRequest},
        {key("approved"), approved},
        {key("denied"), denied},
        {key("pended"), pended},
        {key("allLines"), allLines},
        {key("missing"), missingItems(input)},
        {key("advisories"), advisories},
        {key("codeRuleOverrides"), overrides},
        {key("authorizationNumber"), LetterText::authorizationNumber(input)},
        {key("validFrom"), LetterText::date(LetterText::letterDate(input), language)},
        {key("validThrough"), LetterText::date(LetterText::validThrough(input), language)},
        {key("clinicalRationale"), LetterText::clinicalRationale(input)},
        {key("policy.title"), LetterText::policyTitle(input)},
        {key("policy.effectiveDate"), LetterText::date(input.policy.effectiveDate, language)},
        {key("criteria"), criteria},
        {key("additionalInformation"), additional},
        {key("appealDeadline"), LetterText::date(LetterText::appealDeadline(input), language)},
        {key("urgent"), urgent},
        {key("signer.printedName"), signer.value(key("printedName"))},
        {key("signer.phone"), signer.value(key("phone"))},
        {key("signer.roleTitle"), signer.value(key("roleTitle"))},
        {key("respondBy"), LetterText::localDateTime(plan, clock.respondBy, language)},
        {key("decisionAfterAnswer"), duration(clock.decisionSecondsAfterAnswer, language)},
        {key("decisionDueBy"), LetterText::localDateTime(plan, clock.decisionDueBy, language)},
        {key("clock.tolled"), clock.tolled && !urgent},
        {key("clock.extended"), !clock.tolled && !urgent},
        {key("isSigned"), isSigned},
        {key("signedDate"),
         isSigned ? LetterText::date(LetterText::localDate(plan, input.signedAt), language) : QString()},
        {key("signedTime"), isSigned ? LetterText::localTime(plan, input.signedAt, language) : QString()},
        {key("meaning"), input.signer ? LetterText::meaning(*input.signer, language) : QString()},
        {key("taglines"), Taglines::html(*taglinePage)},
    };
    const QString templatePath = QStringLiteral(":/letters/%1/letter.html").arg(language);
    const QString templateText = readResource(templatePath, error);
    if (templateText.isEmpty())
        return std::nullopt;
    const std::optional<QString> html = LetterTemplate::render(templateText, context, templatePath, error);
    if (!html)
        return std::nullopt;
    return Letter{kind, language, *html};
}

QString LetterBuilder::plainText(const QString& html)
{
    QString text = html;
    static const QRegularExpression comments(QStringLiteral("<!--.*?-->"),
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression head(QStringLiteral("<head>.*?</head>"),
                                         QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression breaks(QStringLiteral("<(br|/p|/tr|/li|/td|/table)[^>]*>"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression spaces(QStringLiteral("[ \\t\\x{00a0}]+"));
    static const QRegularExpression blankLines(QStringLiteral("\\n\\s*\\n+"));
    text.remove(comments);
    text.remove(head);
    text.replace(breaks, QStringLiteral("\n"));
    text.remove(tags);
    text.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    text.replace(spaces, QStringLiteral(" "));
    text.replace(blankLines, QStringLiteral("\n"));
    return text.trimmed();
}

} // namespace rd
