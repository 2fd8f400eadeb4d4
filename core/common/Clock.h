// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

#include <chrono>
#include <functional>

class QObject;

namespace CallBridge {

// Time and timers, injected wherever behaviour depends on time, so that tests can move time
// forward instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;

    virtual QDateTime now() const = 0;
    // Monotonic time since an arbitrary fixed point; never goes backwards.
    virtual std::chrono::milliseconds monotonic() const = 0;
    // Calls callback once after delay, unless context has been destroyed by then.
    virtual void callAfter(std::chrono::milliseconds delay, QObject *context,
                           std::function<void()> callback)
            = 0;
};

} // namespace CallBridge
