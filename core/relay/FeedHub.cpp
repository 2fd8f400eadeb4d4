// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/FeedHub.h"

#include "core/common/Clock.h"
#include "core/relay/RelayJson.h"
#include "core/store/Store.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcFeedHub, "callbridge.core.relay.feed")

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
    if (items.isEmpty())
        return;
    if (m_following)
        catchUp();
    else
        emit published(items);
}

Result<void> FeedHub::followStore()
{
    auto latest = m_store->latestFeedSeq();
    if (!latest)
        return fail(latest.error());
    m_lastSeq = latest.value();
    m_following = true;
    return {};
}

void FeedHub::catchUp()
{
    if (!m_following)
        return;
    constexpr int page = 500;
    for (;;) {
        auto items = m_store->feedAfter(m_lastSeq, page);
        if (!items) {
            // The next announcement or poll tries again from the same place: nothing is lost.
            qCWarning(lcFeedHub).noquote()
                    << "cannot read the shared feed:" << items.error().message;
            return;
        }
        if (items->isEmpty())
            return;
        m_lastSeq = items->constLast().seq;
        emit published(items.value());
        if (items->size() < page)
            return;
    }
}

bool FeedHub::mayView(const UserRecord &user, const FeedItem &item)
{
    return user.role == UserRole::Admin || item.everyone || item.audience.contains(user.id);
}

} // namespace CallBridge
