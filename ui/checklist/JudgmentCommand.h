// One answer given in the checklist, as an undoable command. Doing, undoing and redoing each
// record the judgment in the case file (an audited judgment.record entry, as the CLI writes). One the
// case refuses (locked, or the write failed) is dropped from the stack: Ctrl+Z never takes back what
// was not recorded.
#pragma once

#include "checklist/CaseData.h"

#include <QUndoCommand>

#include <optional>

namespace rd {

class CaseSession;

class JudgmentCommand : public QUndoCommand
{
public:
    JudgmentCommand(CaseSession* session, const QString& judgmentId, const std::optional<Answer>& before,
                    const Answer& after, const QString& description);

    void undo() override;
    void redo() override;

private:
    // Records answer unless the case is locked (then says why); true when recorded.
    bool record(const Answer& answer);

    CaseSession* m_session;
    QString m_judgmentId;
    std::optional<Answer> m_before;
    Answer m_after;
};

} // namespace rd
