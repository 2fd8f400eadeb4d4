// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/SystemClock.h"

#include <QTimer>

namespace CallBridge {

SystemClock::SystemClock()
{
    m_elapsed.start();
}

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

std::chrono::milliseconds SystemClock::monotonic() const
{
    return std::chrono::milliseconds(m_elapsed.elapsed());
}

void SystemClock::callAfter(std::chrono::milliseconds delay, QObject *context,
                            std::function<void()> callback)
{
    QTimer::singleShot(delay, Qt::PreciseTimer, context, std::move(callback));
}

} // namespace CallBridge
