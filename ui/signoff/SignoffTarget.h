// What the sign-off dialog signs, wherever the case lives: the case as it reads now, whether it can
// be signed here, and how it is signed. A case file is signed in place (SignoffDialog's own target);
// a workspace case on its link's thread, where the store waits on the network (SignoffFlow's).
#pragma once

#include "model/signoff/Signoff.h"
#include "model/store/CaseStore.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace rd {

class SignoffTarget : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(bool ok, const QString& error)>;

    // The case as it reads now (a workspace case's view is read again after every write).
    virtual const CaseStore& store() const = 0;
    // Why it cannot be signed here (open read-only, held elsewhere, workspace unreachable); empty
    // when it can.
    virtual QString readOnlyReason() const = 0;
    // Where the case lives, for the dialog's header: the file's name, or the workspace's case.
    virtual QString caseLabel() const = 0;
    // Where an exported letter is offered to go, and the name it starts with.
    virtual QString letterFolder() const = 0;
    virtual QString letterBaseName() const = 0;
    // Signoff::sign with the signer's unlocked key; done(ok, error) follows on the GUI thread (at
    // once, or when the server has answered).
    virtual void sign(const Signoff& signoff, const User& signer, std::shared_ptr<const SigningKey> key,
                      const SignoffInput& input, Done done) = 0;

Q_SIGNALS:
    // The case or its state changed elsewhere (a workspace case reconnected, turned read-only).
    void changed();
};

} // namespace rd
