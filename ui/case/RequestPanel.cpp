#include "ui/case/RequestPanel.h"

#include "ui/DueClock.h"
#include "ui/Palette.h"
#include "ui/case/SummaryPage.h"

#include <QFocusEvent>
#include <QLocale>
#include <QSettings>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

namespace {
const auto kExpandedKey = QStringLiteral("caseView/requestExpanded");

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString dateText(const QDate& date)
{
    return QLocale().toString(date, RequestPanel::tr("MMM d, yyyy", "date format (QDate)"));
}

QString toneColor(palette::Tone tone)
{
    return palette::tone(tone).name();
}

// The advisory's conditions name diagnosis patterns: it belongs beside that diagnosis.
bool concernsDiagnosis(const PolicyAdvisory& advisory, const QString& diagnosis)
{
    for (const Condition& condition : advisory.when)
        if (condition.kind == Condition::Kind::DiagnosisMatches)
            for (const DiagnosisPattern& pattern : condition.patterns)
                if (pattern.matches(diagnosis))
                    return true;
    return false;
}

bool concernsDiagnoses(const PolicyAdvisory& advisory)
{
    for (const Condition& condition : advisory.when)
        if (condition.kind == Condition::Kind::DiagnosisMatches ||
            condition.kind == Condition::Kind::NoDiagnosisInSamples)
            return true;
    return false;
}
} // namespace

RequestPanel::RequestPanel(QWidget* parent)
    : QWidget(parent)
    , m_toggle(new QToolButton(this))
    , m_body(new QTextBrowser(this))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("RequestPanel"));
    m_toggle->setCheckable(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setAutoRaise(true);
    // The one-line summary is long: it must not make the column wide.
    m_toggle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_toggle->setFocusPolicy(Qt::TabFocus);
    m_toggle->setAccessibleName(tr("Show or hide the request"));
    m_toggle->installEventFilter(this); // the folded line fits its width
    QFont bold = m_toggle->font();
    bold.setBold(true);
    m_toggle->setFont(bold);
    connect(m_toggle, &QToolButton::toggled, this, [this](bool on) {
        m_body->setVisible(on);
        // Collapsed, the panel is one line high and the checklist below takes the room.
        setMaximumHeight(on ? QWIDGETSIZE_MAX : m_toggle->sizeHint().height() + 8);
        m_toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        QSettings().setValue(kExpandedKey, on);
        refresh();
    });
    m_body->setOpenLinks(false);
    m_body->setFrameShape(QFrame::NoFrame);
    m_body->setAccessibleName(tr("Request"));
    m_body->setFocusPolicy(Qt::StrongFocus);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_body->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(2);
    layout->addWidget(m_toggle);
    layout->addWidget(m_body, 1);

    // The clock moves on by itself.
    m_clock->setInterval(30 * 1000);
    connect(m_clock, &QTimer::timeout, this, &RequestPanel::refresh);
    const bool expanded = QSettings().value(kExpandedKey, true).toBool();
    m_toggle->setChecked(expanded);
    m_body->setVisible(expanded);
    setMaximumHeight(expanded ? QWIDGETSIZE_MAX : m_toggle->sizeHint().height() + 8);
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    clear();
}

void RequestPanel::setCase(const CaseData* caseData, const ReviewEngine* engine)
{
    m_data = caseData;
    m_engine = engine;
    m_hasDecision = false;
    m_decision = {};
    if (m_data)
        m_clock->start();
    else
        m_clock->stop();
    refresh();
}

void RequestPanel::setDecision(const DecisionSummary& summary)
{
    m_decision = summary;
    m_hasDecision = true;
    refresh();
}

void RequestPanel::clear()
{
    setCase(nullptr, nullptr);
}

bool RequestPanel::isExpanded() const
{
    return m_toggle->isChecked();
}

void RequestPanel::setExpanded(bool expanded)
{
    m_toggle->setChecked(expanded);
}

void RequestPanel::setNow(const QDateTime& now)
{
    m_now = now;
    refresh();
}

QDateTime RequestPanel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

QString RequestPanel::plainText()
{
    applyBody();
    return m_toggle->toolTip() + QLatin1Char('\n') + m_body->toPlainText();
}

int RequestPanel::ageOn(const QDate& birthDate, const QDate& date)
{
    if (!birthDate.isValid() || !date.isValid() || date < birthDate)
        return -1;
    int years = date.year() - birthDate.year();
    if (date.month() < birthDate.month() ||
        (date.month() == birthDate.month() && date.day() < birthDate.day()))
        --years;
    return years;
}

void RequestPanel::focusInEvent(QFocusEvent* event)
{
    QWidget::focusInEvent(event);
    // F6 lands here: the text when it shows, else the button that shows it.
    if (m_body->isVisible())
        m_body->setFocus(event->reason());
    else
        m_toggle->setFocus(event->reason());
}

void RequestPanel::refresh()
{
    m_summaryFields = m_data ? summaryFields(false) : QStringList();
    m_shortFields = m_data ? summaryFields(true) : QStringList();
    const QString full =
        m_data ? tr("Request: %1").arg(m_summaryFields.join(QStringLiteral(" · "))) : QString();
    m_toggle->setToolTip(full);
    m_toggle->setAccessibleDescription(full);
    fitSummary();
    // The table is the costliest text of the case view to lay out: it follows one turn of the event
    // loop later, after the case's first paint (a case sets the case, then its decision: laid out once).
    if (!m_bodyPending)
        QMetaObject::invokeMethod(
            this, [this] { QMetaObject::invokeMethod(this, &RequestPanel::applyBody, Qt::QueuedConnection); },
            Qt::QueuedConnection);
    m_bodyPending = true;
}

void RequestPanel::applyBody()
{
    if (!m_bodyPending)
        return;
    m_bodyPending = false;
    m_body->setHtml(m_data ? html() : QString());
}

QStringList RequestPanel::summaryFields(bool shortClock) const
{
    // Most needed first: the folded line drops fields from its end when the column is narrow.
    const Member& member = m_data->member;
    QStringList fields;
    fields << (member.name.isEmpty() ? member.id : member.name);
    const QDateTime dueBy = Engine::dueBy(m_data->request);
    const bool finished = m_data->status == CaseStatus::Determined;
    bool overdue = false;
    const QString due = DueClock::text(dueBy, now(), finished, &overdue);
    if (!due.isEmpty() && shortClock && !finished)
        fields << (overdue ? tr("⚠ overdue by %1").arg(DueClock::span(dueBy.secsTo(now())))
                           : tr("due in %1").arg(DueClock::span(now().secsTo(dueBy))));
    else if (!due.isEmpty())
        fields << tr("due %1").arg(due);
    fields << m_data->request.lines.join(QStringLiteral(", "));
    const int age = ageOn(member.birthDate, m_data->request.serviceDate);
    if (age >= 0)
        fields << tr("age %1").arg(age);
    return fields;
}

bool RequestPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_toggle && event->type() == QEvent::Resize)
        fitSummary();
    return QWidget::eventFilter(watched, event);
}

void RequestPanel::fitSummary()
{
    QString shown = tr("Request");
    if (!m_summaryFields.isEmpty()) {
        const QFontMetrics metrics = m_toggle->fontMetrics();
        // What the button needs besides its text (the arrow, the margins).
        const int overhead =
            m_toggle->sizeHint().width() - metrics.size(Qt::TextShowMnemonic, m_toggle->text()).width();
        const int room = qMax(0, m_toggle->width() - overhead);
        const auto separator = QStringLiteral(" · ");
        // The whole line; else the clock as time left, and whole fields, as many as fit, with a mark
        // when some are left out (the tooltip has them all).
        shown = tr("Request: %1").arg(m_summaryFields.join(separator));
        for (qsizetype count = m_shortFields.size(); count > 0 && metrics.horizontalAdvance(shown) > room;
             --count) {
            QStringList kept = m_shortFields.first(count);
            if (count < m_shortFields.size())
                kept << QStringLiteral("…");
            shown = tr("Request: %1").arg(kept.join(separator));
        }
        // Not even the first field with the mark: the first field is cut, and ends with the mark.
        if (metrics.horizontalAdvance(shown) > room) {
            const QString first = tr("Request: %1").arg(m_summaryFields.first());
            const int width =
                m_summaryFields.size() > 1 ? qMin(room, metrics.horizontalAdvance(first) - 1) : room;
            shown = metrics.elidedText(first, Qt::ElideRight, width);
        }
    }
    shown.replace(QLatin1Char('&'), QStringLiteral("&&")); // a name's "&" is no mnemonic
    if (m_toggle->text() != shown)
        m_toggle->setText(shown);
}

QString RequestPanel::html() const
{
    const CaseData& theCase = *m_data;
    const Request& request = theCase.request;
    const QString muted = palette::muted(m_body->palette()).name();
    const Policy* policy = m_engine ? &m_engine->policy() : nullptr;
    auto mutedText = [&muted](const QString& text) {
        return QStringLiteral("<span style='color:%1'>%2</span>").arg(muted, esc(text));
    };
    QString rows;
    auto row = [&rows](const QString& label, const QString& value) {
        rows += QStringLiteral("<tr><td valign='top' style='white-space:nowrap'><b>%1</b></td>"
                               "<td valign='top'>%2</td></tr>")
                    .arg(esc(label), value);
    };

    // Who.
    QString member = QStringLiteral("<b>%1</b> (%2)").arg(esc(theCase.member.name), esc(theCase.member.id));
    const int age = ageOn(theCase.member.birthDate, request.serviceDate);
    QStringList memberFacts;
    if (age >= 0)
        memberFacts << tr("age %1 on the service date").arg(age);
    if (theCase.member.birthDate.isValid())
        memberFacts << tr("born %1").arg(dateText(theCase.member.birthDate));
    if (!memberFacts.isEmpty())
        member += QStringLiteral(" · ") + esc(memberFacts.join(QStringLiteral(" · ")));
    row(tr("Member"), member);
    row(tr("Provider"),
        esc(theCase.provider.name.isEmpty() ? tr("not given") : theCase.provider.name) +
            (theCase.provider.npi.isEmpty() ? QString() : esc(tr(" · NPI %1").arg(theCase.provider.npi))));

    // What, with the decision of each line as it stands.
    QStringList lines;
    for (const QString& code : request.lines) {
        const CodeInfo* info = policy ? policy->code(code) : nullptr;
        QString line =
            QStringLiteral("<b>%1</b> %2").arg(esc(code), info ? esc(info->description) : QString());
        if (m_hasDecision && m_decision.error.isEmpty()) {
            for (const LineDecision& decided : m_decision.decision.lines) {
                if (decided.code != code)
                    continue;
                const QString outcome = toString(decided.decision);
                const palette::Tone tone = decided.decision == LineOutcome::Approve ? palette::Tone::Good
                                           : decided.decision == LineOutcome::Deny  ? palette::Tone::Bad
                                                                                    : palette::Tone::Caution;
                line += QStringLiteral(" — <b style='color:%1'>%2</b>")
                            .arg(toneColor(tone), esc(SummaryPage::decisionLabel(outcome)));
            }
        }
        lines << line;
    }
    row(tr("Requested"), lines.join(QStringLiteral("<br>")));

    // The diagnoses, with what the policy says of each beside it.
    QList<Reason> advisories = m_hasDecision ? m_decision.decision.advisories : QList<Reason>();
    QList<Reason> shown;
    QStringList diagnoses;
    for (const QString& diagnosis : request.diagnoses) {
        QString text = QStringLiteral("<b>%1</b>").arg(esc(diagnosis));
        if (policy) {
            for (const DiagnosisSample& sample : policy->diagnosisSamples)
                if (sample.pattern.matches(diagnosis))
                    text += QStringLiteral(" ") + mutedText(tr("policy example: %1").arg(sample.label));
            for (const Reason& advisory : std::as_const(advisories)) {
                for (const PolicyAdvisory& known : policy->advisories)
                    if (known.id == advisory.id && concernsDiagnosis(known, diagnosis)) {
                        text += QStringLiteral("<br>&nbsp;&nbsp;<i style='color:%1'>%2</i>")
                                    .arg(toneColor(palette::Tone::Caution),
                                         esc(known.erratum ? tr("Erratum: %1").arg(advisory.text)
                                                           : advisory.text));
                        shown << advisory;
                    }
            }
        }
        diagnoses << text;
    }
    if (diagnoses.isEmpty())
        diagnoses << QStringLiteral("<b style='color:%1'>%2</b>")
                         .arg(toneColor(palette::Tone::Caution),
                              esc(tr("none given: every line pends for the diagnosis codes")));
    // Advisories about the diagnoses as a whole (none among the policy's samples) follow them.
    if (policy) {
        for (const Reason& advisory : std::as_const(advisories)) {
            if (shown.contains(advisory))
                continue;
            for (const PolicyAdvisory& known : policy->advisories)
                if (known.id == advisory.id && concernsDiagnoses(known)) {
                    diagnoses << QStringLiteral("<i style='color:%1'>%2</i>")
                                     .arg(toneColor(palette::Tone::Caution), esc(advisory.text));
                    shown << advisory;
                }
        }
    }
    row(tr("Diagnoses"), diagnoses.join(QStringLiteral("<br>")));

    row(tr("Clinical question"), request.clinicalQuestion.trimmed().isEmpty()
                                     ? mutedText(tr("none given in the request (look for it in the records)"))
                                     : esc(request.clinicalQuestion));
    row(tr("Urgency"),
        esc(request.urgency == Urgency::Expedited ? tr("Expedited (72 hours)") : tr("Standard (7 days)")));
    if (request.receivedAt.isValid())
        row(tr("Received"), esc(QLocale().toString(request.receivedAt.toLocalTime(),
                                                   tr("MMM d, yyyy, HH:mm", "date format (QDateTime)"))));
    bool overdue = false;
    const QString due =
        DueClock::text(Engine::dueBy(request), now(), theCase.status == CaseStatus::Determined, &overdue);
    if (!due.isEmpty())
        row(tr("Due by"),
            overdue
                ? QStringLiteral("<b style='color:%1'>%2</b>").arg(toneColor(palette::Tone::Bad), esc(due))
                : esc(due));
    row(tr("Service date"),
        request.serviceDate.isValid() ? esc(dateText(request.serviceDate)) : mutedText(tr("not given")));
    row(tr("Prior study"),
        request.priorStudyDate ? esc(dateText(*request.priorStudyDate)) : mutedText(tr("none reported")));
    row(tr("Letter language"),
        esc(theCase.member.language == QLatin1String("es") ? tr("Spanish") : tr("English")));

    // Whatever else the policy notes for this request (errata about the codes, a retrospective request).
    QStringList others;
    for (const Reason& advisory : std::as_const(advisories)) {
        if (shown.contains(advisory))
            continue;
        const PolicyAdvisory* known = nullptr;
        if (policy)
            for (const PolicyAdvisory& item : policy->advisories)
                if (item.id == advisory.id)
                    known = &item;
        others << QStringLiteral("<i style='color:%1'>%2</i>")
                      .arg(toneColor(palette::Tone::Caution),
                           esc(known && known->erratum ? tr("Erratum: %1").arg(advisory.text)
                                                       : advisory.text));
    }
    if (!others.isEmpty())
        row(tr("Policy notes"), others.join(QStringLiteral("<br>")));
    return QStringLiteral("<table cellspacing='0' cellpadding='3' width='100%'>%1</table>").arg(rows);
}

} // namespace rd
