// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/PbxStatisticsPager.h"

#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaLogging.h"

#include <algorithm>

namespace CallBridge {

PbxStatisticsPager::PbxStatisticsPager(ZadarmaClient *client, PbxStatisticsQuery query,
                                       QObject *parent)
    : QObject(parent), m_client(client), m_query(std::move(query))
{
    m_query.limit = std::clamp(m_query.limit, 1, 1000); // Zadarma's maximum page
    m_query.skip = std::max(0, m_query.skip);
}

void PbxStatisticsPager::start()
{
    if (m_started)
        return;
    m_started = true;
    requestPage();
}

void PbxStatisticsPager::requestPage()
{
    ZadarmaReply *reply = m_client->pbxStatistics(m_query);
    connect(reply, &ZadarmaReply::finished, this, [this, reply] {
        reply->deleteLater();
        handlePage(reply);
    });
}

void PbxStatisticsPager::handlePage(ZadarmaReply *reply)
{
    if (!reply->result())
        return finish(reply->result().error());
    const auto page = PbxStatisticsPage::fromJson(reply->result().value());
    if (!page)
        return finish(ZadarmaError { ZadarmaError::Kind::InvalidResponse, 200, page.error().message,
                                     reply->attempts() });
    // A server that ignores skip would hand out the same page forever.
    if (!page->calls.isEmpty() && m_pages > 0
        && page->calls.first().callId == m_lastPageFirstCallId) {
        return finish(ZadarmaError { ZadarmaError::Kind::InvalidResponse, 200,
                                     QStringLiteral("Zadarma sent the same statistics page twice "
                                                    "(skip=%1 was ignored)")
                                             .arg(m_query.skip),
                                     reply->attempts() });
    }
    ++m_pages;
    m_calls += page->calls;
    if (!page->calls.isEmpty())
        m_lastPageFirstCallId = page->calls.first().callId;
    emit pageReceived(m_pages, m_calls.size());
    qCDebug(lcZadarmaClient) << "statistics page" << m_pages << "with" << page->calls.size()
                             << "calls";

    if (page->calls.size() < m_query.limit)
        return finish(std::nullopt);
    if (m_pages >= maxPages)
        return finish(ZadarmaError { ZadarmaError::Kind::InvalidResponse, 200,
                                     QStringLiteral("more than %1 pages of statistics; ask for a "
                                                    "shorter period")
                                             .arg(maxPages),
                                     reply->attempts() });
    m_query.skip += m_query.limit;
    requestPage();
}

void PbxStatisticsPager::finish(std::optional<ZadarmaError> error)
{
    m_error = std::move(error);
    m_finished = true;
    emit finished();
}

} // namespace CallBridge
