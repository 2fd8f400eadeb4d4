// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QTreeWidget;
class QVBoxLayout;

namespace CallBridge {

// One contact: name, company, every number with its own "Call" button, email, responsible,
// notes and the latest calls with them.
class ContactCardView : public QWidget
{
    Q_OBJECT

public:
    explicit ContactCardView(QWidget *parent = nullptr);

    void setNumberFormat(const PhoneNumberNormalizer &normalizer) { m_normalizer = normalizer; }
    void setContact(const ContactCard &contact);
    const ContactCard &contact() const { return m_contact; }
    void setRecentCalls(const QList<CallInfo> &calls);
    void setRecentCallsMessage(const QString &text);

    // One per number, in the contact's order; each has the property "number" (E.164).
    QList<QPushButton *> callButtons() const { return m_callButtons; }
    QTreeWidget *recentCalls() const { return m_calls; }

signals:
    void callRequested(const QString &number);
    void editRequested();

private:
    void addRow(const QString &label, QWidget *field);

    PhoneNumberNormalizer m_normalizer;
    ContactCard m_contact;
    QLabel *m_avatar;
    QLabel *m_name;
    QLabel *m_company;
    QPushButton *m_edit;
    QWidget *m_details;
    QFormLayout *m_form;
    QList<QPushButton *> m_callButtons;
    QLabel *m_callsMessage;
    QTreeWidget *m_calls;
};

} // namespace CallBridge
