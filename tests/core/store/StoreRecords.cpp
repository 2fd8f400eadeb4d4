// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/store/StoreRecords.h"

namespace CallBridge::StoreRecords {

QDateTime at(int seconds)
{
    static const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1795000000123, Qt::UTC);
    return t0.addSecs(seconds);
}

EventRecord eventRecord(const QString &pbxCallId, const QByteArray &key, int second)
{
    EventRecord e;
    e.receivedAt = at(second);
    e.eventName = QStringLiteral("NOTIFY_START");
    e.pbxCallId = pbxCallId;
    e.dedupeKey = key;
    e.rawForm = "event=NOTIFY_START&pbx_call_id=" + pbxCallId.toUtf8() + QByteArray("\0x", 2);
    e.remoteAddress = QStringLiteral("185.45.152.42");
    return e;
}

QStringList names(const QList<ContactRecord> &contacts)
{
    QStringList result;
    for (const ContactRecord &c : contacts)
        result << c.name;
    return result;
}

} // namespace CallBridge::StoreRecords
