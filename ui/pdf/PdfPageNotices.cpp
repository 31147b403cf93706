#include "ui/pdf/PdfPageNotices.h"

#include <QLabel>
#include <QPushButton>

namespace rd {

namespace {
constexpr int WarningInset = 8;
} // namespace

PdfPageNotices::PdfPageNotices(QWidget* viewport)
    : QObject(viewport)
    , m_viewport(viewport)
{}

void PdfPageNotices::showRetry(int page, const QString& text)
{
    if (m_retryButtons.contains(page))
        return;
    auto* button = new QPushButton(text, m_viewport);
    button->setObjectName(QStringLiteral("retryPage%1").arg(page));
    connect(button, &QPushButton::clicked, this, [this, page] { Q_EMIT retryClicked(page); });
    m_retryButtons.insert(page, button);
}

void PdfPageNotices::removeRetry(int page)
{
    delete m_retryButtons.take(page);
}

void PdfPageNotices::showWarning(int page, const QString& text)
{
    if (m_warnings.contains(page))
        return;
    auto* label = new QLabel(text, m_viewport);
    label->setObjectName(QStringLiteral("pageWarning%1").arg(page));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setMargin(6);
    label->setFrameShape(QFrame::Box);
    // On the page, which is always white: the same dark amber on pale amber in a light or dark
    // palette (about 7:1).
    QPalette colours = label->palette();
    colours.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    colours.setColor(QPalette::WindowText, QColor(0x5c, 0x3c, 0x00));
    label->setPalette(colours);
    // Its own roles: a child takes the viewport's (Dark, under light text) otherwise.
    label->setBackgroundRole(QPalette::Window);
    label->setForegroundRole(QPalette::WindowText);
    label->setAutoFillBackground(true);
    // Selecting text near the top of the page goes on working through it.
    label->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_warnings.insert(page, label);
}

void PdfPageNotices::clear()
{
    qDeleteAll(m_retryButtons);
    m_retryButtons.clear();
    qDeleteAll(m_warnings);
    m_warnings.clear();
}

void PdfPageNotices::place(const std::function<QRect(int)>& pageRect)
{
    const QRect visible = m_viewport->rect();
    for (auto it = m_retryButtons.cbegin(); it != m_retryButtons.cend(); ++it) {
        const QRect r = pageRect(it.key());
        QPushButton* b = it.value();
        b->adjustSize();
        b->move(r.center().x() - b->width() / 2, r.center().y() + 30);
        b->setVisible(r.intersects(visible));
    }
    for (auto it = m_warnings.cbegin(); it != m_warnings.cend(); ++it) {
        const QRect r = pageRect(it.key());
        QLabel* label = it.value();
        const int width = qMax(40, r.width() - 2 * WarningInset);
        label->setFixedWidth(width);
        label->setFixedHeight(label->heightForWidth(width));
        label->move(r.left() + WarningInset, r.top() + WarningInset);
        label->setVisible(r.intersects(visible));
    }
}

} // namespace rd
