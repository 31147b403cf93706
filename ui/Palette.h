// Colours with a meaning (approved, denied, overdue, pended), chosen for the current palette so
// that they stay readable on a dark system palette as on a light one. Everything else in the ui
// takes its colours from palette roles.
#pragma once

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

namespace rd::palette {

// A dark palette: light text on a dark base.
inline bool isDark(const QPalette& palette = QGuiApplication::palette())
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

enum class Tone
{
    Good,
    Bad,
    Caution
};

// Each pair has a contrast of at least 4.5:1 on white (light) or on #202020 (dark).
inline QColor tone(Tone tone, const QPalette& palette = QGuiApplication::palette())
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Good:
        return dark ? QColor(0x7c, 0xd9, 0x92) : QColor(0x1b, 0x6e, 0x2a);
    case Tone::Bad:
        return dark ? QColor(0xff, 0x8a, 0x8a) : QColor(0xa3, 0x14, 0x1e);
    case Tone::Caution:
        break;
    }
    return dark ? QColor(0xf0, 0xc0, 0x60) : QColor(0x8a, 0x5a, 0x00);
}

// Secondary text (ids, versions): halfway between the text and the base, readable on either.
inline QColor muted(const QPalette& palette = QGuiApplication::palette())
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    return QColor((text.red() * 2 + base.red()) / 3, (text.green() * 2 + base.green()) / 3,
                  (text.blue() * 2 + base.blue()) / 3);
}

} // namespace rd::palette
