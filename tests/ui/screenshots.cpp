// Takes the screenshots of docs/screenshots: the queue, a case with its checklist, the summary.
// Not a test; run under a real X server (xvfb-run) so that fonts and styles are the real ones:
//   xvfb-run -a -s "-screen 0 1600x1000x24" rd_ui_screenshots OUTPUT_FOLDER
#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/case/AttachmentViewer.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"

#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>

using namespace rd;
using namespace rd::test;

namespace {

void settle(int ms = 400)
{
    QTest::qWait(ms);
}

template <typename Predicate> bool waitFor(Predicate predicate, int timeoutMs = 5000)
{
    return QTest::qWaitFor(predicate, timeoutMs);
}

void save(QWidget* window, const QString& folder, const QString& name)
{
    settle();
    window->grab().save(QDir(folder).filePath(name));
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ReviewDeskScreenshots"));
    QApplication::setApplicationName(QStringLiteral("ReviewDesk"));
    QApplication::setApplicationVersion(QStringLiteral(REVIEWDESK_VERSION));
    const QString output = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(output);
    QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

    QTemporaryDir dir;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    struct Demo
    {
        const char* id;
        const char* name;
        QStringList lines;
        Urgency urgency;
        int hoursAgo;
        CaseStatus status;
    };
    const QList<Demo> demos = {
        {"M1002",
         "Jordan Rivera",
         {QStringLiteral("96000"), QStringLiteral("96002"), QStringLiteral("96004")},
         Urgency::Standard,
         30,
         CaseStatus::New},
        {"M1017",
         "Avery Chen",
         {QStringLiteral("96001"), QStringLiteral("96004")},
         Urgency::Expedited,
         80,
         CaseStatus::InReview},
        {"M1033", "Sam Okafor", {QStringLiteral("96000")}, Urgency::Standard, 150, CaseStatus::New},
        {"M1041", "Riley Johansson", {QStringLiteral("96002")}, Urgency::Expedited, 20, CaseStatus::New},
        {"M1050",
         "Morgan Alvarez",
         {QStringLiteral("96000"), QStringLiteral("96004")},
         Urgency::Standard,
         200,
         CaseStatus::PendedForInformation},
        {"M1062",
         "Taylor Nguyen",
         {QStringLiteral("96001")},
         Urgency::Standard,
         60,
         CaseStatus::AwaitingMedicalDirector},
        {"M1078",
         "Casey Brooks",
         {QStringLiteral("96000"), QStringLiteral("96002")},
         Urgency::Standard,
         100,
         CaseStatus::InReview},
    };
    QString firstCase;
    for (const Demo& demo : demos) {
        CaseData data = openRequest(QString::fromLatin1(demo.id), demo.lines, demo.urgency,
                                    now.addSecs(-3600LL * demo.hoursAgo));
        data.member.name = QString::fromUtf8(demo.name);
        const QString path = createCase(dir.path(), QString::fromLatin1(demo.id).toLower(), data,
                                        {{QStringLiteral("clinic-note.pdf"), makePdf(4), 4},
                                         {QStringLiteral("pt-notes.pdf"), makePdf(2), 2}});
        if (path.isEmpty())
            return 1;
        if (demo.status != CaseStatus::New) {
            QString error;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            if (!file || !file->setStatus(demo.status, QStringLiteral("a.nurse"), &error))
                return 1;
            Answer answer;
            answer.value = AnswerValue::Met;
            if (!file->recordJudgment(QStringLiteral("management-impact"), answer, QStringLiteral("a.nurse"),
                                      &error))
                return 1;
        }
        if (firstCase.isEmpty())
            firstCase = path;
    }

    MainWindow window;
    User nurse;
    nurse.login = QStringLiteral("a.nurse");
    window.setUser(nurse);
    window.resize(1500, 920);
    window.openFolder(dir.path());
    window.show();
    if (!waitFor([&] { return window.queueView()->model()->rowCount() == int(demos.size()); }))
        return 1;
    settle(800);
    save(&window, output, QStringLiteral("queue.png"));

    window.openCase(firstCase);
    AttachmentViewer* viewer = window.caseView()->viewer();
    if (!waitFor([&] { return viewer->currentPage() == 1; }))
        return 1;
    ChecklistView* checklist = window.caseView()->checklist();
    checklist->answerCurrent(AnswerValue::Met);
    checklist->toggleType(1);
    const QString quote = QStringLiteral("Clinic note page 1: crouch gait, GMFCS II");
    checklist->cite(Evidence{QStringLiteral("clinic-note.pdf"), 1, quote, QRectF(70, 80, 330, 18)});
    window.caseView()->showEvidence(
        window.session()->answer(QStringLiteral("indication"))->evidence.value(0));
    settle();
    save(&window, output, QStringLiteral("case-checklist.png"));

    // The Review menu, with its keys.
    for (QAction* action : window.menuBar()->actions()) {
        if (action->menu() && action->text() == MainWindow::tr("&Review")) {
            QMenu* menu = action->menu();
            menu->popup(window.mapToGlobal(QPoint(120, 30)));
            settle();
            menu->grab().save(QDir(output).filePath(QStringLiteral("menu-review.png")));
            menu->hide();
        }
    }

    checklist->next();
    checklist->answerCurrent(AnswerValue::Met);
    checklist->next();
    checklist->answerCurrent(AnswerValue::NotMet);
    for (int i = 3; i < checklist->stepCount(); ++i) {
        checklist->goToStep(i);
        if (checklist->currentJudgment() == QLatin1String("emg-distinct"))
            checklist->answerCurrent(AnswerValue::NotMet);
        else if (checklist->steps().at(i).exclusion)
            checklist->answerCurrent(AnswerValue::No);
        else if (checklist->currentJudgment() != QLatin1String("documentation-complete"))
            checklist->answerCurrent(AnswerValue::Met);
    }
    checklist->showSummary();
    save(&window, output, QStringLiteral("summary.png"));
    window.closeCase();
    return 0;
}
