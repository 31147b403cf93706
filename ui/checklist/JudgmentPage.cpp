#include "ui/checklist/JudgmentPage.h"

#include "ui/checklist/WrappedLabel.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {
QLabel* sectionLabel(const QString& text, QWidget* parent)
{
    auto* label = new WrappedLabel(parent); // a long heading must not widen the page past its column
    label->setText(text);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QPushButton* answerButton(QWidget* parent)
{
    auto* button = new QPushButton(parent);
    button->setCheckable(true);
    button->setFocusPolicy(Qt::TabFocus);
    button->setMinimumWidth(button->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 12);
    return button;
}
} // namespace

JudgmentPage::JudgmentPage(QWidget* parent)
    : QWidget(parent)
    , m_progress(new QLabel(this))
    , m_title(new WrappedLabel(this))
    , m_kind(new WrappedLabel(this))
    , m_policy(new WrappedLabel(this))
    , m_guidance(new WrappedLabel(this))
    , m_positive(answerButton(this))
    , m_negative(answerButton(this))
    , m_unknown(answerButton(this))
    , m_typesBox(new QGroupBox(tr("Indication types (keys 1–9)"), this))
    , m_note(new QPlainTextEdit(this))
    , m_citations(new QListWidget(this))
    , m_cite(new QPushButton(tr("Cite selection  [C]"), this))
    , m_removeCitation(new QPushButton(tr("Remove citation"), this))
{
    m_progress->setForegroundRole(QPalette::PlaceholderText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_kind->setForegroundRole(QPalette::PlaceholderText);

    m_policy->setContentsMargins(0, 4, 0, 4);

    connect(m_positive, &QPushButton::clicked, this,
            [this] { Q_EMIT answerClicked(affirmativeAnswer(m_step.kind())); });
    connect(m_negative, &QPushButton::clicked, this,
            [this] { Q_EMIT answerClicked(negativeAnswer(m_step.kind())); });
    connect(m_unknown, &QPushButton::clicked, this, [this] { Q_EMIT answerClicked(AnswerValue::Unknown); });
    m_answerButtons = new QBoxLayout(QBoxLayout::LeftToRight);
    for (QPushButton* button : {m_positive, m_negative, m_unknown})
        m_answerButtons->addWidget(button, 0, Qt::AlignLeft);
    m_answerButtons->addStretch(1);

    auto* typesLayout = new QGridLayout(m_typesBox);
    typesLayout->setVerticalSpacing(4);

    m_note->setTabChangesFocus(true);
    m_note->setPlaceholderText(tr("Note for this judgment (E to edit, Esc to save and return)"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 4 + 12);
    m_note->installEventFilter(this);

    m_citations->setAccessibleName(tr("Citations"));
    m_citations->setWordWrap(true);
    m_citations->setFixedHeight(m_citations->fontMetrics().lineSpacing() * 5 + 8);
    m_citations->installEventFilter(this);
    connect(m_citations, &QListWidget::activated, this,
            [this](const QModelIndex& index) { Q_EMIT citationActivated(index.row()); });
    connect(m_citations, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { Q_EMIT citationActivated(m_citations->row(item)); });
    connect(m_cite, &QPushButton::clicked, this, &JudgmentPage::citeClicked);
    connect(m_removeCitation, &QPushButton::clicked, this, [this] {
        if (m_citations->currentRow() >= 0)
            Q_EMIT citationRemoved(m_citations->currentRow());
    });
    m_cite->setFocusPolicy(Qt::TabFocus);
    m_removeCitation->setFocusPolicy(Qt::TabFocus);
    auto* citeButtons = new QHBoxLayout;
    citeButtons->addWidget(m_cite);
    citeButtons->addWidget(m_removeCitation);
    citeButtons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(6);
    layout->addWidget(m_progress);
    layout->addWidget(m_title);
    layout->addWidget(m_kind);
    layout->addSpacing(8);
    layout->addWidget(sectionLabel(tr("Policy"), this));
    auto* policyRow = new QHBoxLayout;
    auto* bar = new QFrame(this);
    bar->setFixedWidth(3);
    bar->setAutoFillBackground(true);
    QPalette barPalette = bar->palette();
    barPalette.setColor(QPalette::Window, QColor(0x7f, 0x9c, 0xc4));
    bar->setPalette(barPalette);
    policyRow->addWidget(bar);
    policyRow->addSpacing(8);
    policyRow->addWidget(m_policy, 1);
    layout->addLayout(policyRow);
    layout->addSpacing(6);
    m_guidanceTitle = sectionLabel(tr("Reviewer guidance"), this);
    layout->addWidget(m_guidanceTitle);
    layout->addWidget(m_guidance);
    layout->addSpacing(10);
    layout->addWidget(sectionLabel(tr("Answer"), this));
    layout->addLayout(m_answerButtons);
    layout->addWidget(m_typesBox);
    layout->addSpacing(6);
    layout->addWidget(sectionLabel(tr("Note"), this));
    layout->addWidget(m_note);
    layout->addSpacing(6);
    layout->addWidget(sectionLabel(tr("Citations (Enter opens the page, Delete removes)"), this));
    layout->addWidget(m_citations);
    layout->addLayout(citeButtons);
    layout->addStretch(1);
}

QString JudgmentPage::valueLabel(AnswerValue value)
{
    switch (value) {
    case AnswerValue::Met:
        return tr("Met");
    case AnswerValue::NotMet:
        return tr("Not met");
    case AnswerValue::Yes:
        return tr("Yes, applies");
    case AnswerValue::No:
        return tr("No");
    case AnswerValue::Unknown:
        break;
    }
    return tr("Unknown");
}

void JudgmentPage::setStep(const ChecklistStep& step, int number, int count,
                           const std::optional<Answer>& answer)
{
    m_step = step;
    m_progress->setText(tr("Step %1 of %2").arg(number).arg(count));
    m_title->setText(step.title.isEmpty() ? step.id : step.title);
    const QString kind = step.exclusion ? tr("Exclusion") : tr("Criterion");
    QStringList facts{kind, step.id};
    if (!step.source.isEmpty())
        facts << tr("policy: %1").arg(step.source);
    if (!step.lines.isEmpty())
        facts << tr("applies to %1").arg(step.lines.join(QStringLiteral(", ")));
    m_kind->setText(facts.join(QStringLiteral(" · ")));
    m_policy->setSelectableText(step.policyText);
    m_guidance->setSelectableText(step.guidance);
    m_guidanceTitle->setVisible(!step.guidance.isEmpty());
    m_guidance->setVisible(!step.guidance.isEmpty());
    m_positive->setText(step.exclusion ? tr("Yes, applies  [Y]") : tr("Met  [M]"));
    m_negative->setText(step.exclusion ? tr("No  [N]") : tr("Not met  [N]"));
    m_unknown->setText(tr("Unknown  [U]"));

    // Each type: a check box with its key, and the label beside it, wrapped (the labels are long). Made
    // anew per step: kept rows that only change their texts while the case view is hidden leave the
    // scroll area with the page's old height (tried: the policy text and the types were squeezed).
    qDeleteAll(m_typeRows);
    m_typeRows.clear();
    m_types.clear();
    auto* grid = static_cast<QGridLayout*>(m_typesBox->layout());
    for (int i = 0; i < step.types.size(); ++i) {
        const auto& type = step.types.at(i);
        auto* row = new QWidget(m_typesBox);
        auto* box = new QCheckBox(i < 9 ? QString::number(i + 1) : QString(), row);
        box->setFocusPolicy(Qt::TabFocus);
        box->setAccessibleName(type.second);
        box->setToolTip(type.second);
        auto* label = new WrappedLabel(row);
        label->setText(type.second);
        label->setTextFormat(Qt::PlainText);
        label->setBuddy(box);
        label->installEventFilter(this);
        label->setProperty("typeIndex", i);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->addWidget(box, 0, Qt::AlignTop);
        rowLayout->addWidget(label, 1);
        grid->addWidget(row, i, 0);
        const QString typeId = type.first;
        connect(box, &QCheckBox::clicked, this, [this, typeId](bool on) { Q_EMIT typeToggled(typeId, on); });
        m_typeRows.append(row);
        m_types.append(box);
    }
    m_typesBox->setTitle(tr("Which types apply (keys 1–%1)").arg(qMin(9, int(step.types.size()))));
    m_typesBox->setVisible(!step.types.isEmpty());
    m_note->setPlainText(answer ? answer->note : QString());
    setAnswer(answer);
}

void JudgmentPage::setAnswer(const std::optional<Answer>& answer)
{
    m_positive->setChecked(answer && isAffirmative(answer->value));
    m_negative->setChecked(answer && isNegative(answer->value));
    m_unknown->setChecked(answer && answer->value == AnswerValue::Unknown);
    // The answer given stands out (bold, marked); the others stay quiet.
    for (QPushButton* button : {m_positive, m_negative, m_unknown}) {
        QFont font = button->font();
        font.setBold(button->isChecked());
        button->setFont(font);
        QString text = button->text();
        if (text.startsWith(QStringLiteral("● ")))
            text = text.mid(2);
        button->setText(button->isChecked() ? QStringLiteral("● ") + text : text);
    }
    for (int i = 0; i < m_step.types.size(); ++i)
        m_types.at(i)->setChecked(answer && answer->types.contains(m_step.types.at(i).first));
    m_savedNote = answer ? answer->note : QString();
    if (m_note->toPlainText() != m_savedNote && !m_note->hasFocus())
        m_note->setPlainText(m_savedNote);
    const int row = m_citations->currentRow();
    m_citations->clear();
    if (answer) {
        for (const Evidence& evidence : answer->evidence) {
            QString text = tr("%1, page %2").arg(evidence.attachment).arg(evidence.page);
            if (!evidence.quote.isEmpty())
                text += tr(": “%1”").arg(evidence.quote);
            else if (!evidence.rect.isNull())
                text += tr(": marked area");
            m_citations->addItem(text);
        }
    }
    if (m_citations->count() > 0)
        m_citations->setCurrentRow(qBound(0, row, m_citations->count() - 1));
    m_removeCitation->setEnabled(m_citations->count() > 0);
    fitAnswerButtons();
}

void JudgmentPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitAnswerButtons();
}

void JudgmentPage::fitAnswerButtons()
{
    int needed = 2 * m_answerButtons->spacing();
    for (QPushButton* button : {m_positive, m_negative, m_unknown})
        needed += button->sizeHint().width();
    const QMargins margins = layout()->contentsMargins();
    const bool fits = needed <= width() - margins.left() - margins.right();
    const auto direction = fits ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_answerButtons->direction() != direction)
        m_answerButtons->setDirection(direction);
}

void JudgmentPage::setReadOnly(bool readOnly)
{
    for (QWidget* widget : {static_cast<QWidget*>(m_positive), static_cast<QWidget*>(m_negative),
                            static_cast<QWidget*>(m_unknown), static_cast<QWidget*>(m_typesBox),
                            static_cast<QWidget*>(m_cite), static_cast<QWidget*>(m_removeCitation)})
        widget->setEnabled(!readOnly);
    m_note->setReadOnly(readOnly);
}

void JudgmentPage::focusNote()
{
    m_note->setFocus(Qt::ShortcutFocusReason);
    m_note->moveCursor(QTextCursor::End);
}

void JudgmentPage::commitNote()
{
    if (m_step.id.isEmpty() || m_note->isReadOnly())
        return;
    const QString text = m_note->toPlainText().trimmed();
    if (text != m_savedNote.trimmed()) {
        m_savedNote = text;
        Q_EMIT noteEdited(text);
    }
}

bool JudgmentPage::eventFilter(QObject* watched, QEvent* event)
{
    // A click on a type's label toggles its check box.
    if (event->type() == QEvent::MouseButtonRelease && watched->property("typeIndex").isValid()) {
        const int index = watched->property("typeIndex").toInt();
        if (index >= 0 && index < m_step.types.size() && m_types.at(index)->isEnabled())
            m_types.at(index)->click();
        return true;
    }
    if (watched == m_note) {
        if (event->type() == QEvent::FocusOut) {
            commitNote();
        } else if (event->type() == QEvent::KeyPress) {
            const auto* key = static_cast<QKeyEvent*>(event);
            if (key->key() == Qt::Key_Escape ||
                (key->key() == Qt::Key_Return && key->modifiers().testFlag(Qt::ControlModifier))) {
                commitNote();
                Q_EMIT noteDone();
                return true;
            }
        }
    } else if (watched == m_citations && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) &&
            m_citations->currentRow() >= 0 && m_removeCitation->isEnabled()) {
            Q_EMIT citationRemoved(m_citations->currentRow());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace rd
