// A file the app is still filling (a case file's attachment copied into a memory file), read by Poppler
// through a QIODevice: a read of bytes not yet copied waits for them (PdfFillProgress), so Poppler opens
// the document and renders page 1 from the parts copied first.
#pragma once

#include "model/pdf/protocol/PdfFillProgress.h"

#include <QIODevice>

#include <memory>

namespace rd {

class PdfFillingFile : public QIODevice
{
public:
    PdfFillingFile() = default;
    ~PdfFillingFile() override;

    // The file at path and the fill progress at progressPath; false with *error if either cannot be read.
    bool open(const QString& path, const QString& progressPath, QString* error);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    int m_fd = -1;
    qint64 m_size = 0;
    std::unique_ptr<PdfFillProgress> m_progress;
};

} // namespace rd
