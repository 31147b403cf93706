// The queue screen in team mode: which workspace and as whom, whether it answers, Take Next Case, and
// the table of the workspace's cases (WorkspaceQueueModel). Enter or a double click opens a case.
#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QToolButton;

namespace rd {

class WorkspaceQueue;
class WorkspaceQueueModel;

class WorkspaceQueueView : public QWidget
{
    Q_OBJECT
public:
    WorkspaceQueueView(WorkspaceQueue* queue, QAction* takeNext, QWidget* parent = nullptr);

    WorkspaceQueueModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // Who works, as shown above the table.
    void setPerson(const QString& text);
    QString stateText() const;
    QString currentCaseId() const;

Q_SIGNALS:
    void openRequested(const QString& caseId);

private:
    void updateState();

    WorkspaceQueue* m_queue = nullptr;
    WorkspaceQueueModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_state = nullptr;
    QToolButton* m_take = nullptr;
    QString m_person;
};

} // namespace rd
