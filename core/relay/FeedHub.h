// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/store/StoreTypes.h"

#include <QObject>

namespace CallBridge {

class Clock;
class Store;

// The agents' stream at its source: items are stored first (so a reconnecting agent can
// resume after any seq) and then published to the connected agents.
class FeedHub : public QObject
{
    Q_OBJECT

public:
    FeedHub(Store *store, Clock *clock, QObject *parent = nullptr);

    // Stores and publishes one item outside the webhook path (REST changes).
    Result<FeedItem> append(const QString &type, const QJsonObject &payload, QList<qint64> audience,
                            bool everyone = false);
    // Publishes items already stored (the webhook path stores them in its own transaction).
    void publish(const QList<FeedItem> &items);

    // For relays sharing a store: from now on items are published as read back from the store,
    // in seq order, whoever stored them; publish() only says that this relay committed some.
    // The writers' turn makes seqs commit in order, so reading after the last seq seen never
    // skips one. Starts after the newest item stored now.
    Result<void> followStore();
    // Reads and publishes what was stored after the last item published (another relay's
    // announcement, a reconnect, the relay's regular poll).
    void catchUp();

    static bool mayView(const UserRecord &user, const FeedItem &item);

signals:
    void published(const QList<CallBridge::FeedItem> &items);

private:
    Store *m_store;
    Clock *m_clock;
    bool m_following = false;
    qint64 m_lastSeq = 0; // while following: the newest item published
};

} // namespace CallBridge
