// The health plan's settings for letters (docs/sign-off-and-letters.md, "The plan's settings"): the
// organization's, not a person's. plan.json in the installation's configuration folder
// (REVIEWDESK_CONFIG_DIR, else /etc/reviewdesk); without one, the demo plan compiled in
// (":/letters/plan.json"). The plan type sets what its notices must say (PlanTypeRules).
#pragma once

#include "checklist/RequestClock.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace rd {

// 45 CFR 92.11: taglines in at least the state's top 15 languages.
inline constexpr int kTaglineLanguagesRequired = 15;

// What a plan type's notices must give: the appeal window, the appeal decision times and which
// paragraphs apply. The numbers are the rules' (29 CFR 2560.503-1, 45 CFR 147.136, 42 CFR 422.568-590,
// 42 CFR 438.404-420); the words are in the letter templates.
struct PlanTypeRules
{
    PlanType type = PlanType::ErisaGroup;
    int minimumAppealDays = 180;     // the shortest appeal window the plan may give
    int standardAppealDays = 30;     // the longest a pre-service appeal decision may take
    int expeditedAppealHours = 72;   // the longest an urgent appeal decision may take
    bool rightToSue = false;         // ERISA 502(a)
    bool consumerAssistance = false; // PHS Act 2793 consumer assistance program (45 CFR 147.136(e)(2)(vi))
    bool reasonCodes = false;        // the denial code and its meaning (45 CFR 147.136(e)(2)(ii)(C))
    bool continuationOfBenefits = false; // 42 CFR 438.404(b)(6), 438.420
    bool extensionGrievance = false; // a taken extension can be grieved (42 CFR 422.568(b)(2), 438.404(c)(4))
    ClockRules clock;

    static PlanTypeRules forType(PlanType type);
};

struct PlanContact
{
    QMap<QString, QString> name; // by language
    QString phone;
    QString website;
};

struct PlanInfo
{
    QString name;
    PlanType planType = PlanType::ErisaGroup;
    QTimeZone timeZone = QTimeZone::utc();
    QString state;                            // two letters: the taglines' state
    QMap<QString, QString> department;        // by language
    QMap<QString, QString> appealsDepartment; // by language
    QStringList address;
    QString memberServicesPhone;
    QString ttyPhone;
    QString appealsPhone;
    QString appealsFax;
    QStringList appealsAddress;
    QString website;
    int appealDays = 180;
    int standardAppealDays = 30;
    int expeditedAppealHours = 72;
    int authorizationValidDays = 90;
    bool printCodes = true;             // false: the codes are "available free on request"
    QMap<QString, QString> reasonCodes; // reason id, "criterion" or "exclusion" -> the plan's code
    PlanContact consumerAssistance;     // the state's consumer assistance program
    PlanContact externalReview;         // who reviews independently (IRO, IRE, the state's hearing office)
    QStringList taglineLanguages;       // the state's top languages, in order (at least 15)

    PlanTypeRules rules() const { return PlanTypeRules::forType(planType); }

    // The installation's configuration folder: REVIEWDESK_CONFIG_DIR, else /etc/reviewdesk.
    static QString configDir();
    // plan.json in folder (configDir() when empty), else the compiled-in demo plan.
    static std::optional<PlanInfo> load(const QString& folder, QString* error);
    static std::optional<PlanInfo> parse(const QByteArray& json, const QString& path, QString* error);
};

} // namespace rd
