// The last step of the checklist: the engine's decision per line, with reasons and missing
// information, kept current as answers change.
#pragma once

#include "checklist/ReviewEngine.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace rd {

class SummaryPage : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryPage(QWidget* parent = nullptr);

    // engine (optional) names what is missing that is not a step (a request rule's sentence). While the
    // page is hidden (every step but the last) the text is laid out only once it is shown.
    void setDecision(const DecisionSummary& summary, const QList<ChecklistStep>& steps, int unanswered,
                     const ReviewEngine* engine = nullptr);
    QString plainText();
    QTextBrowser* browser() const { return m_browser; }
    static QString overallLabel(const QString& overall);
    static QString decisionLabel(const QString& decision);

Q_SIGNALS:
    void stepRequested(const QString& judgmentId);
    void routeRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyHtml();

    QString m_html;
    bool m_htmlPending = false;
    QLabel* m_title = nullptr;
    QTextBrowser* m_browser = nullptr;
    QPushButton* m_route = nullptr;
};

} // namespace rd
