#include "ui/case/CaseJobs.h"

#include "checklist/ReviewEngine.h"
#include "model/casefile/CaseCreation.h"
#include "model/casefile/CaseFile.h"
#include "model/casefile/CaseFileFormat.h"
#include "model/fhir/FhirCaseImport.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/RunOnPool.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"
#include "ui/workspace/WorkspaceCaseLink.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>

namespace rd {

CaseJobs::CaseJobs(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
    m_newFromJson =
        new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Case from JSON…"), this);
    m_newFromJson->setShortcut(QKeySequence::New);
    m_newFromJson->setStatusTip(tr("Create a case file from a case JSON"));
    connect(m_newFromJson, &QAction::triggered, this, &CaseJobs::newCaseFromJson);
    m_addRecords =
        new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add Clinical Records…"), this);
    m_addRecords->setStatusTip(tr("Store more PDFs in the open case (records that came later)"));
    connect(m_addRecords, &QAction::triggered, this, &CaseJobs::chooseRecordsToAdd);
    m_saveCopy =
        new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save a &Copy As…"), this);
    m_saveCopy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveCopy, &QAction::triggered, this, &CaseJobs::saveCopyAs);
}

void CaseJobs::updateActions()
{
    const CaseSession* session = m_window->session();
    m_newFromJson->setEnabled(m_window->engine() != nullptr && !m_busy);
    m_addRecords->setEnabled(session && !m_busy && !session->isReadOnly());
    m_saveCopy->setEnabled(session && !m_saving);
}

QString CaseJobs::caseFilter()
{
    return tr("Case files (*.%1)").arg(QLatin1String(CaseFileFormat::FileSuffix));
}

void CaseJobs::setBusy(bool busy, const QString& message)
{
    m_busy = busy;
    Q_EMIT busyChanged();
    if (busy)
        m_window->statusBar()->showMessage(message);
    else
        m_window->statusBar()->clearMessage();
}

void CaseJobs::newCaseFromJson()
{
    if (!m_window->engine())
        return;
    const QString queueFolder = m_window->queueView()->model()->folder();
    const QString start = QSettings().value(MainWindow::lastFolderKey(), queueFolder).toString();
    const QString json =
        QFileDialog::getOpenFileName(m_window, tr("New Case from JSON"), start, tr("Case JSON (*.json)"));
    if (json.isEmpty())
        return;
    // The clinical records go into the case with it (none: Cancel).
    const QStringList pdfs = QFileDialog::getOpenFileNames(m_window, tr("Attach the Clinical Records"),
                                                           QFileInfo(json).absolutePath(), tr("PDF (*.pdf)"));
    const QString folder = queueFolder.isEmpty() ? QFileInfo(json).absolutePath() : queueFolder;
    const QString suggested = QDir(folder).absoluteFilePath(
        QFileInfo(json).completeBaseName() + QLatin1Char('.') + QLatin1String(CaseFileFormat::FileSuffix));
    const QString target =
        QFileDialog::getSaveFileName(m_window, tr("Save New Case As"), suggested, caseFilter());
    if (!target.isEmpty())
        createCaseFromJson(json, target, pdfs);
}

bool CaseJobs::createCaseFromJson(const QString& jsonPath, const QString& casePath, const QStringList& pdfs)
{
    const ReviewEngine* engine = m_window->engine();
    if (!engine || m_busy)
        return false;
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        MessageBox::warning(
            m_window, tr("New Case from JSON"),
            tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(jsonPath), file.errorString()));
        return false;
    }
    const Result<CaseData> caseData = engine->readCaseJson(file.readAll(), jsonPath);
    if (!caseData) {
        MessageBox::warning(m_window, tr("New Case from JSON"), caseData.error().toString());
        return false;
    }
    // Checking each PDF in a worker process and copying it into the case takes a while: not here.
    runCaseJob(
        pdfs.isEmpty()
            ? tr("Creating the case…")
            : tr("Creating the case: checking and storing %n attachment(s)…", nullptr, int(pdfs.size())),
        [casePath, data = *caseData, pdfs, actor = m_window->actor()] {
            return createCaseFile(casePath, data, pdfs, actor);
        },
        [this, casePath](const CaseCreationResult& result) {
            if (result.ok)
                m_window->openCase(casePath);
            else
                MessageBox::warning(m_window, tr("New Case from JSON"), result.error);
            Q_EMIT caseCreated(casePath, result.ok);
        });
    return true;
}

bool CaseJobs::importFhirRequest(const QString& bundlePath, const QString& casePath,
                                 const QDateTime& receivedAt)
{
    const ReviewEngine* engine = m_window->engine();
    if (!engine || m_busy)
        return false;
    runCaseJob(
        tr("Creating the case from %1…").arg(QFileInfo(bundlePath).fileName()),
        [bundlePath, casePath, receivedAt, policy = engine->policy(), actor = m_window->actor()] {
            const FhirCaseImportResult imported =
                FhirCaseImport::run(bundlePath, casePath, policy, receivedAt, actor);
            return CaseCreationResult{imported.ok, imported.error, imported.attachments};
        },
        [this, casePath](const CaseCreationResult& result) {
            if (result.ok)
                m_window->openCase(casePath);
            else
                MessageBox::warning(m_window, tr("Import Request (FHIR)"), result.error);
            Q_EMIT caseCreated(casePath, result.ok);
        });
    return true;
}

void CaseJobs::chooseRecordsToAdd()
{
    const CaseSession* session = m_window->session();
    if (!session)
        return;
    // A workspace case's file is its private working copy: not a folder to start in.
    const QString near = session->workspace() ? QString() : QFileInfo(session->path()).absolutePath();
    const QStringList pdfs = QFileDialog::getOpenFileNames(
        m_window, tr("Add Clinical Records"), QSettings().value(MainWindow::lastFolderKey(), near).toString(),
        tr("PDF (*.pdf)"));
    if (!pdfs.isEmpty())
        addRecordsToCase(pdfs);
}

bool CaseJobs::addRecordsToCase(const QStringList& pdfs)
{
    CaseSession* session = m_window->session();
    if (!session || m_busy || pdfs.isEmpty() || session->isReadOnly())
        return false;
    const QString firstName = QFileInfo(pdfs.first()).fileName();
    if (WorkspaceCaseLink* link = session->workspace()) {
        // The case stays open: checked and stored on its own thread, in one rd.apply.
        const QString caseId = link->caseId();
        setBusy(
            true,
            tr("Adding %n clinical record(s) to case %1…", nullptr, int(pdfs.size())).arg(caseId.left(8)));
        QPointer<CaseSession> guard(session);
        link->addAttachments(
            pdfs, m_window->actor(),
            [this, guard, caseId, firstName, count = int(pdfs.size())](bool ok, const QString& error) {
                setBusy(false);
                if (ok && guard && guard == m_window->session())
                    showAdded(count, firstName);
                if (!ok)
                    MessageBox::warning(m_window, tr("Add Clinical Records"), error);
                Q_EMIT recordsAdded(caseId, ok);
            });
        return true;
    }
    // The case closes while the records are checked and copied in on a thread of the pool (its
    // connection lives on this thread, and storing a large PDF must not), then opens again.
    const QString path = session->path();
    m_window->closeCase();
    runCaseJob(
        tr("Adding %n clinical record(s) to %1…", nullptr, int(pdfs.size())).arg(QFileInfo(path).fileName()),
        [path, pdfs, actor = m_window->actor()] { return addCaseAttachments(path, pdfs, actor); },
        [this, path, firstName](const CaseCreationResult& result) {
            if (m_window->openCase(path) && result.ok)
                showAdded(result.attachments, firstName);
            if (!result.ok)
                MessageBox::warning(m_window, tr("Add Clinical Records"), result.error);
            Q_EMIT recordsAdded(path, result.ok);
        });
    return true;
}

void CaseJobs::showAdded(int count, const QString& firstName)
{
    CaseSession* session = m_window->session();
    CaseView* view = m_window->caseView();
    // The attachments listed again (a workspace case's view changed under the open case).
    if (session->workspace())
        view->setSession(session, m_window->engine());
    m_window->statusBar()->showMessage(tr("%n clinical record(s) added.", nullptr, count),
                                       MainWindow::StatusTimeoutMs);
    const QList<AttachmentInfo> attachments = session->file()->attachments();
    for (qsizetype i = 0; i < attachments.size(); ++i)
        if (attachments[i].fileName == firstName)
            view->attachmentChooser()->setCurrentIndex(int(i));
}

void CaseJobs::saveCopyAs()
{
    CaseSession* session = m_window->session();
    if (!session || m_saving)
        return;
    session->flushViewedPages();
    const QString start = session->workspace() ? QSettings().value(MainWindow::lastFolderKey()).toString()
                                               : QFileInfo(session->path()).absolutePath();
    const QString target = QFileDialog::getSaveFileName(m_window, tr("Save a Copy As"), start, caseFilter());
    if (target.isEmpty())
        return;
    m_saving = true;
    Q_EMIT busyChanged();
    m_window->statusBar()->showMessage(tr("Saving a copy as %1…").arg(QDir::toNativeSeparators(target)));
    auto done = [this, target](const QString& error) {
        m_saving = false;
        Q_EMIT busyChanged();
        m_window->statusBar()->clearMessage();
        if (!error.isEmpty())
            MessageBox::warning(m_window, tr("Save a Copy As"), error);
        else
            m_window->statusBar()->showMessage(tr("Copy saved as %1.").arg(QDir::toNativeSeparators(target)),
                                               MainWindow::StatusTimeoutMs);
    };
    if (session->workspace()) {
        // The case as the server holds it, exported on the case's own thread.
        session->workspace()->saveCopyAs(target, [done](bool, const QString& error) { done(error); });
        return;
    }
    // The copy (SQLite backup of the whole case, attachments included, then fsync) runs on a
    // thread of the pool, on a read-only connection of its own: the window stays responsive.
    const QString source = session->path();
    runOnPool(
        this,
        [source, target] {
            QString error;
            return CaseFile::saveCopy(source, target, &error) ? QString() : error;
        },
        done);
}

void CaseJobs::runCaseJob(const QString& message, std::function<CaseCreationResult()> work,
                          std::function<void(const CaseCreationResult&)> done)
{
    setBusy(true, message);
    runOnPool(this, std::move(work), [this, done](const CaseCreationResult& result) {
        setBusy(false);
        done(result);
    });
}

} // namespace rd
