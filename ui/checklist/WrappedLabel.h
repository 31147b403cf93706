// A word-wrapped label that remembers its height at the last few widths. QLabel lays the whole text
// out again for every heightForWidth() (twice when the text is selectable: at the width asked, then
// back at its own), and one layout pass asks the same widths again and again; with a policy's long
// wording that text layout was most of what showing a case cost the GUI thread.
//
// Selectable text (setSelectableText) gets QLabel's text machinery (a QTextDocument, laid out about ten
// times for the size hints alone) only when the mouse is pressed on it, and drops it with the next text:
// drawn the same, selected the same, at a fraction of the cost while a reviewer only reads it.
#pragma once

#include <QLabel>

#include <array>

namespace rd {

class WrappedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit WrappedLabel(QWidget* parent = nullptr);

    int heightForWidth(int width) const override;
    // Plain text the mouse can select (and copy from the context menu).
    void setSelectableText(const QString& text);

protected:
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    // What the height depends on besides the width (QLabel's setters are not virtual).
    struct Key
    {
        QString text;
        QFont font;
        QMargins margins;
        int margin = 0;
        int indent = 0;
        Qt::Alignment alignment;
        Qt::TextFormat format = Qt::AutoText;
        bool wordWrap = true;
        bool operator==(const Key&) const = default;
    };
    struct Entry
    {
        int width = -1;
        int height = 0;
    };
    Key key() const;
    void allowSelection();

    bool m_selectable = false;

    mutable Key m_key;
    mutable std::array<Entry, 4> m_heights;
    mutable size_t m_next = 0;
};

} // namespace rd
