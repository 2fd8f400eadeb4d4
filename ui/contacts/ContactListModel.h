// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QAbstractListModel>

namespace CallBridge {

// The contacts a search found, in the relay's order. Display: the name (or the first number when
// there is none); SubtitleRole: company and numbers formatted for people.
class ContactListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, SubtitleRole, NumbersRole };

    explicit ContactListModel(QObject *parent = nullptr);

    void setNumberFormat(const PhoneNumberNormalizer &normalizer);
    void setContacts(const QList<ContactCard> &contacts);
    // Replaces the contact with the same id; `prepend` adds it at the top when it is not listed.
    void update(const ContactCard &contact, bool prepend = false);

    const QList<ContactCard> &contacts() const { return m_contacts; }
    const ContactCard &contact(int row) const { return m_contacts.at(row); }
    int rowOf(qint64 id) const; // -1 when not listed
    QString title(const ContactCard &contact) const;
    QString subtitle(const ContactCard &contact) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    PhoneNumberNormalizer m_normalizer;
    QList<ContactCard> m_contacts;
};

} // namespace CallBridge
