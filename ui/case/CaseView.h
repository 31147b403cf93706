// One open case: its attachments on one side, the request panel above the guided checklist on the
// other, in a splitter. An attachment that cannot be shown never blocks the checklist.
#pragma once

#include "checklist/CaseData.h"

#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QSplitter;

namespace rd {

class AttachmentFile;
class AttachmentViewer;
class CaseSession;
class ChecklistView;
class RequestPanel;
class ReviewEngine;

class CaseView : public QWidget
{
    Q_OBJECT
public:
    explicit CaseView(QWidget* parent = nullptr);

    // firstAttachment: the bytes of the session's first attachment, already being read (CaseOpener), so
    // that its page 1 is rendered while the checklist is built; null reads it here.
    void setSession(CaseSession* session, const ReviewEngine* engine,
                    std::shared_ptr<AttachmentFile> firstAttachment = {});
    ChecklistView* checklist() const { return m_checklist; }
    AttachmentViewer* viewer() const { return m_viewer; }
    QSplitter* splitter() const { return m_splitter; }
    QComboBox* attachmentChooser() const { return m_attachments; }
    RequestPanel* requestPanel() const { return m_request; }
    // Review > Reopen: enabled while a routed (locked) case that is not signed is open.
    QAction* reopenAction() const { return m_reopen; }

    // F6 / Shift+F6: the checklist, the request panel, the document, round.
    void focusNextArea(bool forward);
    // How an all-approved case is finalized in one action (sign with the reviewer's password, the
    // approval letter made); true when it was. Without one, routing marks the case determined.
    void setFinalizer(std::function<bool()> finalizer) { m_finalizer = std::move(finalizer); }
    // Asks why (the reason is audited) and unlocks a routed case's checklist.
    bool reopen();
    // After a status change made elsewhere (signing): the lock and the actions follow.
    void statusChangedElsewhere();

    // Adds the viewer's selection as a citation to the current judgment.
    void citeSelection();
    // Opens the cited page and highlights the passage.
    void showEvidence(const Evidence& evidence);
    // Routes the case by the engine's decision (see review-rules.md); true when its status changed.
    bool route();
    // "clinic-note.pdf: pages 3–5, 9", one line per attachment with pages never shown.
    QStringList unviewedPages() const;

Q_SIGNALS:
    void statusMessage(const QString& message);
    void caseStatusChanged(const QString& path);

private:
    void showAttachment(int index);
    void showAttachments(std::shared_ptr<AttachmentFile> firstAttachment);
    void updateCoverage();
    void updateLock();
    QStringList unansweredSteps() const;

    CaseSession* m_session = nullptr;
    const ReviewEngine* m_engine = nullptr;
    QSplitter* m_splitter = nullptr;
    QComboBox* m_attachments = nullptr;
    QLabel* m_attachmentNote = nullptr;
    QLabel* m_noAttachments = nullptr;
    AttachmentViewer* m_viewer = nullptr;
    ChecklistView* m_checklist = nullptr;
    RequestPanel* m_request = nullptr;
    QAction* m_reopen = nullptr;
    std::function<bool()> m_finalizer;
    Evidence m_pendingEvidence;
};

} // namespace rd
