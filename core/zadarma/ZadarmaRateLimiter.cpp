// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaRateLimiter.h"

#include <algorithm>

namespace CallBridge {

using std::chrono::milliseconds;

ZadarmaRateLimiter::ZadarmaRateLimiter(ZadarmaRateLimits limits) : m_limits(limits)
{
    m_limits.perMinute = std::max(1, m_limits.perMinute);
    m_limits.statisticsPerMinute = std::max(1, m_limits.statisticsPerMinute);
}

milliseconds ZadarmaRateLimiter::delayIn(const Window &window, int limit, milliseconds now) const
{
    milliseconds delay = std::max(milliseconds(0), window.pausedUntil - now);
    // The oldest send inside the window must leave it before another may go.
    int inWindow = 0;
    for (auto it = window.sent.rbegin(); it != window.sent.rend() && *it > now - m_limits.window;
         ++it)
        ++inWindow;
    if (inWindow >= limit) {
        const milliseconds oldestCounted = *(window.sent.rbegin() + (limit - 1));
        delay = std::max(delay, oldestCounted + m_limits.window - now);
    }
    return delay;
}

milliseconds ZadarmaRateLimiter::delayFor(bool statistics, milliseconds now) const
{
    milliseconds delay = delayIn(m_all, m_limits.perMinute, now);
    if (statistics)
        delay = std::max(delay, delayIn(m_statistics, m_limits.statisticsPerMinute, now));
    return delay;
}

ZadarmaRateLimiter::Budget ZadarmaRateLimiter::budgetIn(const Window &window, int limit,
                                                        milliseconds now) const
{
    Budget budget { limit, limit, milliseconds(0) };
    // Sends are in time order; those still inside the window count.
    const auto firstCounted
            = std::find_if(window.sent.begin(), window.sent.end(),
                           [&](milliseconds sent) { return sent > now - m_limits.window; });
    budget.remaining = std::max(0, limit - int(window.sent.end() - firstCounted));
    if (firstCounted != window.sent.end())
        budget.resetIn = *firstCounted + m_limits.window - now;
    return budget;
}

ZadarmaRateLimiter::Budget ZadarmaRateLimiter::budget(bool statistics, milliseconds now) const
{
    const Budget all = budgetIn(m_all, m_limits.perMinute, now);
    if (!statistics)
        return all;
    const Budget statisticsBudget = budgetIn(m_statistics, m_limits.statisticsPerMinute, now);
    return statisticsBudget.remaining <= all.remaining ? statisticsBudget : all;
}

void ZadarmaRateLimiter::expire(Window &window, milliseconds now) const
{
    while (!window.sent.empty() && window.sent.front() <= now - m_limits.window)
        window.sent.pop_front();
}

void ZadarmaRateLimiter::recordSent(bool statistics, milliseconds now)
{
    expire(m_all, now);
    m_all.sent.push_back(now);
    if (statistics) {
        expire(m_statistics, now);
        m_statistics.sent.push_back(now);
    }
}

void ZadarmaRateLimiter::pauseUntil(bool statistics, milliseconds until)
{
    Window &window = statistics ? m_statistics : m_all;
    window.pausedUntil = std::max(window.pausedUntil, until);
}

} // namespace CallBridge
