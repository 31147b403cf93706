// The guided checklist: one step per judgment that applies (the engine says which, in policy
// order), then the summary. Keyboard first; every answer is recorded the moment it is given.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/ReviewEngine.h"

#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QScrollArea;
class QStackedWidget;

namespace rd {

class CaseSession;
class JudgmentPage;
class SummaryPage;

class ChecklistView : public QWidget
{
    Q_OBJECT
public:
    explicit ChecklistView(QWidget* parent = nullptr);
    ~ChecklistView() override;

    // session and engine outlive the view's use of them; nullptr clears the view.
    void setSession(CaseSession* session, const ReviewEngine* engine);

    // The actions of the review menu (answers, navigation, note, cite, route).
    QList<QAction*> reviewActions() const { return m_menuActions; }
    void setActionsEnabled(bool enabled);
    // The page takes answers or not as the case allows (read-only, signed, routed).
    void refreshLock();
    // After an answer, move to the next step still to answer (the setting, on by default).
    static bool autoAdvance();
    static void setAutoAdvance(bool on);
    // Steps not answered yet that still need an answer (the ones other answers settled do not).
    int unansweredCount() const;
    // The title of the judgment whose answer made this step unnecessary (empty: still asked).
    QString settledBy(int index) const;

    int stepCount() const { return int(m_steps.size()); }
    int currentIndex() const { return m_current; } // stepCount() is the summary
    bool isOnSummary() const { return m_current == stepCount(); }
    QString currentJudgment() const;
    const QList<ChecklistStep>& steps() const { return m_steps; }
    DecisionSummary decision() const { return m_decision; }
    SummaryPage* summaryPage() const { return m_summary; }
    JudgmentPage* judgmentPage() const { return m_page; }

    void goToStep(int index);
    void goToJudgment(const QString& judgmentId);
    void next();
    void previous();
    void showSummary();
    // Answers the current judgment (met / not-met / yes / no / unknown).
    void answerCurrent(AnswerValue value);
    void toggleType(int index);
    // Adds a citation to the current judgment's answer (recorded at once).
    bool cite(const Evidence& evidence);
    void removeCitation(int index);

Q_SIGNALS:
    void evidenceActivated(const rd::Evidence& evidence);
    void citeRequested();
    void routeRequested();
    void statusMessage(const QString& message);
    void decisionChanged();

private:
    void rebuild();
    void refreshCurrent();
    void refreshStepList();
    void refreshDecision();
    void onAnswerChanged(const QString& judgmentId);
    void setNote(const QString& note);
    Answer currentAnswerOrUnknown() const;
    void giveCurrent(const Answer& answer, const QString& description);
    // The next step after from that is neither answered nor settled; stepCount() (the summary) when none.
    int nextOpenStep(int from) const;
    QAction* addKeyAction(const QString& text, const QList<QKeySequence>& keys, bool inMenu);

    CaseSession* m_session = nullptr;
    const ReviewEngine* m_engine = nullptr;
    QList<ChecklistStep> m_steps;
    DecisionSummary m_decision;
    int m_current = 0;

    QListWidget* m_stepList = nullptr;
    QStackedWidget* m_stack = nullptr;
    QScrollArea* m_scroll = nullptr;
    JudgmentPage* m_page = nullptr;
    SummaryPage* m_summary = nullptr;
    QLabel* m_unavailable = nullptr;
    QList<QAction*> m_menuActions;
    QList<QAction*> m_allActions;
};

} // namespace rd
