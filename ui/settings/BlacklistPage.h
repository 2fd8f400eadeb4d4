// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"
#include "ui/settings/SettingsPage.h"

#include <functional>

class QLineEdit;
class QPushButton;
class QTableWidget;

namespace CallBridge {

class RelayClient;
class StatusLine;

// The numbers the relay hangs up on (when that switch is on): list, add with a reason, remove.
class BlacklistPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit BlacklistPage(RelayClient *relay, QWidget *parent = nullptr);

    void reload() override;

private:
    // `then` shows the outcome of what caused the reload, once the list is fresh.
    void fetch(std::function<void()> then = {});
    void display(const QList<BlacklistEntryInfo> &entries);
    void add();
    void confirmRemove();

    RelayClient *m_relay;
    PhoneNumberNormalizer m_numbers;
    QList<BlacklistEntryInfo> m_entries;
    QTableWidget *m_table;
    QLabel *m_empty;
    QPushButton *m_remove;
    QPushButton *m_refresh;
    StatusLine *m_status;
    QLineEdit *m_number;
    QLineEdit *m_reason;
    QPushButton *m_add;
    StatusLine *m_addStatus;
};

} // namespace CallBridge
