// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/FakeClock.h"

#include <algorithm>

namespace CallBridge::Test {

FakeClock::FakeClock(QDateTime start) : m_start(std::move(start)) { }

QDateTime FakeClock::now() const
{
    return m_start.addMSecs(m_elapsed.count());
}

std::chrono::milliseconds FakeClock::monotonic() const
{
    return m_elapsed;
}

void FakeClock::callAfter(std::chrono::milliseconds delay, QObject *context,
                          std::function<void()> callback)
{
    m_timers.push_back({ m_elapsed + std::max(delay, std::chrono::milliseconds(0)), m_nextOrder++,
                         context, context != nullptr, std::move(callback) });
}

std::chrono::milliseconds FakeClock::nextTimerIn() const
{
    if (m_timers.empty())
        return std::chrono::milliseconds(-1);
    const auto next
            = std::min_element(m_timers.begin(), m_timers.end(),
                               [](const Timer &a, const Timer &b) { return a.due < b.due; });
    return next->due - m_elapsed;
}

void FakeClock::advance(std::chrono::milliseconds by)
{
    const auto target = m_elapsed + by;
    for (;;) {
        // Timers may add timers; pick the earliest due one each time.
        auto next = std::min_element(m_timers.begin(), m_timers.end(),
                                     [](const Timer &a, const Timer &b) {
                                         return a.due != b.due ? a.due < b.due : a.order < b.order;
                                     });
        if (next == m_timers.end() || next->due > target)
            break;
        Timer timer = std::move(*next);
        m_timers.erase(next);
        m_elapsed = std::max(m_elapsed, timer.due);
        if (timer.hadContext && !timer.context)
            continue;
        timer.callback();
    }
    m_elapsed = target;
}

} // namespace CallBridge::Test
