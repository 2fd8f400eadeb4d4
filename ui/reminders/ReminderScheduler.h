// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QHash>
#include <QObject>

#include <chrono>

namespace CallBridge {

class Clock;

// Decides when to remind the agent of open tasks: once a task falls due (dueAt <= now), and again
// every interval until it is done or snoozed (a snoozed task is due later and starts over then).
// No widgets: the app turns remind() into a tray notification.
class ReminderScheduler : public QObject
{
    Q_OBJECT

public:
    explicit ReminderScheduler(Clock *clock, QObject *parent = nullptr);
    ~ReminderScheduler() override;

    // 0 reminds once, when the task falls due.
    void setInterval(std::chrono::minutes interval);
    std::chrono::minutes interval() const { return m_interval; }

    // The open tasks, replacing what was known (done ones are left out).
    void setTasks(const QList<TaskInfo> &tasks);
    QList<TaskInfo> tasks() const;
    void remove(qint64 taskId);
    // When the task is reminded next; invalid when it will not be.
    QDateTime nextReminder(qint64 taskId) const;

public slots:
    // A task created or changed (the stream's task.created / task.updated, or the page's own
    // done and snooze).
    void taskChanged(const CallBridge::TaskInfo &task, bool created = false);

signals:
    void remind(const CallBridge::TaskInfo &task);

private:
    struct Entry
    {
        TaskInfo task;
        QDateTime lastReminded;
    };

    QDateTime nextFor(const Entry &entry) const;
    void reschedule();
    void fire();

    Clock *m_clock;
    std::chrono::minutes m_interval { 15 };
    QHash<qint64, Entry> m_entries;
    quint64 m_generation = 0; // Clock timers cannot be stopped: only the latest one acts
};

} // namespace CallBridge
