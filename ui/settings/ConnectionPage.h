// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "ui/settings/SettingsPage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace CallBridge {

class ClientSettings;
class StatusLine;

// Everyone's page: where the relay is, the agent's token, pop-ups, sound, language, autostart and
// reminders. Bound to ClientSettings; the token itself never passes through here to disk.
class ConnectionPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit ConnectionPage(ClientSettings *settings, QWidget *parent = nullptr);

    // Shows what ClientSettings holds, dropping unsaved edits.
    void load();
    // Writes what changed to ClientSettings; false (and nothing written) when a field is wrong.
    bool save();

    // What was pasted into the token field, trimmed; empty when nothing was.
    QString enteredToken() const;
    void clearEnteredToken();
    // Who the stored token belongs to; a default UserInfo: not known yet.
    void setUser(const UserInfo &user);
    void setTokenStored(bool stored);
    void setTokenSaving();
    void showTokenError(const QString &message);

private:
    ClientSettings *m_settings;
    QLineEdit *m_relayUrl;
    StatusLine *m_relayUrlStatus;
    QLineEdit *m_token;
    QLabel *m_signedInAs;
    QLabel *m_tokenIcon;
    QLabel *m_tokenState;
    StatusLine *m_tokenStatus;
    QComboBox *m_popupPolicy;
    QSpinBox *m_popupLimit;
    QCheckBox *m_ringSound;
    QComboBox *m_language;
    QCheckBox *m_autostart;
    QSpinBox *m_reminderInterval;
};

} // namespace CallBridge
