// A case file replaced under the open case (a copy saved over it, a sync tool) on the real MainWindow:
// the write is refused, the message offers Reopen, and the case opened again saves.
#include "SqlTamper.h"
#include "UiTestSupport.h"
#include "WindowTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/case/CaseSession.h"
#include "ui/case/CaseView.h"
#include "ui/checklist/ChecklistView.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace rd;
using namespace rd::test;

namespace {

// Another program saves a copy of the file over it: the same content in a new file (a new inode).
bool replaceWithCopy(const QString& path)
{
    const QString copy = path + QStringLiteral(".copy");
    QFile::remove(copy);
    return QFile::copy(path, copy) &&
           std::rename(QFile::encodeName(copy).constData(), QFile::encodeName(path).constData()) == 0;
}

// A case for member in dir, no records.
QString newCase(const QTemporaryDir& dir, const QString& member)
{
    return createCase(dir.path(), member, openRequest(member, {QStringLiteral("96000")}));
}

// 1 on the first step: the indication met, with its first type (one write).
void answerIndication(MainWindow* window)
{
    window->caseView()->checklist()->setFocus();
    press(window, Qt::Key_1);
}

} // namespace

class TestCaseReplaced : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        useTestSettings(m_settingsDir.path(), QStringLiteral("TestCaseReplaced"));
    }

    // A dialog the test does not expect is answered Cancel instead of waiting for a click; the shown
    // count tells.
    void init() { MessageBox::setAutoAnswer(QMessageBox::Cancel); }
    void cleanup() { MessageBox::setAutoAnswer(std::nullopt); }

    void replacedFileOffersReopen()
    {
        QTemporaryDir dir;
        const QString path = newCase(dir, QStringLiteral("M3101"));
        const auto owned = showWindowOn(dir.path());
        QVERIFY(owned);
        MainWindow& window = *owned;
        QVERIFY(window.openCase(path));
        CaseSession* first = window.session();
        QVERIFY(first && !first->isReadOnly());

        // Cancel: the message says what happened and offers Reopen; nothing is saved, the case stays.
        QVERIFY(replaceWithCopy(path));
        const int shown = MessageBox::shownCount();
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        answerIndication(&window);
        QCOMPARE(MessageBox::shownCount(), shown + 1);
        QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Not saved"));
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("replaced or removed by another program")),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Reopen the case")));
        QCOMPARE(MessageBox::lastButtonTexts().value(QMessageBox::Open), QStringLiteral("Reopen"));
        QCoreApplication::processEvents();
        QCOMPARE(window.session(), first);
        {
            QString error;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
            QVERIFY2(file, qPrintable(error));
            QVERIFY(!file->data().answers.contains(QStringLiteral("indication")));
        }

        // Reopen: the case opens again on the file as it is now, and the answer saves.
        MessageBox::setNextAnswer(QMessageBox::Open);
        answerIndication(&window);
        QCOMPARE(MessageBox::shownCount(), shown + 2);
        QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session() != first, 20000);
        QCOMPARE(window.session()->path(), path);
        QVERIFY(!window.session()->isReadOnly());
        QCOMPARE(window.session()->file()->diskChange(), CaseFile::DiskChange::None);
        QTRY_VERIFY(window.caseView()->checklist()->isVisible());
        answerIndication(&window);
        QCOMPARE(MessageBox::shownCount(), shown + 2); // no message this time
        QVERIFY(window.session()->answer(QStringLiteral("indication")).has_value());
        window.closeCase();
        QString error;
        auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        QCOMPARE(toString(file->data().answers.value(QStringLiteral("indication")).value),
                 toString(AnswerValue::Met));
    }

    // Written in place by another program (same file, new size): also offered.
    void writtenInPlaceOffersReopen()
    {
        QTemporaryDir dir;
        const QString path = newCase(dir, QStringLiteral("M3102"));
        const auto owned = showWindowOn(dir.path());
        QVERIFY(owned && owned->openCase(path));
        MainWindow& window = *owned;
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write(QByteArray(1, '\0'));
        file.close();
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        answerIndication(&window);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("written by another program")),
                 qPrintable(MessageBox::lastText()));
        QCOMPARE(MessageBox::lastButtonTexts().value(QMessageBox::Open), QStringLiteral("Reopen"));
        window.closeCase();
    }

    // A write that fails for another reason (the file refuses it) keeps the plain message: reopening
    // would not help.
    void otherFailuresKeepThePlainMessage()
    {
        QTemporaryDir dir;
        const QString path = newCase(dir, QStringLiteral("M3103"));
        const auto owned = showWindowOn(dir.path());
        QVERIFY(owned && owned->openCase(path));
        MainWindow& window = *owned;
        // Planted after the open: a file holding it when opened is opened read-only.
        QVERIFY(test::sqliteUnseen(path, "CREATE TRIGGER refuse BEFORE INSERT ON audit WHEN NEW.target = "
                                         "'indication' BEGIN SELECT RAISE(ABORT, 'refused'); END;"));
        CaseSession* session = window.session();
        const int shown = MessageBox::shownCount();
        MessageBox::setNextAnswer(QMessageBox::Ok);
        answerIndication(&window);
        QCOMPARE(MessageBox::shownCount(), shown + 1);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("refused")),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(!MessageBox::lastText().contains(QStringLiteral("Reopen")));
        QVERIFY(MessageBox::lastButtonTexts().isEmpty());
        QCoreApplication::processEvents();
        QCOMPARE(window.session(), session);
        window.closeCase();
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestCaseReplaced)
#include "tst_casereplaced.moc"
