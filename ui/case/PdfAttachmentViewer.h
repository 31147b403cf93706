// The case view's PDF viewer: the PdfViewer widget (ui/pdf) behind the AttachmentViewer seam.
// An attachment's bytes are copied off the GUI thread into a memory file (AttachmentFile) that the PDF
// service's worker processes open; once page 1 is shown they are checked against the SHA-256 the case
// file recorded, and an altered attachment is taken off the screen with a message. Pages here are 1-based, as
// in rd::Evidence; PdfViewer counts from 0.
#pragma once

#include "ui/case/AttachmentViewer.h"

#include <QPointer>

#include <memory>

class QLabel;
class QStackedWidget;
class QTimer;

namespace rd {

class PdfDocument;
class PdfService;
class PdfViewer;

class PdfAttachmentViewer : public AttachmentViewer
{
    Q_OBJECT
public:
    explicit PdfAttachmentViewer(QWidget* parent = nullptr);
    ~PdfAttachmentViewer() override;

    void showAttachment(const QString& caseFilePath, const AttachmentInfo& info) override;
    void showReadAttachment(const QString& caseFilePath, const AttachmentInfo& info,
                            std::shared_ptr<AttachmentFile> readAhead) override;
    QString currentAttachment() const override { return m_info.fileName; }
    int currentPage() const override;
    void showPassage(int page, const QRectF& rect, const QString& quote) override;
    std::optional<Evidence> selection() const override { return m_selection; }
    void scrollPage(bool forward) override;

    PdfViewer* pdfViewer() const { return m_viewer; }
    // Pages of the current attachment, once it is open (0 before).
    int pageCount() const;

private:
    // Drops the shown document and says "Opening…" for info; returns the new generation.
    quint64 beginAttachment(const AttachmentInfo& info);
    void openFile(quint64 generation, std::shared_ptr<AttachmentFile> file);
    void setFailed(const QString& message);
    void onSelected(int page, const QRectF& rect, const QString& text);
    void reportVisiblePages();
    void applyPendingPassage();
    void verifyAttachment(quint64 generation);

    PdfService* m_service = nullptr;
    PdfViewer* m_viewer = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_message = nullptr;
    QTimer* m_visibleTimer = nullptr;
    QPointer<PdfDocument> m_document;
    std::shared_ptr<AttachmentFile> m_file; // what m_document's workers read
    AttachmentInfo m_info;
    quint64 m_generation = 0;
    std::optional<Evidence> m_selection;
    std::optional<Evidence> m_pendingPassage; // to show once the pages are laid out
};

} // namespace rd
