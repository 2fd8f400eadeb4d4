// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Clock.h"

#include <QElapsedTimer>

namespace CallBridge {

class SystemClock final : public Clock
{
public:
    SystemClock();

    QDateTime now() const override;
    std::chrono::milliseconds monotonic() const override;
    void callAfter(std::chrono::milliseconds delay, QObject *context,
                   std::function<void()> callback) override;

private:
    QElapsedTimer m_elapsed;
};

} // namespace CallBridge
