// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace CallBridge {

// The fields of a form body, decoded, in the order received. Repeated names are kept; lookups
// return the last occurrence, as PHP's $_POST (which Zadarma's examples read) would.
class FormFields
{
public:
    using Entry = std::pair<QString, QString>;

    FormFields() = default;
    FormFields(std::initializer_list<Entry> entries) : m_entries(entries) { }

    void append(const QString &name, const QString &value) { m_entries.append({ name, value }); }

    std::optional<QString> find(const QString &name) const;
    QString value(const QString &name) const { return find(name).value_or(QString()); }
    bool contains(const QString &name) const { return find(name).has_value(); }

    const QList<Entry> &entries() const { return m_entries; }
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }

    // application/x-www-form-urlencoded, PHP RFC 1738 style (space as '+'), in received order.
    QByteArray toUrlEncoded() const;

    friend bool operator==(const FormFields &, const FormFields &) = default;

private:
    QList<Entry> m_entries;
};

} // namespace CallBridge
