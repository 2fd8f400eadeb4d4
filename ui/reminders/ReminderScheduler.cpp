// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/reminders/ReminderScheduler.h"

#include "core/common/Clock.h"
#include "ui/UiLogging.h"

#include <algorithm>

namespace CallBridge {

ReminderScheduler::ReminderScheduler(Clock *clock, QObject *parent)
    : QObject(parent), m_clock(clock)
{ }

ReminderScheduler::~ReminderScheduler() = default;

void ReminderScheduler::setInterval(std::chrono::minutes interval)
{
    m_interval = std::max(interval, std::chrono::minutes(0));
    reschedule();
}

void ReminderScheduler::setTasks(const QList<TaskInfo> &tasks)
{
    QHash<qint64, Entry> entries;
    for (const TaskInfo &task : tasks) {
        if (task.done)
            continue;
        Entry entry { task, {} };
        // Known already and not snoozed since: keep its rhythm rather than remind at once again.
        if (const auto known = m_entries.constFind(task.id);
            known != m_entries.cend() && known->task.dueAt == task.dueAt)
            entry.lastReminded = known->lastReminded;
        entries.insert(task.id, entry);
    }
    m_entries = std::move(entries);
    reschedule();
}

QList<TaskInfo> ReminderScheduler::tasks() const
{
    QList<TaskInfo> tasks;
    for (const Entry &entry : m_entries)
        tasks.append(entry.task);
    std::sort(tasks.begin(), tasks.end(),
              [](const TaskInfo &a, const TaskInfo &b) { return a.id < b.id; });
    return tasks;
}

void ReminderScheduler::remove(qint64 taskId)
{
    if (m_entries.remove(taskId))
        reschedule();
}

void ReminderScheduler::taskChanged(const TaskInfo &task, bool created)
{
    Q_UNUSED(created);
    if (task.done) {
        remove(task.id);
        return;
    }
    auto known = m_entries.find(task.id);
    if (known == m_entries.end()) {
        m_entries.insert(task.id, Entry { task, {} });
    } else {
        if (known->task.dueAt != task.dueAt)
            known->lastReminded = QDateTime(); // snoozed: remind when it falls due again
        known->task = task;
    }
    reschedule();
}

QDateTime ReminderScheduler::nextReminder(qint64 taskId) const
{
    const auto entry = m_entries.constFind(taskId);
    return entry == m_entries.cend() ? QDateTime() : nextFor(*entry);
}

QDateTime ReminderScheduler::nextFor(const Entry &entry) const
{
    const QDateTime due = entry.task.dueAt.isValid() ? entry.task.dueAt : entry.task.createdAt;
    if (!entry.lastReminded.isValid())
        return due.isValid() ? due : m_clock->now();
    if (m_interval.count() == 0)
        return QDateTime();
    return std::max(due, entry.lastReminded.addSecs(m_interval.count() * 60));
}

void ReminderScheduler::reschedule()
{
    const quint64 generation = ++m_generation; // a timer set before this one does nothing
    QDateTime next;
    for (const Entry &entry : std::as_const(m_entries)) {
        const QDateTime at = nextFor(entry);
        if (at.isValid() && (!next.isValid() || at < next))
            next = at;
    }
    if (!next.isValid())
        return;
    const qint64 delay = std::max<qint64>(0, m_clock->now().msecsTo(next));
    m_clock->callAfter(std::chrono::milliseconds(delay), this, [this, generation] {
        if (generation == m_generation)
            fire();
    });
}

void ReminderScheduler::fire()
{
    const QDateTime now = m_clock->now();
    QList<TaskInfo> due;
    for (Entry &entry : m_entries) {
        const QDateTime at = nextFor(entry);
        if (at.isValid() && at <= now) {
            entry.lastReminded = now;
            due.append(entry.task);
        }
    }
    std::sort(due.begin(), due.end(), [](const TaskInfo &a, const TaskInfo &b) {
        return a.dueAt < b.dueAt || (a.dueAt == b.dueAt && a.id < b.id);
    });
    // Before emitting: a slot may change the tasks, which reschedules again.
    reschedule();
    for (const TaskInfo &task : std::as_const(due)) {
        qCDebug(lcUiReminders) << "reminding of task" << task.id;
        emit remind(task);
    }
}

} // namespace CallBridge
