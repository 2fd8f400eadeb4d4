// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/FakeClock.h"
#include "ui/reminders/ReminderScheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace CallBridge;
using namespace std::chrono_literals;

class TestReminderScheduler : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void remindsWhenDueThenEveryInterval();
    void waitsForATaskThatIsNotDueYet();
    void stopsWhenDone();
    void snoozeStartsOver();
    void aNewTaskFromTheStreamIsRemindedAtOnce();
    void reloadingKeepsTheRhythm();
    void intervalZeroRemindsOnce();
    void dueTasksComeOldestFirst();

private:
    TaskInfo task(qint64 id, std::chrono::minutes dueIn) const;
    QList<qint64> remindedIds() const;

    std::unique_ptr<Test::FakeClock> m_clock;
    std::unique_ptr<ReminderScheduler> m_scheduler;
    std::unique_ptr<QSignalSpy> m_reminded;
};

void TestReminderScheduler::init()
{
    m_clock = std::make_unique<Test::FakeClock>();
    m_scheduler = std::make_unique<ReminderScheduler>(m_clock.get());
    m_scheduler->setInterval(15min);
    m_reminded = std::make_unique<QSignalSpy>(m_scheduler.get(), &ReminderScheduler::remind);
}

TaskInfo TestReminderScheduler::task(qint64 id, std::chrono::minutes dueIn) const
{
    TaskInfo task;
    task.id = id;
    task.kind = QStringLiteral("missed_call");
    task.title = QStringLiteral("Call back task %1").arg(id);
    task.createdAt = m_clock->now();
    task.dueAt = m_clock->now().addSecs(dueIn.count() * 60);
    return task;
}

QList<qint64> TestReminderScheduler::remindedIds() const
{
    QList<qint64> ids;
    for (const QList<QVariant> &arguments : std::as_const(*m_reminded))
        ids << arguments.at(0).value<TaskInfo>().id;
    return ids;
}

void TestReminderScheduler::remindsWhenDueThenEveryInterval()
{
    m_scheduler->setTasks({ task(1, -1min) });
    m_clock->advance(0ms);
    QCOMPARE(remindedIds(), QList<qint64> { 1 });
    m_clock->advance(14min);
    QCOMPARE(m_reminded->count(), 1);
    m_clock->advance(1min);
    QCOMPARE(m_reminded->count(), 2);
    m_clock->advance(15min);
    QCOMPARE(m_reminded->count(), 3);
    QCOMPARE(m_scheduler->nextReminder(1), m_clock->now().addSecs(15 * 60));
}

void TestReminderScheduler::waitsForATaskThatIsNotDueYet()
{
    m_scheduler->setTasks({ task(2, 10min) });
    m_clock->advance(9min);
    QCOMPARE(m_reminded->count(), 0);
    m_clock->advance(1min);
    QCOMPARE(remindedIds(), QList<qint64> { 2 });
}

void TestReminderScheduler::stopsWhenDone()
{
    TaskInfo open = task(3, 0min);
    m_scheduler->setTasks({ open });
    m_clock->advance(0ms);
    QCOMPARE(m_reminded->count(), 1);
    open.done = true;
    m_scheduler->taskChanged(open, false);
    QVERIFY(m_scheduler->tasks().isEmpty());
    QVERIFY(!m_scheduler->nextReminder(3).isValid());
    m_clock->advance(2h);
    QCOMPARE(m_reminded->count(), 1);
}

void TestReminderScheduler::snoozeStartsOver()
{
    TaskInfo open = task(4, 0min);
    m_scheduler->setTasks({ open });
    m_clock->advance(0ms);
    QCOMPARE(m_reminded->count(), 1);
    open.dueAt = m_clock->now().addSecs(60 * 60); // snoozed for an hour
    m_scheduler->taskChanged(open, false);
    m_clock->advance(59min);
    QCOMPARE(m_reminded->count(), 1);
    m_clock->advance(1min);
    QCOMPARE(m_reminded->count(), 2);
    m_clock->advance(15min);
    QCOMPARE(m_reminded->count(), 3);
}

void TestReminderScheduler::aNewTaskFromTheStreamIsRemindedAtOnce()
{
    m_scheduler->taskChanged(task(5, 0min), true);
    m_clock->advance(0ms);
    QCOMPARE(remindedIds(), QList<qint64> { 5 });
    m_scheduler->remove(5);
    m_clock->advance(1h);
    QCOMPARE(m_reminded->count(), 1);
}

void TestReminderScheduler::reloadingKeepsTheRhythm()
{
    const TaskInfo open = task(6, 0min);
    m_scheduler->setTasks({ open });
    m_clock->advance(5min);
    QCOMPARE(m_reminded->count(), 1);
    // The page reloads its list (say after a reconnect): no second reminder before the interval.
    m_scheduler->setTasks({ open });
    m_clock->advance(9min);
    QCOMPARE(m_reminded->count(), 1);
    m_clock->advance(1min);
    QCOMPARE(m_reminded->count(), 2);
}

void TestReminderScheduler::intervalZeroRemindsOnce()
{
    m_scheduler->setInterval(0min);
    m_scheduler->setTasks({ task(7, 0min) });
    m_clock->advance(3h);
    QCOMPARE(m_reminded->count(), 1);
    QVERIFY(!m_scheduler->nextReminder(7).isValid());
}

void TestReminderScheduler::dueTasksComeOldestFirst()
{
    m_scheduler->setTasks({ task(9, -1min), task(8, -30min), task(10, 5min) });
    m_clock->advance(0ms);
    QCOMPARE(remindedIds(), (QList<qint64> { 8, 9 }));
    m_clock->advance(5min);
    QCOMPARE(remindedIds(), (QList<qint64> { 8, 9, 10 }));
}

QTEST_GUILESS_MAIN(TestReminderScheduler)
#include "TestReminderScheduler.moc"
