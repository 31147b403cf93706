// Helpers the tests share: running the real reviewdesk-cli, hashing files, making real PDFs.
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QStringList>

namespace rd::test {

struct CliRun
{
    int exitCode = -1; // -1 when it crashed or did not finish
    QString out;
    QString err;
};

// Runs build/bin/reviewdesk-cli with args, input on its standard input, in environment.
inline CliRun runCli(const QStringList& args, const QString& input = {},
                     const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(REVIEWDESK_BIN_DIR "/reviewdesk-cli"), args);
    if (!process.waitForStarted())
        return {};
    process.write(input.toUtf8());
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(120000);
    return {finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

inline QByteArray sha256Hex(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// Writes bytes to path (a fixture: a broken PDF, a bad JSON); false when it cannot.
inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A real PDF made with Qt's own PDF writer, one string per page. Needs a QGuiApplication.
inline void writePdf(const QString& path, const QStringList& pages)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::Letter));
    QPainter painter(&writer);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0)
            writer.newPage();
        painter.drawText(QRectF(0, 0, writer.width(), writer.height()), Qt::AlignLeft | Qt::TextWordWrap,
                         pages.at(i));
    }
}

} // namespace rd::test
