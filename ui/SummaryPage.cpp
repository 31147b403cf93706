#include "SummaryPage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace rd {

namespace {
QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString decisionColor(const QString& decision)
{
    if (decision == QLatin1String("approve") || decision == QLatin1String("approved"))
        return QStringLiteral("#1b6e2a");
    if (decision == QLatin1String("deny") || decision == QLatin1String("denied"))
        return QStringLiteral("#a3141e");
    return QStringLiteral("#8a5a00");
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

void SummaryPage::setDecision(const DecisionSummary& decision, const QList<ChecklistStep>& steps,
                              int unanswered)
{
    auto titleOf = [&steps](const QString& id) {
        for (const ChecklistStep& step : steps)
            if (step.id == id)
                return step.title.isEmpty() ? id : step.title;
        return id;
    };
    QString html;
    if (!decision.error.isEmpty()) {
        html += QStringLiteral("<p style='color:#a3141e'><b>%1</b><br>%2</p>")
                    .arg(esc(tr("The case cannot be decided yet:")), esc(decision.error));
        m_browser->setHtml(html);
        return;
    }
    html += QStringLiteral("<p style='font-size:large'><b style='color:%1'>%2</b></p>")
                .arg(decisionColor(decision.overall), esc(overallLabel(decision.overall)));
    QStringList facts;
    if (decision.dueBy.isValid())
        facts << esc(tr("Decision due by %1")
                         .arg(QLocale().toString(decision.dueBy.toLocalTime(), QLocale::LongFormat)));
    if (decision.physicianReviewRequired)
        facts << QStringLiteral("<b>%1</b>")
                     .arg(esc(tr("A denied line requires the medical director's determination.")));
    if (unanswered > 0)
        facts << esc(tr("%n judgment(s) not answered yet.", nullptr, unanswered));
    if (!decision.policyId.isEmpty())
        facts << esc(tr("Policy %1, version %2").arg(decision.policyId, decision.policyVersion));
    html += QStringLiteral("<p>%1</p>").arg(facts.join(QStringLiteral("<br>")));

    html += QStringLiteral(
        "<table cellspacing='0' cellpadding='5' width='100%' style='border-collapse:collapse'>");
    html +=
        QStringLiteral("<tr><th align='left'>%1</th><th align='left'>%2</th><th align='left'>%3</th></tr>")
            .arg(esc(tr("Code")), esc(tr("Decision")), esc(tr("Reasons")));
    for (const LineOutcome& line : decision.lines) {
        QStringList reasons;
        for (const auto& reason : line.reasons)
            reasons << QStringLiteral("%1 <span style='color:gray'>(<a href='step:%2'>%2</a>)</span>")
                           .arg(esc(reason.second), esc(reason.first));
        html += QStringLiteral(
                    "<tr><td valign='top'><b>%1</b></td><td valign='top'><b style='color:%2'>%3</b></td>"
                    "<td valign='top'>%4</td></tr>")
                    .arg(esc(line.code), decisionColor(line.decision), esc(decisionLabel(line.decision)),
                         reasons.isEmpty() ? QStringLiteral("—") : reasons.join(QStringLiteral("<br>")));
    }
    html += QStringLiteral("</table>");

    if (!decision.missingInformation.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><ul>").arg(esc(tr("Missing information")));
        for (const auto& missing : decision.missingInformation)
            html += QStringLiteral("<li><a href='step:%1'>%2</a></li>")
                        .arg(esc(missing.first),
                             esc(missing.second.isEmpty() ? titleOf(missing.first) : missing.second));
        html += QStringLiteral("</ul>");
    }
    if (!decision.advisories.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><ul>").arg(esc(tr("Advisories")));
        for (const auto& advisory : decision.advisories)
            html += QStringLiteral("<li>%1</li>").arg(esc(advisory.second));
        html += QStringLiteral("</ul>");
    }
    m_browser->setHtml(html);
}

QString SummaryPage::plainText() const
{
    return m_browser->toPlainText();
}

} // namespace rd
