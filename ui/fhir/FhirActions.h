// File > Import Request (FHIR)… and File > Export Response (FHIR)… of the main window: the same model
// calls as `reviewdesk-cli import-fhir` / `export-fhir` (FhirCaseImport, FhirCaseExport), run on a
// thread of the pool. The import is previewed first (FhirImportDialog: its warnings, and the receipt
// time the reviewer may correct); a refused request shows its one-line reason and creates nothing.
#pragma once

#include <QObject>

class QAction;

namespace rd {

class MainWindow;

class FhirActions : public QObject
{
    Q_OBJECT
public:
    explicit FhirActions(MainWindow* window);

    QAction* importAction() const { return m_import; }
    QAction* exportAction() const { return m_export; }
    // Import: whenever no case job runs. Export: an open case that is signed.
    void updateEnabled();

    // The import after its file was chosen: the preview on the pool, then the dialog.
    void previewRequest(const QString& bundlePath);

Q_SIGNALS:
    // The preview dialog is shown (tests drive it from here).
    void previewShown();
    void exported(const QString& responsePath, bool written);

private:
    void chooseRequest();
    void exportResponse();

    MainWindow* m_window;
    QAction* m_import = nullptr;
    QAction* m_export = nullptr;
    bool m_busy = false;
};

} // namespace rd
