#include "ui/checklist/JudgmentCommand.h"

#include "ui/case/CaseSession.h"

namespace rd {

JudgmentCommand::JudgmentCommand(CaseSession* session, const QString& judgmentId,
                                 const std::optional<Answer>& before, const Answer& after,
                                 const QString& description)
    : QUndoCommand(description)
    , m_session(session)
    , m_judgmentId(judgmentId)
    , m_before(before)
    , m_after(after)
{}

bool JudgmentCommand::record(const Answer& answer)
{
    // A case that cannot change (routed, signed, read-only) takes no answer, not even one undone or
    // redone: the lock holds for Ctrl+Z as for the answer keys.
    if (const QString reason = m_session->writeBlockedReason(); !reason.isEmpty()) {
        Q_EMIT m_session->answerRefused(reason);
        return false;
    }
    return m_session->recordAnswer(m_judgmentId, answer);
}

void JudgmentCommand::redo()
{
    if (!record(m_after))
        setObsolete(true); // not recorded: the stack drops it, nothing is left to undo
}

void JudgmentCommand::undo()
{
    // A judgment that had no answer was "unknown"; undoing records that, audited like any answer.
    const Answer previous; // unknown
    if (!record(m_before.value_or(previous)))
        setObsolete(true);
}

} // namespace rd
