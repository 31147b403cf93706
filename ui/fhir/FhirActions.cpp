#include "ui/fhir/FhirActions.h"

#include "checklist/PolicyLoader.h"
#include "model/casefile/CaseFileFormat.h"
#include "model/fhir/FhirCaseExport.h"
#include "model/fhir/FhirCaseImport.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/case/CaseSession.h"
#include "ui/fhir/FhirImportDialog.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace rd {

FhirActions::FhirActions(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
    m_import = new QAction(tr("Import &Request (FHIR)…"), this);
    m_import->setStatusTip(tr("Create a case from a Da Vinci PAS prior-authorization request"));
    connect(m_import, &QAction::triggered, this, &FhirActions::chooseRequest);
    m_export = new QAction(tr("E&xport Response (FHIR)…"), this);
    m_export->setStatusTip(tr("Write the Da Vinci PAS response of the signed case"));
    connect(m_export, &QAction::triggered, this, &FhirActions::exportResponse);
}

void FhirActions::updateEnabled()
{
    const CaseSession* session = m_window->session();
    m_import->setEnabled(!m_busy && !m_window->isBusyWithCase());
    m_export->setEnabled(!m_busy && session && session->file()->isSigned());
}

void FhirActions::chooseRequest()
{
    const QString bundle =
        QFileDialog::getOpenFileName(m_window, tr("Import Request (FHIR)"),
                                     m_window->queueView()->model()->folder(), tr("FHIR JSON (*.json)"));
    if (!bundle.isEmpty())
        previewRequest(bundle);
}

void FhirActions::previewRequest(const QString& bundlePath)
{
    Result<Policy> policy = PolicyLoader::loadBuiltIn();
    if (!policy) {
        MessageBox::warning(m_window, tr("Import Request (FHIR)"), policy.error().toString());
        return;
    }
    // Reading and decoding a request with large documents takes a while: not on this thread.
    m_busy = true;
    updateEnabled();
    m_window->statusBar()->showMessage(tr("Reading %1…").arg(QFileInfo(bundlePath).fileName()));
    auto* watcher = new QFutureWatcher<Result<FhirImport>>(this);
    connect(watcher, &QFutureWatcher<Result<FhirImport>>::finished, this, [this, watcher, bundlePath] {
        const Result<FhirImport> preview = watcher->result();
        watcher->deleteLater();
        m_busy = false;
        updateEnabled();
        m_window->statusBar()->clearMessage();
        if (!preview) {
            MessageBox::warning(m_window, tr("Import Request (FHIR)"), preview.error().toString());
            return;
        }
        FhirImportDialog dialog(bundlePath, *preview, m_window);
        dialog.setObjectName(QStringLiteral("fhirImportDialog"));
        QMetaObject::invokeMethod(this, &FhirActions::previewShown, Qt::QueuedConnection);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const QString folder = m_window->queueView()->model()->folder().isEmpty()
                                   ? QFileInfo(bundlePath).absolutePath()
                                   : m_window->queueView()->model()->folder();
        const QString suggested =
            QDir(folder).absoluteFilePath(QFileInfo(bundlePath).completeBaseName() + QLatin1Char('.') +
                                          QLatin1String(CaseFileFormat::FileSuffix));
        const QString target = QFileDialog::getSaveFileName(m_window, tr("Save New Case As"), suggested,
                                                            tr("ReviewDesk case (*.rdcase)"));
        if (!target.isEmpty())
            m_window->importFhirRequest(bundlePath, target, dialog.correctedReceivedAt());
    });
    watcher->setFuture(QtConcurrent::run([bundlePath, policy = policy.value()] {
        return FhirCaseImport::preview(bundlePath, policy, QDateTime());
    }));
}

void FhirActions::exportResponse()
{
    const CaseSession* session = m_window->session();
    Result<Policy> policy = PolicyLoader::loadBuiltIn();
    if (!session || !policy)
        return;
    const QString casePath = session->path();
    const QString target = QFileDialog::getSaveFileName(
        m_window, tr("Export Response (FHIR)"),
        QDir(QFileInfo(casePath).absolutePath())
            .filePath(QFileInfo(casePath).completeBaseName() + QStringLiteral(".response.json")),
        tr("FHIR JSON (*.json)"));
    if (target.isEmpty())
        return;
    m_busy = true;
    updateEnabled();
    m_window->statusBar()->showMessage(tr("Writing the response…"));
    auto* watcher = new QFutureWatcher<FhirCaseExportResult>(this);
    connect(watcher, &QFutureWatcher<FhirCaseExportResult>::finished, this, [this, watcher, target] {
        const FhirCaseExportResult result = watcher->result();
        watcher->deleteLater();
        m_busy = false;
        updateEnabled();
        m_window->statusBar()->clearMessage();
        const bool written = result.status == FhirCaseExportResult::Status::Written;
        if (written)
            m_window->statusBar()->showMessage(
                tr("Response written to %1.").arg(QDir::toNativeSeparators(target)), 10000);
        else
            MessageBox::warning(m_window, tr("Export Response (FHIR)"), result.error);
        Q_EMIT exported(target, written);
    });
    watcher->setFuture(QtConcurrent::run([casePath, target, policy = policy.value()] {
        return FhirCaseExport::run(casePath, target, policy, true);
    }));
}

} // namespace rd
