#include "model/letters/Letter.h"

#include "model/letters/LetterTemplate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

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

std::optional<PlanInfo> PlanInfo::load(const QString& home, QString* error)
{
    QString path = QDir(home).filePath(QStringLiteral("plan.json"));
    if (home.isEmpty() || !QFile::exists(path))
        path = QStringLiteral(":/letters/plan.json");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError ||
        root.value(key("format")).toString() != QLatin1String("reviewdesk-plan")) {
        *error = QStringLiteral("%1: not a plan file (format \"reviewdesk-plan\")").arg(path);
        return std::nullopt;
    }
    auto strings = [&root](const char* name) {
        QStringList result;
        for (const QJsonValue& value : root.value(key(name)).toArray())
            result.append(value.toString());
        return result;
    };
    PlanInfo plan;
    plan.name = root.value(key("name")).toString();
    const QJsonObject department = root.value(key("department")).toObject();
    for (auto it = department.constBegin(); it != department.constEnd(); ++it)
        plan.department.insert(it.key(), it.value().toString());
    plan.address = strings("address");
    plan.memberServicesPhone = root.value(key("memberServicesPhone")).toString();
    plan.ttyPhone = root.value(key("ttyPhone")).toString();
    plan.appealsPhone = root.value(key("appealsPhone")).toString();
    plan.appealsFax = root.value(key("appealsFax")).toString();
    plan.appealsAddress = strings("appealsAddress");
    plan.website = root.value(key("website")).toString();
    plan.appealDays = root.value(key("appealDays")).toInt(60);
    plan.expeditedAppealHours = root.value(key("expeditedAppealHours")).toInt(72);
    plan.authorizationValidDays = root.value(key("authorizationValidDays")).toInt(90);
    plan.informationResponseDays = root.value(key("informationResponseDays")).toInt(14);
    if (plan.name.isEmpty() || plan.memberServicesPhone.isEmpty() || plan.appealsPhone.isEmpty() ||
        plan.appealsAddress.isEmpty() || plan.appealDays < 1) {
        *error = QStringLiteral("%1: needs name, memberServicesPhone, appealsPhone, appealsAddress and "
                                "appealDays")
                     .arg(path);
        return std::nullopt;
    }
    return plan;
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
        return input.signedAt.toUTC().date();
    return input.letterDate.isValid() ? input.letterDate : QDate::currentDate();
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

QDate respondBy(const LetterInput& input)
{
    return letterDate(input).addDays(input.plan.informationResponseDays);
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

} // namespace LetterText

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

    QVariantList approved;
    QVariantList denied;
    QVariantList pended;
    for (const LineDecision& line : input.decision.lines) {
        QVariantList reasons;
        for (const Reason& reason : line.reasons)
            reasons.append(QVariantMap{{key("text"), LetterText::reasonText(input, reason, line.decision)}});
        const QVariantMap item{{key("code"), line.code},
                               {key("words"), LetterText::codeWords(input.policy, line.code, language)},
                               {key("reasons"), reasons}};
        (line.decision == LineOutcome::Approve ? approved
         : line.decision == LineOutcome::Deny  ? denied
                                               : pended)
            .append(item);
    }
    // A request for information lists each missing item once, with the lines it holds pending.
    QStringList missingOrder;
    QMap<QString, QPair<QString, QStringList>> missingItems; // text -> (text, codes)
    for (const LineDecision& line : input.decision.lines) {
        if (line.decision != LineOutcome::Pend)
            continue;
        for (const Reason& reason : line.reasons) {
            const QString text = LetterText::reasonText(input, reason, line.decision);
            if (!missingItems.contains(text)) {
                missingOrder.append(text);
                missingItems.insert(text, {text, {}});
            }
            missingItems[text].second.append(line.code);
        }
    }
    QVariantList missing;
    for (const QString& text : std::as_const(missingOrder))
        missing.append(QVariantMap{
            {key("text"), text}, {key("codes"), missingItems.value(text).second.join(QStringLiteral(", "))}});
    QVariantList additional;
    for (const QString& text : LetterText::additionalInformation(input))
        additional.append(QVariantMap{{key("text"), text}});

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
    const PlanInfo& plan = input.plan;
    const bool isSigned = input.signer.has_value() && input.signedAt.isValid() && !input.draft;

    QVariantMap signer;
    if (input.signer)
        signer = {{key("printedName"), input.signer->printedName()},
                  {key("phone"), input.signer->phone},
                  {key("roleTitle"), LetterText::roleTitle(input.signer->role, language)}};
    else
        signer = {{key("printedName"), QString()}, {key("phone"), QString()}, {key("roleTitle"), QString()}};

    QString message;
    const QString taglinesTemplate = readResource(QStringLiteral(":/letters/taglines.html"), &message);
    if (taglinesTemplate.isEmpty()) {
        *error = message;
        return std::nullopt;
    }
    const QString taglines = LetterTemplate::render(
        taglinesTemplate,
        {{key("phone"), plan.memberServicesPhone}, {key("tty"), plan.ttyPhone}, {key("planName"), plan.name}},
        QStringLiteral(":/letters/taglines.html"), &message);
    if (taglines.isEmpty()) {
        *error = message;
        return std::nullopt;
    }

    const QVariantMap context{
        {key("subject"), QString::fromUtf8(spanish ? subject.second : subject.first)},
        {key("draft"), input.draft},
        {key("plan.name"), plan.name},
        {key("plan.department"), plan.department.value(language, plan.department.value(key("en")))},
        {key("plan.address"), lines(plan.address)},
        {key("plan.memberServicesPhone"), plan.memberServicesPhone},
        {key("plan.ttyPhone"), plan.ttyPhone},
        {key("plan.appealsPhone"), plan.appealsPhone},
        {key("plan.appealsFax"), plan.appealsFax},
        {key("plan.appealsAddress"), lines(plan.appealsAddress)},
        {key("plan.website"), plan.website},
        {key("plan.appealDays"), QString::number(plan.appealDays)},
        {key("plan.expeditedAppealHours"), QString::number(plan.expeditedAppealHours)},
        {key("letterDate"), LetterText::date(LetterText::letterDate(input), language)},
        {key("member.name"), input.data.member.name},
        {key("member.id"), input.data.member.id},
        {key("member.birthDate"), LetterText::date(input.data.member.birthDate, language)},
        {key("provider.name"), input.data.provider.name},
        {key("provider.npi"), input.data.provider.npi},
        {key("receivedDate"), LetterText::date(input.data.request.receivedAt.toUTC().date(), language)},
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
        {key("missing"), missing},
        {key("authorizationNumber"), LetterText::authorizationNumber(input)},
        {key("validFrom"), LetterText::date(LetterText::letterDate(input), language)},
        {key("validThrough"), LetterText::date(LetterText::validThrough(input), language)},
        {key("clinicalRationale"), LetterText::clinicalRationale(input)},
        {key("policy.title"), input.policy.title},
        {key("policy.effectiveDate"), LetterText::date(input.policy.effectiveDate, language)},
        {key("additionalInformation"), additional},
        {key("appealDeadline"), LetterText::date(LetterText::appealDeadline(input), language)},
        {key("urgent"), input.data.request.urgency == Urgency::Expedited},
        {key("signer.printedName"), signer.value(key("printedName"))},
        {key("signer.phone"), signer.value(key("phone"))},
        {key("signer.roleTitle"), signer.value(key("roleTitle"))},
        {key("respondBy"), LetterText::date(LetterText::respondBy(input), language)},
        {key("isSigned"), isSigned},
        {key("signedDate"), isSigned ? LetterText::date(input.signedAt.toUTC().date(), language) : QString()},
        {key("signedTime"), isSigned ? LetterText::time(input.signedAt) : QString()},
        {key("meaning"), input.signer ? LetterText::meaning(*input.signer, language) : QString()},
        {key("taglines"), taglines},
    };
    const QString templatePath = QStringLiteral(":/letters/%1/letter.html").arg(language);
    const QString templateText = readResource(templatePath, error);
    if (templateText.isEmpty())
        return std::nullopt;
    QString html = LetterTemplate::render(templateText, context, templatePath, error);
    if (html.isEmpty())
        return std::nullopt;
    return Letter{kind, language, html};
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
