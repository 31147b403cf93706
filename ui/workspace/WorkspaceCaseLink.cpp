#include "ui/workspace/WorkspaceCaseLink.h"

#include "model/casefile/CaseCreation.h"
#include "model/casefile/CaseFile.h"
#include "model/signoff/CaseVerification.h"
#include "model/signoff/Signoff.h"
#include "model/workspace/WorkspaceCase.h"
#include "ui/workspace/WorkerThread.h"

#include <QSocketNotifier>
#include <QTimer>

namespace rd {

namespace {
constexpr int kHeartbeatMs = 2000;
} // namespace

struct WorkspaceCaseLink::Shared
{
    QString url;
    QString caseId;
    std::unique_ptr<WorkspaceCase> store;
    // This desk held the case, and did not let go of it: a hold lost on reconnecting (the old
    // session's lock still there after a network cut) is taken again as soon as it can be.
    bool wasHolder = false;
    bool letGo = false;
    QString login; // who works: a hold of theirs elsewhere is this desk's old session

    // Following another holder's work: the notifier on the store's connection (a reconnect changes it).
    std::unique_ptr<QSocketNotifier> notifier;
    int listened = -1;
    std::function<void(std::function<void()>)> toOwner;
    WorkspaceCaseLink* owner = nullptr; // used through toOwner only

    bool following() const
    {
        return store && !store->isUnreachable() && !store->isSigned() &&
               (!store->heldBy().isEmpty() || !store->letGoBy().isEmpty());
    }
    // After each piece of work, on the link's thread: listens while following, and says whether the case
    // changed meanwhile (a notification read with a statement's result does not wake the notifier).
    void watch(QObject* context)
    {
        if (!store || store->isUnreachable()) {
            notifier.reset();
            listened = -1;
            return;
        }
        if (following() && store->socket() != listened) {
            QString ignored;
            notifier.reset();
            listened = -1;
            if (!store->listen(&ignored))
                return;
            listened = store->socket();
            notifier = std::make_unique<QSocketNotifier>(listened, QSocketNotifier::Read);
            QObject::connect(notifier.get(), &QSocketNotifier::activated, context, [this] {
                if (!store || !store->takeChanged())
                    return;
                // Quiet until the follow-up work has run (a lost connection's socket stays readable).
                notifier->setEnabled(false);
                if (following())
                    tellOwner();
            });
        }
        if (notifier)
            notifier->setEnabled(true);
        if (listened >= 0 && store->takeChanged() && following())
            tellOwner();
    }
    void tellOwner()
    {
        WorkspaceCaseLink* link = owner;
        toOwner([link] { link->follow(); });
    }
};

struct WorkspaceCaseLink::Outcome
{
    bool ok = false;
    QString error;
    bool hasState = false; // the store is open: the state below is its
    bool readOnly = true;
    QString readOnlyReason;
    QString heldBy;
    bool unreachable = false;
    QString letGo;
    bool canTake = false;
    std::shared_ptr<CaseFile> file; // a fresh view of the working copy, when it holds what the server does
};

WorkspaceCaseLink::WorkspaceCaseLink(const QString& url, const QString& caseId, QObject* parent)
    : QObject(parent)
    , m_url(url)
    , m_caseId(caseId)
    , m_thread(new WorkerThread(QStringLiteral("workspace case"), this))
    , m_shared(std::make_shared<Shared>())
    , m_heartbeat(new QTimer(this))
{
    m_shared->url = url;
    m_shared->caseId = caseId;
    m_shared->toOwner = m_thread->poster(this);
    m_shared->owner = this;
    m_heartbeat->setInterval(kHeartbeatMs);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        if (!isBusy())
            checkNow();
    });
}

WorkspaceCaseLink::~WorkspaceCaseLink()
{
    // The case (its connection, its working copy) ends on its own thread; the session lock goes with
    // the connection.
    m_thread->stop([shared = m_shared] {
        shared->notifier.reset();
        shared->store.reset();
    });
}

void WorkspaceCaseLink::submit(std::function<bool(Shared&, QString*)> work, Done done, bool quiet)
{
    ++m_busy;
    m_thread->run(
        this,
        [shared = m_shared, work = std::move(work), context = m_thread->context(), quiet] {
            Outcome outcome;
            const bool wasUnreachable = shared->store && shared->store->isUnreachable();
            const int generation = shared->store ? shared->store->generation() : -1;
            outcome.ok = work(*shared, &outcome.error);
            WorkspaceCase* store = shared->store.get();
            if (!store)
                return outcome;
            outcome.hasState = true;
            shared->wasHolder = shared->wasHolder || !store->isReadOnly();
            outcome.readOnly = store->isReadOnly();
            outcome.readOnlyReason = store->readOnlyReason();
            outcome.unreachable = store->isUnreachable();
            outcome.heldBy = store->heldBy();
            outcome.letGo = store->letGoBy();
            outcome.canTake = store->heldBy().isEmpty() && !store->letGoBy().isEmpty();
            shared->watch(context);
            // After a write the server refused, the copy was rebuilt from the server; after one that
            // could not reach it, the copy is ahead of the server and is not shown.
            const bool changed = wasUnreachable != outcome.unreachable;
            const bool reloaded = store->generation() != generation;
            const bool wanted =
                quiet ? reloaded || changed : outcome.ok || changed || !outcome.error.isEmpty();
            if (!outcome.unreachable && wanted) {
                QString ignored;
                outcome.file = std::shared_ptr<CaseFile>(
                    CaseFile::open(store->workingCopy().path(), CaseFile::OpenMode::ReadOnly, &ignored));
            }
            return outcome;
        },
        [this, done = std::move(done)](Outcome& outcome) {
            --m_busy;
            apply(outcome);
            if (done)
                done(outcome.ok, outcome.error);
        });
}

void WorkspaceCaseLink::apply(Outcome& outcome)
{
    if (!outcome.hasState)
        return;
    const bool stateChanged = m_view.readOnly != outcome.readOnly ||
                              m_view.readOnlyReason != outcome.readOnlyReason ||
                              m_view.unreachable != outcome.unreachable || m_view.heldBy != outcome.heldBy ||
                              m_view.letGo != outcome.letGo;
    m_view.readOnly = outcome.readOnly;
    m_view.readOnlyReason = outcome.readOnlyReason;
    m_view.unreachable = outcome.unreachable;
    m_view.heldBy = outcome.heldBy;
    m_view.letGo = outcome.letGo;
    m_view.canTake = outcome.canTake;
    const bool fresh = outcome.file != nullptr; // tested before it is moved into the view
    if (fresh)
        m_view.file = std::move(outcome.file);
    if (!m_heartbeat->isActive())
        m_heartbeat->start();
    if (stateChanged || fresh)
        Q_EMIT viewChanged();
}

void WorkspaceCaseLink::open(const Actor& actor, Done done)
{
    submit(
        [actor](Shared& shared, QString* error) {
            shared.login = actor.login();
            shared.store =
                WorkspaceCase::open(shared.url, shared.caseId, WorkspaceCase::OpenMode::ReadWrite, error);
            if (!shared.store)
                return false;
            if (!shared.store->isReadOnly() && actor.isValid() &&
                shared.store->data().status == CaseStatus::New) {
                QString ignored; // the case opens either way; a later write says what is wrong
                shared.store->setStatus(CaseStatus::InReview, actor, &ignored);
            }
            return true;
        },
        std::move(done));
}

void WorkspaceCaseLink::recordJudgment(const QString& judgmentId, const Answer& answer, const Actor& actor,
                                       Done done)
{
    submit(
        [judgmentId, answer, actor](Shared& shared, QString* error) {
            return shared.store && shared.store->recordJudgment(judgmentId, answer, actor, error);
        },
        std::move(done));
}

void WorkspaceCaseLink::setStatus(CaseStatus status, const Actor& actor, Done done)
{
    submit(
        [status, actor](Shared& shared, QString* error) {
            return shared.store && shared.store->setStatus(status, actor, error);
        },
        std::move(done));
}

void WorkspaceCaseLink::reopen(const QString& reason, const Actor& actor, Done done)
{
    submit(
        [reason, actor](Shared& shared, QString* error) {
            return shared.store && shared.store->reopen(reason, actor, error);
        },
        std::move(done));
}

void WorkspaceCaseLink::markPagesViewed(qint64 attachmentId, const QList<int>& pages, Done done)
{
    submit(
        [attachmentId, pages](Shared& shared, QString* error) {
            return shared.store && shared.store->markPagesViewed(attachmentId, pages, error);
        },
        std::move(done));
}

void WorkspaceCaseLink::route(const QString& queue, Done done)
{
    submit(
        [queue](Shared& shared, QString* error) {
            const bool routed = shared.store && shared.store->route(queue, error);
            shared.letGo = shared.letGo || routed;
            return routed;
        },
        std::move(done));
}

void WorkspaceCaseLink::saveCopyAs(const QString& destination, Done done)
{
    submit(
        [destination](Shared& shared, QString* error) {
            return shared.store && shared.store->saveCopyAs(destination, error);
        },
        std::move(done));
}

void WorkspaceCaseLink::checkNow()
{
    submit(
        [](Shared& shared, QString* error) {
            WorkspaceCase* store = shared.store.get();
            if (!store)
                return false;
            if (store->isUnreachable() || !store->isReadOnly())
                return store->checkReachable(error);
            // This desk's hold, lost on reconnecting while the old session's lock lingered (after a
            // network cut the server notices the dead connection late): held again once it is gone.
            const bool mineElsewhere =
                !shared.login.isEmpty() && store->heldBy().startsWith(shared.login + QLatin1Char(' '));
            if (shared.wasHolder && !shared.letGo && !store->isSigned() && mineElsewhere)
                return store->reconnect(error);
            if (shared.following())
                return store->followHolder(error); // a holder whose connection died sends no notification
            return true;                           // routed away or signed: nothing to keep alive
        },
        {});
}

void WorkspaceCaseLink::signOff(const Signoff& signoff, const User& signer,
                                std::shared_ptr<const SigningKey> key, const SignoffInput& input, Done done)
{
    submit(
        [signoff, signer, key = std::move(key), input](Shared& shared, QString* error) {
            WorkspaceCase* store = shared.store.get();
            if (!store || !key)
                return false;
            // Signing first verifies the case as the server holds it: a connection lost since the last
            // write is found (and reconnected) here, as a write would, so that the failure says
            // "unreachable" and the next try finds the server back.
            if (!store->checkReachable(error) && !(store->isUnreachable() && store->checkReachable(error)))
                return false;
            return signoff.sign(*store, signer, *key, input, error);
        },
        std::move(done));
}

void WorkspaceCaseLink::follow()
{
    if (m_followPending)
        return;
    m_followPending = true;
    submit(
        [](Shared& shared, QString* error) {
            return !shared.store || !shared.following() || shared.store->followHolder(error);
        },
        [this](bool, const QString&) { m_followPending = false; }, true);
}

void WorkspaceCaseLink::take(Done done)
{
    submit(
        [](Shared& shared, QString* error) {
            if (!shared.store)
                return false;
            const bool taken = shared.store->take(error);
            if (taken && !shared.store->isReadOnly()) {
                shared.wasHolder = true;
                shared.letGo = false;
            }
            return taken;
        },
        std::move(done));
}

void WorkspaceCaseLink::addAttachments(const QStringList& pdfs, const Actor& actor, Done done)
{
    submit(
        [pdfs, actor](Shared& shared, QString* error) {
            WorkspaceCase* store = shared.store.get();
            if (!store)
                return false;
            if (store->isReadOnly()) {
                *error = tr("%1: no clinical record can be added: %2")
                             .arg(store->location(), store->readOnlyReason());
                return false;
            }
            // Every PDF checked before anything is stored.
            const auto sources = checkAttachmentPdfs(pdfs, store->attachments(), error);
            return sources && store->addAttachments(*sources, actor, error);
        },
        std::move(done));
}

void WorkspaceCaseLink::verifyCase(std::function<void(const CaseVerification& result)> done)
{
    // Written on the case's thread, read here once the work is done.
    auto result = std::make_shared<CaseVerification>();
    submit(
        [result](Shared& shared, QString* error) {
            if (!shared.store) {
                *error = tr("the case is not open");
                return false;
            }
            *result = shared.store->verifyWithWorkspaceRoster();
            return true;
        },
        [result, done = std::move(done)](bool ok, const QString& error) {
            if (!ok)
                result->report.problems.append({QStringLiteral("workspace"), error});
            done(*result);
        });
}

} // namespace rd
