// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QFrame>

class QLabel;
class QMenu;
class QPushButton;

namespace CallBridge {

// One open task in the reminders list: what to do, who and which number, since when or until
// when it is snoozed, and "Call back", "Done" and "Snooze" (15 minutes, 1 hour, tomorrow).
class ReminderItem : public QFrame
{
    Q_OBJECT

public:
    explicit ReminderItem(const TaskInfo &task, QWidget *parent = nullptr);

    const TaskInfo &task() const { return m_task; }
    void setTask(const TaskInfo &task);
    // Who the task is about, as far as known: a contact's name and the number to call.
    void setCaller(const QString &name, const QString &shownNumber);
    QString titleText() const;
    QString callerText() const;
    QString timeText() const;
    void setBusy(bool busy);
    void refreshTimes(const QDateTime &now);

    QPushButton *callBackButton() const { return m_callBack; }
    QPushButton *doneButton() const { return m_done; }
    QPushButton *snoozeButton() const { return m_snooze; }
    QMenu *snoozeMenu() const { return m_snoozeMenu; }

    // Minutes from `now` to 9:00 the next morning, local time.
    static int minutesUntilTomorrowMorning(const QDateTime &now);
    // The app's own words for a task of a kind it knows (the relay writes its titles in
    // English); the relay's title for any other kind.
    static QString title(const TaskInfo &task, const QString &name, const QString &shownNumber);

signals:
    void callBackRequested(qint64 taskId);
    void doneRequested(qint64 taskId);
    void snoozeRequested(qint64 taskId, int minutes);

private:
    TaskInfo m_task;
    QString m_name;
    QString m_shownNumber;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_caller;
    QLabel *m_time;
    QPushButton *m_callBack;
    QPushButton *m_done;
    QPushButton *m_snooze;
    QMenu *m_snoozeMenu;
};

} // namespace CallBridge
