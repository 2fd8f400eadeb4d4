// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>
#include <QVariant>

#include <memory>

class QSettings;

namespace CallBridge {

// The desktop app's own settings (a QSettings INI file), one typed accessor per key with its
// default. Secrets never go here: the token lives in a SecretStore.
class ClientSettings : public QObject
{
    Q_OBJECT

public:
    enum class PopupPolicy { OnRing, OnAnswer, Never };
    Q_ENUM(PopupPolicy)

    // Keys, as written in the file.
    static constexpr auto relayUrlKey = "relay/url";
    static constexpr auto userNameKey = "relay/user"; // whose token the keychain holds
    static constexpr auto lastSeqKey = "stream/last_seq";
    static constexpr auto popupPolicyKey = "popups/policy";
    static constexpr auto popupLimitKey = "popups/limit";
    static constexpr auto doNotDisturbKey = "popups/do_not_disturb";
    static constexpr auto ringSoundKey = "sounds/ring";
    static constexpr auto languageKey = "ui/language"; // "" = system locale, "en", "es", "ru"
    static constexpr auto autostartKey = "ui/autostart";
    static constexpr auto reminderIntervalKey = "reminders/interval_minutes";

    // fileName empty: the platform's usual place for organisation/application.
    explicit ClientSettings(const QString &fileName = {}, QObject *parent = nullptr);
    ~ClientSettings() override;

    QString fileName() const;
    // Brings files written by older versions up to date; called once at start.
    void migrate();

    QUrl relayUrl() const; // default http://127.0.0.1:8080
    void setRelayUrl(const QUrl &url);
    QString userName() const;
    void setUserName(const QString &name);
    qint64 lastSeq() const; // default 0
    void setLastSeq(qint64 seq);
    PopupPolicy popupPolicy() const; // default OnRing
    void setPopupPolicy(PopupPolicy policy);
    int popupLimit() const; // default 3, 1–10
    void setPopupLimit(int limit);
    bool doNotDisturb() const; // default false
    void setDoNotDisturb(bool on);
    bool ringSound() const; // default true
    void setRingSound(bool on);
    QString language() const; // default "" (system)
    void setLanguage(const QString &language);
    bool autostart() const; // default false
    void setAutostart(bool on); // also writes/removes ~/.config/autostart/callbridge.desktop
    int reminderIntervalMinutes() const; // default 15, 1–240
    void setReminderIntervalMinutes(int minutes);

    static QString policyName(PopupPolicy policy); // "ring", "answer", "never"

signals:
    void changed(const QString &key);

private:
    void write(const char *key, const QVariant &value);
    std::unique_ptr<QSettings> m_settings;
};

} // namespace CallBridge
