// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/contacts/ContactListModel.h"

#include "ui/main/CallFormat.h"

namespace CallBridge {

ContactListModel::ContactListModel(QObject *parent) : QAbstractListModel(parent) { }

void ContactListModel::setNumberFormat(const PhoneNumberNormalizer &normalizer)
{
    m_normalizer = normalizer;
    if (!m_contacts.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

void ContactListModel::setContacts(const QList<ContactCard> &contacts)
{
    beginResetModel();
    m_contacts = contacts;
    endResetModel();
}

void ContactListModel::update(const ContactCard &contact, bool prepend)
{
    const int row = rowOf(contact.id);
    if (row >= 0) {
        m_contacts[row] = contact;
        emit dataChanged(index(row), index(row));
    } else if (prepend) {
        beginInsertRows(QModelIndex(), 0, 0);
        m_contacts.prepend(contact);
        endInsertRows();
    }
}

int ContactListModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_contacts.size(); ++row) {
        if (m_contacts.at(row).id == id)
            return row;
    }
    return -1;
}

QString ContactListModel::title(const ContactCard &contact) const
{
    if (CallFormat::isNumberLike(contact.name) && !contact.phones.isEmpty())
        return m_normalizer.formatForDisplay(contact.phones.constFirst());
    if (!contact.name.trimmed().isEmpty())
        return contact.name;
    if (!contact.phones.isEmpty())
        return m_normalizer.formatForDisplay(contact.phones.constFirst());
    return tr("Unnamed contact");
}

QString ContactListModel::subtitle(const ContactCard &contact) const
{
    QStringList parts;
    if (!contact.company.trimmed().isEmpty())
        parts << contact.company;
    QStringList numbers;
    for (const QString &phone : contact.phones)
        numbers << m_normalizer.formatForDisplay(phone);
    // The first number is the title already when there is no name, or the name is a number.
    const bool numberTitle = CallFormat::isNumberLike(contact.name);
    if (numberTitle && !numbers.isEmpty())
        numbers.removeFirst();
    if (numberTitle && contact.source == u"auto" && parts.isEmpty())
        parts << tr("New caller, added from a call");
    if (!numbers.isEmpty())
        parts << numbers.join(QStringLiteral(", "));
    return parts.join(QStringLiteral(" · "));
}

int ContactListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_contacts.size());
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_contacts.size())
        return {};
    const ContactCard &contact = m_contacts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return title(contact);
    case Qt::ToolTipRole: {
        const QString more = subtitle(contact);
        return more.isEmpty() ? title(contact) : title(contact) + u'\n' + more;
    }
    case IdRole:
        return contact.id;
    case SubtitleRole:
        return subtitle(contact);
    case NumbersRole: {
        QStringList numbers;
        for (const QString &phone : contact.phones)
            numbers << m_normalizer.formatForDisplay(phone);
        return numbers;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ContactListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "contactId");
    names.insert(SubtitleRole, "subtitle");
    names.insert(NumbersRole, "numbers");
    return names;
}

} // namespace CallBridge
