// The working copy's private folder: 0700, names its process, and a folder left by a process that died
// is removed when the next case opens (member data does not wait for a reboot); others' folders stay.
#include "model/workspace/WorkingFolder.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace rd;

class TestWorkingFolder : public QObject
{
    Q_OBJECT

private:
    // The process id of a process that has ended (and been reaped).
    static qint64 endedProcess()
    {
        QProcess process;
        process.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("echo $$")});
        if (!process.waitForFinished(-1))
            return -1;
        bool ok = false;
        const qint64 pid = process.readAllStandardOutput().trimmed().toLongLong(&ok);
        return ok ? pid : -1;
    }

    static QString makeFolder(const QString& base, const QString& name, const QByteArray& owner)
    {
        const QString path = QDir(base).filePath(name);
        QDir().mkpath(path);
        QFile file(QDir(path).filePath(QStringLiteral("case.rdcase")));
        if (file.open(QIODevice::WriteOnly))
            file.write("member data");
        file.close();
        if (!owner.isNull()) {
            QFile pid(QDir(path).filePath(QStringLiteral("owner.pid")));
            if (pid.open(QIODevice::WriteOnly))
                pid.write(owner);
        }
        return path;
    }

private Q_SLOTS:
    void folderIsPrivateAndNamesItsProcess()
    {
        QTemporaryDir base;
        QVERIFY(base.isValid());
        auto folder = WorkingFolder::create(base.path());
        QVERIFY(folder && folder->isValid());
        QVERIFY(folder->path().startsWith(base.path()));
        const QFileDevice::Permissions permissions = QFile::permissions(folder->path());
        QVERIFY(
            permissions.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        QVERIFY(!(permissions & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                 QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther)));
        QFile owner(QDir(folder->path()).filePath(QStringLiteral("owner.pid")));
        QVERIFY(owner.open(QIODevice::ReadOnly));
        QCOMPARE(owner.readAll().toLongLong(), qint64(::getpid()));
    }

    void abandonedFoldersGoOthersStay()
    {
        QTemporaryDir base;
        QVERIFY(base.isValid());
        const qint64 ended = endedProcess();
        QVERIFY(ended > 0);
        const QString dead =
            makeFolder(base.path(), QStringLiteral("reviewdesk-dead01"), QByteArray::number(ended));
        const QString alive = makeFolder(base.path(), QStringLiteral("reviewdesk-live01"),
                                         QByteArray::number(qint64(::getpid())));
        const QString unmarked = makeFolder(base.path(), QStringLiteral("reviewdesk-old001"), QByteArray());
        const QString other =
            makeFolder(base.path(), QStringLiteral("something-else"), QByteArray::number(ended));

        // Opening the next case's folder removes the dead process's folder, and only that.
        auto folder = WorkingFolder::create(base.path());
        QVERIFY(folder && folder->isValid());
        QVERIFY(!QDir(dead).exists());
        QVERIFY(QDir(alive).exists());
        QVERIFY(QDir(unmarked).exists());
        QVERIFY(QDir(other).exists());
        QVERIFY(QDir(folder->path()).exists());
        QCOMPARE(WorkingFolder::removeAbandoned(base.path()), 0);
    }
};

QTEST_GUILESS_MAIN(TestWorkingFolder)
#include "tst_workingfolder.moc"
