// The reviewer's workstation: the case queue of a folder, and one open case at a time.
#pragma once

#include "model/signoff/Login.h"
#include "model/signoff/UserDirectory.h"

#include <QDateTime>
#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QStackedWidget;
class QUndoGroup;

namespace rd {

class AttachmentFile;
class CaseJobs;
class CaseSession;
class CaseView;
class FhirActions;
class QueueView;
class ReviewEngine;
class SignoffFlow;
class TeamMode;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // A case file opens that case, off the GUI thread (the case shows when it is read: session()); a
    // folder shows its queue. False (with a message) when the path is neither.
    bool openPath(const QString& path);
    // Opens the case at once (reading it on this thread): for reopening, and tests.
    bool openCase(const QString& path);
    // Opens the case off the GUI thread; it shows when it is read (or a message says why not).
    void openCaseInBackground(const QString& path);
    void openFolder(const QString& folder);
    // Team mode (docs/workspace.md): the queue of the workspace at url (a libpq URL, postgresql://...),
    // and with "#CASE-ID", that case opened. The person logged in connects as themselves.
    void openWorkspace(const QString& url);
    TeamMode* teamMode() const { return m_team; }
    // Leaves team mode (its connections close on their threads): the folder's queue shows again.
    void closeWorkspace();
    void showQueue();
    // Shows the open case (View > Open Case).
    void showCaseView();
    void closeCase();
    // Shows a case opened elsewhere (the case opener, team mode), closing the one open.
    // firstAttachment: see CaseView::setSession.
    void showSession(std::unique_ptr<CaseSession> session,
                     std::shared_ptr<AttachmentFile> firstAttachment = {});
    // Creates casePath from a case JSON (case-exchange.md) with the PDFs stored in it, then opens it.
    // The JSON is read at once (false, with a message, when it is wrong); the attachments are checked
    // and stored on a thread of the pool, and the case opens when that is done (or a message says
    // which file was refused, and nothing is created). caseCreated() follows either way.
    bool createCaseFromJson(const QString& jsonPath, const QString& casePath, const QStringList& pdfs = {});

    // Stores more PDFs in the open case (not a read-only or signed one): the case closes, they are
    // checked and stored on a thread of the pool, and it opens again showing the first one (or a
    // message says which file was refused, and the case opens unchanged). recordsAdded() follows.
    bool addRecordsToCase(const QStringList& pdfs);

    // Creates casePath from a Da Vinci PAS request (docs/fhir.md) on a thread of the pool, then opens it;
    // receivedAt: the reviewer's correction of the receipt time (invalid: the request's own). A refused
    // request shows its one-line reason and creates nothing. caseCreated() follows either way.
    bool importFhirRequest(const QString& bundlePath, const QString& casePath, const QDateTime& receivedAt);

    // A case is being created or records added (File actions wait).
    bool isBusyWithCase() const;

    CaseSession* session() const { return m_session.get(); }
    FhirActions* fhirActions() const { return m_fhir; }
    CaseView* caseView() const { return m_caseView; }
    QueueView* queueView() const { return m_queueView; }
    QString reviewerName() const;
    // Who is working (asked at start, issue 6); without one, the login name and no signing.
    // Who is working: their roster entry and the key that signs what they record (nullopt: nobody,
    // cases open read-only). An open case reopens under the new person.
    void setLogin(const std::optional<Login>& login);
    const std::optional<User>& user() const { return m_user; }
    // Whose key signs what is recorded now (invalid: nobody logged in).
    const Actor& actor() const { return m_actor; }
    // The policy's engine; null when the policy could not be loaded.
    const ReviewEngine* engine() const { return m_engine.get(); }
    // The setting naming the folder the file dialogs start in.
    static QString lastFolderKey();
    // How long a status bar message stays.
    static constexpr int StatusTimeoutMs = 6000;
    // The medical director's sign-off of the open case (SignoffDialog), a case file or a workspace case.
    void signOff();
    // An all-approved case finalized in one action: after one question, signed with the key the
    // person unlocked when logging in, the approval letter made. True when it was signed (a workspace
    // case is signed on its own thread: false, and the window follows when the server has it).
    bool finalize();
    SignoffFlow* signoffFlow() const { return m_signoff; }
    // The folder shown when no folder is given: the setting, else the demo folder.
    static QString defaultFolder();

Q_SIGNALS:
    // A createCaseFromJson() is done: created (and opened) or not (a message said why).
    void caseCreated(const QString& casePath, bool created);
    void recordsAdded(const QString& casePath, bool added);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void updateTitle();
    void updateActions();
    void saveLayout() const;
    void restoreLayout();
    void chooseCase();
    void chooseFolder();
    void switchPerson();
    // A write of the case failed: says why; when another program replaced or wrote the file, offers
    // to open the case again.
    void onWriteFailed(const QString& message);
    QWidget* queueWidget() const;
    // After a signing (or an attempt): the queue, the lock, the title and the actions follow.
    void afterSigning();

    std::unique_ptr<ReviewEngine> m_engine;
    std::unique_ptr<CaseSession> m_session;
    class CaseOpener* m_opener = nullptr;
    QStackedWidget* m_stack = nullptr;
    QueueView* m_queueView = nullptr;
    TeamMode* m_team = nullptr; // team mode: the workspace's queue instead of a folder's
    CaseView* m_caseView = nullptr;
    QLabel* m_caseLabel = nullptr;
    QUndoGroup* m_undoGroup = nullptr;

    QAction* m_openCase = nullptr;
    QAction* m_openFolder = nullptr;
    FhirActions* m_fhir = nullptr;
    CaseJobs* m_caseJobs = nullptr;
    SignoffFlow* m_signoff = nullptr;
    QAction* m_closeCase = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QAction* m_showQueue = nullptr;
    QAction* m_showCase = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_find = nullptr;
    QAction* m_route = nullptr;
    QAction* m_signOff = nullptr;
    std::optional<User> m_user;
    Actor m_actor;
    QAction* m_switchPerson = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_reviewMenu = nullptr;
    class QToolBar* m_toolBar = nullptr;
};

} // namespace rd
