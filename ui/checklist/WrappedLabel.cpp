#include "ui/checklist/WrappedLabel.h"

#include <QContextMenuEvent>
#include <QEvent>
#include <QMouseEvent>

namespace rd {

WrappedLabel::WrappedLabel(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
}

WrappedLabel::Key WrappedLabel::key() const
{
    return {text(), font(), contentsMargins(), margin(), indent(), alignment(), textFormat(), wordWrap()};
}

int WrappedLabel::heightForWidth(int width) const
{
    if (Key now = key(); !(now == m_key)) {
        m_key = std::move(now);
        m_heights.fill({});
    }
    for (const Entry& entry : m_heights)
        if (entry.width == width)
            return entry.height;
    const int height = QLabel::heightForWidth(width);
    m_heights[m_next] = {width, height};
    m_next = (m_next + 1) % m_heights.size();
    return height;
}

void WrappedLabel::setSelectableText(const QString& text)
{
    if (!m_selectable) {
        m_selectable = true;
        setTextFormat(Qt::PlainText);
        setCursor(Qt::IBeamCursor); // as QLabel shows selectable text
    }
    setTextInteractionFlags(Qt::NoTextInteraction);
    setText(text);
}

void WrappedLabel::allowSelection()
{
    if (m_selectable && !textInteractionFlags().testFlag(Qt::TextSelectableByMouse))
        setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void WrappedLabel::mousePressEvent(QMouseEvent* event)
{
    allowSelection(); // before QLabel hands the press to the text machinery
    QLabel::mousePressEvent(event);
}

void WrappedLabel::contextMenuEvent(QContextMenuEvent* event)
{
    allowSelection(); // the menu offers Copy and Select All
    QLabel::contextMenuEvent(event);
}

bool WrappedLabel::event(QEvent* event)
{
    if (event->type() == QEvent::StyleChange || event->type() == QEvent::PolishRequest)
        m_heights.fill({}); // the style may space text differently
    return QLabel::event(event);
}

} // namespace rd
