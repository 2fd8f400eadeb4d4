// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/settings/SettingsPage.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace CallBridge {

class RelayClient;
class StatusLine;
struct Balance;

// The admin's Zadarma page: the API key and secret (write-only: they go to the relay and never
// come back), a connection test and the balance.
class ZadarmaAccountPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit ZadarmaAccountPage(RelayClient *relay, QWidget *parent = nullptr);

    void reload() override;

private:
    void setConfigured(bool configured);
    void showBalance(const Balance &balance);
    void saveCredentials();
    void testConnection();
    void refreshBalance();

    RelayClient *m_relay;
    QLabel *m_configuredIcon;
    QLabel *m_configured;
    QLineEdit *m_key;
    QLineEdit *m_secret;
    QPushButton *m_save;
    StatusLine *m_saveStatus;
    QPushButton *m_test;
    StatusLine *m_testStatus;
    QLabel *m_balance;
    QPushButton *m_refreshBalance;
    StatusLine *m_balanceStatus;
};

} // namespace CallBridge
