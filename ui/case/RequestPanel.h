// The request itself, always in view beside the checklist: who, by whom, what is asked for (each line
// with its current decision), the diagnoses with the policy's advisories and errata beside them, the
// clinical question, the clock, the dates the engine uses and the member's letter language. Collapses
// to one line; the advisories come from the engine's decision, never from here.
#pragma once

#include "checklist/CaseData.h"
#include "checklist/ReviewEngine.h"

#include <QDateTime>
#include <QWidget>

class QTextBrowser;
class QTimer;
class QToolButton;

namespace rd {

class RequestPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RequestPanel(QWidget* parent = nullptr);

    // Shows a case's request (engine may be null: no policy, then the facts alone).
    void setCase(const CaseData* caseData, const ReviewEngine* engine);
    // The current decision of each line and the advisories (after every answer).
    void setDecision(const DecisionSummary& summary);
    void clear();

    bool isExpanded() const;
    void setExpanded(bool expanded);
    // The clock is measured against now (invalid: the current time); for tests.
    void setNow(const QDateTime& now);

    // The summary line and the body as they will be shown (the body follows a moment later, see refresh).
    QString plainText();
    QTextBrowser* browser() const { return m_body; }
    QToolButton* toggle() const { return m_toggle; }
    // The member's age in whole years on a date (-1 when unknown).
    static int ageOn(const QDate& birthDate, const QDate& date);

protected:
    void focusInEvent(QFocusEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    void applyBody();
    // The folded line's fields: member, clock (its date and time left, or the time left alone), codes,
    // age.
    QStringList summaryFields(bool shortClock) const;
    // The folded line in the toggle's width: whole fields, the full line in its tooltip.
    void fitSummary();
    QString html() const;
    QDateTime now() const;

    QToolButton* m_toggle = nullptr;
    QTextBrowser* m_body = nullptr;
    QTimer* m_clock = nullptr;
    const CaseData* m_data = nullptr;
    const ReviewEngine* m_engine = nullptr;
    DecisionSummary m_decision;
    bool m_hasDecision = false;
    QDateTime m_now;
    bool m_bodyPending = false;
    QStringList m_summaryFields;
    QStringList m_shortFields;
};

} // namespace rd
