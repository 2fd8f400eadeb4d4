// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;

namespace CallBridge {

class Banner;
class ContactCache;
class ContactCardView;
class ContactEditor;
class ContactListModel;
class ContactSearch;
class RelayClient;

// The contacts page: search as you type, the list of matches, the selected contact's card or the
// form to create or change one, and click-to-call with a banner that says what happened.
class ContactsPage : public QWidget
{
    Q_OBJECT

public:
    ContactsPage(RelayClient *client, ContactCache *cache, QWidget *parent = nullptr);

    void setNumberFormat(const PhoneNumberNormalizer &normalizer);

    QLineEdit *searchField() const { return m_searchField; }
    QListView *listView() const { return m_list; }
    ContactListModel *model() const { return m_model; }
    ContactSearch *search() const { return m_search; }
    ContactCardView *cardView() const { return m_card; }
    ContactEditor *editor() const { return m_editor; }
    Banner *banner() const { return m_banner; }
    bool isEditing() const;
    // The contact whose card is shown, 0 when none.
    qint64 shownContactId() const;

public slots:
    // Asks the relay to ring the agent's phone, then `number` (tel: links end here too).
    void dial(const QString &number);
    // The form for a new contact, with `number` filled in (the pop-up's "Create contact").
    void showNewContact(const QString &number = QString());
    // The card of contact `id`, fetched when it is not in the list.
    void showContact(qint64 id);
    // A contact changed elsewhere (the stream's contact.updated).
    void contactChanged(const CallBridge::ContactCard &contact);
    // Runs the current search again.
    void refresh();

signals:
    void callPlaced(const QString &number, const CallBridge::ClickToCallPlaced &placed);
    void callRefused(const QString &number, const QString &message);
    void contactSaved(const CallBridge::ContactCard &contact);

private:
    void showResults(const QString &query, const QList<ContactCard> &contacts);
    void showCard(const ContactCard &contact);
    void loadRecentCalls(qint64 contactId);
    void save();
    void closeEditor();
    void updateCount();

    RelayClient *m_client;
    ContactCache *m_cache;
    PhoneNumberNormalizer m_normalizer;
    ContactSearch *m_search;
    ContactListModel *m_model;
    QLineEdit *m_searchField;
    QPushButton *m_newContact;
    Banner *m_banner;
    QListView *m_list;
    QLabel *m_count;
    QStackedWidget *m_pane;
    QWidget *m_placeholder;
    ContactCardView *m_card;
    ContactEditor *m_editor;
    quint64 m_callsGeneration = 0;
};

} // namespace CallBridge
