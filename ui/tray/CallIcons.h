// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPixmap>

// The tray's and the pop-ups' icons, painted so they need no files and look the same everywhere.
namespace CallBridge::CallIcons {

QColor offlineColor();
QColor connectedColor();
QColor ringingColor();
QColor missedColor();
QColor endedColor();

// A white handset on a round badge of `color`, turned by `tilt` degrees (the ringing shake).
QPixmap handsetBadge(const QColor &color, int size, qreal devicePixelRatio, qreal tilt = 0);
// The missed-calls badge: a red handset badge with the count in a bubble; `dimmed` is the
// blink's other half.
QPixmap missedBadge(int count, int size, qreal devicePixelRatio, bool dimmed);
// A thin cross for close buttons.
QPixmap cross(const QColor &color, int size, qreal devicePixelRatio);

} // namespace CallBridge::CallIcons
