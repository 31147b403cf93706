// One open case in the workstation: the case file, the undo stack of its judgments and the
// reading coverage not yet written. Lives on the GUI thread (CaseFile's threading contract).
#pragma once

#include "model/casefile/CaseFile.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

class QTimer;
class QUndoStack;

namespace rd {

// Routed: determined, or with the medical director. The checklist is locked until reopened.
inline bool isRouted(CaseStatus status)
{
    return status == CaseStatus::Determined || status == CaseStatus::AwaitingMedicalDirector;
}

class CaseSession : public QObject
{
    Q_OBJECT
public:
    // Opens path for writing (read-only when another process holds it).
    static std::unique_ptr<CaseSession> open(const QString& path, const Actor& actor, QString* error);
    ~CaseSession() override;

    CaseFile* file() const { return m_file.get(); }
    const CaseData& data() const { return m_file->data(); }
    QString path() const { return m_file->path(); }
    bool isReadOnly() const { return m_file->isReadOnly(); }
    // Why answers cannot be given (open read-only, signed, nobody logged in, or routed: determined or
    // with the medical director, until reopened); empty when they can.
    QString writeBlockedReason() const;
    // Why the case is read-only, naming the holder as the people directory knows them.
    QString readOnlyReason() const;
    QString actor() const { return m_actor.login(); }
    QUndoStack* undoStack() const { return m_undo; }

    std::optional<Answer> answer(const QString& judgmentId) const;
    // Gives an answer through the undo stack: recorded at once, one audit entry.
    void giveAnswer(const QString& judgmentId, const Answer& answer, const QString& description);
    // Records an answer without the undo stack (the undo commands use this).
    bool recordAnswer(const QString& judgmentId, const Answer& answer);

    bool setStatus(CaseStatus status, QString* error);
    // A routed case back in review, with the reason (audited); not a signed one.
    bool reopen(const QString& reason, QString* error);

    // Reading coverage: pages shown are written in batches, a moment after the last one.
    void pageShown(qint64 attachmentId, int page);
    void flushViewedPages();
    // Pages (1-based) of an attachment never shown, written or pending.
    QList<int> unviewedPages(const AttachmentInfo& info) const;
    bool anyPageViewed(const AttachmentInfo& info) const;

Q_SIGNALS:
    void answerChanged(const QString& judgmentId);
    void statusChanged(rd::CaseStatus status);
    void writeFailed(const QString& message);
    // An answer was not given because the case cannot change (read-only, signed): said calmly.
    void answerRefused(const QString& reason);

private:
    explicit CaseSession(std::unique_ptr<CaseFile> file, const Actor& actor);

    std::unique_ptr<CaseFile> m_file;
    Actor m_actor;
    QUndoStack* m_undo = nullptr;
    QTimer* m_viewedTimer = nullptr;
    QHash<qint64, QSet<int>> m_pendingViewed;
};

} // namespace rd
