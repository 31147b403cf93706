// The language-assistance taglines printed with every letter (45 CFR 92.11): English, Spanish and the
// plan's state's top languages (plan.json "taglineLanguages"), from ":/letters/taglines.json". Each
// tagline names the fonts that draw its script; the package depends on those fonts.
#pragma once

#include "model/letters/PlanInfo.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

struct TaglinePage
{
    QString heading;
    QString nondiscrimination; // the plan's name filled in
    QList<struct Tagline> taglines;
};

struct Tagline
{
    QString language; // BCP 47: "zh-Hant"
    QString label;    // the language's own name
    QString text;     // phone numbers filled in
    QStringList fonts;
    bool rightToLeft = false;
};

namespace Taglines {

// English, Spanish, then the plan's languages (each once). Fails when a language has no tagline.
std::optional<TaglinePage> forPlan(const PlanInfo& plan, QString* error);
// The HTML of the taglines page.
QString html(const TaglinePage& page);
// The CSS font-family list for a tagline: its own fonts, then DejaVu Sans.
QString fontFamilies(const Tagline& tagline);

} // namespace Taglines

} // namespace rd
