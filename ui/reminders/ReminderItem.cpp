// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/reminders/ReminderItem.h"

#include "ui/main/CallFormat.h"
#include "ui/main/PageIcons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

constexpr int iconSize = 40;

QPixmap badge(qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(iconSize, iconSize) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xfd, 0xec, 0xea));
    painter.drawEllipse(QRectF(0, 0, iconSize, iconSize));
    painter.drawPixmap(QPointF(9, 9),
                       PageIcons::pixmap(PageIcons::Glyph::Missed, PageIcons::errorColor(), 22,
                                         devicePixelRatio));
    return pixmap;
}

} // namespace

ReminderItem::ReminderItem(const TaskInfo &task, QWidget *parent)
    : QFrame(parent),
      m_icon(new QLabel(this)),
      m_title(new QLabel(this)),
      m_caller(new QLabel(this)),
      m_time(new QLabel(this)),
      m_callBack(new QPushButton(tr("Call back"), this)),
      m_done(new QPushButton(tr("Done"), this)),
      m_snooze(new QPushButton(tr("Snooze"), this)),
      m_snoozeMenu(new QMenu(this))
{
    setObjectName(QStringLiteral("reminder"));
    setStyleSheet(QStringLiteral("#reminder { background: #ffffff; border: 1px solid #e1e4e8; "
                                 "border-radius: 8px; }"
                                 "#reminder QLabel { background: transparent; border: none; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(12);
    m_icon->setFixedSize(iconSize, iconSize);
    m_icon->setPixmap(badge(devicePixelRatioF()));
    layout->addWidget(m_icon, 0, Qt::AlignTop);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    texts->addWidget(m_title);
    m_caller->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_caller);
    m_time->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    m_time->setWordWrap(true); // a snoozed task's line is long in some languages
    texts->addWidget(m_time);
    layout->addLayout(texts, 1);

    m_callBack->setObjectName(QStringLiteral("callBack"));
    m_callBack->setIcon(PageIcons::icon(PageIcons::Glyph::Phone, PageIcons::okColor()));
    m_callBack->setToolTip(tr("Ring your phone, then the caller; the reminder is done once the "
                              "call is placed"));
    m_done->setObjectName(QStringLiteral("done"));
    m_done->setIcon(PageIcons::icon(PageIcons::Glyph::Check, PageIcons::accentColor()));
    m_snooze->setObjectName(QStringLiteral("snooze"));
    m_snooze->setIcon(PageIcons::icon(PageIcons::Glyph::Snooze, PageIcons::mutedColor()));
    m_snooze->setMenu(m_snoozeMenu);
    const QList<std::pair<QString, int>> choices { { tr("For 15 minutes"), 15 },
                                                   { tr("For 1 hour"), 60 },
                                                   { tr("Until tomorrow morning"), -1 } };
    for (const auto &[text, minutes] : choices) {
        QAction *action = m_snoozeMenu->addAction(text);
        action->setObjectName(minutes > 0 ? QStringLiteral("snooze%1").arg(minutes)
                                          : QStringLiteral("snoozeTomorrow"));
        connect(action, &QAction::triggered, this, [this, minutes = minutes] {
            emit snoozeRequested(
                    m_task.id,
                    minutes > 0 ? minutes
                                : minutesUntilTomorrowMorning(QDateTime::currentDateTime()));
        });
    }
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_callBack);
    buttons->addWidget(m_done);
    buttons->addWidget(m_snooze);
    layout->addLayout(buttons);
    layout->setAlignment(buttons, Qt::AlignVCenter);

    connect(m_callBack, &QPushButton::clicked, this, [this] { emit callBackRequested(m_task.id); });
    connect(m_done, &QPushButton::clicked, this, [this] { emit doneRequested(m_task.id); });
    setTask(task);
    setCaller(QString(), QString());
}

void ReminderItem::setTask(const TaskInfo &task)
{
    m_task = task;
    m_title->setText(title(m_task, m_name, m_shownNumber));
    refreshTimes(QDateTime::currentDateTime());
}

QString ReminderItem::title(const TaskInfo &task, const QString &name, const QString &shownNumber)
{
    if (task.kind == u"missed_call") {
        const QString who = name.isEmpty() ? shownNumber : name;
        return who.isEmpty() ? tr("Call back a missed call") : tr("Call back %1").arg(who);
    }
    return task.title.isEmpty() ? tr("Reminder") : task.title;
}

void ReminderItem::setCaller(const QString &name, const QString &shownNumber)
{
    m_name = name;
    m_shownNumber = shownNumber;
    m_title->setText(title(m_task, m_name, m_shownNumber));
    QStringList parts;
    if (!name.isEmpty())
        parts << name;
    if (!shownNumber.isEmpty())
        parts << shownNumber;
    m_caller->setText(parts.isEmpty() ? tr("Looking up the caller…")
                                      : parts.join(QStringLiteral(" · ")));
}

QString ReminderItem::titleText() const
{
    return m_title->text();
}

QString ReminderItem::callerText() const
{
    return m_caller->text();
}

QString ReminderItem::timeText() const
{
    return m_time->text();
}

void ReminderItem::setBusy(bool busy)
{
    m_callBack->setEnabled(!busy);
    m_done->setEnabled(!busy);
    m_snooze->setEnabled(!busy);
}

void ReminderItem::refreshTimes(const QDateTime &now)
{
    // Whole phrases for today, yesterday and other days: a capitalised "Today" from
    // CallFormat::when() does not belong inside a sentence in any language.
    const QDate today = now.toLocalTime().date();
    QString missed;
    if (m_task.createdAt.isValid()) {
        const QDateTime created = m_task.createdAt.toLocalTime();
        const QString time = CallFormat::timeOfDay(created.time());
        const qint64 days = created.date().daysTo(today);
        if (days == 0)
            missed = tr("Missed at %1").arg(time);
        else if (days == 1)
            missed = tr("Missed yesterday at %1").arg(time);
        else
            missed = tr("Missed on %1 at %2").arg(CallFormat::day(created.date(), today), time);
    }
    QString since;
    if (m_task.dueAt.isValid() && m_task.dueAt > now) {
        const QDateTime due = m_task.dueAt.toLocalTime();
        const QString time = CallFormat::timeOfDay(due.time());
        const qint64 days = today.daysTo(due.date());
        if (days == 0)
            since = tr("snoozed until %1").arg(time);
        else if (days == 1)
            since = tr("snoozed until tomorrow at %1").arg(time);
        else
            since = tr("snoozed until %1 at %2").arg(CallFormat::day(due.date(), today), time);
    } else {
        const qint64 minutes = m_task.createdAt.isValid() ? m_task.createdAt.secsTo(now) / 60 : 0;
        if (minutes < 1)
            since = tr("just now");
        else if (minutes < 120)
            since = tr("waiting %n min", nullptr, int(minutes));
        else
            since = tr("waiting %n h", nullptr, int(minutes / 60));
    }
    // Two phrases side by side, each whole in itself; the relay always sends createdAt.
    m_time->setText(missed.isEmpty() ? QString() : missed + QStringLiteral(" · ") + since);
}

int ReminderItem::minutesUntilTomorrowMorning(const QDateTime &now)
{
    const QDateTime local = now.toLocalTime();
    const QDateTime morning(local.date().addDays(1), QTime(9, 0));
    return int(std::clamp<qint64>(local.secsTo(morning) / 60, 1, 7 * 24 * 60));
}

} // namespace CallBridge
