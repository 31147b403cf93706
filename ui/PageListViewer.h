// SEAM placeholder for the PDF viewer (see AttachmentViewer.h): checks that the attachment can be
// read (off the GUI thread), lets the reader step through its pages and type or paste the
// passage to cite. It renders nothing.
#pragma once

#include "AttachmentViewer.h"

#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace rd {

class PageListViewer : public AttachmentViewer
{
    Q_OBJECT
public:
    explicit PageListViewer(QWidget* parent = nullptr);
    ~PageListViewer() override;

    void showAttachment(const QString& caseFilePath, const AttachmentInfo& info) override;
    QString currentAttachment() const override { return m_info.fileName; }
    int currentPage() const override;
    void showPassage(int page, const QRectF& rect, const QString& quote) override;
    std::optional<Evidence> selection() const override;

    // The passage the reader marks on the current page.
    void setSelectedText(const QString& text);

private:
    void showPage(int page);
    void setFailed(const QString& message);

    AttachmentInfo m_info;
    quint64 m_generation = 0;
    bool m_ready = false;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_title = nullptr;
    QSpinBox* m_page = nullptr;
    QLabel* m_pageText = nullptr;
    QLabel* m_highlight = nullptr;
    QLineEdit* m_passage = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace rd
