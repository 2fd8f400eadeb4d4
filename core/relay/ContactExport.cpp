// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ContactExport.h"

namespace CallBridge {

QStringList ContactExport::columns()
{
    return { QStringLiteral("name"),   QStringLiteral("company"),     QStringLiteral("email"),
             QStringLiteral("phones"), QStringLiteral("notes"),       QStringLiteral("responsible"),
             QStringLiteral("tags"),   QStringLiteral("external_url") };
}

QByteArray ContactExport::headerRow()
{
    return columns().join(u',').toUtf8() + "\r\n";
}

QByteArray ContactExport::row(const ContactRecord &contact, const QString &responsibleName)
{
    const QStringList fields { field(contact.name),
                               field(contact.company),
                               field(contact.email),
                               field(contact.phones.join(QStringLiteral("; "))),
                               field(contact.notes),
                               field(responsibleName),
                               field(contact.tags.join(QStringLiteral("; "))),
                               field(contact.externalUrl) };
    return fields.join(u',').toUtf8() + "\r\n";
}

QString ContactExport::field(const QString &value)
{
    const bool quote = value.contains(u',') || value.contains(u'"') || value.contains(u'\n')
            || value.contains(u'\r') || value.contains(u';') || value.startsWith(u' ')
            || value.endsWith(u' ');
    if (!quote)
        return value;
    QString escaped = value;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

} // namespace CallBridge
