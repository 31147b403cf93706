#include "app/pdfworker/PdfWorkerOutput.h"

#include <cerrno>

#include <sys/uio.h>
#include <unistd.h>

namespace rd {

void PdfWorkerOutput::writeFrame(const QByteArray& head, const char* data, size_t dataLength)
{
    iovec iov[2];
    iov[0].iov_base = const_cast<char*>(head.constData());
    iov[0].iov_len = size_t(head.size());
    iov[1].iov_base = const_cast<char*>(data);
    iov[1].iov_len = dataLength;
    int first = 0;
    while (first < 2) {
        const ssize_t w = ::writev(m_fd, iov + first, 2 - first);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            ::_exit(3); // the app went away
        }
        size_t left = size_t(w);
        while (first < 2 && left >= iov[first].iov_len) {
            left -= iov[first].iov_len;
            ++first;
        }
        if (first < 2) {
            iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
            iov[first].iov_len -= left;
        }
    }
}

} // namespace rd
