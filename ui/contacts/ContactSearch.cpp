// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/contacts/ContactSearch.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"

namespace CallBridge {

ContactSearch::ContactSearch(RelayClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(200);
    connect(&m_timer, &QTimer::timeout, this, &ContactSearch::searchNow);
}

void ContactSearch::setQuery(const QString &text)
{
    m_query = text.trimmed();
    ++m_generation; // an answer still on its way is for an older query now
    m_timer.start();
    setBusy(true);
}

void ContactSearch::searchNow()
{
    m_timer.stop();
    const quint64 generation = ++m_generation;
    const QString query = m_query;
    setBusy(true);
    m_client->searchContacts(query, m_limit, this,
                             [this, generation, query](RelayResult<QList<ContactCard>> result) {
                                 if (generation != m_generation)
                                     return;
                                 setBusy(false);
                                 if (!result) {
                                     qCInfo(lcUiContacts)
                                             << "search failed:" << result.error().message;
                                     emit failed(query, result.error().message);
                                     return;
                                 }
                                 emit resultsReady(query, result.value());
                             });
}

void ContactSearch::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace CallBridge
