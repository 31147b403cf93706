// The sign-off of the open case, wherever it lives (a case file or a workspace case, through
// SignoffTarget): Sign Off (SignoffDialog), the one-action Finalize of an all-approved case, and the
// check that a signed case still verifies when it opens. A workspace case is signed and verified on
// its link's thread (WorkspaceCaseLink), against the roster the workspace keeps: the GUI thread never
// waits on the server.
#pragma once

#include "model/audit/Actor.h"
#include "model/trust/User.h"

#include <QObject>
#include <QString>

namespace rd {

class CaseSession;
class ReviewEngine;

class SignoffFlow : public QObject
{
    Q_OBJECT
public:
    // window: the parent of the dialog and the messages.
    explicit SignoffFlow(QWidget* window);

    // The sign-off dialog on session's case, signing as signer.
    void signOff(CaseSession* session, const ReviewEngine& engine, const User& signer);
    // After one question, signed with actor's key (unlocked at login) and the approval letter made.
    // A case file: true when it was signed. A workspace case is signed on its link's thread: false
    // here, and signingEnded() says when it is done.
    bool finalize(CaseSession* session, const ReviewEngine& engine, const User& signer, const Actor& actor);
    // A signed case just opened: verified off the GUI thread (a workspace case against the roster
    // and the audit head the workspace keeps); statusMessage() when it verifies, a warning when not.
    void checkSignature(CaseSession* session);
    // A workspace case's Finalize is on its way to the server.
    bool isSigning() const { return m_signing; }

Q_SIGNALS:
    // A signing is over (signed or not): the queue, the title and the actions follow.
    void signingEnded(bool signedNow);
    void statusMessage(const QString& message);

private:
    void ended(CaseSession* session);

    QWidget* m_window;
    bool m_signing = false;
};

} // namespace rd
