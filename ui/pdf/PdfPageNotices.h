// The widgets a PdfPageView lays over its pages: a Retry button on a page that failed to render, and
// a warning across the top of a page that rendered with errors (PdfDocument::hasPageProblems), so that
// a blank or partial page is never taken for a clean one. Real widgets rather than painted text: they
// take the keyboard focus (Retry) and screen readers read them. place() follows the pages as they
// scroll and zoom; a notice whose page is out of view is hidden.
#pragma once

#include <QHash>
#include <QObject>
#include <QRect>

#include <functional>

class QLabel;
class QPushButton;
class QWidget;

namespace rd {

class PdfPageNotices : public QObject
{
    Q_OBJECT
public:
    explicit PdfPageNotices(QWidget* viewport);

    // The texts come from the view (its translation context).
    void showRetry(int page, const QString& text);
    void removeRetry(int page);
    void showWarning(int page, const QString& text);
    bool hasWarning(int page) const { return m_warnings.contains(page); }
    QLabel* warning(int page) const { return m_warnings.value(page); }
    void clear();
    // Puts every notice on its page; pageRect gives a page's rectangle in the viewport.
    void place(const std::function<QRect(int)>& pageRect);

Q_SIGNALS:
    void retryClicked(int page);

private:
    QWidget* m_viewport;
    QHash<int, QPushButton*> m_retryButtons;
    QHash<int, QLabel*> m_warnings;
};

} // namespace rd
