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

void JudgmentCommand::redo()
{
    if (!m_session->recordAnswer(m_judgmentId, m_after))
        setObsolete(true); // not recorded: the stack drops it
}

void JudgmentCommand::undo()
{
    // A judgment that had no answer was "unknown"; undoing records that, audited like any answer.
    const Answer previous; // unknown
    if (!m_session->recordAnswer(m_judgmentId, m_before.value_or(previous)))
        setObsolete(true);
}

} // namespace rd
