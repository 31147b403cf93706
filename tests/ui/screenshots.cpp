// Takes the screenshots of docs/screenshots: the queue, a case with its checklist, the summary, the
// request panel. Not a test; run under a real X server (xvfb-run) so that fonts and styles are the real
// ones (docs/screenshots/take-screenshots.sh runs all three):
//   xvfb-run -a -s "-screen 0 1600x1000x24" rd_ui_screenshots OUTPUT_FOLDER BUILD/app/reviewdesk_en.qm
//   ... rd_ui_screenshots OUTPUT_FOLDER dark                (the request panel on a dark palette:
//                                                            Fusion and a complete dark palette)
//   ... rd_ui_screenshots OUTPUT_FOLDER BUILD/app/reviewdesk_es.qm   (the request panel in Spanish)
#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/case/AttachmentViewer.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/pdf/PdfThumbnailModel.h"
#include "ui/queue/CaseQueueModel.h"
#include "ui/queue/QueueView.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QSettings>
#include <QSplitter>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>

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

// A case whose request shows everything the panel can say: an overdue expedited request, a
// diagnosis with an erratum beside it, a prior study, a member who reads Spanish.
int requestPanel(const QString& folder, const QString& output, const QString& name)
{
    const QDateTime received = QDateTime::currentDateTimeUtc().addDays(-4);
    CaseData data = openRequest(QStringLiteral("M1017"), {QStringLiteral("96000"), QStringLiteral("96001")},
                                Urgency::Expedited, received);
    data.member.name = QStringLiteral("Avery Chen");
    data.member.birthDate = QDate(2015, 6, 9);
    data.member.language = QStringLiteral("es");
    data.request.serviceDate = received.date().addDays(12);
    data.request.diagnoses = {QStringLiteral("Q66.5"), QStringLiteral("R26.89")};
    data.request.priorStudyDate = QDate(2024, 9, 30);
    data.request.clinicalQuestion =
        QStringLiteral("Whether a tendon lengthening or new orthoses will improve "
                       "the toe walking");
    const QString path = createCase(folder, QStringLiteral("m1017-panel"), data,
                                    {{QStringLiteral("clinic-note.pdf"), makePdf(4), 4}});
    MainWindow window;
    window.resize(1500, 920);
    window.setLogin(test::logIn(QStringLiteral("a.nurse")));
    window.openFolder(folder);
    window.show();
    if (path.isEmpty() || !window.openCase(path))
        return 1;
    if (!waitFor([&] { return window.caseView()->viewer()->currentPage() == 1; }))
        return 1;
    ChecklistView* checklist = window.caseView()->checklist();
    checklist->toggleType(0);
    checklist->goToJudgment(QStringLiteral("management-impact"));
    checklist->answerCurrent(AnswerValue::NotMet);
    // The thumbnails drawn (one still rendering is a blank of grey 245).
    for (const QListView* list : window.findChildren<QListView*>()) {
        if (const auto* thumbnails = qobject_cast<const PdfThumbnailModel*>(list->model())) {
            waitFor(
                [thumbnails] {
                    for (int row = 0; row < thumbnails->rowCount(); ++row) {
                        const auto pixmap =
                            thumbnails->data(thumbnails->index(row), Qt::DecorationRole).value<QPixmap>();
                        if (pixmap.isNull() || pixmap.toImage().pixelColor(0, 0) == QColor(245, 245, 245))
                            return false;
                    }
                    return true;
                },
                20000);
        }
    }
    // The whole panel in view (the reviewer drags the divider or scrolls): the picture is of it.
    if (auto* split = window.findChild<QSplitter*>(QStringLiteral("requestSplitter")))
        split->setSizes({470, 450});
    settle(800);
    save(&window, output, name);
    window.closeCase();
    return 0;
}

// A dark desktop palette (close to Breeze Dark and Adwaita dark), every role set.
QPalette darkPalette()
{
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor window(0x2d, 0x2d, 0x2d);
    const QColor disabledText(0x80, 0x80, 0x80);
    QPalette dark(text, QColor(0x3a, 0x3a, 0x3a), QColor(0x50, 0x50, 0x50), QColor(0x1c, 0x1c, 0x1c),
                  QColor(0x33, 0x33, 0x33), text, Qt::white, QColor(0x1f, 0x1f, 0x1f), window);
    dark.setColor(QPalette::Midlight, QColor(0x44, 0x44, 0x44));
    dark.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0c));
    dark.setColor(QPalette::AlternateBase, QColor(0x29, 0x29, 0x29));
    dark.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ToolTipText, text);
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    dark.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        dark.setColor(QPalette::Disabled, role, disabledText);
    dark.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4a, 0x4a));
    dark.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    return dark;
}

} // namespace

int main(int argc, char* argv[])
{
    // A home folder of its own (the cases, the settings), gone afterwards.
    QTemporaryDir home;
    qputenv("HOME", QFile::encodeName(home.path()));
    QApplication app(argc, argv);
    // The request panel in another palette or language only.
    const QString variant = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    // The English file holds the plural forms ("11 years").
    QTranslator english;
    if (variant.endsWith(QLatin1String("_en.qm")) && english.load(variant))
        QCoreApplication::installTranslator(&english);
    if (!variant.isEmpty() && !variant.endsWith(QLatin1String("_en.qm"))) {
        QApplication::setOrganizationName(QStringLiteral("ReviewDeskScreenshots"));
        QApplication::setApplicationName(QStringLiteral("ReviewDesk"));
        QTemporaryDir settings;
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
        QTranslator translator;
        if (variant == QLatin1String("dark")) {
            // What a dark desktop gives the app (it takes its colours from the platform theme): Fusion
            // and a complete dark palette, every role and the disabled ones, so that nothing falls
            // back to a light default.
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
            QApplication::setPalette(darkPalette());
        } else if (translator.load(variant)) {
            QLocale::setDefault(QLocale(QLocale::Spanish));
            QCoreApplication::installTranslator(&translator);
        } else {
            return 2;
        }
        const QString cases = QDir(home.path()).filePath(QStringLiteral("Cases"));
        QDir().mkpath(cases);
        const QString output = QString::fromLocal8Bit(argv[1]);
        return requestPanel(cases, output,
                            variant == QLatin1String("dark") ? QStringLiteral("request-panel-dark.png")
                                                             : QStringLiteral("request-panel-es.png"));
    }
    QApplication::setOrganizationName(QStringLiteral("ReviewDeskScreenshots"));
    QApplication::setApplicationName(QStringLiteral("ReviewDesk"));
    QApplication::setApplicationVersion(QStringLiteral(REVIEWDESK_VERSION));
    const QString output = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(output);
    QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QSettings().setValue(QStringLiteral("reviewer/name"), QStringLiteral("a.nurse"));
    QSettings().setValue(QStringLiteral("checklist/autoAdvance"), false); // the steps below are chosen

    // The cases in ~/Cases of a home folder of its own: the queue shows its folder from the home folder,
    // so that no path of this machine is in the pictures.
    const QString cases = QDir(qEnvironmentVariable("HOME")).filePath(QStringLiteral("Cases"));
    QDir().mkpath(cases);
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
        const QString path = createCase(cases, QString::fromLatin1(demo.id).toLower(), data,
                                        {{QStringLiteral("clinic-note.pdf"), makePdf(4), 4},
                                         {QStringLiteral("pt-notes.pdf"), makePdf(2), 2}});
        if (path.isEmpty())
            return 1;
        if (demo.status != CaseStatus::New) {
            QString error;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &error);
            if (!file || !file->setStatus(demo.status, test::actor(QStringLiteral("a.nurse")), &error))
                return 1;
            Answer answer;
            answer.value = AnswerValue::Met;
            if (!file->recordJudgment(QStringLiteral("management-impact"), answer,
                                      test::actor(QStringLiteral("a.nurse")), &error))
                return 1;
        }
        if (firstCase.isEmpty())
            firstCase = path;
    }

    MainWindow window;
    window.setLogin(test::logIn(QStringLiteral("a.nurse")));
    window.resize(1500, 920);
    window.openFolder(cases);
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
    window.hide();
    return requestPanel(cases, output, QStringLiteral("request-panel.png"));
}
