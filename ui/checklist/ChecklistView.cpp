#include "ui/checklist/ChecklistView.h"

#include "ui/case/CaseSession.h"
#include "ui/case/SummaryPage.h"
#include "ui/checklist/JudgmentPage.h"

#include <QAction>
#include <QApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QUndoStack>

namespace rd {

namespace {
const auto kAutoAdvanceKey = QStringLiteral("checklist/autoAdvance");
} // namespace

ChecklistView::ChecklistView(QWidget* parent)
    : QWidget(parent)
    , m_stepList(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_scroll(new QScrollArea(this))
    , m_page(new JudgmentPage(this))
    , m_summary(new SummaryPage(this))
    , m_unavailable(new QLabel(this))
{
    setFocusPolicy(Qt::StrongFocus);
    m_stepList->setAccessibleName(tr("Checklist steps"));
    m_stepList->setFocusPolicy(Qt::ClickFocus);
    m_stepList->setTextElideMode(Qt::ElideRight);
    m_stepList->setUniformItemSizes(true);
    m_stepList->setMinimumWidth(m_stepList->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 24);
    m_stepList->setMaximumWidth(m_stepList->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 34);
    connect(m_stepList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_current)
            goToStep(row);
    });

    m_scroll->setWidget(m_page);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_unavailable->setWordWrap(true);
    m_unavailable->setAlignment(Qt::AlignCenter);
    m_unavailable->setMargin(24);
    m_stack->addWidget(m_scroll);
    m_stack->addWidget(m_summary);
    m_stack->addWidget(m_unavailable);

    connect(m_page, &JudgmentPage::answerClicked, this, &ChecklistView::answerCurrent);
    connect(m_page, &JudgmentPage::typeToggled, this, [this](const QString& typeId, bool on) {
        Answer answer = currentAnswerOrUnknown();
        answer.types.removeAll(typeId);
        if (on)
            answer.types.append(typeId);
        giveCurrent(answer, on ? tr("Add indication type") : tr("Remove indication type"));
    });
    connect(m_page, &JudgmentPage::noteEdited, this, &ChecklistView::setNote);
    connect(m_page, &JudgmentPage::noteDone, this, [this] { setFocus(Qt::OtherFocusReason); });
    connect(m_page, &JudgmentPage::citeClicked, this, &ChecklistView::citeRequested);
    connect(m_page, &JudgmentPage::citationRemoved, this, &ChecklistView::removeCitation);
    connect(m_page, &JudgmentPage::citationActivated, this, [this](int index) {
        const Answer answer = currentAnswerOrUnknown();
        if (index >= 0 && index < answer.evidence.size())
            Q_EMIT evidenceActivated(answer.evidence.at(index));
    });
    // The page is taller than its column: what takes the keyboard (E: the note, L: the citations, Tab)
    // scrolls into view, so that nothing is typed out of sight.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        if (now && m_stack->currentWidget() == m_scroll && m_page->isAncestorOf(now))
            m_scroll->ensureWidgetVisible(now);
    });
    connect(m_summary, &SummaryPage::stepRequested, this, &ChecklistView::goToJudgment);
    connect(m_summary, &SummaryPage::routeRequested, this, &ChecklistView::routeRequested);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_stepList);
    layout->addWidget(m_stack, 1);

    // Keys: one per answer, J/K (or PgDn/PgUp, Alt+arrows) to move. They act only while the checklist
    // has the focus: a letter typed into the search box, the viewer, the request panel or a combo box
    // never becomes an answer (F6 brings the keyboard back here).
    auto* positive = addKeyAction(tr("Answer &Met"), {QKeySequence(Qt::Key_M)}, true);
    connect(positive, &QAction::triggered, this, [this] {
        if (!isOnSummary() && m_steps.at(m_current).exclusion)
            Q_EMIT statusMessage(tr("This is an exclusion: Y if it applies, N if not, U for unknown."));
        else
            answerCurrent(AnswerValue::Met);
    });
    auto* yes = addKeyAction(tr("Answer &Yes (exclusion applies)"), {QKeySequence(Qt::Key_Y)}, true);
    connect(yes, &QAction::triggered, this, [this] {
        if (!isOnSummary() && !m_steps.at(m_current).exclusion)
            Q_EMIT statusMessage(tr("This is a criterion: M if met, N if not met, U for unknown."));
        else
            answerCurrent(AnswerValue::Yes);
    });
    auto* negative = addKeyAction(tr("Answer &Not met / No"), {QKeySequence(Qt::Key_N)}, true);
    connect(negative, &QAction::triggered, this, [this] {
        if (!isOnSummary())
            answerCurrent(negativeAnswer(m_steps.at(m_current).kind()));
    });
    auto* unknown = addKeyAction(tr("Answer &Unknown"), {QKeySequence(Qt::Key_U)}, true);
    connect(unknown, &QAction::triggered, this, [this] { answerCurrent(AnswerValue::Unknown); });
    m_menuActions.append(nullptr); // separator
    auto* nextAction = addKeyAction(tr("N&ext judgment"),
                                    {QKeySequence(Qt::Key_J), QKeySequence(Qt::ALT | Qt::Key_Right)}, true);
    connect(nextAction, &QAction::triggered, this, &ChecklistView::next);
    auto* previousAction = addKeyAction(
        tr("&Previous judgment"), {QKeySequence(Qt::Key_K), QKeySequence(Qt::ALT | Qt::Key_Left)}, true);
    connect(previousAction, &QAction::triggered, this, &ChecklistView::previous);
    auto* pageDown = addKeyAction(tr("Next judgment (Page Down)"), {QKeySequence(Qt::Key_PageDown)}, false);
    connect(pageDown, &QAction::triggered, this, &ChecklistView::next);
    auto* pageUp = addKeyAction(tr("Previous judgment (Page Up)"), {QKeySequence(Qt::Key_PageUp)}, false);
    connect(pageUp, &QAction::triggered, this, &ChecklistView::previous);
    auto* first = addKeyAction(tr("&First judgment"), {QKeySequence(Qt::ALT | Qt::Key_Home)}, true);
    connect(first, &QAction::triggered, this, [this] { goToStep(0); });
    auto* summary = addKeyAction(tr("&Decision summary"),
                                 {QKeySequence(Qt::Key_S), QKeySequence(Qt::ALT | Qt::Key_End)}, true);
    connect(summary, &QAction::triggered, this, &ChecklistView::showSummary);
    auto* advance = new QAction(tr("&Move On After Each Answer"), this);
    advance->setCheckable(true);
    advance->setChecked(autoAdvance());
    advance->setObjectName(QStringLiteral("autoAdvance"));
    connect(advance, &QAction::toggled, this, &ChecklistView::setAutoAdvance);
    m_menuActions.append(advance);
    m_menuActions.append(nullptr);
    auto* note = addKeyAction(tr("Edit n&ote"), {QKeySequence(Qt::Key_E)}, true);
    connect(note, &QAction::triggered, this, [this] {
        if (!isOnSummary())
            m_page->focusNote();
    });
    auto* citeAction = addKeyAction(tr("&Cite selection for this judgment"), {QKeySequence(Qt::Key_C)}, true);
    connect(citeAction, &QAction::triggered, this, &ChecklistView::citeRequested);
    auto* citations = addKeyAction(tr("Go to c&itations"), {QKeySequence(Qt::Key_L)}, true);
    connect(citations, &QAction::triggered, this, [this] {
        if (isOnSummary())
            return;
        if (m_page->citations()->count() > 0)
            m_page->citations()->setFocus(Qt::ShortcutFocusReason);
        else
            Q_EMIT statusMessage(tr("No citations for this judgment yet: select a passage in the document "
                                    "(or a search hit) and press C."));
    });
    for (int i = 0; i < 9; ++i) {
        auto* type =
            addKeyAction(tr("Toggle indication type %1").arg(i + 1), {QKeySequence(Qt::Key_1 + i)}, false);
        connect(type, &QAction::triggered, this, [this, i] { toggleType(i); });
    }
    setSession(nullptr, nullptr);
}

ChecklistView::~ChecklistView() = default;

QAction* ChecklistView::addKeyAction(const QString& text, const QList<QKeySequence>& keys, bool inMenu)
{
    auto* action = new QAction(text, this);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
    m_allActions.append(action);
    if (inMenu)
        m_menuActions.append(action);
    return action;
}

bool ChecklistView::autoAdvance()
{
    return QSettings().value(kAutoAdvanceKey, true).toBool();
}

void ChecklistView::setAutoAdvance(bool on)
{
    QSettings().setValue(kAutoAdvanceKey, on);
}

void ChecklistView::refreshLock()
{
    if (!m_session)
        return;
    const bool locked = !m_session->writeBlockedReason().isEmpty();
    if (m_engine)
        m_page->setReadOnly(locked);
    // Undo and Redo are answers too: off while the case is locked (routed, signed, read-only), back
    // with the history once it is reopened.
    m_session->undoStack()->setActive(!locked);
}

QString ChecklistView::settledBy(int index) const
{
    if (!m_session || !m_engine || index < 0 || index >= m_steps.size())
        return {};
    return m_engine->settledBy(m_steps.at(index).id, m_session->data());
}

int ChecklistView::unansweredCount() const
{
    int count = 0;
    for (int i = 0; i < m_steps.size(); ++i)
        if (!m_session->answer(m_steps.at(i).id) && settledBy(i).isEmpty())
            ++count;
    return count;
}

int ChecklistView::nextOpenStep(int from) const
{
    for (int i = from + 1; i < m_steps.size(); ++i)
        if (!m_session->answer(m_steps.at(i).id) && settledBy(i).isEmpty())
            return i;
    return int(m_steps.size());
}

void ChecklistView::setActionsEnabled(bool enabled)
{
    const bool usable = enabled && m_session && m_engine;
    for (QAction* action : std::as_const(m_allActions))
        action->setEnabled(usable);
}

void ChecklistView::setSession(CaseSession* session, const ReviewEngine* engine)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_engine = engine;
    m_steps.clear();
    m_current = 0;
    if (m_session)
        connect(m_session, &CaseSession::answerChanged, this, &ChecklistView::onAnswerChanged);
    rebuild();
}

void ChecklistView::rebuild()
{
    if (!m_session || !m_engine) {
        m_unavailable->setText(
            m_session ? tr("The policy could not be loaded, so the checklist cannot be shown. The "
                           "attachments can still be read.")
                      : tr("No case is open."));
        m_stack->setCurrentWidget(m_unavailable);
        m_stepList->hide(); // its rows are kept for the next case
        setActionsEnabled(false);
        return;
    }
    m_steps = m_engine->steps(m_session->data());
    m_stepList->show();
    // One row per step and the summary's; the rows of the case before are kept (refreshStepList sets
    // every row's text, tip and colour).
    while (m_stepList->count() > m_steps.size() + 1)
        delete m_stepList->takeItem(m_stepList->count() - 1);
    while (m_stepList->count() < m_steps.size() + 1)
        m_stepList->addItem(QString());
    refreshLock();
    refreshStepList();
    refreshDecision();
    // Start at the first judgment not answered yet.
    m_current = -1;
    goToStep(nextOpenStep(-1));
}

QString ChecklistView::currentJudgment() const
{
    return m_current >= 0 && m_current < m_steps.size() ? m_steps.at(m_current).id : QString();
}

void ChecklistView::goToStep(int index)
{
    if (!m_session || !m_engine)
        return;
    index = qBound(0, index, int(m_steps.size()));
    if (m_current >= 0 && m_current < m_steps.size() && m_current != index)
        m_page->commitNote();
    m_current = index;
    {
        const QSignalBlocker blocker(m_stepList);
        m_stepList->setCurrentRow(index);
    }
    if (isOnSummary()) {
        m_stack->setCurrentWidget(m_summary);
    } else {
        const ChecklistStep& step = m_steps.at(index);
        m_page->setStep(step, index + 1, int(m_steps.size()), m_session->answer(step.id));
        m_stack->setCurrentWidget(m_scroll);
        // The page's height follows its step (type rows come and go): laid out and sized in the scroll
        // area now, so that it is painted once, at its new size, and not first at the old one. (Hidden,
        // as while a case opens, it is laid out once when shown.)
        if (m_scroll->isVisible()) {
            m_page->layout()->activate();
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        }
        m_scroll->ensureVisible(0, 0);
    }
    // Keep the keyboard on the checklist, not on a text field of the previous step.
    if (QWidget* focus = focusWidget(); !focus || focus->inherits("QPlainTextEdit") || !focus->isVisible())
        setFocus(Qt::OtherFocusReason);
}

void ChecklistView::goToJudgment(const QString& judgmentId)
{
    for (int i = 0; i < m_steps.size(); ++i)
        if (m_steps.at(i).id == judgmentId)
            return goToStep(i);
}

void ChecklistView::next()
{
    goToStep(m_current + 1);
}

void ChecklistView::previous()
{
    goToStep(m_current - 1);
}

void ChecklistView::showSummary()
{
    goToStep(int(m_steps.size()));
}

Answer ChecklistView::currentAnswerOrUnknown() const
{
    Answer answer; // unknown
    if (m_session && !isOnSummary())
        return m_session->answer(currentJudgment()).value_or(answer);
    return answer;
}

void ChecklistView::giveCurrent(const Answer& answer, const QString& description)
{
    if (!m_session || isOnSummary())
        return;
    const ChecklistStep& step = m_steps.at(m_current);
    m_session->giveAnswer(step.id, answer,
                          tr("%1 of “%2”").arg(description, step.title.isEmpty() ? step.id : step.title));
}

void ChecklistView::answerCurrent(AnswerValue value)
{
    if (!m_session || isOnSummary())
        return;
    const ChecklistStep& step = m_steps.at(m_current);
    Answer answer = currentAnswerOrUnknown();
    answer.value = value;
    giveCurrent(answer, tr("Answer “%1”").arg(JudgmentPage::valueLabel(value)));
    const auto recorded = m_session->answer(step.id);
    if (!recorded || recorded->value != value)
        return; // refused (locked, read-only): stay
    if (recorded->value == AnswerValue::Met && !step.types.isEmpty() && recorded->types.isEmpty()) {
        Q_EMIT statusMessage(
            tr("Met: now choose one or more indication types with keys 1–%1.").arg(step.types.size()));
        m_scroll->ensureWidgetVisible(m_page->typesBox()); // the types named by those keys, in view
        return;                                            // met needs its types first
    }
    if (autoAdvance())
        goToStep(nextOpenStep(m_current));
}

void ChecklistView::toggleType(int index)
{
    if (!m_session || isOnSummary())
        return;
    const ChecklistStep& step = m_steps.at(m_current);
    if (index < 0 || index >= step.types.size())
        return;
    const QString typeId = step.types.at(index).first;
    Answer answer = currentAnswerOrUnknown();
    // A type only means something when the indication is met: choosing one first answers Met.
    if (answer.value != AnswerValue::Met && answer.types.isEmpty())
        answer.value = AnswerValue::Met;
    const bool on = !answer.types.contains(typeId);
    answer.types.removeAll(typeId);
    if (on)
        answer.types.append(typeId);
    giveCurrent(answer, on ? tr("Add type “%1”").arg(step.types.at(index).second)
                           : tr("Remove type “%1”").arg(step.types.at(index).second));
}

void ChecklistView::setNote(const QString& note)
{
    Answer answer = currentAnswerOrUnknown();
    if (answer.note == note)
        return;
    answer.note = note;
    giveCurrent(answer, tr("Note"));
}

bool ChecklistView::cite(const Evidence& evidence)
{
    if (!m_session || isOnSummary()) {
        Q_EMIT statusMessage(tr("Go to a judgment first: a citation supports one judgment."));
        return false;
    }
    Answer answer = currentAnswerOrUnknown();
    if (answer.evidence.contains(evidence)) {
        Q_EMIT statusMessage(tr("This passage is already cited for this judgment."));
        return false;
    }
    answer.evidence.append(evidence);
    giveCurrent(answer, tr("Cite page %1").arg(evidence.page));
    return m_session->answer(currentJudgment()).value_or(Answer{}).evidence.contains(evidence);
}

void ChecklistView::removeCitation(int index)
{
    Answer answer = currentAnswerOrUnknown();
    if (index < 0 || index >= answer.evidence.size())
        return;
    answer.evidence.removeAt(index);
    giveCurrent(answer, tr("Remove citation"));
}

void ChecklistView::onAnswerChanged(const QString& judgmentId)
{
    // An undo or redo may concern another step: show the step it changed.
    if (judgmentId != currentJudgment()) {
        for (int i = 0; i < m_steps.size(); ++i)
            if (m_steps.at(i).id == judgmentId) {
                goToStep(i);
                break;
            }
    }
    refreshCurrent();
    refreshStepList();
    refreshDecision();
}

void ChecklistView::refreshCurrent()
{
    if (!m_session || isOnSummary())
        return;
    m_page->setAnswer(m_session->answer(currentJudgment()));
}

void ChecklistView::refreshStepList()
{
    if (!m_session)
        return;
    for (int i = 0; i < m_steps.size(); ++i) {
        const ChecklistStep& step = m_steps.at(i);
        const auto answer = m_session->answer(step.id);
        QString mark = QStringLiteral("○");
        if (answer && isAffirmative(answer->value))
            mark = step.exclusion ? QStringLiteral("✗") : QStringLiteral("✓");
        else if (answer && isNegative(answer->value))
            mark = step.exclusion ? QStringLiteral("✓") : QStringLiteral("✗");
        else if (answer)
            mark = QStringLiteral("?");
        QListWidgetItem* item = m_stepList->item(i);
        const QString title = step.title.isEmpty() ? step.id : step.title;
        const QString settled = answer ? QString() : settledBy(i);
        if (!settled.isEmpty())
            mark = QStringLiteral("–");
        item->setText(tr("%1  %2").arg(mark, title));
        item->setToolTip(answer ? tr("%1: %2").arg(title, JudgmentPage::valueLabel(answer->value))
                         : settled.isEmpty() ? tr("%1: not answered").arg(title)
                                             : tr("%1: not needed (%2 is met)").arg(title, settled));
        item->setForeground(settled.isEmpty() ? palette().brush(QPalette::Text)
                                              : palette().brush(QPalette::PlaceholderText));
        if (answer && !answer->evidence.isEmpty())
            item->setText(item->text() + tr("  ¶%1").arg(answer->evidence.size()));
    }
    if (QListWidgetItem* item = m_stepList->item(int(m_steps.size()))) {
        item->setText(tr("■  Summary"));
        item->setToolTip(QString());
        item->setData(Qt::ForegroundRole, QVariant());
    }
}

void ChecklistView::refreshDecision()
{
    if (!m_session || !m_engine)
        return;
    m_decision = m_engine->evaluate(m_session->data());
    m_summary->setDecision(m_decision, m_steps, unansweredCount(), m_engine);
    Q_EMIT decisionChanged();
}

} // namespace rd
