// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <deque>

namespace CallBridge {

struct ZadarmaRateLimits
{
    int perMinute = 100; // Zadarma: 100 requests a minute in all
    int statisticsPerMinute = 3; // and 3 of them for /v1/statistics/…
    std::chrono::milliseconds window { 60'000 };
};

// Sliding-window accounting of what was sent, so that the client never sends what Zadarma would
// refuse with 429. Times are Clock::monotonic() values.
class ZadarmaRateLimiter
{
public:
    explicit ZadarmaRateLimiter(ZadarmaRateLimits limits = {});

    // How long to wait before a request of this kind may be sent (0 = now).
    std::chrono::milliseconds delayFor(bool statistics, std::chrono::milliseconds now) const;
    void recordSent(bool statistics, std::chrono::milliseconds now);
    // What is left of the window that binds a request of this kind: the statistics window when it
    // is the tighter one. What Zadarma's X-RateLimit-* headers report.
    struct Budget
    {
        int limit = 0;
        int remaining = 0;
        std::chrono::milliseconds resetIn {
            0
        }; // until the oldest counted request leaves the window
    };
    Budget budget(bool statistics, std::chrono::milliseconds now) const;

    // Zadarma said 429: send nothing of that kind before `until`.
    void pauseUntil(bool statistics, std::chrono::milliseconds until);

    const ZadarmaRateLimits &limits() const { return m_limits; }

private:
    struct Window
    {
        std::deque<std::chrono::milliseconds> sent;
        std::chrono::milliseconds pausedUntil { 0 };
    };

    std::chrono::milliseconds delayIn(const Window &window, int limit,
                                      std::chrono::milliseconds now) const;
    Budget budgetIn(const Window &window, int limit, std::chrono::milliseconds now) const;
    void expire(Window &window, std::chrono::milliseconds now) const;

    ZadarmaRateLimits m_limits;
    Window m_all;
    Window m_statistics;
};

} // namespace CallBridge
