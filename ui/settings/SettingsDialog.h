// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QDialog>

class QListWidget;
class QStackedWidget;

namespace CallBridge {

class BlacklistPage;
class ClientSettings;
class ConnectionPage;
class RelayClient;
class RoutingPage;
class SettingsPage;
class UsersPage;
class ZadarmaAccountPage;

// The settings dialog: everyone's "Connection & alerts" page (ClientSettings, written on Apply or
// OK) and the administrator's pages (the relay's telephony settings, sent to the relay by each
// page's own buttons). For anyone but an administrator those pages are shown locked.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Page { Connection, ZadarmaAccount, Users, Routing, Blacklist };
    Q_ENUM(Page)

    SettingsDialog(ClientSettings *settings, RelayClient *relay, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Who is signed in (from /v1/me). Administrators get the admin pages; a default UserInfo
    // (not signed in) or an agent sees them locked.
    void setUser(const UserInfo &user);
    UserInfo user() const { return m_user; }

    // The app's answers about the token: whether the keychain holds one, and why saving one failed.
    void setTokenStored(bool stored);
    void showTokenError(const QString &message);

    void showPage(Page page);
    Page currentPage() const;
    SettingsPage *page(Page page) const;

    // Shows what ClientSettings holds (done on every opening).
    void load();
    // Writes the agent page to ClientSettings and hands a pasted token to tokenEntered(); false
    // (nothing written, the page shown with the reason) when a field is wrong.
    bool apply();

    // Applies, then closes unless the routing page holds changes not yet saved on the relay.
    void accept() override;

signals:
    // A new token was pasted and applied: the app stores it in the keychain and answers with
    // setTokenStored(true) or showTokenError(). It never reaches ClientSettings.
    void tokenEntered(const QString &token);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void addPage(Page page, SettingsPage *widget);
    void updatePageIcons();

    UserInfo m_user;
    QListWidget *m_pageList;
    QStackedWidget *m_stack;
    ConnectionPage *m_connection;
    ZadarmaAccountPage *m_zadarma;
    UsersPage *m_users;
    RoutingPage *m_routing;
    BlacklistPage *m_blacklist;
};

} // namespace CallBridge
