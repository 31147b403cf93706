// The desktop in team mode: the workspace's queue instead of a folder's, Take Next Case, Route to
// Medical Director, Release, and workspace cases opened through WorkspaceCaseLink (every call that
// may reach the server runs on a thread of its own; see WorkspaceQueue and WorkspaceCaseLink).
//
// The person logged in (the roster) connects as their own PostgreSQL role of the same name; libpq
// finds the password in PGPASSFILE / ~/.pgpass (or uses the server's other methods: certificates,
// GSSAPI). When the server asks for a password none of these gives (or refuses it), the app asks once
// and keeps it in memory for this process (PgConnection::setSessionPassword). Take Next Case takes from the
// queue of the person's roster role: the review queue for a reviewer, the medical directors' for a medical
// director.
#pragma once

#include "model/signoff/Login.h"
#include "ui/workspace/WorkspaceQueueView.h"

#include <QLabel>
#include <QMenu>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QAction;
class QStackedWidget;
class QToolBar;

namespace rd {

class CaseSession;
class MainWindow;
class WorkspaceCaseLink;
class WorkspaceQueue;

class TeamMode : public QObject
{
    Q_OBJECT
public:
    explicit TeamMode(MainWindow* window);
    // Takes its queue view, menu, tool bar actions and status bar word out of the window.
    ~TeamMode() override;

    // Puts them in: the queue view in stack, the Team menu before menu, Take Next Case before
    // toolBarBefore and Route to Medical Director at the end of the tool bar.
    void install(QStackedWidget* stack, QMenu* before, QToolBar* toolBar, QAction* toolBarBefore);

    // url: the workspace (without a person: the one logged in connects).
    void open(const QString& url);
    QString url() const { return m_url; }
    // Who works now: the queue connects as them (again); nobody: the queue waits.
    void setLogin(const std::optional<Login>& login);

    WorkspaceQueue* queue() const { return m_queue; }
    WorkspaceQueueView* view() const { return m_view; }
    QAction* takeNextAction() const { return m_takeNext; }
    QAction* routeAction() const { return m_routeToDirector; }
    QAction* releaseAction() const { return m_release; }
    // Holds the open case whose holder let go while it was open here read-only.
    QAction* takeThisAction() const { return m_takeThis; }
    // The status bar's word on the open workspace case: saving, unreachable, read-only.
    QLabel* caseStateLabel() const { return m_caseState; }

    // Opens a case of the workspace (writable when this person can hold it, else read-only).
    void openCase(const QString& caseId);
    bool isOpening() const { return m_opening != nullptr; }
    void takeNext();
    void routeToMedicalDirector();
    void release();
    void takeThis();
    // The open case changed (opened, closed, state): actions and the status bar follow.
    void sessionChanged(CaseSession* session);
    void updateActions();

Q_SIGNALS:
    // The server's password was asked for (given: true; cancelled: false).
    void passwordAsked(bool given);
    // A case was opened (or could not be: opened false; the status bar says why).
    void caseOpened(const QString& caseId, bool opened);
    // Route or Release done (done false: refused, a message said why).
    void letGo(const QString& caseId, bool done);

private:
    QString personUrl() const;
    // The queue could not connect: when the server wants a password, asks for it (once; again after a
    // refused one).
    void onQueueReachable(bool reachable);
    void letGoOf(const QString& queue, const QString& doneMessage);
    void updateCaseState();

    MainWindow* m_window = nullptr;
    QString m_url;
    std::optional<Login> m_login;
    WorkspaceQueue* m_queue = nullptr;
    // Widgets of the window: they may go first when the window goes.
    QPointer<WorkspaceQueueView> m_view;
    QAction* m_takeNext = nullptr;
    QAction* m_routeToDirector = nullptr;
    QAction* m_release = nullptr;
    QAction* m_takeThis = nullptr;
    QPointer<QLabel> m_caseState;
    QPointer<QMenu> m_menu;
    std::unique_ptr<WorkspaceCaseLink> m_opening;
    bool m_taking = false;
    bool m_lettingGo = false;
    bool m_askingPassword = false;
    bool m_passwordDeclined = false;
};

} // namespace rd
