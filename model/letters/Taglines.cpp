#include "model/letters/Taglines.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace rd::Taglines {

namespace {
QString key(const char* text)
{
    return QString::fromLatin1(text);
}
} // namespace

std::optional<TaglinePage> forPlan(const PlanInfo& plan, QString* error)
{
    const QString path = QStringLiteral(":/letters/taglines.json");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject languages = root.value(key("languages")).toObject();
    TaglinePage page;
    page.heading = root.value(key("heading")).toString();
    page.nondiscrimination =
        root.value(key("nondiscrimination")).toString().replace(key("{plan}"), plan.name);
    QStringList order{key("en"), key("es")};
    for (const QString& language : plan.taglineLanguages)
        if (!order.contains(language))
            order.append(language);
    for (const QString& language : std::as_const(order)) {
        const QJsonObject item = languages.value(language).toObject();
        if (item.value(key("text")).toString().isEmpty()) {
            *error = QStringLiteral("%1: no tagline in language '%2' (plan.json taglineLanguages)")
                         .arg(path, language);
            return std::nullopt;
        }
        Tagline tagline;
        tagline.language = language;
        tagline.label = item.value(key("label")).toString();
        tagline.text = item.value(key("text"))
                           .toString()
                           .replace(key("{phone}"), plan.memberServicesPhone)
                           .replace(key("{tty}"), plan.ttyPhone);
        for (const QJsonValue& font : item.value(key("fonts")).toArray())
            tagline.fonts.append(font.toString());
        tagline.rightToLeft = item.value(key("rtl")).toBool();
        page.taglines.append(tagline);
    }
    return page;
}

QString fontFamilies(const Tagline& tagline)
{
    QStringList families;
    for (const QString& font : tagline.fonts)
        families.append(QLatin1Char('\'') + font + QLatin1Char('\''));
    families.append(QStringLiteral("'DejaVu Sans'"));
    return families.join(QStringLiteral(", "));
}

QString html(const TaglinePage& page)
{
    QString out =
        QStringLiteral(
            "<p style=\"page-break-before: always; font-family: 'DejaVu Sans'; font-size: 11pt; "
            "font-weight: bold; color: #1f4e79;\">%1</p>\n"
            "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" style=\"font-size: 8.5pt;\">\n")
            .arg(page.heading.toHtmlEscaped());
    for (const Tagline& tagline : page.taglines) {
        out += QStringLiteral("<tr><td lang=\"%1\"%2 style=\"font-family: %3;\"><b>%4:</b> %5</td></tr>\n")
                   .arg(tagline.language,
                        tagline.rightToLeft ? QStringLiteral(" dir=\"rtl\" align=\"right\"") : QString(),
                        fontFamilies(tagline).toHtmlEscaped(), tagline.label.toHtmlEscaped(),
                        tagline.text.toHtmlEscaped());
    }
    out += QStringLiteral("</table>\n<p style=\"font-family: 'DejaVu Sans'; font-size: 8.5pt;\">%1</p>\n")
               .arg(page.nondiscrimination.toHtmlEscaped());
    return out;
}

} // namespace rd::Taglines
