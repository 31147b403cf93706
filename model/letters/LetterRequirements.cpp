#include "model/letters/LetterRequirements.h"

#include "checklist/Engine.h"

namespace rd::LetterRequirements {

namespace {

using When = LetterRequirement::When;
const QList<LetterKind> kAll{LetterKind::Approval, LetterKind::Denial, LetterKind::Partial,
                             LetterKind::InformationRequest};
const QList<LetterKind> kDecided{LetterKind::Approval, LetterKind::Denial, LetterKind::Partial};
const QList<LetterKind> kAdverse{LetterKind::Denial, LetterKind::Partial};
const QList<LetterKind> kApproved{LetterKind::Approval, LetterKind::Partial};
const QList<LetterKind> kRfi{LetterKind::InformationRequest};
const QList<PlanType> kAllTypes{PlanType::ErisaGroup, PlanType::AcaIndividual, PlanType::MedicareAdvantage,
                                PlanType::Medicaid};
const QList<PlanType> kCommercial{PlanType::ErisaGroup, PlanType::AcaIndividual};
const QList<PlanType> kPublic{PlanType::MedicareAdvantage, PlanType::Medicaid};

QList<LetterRequirement> table()
{
    const auto s = [](const char* text) {
        return QString::fromUtf8(text);
    };
    return {
        {s("date"), s("the letter's date, in the plan's time zone"),
         s("29 CFR 2560.503-1(g); 42 CFR 438.404(a)"), kAll, kAllTypes, When::Always},
        {s("member"), s("member's name and ID"), s("45 CFR 147.136(e)(2)(i); 42 CFR 422.568(e)"), kAll,
         kAllTypes, When::Always},
        {s("member-address"), s("member's mailing address"),
         s("42 CFR 438.404(a) (written notice to the enrollee)"), kAll, kAllTypes, When::AddressGiven},
        {s("addressee"), s("a minor's letter is addressed to the parent or guardian"),
         s("42 CFR 438.404(a); state minor-consent rules"), kAll, kAllTypes, When::Minor},
        {s("provider"), s("requesting provider"), s("45 CFR 147.136(e)(2)(i)"), kAll, kAllTypes,
         When::Always},
        {s("service-date"), s("date of service and date received"), s("45 CFR 147.136(e)(2)(i)"), kAll,
         kAllTypes, When::Always},
        {s("codes"), s("diagnosis and procedure codes, or that they are free on request"),
         s("45 CFR 147.136(e)(2)(ii)(B); 29 CFR 2590.715-2719(b)(2)(ii)(E)"), kAll, kAllTypes, When::Always},
        {s("retrospective"), s("the service was requested after it was given"),
         s("review-rules.md, Advisories"), kAll, kAllTypes, When::Retrospective},
        {s("approved-services"), s("each approved service in words, with its code"),
         s("42 CFR 422.568(d); CMS-0057-F"), kApproved, kAllTypes, When::Always},
        {s("authorization"), s("authorization number and the dates it is valid"),
         s("CMS-0057-F (42 CFR 422.122)"), kApproved, kAllTypes, When::Always},
        {s("denied-services"),
         s("each denied service, the specific reason and, where the plan type requires, the "
           "denial code and its meaning"),
         s("29 CFR 2560.503-1(g)(1)(i); 45 CFR 147.136(e)(2)(ii)(C); 42 CFR 422.568(e)(2); 42 CFR "
           "438.404(b)(2)"),
         kAdverse, kAllTypes, When::Always},
        {s("clinical-rationale"), s("the physician's clinical explanation for this member"),
         s("29 CFR 2560.503-1(g)(1)(v)(B); 42 CFR 422.566(d)"), kAdverse, kAllTypes, When::Always},
        {s("criteria"),
         s("the criterion relied on: policy title, section and its words; free copy on request"),
         s("29 CFR 2560.503-1(g)(1)(ii), (v)(A); 42 CFR 438.404(b)(2); CMS-0057-F"), kAdverse, kAllTypes,
         When::Always},
        {s("additional-information"), s("what could change the decision"), s("29 CFR 2560.503-1(g)(1)(iii)"),
         kAdverse, kAllTypes, When::Always},
        {s("code-rule-override"), s("a physician's override of a coding rule, named"),
         s("review-rules.md, code rules"), kDecided, kAllTypes, When::CodeRuleOverride},
        {s("appeal"), s("the right to appeal, the window and how to file"),
         s("29 CFR 2560.503-1(g)(1)(iv), (h)(3)(i); 42 CFR 422.568(e)(3), 422.582; 42 CFR 438.404(b)(3), "
           "438.402(c)(2)(ii)"),
         kAdverse, kAllTypes, When::Always},
        {s("appeal-decision-time"), s("how long a standard appeal decision takes"),
         s("29 CFR 2560.503-1(g)(1)(iv), (i)(2)(ii); 42 CFR 422.590(a); 42 CFR 438.408(b)(2)"), kAdverse,
         kAllTypes, When::Always},
        {s("expedited-appeal"), s("the fast appeal: when and how, and its decision time"),
         s("29 CFR 2560.503-1(g)(1)(vi); 42 CFR 422.584, 422.590(e); 42 CFR 438.404(b)(5), 438.408(b)(3)"),
         kAdverse, kAllTypes, When::Always},
        {s("external-review"), s("independent review: who, how, when, and the expedited one"),
         s("45 CFR 147.136(d), (e)(2)(iv); 29 CFR 2590.715-2719(c); 42 CFR 422.592; 42 CFR 438.408(f)"),
         kAdverse, kAllTypes, When::Always},
        {s("right-to-sue"),
         s("the right to bring a civil action under ERISA section 502(a)"),
         s("29 CFR 2560.503-1(g)(1)(iv)"),
         kAdverse,
         {PlanType::ErisaGroup},
         When::Always},
        {s("consumer-assistance"), s("the state's consumer assistance program"),
         s("45 CFR 147.136(e)(2)(vi); PHS Act 2793"), kAdverse, kCommercial, When::Always},
        {s("continuation-of-benefits"),
         s("the right to continued benefits during the appeal"),
         s("42 CFR 438.404(b)(6), 438.420"),
         kAdverse,
         {PlanType::Medicaid},
         When::Always},
        {s("peer-to-peer"), s("the deciding physician, for the provider to call"),
         s("42 CFR 422.568(c); CMS-0057-F"), kAdverse, kAllTypes, When::Always},
        {s("free-copies"), s("free copies of the records used"),
         s("29 CFR 2560.503-1(h)(2)(iii); 42 CFR 438.404(b)(2)"), kAdverse, kAllTypes, When::Always},
        {s("missing-information"),
         s("every requested service and what is missing, alternatives asked as one"),
         s("29 CFR 2560.503-1(f)(2)(iii)(B); 42 CFR 422.568(b)(1)"), kRfi, kAllTypes, When::Always},
        {s("respond-by"), s("the date and time to answer by"),
         s("29 CFR 2560.503-1(f)(2)(i), (f)(2)(iii)(B)"), kRfi, kAllTypes, When::Always},
        {s("decision-clock"), s("when the decision comes after the answer (tolled or extended clock)"),
         s("29 CFR 2560.503-1(f)(4); 42 CFR 422.568(b)(1), 422.572(b); 42 CFR 438.210(d)"), kRfi, kAllTypes,
         When::Always},
        {s("extension-grievance"), s("the right to file a fast grievance about the extension"),
         s("42 CFR 422.568(b)(2); 42 CFR 438.404(c)(4)"), kRfi, kPublic, When::Standard},
        {s("signature"), s("who signed, when (plan time zone) and what the signature means"),
         s("42 CFR 422.566(d); 21 CFR 11.50 (signature manifestation)"), kDecided, kAllTypes, When::Always},
        {s("taglines"), s("taglines in the state's top 15 languages, readable"), s("45 CFR 92.11"), kAll,
         kAllTypes, When::Always},
    };
}

} // namespace

const QList<LetterRequirement>& all()
{
    static const QList<LetterRequirement> requirements = table();
    return requirements;
}

bool isMinor(const LetterInput& input)
{
    const QDate birth = input.data.member.birthDate;
    return birth.isValid() && LetterText::letterDate(input) < birth.addYears(18);
}

QList<LetterRequirement> forLetter(LetterKind kind, const LetterInput& input)
{
    QList<LetterRequirement> result;
    for (const LetterRequirement& requirement : all()) {
        if (!requirement.kinds.contains(kind) || !requirement.planTypes.contains(input.plan.planType))
            continue;
        bool applies = true;
        switch (requirement.when) {
        case When::Always:
            break;
        case When::AddressGiven:
            applies = !input.data.member.address.isEmpty();
            break;
        case When::Minor:
            applies = isMinor(input);
            break;
        case When::Retrospective:
            applies = !LetterText::advisoryLetterTexts(input).isEmpty();
            break;
        case When::CodeRuleOverride:
            applies = !Engine(input.policy).brokenCodeRules(input.decision.lines).isEmpty();
            break;
        case When::Standard:
            applies = input.data.request.urgency == Urgency::Standard;
            break;
        }
        if (applies)
            result.append(requirement);
    }
    return result;
}

} // namespace rd::LetterRequirements
