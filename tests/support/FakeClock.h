// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Clock.h"

#include <QPointer>

#include <vector>

namespace CallBridge::Test {

// A clock that only moves when the test says so; timers fire inside advance().
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC));

    QDateTime now() const override;
    std::chrono::milliseconds monotonic() const override;
    void callAfter(std::chrono::milliseconds delay, QObject *context,
                   std::function<void()> callback) override;

    // Moves time forward, firing every timer that falls due, in order of due time.
    void advance(std::chrono::milliseconds by);
    int pendingTimers() const { return int(m_timers.size()); }
    // The time until the next timer falls due, or -1 ms when none is pending.
    std::chrono::milliseconds nextTimerIn() const;

private:
    struct Timer
    {
        std::chrono::milliseconds due;
        quint64 order;
        QPointer<QObject> context;
        bool hadContext;
        std::function<void()> callback;
    };

    QDateTime m_start;
    std::chrono::milliseconds m_elapsed { 0 };
    quint64 m_nextOrder = 0;
    std::vector<Timer> m_timers;
};

} // namespace CallBridge::Test
