// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace CallBridge {

// Gives the heap that closed windows and pop-ups freed back to the system once the app is quiet
// again. glibc keeps freed memory for later allocations, so an app that spends the day in the tray
// would go on holding what its windows, the player and a burst of pop-ups once used. `delay` after
// the last top-level window was hidden, the free heap is trimmed (malloc_trim); nothing in use is
// touched.
class IdleHeapTrim : public QObject
{
    Q_OBJECT

public:
    explicit IdleHeapTrim(std::chrono::milliseconds delay, QObject *parent = nullptr);
    ~IdleHeapTrim() override;

    // Returns free heap to the system now; false where there is nothing to do it with (not glibc)
    // or nothing was returned.
    static bool trim();

signals:
    void trimmed(bool released);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
};

} // namespace CallBridge
