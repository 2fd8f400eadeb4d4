// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>
#include <QPixmap>

// The main window's icons, painted so they look the same on every platform and theme.
namespace CallBridge::PageIcons {

enum class Glyph {
    Phone,
    Inbound,
    Outbound,
    Missed,
    Recording,
    Person,
    Clock,
    Bell,
    Play,
    Pause,
    Download,
    Plus,
    Pencil,
    Check,
    Snooze,
    Warning,
    Info,
    Search,
    Gear,
    Refresh,
};

// The glyph in `color`, sharp at any size.
QIcon icon(Glyph glyph, const QColor &color);
QPixmap pixmap(Glyph glyph, const QColor &color, int size, qreal devicePixelRatio = 1.0);
// A round avatar with up to two initials on a colour picked from the name.
QPixmap avatar(const QString &name, int size, qreal devicePixelRatio = 1.0);

QColor accentColor();
QColor okColor();
QColor errorColor();
QColor warningColor();
QColor mutedColor();

} // namespace CallBridge::PageIcons
