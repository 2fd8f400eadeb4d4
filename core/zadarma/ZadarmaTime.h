// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace CallBridge {

// Zadarma writes times as "YYYY-MM-DD HH:MM:SS" with no offset, in the account's time zone
// (call_start, statistics, lifetime_till); the offset comes from /v1/info/timezone/.

// The UTC moment of such a text; invalid when the text is not in that form.
QDateTime zadarmaTimeToUtc(const QString &text, int accountUtcOffsetSeconds);
// The text Zadarma would write for a UTC moment.
QString zadarmaTimeFromUtc(const QDateTime &utc, int accountUtcOffsetSeconds);

} // namespace CallBridge
