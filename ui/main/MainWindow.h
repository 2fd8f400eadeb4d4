// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace CallBridge {

class ContactCache;
class ContactsPage;
class HistoryPage;
class RelayClient;
class RemindersPage;

// The main window: a sidebar with contacts, history and reminders, a status bar with the
// connection and the signed-in user, and "Settings…" (the app opens the dialog).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page { Contacts, History, Reminders };
    Q_ENUM(Page)

    explicit MainWindow(RelayClient *client, QWidget *parent = nullptr);

    ContactsPage *contactsPage() const { return m_contacts; }
    HistoryPage *historyPage() const { return m_history; }
    RemindersPage *remindersPage() const { return m_reminders; }
    ContactCache *contactCache() const { return m_cache; }
    QAction *settingsAction() const { return m_settings; }

    void setNumberFormat(const PhoneNumberNormalizer &normalizer);
    // The signed-in user, shown in the status bar; administrators' history lists every call.
    void setUser(const UserInfo &user);
    Page currentPage() const;
    QString connectionStatus() const;
    QString userText() const;

public slots:
    // The stream's state in words ("Connected", "Reconnecting in 4 s…"); `online` colours the dot.
    void setConnectionStatus(const QString &text);
    void setOnline(bool online);
    void showContacts();
    void showHistory();
    void showReminders();
    void showPage(CallBridge::MainWindow::Page page);
    // A tel: link or a second launch: the contacts page, calling `number`.
    void dial(const QString &number);
    // The pop-up's "Create contact".
    void showNewContact(const QString &number);
    // Reloads every page (after signing in or reconnecting).
    void refresh();
    // From the stream.
    void callChanged(const CallBridge::CallUpdate &update);
    void taskChanged(const CallBridge::TaskInfo &task, bool created);
    void contactChanged(const CallBridge::ContactCard &contact);

signals:
    void settingsRequested();

protected:
    void hideEvent(QHideEvent *event) override;

private:
    void showReminderCount(int open);
    void pageChanged(int index);

    ContactCache *m_cache;
    ContactsPage *m_contacts;
    HistoryPage *m_history;
    RemindersPage *m_reminders;
    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    QAction *m_settings;
    QLabel *m_connectionDot;
    QLabel *m_connection;
    QLabel *m_user;
    bool m_online = false;
};

} // namespace CallBridge
