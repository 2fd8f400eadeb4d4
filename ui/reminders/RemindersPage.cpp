// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/reminders/RemindersPage.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"
#include "ui/main/Banner.h"
#include "ui/main/CallFormat.h"
#include "ui/main/ContactCache.h"
#include "ui/main/EmptyState.h"
#include "ui/main/PageIcons.h"
#include "ui/reminders/ReminderItem.h"
#include "ui/reminders/ReminderScheduler.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace CallBridge {

RemindersPage::RemindersPage(RelayClient *client, ContactCache *cache, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_cache(cache),
      m_subtitle(new QLabel(this)),
      m_banner(new Banner(this)),
      m_stack(new QStackedWidget(this)),
      m_empty(new EmptyState(PageIcons::Glyph::Check, this)),
      m_list(new QWidget(this)),
      m_listLayout(new QVBoxLayout(m_list)),
      m_clock(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);

    auto *top = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    auto *title = new QLabel(tr("Reminders"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    title->setFont(titleFont);
    titles->addWidget(title);
    m_subtitle->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    titles->addWidget(m_subtitle);
    top->addLayout(titles, 1);
    auto *reload = new QPushButton(this);
    reload->setIcon(PageIcons::icon(PageIcons::Glyph::Refresh, PageIcons::mutedColor()));
    reload->setToolTip(tr("Refresh"));
    top->addWidget(reload, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_banner);

    m_empty->setTitle(tr("All caught up"));
    m_empty->setText(tr("Missed calls you should return show up here, and the tray reminds you "
                        "of them until they are done."));
    m_stack->addWidget(m_empty);
    m_listLayout->setContentsMargins(0, 0, 4, 0);
    m_listLayout->setSpacing(8);
    m_listLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_list);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(scroll);
    layout->addWidget(m_stack, 1);

    connect(reload, &QPushButton::clicked, this, &RemindersPage::refresh);
    connect(m_cache, &ContactCache::contactKnown, this, [this](const ContactCard &card) {
        for (ReminderItem *item : std::as_const(m_items)) {
            const TaskInfo &task = item->task();
            const qint64 contactId
                    = task.contactId > 0 ? task.contactId : m_calls.value(task.pbxCallId).contactId;
            if (contactId == card.id)
                showCaller(task.id);
        }
    });
    // "Waiting 12 min" stays true, and snoozed tasks show as due again.
    m_clock->setInterval(60'000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        const QDateTime now = QDateTime::currentDateTime();
        for (ReminderItem *item : std::as_const(m_items))
            item->refreshTimes(now);
    });
    m_clock->start();
    updateEmpty();
}

void RemindersPage::setNumberFormat(const PhoneNumberNormalizer &normalizer)
{
    m_normalizer = normalizer;
    for (ReminderItem *item : std::as_const(m_items))
        showCaller(item->task().id);
}

void RemindersPage::setScheduler(ReminderScheduler *scheduler)
{
    m_scheduler = scheduler;
    if (m_scheduler)
        m_scheduler->setTasks(tasks());
}

QList<TaskInfo> RemindersPage::tasks() const
{
    QList<TaskInfo> tasks;
    for (int i = 0; i < m_listLayout->count(); ++i) {
        if (auto *item = qobject_cast<ReminderItem *>(m_listLayout->itemAt(i)->widget()))
            tasks.append(item->task());
    }
    return tasks;
}

void RemindersPage::refresh()
{
    const quint64 generation = ++m_generation;
    m_client->tasks(false, this, [this, generation](RelayResult<QList<TaskInfo>> result) {
        if (generation != m_generation)
            return;
        if (!result) {
            qCInfo(lcUiReminders) << "tasks not loaded:" << result.error().message;
            m_banner->showMessage(
                    Banner::Kind::Error,
                    tr("Could not load the reminders: %1").arg(result.error().message));
            return;
        }
        setTasks(result.value());
        emit loaded();
    });
}

void RemindersPage::setTasks(const QList<TaskInfo> &tasks)
{
    QSet<qint64> open;
    for (const TaskInfo &task : tasks) {
        if (!task.done)
            open.insert(task.id);
    }
    const QList<qint64> listed = m_items.keys();
    for (qint64 id : listed) {
        if (!open.contains(id))
            removeTask(id);
    }
    for (const TaskInfo &task : tasks)
        upsert(task);
    sort();
    if (m_scheduler)
        m_scheduler->setTasks(this->tasks());
}

void RemindersPage::taskChanged(const TaskInfo &task, bool created)
{
    upsert(task);
    sort();
    if (m_scheduler)
        m_scheduler->taskChanged(task, created);
}

void RemindersPage::upsert(const TaskInfo &task)
{
    if (task.done) {
        removeTask(task.id);
        return;
    }
    if (ReminderItem *item = m_items.value(task.id)) {
        item->setTask(task);
        return;
    }
    auto *item = new ReminderItem(task, m_list);
    m_items.insert(task.id, item);
    m_listLayout->insertWidget(m_listLayout->count() - 1, item);
    connect(item, &ReminderItem::callBackRequested, this, &RemindersPage::callBack);
    connect(item, &ReminderItem::doneRequested, this, &RemindersPage::finish);
    connect(item, &ReminderItem::snoozeRequested, this, &RemindersPage::snooze);
    lookUpCaller(task);
    updateEmpty();
}

void RemindersPage::removeTask(qint64 taskId)
{
    ReminderItem *item = m_items.take(taskId);
    if (!item)
        return;
    m_listLayout->removeWidget(item);
    item->hide();
    item->deleteLater();
    if (m_scheduler)
        m_scheduler->remove(taskId);
    updateEmpty();
}

void RemindersPage::lookUpCaller(const TaskInfo &task)
{
    if (task.contactId > 0)
        m_cache->fetch(task.contactId);
    if (!task.pbxCallId.isEmpty() && !m_calls.contains(task.pbxCallId)) {
        const qint64 taskId = task.id;
        m_client->call(task.pbxCallId, this, [this, taskId](RelayResult<CallInfo> result) {
            if (!result) {
                qCInfo(lcUiReminders) << "the call of task" << taskId
                                      << "is not known:" << result.error().message;
                showCaller(taskId);
                return;
            }
            m_calls.insert(result->pbxCallId, result.value());
            if (result->contactId > 0)
                m_cache->fetch(result->contactId);
            showCaller(taskId);
        });
    }
    showCaller(task.id);
}

QString RemindersPage::titleFor(const TaskInfo &task) const
{
    if (const ReminderItem *listed = m_items.value(task.id))
        return listed->titleText();
    return ReminderItem::title(task, QString(), QString());
}

QString RemindersPage::numberFor(const TaskInfo &task) const
{
    const auto call = m_calls.constFind(task.pbxCallId);
    if (call != m_calls.cend() && !call->clientNumber.isEmpty())
        return call->clientNumber;
    const qint64 contactId
            = task.contactId > 0 ? task.contactId : (call != m_calls.cend() ? call->contactId : 0);
    if (const auto card = m_cache->card(contactId); card && !card->phones.isEmpty())
        return card->phones.constFirst();
    return QString();
}

void RemindersPage::showCaller(qint64 taskId)
{
    ReminderItem *item = m_items.value(taskId);
    if (!item)
        return;
    const TaskInfo &task = item->task();
    const auto call = m_calls.constFind(task.pbxCallId);
    const qint64 contactId
            = task.contactId > 0 ? task.contactId : (call != m_calls.cend() ? call->contactId : 0);
    const auto card = m_cache->card(contactId);
    const QString number = numberFor(task);
    // A new caller's contact is named after the number: say it once.
    const QString name = card && !CallFormat::isNumberLike(card->name) ? card->name : QString();
    item->setCaller(name, number.isEmpty() ? QString() : m_normalizer.formatForDisplay(number));
}

void RemindersPage::callBack(qint64 taskId)
{
    ReminderItem *item = m_items.value(taskId);
    if (!item)
        return;
    const TaskInfo task = item->task();
    const QString number = numberFor(task);
    if (!number.isEmpty()) {
        dial(taskId, number);
        return;
    }
    if (task.pbxCallId.isEmpty()) {
        m_banner->showMessage(Banner::Kind::Error, tr("This reminder has no number to call back."));
        return;
    }
    // Not looked up yet (or the lookup failed): ask once more, then call.
    item->setBusy(true);
    m_client->call(task.pbxCallId, this, [this, taskId](RelayResult<CallInfo> result) {
        if (ReminderItem *waiting = m_items.value(taskId))
            waiting->setBusy(false);
        if (!result || result->clientNumber.isEmpty()) {
            m_banner->showMessage(Banner::Kind::Error,
                                  result ? tr("The missed call has no number to call back.")
                                         : tr("Could not find the number to call back: %1")
                                                   .arg(result.error().message));
            return;
        }
        m_calls.insert(result->pbxCallId, result.value());
        dial(taskId, result->clientNumber);
    });
}

void RemindersPage::dial(qint64 taskId, const QString &number)
{
    const QString shown = m_normalizer.formatForDisplay(number);
    if (ReminderItem *item = m_items.value(taskId))
        item->setBusy(true);
    m_banner->showMessage(Banner::Kind::Busy, CallFormat::placing(shown));
    m_client->clickToCall(
            number, this, [this, taskId, shown](RelayResult<ClickToCallPlaced> result) {
                if (!result) {
                    if (ReminderItem *item = m_items.value(taskId))
                        item->setBusy(false);
                    m_banner->showMessage(Banner::Kind::Error,
                                          CallFormat::refused(shown, result.error()));
                    return;
                }
                // Called back: the reminder has done its job.
                m_banner->showMessage(Banner::Kind::Success,
                                      tr("%1. The reminder is done.")
                                              .arg(CallFormat::placed(shown, result.value())));
                m_client->finishTask(taskId, this, [this, taskId](RelayResult<TaskInfo> finished) {
                    if (!finished) {
                        if (ReminderItem *item = m_items.value(taskId))
                            item->setBusy(false);
                        m_banner->showMessage(
                                Banner::Kind::Error,
                                tr("The call was placed, but the reminder could not be "
                                   "marked done: %1")
                                        .arg(finished.error().message));
                        return;
                    }
                    removeTask(taskId);
                    emit taskFinished(taskId);
                });
            });
}

void RemindersPage::finish(qint64 taskId)
{
    if (ReminderItem *item = m_items.value(taskId))
        item->setBusy(true);
    m_client->finishTask(taskId, this, [this, taskId](RelayResult<TaskInfo> result) {
        if (!result) {
            if (ReminderItem *item = m_items.value(taskId))
                item->setBusy(false);
            m_banner->showMessage(
                    Banner::Kind::Error,
                    tr("Could not mark the reminder done: %1").arg(result.error().message));
            return;
        }
        m_banner->clear();
        removeTask(taskId);
        emit taskFinished(taskId);
    });
}

void RemindersPage::snooze(qint64 taskId, int minutes)
{
    if (ReminderItem *item = m_items.value(taskId))
        item->setBusy(true);
    m_client->snoozeTask(taskId, minutes, this, [this, taskId](RelayResult<TaskInfo> result) {
        if (ReminderItem *item = m_items.value(taskId))
            item->setBusy(false);
        if (!result) {
            m_banner->showMessage(
                    Banner::Kind::Error,
                    tr("Could not snooze the reminder: %1").arg(result.error().message));
            return;
        }
        taskChanged(result.value(), false);
        const QDateTime due = result->dueAt.toLocalTime();
        const QDate today = QDate::currentDate();
        const QString time = CallFormat::timeOfDay(due.time());
        const qint64 days = today.daysTo(due.date());
        QString text;
        if (days <= 0)
            text = tr("Snoozed until %1; you will be reminded then.").arg(time);
        else if (days == 1)
            text = tr("Snoozed until tomorrow at %1; you will be reminded then.").arg(time);
        else
            text = tr("Snoozed until %1 at %2; you will be reminded then.")
                           .arg(CallFormat::day(due.date(), today), time);
        m_banner->showMessage(Banner::Kind::Info, text);
    });
}

void RemindersPage::sort()
{
    QList<ReminderItem *> items = m_items.values();
    std::sort(items.begin(), items.end(), [](const ReminderItem *a, const ReminderItem *b) {
        const TaskInfo &x = a->task();
        const TaskInfo &y = b->task();
        return x.dueAt != y.dueAt ? x.dueAt < y.dueAt : x.id < y.id;
    });
    for (int i = 0; i < items.size(); ++i) {
        m_listLayout->removeWidget(items.at(i));
        m_listLayout->insertWidget(i, items.at(i));
    }
}

void RemindersPage::updateEmpty()
{
    const int open = count();
    m_stack->setCurrentIndex(open == 0 ? 0 : 1);
    m_subtitle->setText(
            open == 0 ? tr("Missed calls waiting for you to call back.")
                      : tr("%n missed call(s) waiting for you to call back.", nullptr, open));
    emit countChanged(open);
}

} // namespace CallBridge
