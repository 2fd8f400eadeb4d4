// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTimer;
class QVBoxLayout;

namespace CallBridge {

class Banner;
class ContactCache;
class EmptyState;
class ReminderItem;
class ReminderScheduler;
class RelayClient;

// The agent's open tasks (missed calls to return), oldest due first, each with "Call back",
// "Done" and "Snooze". A call placed from a reminder marks it done. Feeds the ReminderScheduler,
// which re-reminds through the tray.
class RemindersPage : public QWidget
{
    Q_OBJECT

public:
    RemindersPage(RelayClient *client, ContactCache *cache, QWidget *parent = nullptr);

    void setNumberFormat(const PhoneNumberNormalizer &normalizer);
    void setScheduler(ReminderScheduler *scheduler);

    QList<TaskInfo> tasks() const; // as listed, top to bottom
    int count() const { return int(m_items.size()); }
    ReminderItem *item(qint64 taskId) const { return m_items.value(taskId); }
    // The task's title in the app's language, with the caller as far as the page knows them.
    QString titleFor(const TaskInfo &task) const;
    Banner *banner() const { return m_banner; }

public slots:
    void refresh();
    // The stream's task.created / task.updated.
    void taskChanged(const CallBridge::TaskInfo &task, bool created = false);
    void callBack(qint64 taskId);
    void finish(qint64 taskId);
    void snooze(qint64 taskId, int minutes);

signals:
    void loaded();
    void countChanged(int openTasks);
    void taskFinished(qint64 taskId);

private:
    void setTasks(const QList<TaskInfo> &tasks);
    void upsert(const TaskInfo &task);
    void removeTask(qint64 taskId);
    void lookUpCaller(const TaskInfo &task);
    void showCaller(qint64 taskId);
    QString numberFor(const TaskInfo &task) const;
    void dial(qint64 taskId, const QString &number);
    void sort();
    void updateEmpty();

    RelayClient *m_client;
    ContactCache *m_cache;
    PhoneNumberNormalizer m_normalizer;
    QPointer<ReminderScheduler> m_scheduler;
    QHash<qint64, ReminderItem *> m_items;
    QHash<QString, CallInfo> m_calls; // by pbx_call_id: the number to call back
    quint64 m_generation = 0;

    QLabel *m_subtitle;
    Banner *m_banner;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QWidget *m_list;
    QVBoxLayout *m_listLayout;
    QTimer *m_clock;
};

} // namespace CallBridge
