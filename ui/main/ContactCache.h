// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <optional>

namespace CallBridge {

class RelayClient;

// The contact cards the pages have seen, by id, so that a call or a task linked to a contact can
// show its name. Unknown ids are fetched once, lazily; contactKnown() tells when one arrives.
class ContactCache : public QObject
{
    Q_OBJECT

public:
    explicit ContactCache(RelayClient *client, QObject *parent = nullptr);

    std::optional<ContactCard> card(qint64 id) const;
    // The card when known; otherwise asks the relay (once) and returns nothing for now.
    std::optional<ContactCard> fetch(qint64 id);

public slots:
    void insert(const CallBridge::ContactCard &card);

signals:
    void contactKnown(const CallBridge::ContactCard &card);

private:
    RelayClient *m_client;
    QHash<qint64, ContactCard> m_cards;
    QSet<qint64> m_asked; // asked already, answered or not: a refused id is not asked again
};

} // namespace CallBridge
