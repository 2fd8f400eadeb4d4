// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/tray/TrayIcon.h"

#include "ui/UiLogging.h"
#include "ui/tray/CallIcons.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QTimer>

namespace CallBridge {

namespace {
constexpr int ringingTilt = 14; // degrees either way
}

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent),
      m_menu(std::make_unique<QMenu>()),
      m_tray(new QSystemTrayIcon(this)),
      m_retry(new QTimer(this)),
      m_animation(new QTimer(this)),
      m_available(&QSystemTrayIcon::isSystemTrayAvailable)
{
    m_status = m_menu->addAction(QString());
    m_status->setEnabled(false);
    m_menu->addSeparator();
    QAction *open = m_menu->addAction(tr("Open CallBridge"));
    QFont bold = open->font();
    bold.setBold(true);
    open->setFont(bold);
    connect(open, &QAction::triggered, this, &TrayIcon::openMainWindowRequested);
    m_doNotDisturb = m_menu->addAction(tr("Do not disturb"));
    m_doNotDisturb->setCheckable(true);
    m_doNotDisturb->setToolTip(tr("No call pop-ups and no ring sound"));
    connect(m_doNotDisturb, &QAction::triggered, this, &TrayIcon::doNotDisturbToggled);
    QAction *settings = m_menu->addAction(tr("Settings…"));
    connect(settings, &QAction::triggered, this, &TrayIcon::settingsRequested);
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("Quit"));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &TrayIcon::quitRequested);

    m_tray->setContextMenu(m_menu.get());
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    emit openMainWindowRequested();
            });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::messageClicked);

    m_retry->setInterval(std::chrono::seconds(1));
    connect(m_retry, &QTimer::timeout, this, &TrayIcon::tryShow);
    connect(m_animation, &QTimer::timeout, this, [this] {
        m_frame = !m_frame;
        refresh();
    });
    refresh();
}

TrayIcon::~TrayIcon()
{
    // The menu outlives the tray icon that points to it.
    delete m_tray;
}

void TrayIcon::setAvailabilityCheck(std::function<bool()> check)
{
    m_available = std::move(check);
}

void TrayIcon::setRetry(std::chrono::milliseconds interval, int attempts)
{
    m_retry->setInterval(interval);
    m_attempts = attempts;
}

void TrayIcon::setBlinkInterval(std::chrono::milliseconds interval)
{
    m_blinkInterval = interval;
    m_animation->stop();
    restartAnimation();
}

void TrayIcon::start()
{
    if (m_ready || m_retry->isActive())
        return;
    m_attemptsLeft = m_attempts;
    tryShow();
}

void TrayIcon::tryShow()
{
    if (m_available()) {
        m_retry->stop();
        m_tray->show();
        m_ready = true;
        qCDebug(lcUiTray) << "tray icon shown";
        emit trayReady();
        return;
    }
    if (m_attemptsLeft-- > 0) {
        if (!m_retry->isActive()) {
            qCInfo(lcUiTray) << "no system tray yet; looking again every" << m_retry->interval()
                             << "ms";
            m_retry->start();
        }
        return;
    }
    m_retry->stop();
    qCWarning(lcUiTray) << "no system tray after" << m_attempts << "attempts; the main window"
                        << "stands in for the tray icon";
    emit trayUnavailable();
}

TrayIcon::State TrayIcon::stateFor(bool connected, bool anyRinging, int unseenMissed)
{
    if (anyRinging)
        return State::Ringing;
    if (unseenMissed > 0)
        return State::MissedWaiting;
    return connected ? State::Connected : State::Offline;
}

void TrayIcon::setState(State state)
{
    if (state == m_state)
        return;
    const bool wasMissed = m_state == State::MissedWaiting;
    m_state = state;
    if (state == State::MissedWaiting && !wasMissed)
        m_missedSeen = false;
    restartAnimation();
}

void TrayIcon::setMissedCount(int count)
{
    if (count == m_missedCount)
        return;
    if (count > m_missedCount)
        m_missedSeen = false;
    m_missedCount = count;
    restartAnimation();
}

void TrayIcon::setMissedSeen()
{
    if (m_missedSeen)
        return;
    m_missedSeen = true;
    restartAnimation();
}

bool TrayIcon::isBlinking() const
{
    return m_state == State::MissedWaiting && m_animation->isActive();
}

void TrayIcon::restartAnimation()
{
    m_frame = false;
    const bool blink = m_state == State::MissedWaiting && !m_missedSeen;
    if (blink || m_state == State::Ringing) {
        // A shaking handset wants a quicker beat than the blink.
        const auto interval = m_state == State::Ringing
                ? std::max(m_blinkInterval / 2, std::chrono::milliseconds(1))
                : m_blinkInterval;
        if (!m_animation->isActive() || m_animation->intervalAsDuration() != interval)
            m_animation->start(interval);
    } else {
        m_animation->stop();
    }
    refresh();
}

void TrayIcon::setUser(const QString &name, const QString &extension)
{
    m_userName = name;
    m_extension = extension;
    refresh();
}

void TrayIcon::setOfflineReason(const QString &reason)
{
    m_offlineReason = reason;
    refresh();
}

void TrayIcon::setDoNotDisturb(bool on)
{
    m_doNotDisturb->setChecked(on);
    refresh();
}

bool TrayIcon::doNotDisturb() const
{
    return m_doNotDisturb->isChecked();
}

void TrayIcon::showMessage(const QString &title, const QString &text)
{
    if (!m_ready) {
        qCInfo(lcUiTray) << "no tray icon to show a notification from";
        return;
    }
    m_tray->showMessage(title, text, QSystemTrayIcon::Information);
}

QString TrayIcon::toolTip() const
{
    QString state;
    switch (m_state) {
    case State::Offline:
        state = tr("Offline");
        break;
    case State::Connected:
        state = tr("Connected");
        break;
    case State::Ringing:
        state = tr("Incoming call");
        break;
    case State::MissedWaiting:
        // English has no plural forms file; the other languages' %n forms come from theirs.
        state = m_missedCount == 1 ? tr("1 missed call")
                                   : tr("%n missed calls", nullptr, m_missedCount);
        break;
    }
    if (m_doNotDisturb->isChecked())
        state = tr("%1, do not disturb").arg(state);
    QStringList lines { tr("CallBridge: %1").arg(state) };
    if (m_state == State::Offline && !m_offlineReason.isEmpty())
        lines << m_offlineReason;
    if (!m_userName.isEmpty() && !m_extension.isEmpty())
        lines << tr("%1, extension %2").arg(m_userName, m_extension);
    else if (!m_userName.isEmpty())
        lines << m_userName;
    return lines.join(u'\n');
}

void TrayIcon::refresh()
{
    m_icon = paintIcon();
    m_tray->setIcon(m_icon);
    const QString tip = toolTip();
    m_tray->setToolTip(tip);
    m_status->setText(tip.section(u'\n', 0, 0));
    // The status line is a disabled item, but its icon should keep its colour.
    QIcon statusIcon = m_icon;
    for (const int size : { 16, 32 })
        statusIcon.addPixmap(m_icon.pixmap(size), QIcon::Disabled);
    m_status->setIcon(statusIcon);
    emit iconChanged();
}

QIcon TrayIcon::paintIcon() const
{
    QIcon icon;
    for (const int size : { 16, 22, 24, 32, 48, 64 }) {
        switch (m_state) {
        case State::Offline:
            icon.addPixmap(CallIcons::handsetBadge(CallIcons::offlineColor(), size, 1));
            break;
        case State::Connected:
            icon.addPixmap(CallIcons::handsetBadge(CallIcons::connectedColor(), size, 1));
            break;
        case State::Ringing:
            icon.addPixmap(CallIcons::handsetBadge(CallIcons::ringingColor(), size, 1,
                                                   m_frame ? -ringingTilt : ringingTilt));
            break;
        case State::MissedWaiting:
            icon.addPixmap(CallIcons::missedBadge(m_missedCount, size, 1, m_frame));
            break;
        }
    }
    return icon;
}

} // namespace CallBridge
