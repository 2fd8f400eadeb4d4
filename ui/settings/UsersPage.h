// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "ui/settings/SettingsPage.h"

#include <functional>

class QComboBox;
class QFrame;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace CallBridge {

class RelayClient;
class StatusLine;

// The admin's users and the PBX's extensions: who has which extension (each extension belongs to
// one user at most), new users with their one-time token, new tokens and removals.
class UsersPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit UsersPage(RelayClient *relay, QWidget *parent = nullptr);

    // The signed-in admin, who cannot remove themselves.
    void setCurrentUser(qint64 id);
    void reload() override;

    // What a user may be given: the free extensions and the user's own, in PBX order.
    static QStringList choicesFor(const ExtensionList &extensions, const QString &own);

signals:
    // The users as the relay last listed them (for the default-responsible choice).
    void usersChanged(const QList<UserInfo> &users);

private:
    // Reloads both lists; `then` runs after, to show the outcome of what caused the reload.
    void fetch(std::function<void()> then = {});
    void rebuild();
    QComboBox *extensionCombo(const UserInfo &user);
    const UserInfo *selectedUser() const;
    void updateButtons();
    void assignExtension(qint64 userId, const QString &extension);
    void addUser();
    void confirmRemove();
    void confirmNewToken();
    void showToken(const QString &userName, const QString &token);

    RelayClient *m_relay;
    qint64 m_currentUserId = 0;
    QList<UserInfo> m_users;
    ExtensionList m_extensions;
    bool m_extensionsKnown = false;
    int m_generation = 0;

    QTableWidget *m_table;
    QTreeWidget *m_extensionList;
    QPushButton *m_newToken;
    QPushButton *m_remove;
    QPushButton *m_refresh;
    StatusLine *m_status;
    QLineEdit *m_newName;
    QLineEdit *m_newDisplayName;
    QComboBox *m_newRole;
    QComboBox *m_newExtension;
    QPushButton *m_add;
    StatusLine *m_addStatus;
    QFrame *m_tokenPanel;
    QLabel *m_tokenWarning;
    QLineEdit *m_token;
};

} // namespace CallBridge
