// Opens case files off the GUI thread: SQLite reading the case, and the first write of a new case (it
// goes In review: a signed audit entry, synced to disk), which were most of the time a case took to open
// on the GUI thread. One open at a time: a newer request waits for the one under way, whose result is
// then dropped (two CaseFiles of one file in one process would share its POSIX write lock, and closing
// either would drop it).
#pragma once

#include "model/audit/Actor.h"
#include "model/casefile/AttachmentFile.h"
#include "model/casefile/CaseFile.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace rd {

class CaseOpener : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        QString path;
        std::unique_ptr<CaseFile> file; // null: error says why
        QString error;
        bool madeInReview = false; // it was new and is now In review
        QString statusError;       // it was new and could not be put In review
        // Its first attachment, its copy into memory under way (null: none, or it could not be read, and
        // the viewer reads it again to say why): the PDF worker can start on it before the case is shown.
        std::shared_ptr<AttachmentFile> firstAttachment;
    };

    explicit CaseOpener(QObject* parent = nullptr);

    // Opens path for writing as actor on the pool; done(result) runs on this object's thread, unless a
    // newer open() came meanwhile.
    void open(const QString& path, const Actor& actor, std::function<void(Result&)> done);
    bool isOpening() const { return m_running; }

private:
    struct Request
    {
        QString path;
        Actor actor;
        std::function<void(Result&)> done;
    };
    void start(Request request);

    bool m_running = false;
    std::optional<Request> m_next;
};

} // namespace rd
