// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "ui/main/PageIcons.h"

#include <QCoreApplication>

namespace CallBridge {

// How the pages put calls into words, so that contacts, history and reminders say the same.
class CallFormat
{
    Q_DECLARE_TR_FUNCTIONS(CallFormat)

public:
    static QString duration(int seconds); // "0:45", "1:03", "1:02:03"
    static QString clock(qint64 milliseconds);
    // "Today 10:15", "Yesterday 16:02", "Mon 24 Nov 09:30", "24 Nov 2025 09:30".
    static QString when(const QDateTime &time, const QDateTime &now);
    // The date alone, for a sentence that says "today" and "yesterday" in its own words:
    // "Mon 24 Nov" within the week, "24 Nov" this year, "24 Nov 2025" before.
    static QString day(const QDate &date, const QDate &today);
    static QString status(const CallInfo &call);
    static QString direction(const CallInfo &call);
    static PageIcons::Glyph directionGlyph(const CallInfo &call);
    static QColor directionColor(const CallInfo &call);
    static bool isMissed(const CallInfo &call);
    // The time of day the way the locale writes it, without seconds.
    static QString timeOfDay(const QTime &time);
    // True for a contact "name" that is only a number (the relay names new callers that way).
    static bool isNumberLike(const QString &name);

    // The banner after click-to-call: placed, or the relay's refusal.
    static QString placing(const QString &shownNumber);
    static QString placed(const QString &shownNumber, const ClickToCallPlaced &placed);
    static QString refused(const QString &shownNumber, const RelayError &error);
};

} // namespace CallBridge
