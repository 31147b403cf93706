// Many reviewers on one workspace at once, as separate processes (rd_workspace_client): the people,
// the cases, the clients, and the checks made afterwards on what the server holds.
#pragma once

#include "PgTestCluster.h"
#include "TestCases.h"
#include "TrustFixture.h"

#include "model/casefile/CaseFile.h"
#include "model/signoff/CaseVerification.h"
#include "model/workspace/Workspace.h"
#include "model/workspace/WorkspaceSchema.h"

#include <QDir>
#include <QMap>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <memory>

namespace rd::test {

class WorkspaceLoad
{
public:
    // people reviewers named PREFIX.NN, the schema, and cases imported into the review queue.
    bool setUp(PgTestCluster& cluster, const QString& folder, const QString& prefix, int people, int cases,
               QString* error)
    {
        m_cluster = &cluster;
        m_folder = folder;
        QList<Person> persons;
        for (int i = 0; i < people; ++i)
            persons.append({QStringLiteral("%1.%2").arg(prefix).arg(i, 2, 10, QLatin1Char('0')),
                            QStringLiteral("Reviewer %1").arg(i), QStringLiteral("RN"), UserRole::Reviewer,
                            QStringLiteral("password %1").arg(i)});
        if (!m_trust.setUp(folder, persons, error))
            return false;
        auto owner = PgConnection::open(cluster.superuser(), error);
        if (!owner || !WorkspaceSchema::migrate(*owner, error))
            return false;
        for (const Person& person : std::as_const(persons)) {
            if (!cluster.addPerson(person.login, QStringLiteral("rd_reviewer"), error))
                return false;
            m_people.append(person);
        }
        auto workspace = Workspace::open(cluster.url(persons.first().login), error);
        if (!workspace)
            return false;
        CaseData data = sampleCase();
        data.answers.clear();
        const Actor intake = m_trust.actor(persons.first().login);
        for (int i = 0; i < cases; ++i) {
            data.request.urgency = i % 7 == 0 ? Urgency::Expedited : Urgency::Standard;
            data.request.receivedAt = QDateTime(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC).addSecs(i * 60);
            const QString path = QDir(folder).filePath(QStringLiteral("case-%1.rdcase").arg(i));
            if (!CaseFile::create(path, data, intake, error))
                return false;
            const auto id = workspace->importCaseFile(path, error);
            if (!id)
                return false;
            m_caseIds.append(*id);
        }
        return true;
    }

    // A client per person: the first takers take from the queue, the others work the case ids given
    // (overlapping slices, so that they compete with the takers and each other).
    void startClients(int takers)
    {
        const int workers = int(m_people.size()) - takers;
        const int slice = workers > 0 ? int(m_caseIds.size()) / workers + 4 : 0;
        for (int i = 0; i < m_people.size(); ++i) {
            auto process = std::make_unique<QProcess>();
            process->setProcessEnvironment(m_trust.environment());
            const bool take = i < takers;
            process->start(QStringLiteral(REVIEWDESK_BIN_DIR "/rd_workspace_client"),
                           {m_cluster->url(m_people.at(i).login), m_people.at(i).login,
                            take ? QStringLiteral("take") : QStringLiteral("ids")});
            QByteArray input = m_people.at(i).password.toUtf8() + '\n';
            if (!take) {
                const int first = (i - takers) * (int(m_caseIds.size()) / workers);
                for (int c = 0; c < slice; ++c)
                    input += m_caseIds.at((first + c) % m_caseIds.size()).toUtf8() + '\n';
            }
            process->write(input);
            process->closeWriteChannel();
            m_clients.push_back(std::move(process));
        }
    }

    // Lines "saved ..." printed so far by every client (reads what arrived).
    int savedSoFar()
    {
        collect();
        return int(m_saved.size());
    }

    bool waitForClients(QString* error)
    {
        for (auto& client : m_clients) {
            // waitForFinished() is false for a process whose end was already seen: ask its state first.
            const bool finished = client->state() == QProcess::NotRunning || client->waitForFinished(300000);
            if (!finished || client->exitStatus() != QProcess::NormalExit || client->exitCode() != 0) {
                *error = QStringLiteral("a client failed (exit %1): %2")
                             .arg(client->exitCode())
                             .arg(QString::fromUtf8(client->readAllStandardError()).trimmed());
                return false;
            }
        }
        collect();
        return true;
    }

    // Every case: taken at most once, written by one person only, every judgment reported saved is
    // there as saved, and the case (exported) verifies.
    bool check(QString* error, int* worked)
    {
        QMap<QString, int> taken;
        for (const QString& id : std::as_const(m_took))
            if (++taken[id] > 1) {
                *error = QStringLiteral("case %1 was taken twice").arg(id);
                return false;
            }
        auto workspace = Workspace::open(m_cluster->url(m_people.first().login), error);
        if (!workspace)
            return false;
        *worked = 0;
        for (const QString& id : std::as_const(m_caseIds)) {
            const QString path = QDir(m_folder).filePath(QStringLiteral("check-%1.rdcase").arg(id));
            if (!workspace->exportCase(id, path, error))
                return false;
            auto file = CaseFile::open(path, CaseFile::OpenMode::ReadOnly, error);
            if (!file)
                return false;
            const CaseVerification verification = verifyCase(*file);
            if (!verification.report.ok()) {
                *error = QStringLiteral("case %1 does not verify: %2")
                             .arg(id, verification.report.problems.first().what);
                return false;
            }
            QSet<QString> writers;
            for (const AuditEntry& entry : file->auditTrail(error))
                if (entry.action == QLatin1String("judgment.record"))
                    writers.insert(entry.actor);
            if (writers.size() > 1) {
                *error = QStringLiteral("case %1 was written by %2")
                             .arg(id, QStringList(writers.values()).join(QLatin1Char(',')));
                return false;
            }
            if (!writers.isEmpty())
                ++*worked;
            for (auto it = m_saved.cbegin(); it != m_saved.cend(); ++it) {
                if (it.key().first != id)
                    continue;
                const Answer answer = file->data().answers.value(it.key().second);
                if (toString(answer.value) != it.value().first || answer.note != it.value().second) {
                    *error = QStringLiteral("case %1: judgment %2 reported saved by %3 is not there")
                                 .arg(id, it.key().second, it.value().second);
                    return false;
                }
            }
            QFile::remove(path);
        }
        return true;
    }

private:
    void collect()
    {
        for (size_t i = 0; i < m_clients.size(); ++i) {
            QByteArray& pending = m_pending[int(i)];
            pending += m_clients[i]->readAllStandardOutput();
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QStringList words = QString::fromUtf8(pending.left(newline)).split(QLatin1Char(' '));
                pending.remove(0, newline + 1);
                if (words.value(0) == QLatin1String("saved") && words.size() == 4)
                    m_saved.insert({words.at(1), words.at(2)}, {words.at(3), m_people.at(int(i)).login});
                else if (words.value(0) == QLatin1String("took"))
                    m_took.append(words.value(1));
            }
        }
    }

    PgTestCluster* m_cluster = nullptr;
    QString m_folder;
    TrustFixture m_trust;
    QList<Person> m_people;
    QStringList m_caseIds;
    std::vector<std::unique_ptr<QProcess>> m_clients;
    QMap<int, QByteArray> m_pending;
    QMap<QPair<QString, QString>, QPair<QString, QString>> m_saved; // (case, judgment) -> (value, login)
    QStringList m_took;
};

} // namespace rd::test
