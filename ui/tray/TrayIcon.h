// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QTimer;

namespace CallBridge {

// The app's icon in the system tray: its state at a glance (offline, connected, ringing, missed
// calls waiting, which blinks until seen), a tooltip that says who is signed in and why the app is
// offline, and the menu. At login the tray host may not be up yet, so start() keeps looking for
// one for a while before it gives up (the app then shows its main window instead).
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    enum class State { Offline, Connected, Ringing, MissedWaiting };
    Q_ENUM(State)

    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    // Set before start(). The check defaults to QSystemTrayIcon::isSystemTrayAvailable.
    void setAvailabilityCheck(std::function<bool()> check);
    void setRetry(std::chrono::milliseconds interval, int attempts); // default 1 s, 30 times
    void setBlinkInterval(std::chrono::milliseconds interval); // default 600 ms

    // Shows the icon as soon as a tray host is there: trayReady() or, in the end,
    // trayUnavailable().
    void start();
    bool isReady() const { return m_ready; }

    // What the icon should show for the app's situation; ringing beats missed calls.
    static State stateFor(bool connected, bool anyRinging, int unseenMissed);

    void setState(State state);
    State state() const { return m_state; }
    // New missed calls make it blink again; setMissedSeen() stops the blinking.
    void setMissedCount(int count);
    int missedCount() const { return m_missedCount; }
    void setMissedSeen();
    bool isBlinking() const;

    void setUser(const QString &name, const QString &extension);
    void setOfflineReason(const QString &reason); // shown in the tooltip while offline
    // Mirrors the setting in the menu; only a click in the menu emits doNotDisturbToggled().
    void setDoNotDisturb(bool on);
    bool doNotDisturb() const;

    // A notification from the tray (missed-call reminders); messageClicked() when clicked.
    void showMessage(const QString &title, const QString &text);

    QIcon icon() const { return m_icon; }
    QString toolTip() const;
    QMenu *menu() const { return m_menu.get(); }
    QSystemTrayIcon *systemTrayIcon() const { return m_tray; }

signals:
    void openMainWindowRequested();
    void doNotDisturbToggled(bool on);
    void settingsRequested();
    void quitRequested();
    void messageClicked();
    void trayReady();
    void trayUnavailable();
    void iconChanged();

private:
    void tryShow();
    void restartAnimation();
    void refresh();
    QIcon paintIcon() const;

    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon *m_tray;
    QAction *m_status;
    QAction *m_doNotDisturb;
    QTimer *m_retry;
    QTimer *m_animation;
    std::function<bool()> m_available;
    std::chrono::milliseconds m_blinkInterval { 600 };
    int m_attemptsLeft = 30;
    int m_attempts = 30;
    bool m_ready = false;

    State m_state = State::Offline;
    int m_missedCount = 0;
    bool m_missedSeen = false;
    bool m_frame = false; // the animation's second half: dimmed (missed) or tilted (ringing)
    QString m_userName;
    QString m_extension;
    QString m_offlineReason;
    QIcon m_icon;
};

} // namespace CallBridge
