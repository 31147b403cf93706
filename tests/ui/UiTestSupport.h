// Shared by the ui tests: real case files made with CaseFile::create, a small real PDF, keys.
#pragma once

#include "model/casefile/CaseFile.h"
#include "model/casefile/CaseFileFormat.h"
#include "model/signoff/Login.h"

#include "TestCases.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

namespace rd::test {

// A valid PDF of pageCount pages, each with one line of text.
inline QByteArray makePdf(int pageCount)
{
    QList<QByteArray> objects;
    QByteArray kids;
    for (int page = 0; page < pageCount; ++page)
        kids += QByteArray::number(4 + 2 * page) + " 0 R ";
    objects << "<< /Type /Catalog /Pages 2 0 R >>";
    objects << "<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(pageCount) + " >>";
    objects << "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    for (int page = 0; page < pageCount; ++page) {
        const QByteArray text = "BT /F1 14 Tf 72 700 Td (Clinic note page " + QByteArray::number(page + 1) +
                                ": crouch gait, GMFCS II) Tj ET";
        objects
            << "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
               "/Contents " +
                   QByteArray::number(5 + 2 * page) + " 0 R >>";
        objects << "<< /Length " + QByteArray::number(text.size()) + " >>\nstream\n" + text + "\nendstream";
    }
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    for (int i = 0; i < objects.size(); ++i) {
        offsets << pdf.size();
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects.at(i) + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype offset : offsets)
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

// A person logged in, with a key of their own (no people folder, no roster: the storage and the
// window do not look the role up; verify would).
inline Login logIn(const QString& login, UserRole role = UserRole::Reviewer)
{
    Login result;
    result.user.login = login;
    result.user.name = login;
    result.user.credentials = role == UserRole::MedicalDirector ? QStringLiteral("MD") : QStringLiteral("RN");
    result.user.phone = QStringLiteral("1-800-555-0100");
    result.user.role = role;
    result.actor = actor(login);
    result.user.publicKey = result.actor.publicKey();
    return result;
}

// A request with no answers yet.
inline CaseData
openRequest(const QString& memberId, const QStringList& lines, Urgency urgency = Urgency::Standard,
            const QDateTime& receivedAt = QDateTime(QDate(2026, 11, 20), QTime(14, 5), Qt::UTC))
{
    CaseData data;
    data.member.id = memberId;
    data.member.name = QStringLiteral("Test Member %1").arg(memberId);
    data.member.birthDate = QDate(2016, 4, 2);
    data.provider = {QStringLiteral("Lakeside Gait Lab"), QStringLiteral("1234567893")};
    data.request.receivedAt = receivedAt;
    data.request.urgency = urgency;
    data.request.serviceDate = QDate(2026, 12, 15);
    data.request.lines = lines;
    data.request.diagnoses = {QStringLiteral("G80.1")};
    data.request.clinicalQuestion = QStringLiteral("Which muscle groups to target");
    return data;
}

struct AttachmentSpec
{
    QString name;
    QByteArray bytes;
    int pageCount = 0;
};

// Creates a real case file in folder; returns its path (empty on failure, with a QTest failure).
inline QString createCase(const QString& folder, const QString& baseName, const CaseData& data,
                          const QList<AttachmentSpec>& attachments = {})
{
    const QString path =
        QDir(folder).filePath(baseName + QLatin1Char('.') + QLatin1String(CaseFileFormat::FileSuffix));
    QString error;
    auto file = CaseFile::create(path, data, test::actor(QStringLiteral("intake")), &error);
    if (!file) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return {};
    }
    for (const AttachmentSpec& spec : attachments) {
        const QString source = QDir(folder).filePath(QStringLiteral("source-") + spec.name);
        QFile out(source);
        if (!out.open(QIODevice::WriteOnly) || out.write(spec.bytes) != spec.bytes.size()) {
            QTest::qFail("cannot write the attachment source", __FILE__, __LINE__);
            return {};
        }
        out.close();
        if (!file->addAttachment(spec.name, source, spec.pageCount, test::actor(QStringLiteral("intake")),
                                 &error)) {
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
            return {};
        }
        QFile::remove(source);
    }
    return path;
}

// Presses a key as the user would: to the focused widget of the active window.
inline void press(QWidget* window, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* target = QApplication::focusWidget();
    QTest::keyClick(target ? target : window, key, modifiers);
}

} // namespace rd::test
