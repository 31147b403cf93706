#include "ui/case/SummaryPage.h"

#include "ui/Palette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

namespace {
QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString decisionColor(const QString& decision)
{
    if (decision == QLatin1String("approve") || decision == QLatin1String("approved"))
        return palette::tone(palette::Tone::Good).name();
    if (decision == QLatin1String("deny") || decision == QLatin1String("denied"))
        return palette::tone(palette::Tone::Bad).name();
    return palette::tone(palette::Tone::Caution).name();
}
} // namespace

SummaryPage::SummaryPage(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Summary"), this))
    , m_browser(new QTextBrowser(this))
    , m_route(new QPushButton(tr("Route case…  [Ctrl+R]"), this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_browser->setOpenLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    m_browser->setAccessibleName(tr("Decision summary"));
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("step"))
            Q_EMIT stepRequested(url.path());
    });
    m_route->setFocusPolicy(Qt::TabFocus);
    connect(m_route, &QPushButton::clicked, this, &SummaryPage::routeRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_route);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(m_title);
    layout->addWidget(m_browser, 1);
    layout->addLayout(buttons);
}

QString SummaryPage::overallLabel(const QString& overall)
{
    if (overall == QLatin1String("approved"))
        return tr("Approved");
    if (overall == QLatin1String("denied"))
        return tr("Denied");
    if (overall == QLatin1String("partial"))
        return tr("Partially approved");
    if (overall == QLatin1String("pended"))
        return tr("Pended");
    return overall;
}

QString SummaryPage::decisionLabel(const QString& decision)
{
    if (decision == QLatin1String("approve"))
        return tr("Approve");
    if (decision == QLatin1String("deny"))
        return tr("Deny");
    if (decision == QLatin1String("pend"))
        return tr("Pend");
    return decision;
}

void SummaryPage::setDecision(const DecisionSummary& summary, const QList<ChecklistStep>& steps,
                              int unanswered, const ReviewEngine* engine)
{
    auto isStep = [&steps](const QString& id) {
        return std::any_of(steps.cbegin(), steps.cend(),
                           [&id](const ChecklistStep& step) { return step.id == id; });
    };
    auto titleOf = [&steps](const QString& id) {
        for (const ChecklistStep& step : steps)
            if (step.id == id)
                return step.title.isEmpty() ? id : step.title;
        return id;
    };
    QString html;
    if (!summary.error.isEmpty()) {
        html += QStringLiteral("<p style='color:%1'><b>%2</b><br>%3</p>")
                    .arg(palette::tone(palette::Tone::Bad).name(), esc(tr("The case cannot be decided yet:")),
                         esc(summary.error));
        m_html = html;
        applyHtml();
        return;
    }
    const Decision& decision = summary.decision;
    const QString overall = toString(decision.overall);
    html += QStringLiteral("<p style='font-size:x-large'><b style='color:%1'>%2</b></p>")
                .arg(decisionColor(overall), esc(overallLabel(overall)));
    QStringList facts;
    if (decision.dueBy.isValid())
        facts << esc(tr("Decision due by %1 (%2)")
                         .arg(QLocale().toString(decision.dueBy.toLocalTime(),
                                                 tr("ddd MMM d yyyy, HH:mm", "date format (QDateTime)")),
                              formatUtc(decision.dueBy)));
    if (decision.physicianReviewRequired)
        facts << QStringLiteral("<b>%1</b>")
                     .arg(esc(tr("A denied line requires the medical director's determination.")));
    if (unanswered > 0)
        facts << esc(tr("Not answered yet: %1 (counted as unknown).").arg(unanswered));
    bool anyDeny = false;
    bool anyPend = false;
    for (const LineDecision& line : decision.lines) {
        anyDeny = anyDeny || line.decision == LineOutcome::Deny;
        anyPend = anyPend || line.decision == LineOutcome::Pend;
    }
    const QString next = anyPend ? tr("Routing (Ctrl+R) pends the case for information.")
                         : anyDeny
                             ? tr("Routing (Ctrl+R) sends the case to the medical director.")
                             : tr("Routing (Ctrl+R) finalizes the case: signed, the approval letter made.");
    facts << QStringLiteral("<i>%1</i>").arg(esc(next));
    html += QStringLiteral("<p>%1</p>").arg(facts.join(QStringLiteral("<br>")));

    // Rich text knows no palette(): the palette's colours are written in. The code and decision
    // columns do not wrap (a long word in another language would break in the middle).
    const QString muted = palette::muted(m_browser->palette()).name();
    html += QStringLiteral("<table cellspacing='0' cellpadding='6' width='100%'>");
    html +=
        QStringLiteral(
            "<tr style='background:%4'><th align='left' style='white-space:nowrap'>%1</th><th align='left' "
            "style='white-space:nowrap'>%2</th>"
            "<th align='left' width='70%'>%3</th></tr>")
            .arg(esc(tr("Code")), esc(tr("Decision")), esc(tr("Reasons")),
                 m_browser->palette().color(QPalette::AlternateBase).name());
    for (const LineDecision& line : decision.lines) {
        QStringList reasons;
        for (const Reason& reason : line.reasons)
            reasons << (isStep(reason.id)
                            ? QStringLiteral("%1 <span style='color:%3; white-space:nowrap'>(<a "
                                             "href='step:%2'>%2</a>)</span>")
                                  .arg(esc(reason.text), esc(reason.id), muted)
                            : esc(reason.text)); // a rule of the request or the codes, not a step
        const QString outcome = toString(line.decision);
        html +=
            QStringLiteral("<tr><td valign='top' style='white-space:nowrap'><b>%1</b></td><td valign='top' "
                           "style='white-space:nowrap'><b style='color:%2'>%3</b></td>"
                           "<td valign='top'>%4</td></tr>")
                .arg(esc(line.code), decisionColor(outcome), esc(decisionLabel(outcome)),
                     reasons.isEmpty() ? QStringLiteral("—") : reasons.join(QStringLiteral("<br>")));
    }
    html += QStringLiteral("</table>");

    if (!decision.missingInformation.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><ul>").arg(esc(tr("Missing information")));
        for (const QString& id : decision.missingInformation) {
            if (isStep(id))
                html += QStringLiteral("<li><a href='step:%1'>%2</a> <span style='color:%3; "
                                       "white-space:nowrap'>(%1)</span></li>")
                            .arg(esc(id), esc(titleOf(id)), muted);
            else // a fact of the request (no diagnosis code), not a step to answer
                html += QStringLiteral("<li>%1</li>")
                            .arg(esc(engine ? engine->missingInformationText(id) : titleOf(id)));
        }
        html += QStringLiteral("</ul>");
    }
    if (!decision.advisories.isEmpty()) {
        html +=
            QStringLiteral("<h4>%1</h4><ul>").arg(esc(tr("Advisories (they do not change the decision)")));
        for (const Reason& advisory : decision.advisories)
            html += QStringLiteral("<li>%1</li>").arg(esc(advisory.text));
        html += QStringLiteral("</ul>");
    }
    html += QStringLiteral("<p style='color:%2'>%1</p>")
                .arg(esc(tr("Policy %1, version %2").arg(decision.policyId, decision.policyVersion)), muted);
    m_html = html;
    applyHtml();
}

void SummaryPage::applyHtml()
{
    // Parsing and laying out the table is the costly part, and every answer changes the decision.
    m_htmlPending = !isVisible();
    if (!m_htmlPending)
        m_browser->setHtml(m_html);
}

void SummaryPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_htmlPending)
        applyHtml();
}

QString SummaryPage::plainText()
{
    if (m_htmlPending)
        m_browser->setHtml(m_html);
    m_htmlPending = false;
    return m_browser->toPlainText();
}

} // namespace rd
