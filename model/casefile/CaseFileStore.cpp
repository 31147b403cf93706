// CaseFile's side of the case-store interface that is not storage work of its own.
#include "model/casefile/CaseFile.h"

namespace rd {

std::function<std::optional<QByteArray>(QString*)> CaseFile::attachmentReader(qint64 attachmentId) const
{
    return [path = m_path, attachmentId](QString* error) {
        return readAttachment(path, attachmentId, error);
    };
}

} // namespace rd
