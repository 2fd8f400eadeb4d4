// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>
#include <QPixmap>

// The settings dialog's icons, painted so they look the same on every platform and theme.
namespace CallBridge::SettingsIcons {

enum class Glyph { Bell, Key, People, Routing, Ban, Lock, Check, Warning, Info };

// A white glyph on a rounded tile of its page's colour; `locked` greys it and adds a padlock.
QIcon pageIcon(Glyph glyph, bool locked = false);
// The glyph alone in `color`, for inline use next to text.
QPixmap glyph(Glyph glyph, const QColor &color, int size, qreal devicePixelRatio);
// A spinner arc starting at `angle` degrees.
QPixmap spinner(const QColor &color, int size, int angle, qreal devicePixelRatio);

QColor lockColor();

} // namespace CallBridge::SettingsIcons
