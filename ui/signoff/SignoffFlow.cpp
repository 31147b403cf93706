#include "ui/signoff/SignoffFlow.h"

#include "checklist/ReviewEngine.h"
#include "model/casefile/CaseFile.h"
#include "model/signoff/CaseVerification.h"
#include "model/signoff/Signoff.h"
#include "ui/MessageBox.h"
#include "ui/RunOnPool.h"
#include "ui/case/CaseSession.h"
#include "ui/signoff/SignoffDialog.h"
#include "ui/signoff/SignoffTarget.h"
#include "ui/workspace/WorkspaceCaseLink.h"

#include <QDir>
#include <QPointer>
#include <QStandardPaths>

namespace rd {

namespace {

// The server's refusal says itself what is wrong; a lost server needs the next step said.
QString unreachableMessage(const QString& error)
{
    return SignoffFlow::tr("%1\n\nNothing was signed: the workspace could not be reached. Sign again once "
                           "the case is writable; the app reconnects by itself.")
        .arg(error);
}

// A workspace case: read through the link's view (a read-only working copy, replaced after every
// write), signed on the link's thread.
class WorkspaceTarget : public SignoffTarget
{
public:
    explicit WorkspaceTarget(CaseSession* session)
        : m_session(session)
    {
        connect(session, &CaseSession::workspaceStateChanged, this, &SignoffTarget::changed);
    }
    const CaseStore& store() const override { return *m_session->file(); }
    QString readOnlyReason() const override
    {
        return m_session->isReadOnly() ? m_session->readOnlyReason() : QString();
    }
    QString caseLabel() const override
    {
        return SignoffFlow::tr("case %1 (team workspace)").arg(m_session->workspace()->caseId().left(8));
    }
    // The working copy's folder is private (and gone when the case closes): not there.
    QString letterFolder() const override
    {
        return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    }
    QString letterBaseName() const override
    {
        return QStringLiteral("case-%1").arg(m_session->workspace()->caseId().left(8));
    }
    void sign(const Signoff& signoff, const User& signer, std::shared_ptr<const SigningKey> key,
              const SignoffInput& input, Done done) override
    {
        WorkspaceCaseLink* link = m_session->workspace();
        link->signOff(signoff, signer, std::move(key), input,
                      [link, done = std::move(done)](bool ok, const QString& error) {
                          done(ok, ok || !link->view().unreachable ? error : unreachableMessage(error));
                      });
    }

private:
    CaseSession* m_session;
};

QString problemsOf(const CaseVerification& result)
{
    QStringList problems;
    for (const VerifyFinding& finding : result.report.problems)
        problems.append(QStringLiteral("%1: %2").arg(finding.where, finding.what));
    return problems.join(QLatin1Char('\n'));
}

} // namespace

SignoffFlow::SignoffFlow(QWidget* window)
    : QObject(window)
    , m_window(window)
{}

void SignoffFlow::signOff(CaseSession* session, const ReviewEngine& engine, const User& signer)
{
    session->flushViewedPages();
    QString error;
    const auto plan = PlanInfo::load(QString(), &error);
    UserDirectory directory;
    if (!plan || !directory.load(&error)) {
        MessageBox::warning(m_window, tr("Sign Off"), error);
        return;
    }
    const Signoff signoff(engine.policy(), *plan);
    std::unique_ptr<SignoffDialog> dialog =
        session->workspace()
            ? std::make_unique<SignoffDialog>(std::make_unique<WorkspaceTarget>(session), signoff, directory,
                                              signer, m_window)
            : std::make_unique<SignoffDialog>(session->file(), signoff, directory, signer, m_window);
    dialog->exec();
    dialog.reset();
    ended(session);
}

bool SignoffFlow::finalize(CaseSession* session, const ReviewEngine& engine, const User& signer,
                           const Actor& actor)
{
    if (m_signing || !actor.isValid())
        return false;
    session->flushViewedPages();
    QString error;
    const auto plan = PlanInfo::load(QString(), &error);
    if (!plan) {
        MessageBox::warning(m_window, tr("Finalize Case"), error);
        return false;
    }
    const Signoff signoff(engine.policy(), *plan);
    const SignoffPreview preview =
        signoff.preview(*session->file(), signer, {}, {}, QDateTime::currentDateTimeUtc());
    if (!preview.problems.isEmpty()) {
        MessageBox::warning(m_window, tr("Finalize Case"),
                            tr("The case cannot be signed yet:\n• %1\n\nSign Off (Ctrl+Shift+D) shows the "
                               "decision and the letters.")
                                .arg(preview.problems.join(QStringLiteral("\n• "))));
        return false;
    }
    // The person logged in with their password; their unlocked key signs, as it signs every judgment
    // they record. The question is the deliberate act of signing.
    if (MessageBox::question(m_window, tr("Finalize Case"),
                             tr("Every line is approved.\n\nSign the determination as %1 and make the "
                                "approval letter?")
                                 .arg(signer.printedName()),
                             QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) != QMessageBox::Yes)
        return false;
    SignoffInput input;
    input.login = signer.login;
    if (WorkspaceCaseLink* link = session->workspace()) {
        m_signing = true;
        Q_EMIT statusMessage(tr("Signing the determination in the workspace…"));
        QPointer<CaseSession> guard(session);
        link->signOff(signoff, signer, actor.key(), input, [this, guard](bool ok, const QString& why) {
            m_signing = false;
            if (!ok)
                MessageBox::critical(m_window, tr("Finalize Case"),
                                     guard && guard->workspace()->view().unreachable ? unreachableMessage(why)
                                                                                     : why);
            if (guard)
                ended(guard);
        });
        return false;
    }
    const bool signedNow = signoff.sign(*session->file(), signer, *actor.key(), input, &error);
    if (!signedNow)
        MessageBox::critical(m_window, tr("Finalize Case"), error);
    ended(session);
    return signedNow;
}

void SignoffFlow::ended(CaseSession* session)
{
    const bool signedNow = session->file()->isSigned();
    Q_EMIT signingEnded(signedNow);
    if (signedNow)
        Q_EMIT statusMessage(
            tr("Signed; the letter is made. Sign Off (Ctrl+Shift+D) shows, exports and prints it."));
}

// A signed case is verified when it opens, off the GUI thread on a connection of its own (every
// attachment is hashed): any change since signing, even one made with sqlite3 or by hand in the
// workspace, is said at once.
void SignoffFlow::checkSignature(CaseSession* session)
{
    const QString path = session->path();
    auto report = [this](const QString& where, const QString& problem) {
        if (problem.isEmpty())
            Q_EMIT statusMessage(tr("Signed; the signature verifies."));
        else
            MessageBox::warning(m_window, tr("Signature Does Not Verify"),
                                tr("%1 was changed after it was signed, or its signature is not valid:\n\n%2")
                                    .arg(where, problem));
    };
    if (WorkspaceCaseLink* link = session->workspace()) {
        const QString where = tr("Case %1 of the team workspace").arg(link->caseId());
        link->verifyCase(
            [report, where](const CaseVerification& result) { report(where, problemsOf(result)); });
        return;
    }
    runOnPool(
        this,
        [path]() -> QString {
            QString error;
            const auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
            return file ? problemsOf(verifyCase(*file)) : error;
        },
        [report, path](const QString& problem) { report(QDir::toNativeSeparators(path), problem); });
}

} // namespace rd
