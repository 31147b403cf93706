#include "model/letters/LetterChecker.h"

#include "checklist/Engine.h"
#include "model/letters/LetterRequirements.h"

#include <QRegularExpression>
#include <QSet>

namespace rd {

namespace {

// Abbreviations members know from their own card; everything else in capitals must be spelled out.
const QStringList kPlainAbbreviations = {QStringLiteral("ID")};

QSet<QString> codesIn(const QString& text)
{
    static const QRegularExpression code(QStringLiteral("(?<![\\p{L}\\p{N}-])\\d{5}(?![\\p{L}\\p{N}-])"));
    QSet<QString> result;
    auto it = code.globalMatch(text);
    while (it.hasNext())
        result.insert(it.next().captured(0));
    return result;
}

// A letter in the member's own language (other than English) must be complete in it: no paragraph
// that reads as English (e.g. a physician's rationale written only in English).
void completeInLanguage(const Letter& letter, const LetterInput& input, QStringList& problems,
                        const QString& name)
{
    if (letter.language == QLatin1String("en") || letter.language != input.data.member.language)
        return;
    const QString rationale = LetterText::clinicalRationale(input);
    if (!rationale.isEmpty() && LetterText::looksEnglish(rationale))
        problems.append(QStringLiteral("%1: clinical-rationale: is in English; the member reads %2, so the "
                                       "rationale must be written in that language too (sign --rationale-%2)")
                            .arg(name, letter.language));
    const QStringList paragraphs = LetterChecker::body(letter.html).split(QLatin1Char('\n'));
    for (const QString& paragraph : paragraphs) {
        if (!LetterText::looksEnglish(paragraph) || (!rationale.isEmpty() && paragraph.contains(rationale)))
            continue;
        problems.append(QStringLiteral("%1: text: a paragraph is in English, not %2: \"%3\"")
                            .arg(name, letter.language, paragraph.simplified().left(80)));
    }
}

} // namespace

std::optional<QString> LetterChecker::element(const QString& html, const QString& name)
{
    const QString open = QStringLiteral("<!--element:%1-->").arg(name);
    const qsizetype start = html.indexOf(open);
    if (start < 0)
        return std::nullopt;
    // The matching close: elements may hold elements (the member's block holds the mailing address).
    qsizetype end = start + open.size();
    int depth = 0;
    for (;;) {
        const qsizetype close = html.indexOf(QLatin1String("<!--/element-->"), end);
        const qsizetype inner = html.indexOf(QLatin1String("<!--element:"), end);
        if (close < 0)
            return std::nullopt;
        if (inner >= 0 && inner < close) {
            ++depth;
            end = inner + 1;
            continue;
        }
        if (depth == 0) {
            end = close;
            break;
        }
        --depth;
        end = close + 1;
    }
    return LetterBuilder::plainText(html.mid(start + open.size(), end - start - open.size()));
}

QString LetterChecker::body(const QString& html)
{
    const qsizetype start = html.indexOf(QLatin1String("<!--body-->"));
    const qsizetype end = html.indexOf(QLatin1String("<!--/body-->"));
    if (start < 0 || end < start)
        return {};
    return LetterBuilder::plainText(html.mid(start, end - start));
}

QStringList LetterChecker::check(const Letter& letter, const LetterInput& input)
{
    QStringList problems;
    const QString& language = letter.language;
    const QString name = QStringLiteral("%1 letter (%2)").arg(toString(letter.kind), language);
    auto problem = [&](const QString& element, const QString& what) {
        problems.append(QStringLiteral("%1: %2: %3").arg(name, element, what));
    };
    // The element must be there and hold each of the texts.
    auto require = [&](const QString& element, const QList<QPair<QString, QString>>& texts) {
        const auto found = LetterChecker::element(letter.html, element);
        if (!found) {
            problem(element, QStringLiteral("is missing"));
            return;
        }
        if (found->trimmed().isEmpty())
            problem(element, QStringLiteral("is empty"));
        for (const auto& [what, text] : texts) {
            if (text.trimmed().isEmpty())
                problem(element, QStringLiteral("has no %1 (it is empty in the case)").arg(what));
            else if (!found->simplified().contains(text.simplified()))
                problem(element, QStringLiteral("does not state the %1 \"%2\"").arg(what, text.simplified()));
        }
    };

    const QDate date = LetterText::letterDate(input);
    const LetterKind expectedKind = letterKindFor(input.decision.overall);
    // Every element the plan type and the letter kind require (LetterRequirements), then their content.
    for (const LetterRequirement& requirement : LetterRequirements::forLetter(expectedKind, input))
        require(requirement.element, {});
    require(QStringLiteral("date"), {{QStringLiteral("letter's date"), LetterText::date(date, language)}});
    require(QStringLiteral("member"), {{QStringLiteral("member's name"), input.data.member.name},
                                       {QStringLiteral("member's ID"), input.data.member.id}});
    require(QStringLiteral("provider"), {{QStringLiteral("provider"), input.data.provider.name}});
    require(QStringLiteral("service-date"),
            {{QStringLiteral("service date"), LetterText::date(input.data.request.serviceDate, language)}});
    if (input.plan.printCodes) {
        QList<QPair<QString, QString>> codes;
        for (const QString& code : input.data.request.diagnoses + input.data.request.lines)
            codes.append({QStringLiteral("code"), code});
        require(QStringLiteral("codes"), codes);
    }
    const Address& address = input.data.member.address;
    if (!address.isEmpty()) {
        QList<QPair<QString, QString>> lines;
        for (const QString& line : address.lines + QStringList{address.city, address.postalCode})
            if (!line.isEmpty())
                lines.append({QStringLiteral("mailing address line"), line});
        require(QStringLiteral("member-address"), lines);
    }
    if (LetterRequirements::isMinor(input) && !input.data.member.guardianName.isEmpty())
        require(QStringLiteral("addressee"),
                {{QStringLiteral("guardian's name"), input.data.member.guardianName}});
    for (const QString& text : LetterText::advisoryLetterTexts(input))
        require(QStringLiteral("retrospective"), {{QStringLiteral("advisory"), text}});

    QStringList approvedCodes;
    QStringList deniedCodes;
    QStringList pendedCodes;
    for (const LineDecision& line : input.decision.lines)
        (line.decision == LineOutcome::Approve ? approvedCodes
         : line.decision == LineOutcome::Deny  ? deniedCodes
                                               : pendedCodes)
            .append(line.code);
    if (letter.kind != expectedKind)
        problem(QStringLiteral("kind"), QStringLiteral("the decision is %1, which needs a %2 letter")
                                            .arg(toString(input.decision.overall), toString(expectedKind)));

    // Each section must list exactly its lines, in words and by code, with their reasons.
    auto requireLines = [&](const QString& element, const QStringList& codes, LineOutcome outcome) {
        QList<QPair<QString, QString>> texts;
        for (const LineDecision& line : input.decision.lines) {
            if (line.decision != outcome)
                continue;
            texts.append({QStringLiteral("code"), line.code});
            texts.append({QStringLiteral("service in words for %1").arg(line.code),
                          LetterText::codeWords(input.policy, line.code, language)});
            if (outcome != LineOutcome::Approve) {
                if (line.reasons.isEmpty())
                    problem(element, QStringLiteral("line %1 has no reason").arg(line.code));
                for (const Reason& reason : line.reasons) {
                    texts.append({QStringLiteral("reason %1 for %2").arg(reason.id, line.code),
                                  LetterText::reasonText(input, reason, outcome)});
                    if (outcome == LineOutcome::Deny && input.plan.rules().reasonCodes)
                        texts.append({QStringLiteral("denial code for %1 of %2").arg(reason.id, line.code),
                                      LetterText::reasonCode(input, reason)});
                }
            }
        }
        require(element, texts);
        if (const auto found = LetterChecker::element(letter.html, element)) {
            const QSet<QString> listed = codesIn(*found);
            const QSet<QString> expected(codes.cbegin(), codes.cend());
            for (const QString& code : listed - expected)
                problem(element, QStringLiteral("lists code %1, which the decision does not %2")
                                     .arg(code, toString(outcome)));
        }
    };

    const bool signedKind = expectedKind != LetterKind::InformationRequest;
    if (signedKind && !approvedCodes.isEmpty()) {
        requireLines(QStringLiteral("approved-services"), approvedCodes, LineOutcome::Approve);
        require(
            QStringLiteral("authorization"),
            {{QStringLiteral("authorization number"), LetterText::authorizationNumber(input)},
             {QStringLiteral("first valid day"), LetterText::date(date, language)},
             {QStringLiteral("last valid day"), LetterText::date(LetterText::validThrough(input), language)},
             {QStringLiteral("provider"), input.data.provider.name}});
    }
    if (signedKind && !deniedCodes.isEmpty()) {
        requireLines(QStringLiteral("denied-services"), deniedCodes, LineOutcome::Deny);
        const QString rationale = LetterText::clinicalRationale(input);
        if (rationale.size() < 20)
            problem(QStringLiteral("clinical-rationale"),
                    QStringLiteral("needs the physician's clinical rationale for this member (a sentence or "
                                   "more; sign --rationale)"));
        else
            require(QStringLiteral("clinical-rationale"),
                    {{QStringLiteral("clinical rationale"), rationale}});
        QList<QPair<QString, QString>> criteria{
            {QStringLiteral("policy title"), LetterText::policyTitle(input)},
            {QStringLiteral("policy's effective date"),
             LetterText::date(input.policy.effectiveDate, language)}};
        for (const auto& [section, words] : LetterText::criteriaReliedOn(input)) {
            criteria.append({QStringLiteral("section relied on"), section});
            criteria.append({QStringLiteral("criterion relied on"), words});
        }
        require(QStringLiteral("criteria"), criteria);
        QList<QPair<QString, QString>> additional;
        for (const QString& text : LetterText::additionalInformation(input))
            additional.append({QStringLiteral("additional information"), text});
        if (additional.isEmpty())
            problem(
                QStringLiteral("additional-information"),
                QStringLiteral("says nothing about what could change the decision (sign --additional-info)"));
        require(QStringLiteral("additional-information"), additional);
        require(QStringLiteral("appeal"),
                {{QStringLiteral("appeal deadline"),
                  LetterText::date(LetterText::appealDeadline(input), language)},
                 {QStringLiteral("appeal window in days"), QString::number(input.plan.appealDays)},
                 {QStringLiteral("appeals phone"), input.plan.appealsPhone},
                 {QStringLiteral("appeals address"), input.plan.appealsAddress.value(0)}});
        require(QStringLiteral("appeal-decision-time"), {{QStringLiteral("standard appeal decision time"),
                                                          QString::number(input.plan.standardAppealDays)}});
        require(QStringLiteral("external-review"),
                {{QStringLiteral("independent reviewer"),
                  input.plan.externalReview.name.value(
                      language, input.plan.externalReview.name.value(QStringLiteral("en")))}});
        if (input.plan.rules().consumerAssistance)
            require(QStringLiteral("consumer-assistance"),
                    {{QStringLiteral("consumer assistance phone"), input.plan.consumerAssistance.phone}});
        require(QStringLiteral("expedited-appeal"), {{QStringLiteral("expedited appeal time"),
                                                      QString::number(input.plan.expeditedAppealHours)}});
        if (input.data.request.urgency == Urgency::Expedited) {
            const auto expedited = LetterChecker::element(letter.html, QStringLiteral("expedited-appeal"));
            if (expedited && !expedited->contains(language == QLatin1String("es") ? QStringLiteral("urgente")
                                                                                  : QStringLiteral("urgent")))
                problem(QStringLiteral("expedited-appeal"),
                        QStringLiteral("does not say that the urgent request can be appealed fast"));
        }
        require(
            QStringLiteral("peer-to-peer"),
            {{QStringLiteral("deciding physician's name"), input.signer ? input.signer->name : QString()},
             {QStringLiteral("deciding physician's phone"), input.signer ? input.signer->phone : QString()}});
        require(QStringLiteral("free-copies"), {});
    }
    if (expectedKind == LetterKind::InformationRequest) {
        requireLines(QStringLiteral("missing-information"), pendedCodes, LineOutcome::Pend);
        const InformationClock clock = LetterText::informationClock(input);
        require(QStringLiteral("respond-by"),
                {{QStringLiteral("time to respond by"),
                  LetterText::localDateTime(input.plan, clock.respondBy, language)}});
        require(QStringLiteral("decision-clock"),
                {{QStringLiteral("latest decision time"),
                  LetterText::localDateTime(input.plan, clock.decisionDueBy, language)}});
        if (clock.respondBy >= clock.decisionDueBy)
            problem(QStringLiteral("respond-by"), QStringLiteral("the answer is due after the decision"));
    } else if (!input.draft) {
        if (!input.signer)
            problem(QStringLiteral("signature"), QStringLiteral("has no signer"));
        else
            require(
                QStringLiteral("signature"),
                {{QStringLiteral("signer's printed name"), input.signer->printedName()},
                 {QStringLiteral("signer's credentials"), input.signer->credentials},
                 {QStringLiteral("signing date"),
                  LetterText::date(LetterText::localDate(input.plan, input.signedAt), language)},
                 {QStringLiteral("signing time"),
                  LetterText::localTime(input.plan, input.signedAt, language)},
                 {QStringLiteral("meaning of the signature"), LetterText::meaning(*input.signer, language)}});
    }

    // The member's text: every requested line mentioned; no code that is not a requested line, no
    // unexplained abbreviation (the policy's own words, quoted, are left as they are).
    QString text = body(letter.html);
    const QSet<QString> mentioned = codesIn(text);
    for (const QString& code : input.data.request.lines)
        if (!mentioned.contains(code))
            problem(QStringLiteral("text"),
                    QStringLiteral("does not mention the requested service %1").arg(code));
    completeInLanguage(letter, input, problems, name);
    text.remove(
        LetterText::policyTitle(input)); // quoted by name; its codes are the policy's, not the request's
    for (const auto& criterion : LetterText::criteriaReliedOn(input))
        text.remove(criterion.second);
    for (const Reason& rule : Engine(input.policy).brokenCodeRules(input.decision.lines))
        if (const CodeRule* codeRule = input.policy.codeRule(rule.id))
            text.remove(
                translated(codeRule->translations, language, QStringLiteral("wording"), codeRule->wording));
    for (const QString& line : input.plan.address + input.plan.appealsAddress +
                                   input.data.member.address.lines +
                                   QStringList{input.data.member.address.postalCode})
        if (!line.isEmpty())
            text.remove(line); // postal codes
    const QSet<QString> requested(input.data.request.lines.cbegin(), input.data.request.lines.cend());
    for (const QString& code : codesIn(text) - requested)
        problem(QStringLiteral("text"),
                QStringLiteral("mentions code %1, which is not a requested service").arg(code));
    QSet<QString> allowed(kPlainAbbreviations.cbegin(), kPlainAbbreviations.cend());
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"));
    QStringList proper = {input.plan.name, input.data.provider.name, input.data.member.name};
    proper += input.plan.address + input.plan.appealsAddress;
    if (input.signer)
        proper += {input.signer->credentials, input.signer->name};
    for (const QString& source : std::as_const(proper)) {
        auto it = word.globalMatch(source);
        while (it.hasNext())
            allowed.insert(it.next().captured(0));
    }
    static const QRegularExpression acronym(
        QStringLiteral("(?<![\\p{L}\\p{N}])\\p{Lu}{2,}(?![\\p{L}\\p{N}])"));
    QSet<QString> reported;
    auto it = acronym.globalMatch(text);
    while (it.hasNext()) {
        const QString token = it.next().captured(0);
        if (allowed.contains(token) || reported.contains(token))
            continue;
        const bool explained = text.contains(QStringLiteral("(%1)").arg(token)) ||
                               text.contains(QStringLiteral("(%1,").arg(token));
        if (!explained) {
            problem(QStringLiteral("text"),
                    QStringLiteral("uses the abbreviation %1 without spelling it out").arg(token));
            reported.insert(token);
        }
    }
    return problems;
}

} // namespace rd
