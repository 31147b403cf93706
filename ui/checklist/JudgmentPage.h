// One step of the guided checklist: the policy's wording, the guidance, the answer, the
// indication types, the note and the citations of one judgment.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/ReviewEngine.h"

#include <QWidget>

class QBoxLayout;
class QButtonGroup;
class QCheckBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace rd {

class WrappedLabel;

class JudgmentPage : public QWidget
{
    Q_OBJECT
public:
    explicit JudgmentPage(QWidget* parent = nullptr);

    // Shows a step and its answer. Call commitNote() first: the note being typed belongs to the old step.
    void setStep(const ChecklistStep& step, int number, int count, const std::optional<Answer>& answer);
    void setAnswer(const std::optional<Answer>& answer);
    void setReadOnly(bool readOnly);
    void focusNote();
    // Emits noteEdited() when the note differs from the saved one.
    void commitNote();
    QListWidget* citations() const { return m_citations; }
    QGroupBox* typesBox() const { return m_typesBox; }
    static QString valueLabel(AnswerValue value);

Q_SIGNALS:
    void answerClicked(rd::AnswerValue value);
    void typeToggled(const QString& typeId, bool on);
    void noteEdited(const QString& note);
    // Esc or Ctrl+Return in the note: the keyboard goes back to the checklist.
    void noteDone();
    void citeClicked();
    void citationActivated(int index);
    void citationRemoved(int index);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // The answer buttons side by side when the column has room for them, else one above the other: a
    // button is never cut (the answer given is bold and marked, so wider).
    void fitAnswerButtons();

    ChecklistStep m_step;
    QString m_savedNote;
    QLabel* m_progress = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_kind = nullptr;
    WrappedLabel* m_policy = nullptr;
    WrappedLabel* m_guidance = nullptr;
    QLabel* m_guidanceTitle = nullptr;
    QPushButton* m_positive = nullptr;
    QPushButton* m_negative = nullptr;
    QPushButton* m_unknown = nullptr;
    QBoxLayout* m_answerButtons = nullptr;
    QGroupBox* m_typesBox = nullptr;
    QList<QCheckBox*> m_types;
    QList<QWidget*> m_typeRows;
    QPlainTextEdit* m_note = nullptr;
    QListWidget* m_citations = nullptr;
    QPushButton* m_cite = nullptr;
    QPushButton* m_removeCitation = nullptr;
};

} // namespace rd
