#include "ui/MainWindow.h"

#include "checklist/ReviewEngine.h"
#include "model/store/CaseStoreFactory.h"
#include "model/workspace/PgConnection.h"
#include "ui/CaseOpener.h"
#include "ui/HelpActions.h"
#include "ui/Language.h"
#include "ui/MessageBox.h"
#include "ui/case/CaseJobs.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/fhir/FhirActions.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"
#include "ui/signoff/LoginDialog.h"
#include "ui/signoff/SignoffFlow.h"
#include "ui/workspace/TeamMode.h"
#include "ui/workspace/WorkspaceCaseLink.h"
#include "ui/workspace/WorkspaceQueue.h"
#include "ui/workspace/WorkspaceQueueView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>

namespace rd {

namespace {
const auto kGeometryKey = QStringLiteral("window/geometry");
const auto kStateKey = QStringLiteral("window/state");
const auto kSplitterKey = QStringLiteral("caseView/splitter");
const auto kQueueHeaderKey = QStringLiteral("queue/header");
const auto kFolderKey = QStringLiteral("queue/folder");
const auto kLastDirKey = QStringLiteral("dialogs/lastFolder");
const auto kReviewerKey = QStringLiteral("reviewer/name");
constexpr int kStatusTimeoutMs = MainWindow::StatusTimeoutMs;
} // namespace

QString MainWindow::lastFolderKey()
{
    return kLastDirKey;
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_stack(new QStackedWidget(this))
    , m_queueView(new QueueView(this))
    , m_caseView(new CaseView(this))
    , m_caseLabel(new QLabel(this))
    , m_undoGroup(new QUndoGroup(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    QString engineError;
    if (Result<ReviewEngine> engine = ReviewEngine::load())
        m_engine = std::make_unique<ReviewEngine>(std::move(engine).value());
    else
        engineError = engine.error().toString();
    m_stack->addWidget(m_queueView);
    m_stack->addWidget(m_caseView);
    setCentralWidget(m_stack);
    statusBar()->addPermanentWidget(m_caseLabel);

    m_opener = new CaseOpener(this);
    m_caseJobs = new CaseJobs(this);
    connect(m_caseJobs, &CaseJobs::busyChanged, this, &MainWindow::updateActions);
    connect(m_caseJobs, &CaseJobs::caseCreated, this, &MainWindow::caseCreated);
    connect(m_caseJobs, &CaseJobs::recordsAdded, this, &MainWindow::recordsAdded);
    m_signoff = new SignoffFlow(this);
    connect(m_signoff, &SignoffFlow::signingEnded, this, &MainWindow::afterSigning);
    connect(m_signoff, &SignoffFlow::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, kStatusTimeoutMs); });
    connect(m_queueView, &QueueView::openRequested, this, &MainWindow::openCaseInBackground);
    // About the queue: not while a case is shown (a listing in the background would replace what the
    // case view said, e.g. "1 clinical record added.").
    connect(m_queueView, &QueueView::statusMessage, this, [this](const QString& message) {
        if (m_stack->currentWidget() == m_queueView)
            statusBar()->showMessage(message, kStatusTimeoutMs);
    });
    connect(m_caseView, &CaseView::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, kStatusTimeoutMs); });
    connect(m_caseView, &CaseView::caseStatusChanged, this, [this](const QString& path) {
        m_queueView->model()->refreshCase(path);
        updateTitle();
    });

    createActions();
    createMenus();
    restoreLayout();
    updateActions();
    updateTitle();
    if (!m_engine)
        statusBar()->showMessage(tr("The policy could not be loaded: %1").arg(engineError));
}

MainWindow::~MainWindow()
{
    m_caseView->setSession(nullptr, nullptr);
}

void MainWindow::setLogin(const std::optional<Login>& login)
{
    m_user = login ? std::optional<User>(login->user) : std::nullopt;
    m_actor = login ? login->actor : Actor();
    CaseFile::setHolderLogin(m_user ? m_user->login : QString()); // a case held open names the person
    // Someone logged in finalizes an all-approved case in one action, signed with their key.
    m_caseView->setFinalizer(m_user ? std::function<bool()>([this] { return finalize(); })
                                    : std::function<bool()>());
    if (m_team)
        m_team->setLogin(login);
    if (m_session && m_session->workspace()) {
        // A workspace case is held by a person's own connection: the new person opens it anew.
        const QString caseId = m_session->workspace()->caseId();
        closeCase();
        if (m_team && login)
            m_team->openCase(caseId);
    } else if (m_session) {
        const QString path = m_session->path();
        m_session->flushViewedPages();
        closeCase();
        openCase(path);
    }
    updateTitle();
    updateActions();
}

void MainWindow::switchPerson()
{
    UserDirectory directory;
    bool cancelled = false;
    const auto login = LoginDialog::ask(directory, this, &cancelled, m_team ? m_team->url() : QString());
    if (!cancelled)
        setLogin(login);
}

QString MainWindow::reviewerName() const
{
    if (m_user)
        return m_user->login;
    const QString name = QSettings().value(kReviewerKey).toString();
    if (!name.isEmpty())
        return name;
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? tr("reviewer") : user;
}

QString MainWindow::defaultFolder()
{
    const QString folder = QSettings().value(kFolderKey).toString();
    if (!folder.isEmpty())
        return folder;
    // The demo cases are built beside the executables' folder (build/bin/../demo); an installed
    // ReviewDesk (/usr/bin) has none and starts in the Documents folder.
    const QString demo =
        QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../demo"));
    if (QFileInfo(demo).isDir())
        return demo;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void MainWindow::createActions()
{
    m_openCase = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Case…"), this);
    m_openCase->setShortcut(QKeySequence::Open);
    m_openCase->setStatusTip(tr("Open a case file"));
    connect(m_openCase, &QAction::triggered, this, &MainWindow::chooseCase);

    m_openFolder = new QAction(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Open &Folder…"), this);
    m_openFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openFolder->setStatusTip(tr("Show the case queue of a folder"));
    connect(m_openFolder, &QAction::triggered, this, &MainWindow::chooseFolder);

    m_fhir = new FhirActions(this);

    m_switchPerson = new QAction(tr("S&witch Person…"), this);
    m_switchPerson->setStatusTip(tr("Log in as another person (their password unlocks their key)"));
    connect(m_switchPerson, &QAction::triggered, this, &MainWindow::switchPerson);

    m_closeCase = new QAction(tr("&Close Case"), this);
    m_closeCase->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeCase, &QAction::triggered, this, &MainWindow::closeCase);

    m_quit = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    m_redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    m_redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    m_redo->setObjectName(QStringLiteral("redo"));

    m_showQueue = new QAction(QIcon::fromTheme(QStringLiteral("view-list-details")), tr("Case &Queue"), this);
    m_showQueue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(m_showQueue, &QAction::triggered, this, &MainWindow::showQueue);
    m_showCase = new QAction(tr("Open &Case"), this);
    m_showCase->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(m_showCase, &QAction::triggered, this, &MainWindow::showCaseView);
    m_refresh = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Refresh Queue"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, m_queueView->model(), &CaseQueueModel::rescan);
    m_find = new QAction(tr("&Find in Queue"), this);
    m_find->setShortcut(QKeySequence::Find);
    connect(m_find, &QAction::triggered, this, [this] {
        showQueue();
        m_queueView->focusSearch();
    });

    m_route = new QAction(QIcon::fromTheme(QStringLiteral("mail-forward")), tr("&Route Case…"), this);
    m_route->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_route->setStatusTip(
        tr("Finalize, pend for information or send to the medical director, as the decision says"));
    connect(m_route, &QAction::triggered, m_caseView, &CaseView::route);

    m_signOff = new QAction(QIcon::fromTheme(QStringLiteral("document-edit-sign")), tr("&Sign Off…"), this);
    m_signOff->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_signOff->setStatusTip(tr("Review the decision per line, override with a rationale, preview the letters "
                               "and sign the determination"));
    connect(m_signOff, &QAction::triggered, this, &MainWindow::signOff);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openCase);
    file->addAction(m_openFolder);
    file->addAction(m_caseJobs->newFromJsonAction());
    file->addAction(m_caseJobs->addRecordsAction());
    file->addAction(m_fhir->importAction());
    file->addAction(m_fhir->exportAction());
    file->addSeparator();
    file->addAction(m_caseJobs->saveCopyAction());
    file->addAction(m_closeCase);
    file->addAction(m_switchPerson);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undo);
    edit->addAction(m_redo);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_showQueue);
    m_viewMenu->addAction(m_showCase);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_find);
    m_viewMenu->addAction(m_refresh);

    QMenu* review = menuBar()->addMenu(tr("&Review"));
    m_reviewMenu = review;
    for (QAction* action : m_caseView->checklist()->reviewActions()) {
        if (action)
            review->addAction(action);
        else
            review->addSeparator();
    }
    review->addSeparator();
    review->addAction(m_route);
    review->addAction(m_caseView->reopenAction());
    review->addAction(m_signOff);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    (new HelpActions(this))->fill(help);

    QToolBar* toolBar = addToolBar(tr("Main"));
    m_toolBar = toolBar;
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);
    toolBar->addAction(m_showQueue);
    toolBar->addAction(m_openCase);
    toolBar->addAction(m_openFolder);
    toolBar->addSeparator();
    // Fixed labels in the tool bar; the menu items say what would be undone.
    auto* undoButton = new QAction(m_undo->icon(), tr("Undo"), toolBar);
    undoButton->setToolTip(tr("Undo the last answer (Ctrl+Z)"));
    connect(undoButton, &QAction::triggered, m_undoGroup, &QUndoGroup::undo);
    connect(m_undoGroup, &QUndoGroup::canUndoChanged, undoButton, &QAction::setEnabled);
    undoButton->setEnabled(false);
    auto* redoButton = new QAction(m_redo->icon(), tr("Redo"), toolBar);
    redoButton->setToolTip(tr("Redo the answer undone (Ctrl+Shift+Z)"));
    connect(redoButton, &QAction::triggered, m_undoGroup, &QUndoGroup::redo);
    connect(m_undoGroup, &QUndoGroup::canRedoChanged, redoButton, &QAction::setEnabled);
    redoButton->setEnabled(false);
    toolBar->addAction(undoButton);
    toolBar->addAction(redoButton);
    toolBar->addSeparator();
    toolBar->addAction(m_route);
    toolBar->addAction(m_signOff);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(toolBar->toggleViewAction());
    m_viewMenu->addMenu(Language::createMenu(this));
}

bool MainWindow::openPath(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        openFolder(info.absoluteFilePath());
        return true;
    }
    if (info.isFile()) {
        openCaseInBackground(info.absoluteFilePath());
        return true;
    }
    MessageBox::warning(this, tr("Open"),
                        tr("%1 is neither a case file nor a folder.").arg(QDir::toNativeSeparators(path)));
    return false;
}

bool MainWindow::openCase(const QString& path)
{
    QString error;
    auto session = CaseSession::open(path, m_actor, &error);
    if (!session) {
        MessageBox::warning(this, tr("Open Case"), error);
        return false;
    }
    showSession(std::move(session));
    return true;
}

void MainWindow::openCaseInBackground(const QString& path)
{
    if (m_session && m_session->path() == path) {
        m_stack->setCurrentWidget(m_caseView);
        return;
    }
    m_opener->open(path, m_actor, [this](CaseOpener::Result& result) {
        if (!result.file) {
            MessageBox::warning(this, tr("Open Case"), result.error);
            return;
        }
        if (result.madeInReview)
            m_queueView->model()->refreshCase(result.path);
        showSession(CaseSession::fromFile(std::move(result.file), m_actor),
                    std::move(result.firstAttachment));
        if (!result.statusError.isEmpty())
            statusBar()->showMessage(result.statusError, kStatusTimeoutMs);
    });
}

void MainWindow::showSession(std::unique_ptr<CaseSession> session,
                             std::shared_ptr<AttachmentFile> firstAttachment)
{
    const QString path = session->path();
    closeCase();
    m_session = std::move(session);
    if (!m_session->isReadOnly() && m_session->data().status == CaseStatus::New) {
        QString statusError;
        if (m_session->setStatus(CaseStatus::InReview, &statusError))
            m_queueView->model()->refreshCase(path);
        else
            statusBar()->showMessage(statusError, kStatusTimeoutMs);
    }
    connect(m_session.get(), &CaseSession::writeFailed, this, &MainWindow::onWriteFailed);
    connect(m_session.get(), &CaseSession::answerRefused, this,
            [this](const QString& reason) { statusBar()->showMessage(reason, kStatusTimeoutMs); });
    if (m_session->workspace()) {
        // Saved is said when the workspace has committed it.
        connect(m_session.get(), &CaseSession::answerSaved, this,
                [this] { statusBar()->showMessage(tr("Saved."), 2000); });
        connect(m_session.get(), &CaseSession::workspaceStateChanged, this, [this] {
            m_caseView->statusChangedElsewhere();
            updateTitle();
            updateActions();
        });
        connect(m_session.get(), &CaseSession::statusChanged, this, [this] {
            m_caseView->statusChangedElsewhere();
            updateTitle();
        });
    } else {
        connect(m_session.get(), &CaseSession::answerChanged, this, [this] {
            statusBar()->showMessage(tr("Saved."), 2000);
            m_queueView->model()->refreshCase(m_session->path());
        });
    }
    m_caseView->setFinalizer(m_user ? std::function<bool()>([this] { return finalize(); })
                                    : std::function<bool()>());
    m_undoGroup->addStack(m_session->undoStack());
    m_undoGroup->setActiveStack(m_session->undoStack());
    // Shown (and so laid out) first: the record's page 1 is asked for at the viewer's real size.
    m_stack->setCurrentWidget(m_caseView);
    m_caseView->setSession(m_session.get(), m_engine.get(), std::move(firstAttachment));
    m_caseView->checklist()->setFocus(Qt::OtherFocusReason);
    // A workspace case's state (read-only and why) stays shown beside the status bar (TeamMode).
    if (m_session->isReadOnly() && !m_session->workspace())
        statusBar()->showMessage(tr("Read-only: %1").arg(m_session->readOnlyReason()));
    if (m_session->file() && m_session->file()->isSigned())
        m_signoff->checkSignature(m_session.get());
    if (!m_session->workspace())
        QSettings().setValue(kLastDirKey, QFileInfo(path).absolutePath());
    if (m_team)
        m_team->sessionChanged(m_session.get());
    updateTitle();
    updateActions();
}

void MainWindow::onWriteFailed(const QString& message)
{
    if (!m_session || m_session->file()->diskChange() == CaseFile::DiskChange::None) {
        MessageBox::warning(this, tr("Not saved"), message);
        return;
    }
    // Another program replaced or wrote the file: this session can save nothing more; the case opened
    // again shows the file as it is now.
    const QString path = m_session->path();
    const auto answer = MessageBox::warning(
        this, tr("Not saved"), tr("%1\n\nReopen the case to go on with the file as it is now?").arg(message),
        QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Open, {{QMessageBox::Open, tr("Reopen")}});
    if (answer != QMessageBox::Open)
        return;
    // Not while the session is still signalling; its last unsaved pages would only fail again.
    QTimer::singleShot(0, this, [this, path] {
        if (!m_session || m_session->path() != path)
            return;
        m_session->disconnect(this);
        closeCase();
        openCaseInBackground(path);
    });
}

void MainWindow::closeCase()
{
    if (!m_session)
        return;
    m_caseView->setSession(nullptr, nullptr);
    m_undoGroup->removeStack(m_session->undoStack());
    const QString path = m_session->path();
    const bool inWorkspace = m_session->workspace() != nullptr;
    m_session.reset(); // flushes the reading coverage
    if (!inWorkspace)
        m_queueView->model()->refreshCase(path);
    m_stack->setCurrentWidget(queueWidget());
    if (m_team)
        m_team->sessionChanged(nullptr);
    updateTitle();
    updateActions();
}

void MainWindow::openFolder(const QString& folder)
{
    m_queueView->setFolder(folder);
    QSettings().setValue(kFolderKey, QDir(folder).absolutePath());
    showQueue();
}

void MainWindow::openWorkspace(const QString& url)
{
    QString error;
    const auto spec = url.contains(QLatin1Char('#')) ? parseCaseSpec(url, &error) : std::nullopt;
    const QString workspace = spec ? spec->conninfo : url.section(QLatin1Char('#'), 0, 0);
    if (PgConnection::hasPassword(workspace)) {
        MessageBox::warning(this, tr("Team Workspace"),
                            tr("The workspace URL holds a password. Passwords never go in a URL: the app "
                               "takes them from PGPASSFILE or ~/.pgpass."));
        return;
    }
    if (!m_team) {
        m_team = new TeamMode(this);
        m_team->install(m_stack, m_reviewMenu, m_toolBar, m_openCase);
        connect(m_team, &TeamMode::caseOpened, this, [this] { updateActions(); });
        m_team->setLogin(m_user ? std::optional<Login>(Login{*m_user, m_actor}) : std::nullopt);
    }
    closeCase();
    m_team->open(workspace);
    showQueue();
    if (spec)
        m_team->openCase(spec->caseId);
}

void MainWindow::closeWorkspace()
{
    if (!m_team)
        return;
    closeCase();
    m_stack->setCurrentWidget(m_queueView);
    delete m_team;
    m_team = nullptr;
    updateTitle();
    updateActions();
}

QWidget* MainWindow::queueWidget() const
{
    return m_team ? static_cast<QWidget*>(m_team->view()) : static_cast<QWidget*>(m_queueView);
}

void MainWindow::showQueue()
{
    m_stack->setCurrentWidget(queueWidget());
    queueWidget()->setFocus(Qt::OtherFocusReason);
    updateActions();
    updateTitle();
}

void MainWindow::showCaseView()
{
    if (!m_session)
        return;
    m_stack->setCurrentWidget(m_caseView);
    m_caseView->checklist()->setFocus(Qt::ShortcutFocusReason);
    updateActions();
}

void MainWindow::updateTitle()
{
    if (m_session) {
        const CaseData& caseData = m_session->data();
        const QString member = caseData.member.name.isEmpty()
                                   ? caseData.member.id
                                   : tr("%1 (%2)").arg(caseData.member.name, caseData.member.id);
        const QString codes = caseData.request.lines.join(QStringLiteral(", "));
        QString title = tr("%1 — %2").arg(member, codes);
        if (m_session->isReadOnly())
            title = tr("%1 [read-only]").arg(title);
        setWindowTitle(tr("%1 — ReviewDesk").arg(title));
        const QString where =
            m_session->workspace()
                ? tr("case %1 (team workspace)").arg(m_session->workspace()->caseId().left(8))
                : QFileInfo(m_session->path()).fileName();
        m_caseLabel->setText(tr("%1 · %2").arg(where, CaseQueueModel::statusLabel(caseData.status)));
    } else if (m_team) {
        setWindowTitle(tr("Team workspace — ReviewDesk"));
        m_caseLabel->clear();
    } else {
        const QString folder = m_queueView->model()->folder();
        setWindowTitle(folder.isEmpty() ? tr("ReviewDesk")
                                        : tr("%1 — ReviewDesk").arg(QueueView::shownFolder(folder)));
        m_caseLabel->clear();
    }
}

void MainWindow::updateActions()
{
    const bool hasCase = m_session != nullptr;
    const bool onCase = hasCase && m_stack->currentWidget() == m_caseView;
    m_caseJobs->updateActions();
    m_closeCase->setEnabled(hasCase);
    m_showCase->setEnabled(hasCase);
    m_route->setEnabled(onCase && m_engine && !m_session->isReadOnly()); // read-only includes signed
    m_signOff->setEnabled(onCase && m_engine && m_user.has_value() && !m_signoff->isSigning());
    if (m_team)
        m_team->updateActions();
    m_caseView->checklist()->setActionsEnabled(onCase);
    m_fhir->updateEnabled();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kSplitterKey, m_caseView->splitter()->saveState());
    settings.setValue(kQueueHeaderKey, m_queueView->saveHeaderState());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1400, 900);
    restoreState(settings.value(kStateKey).toByteArray());
    const QByteArray splitter = settings.value(kSplitterKey).toByteArray();
    if (splitter.isEmpty() || !m_caseView->splitter()->restoreState(splitter))
        m_caseView->splitter()->setSizes({840, 560}); // the document gets the larger part
    m_queueView->restoreHeaderState(settings.value(kQueueHeaderKey).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    closeCase();
    event->accept();
}

void MainWindow::chooseCase()
{
    const QString start = QSettings().value(kLastDirKey, m_queueView->model()->folder()).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Case"), start, CaseJobs::caseFilter());
    if (!path.isEmpty())
        openCaseInBackground(path);
}

void MainWindow::chooseFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open Folder"), m_queueView->model()->folder());
    if (!folder.isEmpty())
        openFolder(folder);
}

bool MainWindow::createCaseFromJson(const QString& jsonPath, const QString& casePath, const QStringList& pdfs)
{
    return m_caseJobs->createCaseFromJson(jsonPath, casePath, pdfs);
}

bool MainWindow::importFhirRequest(const QString& bundlePath, const QString& casePath,
                                   const QDateTime& receivedAt)
{
    return m_caseJobs->importFhirRequest(bundlePath, casePath, receivedAt);
}

bool MainWindow::addRecordsToCase(const QStringList& pdfs)
{
    return m_caseJobs->addRecordsToCase(pdfs);
}

bool MainWindow::isBusyWithCase() const
{
    return m_caseJobs->isBusy();
}

void MainWindow::signOff()
{
    if (m_session && m_engine && m_user && !m_signoff->isSigning())
        m_signoff->signOff(m_session.get(), *m_engine, *m_user);
}

bool MainWindow::finalize()
{
    if (!m_session || !m_engine || !m_user)
        return false;
    const bool signedNow = m_signoff->finalize(m_session.get(), *m_engine, *m_user, m_actor);
    updateActions(); // a workspace case's signature may be on its way: Sign Off waits
    return signedNow;
}

void MainWindow::afterSigning()
{
    if (!m_session)
        return;
    if (!m_session->workspace())
        m_queueView->model()->refreshCase(m_session->path());
    m_caseView->statusChangedElsewhere();
    updateTitle();
    updateActions();
}

} // namespace rd
