// The window's slow jobs on cases: a new case from a case JSON or a FHIR request, and clinical
// records added to the open case. The PDFs are checked (through the PDF worker) and stored off the GUI
// thread: for a case file on a thread of the pool, for a workspace case on its link's thread. While a
// job runs, the File actions wait (isBusy(), busyChanged()).
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QAction;

namespace rd {

class MainWindow;
struct CaseCreationResult;

class CaseJobs : public QObject
{
    Q_OBJECT
public:
    explicit CaseJobs(MainWindow* window);

    // File > New Case from JSON, Add Clinical Records, Save a Copy As.
    QAction* newFromJsonAction() const { return m_newFromJson; }
    QAction* addRecordsAction() const { return m_addRecords; }
    QAction* saveCopyAction() const { return m_saveCopy; }
    // Enabled as the window's case, the policy and the jobs under way allow.
    void updateActions();

    // The file dialogs' filter for case files.
    static QString caseFilter();

    // File > New Case from JSON: asks for the JSON, its PDFs and where to save the case.
    void newCaseFromJson();
    // See MainWindow::createCaseFromJson(), importFhirRequest().
    bool createCaseFromJson(const QString& jsonPath, const QString& casePath, const QStringList& pdfs);
    bool importFhirRequest(const QString& bundlePath, const QString& casePath, const QDateTime& receivedAt);
    // File > Add Clinical Records: asks for the PDFs.
    void chooseRecordsToAdd();
    // See MainWindow::addRecordsToCase(). A workspace case stays open: the records go to the server
    // on its link's thread, and the first one shows once the server has them.
    bool addRecordsToCase(const QStringList& pdfs);

    // File > Save a Copy As: the open case as a case file (a workspace case as the server holds it),
    // written off the GUI thread.
    void saveCopyAs();

    bool isBusy() const { return m_busy; }
    // A copy is being saved (Save a Copy As waits).
    bool isSaving() const { return m_saving; }

Q_SIGNALS:
    void busyChanged();
    void caseCreated(const QString& casePath, bool created);
    // casePath: the case file, or for a workspace case its id.
    void recordsAdded(const QString& casePath, bool added);

private:
    // Runs work (checking and storing PDFs: slow) on the thread pool while the File actions wait and
    // the status bar says message; then done(result) here.
    void runCaseJob(const QString& message, std::function<CaseCreationResult()> work,
                    std::function<void(const CaseCreationResult&)> done);
    void setBusy(bool busy, const QString& message = {});
    // After records were added: says how many, and shows the one named firstName.
    void showAdded(int count, const QString& firstName);

    MainWindow* m_window;
    QAction* m_newFromJson = nullptr;
    QAction* m_addRecords = nullptr;
    QAction* m_saveCopy = nullptr;
    bool m_busy = false;
    bool m_saving = false;
};

} // namespace rd
