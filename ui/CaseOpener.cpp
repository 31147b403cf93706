#include "ui/CaseOpener.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace rd {

CaseOpener::CaseOpener(QObject* parent)
    : QObject(parent)
{}

void CaseOpener::open(const QString& path, const Actor& actor, std::function<void(Result&)> done)
{
    Request request{path, actor, std::move(done)};
    if (m_running) {
        m_next = std::move(request);
        return;
    }
    start(std::move(request));
}

void CaseOpener::start(Request request)
{
    m_running = true;
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, done = request.done] {
        watcher->deleteLater();
        Result result = watcher->future().takeResult();
        m_running = false;
        if (m_next) {
            // A newer request: this result is dropped (its file closed) before that one opens. The copy's
            // thread is stopped and joined on the pool, not here.
            if (result.firstAttachment)
                QThreadPool::globalInstance()->start(
                    [copy = std::move(result.firstAttachment)] { Q_UNUSED(copy) });
            result.file.reset();
            Request next = std::move(*m_next);
            m_next.reset();
            start(std::move(next));
            return;
        }
        done(result);
    });
    watcher->setFuture(QtConcurrent::run([path = request.path, actor = request.actor] {
        Result result;
        result.path = path;
        std::unique_ptr<CaseFile> file = CaseFile::open(path, CaseFile::OpenMode::ReadWrite, &result.error);
        if (file && !file->isReadOnly() && actor.isValid() && file->data().status == CaseStatus::New) {
            result.madeInReview = file->setStatus(CaseStatus::InReview, actor, &result.statusError);
        }
        // Not when the status could not be written: the window tries that write again, and the copy's read
        // transaction would hold it up.
        if (file && !file->attachments().isEmpty() && result.statusError.isEmpty()) {
            QString ignored;
            result.firstAttachment = AttachmentFile::read(path, file->attachments().first().id, &ignored);
        }
        result.file = std::move(file);
        return result;
    }));
}

} // namespace rd
