// What the case view needs from a PDF viewer: PdfAttachmentViewer implements it over the PdfViewer
// widget (ui/pdf/). Pages are 1-based here, as in rd::Evidence.
#pragma once

#include "model/casefile/CaseFile.h"

#include <QRectF>
#include <QWidget>

#include <memory>
#include <optional>

namespace rd {

class AttachmentFile;

class AttachmentViewer : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    // Shows one attachment of a case file. Its bytes are read off the GUI thread; a failure is
    // reported with failed() and shown in the viewer, never as a modal dialog.
    virtual void showAttachment(const QString& caseFilePath, const AttachmentInfo& info) = 0;
    // The same with its bytes already on their way (AttachmentFile::read of this attachment, done on the
    // pool while the case opened): the PDF worker starts on it at once. A null readAhead reads it here.
    virtual void showReadAttachment(const QString& caseFilePath, const AttachmentInfo& info,
                                    std::shared_ptr<AttachmentFile> readAhead) = 0;
    virtual QString currentAttachment() const = 0;
    virtual int currentPage() const = 0;
    // Opens a page of the current attachment and highlights a passage (rect in PDF points, or the quote).
    virtual void showPassage(int page, const QRectF& rect, const QString& quote) = 0;
    // Scrolls the attachment by a screenful (Page Down / Page Up while the attachment has the focus).
    virtual void scrollPage(bool forward) = 0;
    // What the reader has selected (text, or a rectangle on a scanned page), as a citation.
    virtual std::optional<Evidence> selection() const = 0;

Q_SIGNALS:
    void pageShown(qint64 attachmentId, int page);
    void selectionChanged();
    void failed(const QString& attachment, const QString& message);
};

} // namespace rd
