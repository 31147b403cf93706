#include "ui/case/CaseView.h"

#include "checklist/ReviewEngine.h"
#include "ui/MessageBox.h"
#include "ui/case/CaseSession.h"
#include "ui/case/PdfAttachmentViewer.h"
#include "ui/case/RequestPanel.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/queue/CaseQueueModel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

namespace rd {

namespace {
// "3–5, 9"
QString pageRanges(const QList<int>& pages)
{
    QStringList parts;
    for (int i = 0; i < pages.size();) {
        int j = i;
        while (j + 1 < pages.size() && pages.at(j + 1) == pages.at(j) + 1)
            ++j;
        parts << (i == j ? QString::number(pages.at(i))
                         : QStringLiteral("%1–%2").arg(pages.at(i)).arg(pages.at(j)));
        i = j + 1;
    }
    return parts.join(QStringLiteral(", "));
}
} // namespace

CaseView::CaseView(QWidget* parent)
    : QWidget(parent)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_attachments(new QComboBox(this))
    , m_attachmentNote(new QLabel(this))
    , m_viewer(new PdfAttachmentViewer(this))
    , m_checklist(new ChecklistView(this))
    , m_request(new RequestPanel(this))
    , m_reopen(new QAction(tr("Re&open Case…"), this))
{
    auto* left = new QWidget(m_splitter);
    auto* chooserLabel = new QLabel(tr("&Attachment:"), left);
    chooserLabel->setBuddy(m_attachments);
    m_attachments->setAccessibleName(tr("Attachment"));
    m_attachments->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_attachments->setFocusPolicy(Qt::TabFocus);
    connect(m_attachments, &QComboBox::currentIndexChanged, this, &CaseView::showAttachment);
    m_attachmentNote->setForegroundRole(QPalette::PlaceholderText);
    auto* chooser = new QHBoxLayout;
    chooser->addWidget(chooserLabel);
    chooser->addWidget(m_attachments, 1);
    chooser->addWidget(m_attachmentNote);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    leftLayout->addLayout(chooser);
    leftLayout->addWidget(m_viewer, 1);
    m_noAttachments = new QLabel(tr("This case has no attachments."), left);
    m_noAttachments->setAlignment(Qt::AlignCenter);
    m_noAttachments->setForegroundRole(QPalette::PlaceholderText);
    m_noAttachments->hide();
    leftLayout->addWidget(m_noAttachments, 1);

    // The request above the checklist, in a splitter of its own (it collapses to one line).
    auto* right = new QSplitter(Qt::Vertical, m_splitter);
    right->setObjectName(QStringLiteral("requestSplitter"));
    right->addWidget(m_request);
    right->addWidget(m_checklist);
    right->setStretchFactor(0, 0);
    right->setStretchFactor(1, 1);
    right->setChildrenCollapsible(false);
    right->setSizes({330, 570});
    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    // The document gets the larger part: its text must be readable without zooming.
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_viewer, &AttachmentViewer::pageShown, this, [this](qint64 attachmentId, int page) {
        if (m_session) {
            m_session->pageShown(attachmentId, page);
            updateCoverage();
        }
    });
    connect(
        m_viewer, &AttachmentViewer::failed, this, [this](const QString& attachment, const QString& message) {
            Q_UNUSED(message);
            Q_EMIT statusMessage(tr("%1 cannot be shown; the checklist stays available.").arg(attachment));
        });
    connect(m_checklist, &ChecklistView::citeRequested, this, &CaseView::citeSelection);
    connect(m_checklist, &ChecklistView::evidenceActivated, this, &CaseView::showEvidence);
    connect(m_checklist, &ChecklistView::routeRequested, this, &CaseView::route);
    connect(m_checklist, &ChecklistView::statusMessage, this, &CaseView::statusMessage);
    connect(m_checklist, &ChecklistView::decisionChanged, this,
            [this] { m_request->setDecision(m_checklist->decision()); });

    // C cites from the document too (the selection, or the search hit chosen with the keys).
    auto* cite = new QShortcut(QKeySequence(Qt::Key_C), m_viewer);
    cite->setContext(Qt::WidgetWithChildrenShortcut);
    connect(cite, &QShortcut::activated, this, &CaseView::citeSelection);
    for (const bool forward : {true, false}) {
        auto* area =
            new QShortcut(forward ? QKeySequence(Qt::Key_F6) : QKeySequence(Qt::SHIFT | Qt::Key_F6), this);
        area->setContext(Qt::WidgetWithChildrenShortcut);
        connect(area, &QShortcut::activated, this, [this, forward] { focusNextArea(forward); });
    }
    m_reopen->setStatusTip(tr("Unlock a routed case's checklist before sign-off (the reason is audited)"));
    m_reopen->setEnabled(false);
    connect(m_reopen, &QAction::triggered, this, &CaseView::reopen);
}

void CaseView::focusNextArea(bool forward)
{
    QList<QWidget*> areas{m_checklist, m_request};
    areas << (m_viewer->isVisible() ? static_cast<QWidget*>(m_viewer) : static_cast<QWidget*>(m_attachments));
    int current = -1;
    for (QWidget* widget = QApplication::focusWidget(); widget && current < 0;
         widget = widget->parentWidget())
        current = int(areas.indexOf(widget));
    const int count = int(areas.size());
    const int next = current < 0 ? 0 : (current + (forward ? 1 : count - 1)) % count;
    areas.at(next)->setFocus(Qt::ShortcutFocusReason);
}

void CaseView::updateLock()
{
    m_checklist->refreshLock();
    m_reopen->setEnabled(m_session && !m_session->isReadOnly() && isRouted(m_session->data().status));
}

void CaseView::statusChangedElsewhere()
{
    updateLock();
    m_request->setDecision(m_checklist->decision());
}

bool CaseView::reopen()
{
    if (!m_session || !m_reopen->isEnabled())
        return false;
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("Reopen Case"),
        tr("The case was routed (%1). Why must its judgments change? The reason is kept in the audit trail.")
            .arg(CaseQueueModel::statusLabel(m_session->data().status)),
        QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return false;
    if (reason.trimmed().isEmpty()) {
        Q_EMIT statusMessage(tr("Not reopened: a reason is needed."));
        return false;
    }
    QString error;
    if (!m_session->reopen(reason.trimmed(), &error)) {
        MessageBox::critical(this, tr("Reopen Case"), error);
        return false;
    }
    updateLock();
    Q_EMIT statusMessage(tr("Case reopened: the checklist takes answers again."));
    Q_EMIT caseStatusChanged(m_session->path());
    m_checklist->setFocus(Qt::OtherFocusReason);
    return true;
}

void CaseView::setSession(CaseSession* session, const ReviewEngine* engine,
                          std::shared_ptr<AttachmentFile> firstAttachment)
{
    m_session = session;
    m_engine = engine;
    // The record first: its worker opens it and renders page 1 on another core while the checklist and
    // the request are built here.
    showAttachments(std::move(firstAttachment));
    m_checklist->setSession(session, engine);
    m_request->setCase(session ? &session->data() : nullptr, engine);
    if (session)
        m_request->setDecision(m_checklist->decision());
    updateLock();
}

void CaseView::showAttachments(std::shared_ptr<AttachmentFile> firstAttachment)
{
    const QSignalBlocker blocker(m_attachments);
    m_attachments->clear();
    m_attachmentNote->clear();
    if (!m_session)
        return;
    const QList<AttachmentInfo> attachments = m_session->file()->attachments();
    for (const AttachmentInfo& info : attachments)
        m_attachments->addItem(
            info.pageCount > 0 ? tr("%1 — pages: %2").arg(info.fileName).arg(info.pageCount) : info.fileName,
            info.id);
    const bool none = attachments.isEmpty();
    m_attachments->setEnabled(!none);
    m_viewer->setVisible(!none);
    m_noAttachments->setVisible(none);
    if (!none)
        m_viewer->showReadAttachment(m_session->path(), attachments.first(), std::move(firstAttachment));
}

void CaseView::updateCoverage()
{
    m_attachmentNote->clear();
    if (!m_session)
        return;
    const auto info = m_session->file()->attachment(m_viewer->currentAttachment());
    if (!info || info->pageCount <= 0)
        return;
    const int unread = int(m_session->unviewedPages(*info).size());
    m_attachmentNote->setText(
        unread == 0 ? tr("every page read")
                    : tr("pages read: %1 of %2").arg(info->pageCount - unread).arg(info->pageCount));
}

void CaseView::showAttachment(int index)
{
    if (!m_session || index < 0)
        return;
    const QList<AttachmentInfo> attachments = m_session->file()->attachments();
    if (index >= attachments.size())
        return;
    m_viewer->showAttachment(m_session->path(), attachments.at(index));
}

void CaseView::citeSelection()
{
    const std::optional<Evidence> evidence = m_viewer->selection();
    if (!evidence) {
        Q_EMIT statusMessage(tr("Select a passage in the attachment first, then cite it."));
        return;
    }
    if (m_checklist->cite(*evidence))
        Q_EMIT statusMessage(tr("Cited %1, page %2.").arg(evidence->attachment).arg(evidence->page));
}

void CaseView::showEvidence(const Evidence& evidence)
{
    if (!m_session)
        return;
    const auto info = m_session->file()->attachment(evidence.attachment);
    const int index = info ? m_attachments->findData(info->id) : -1;
    if (!info || index < 0) {
        Q_EMIT statusMessage(tr("The cited attachment %1 is not in this case.").arg(evidence.attachment));
        return;
    }
    if (m_viewer->currentAttachment() != evidence.attachment || m_viewer->currentPage() == 0) {
        // Shown once the attachment has been read (off the GUI thread).
        m_pendingEvidence = evidence;
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_viewer, &AttachmentViewer::pageShown, this, [this, connection] {
            disconnect(*connection);
            const Evidence pending = std::exchange(m_pendingEvidence, {});
            if (pending.page > 0 && m_viewer->currentAttachment() == pending.attachment)
                m_viewer->showPassage(pending.page, pending.rect, pending.quote);
        });
        m_attachments->setCurrentIndex(index); // shows it
        if (m_attachments->currentIndex() == index && m_viewer->currentAttachment() != evidence.attachment)
            showAttachment(index);
        return;
    }
    m_viewer->showPassage(evidence.page, evidence.rect, evidence.quote);
}

QStringList CaseView::unansweredSteps() const
{
    QStringList titles;
    for (const ChecklistStep& step : m_checklist->steps())
        if (!m_session->answer(step.id) && m_engine->settledBy(step.id, m_session->data()).isEmpty())
            titles << (step.title.isEmpty() ? step.id : step.title);
    return titles;
}

QStringList CaseView::unviewedPages() const
{
    QStringList lines;
    if (!m_session)
        return lines;
    for (const AttachmentInfo& info : m_session->file()->attachments()) {
        if (!m_session->anyPageViewed(info)) {
            lines << tr("%1: never opened").arg(info.fileName);
            continue;
        }
        const QList<int> missing = m_session->unviewedPages(info); // empty when the page count is unknown
        if (missing.isEmpty())
            continue;
        lines << (missing.size() == info.pageCount
                      ? tr("%1: never opened").arg(info.fileName)
                      : tr("%1: pages %2").arg(info.fileName, pageRanges(missing)));
    }
    return lines;
}

bool CaseView::route()
{
    if (!m_session || !m_engine)
        return false;
    if (m_session->isReadOnly()) {
        MessageBox::information(this, tr("Route case"),
                                tr("This case is open read-only: %1").arg(m_session->readOnlyReason()));
        return false;
    }
    if (isRouted(m_session->data().status)) {
        Q_EMIT statusMessage(tr("This case is routed already (%1). Review > Reopen unlocks it.")
                                 .arg(CaseQueueModel::statusLabel(m_session->data().status)));
        return false;
    }
    m_session->flushViewedPages();
    const DecisionSummary summary = m_engine->evaluate(m_session->data());
    if (!summary.error.isEmpty()) {
        MessageBox::warning(this, tr("Route case"),
                            tr("The case cannot be decided yet:\n%1").arg(summary.error));
        return false;
    }
    const Decision& decision = summary.decision;
    bool anyDeny = false;
    bool anyPend = false;
    for (const LineDecision& line : decision.lines) {
        anyDeny = anyDeny || line.decision == rd::LineOutcome::Deny;
        anyPend = anyPend || line.decision == rd::LineOutcome::Pend;
    }
    // Answers that contradict each other (the policy's contradictions) are shown before anything is
    // routed or signed.
    QStringList contradictions;
    for (const Reason& item : m_engine->engine().contradictions(m_session->data()))
        contradictions << item.text;
    const QString contradictionText = contradictions.isEmpty()
                                          ? QString()
                                          : tr("These answers contradict each other:\n• %1")
                                                .arg(contradictions.join(QStringLiteral("\n• ")));
    CaseStatus status = CaseStatus::Determined;
    QString question;
    if (anyPend) {
        const QStringList missing = m_engine->missingInformationTexts(decision.missingInformation);
        status = CaseStatus::PendedForInformation;
        question = tr("Information is missing:\n• %1\n\nPend the case for information?")
                       .arg(missing.join(QStringLiteral("\n• ")));
    } else if (anyDeny) {
        status = CaseStatus::AwaitingMedicalDirector;
        question =
            tr("At least one line would be denied. A denial is made and signed by the medical director.\n\n"
               "Route the case to the medical director?");
        const QStringList unanswered = unansweredSteps();
        if (!unanswered.isEmpty())
            question = tr("%n step(s) not answered yet (they count as unknown):\n• %1\n\n%2", nullptr,
                          int(unanswered.size()))
                           .arg(unanswered.join(QStringLiteral("\n• ")), question);
        const QStringList unviewed = unviewedPages();
        if (!unviewed.isEmpty())
            question = tr("Before routing a denial: these pages were never opened.\n• %1\n\n%2")
                           .arg(unviewed.join(QStringLiteral("\n• ")), question);
    } else if (m_finalizer) {
        // One action: the signature (with the key of the person logged in) makes the approval letter
        // and the determination. Contradicting answers are named first, and signing them is a choice.
        if (!contradictionText.isEmpty() &&
            MessageBox::warning(
                this, tr("Route case"),
                tr("%1\n\nEvery line is approved. Finalize and sign anyway?").arg(contradictionText),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
            return false;
        const bool finalized = m_finalizer();
        updateLock();
        if (finalized)
            Q_EMIT caseStatusChanged(m_session->path());
        return finalized;
    } else {
        question = tr("Every line is approved. Finalize the case as determined?");
    }
    if (!contradictionText.isEmpty())
        question = contradictionText + QStringLiteral("\n\n") + question;
    const auto answer = (!contradictions.isEmpty() || (anyDeny && !unviewedPages().isEmpty()))
                            ? MessageBox::warning(this, tr("Route case"), question,
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
                            : MessageBox::question(this, tr("Route case"), question,
                                                   QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes)
        return false;
    QString error;
    if (!m_session->setStatus(status, &error)) {
        MessageBox::critical(this, tr("Route case"), error);
        return false;
    }
    updateLock();
    Q_EMIT statusMessage(tr("Case routed: %1.")
                             .arg(status == CaseStatus::Determined ? tr("determined")
                                  : status == CaseStatus::PendedForInformation
                                      ? tr("pended for information")
                                      : tr("awaiting medical director")));
    Q_EMIT caseStatusChanged(m_session->path());
    return true;
}

} // namespace rd
