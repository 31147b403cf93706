// The worker's end of the protocol's answers: frames written to the app (the real stdout, moved aside
// so that stray prints cannot corrupt it). Written from one thread at a time (the work thread).
#pragma once

#include "model/pdf/protocol/PdfProtocol.h"

#include <cstddef>

namespace rd {

class PdfWorkerOutput
{
public:
    explicit PdfWorkerOutput(int fd)
        : m_fd(fd)
    {}

    // Sends message m for request id (0: unasked), followed by dataLength bytes of data.
    template <typename Message>
    void send(quint32 id, const Message& m, const char* data = nullptr, size_t dataLength = 0)
    {
        writeFrame(pdfproto::encode(id, m, quint32(dataLength)), data, dataLength);
    }
    void sendFailed(quint32 id, PdfError::Code code, const QString& message)
    {
        send(id, pdfproto::Failed{code, message});
    }

private:
    // Ends the process when the app went away.
    void writeFrame(const QByteArray& head, const char* data, size_t dataLength);

    int m_fd = -1;
};

} // namespace rd
