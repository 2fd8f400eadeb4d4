// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "ui/settings/SettingsPage.h"

#include <QHash>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace CallBridge {

class RelayClient;
class StatusLine;

// The relay's behaviour switches (the guide's items 6–10): new callers, routing to the
// responsible agent, caller names, missed-call reminders, the blacklist and the default
// responsible. Saving sends only what changed; the relay checks every value.
class RoutingPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit RoutingPage(RelayClient *relay, QWidget *parent = nullptr);

    void reload() override;
    // The people who may be the default responsible.
    void setUsers(const QList<UserInfo> &users);
    bool hasChanges() const;
    // The changed keys with their new values, as the relay takes them.
    QJsonObject changes() const;
    // Says, next to the Save button, that the changes are not on the relay yet.
    void remindUnsaved();

private:
    void display(const RelaySettingsSnapshot &snapshot);
    QString current(const QString &key) const; // what the controls say now
    void fillResponsibles();
    void updateState();
    void save();

    RelayClient *m_relay;
    RelaySettingsSnapshot m_snapshot;
    bool m_loaded = false;
    QList<UserInfo> m_users;
    QHash<QString, QWidget *> m_controls; // key → its control (hidden when the relay lacks it)
    QHash<QString, QWidget *> m_rows;

    QCheckBox *m_createContacts;
    QCheckBox *m_redirect;
    QSpinBox *m_returnTimeout;
    QCheckBox *m_callerName;
    QCheckBox *m_hangupBlacklisted;
    QCheckBox *m_missedCallTasks;
    QComboBox *m_defaultResponsible;
    QLineEdit *m_region;
    QLineEdit *m_crmUrl;
    QPushButton *m_save;
    QPushButton *m_revert;
    StatusLine *m_status;
};

} // namespace CallBridge
