#include "ui/MainWindow.h"

#include "checklist/ReviewEngine.h"
#include "model/casefile/CaseCreation.h"
#include "model/casefile/CaseFileFormat.h"
#include "model/fhir/FhirCaseImport.h"
#include "model/signoff/CaseVerification.h"
#include "model/store/CaseStoreFactory.h"
#include "model/workspace/PgConnection.h"
#include "ui/CaseOpener.h"
#include "ui/Language.h"
#include "ui/MessageBox.h"
#include "ui/RunOnPool.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/fhir/FhirActions.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"
#include "ui/signoff/LoginDialog.h"
#include "ui/signoff/SignoffDialog.h"
#include "ui/workspace/TeamMode.h"
#include "ui/workspace/WorkspaceCaseLink.h"
#include "ui/workspace/WorkspaceQueue.h"
#include "ui/workspace/WorkspaceQueueView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
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
constexpr int kStatusTimeoutMs = 6000;

QString caseFilter()
{
    return MainWindow::tr("Case files (*.%1)").arg(QLatin1String(CaseFileFormat::FileSuffix));
}
} // namespace

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

    m_newFromJson =
        new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Case from JSON…"), this);
    m_newFromJson->setShortcut(QKeySequence::New);
    m_newFromJson->setStatusTip(tr("Create a case file from a case JSON"));
    connect(m_newFromJson, &QAction::triggered, this, &MainWindow::newCaseFromJson);

    m_addRecords =
        new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add Clinical Records…"), this);
    m_addRecords->setStatusTip(tr("Store more PDFs in the open case (records that came later)"));
    connect(m_addRecords, &QAction::triggered, this, &MainWindow::chooseRecordsToAdd);
    m_fhir = new FhirActions(this);

    m_saveCopy =
        new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save a &Copy As…"), this);
    m_saveCopy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveCopy, &QAction::triggered, this, &MainWindow::saveCopyAs);

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

    m_shortcuts = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_about = new QAction(tr("&About ReviewDesk"), this);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &MainWindow::about);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openCase);
    file->addAction(m_openFolder);
    file->addAction(m_newFromJson);
    file->addAction(m_addRecords);
    file->addAction(m_fhir->importAction());
    file->addAction(m_fhir->exportAction());
    file->addSeparator();
    file->addAction(m_saveCopy);
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
    help->addAction(m_shortcuts);
    help->addAction(m_about);

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
        showSession(CaseSession::fromFile(std::move(result.file), m_actor));
        if (!result.statusError.isEmpty())
            statusBar()->showMessage(result.statusError, kStatusTimeoutMs);
    });
}

void MainWindow::showSession(std::unique_ptr<CaseSession> session)
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
    // The one-action finalize signs with the key on this desk: a workspace case is signed elsewhere.
    m_caseView->setFinalizer(m_user && !m_session->workspace()
                                 ? std::function<bool()>([this] { return finalize(); })
                                 : std::function<bool()>());
    m_undoGroup->addStack(m_session->undoStack());
    m_undoGroup->setActiveStack(m_session->undoStack());
    m_caseView->setSession(m_session.get(), m_engine.get());
    m_stack->setCurrentWidget(m_caseView);
    m_caseView->checklist()->setFocus(Qt::OtherFocusReason);
    if (m_session->isReadOnly())
        statusBar()->showMessage(tr("Read-only: %1").arg(m_session->readOnlyReason()));
    if (m_session->file() && m_session->file()->isSigned())
        checkSignature(path);
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
                                        : tr("%1 — ReviewDesk").arg(QDir::toNativeSeparators(folder)));
        m_caseLabel->clear();
    }
}

void MainWindow::updateActions()
{
    const bool hasCase = m_session != nullptr;
    const bool onCase = hasCase && m_stack->currentWidget() == m_caseView;
    m_saveCopy->setEnabled(hasCase);
    m_closeCase->setEnabled(hasCase);
    m_showCase->setEnabled(hasCase);
    m_route->setEnabled(onCase && m_engine && !m_session->isReadOnly()); // read-only includes signed
    // A workspace case is signed with reviewdesk-cli sign URL#CASE-ID for now (docs/workspace.md).
    const bool inWorkspace = hasCase && m_session->workspace();
    m_signOff->setEnabled(onCase && m_engine && m_user.has_value() && !inWorkspace);
    m_newFromJson->setEnabled(m_engine != nullptr && !m_caseJob);
    m_addRecords->setEnabled(hasCase && !m_caseJob && !m_session->isReadOnly() && !inWorkspace);
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
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Case"), start, caseFilter());
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

void MainWindow::newCaseFromJson()
{
    if (!m_engine)
        return;
    const QString start = QSettings().value(kLastDirKey, m_queueView->model()->folder()).toString();
    const QString json =
        QFileDialog::getOpenFileName(this, tr("New Case from JSON"), start, tr("Case JSON (*.json)"));
    if (json.isEmpty())
        return;
    // The clinical records go into the case with it (none: Cancel).
    const QStringList pdfs = QFileDialog::getOpenFileNames(this, tr("Attach the Clinical Records"),
                                                           QFileInfo(json).absolutePath(), tr("PDF (*.pdf)"));
    const QString folder = m_queueView->model()->folder().isEmpty() ? QFileInfo(json).absolutePath()
                                                                    : m_queueView->model()->folder();
    const QString suggested = QDir(folder).absoluteFilePath(
        QFileInfo(json).completeBaseName() + QLatin1Char('.') + QLatin1String(CaseFileFormat::FileSuffix));
    const QString target =
        QFileDialog::getSaveFileName(this, tr("Save New Case As"), suggested, caseFilter());
    if (!target.isEmpty())
        createCaseFromJson(json, target, pdfs);
}

bool MainWindow::createCaseFromJson(const QString& jsonPath, const QString& casePath, const QStringList& pdfs)
{
    if (!m_engine || m_caseJob)
        return false;
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        MessageBox::warning(
            this, tr("New Case from JSON"),
            tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(jsonPath), file.errorString()));
        return false;
    }
    const Result<CaseData> caseData = m_engine->readCaseJson(file.readAll(), jsonPath);
    if (!caseData) {
        MessageBox::warning(this, tr("New Case from JSON"), caseData.error().toString());
        return false;
    }
    // Checking each PDF in a worker process and copying it into the case takes a while: not here.
    runCaseJob(
        pdfs.isEmpty()
            ? tr("Creating the case…")
            : tr("Creating the case: checking and storing %n attachment(s)…", nullptr, int(pdfs.size())),
        [casePath, data = *caseData, pdfs, actor = m_actor] {
            return createCaseFile(casePath, data, pdfs, actor);
        },
        [this, casePath](const CaseCreationResult& result) {
            if (result.ok)
                openCase(casePath);
            else
                MessageBox::warning(this, tr("New Case from JSON"), result.error);
            Q_EMIT caseCreated(casePath, result.ok);
        });
    return true;
}

bool MainWindow::importFhirRequest(const QString& bundlePath, const QString& casePath,
                                   const QDateTime& receivedAt)
{
    if (!m_engine || m_caseJob)
        return false;
    runCaseJob(
        tr("Creating the case from %1…").arg(QFileInfo(bundlePath).fileName()),
        [bundlePath, casePath, receivedAt, policy = m_engine->policy(), actor = m_actor] {
            const FhirCaseImportResult imported =
                FhirCaseImport::run(bundlePath, casePath, policy, receivedAt, actor);
            return CaseCreationResult{imported.ok, imported.error, imported.attachments};
        },
        [this, casePath](const CaseCreationResult& result) {
            if (result.ok)
                openCase(casePath);
            else
                MessageBox::warning(this, tr("Import Request (FHIR)"), result.error);
            Q_EMIT caseCreated(casePath, result.ok);
        });
    return true;
}

void MainWindow::chooseRecordsToAdd()
{
    if (!m_session)
        return;
    const QStringList pdfs = QFileDialog::getOpenFileNames(
        this, tr("Add Clinical Records"),
        QSettings().value(kLastDirKey, QFileInfo(m_session->path()).absolutePath()).toString(),
        tr("PDF (*.pdf)"));
    if (!pdfs.isEmpty())
        addRecordsToCase(pdfs);
}

bool MainWindow::addRecordsToCase(const QStringList& pdfs)
{
    if (!m_session || m_caseJob || pdfs.isEmpty() || m_session->isReadOnly())
        return false;
    // The case closes while the records are checked and copied in on a thread of the pool (its
    // connection lives on this thread, and storing a large PDF must not), then opens again.
    const QString path = m_session->path();
    const QString firstName = QFileInfo(pdfs.first()).fileName();
    closeCase();
    runCaseJob(
        tr("Adding %n clinical record(s) to %1…", nullptr, int(pdfs.size())).arg(QFileInfo(path).fileName()),
        [path, pdfs, actor = m_actor] { return addCaseAttachments(path, pdfs, actor); },
        [this, path, firstName](const CaseCreationResult& result) {
            if (openCase(path) && result.ok) {
                statusBar()->showMessage(tr("%n clinical record(s) added.", nullptr, result.attachments),
                                         kStatusTimeoutMs);
                // Show the first one added.
                const QList<AttachmentInfo> attachments = m_session->file()->attachments();
                for (qsizetype i = 0; i < attachments.size(); ++i)
                    if (attachments[i].fileName == firstName)
                        m_caseView->attachmentChooser()->setCurrentIndex(int(i));
            }
            if (!result.ok)
                MessageBox::warning(this, tr("Add Clinical Records"), result.error);
            Q_EMIT recordsAdded(path, result.ok);
        });
    return true;
}

void MainWindow::runCaseJob(const QString& message, std::function<CaseCreationResult()> work,
                            std::function<void(const CaseCreationResult&)> done)
{
    m_caseJob = true;
    updateActions();
    statusBar()->showMessage(message);
    runOnPool(this, std::move(work), [this, done](const CaseCreationResult& result) {
        m_caseJob = false;
        updateActions();
        statusBar()->clearMessage();
        done(result);
    });
}

void MainWindow::saveCopyAs()
{
    if (!m_session)
        return;
    m_session->flushViewedPages();
    const QString start = m_session->workspace() ? QSettings().value(kLastDirKey).toString()
                                                 : QFileInfo(m_session->path()).absolutePath();
    const QString target = QFileDialog::getSaveFileName(this, tr("Save a Copy As"), start, caseFilter());
    if (target.isEmpty())
        return;
    m_saveCopy->setEnabled(false);
    statusBar()->showMessage(tr("Saving a copy as %1…").arg(QDir::toNativeSeparators(target)));
    auto done = [this, target](const QString& error) {
        m_saveCopy->setEnabled(true);
        statusBar()->clearMessage();
        if (!error.isEmpty())
            MessageBox::warning(this, tr("Save a Copy As"), error);
        else
            statusBar()->showMessage(tr("Copy saved as %1.").arg(QDir::toNativeSeparators(target)),
                                     kStatusTimeoutMs);
    };
    if (m_session->workspace()) {
        // The case as the server holds it, exported on the case's own thread.
        m_session->workspace()->saveCopyAs(target, [done](bool, const QString& error) { done(error); });
        return;
    }
    // The copy (SQLite backup of the whole case, attachments included, then fsync) runs on a
    // thread of the pool, on a read-only connection of its own: the window stays responsive.
    const QString source = m_session->path();
    runOnPool(
        this,
        [source, target] {
            QString error;
            return CaseFile::saveCopy(source, target, &error) ? QString() : error;
        },
        done);
}

void MainWindow::signOff()
{
    if (!m_session || !m_engine || !m_user)
        return;
    m_session->flushViewedPages();
    QString error;
    const auto plan = PlanInfo::load(QString(), &error);
    UserDirectory directory;
    if (!plan || !directory.load(&error)) {
        MessageBox::warning(this, tr("Sign Off"), error);
        return;
    }
    const Signoff signoff(m_engine->policy(), *plan);
    SignoffDialog dialog(m_session->file(), signoff, directory, *m_user, this);
    dialog.exec();
    afterSigning();
}

bool MainWindow::finalize()
{
    if (!m_session || !m_engine || !m_user || !m_actor.isValid())
        return false;
    m_session->flushViewedPages();
    QString error;
    const auto plan = PlanInfo::load(QString(), &error);
    if (!plan) {
        MessageBox::warning(this, tr("Finalize Case"), error);
        return false;
    }
    const Signoff signoff(m_engine->policy(), *plan);
    const SignoffPreview preview =
        signoff.preview(*m_session->file(), *m_user, {}, {}, QDateTime::currentDateTimeUtc());
    if (!preview.problems.isEmpty()) {
        MessageBox::warning(this, tr("Finalize Case"),
                            tr("The case cannot be signed yet:\n• %1\n\nSign Off (Ctrl+Shift+D) shows the "
                               "decision and the letters.")
                                .arg(preview.problems.join(QStringLiteral("\n• "))));
        return false;
    }
    // The person logged in with their password; their unlocked key signs, as it signs every judgment
    // they record. The question is the deliberate act of signing.
    if (MessageBox::question(this, tr("Finalize Case"),
                             tr("Every line is approved.\n\nSign the determination as %1 and make the "
                                "approval letter?")
                                 .arg(m_user->printedName()),
                             QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) != QMessageBox::Yes)
        return false;
    SignoffInput input;
    input.login = m_user->login;
    if (!signoff.sign(*m_session->file(), *m_user, *m_actor.key(), input, &error)) {
        MessageBox::critical(this, tr("Finalize Case"), error);
        afterSigning();
        return false;
    }
    afterSigning();
    return true;
}

void MainWindow::afterSigning()
{
    m_queueView->model()->refreshCase(m_session->path());
    m_caseView->statusChangedElsewhere();
    updateTitle();
    updateActions();
    if (m_session->file()->isSigned())
        statusBar()->showMessage(
            tr("Signed; the letter is made. Sign Off (Ctrl+Shift+D) shows, exports and prints it."),
            kStatusTimeoutMs);
}

// A signed case is verified when it opens, off the GUI thread on a connection of its own (every
// attachment is hashed): any change since signing, even one made with sqlite3, is said at once.
void MainWindow::checkSignature(const QString& path)
{
    runOnPool(
        this,
        [path]() -> QString {
            QString error;
            const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
            if (!file)
                return error;
            const CaseVerification result = verifyCase(*file);
            QStringList problems;
            for (const VerifyFinding& finding : result.report.problems)
                problems.append(QStringLiteral("%1: %2").arg(finding.where, finding.what));
            return problems.join(QLatin1Char('\n'));
        },
        [this, path](const QString& problem) {
            if (problem.isEmpty())
                statusBar()->showMessage(tr("Signed; the signature verifies."), kStatusTimeoutMs);
            else
                MessageBox::warning(
                    this, tr("Signature Does Not Verify"),
                    tr("%1 was changed after it was signed, or its signature is not valid:\n\n%2")
                        .arg(QDir::toNativeSeparators(path), problem));
        });
}

void MainWindow::showShortcuts()
{
    MessageBox::information(this, tr("Keyboard Shortcuts"),
                            tr("Queue: type to search (Ctrl+F), arrows to choose, Enter to open a case,\n"
                               "  Alt+Right / Alt+Left  sort column      Alt+Up / Alt+Down  order\n\n"
                               "Checklist (answer keys act only while it has the keyboard):\n"
                               "  M  met            N  not met / no        U  unknown\n"
                               "  Y  yes, the exclusion applies\n"
                               "  1–9  toggle an indication type\n"
                               "  J, Page Down, Alt+Right  next judgment\n"
                               "  K, Page Up, Alt+Left  previous judgment\n"
                               "  S, Alt+End  summary\n"
                               "  E  edit the note (Esc saves and returns)\n"
                               "  C  cite the selected passage or search hit      L  go to the citations\n"
                               "  F6 / Shift+F6  checklist, request panel, document\n"
                               "  Ctrl+Z / Ctrl+Shift+Z  undo / redo an answer\n"
                               "  Ctrl+R  route the case      Ctrl+Shift+D  sign off\n"
                               "  Ctrl+1  queue      Ctrl+2  case\n\n"
                               "Attachment (when it has the focus):\n"
                               "  Page Down / Page Up  next / previous page (not judgment)\n"
                               "  Ctrl+F  search      Ctrl+C  copy the selection      C  cite it\n"
                               "  Ctrl++ / Ctrl+-, Ctrl+wheel  zoom      Ctrl+Right / Ctrl+Left  rotate"));
}

void MainWindow::about()
{
    MessageBox::information(this, tr("About ReviewDesk"),
                            tr("ReviewDesk %1\nUtilization review workstation for motion analysis "
                               "(CPT 96000–96002, 96004).")
                                .arg(QCoreApplication::applicationVersion()));
}

} // namespace rd
