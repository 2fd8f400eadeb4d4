// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/ClientJson.h"

namespace CallBridge {

QString jsonText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.toString();
}

QDateTime jsonTime(const QJsonValue &value)
{
    const QString written = value.toString();
    if (written.isEmpty())
        return {};
    QDateTime parsed = QDateTime::fromString(written, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(written, Qt::ISODate);
    return parsed.toUTC();
}

} // namespace CallBridge
