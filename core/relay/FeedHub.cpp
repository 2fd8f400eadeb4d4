// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/FeedHub.h"

#include "core/common/Clock.h"
#include "core/relay/RelayJson.h"
#include "core/store/Store.h"

namespace CallBridge {

FeedHub::FeedHub(Store *store, Clock *clock, QObject *parent)
    : QObject(parent), m_store(store), m_clock(clock)
{ }

Result<FeedItem> FeedHub::append(const QString &type, const QJsonObject &payload,
                                 QList<qint64> audience, bool everyone)
{
    FeedItem item;
    item.createdAt = m_clock->now();
    item.type = type;
    item.payload = payload;
    item.audience = std::move(audience);
    item.everyone = everyone;
    serialisePayload(item);
    auto seq = m_store->appendFeed(item);
    if (!seq)
        return fail(seq.error());
    item.seq = seq.value();
    publish({ item });
    return item;
}

void FeedHub::publish(const QList<FeedItem> &items)
{
    if (!items.isEmpty())
        emit published(items);
}

bool FeedHub::mayView(const UserRecord &user, const FeedItem &item)
{
    return user.role == UserRole::Admin || item.everyone || item.audience.contains(user.id);
}

} // namespace CallBridge
