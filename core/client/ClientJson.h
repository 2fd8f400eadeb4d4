// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

// How the desktop app reads single values of the relay's JSON, for every type it parses.
namespace CallBridge {

// Text; extensions and ids sometimes arrive as JSON numbers, and are text either way.
QString jsonText(const QJsonValue &value);
// An ISO 8601 time (with or without milliseconds) in UTC; invalid when missing or unreadable.
QDateTime jsonTime(const QJsonValue &value);

} // namespace CallBridge
