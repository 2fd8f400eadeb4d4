// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/RelayClient.h"
#include "core/sim/SimCallRunner.h"
#include "tests/support/FakeClock.h"
#include "tests/support/ResultMessage.h"
#include "tests/support/TestRelay.h"
#include "ui/main/Banner.h"
#include "ui/main/CallFormat.h"
#include "ui/main/ContactCache.h"
#include "ui/reminders/ReminderItem.h"
#include "ui/reminders/ReminderScheduler.h"
#include "ui/reminders/RemindersPage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace CallBridge;

using Test::why;

class TestRemindersPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aMissedCallBecomesAReminder();
    void doneRemovesIt();
    void snoozeMovesItLater();
    void callBackPlacesTheCallAndFinishesIt();
    void aRefusedCallBackKeepsIt();
    void followsTheStream();
    void titleComesFromTheTask();
    void timesAreWholePhrases();

private:
    // A missed call from `caller` to anna; returns the open task it made, as the page lists it.
    TaskInfo missedCallFrom(const QString &caller);
    QList<qint64> openTaskIdsAtTheRelay();

    Test::TestRelay m_relay;
    Test::TestRelay::Account m_agent;
    Test::TestRelay::Account m_noExtension;
    QNetworkAccessManager m_network;
    Test::FakeClock m_clock;
    std::unique_ptr<RelayClient> m_client;
    std::unique_ptr<ContactCache> m_cache;
    std::unique_ptr<ReminderScheduler> m_scheduler;
    std::unique_ptr<RemindersPage> m_page;
};

void TestRemindersPage::initTestCase()
{
    const auto started = m_relay.start();
    QVERIFY2(started, why(started).constData());
    auto agent = m_relay.addUser(QStringLiteral("anna"), QStringLiteral("Anna Kowalska"),
                                 QStringLiteral("101"));
    QVERIFY2(agent, why(agent).constData());
    m_agent = agent.value();
    auto other = m_relay.addUser(QStringLiteral("piotr"), QStringLiteral("Piotr"), QString());
    QVERIFY2(other, why(other).constData());
    m_noExtension = other.value();
    for (const auto &[name, phone] :
         { std::pair(QStringLiteral("Maria Kowalska"), QStringLiteral("+48600100200")),
           std::pair(QStringLiteral("Jan Nowak"), QStringLiteral("+48221234567")),
           std::pair(QStringLiteral("Lucía García"), QStringLiteral("+34911000111")),
           std::pair(QStringLiteral("Olga Wiśniewska"), QStringLiteral("+48501222333")) }) {
        const auto added = m_relay.addContact(name, QString(), phone, m_agent.id);
        QVERIFY2(added, why(added).constData());
    }
}

void TestRemindersPage::init()
{
    m_client = std::make_unique<RelayClient>(&m_network);
    m_client->setRelayUrl(m_relay.url());
    m_client->setToken(m_agent.token);
    m_cache = std::make_unique<ContactCache>(m_client.get());
    m_scheduler = std::make_unique<ReminderScheduler>(&m_clock);
    m_page = std::make_unique<RemindersPage>(m_client.get(), m_cache.get());
    m_page->setScheduler(m_scheduler.get());
    m_page->resize(800, 500);
    m_page->show();
}

void TestRemindersPage::cleanup()
{
    m_page.reset();
    m_scheduler.reset();
    m_cache.reset();
    m_client.reset();
}

TaskInfo TestRemindersPage::missedCallFrom(const QString &caller)
{
    const auto played = m_relay.playCall(Test::TestRelay::inboundCall(
            caller, QStringLiteral("101"), SimScenario::Outcome::NoAnswer));
    if (!played)
        return {};
    const QString pbxCallId = played.value()->pbxCallId;
    QSignalSpy loaded(m_page.get(), &RemindersPage::loaded);
    m_page->refresh();
    if (!loaded.wait(3000))
        return {};
    for (const TaskInfo &task : m_page->tasks()) {
        if (task.pbxCallId == pbxCallId)
            return task;
    }
    return {};
}

QList<qint64> TestRemindersPage::openTaskIdsAtTheRelay()
{
    const auto answer = m_relay.send("GET", QStringLiteral("/v1/tasks?done=false"), m_agent.token);
    QList<qint64> ids;
    for (const QJsonValue &task :
         QJsonDocument::fromJson(answer.body).object().value(u"tasks").toArray())
        ids << task.toObject().value(u"id").toInteger();
    return ids;
}

void TestRemindersPage::aMissedCallBecomesAReminder()
{
    const TaskInfo task = missedCallFrom(QStringLiteral("+48600100200"));
    QVERIFY(task.id > 0);
    QCOMPARE(task.kind, QStringLiteral("missed_call"));
    ReminderItem *item = m_page->item(task.id);
    QVERIFY(item);
    QVERIFY(item->isVisible());
    QTRY_COMPARE(item->callerText(), QStringLiteral("Maria Kowalska · +48 600 100 200"));
    // The app's own title from the task's kind and the contact, not the relay's English one.
    QCOMPARE(item->titleText(), QStringLiteral("Call back Maria Kowalska"));
    QCOMPARE(m_page->titleFor(task), item->titleText());
    QVERIFY2(item->timeText().startsWith(u"Missed at "), qPrintable(item->timeText()));
    // The scheduler knows it, and reminds of it once it is due (the relay's clock is the
    // system's; the scheduler's is a fake one, moved on to the task's due time).
    QSignalSpy reminded(m_scheduler.get(), &ReminderScheduler::remind);
    m_clock.advance(
            std::chrono::milliseconds(std::max<qint64>(0, m_clock.now().msecsTo(task.dueAt))));
    bool remindedOfIt = false;
    for (const auto &arguments : std::as_const(reminded))
        remindedOfIt = remindedOfIt || arguments.at(0).value<TaskInfo>().id == task.id;
    QVERIFY(remindedOfIt);
}

void TestRemindersPage::doneRemovesIt()
{
    const TaskInfo task = missedCallFrom(QStringLiteral("+34911000111"));
    QVERIFY(task.id > 0);
    const int before = m_page->count();
    QSignalSpy finished(m_page.get(), &RemindersPage::taskFinished);
    QTest::mouseClick(m_page->item(task.id)->doneButton(), Qt::LeftButton);
    QVERIFY(finished.wait(3000));
    QCOMPARE(finished.at(0).at(0).toLongLong(), task.id);
    QVERIFY(!m_page->item(task.id));
    QCOMPARE(m_page->count(), before - 1);
    QVERIFY(!openTaskIdsAtTheRelay().contains(task.id));
    QVERIFY(!m_scheduler->nextReminder(task.id).isValid());
}

void TestRemindersPage::snoozeMovesItLater()
{
    const TaskInfo task = missedCallFrom(QStringLiteral("+48501222333"));
    QVERIFY(task.id > 0);
    ReminderItem *item = m_page->item(task.id);
    QAction *snooze = item->snoozeMenu()->findChild<QAction *>(QStringLiteral("snooze15"));
    QVERIFY(snooze);
    snooze->trigger();
    QTRY_VERIFY(m_page->item(task.id)->task().dueAt > QDateTime::currentDateTime());
    const qint64 minutes
            = QDateTime::currentDateTime().secsTo(m_page->item(task.id)->task().dueAt) / 60;
    QVERIFY2(minutes >= 14 && minutes <= 15, qPrintable(QString::number(minutes)));
    QVERIFY2(item->timeText().contains(u"snoozed until"), qPrintable(item->timeText()));
    QVERIFY(openTaskIdsAtTheRelay().contains(task.id)); // still open
    QCOMPARE(m_page->tasks().constLast().id, task.id); // due last
    QCOMPARE(m_page->banner()->kind(), Banner::Kind::Info);
    const QDateTime due = m_page->item(task.id)->task().dueAt.toLocalTime();
    if (due.date() == QDate::currentDate()) // not when the test runs just before midnight
        QCOMPARE(m_page->banner()->text(),
                 QStringLiteral("Snoozed until %1; you will be reminded then.")
                         .arg(CallFormat::timeOfDay(due.time())));
    QCOMPARE(m_scheduler->nextReminder(task.id), m_page->item(task.id)->task().dueAt);
    QVERIFY(ReminderItem::minutesUntilTomorrowMorning(QDateTime::currentDateTime()) > 0);
}

void TestRemindersPage::callBackPlacesTheCallAndFinishesIt()
{
    const TaskInfo task = missedCallFrom(QStringLiteral("+48221234567"));
    QVERIFY(task.id > 0);
    QTRY_VERIFY(m_page->item(task.id)->callerText().contains(u"+48 22"));
    QSignalSpy finished(m_page.get(), &RemindersPage::taskFinished);
    QTest::mouseClick(m_page->item(task.id)->callBackButton(), Qt::LeftButton);
    QVERIFY(finished.wait(3000));
    QVERIFY(!m_page->item(task.id));
    QVERIFY(!openTaskIdsAtTheRelay().contains(task.id));
    QCOMPARE(m_page->banner()->kind(), Banner::Kind::Success);
    QCOMPARE(m_page->banner()->text(),
             QStringLiteral("Calling 22 123 45 67 — your phone (ext. 101) rings first. The "
                            "reminder is done.")
                     .replace(QStringLiteral("22 123 45 67"), QStringLiteral("+48 22 123 45 67")));
    const auto outcomes = m_relay.calls().outcomes();
    const SimCallOutcome *last = outcomes.constLast();
    QCOMPARE(last->direction, QStringLiteral("callback"));
    QCOMPARE(last->scenario.value(u"from").toString(), QStringLiteral("101"));
    QCOMPARE(last->scenario.value(u"to").toString(), QStringLiteral("48221234567"));
}

void TestRemindersPage::aRefusedCallBackKeepsIt()
{
    const TaskInfo task = missedCallFrom(QStringLiteral("+48600100200"));
    QVERIFY(task.id > 0);
    QTRY_VERIFY(m_page->item(task.id)->callerText().contains(u"+48 600"));
    m_client->setToken(m_noExtension.token); // piotr may not place calls
    QTest::mouseClick(m_page->item(task.id)->callBackButton(), Qt::LeftButton);
    QTRY_COMPARE(m_page->banner()->kind(), Banner::Kind::Error);
    QCOMPARE(m_page->banner()->text(),
             QStringLiteral("Could not call +48 600 100 200: You have no PBX extension; ask an "
                            "administrator."));
    QVERIFY(m_page->item(task.id));
    QVERIFY(m_page->item(task.id)->callBackButton()->isEnabled());
    QVERIFY(openTaskIdsAtTheRelay().contains(task.id));
}

void TestRemindersPage::followsTheStream()
{
    QSignalSpy loaded(m_page.get(), &RemindersPage::loaded);
    m_page->refresh();
    QVERIFY(loaded.wait(3000));
    const int before = m_page->count();
    QVERIFY(before > 0);
    TaskInfo task = m_page->tasks().constFirst();

    task.done = true;
    m_page->taskChanged(task, false);
    QCOMPARE(m_page->count(), before - 1);
    QVERIFY(!m_page->item(task.id));
    QVERIFY(!m_scheduler->nextReminder(task.id).isValid());

    task.done = false;
    task.id = 999'999;
    task.title = QStringLiteral("Call back +1 202 555 0100 (missed call)");
    m_page->taskChanged(task, true);
    QCOMPARE(m_page->count(), before);
    QVERIFY(m_page->item(999'999));
    QVERIFY(m_scheduler->nextReminder(999'999).isValid());
}

void TestRemindersPage::titleComesFromTheTask()
{
    TaskInfo task;
    task.id = 1;
    task.kind = QStringLiteral("missed_call");
    task.title = QStringLiteral("Call back +48 600 100 200 (missed call)"); // the relay's English
    task.createdAt = QDateTime::currentDateTime();
    ReminderItem item(task);
    QCOMPARE(item.titleText(), QStringLiteral("Call back a missed call")); // nobody known yet
    item.setCaller(QString(), QStringLiteral("+48 600 100 200"));
    QCOMPARE(item.titleText(), QStringLiteral("Call back +48 600 100 200"));
    item.setCaller(QStringLiteral("Maria Kowalska"), QStringLiteral("+48 600 100 200"));
    QCOMPARE(item.titleText(), QStringLiteral("Call back Maria Kowalska"));
    task.dueAt = task.createdAt.addSecs(900);
    item.setTask(task); // a snooze keeps the caller
    QCOMPARE(item.titleText(), QStringLiteral("Call back Maria Kowalska"));

    // A kind this app does not know: the relay's words are all there is.
    task.kind = QStringLiteral("follow_up");
    task.title = QStringLiteral("Send the offer to Maria");
    item.setTask(task);
    QCOMPARE(item.titleText(), task.title);
    task.title.clear();
    QCOMPARE(ReminderItem::title(task, QString(), QString()), QStringLiteral("Reminder"));
}

void TestRemindersPage::timesAreWholePhrases()
{
    const QDateTime now(QDate(2026, 3, 12), QTime(16, 30));
    TaskInfo task;
    task.id = 1;
    task.kind = QStringLiteral("missed_call");
    task.createdAt = QDateTime(QDate(2026, 3, 12), QTime(14, 5));
    ReminderItem item(task);
    const auto at = [](int hour, int minute) { return CallFormat::timeOfDay(QTime(hour, minute)); };

    item.refreshTimes(now);
    QCOMPARE(item.timeText(), QStringLiteral("Missed at %1 · waiting 2 h").arg(at(14, 5)));
    item.refreshTimes(task.createdAt.addSecs(12 * 60));
    QCOMPARE(item.timeText(), QStringLiteral("Missed at %1 · waiting 12 min").arg(at(14, 5)));
    item.refreshTimes(task.createdAt.addSecs(20));
    QCOMPARE(item.timeText(), QStringLiteral("Missed at %1 · just now").arg(at(14, 5)));

    task.createdAt = QDateTime(QDate(2026, 3, 11), QTime(18, 30));
    task.dueAt = QDateTime(QDate(2026, 3, 12), QTime(17, 0));
    item.setTask(task);
    item.refreshTimes(now);
    QCOMPARE(
            item.timeText(),
            QStringLiteral("Missed yesterday at %1 · snoozed until %2").arg(at(18, 30), at(17, 0)));

    task.createdAt = QDateTime(QDate(2026, 3, 9), QTime(9, 15));
    task.dueAt = QDateTime(QDate(2026, 3, 13), QTime(9, 0));
    item.setTask(task);
    item.refreshTimes(now);
    QCOMPARE(item.timeText(),
             QStringLiteral("Missed on %1 at %2 · snoozed until tomorrow at %3")
                     .arg(CallFormat::day(QDate(2026, 3, 9), now.date()), at(9, 15), at(9, 0)));

    task.dueAt = QDateTime(QDate(2026, 3, 20), QTime(9, 0));
    item.setTask(task);
    item.refreshTimes(now);
    QVERIFY2(item.timeText().endsWith(
                     QStringLiteral("snoozed until %1 at %2")
                             .arg(CallFormat::day(QDate(2026, 3, 20), now.date()), at(9, 0))),
             qPrintable(item.timeText()));
    // Never a capitalised "Today" or "Yesterday" inside the line.
    QVERIFY(!item.timeText().contains(u"Today") && !item.timeText().contains(u"Yesterday"));
}

QTEST_MAIN(TestRemindersPage)
#include "TestRemindersPage.moc"
