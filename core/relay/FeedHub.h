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

    static bool mayView(const UserRecord &user, const FeedItem &item);

signals:
    void published(const QList<CallBridge::FeedItem> &items);

private:
    Store *m_store;
    Clock *m_clock;
};

} // namespace CallBridge
