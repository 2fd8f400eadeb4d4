// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QHash>
#include <QUrl>
#include <QWidget>

#include <chrono>

class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace CallBridge {

class ElidedLabel;

// The small window about one call, bottom right of the screen: who calls (the contact's name,
// company and responsible, or "new caller"), the number formatted for people, what the call is
// doing now, and the buttons to act on it. It is updated in place as the call goes on and never
// takes the keyboard focus from what the agent is typing. Whether it appears at all is decided
// elsewhere (LiveCalls); PopupStack places it.
class CallPopup : public QWidget
{
    Q_OBJECT

public:
    explicit CallPopup(const CallUpdate &update, QWidget *parent = nullptr);
    ~CallPopup() override;

    using QWidget::update;
    void update(const CallUpdate &update);

    const CallUpdate &call() const { return m_update; }
    QString pbxCallId() const { return m_update.call.pbxCallId; }
    bool isRinging() const { return m_update.call.state == u"ringing"; }
    bool isFinished() const { return m_update.call.isFinished(); }

    void setRegion(const QString &region); // numbers of this region are shown in national form
    void setOwnExtension(const QString &extension); // "answered by you"
    void setColleagues(const QHash<QString, QString> &namesByExtension);
    // With {id} (the contact's) and {phone} (E.164); empty: no "Open in CRM".
    void setCrmUrlTemplate(const QString &urlTemplate);
    // The app's line about the contact's previous call, shown as it is ("Last call: missed
    // yesterday at 16:02"); "Last call: …" until it is set, nothing when empty.
    void setLastInteraction(const QString &text);
    // How long an ended call's pop-up stays; zero or less: until dismissed. Missed calls always
    // stay until dismissed.
    void setAutoCloseAfterEnd(std::chrono::milliseconds delay);

    QString stateText() const;
    QString number() const; // the one to call back, as received
    // The contact's external_url, else the settings' template; empty when there is no link.
    QUrl crmUrl() const;
    static QUrl crmUrl(const QString &urlTemplate, qint64 contactId, const QString &phone);

signals:
    void openInCrmRequested(const QUrl &url);
    void callBackRequested(const QString &number);
    void createContactRequested(const QString &number);
    void dismissed(const QString &pbxCallId); // by the agent
    void expired(const QString &pbxCallId); // on its own, a while after the call ended

protected:
    void paintEvent(QPaintEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void updateAutoClose();
    QColor accent() const;
    QString answeredByText() const;

    CallUpdate m_update;
    PhoneNumberNormalizer m_phones;
    QString m_ownExtension;
    QHash<QString, QString> m_colleagues;
    QString m_crmUrlTemplate;
    QString m_lastInteraction;
    bool m_lastInteractionKnown = false;
    std::chrono::milliseconds m_autoCloseAfterEnd { std::chrono::seconds(30) };

    QLabel *m_badge;
    ElidedLabel *m_state; // the title: long translations and names end in "…"
    QLabel *m_time; // when the call started
    QToolButton *m_dismiss;
    ElidedLabel *m_name;
    ElidedLabel *m_number;
    ElidedLabel *m_company;
    ElidedLabel *m_responsible;
    QLabel *m_lastInteractionLabel;
    QPushButton *m_openInCrm;
    QPushButton *m_callBack;
    QPushButton *m_createContact;
    QTimer *m_autoClose;
};

} // namespace CallBridge
