// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <memory>

class QNetworkAccessManager;

namespace CallBridge {

class ClientSettings;
class LiveCalls;
class MainWindow;
class PopupStack;
class RelayClient;
class ReminderScheduler;
class SecretStore;
class SettingsDialog;
class StreamClient;
class SystemClock;
class TrayIcon;

// The desktop app's composition root: builds the object graph and wires it. Start-up: the token
// from the keychain → who am I (GET /v1/me) → the live stream, resuming after the last item seen.
class DesktopApp : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString settingsFile; // empty: the platform's usual place
        QString keychainService = QStringLiteral("CallBridge");
        bool reportTiming = false; // prints "timing …" lines for the benchmark
        QElapsedTimer sinceLaunch; // started in main()
    };

    DesktopApp(Options options, std::unique_ptr<SecretStore> secrets, QObject *parent = nullptr);
    ~DesktopApp() override;

    void start();
    // tel:/callto: links or numbers, from the command line or a second launch.
    void handleArguments(const QStringList &arguments);
    void dial(const QString &number);

    const UserInfo &user() const { return m_user; }
    ClientSettings &settings() { return *m_settings; }
    RelayClient &relay() { return *m_relay; }
    StreamClient &stream() { return *m_stream; }
    LiveCalls &liveCalls() { return *m_liveCalls; }
    TrayIcon &tray() { return *m_tray; }
    PopupStack &popups() { return *m_popups; }
    MainWindow &mainWindow() { return *m_mainWindow; }
    SettingsDialog &settingsDialog();

signals:
    void signedIn(const CallBridge::UserInfo &user);
    void live(); // the stream's replay is over: the app shows the present
    void signInNeeded(const QString &why);
    void notified(const QString &title, const QString &text); // also shown by the tray

private:
    void signIn();
    void onSignedIn(const UserInfo &user);
    void askForToken(const QString &why);
    void storeToken(const QString &token);
    void applySettings();
    void updateTray();
    void notify(const QString &title, const QString &text);
    void showLastInteraction(const CallUpdate &update);
    void openSettings();
    void reportTiming(const QString &what, double value);

    Options m_options;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ClientSettings> m_settings;
    QNetworkAccessManager *m_network;
    RelayClient *m_relay;
    StreamClient *m_stream;
    LiveCalls *m_liveCalls;
    TrayIcon *m_tray;
    std::unique_ptr<PopupStack> m_popups;
    std::unique_ptr<MainWindow> m_mainWindow;
    std::unique_ptr<SettingsDialog> m_settingsDialog;
    ReminderScheduler *m_reminders = nullptr;
    UserInfo m_user;
    QString m_token;
    QString m_offlineReason;
    int m_signInAttempts = 0;
};

} // namespace CallBridge
