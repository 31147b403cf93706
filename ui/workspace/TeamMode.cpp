#include "ui/workspace/TeamMode.h"

#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/Palette.h"
#include "ui/case/CaseSession.h"
#include "ui/workspace/WorkspaceCaseLink.h"
#include "ui/workspace/WorkspaceQueue.h"
#include "ui/workspace/WorkspaceQueueView.h"
#include "ui/workspace/WorkspaceSettings.h"

#include "model/workspace/PgConnection.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace rd {

namespace {
constexpr int kStatusTimeoutMs = 6000;
} // namespace

TeamMode::TeamMode(MainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_queue(new WorkspaceQueue(this))
    , m_caseState(new QLabel(window))
{
    m_takeNext = new QAction(QIcon::fromTheme(QStringLiteral("go-next")), tr("&Take Next Case"), this);
    m_takeNext->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_takeNext->setStatusTip(tr("Take the most urgent case nobody holds from your queue, and open it"));
    connect(m_takeNext, &QAction::triggered, this, &TeamMode::takeNext);

    m_routeToDirector =
        new QAction(QIcon::fromTheme(QStringLiteral("mail-forward")), tr("Route to &Medical Director"), this);
    m_routeToDirector->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_routeToDirector->setStatusTip(tr("Send the case to the medical directors' queue and let go of it"));
    connect(m_routeToDirector, &QAction::triggered, this, &TeamMode::routeToMedicalDirector);

    m_release = new QAction(tr("Re&lease Case"), this);
    m_release->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_release->setStatusTip(tr("Put the case back in its queue, held by nobody"));
    connect(m_release, &QAction::triggered, this, &TeamMode::release);

    m_takeThis = new QAction(tr("Take T&his Case"), this);
    m_takeThis->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_takeThis->setStatusTip(tr("Hold the open case, which its holder let go of, and work on it"));
    connect(m_takeThis, &QAction::triggered, this, &TeamMode::takeThis);

    connect(m_queue, &WorkspaceQueue::reachableChanged, this, &TeamMode::onQueueReachable);
    m_view = new WorkspaceQueueView(m_queue, m_takeNext, window);
    connect(m_view, &WorkspaceQueueView::openRequested, this, &TeamMode::openCase);
    m_caseState->setObjectName(QStringLiteral("workspaceCaseState"));
    QFont bold = m_caseState->font();
    bold.setBold(true);
    m_caseState->setFont(bold);
    m_caseState->hide();
    updateActions();
}

TeamMode::~TeamMode()
{
    // The actions (children) leave the tool bar and the menu as they go.
    delete m_menu;
    delete m_caseState;
    delete m_view;
}

void TeamMode::install(QStackedWidget* stack, QMenu* before, QToolBar* toolBar, QAction* toolBarBefore)
{
    stack->addWidget(m_view);
    m_window->statusBar()->addPermanentWidget(m_caseState);
    m_menu = new QMenu(tr("&Team"), m_window);
    m_menu->addAction(m_takeNext);
    m_menu->addAction(m_routeToDirector);
    m_menu->addAction(m_release);
    m_menu->addAction(m_takeThis);
    m_window->menuBar()->insertMenu(before->menuAction(), m_menu);
    toolBar->insertAction(toolBarBefore, m_takeNext);
    toolBar->addAction(m_routeToDirector);
}

void TeamMode::open(const QString& url)
{
    m_url = url;
    if (m_login)
        m_queue->open(personUrl());
    updateActions();
}

void TeamMode::setLogin(const std::optional<Login>& login)
{
    // The previous person's (the login window keeps one it asked for the person signing in).
    if (!login || PgConnection::sessionPasswordRole() != login->user.login)
        PgConnection::setSessionPassword({});
    m_passwordDeclined = false;
    m_login = login;
    m_view->setPerson(
        login ? tr("%1 (%2)").arg(login->user.printedName(), login->user.role == UserRole::MedicalDirector
                                                                 ? tr("medical director")
                                                                 : tr("reviewer"))
              : tr("nobody logged in"));
    if (login && !m_url.isEmpty())
        m_queue->open(personUrl());
    updateActions();
}

void TeamMode::onQueueReachable(bool reachable)
{
    if (reachable || m_askingPassword || m_passwordDeclined || !m_login ||
        !PgConnection::isPasswordError(m_queue->lastError()))
        return;
    m_askingPassword = true;
    const bool given = WorkspaceSettings::askPassword(m_window, m_login->user.login);
    m_askingPassword = false;
    if (!given) {
        m_passwordDeclined = true; // not asked again until someone logs in
        Q_EMIT passwordAsked(false);
        return;
    }
    Q_EMIT passwordAsked(true);
    m_queue->refresh();
}

QString TeamMode::personUrl() const
{
    return WorkspaceSettings::urlFor(m_url, m_login ? m_login->user.login : QString());
}

void TeamMode::openCase(const QString& caseId)
{
    if (caseId.isEmpty() || !m_login)
        return;
    CaseSession* session = m_window->session();
    if (session && session->workspace() && session->workspace()->caseId() == caseId) {
        m_window->showCaseView();
        return;
    }
    if (m_opening) {
        m_window->statusBar()->showMessage(tr("Still opening case %1…").arg(m_opening->caseId()),
                                           kStatusTimeoutMs);
        return;
    }
    m_window->statusBar()->showMessage(tr("Opening case %1…").arg(caseId));
    m_opening = std::make_unique<WorkspaceCaseLink>(personUrl(), caseId);
    const Actor actor = m_login->actor;
    m_opening->open(actor, [this, caseId, actor](bool ok, const QString& error) {
        std::unique_ptr<WorkspaceCaseLink> link = std::move(m_opening);
        m_window->statusBar()->clearMessage();
        if (!ok || !link->view().file) {
            link.release()->deleteLater(); // this runs in one of its events
            MessageBox::warning(m_window, tr("Open Case"),
                                ok ? tr("Case %1 could not be read from its working copy.").arg(caseId)
                                   : error);
            Q_EMIT caseOpened(caseId, false);
            return;
        }
        m_window->showSession(CaseSession::fromWorkspace(std::move(link), actor));
        m_queue->refresh();
        Q_EMIT caseOpened(caseId, true);
    });
    updateActions();
}

void TeamMode::takeNext()
{
    if (!m_login || m_taking || m_opening)
        return;
    const QString queue = m_login->user.role == UserRole::MedicalDirector ? Workspace::MedicalDirectorQueue
                                                                          : Workspace::ReviewQueue;
    m_taking = true;
    updateActions();
    m_window->statusBar()->showMessage(tr("Taking the next case…"));
    m_queue->takeNext(queue, [this, queue](const QString& caseId, const QString& error) {
        m_taking = false;
        m_window->statusBar()->clearMessage();
        updateActions();
        m_queue->refresh(); // what changed while taking, this person's take included
        if (!error.isEmpty()) {
            MessageBox::warning(m_window, tr("Take Next Case"), error);
            return;
        }
        if (caseId.isEmpty()) {
            m_window->statusBar()->showMessage(
                queue == Workspace::MedicalDirectorQueue
                    ? tr("The medical directors' queue has no case nobody holds.")
                    : tr("The review queue has no case nobody holds."),
                kStatusTimeoutMs);
            return;
        }
        openCase(caseId);
    });
}

void TeamMode::routeToMedicalDirector()
{
    CaseSession* session = m_window->session();
    if (!session || !session->workspace() || session->isReadOnly() || !m_login)
        return;
    // Awaiting the medical director (audited, as the Route dialog does it), then the queue's turn.
    WorkspaceCaseLink* link = session->workspace();
    m_lettingGo = true;
    updateActions();
    if (session->data().status == CaseStatus::AwaitingMedicalDirector) {
        letGoOf(Workspace::MedicalDirectorQueue, tr("Case %1 is in the medical directors' queue."));
        return;
    }
    link->setStatus(
        CaseStatus::AwaitingMedicalDirector, m_login->actor, [this](bool ok, const QString& error) {
            if (!ok) {
                m_lettingGo = false;
                updateActions();
                MessageBox::warning(m_window, tr("Route to Medical Director"), error);
                return;
            }
            letGoOf(Workspace::MedicalDirectorQueue, tr("Case %1 is in the medical directors' queue."));
        });
}

void TeamMode::release()
{
    CaseSession* session = m_window->session();
    if (!session || !session->workspace() || session->isReadOnly())
        return;
    m_lettingGo = true;
    updateActions();
    letGoOf(QString(), tr("Case %1 is back in its queue, held by nobody."));
}

void TeamMode::takeThis()
{
    CaseSession* session = m_window->session();
    if (!session || !session->workspace() || !session->workspace()->view().canTake)
        return;
    session->workspace()->take([this](bool ok, const QString& error) {
        m_queue->refresh();
        if (!ok)
            MessageBox::warning(m_window, tr("Take This Case"), error);
        updateCaseState();
    });
}

void TeamMode::letGoOf(const QString& queue, const QString& doneMessage)
{
    CaseSession* session = m_window->session();
    if (!session || !session->workspace()) {
        m_lettingGo = false;
        return;
    }
    session->flushViewedPages();
    const QString caseId = session->workspace()->caseId();
    session->workspace()->route(queue, [this, caseId, doneMessage](bool ok, const QString& error) {
        m_lettingGo = false;
        if (!ok) {
            updateActions();
            MessageBox::warning(m_window, tr("Team Workspace"), error);
            Q_EMIT letGo(caseId, false);
            return;
        }
        // Closed once this event of the case's link is over (closing deletes the link).
        QMetaObject::invokeMethod(
            this,
            [this, caseId, doneMessage] {
                m_window->closeCase();
                m_queue->refresh();
                m_window->statusBar()->showMessage(doneMessage.arg(caseId), kStatusTimeoutMs);
                Q_EMIT letGo(caseId, true);
            },
            Qt::QueuedConnection);
    });
}

void TeamMode::sessionChanged(CaseSession* session)
{
    if (session && session->workspace()) {
        connect(session, &CaseSession::workspaceStateChanged, this, &TeamMode::updateCaseState,
                Qt::UniqueConnection);
        // Routed by the Route dialog (a denial goes to the medical director): the queue follows.
        connect(session, &CaseSession::statusChanged, this, [this](CaseStatus status) {
            if (status == CaseStatus::AwaitingMedicalDirector && !m_lettingGo) {
                m_lettingGo = true;
                letGoOf(Workspace::MedicalDirectorQueue, tr("Case %1 is in the medical directors' queue."));
            }
        });
    }
    updateCaseState();
    updateActions();
}

void TeamMode::updateCaseState()
{
    CaseSession* session = m_window->session();
    if (!session || !session->workspace()) {
        m_caseState->hide();
        return;
    }
    const WorkspaceCaseLink::View& view = session->workspace()->view();
    QPalette colors = m_caseState->palette();
    QString text;
    if (view.unreachable) {
        text = tr("⚠ workspace unreachable: read-only, reconnecting…");
        colors.setColor(QPalette::WindowText, palette::tone(palette::Tone::Bad));
    } else if (session->unsavedCount() > 0) {
        text = tr("Saving %n answer(s)…", nullptr, session->unsavedCount());
        colors.setColor(QPalette::WindowText, palette::tone(palette::Tone::Caution));
    } else if (view.readOnly) {
        text = tr("Read-only: %1").arg(session->readOnlyReason());
        colors.setColor(QPalette::WindowText, palette::muted());
    } else {
        text = tr("Held by you · every answer saved");
        colors.setColor(QPalette::WindowText, palette::tone(palette::Tone::Good));
    }
    m_caseState->setPalette(colors);
    m_caseState->setText(text);
    m_caseState->show();
    updateActions();
}

void TeamMode::updateActions()
{
    CaseSession* session = m_window->session();
    const bool holding = session && session->workspace() && !session->isReadOnly() && !m_lettingGo;
    m_takeNext->setEnabled(m_login.has_value() && !m_url.isEmpty() && !m_taking && !m_opening);
    m_routeToDirector->setEnabled(holding);
    m_release->setEnabled(holding);
    m_takeThis->setEnabled(session && session->workspace() && session->workspace()->view().canTake &&
                           !session->workspace()->isBusy());
}

} // namespace rd
