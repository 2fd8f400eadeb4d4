// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main/ContactCache.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"

namespace CallBridge {

ContactCache::ContactCache(RelayClient *client, QObject *parent) : QObject(parent), m_client(client)
{ }

std::optional<ContactCard> ContactCache::card(qint64 id) const
{
    const auto found = m_cards.constFind(id);
    if (found == m_cards.cend())
        return std::nullopt;
    return *found;
}

std::optional<ContactCard> ContactCache::fetch(qint64 id)
{
    if (id <= 0)
        return std::nullopt;
    if (auto known = card(id))
        return known;
    if (m_asked.contains(id))
        return std::nullopt;
    m_asked.insert(id);
    m_client->contact(id, this, [this, id](RelayResult<ContactCard> result) {
        if (!result) {
            qCInfo(lcUiContacts) << "contact" << id << "not shown:" << result.error().message;
            return;
        }
        insert(result.value());
    });
    return std::nullopt;
}

void ContactCache::insert(const ContactCard &card)
{
    if (card.id <= 0)
        return;
    m_cards.insert(card.id, card);
    m_asked.insert(card.id);
    emit contactKnown(card);
}

} // namespace CallBridge
