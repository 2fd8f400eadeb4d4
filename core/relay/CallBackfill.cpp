// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/CallBackfill.h"

#include "core/calls/Call.h"
#include "core/common/Clock.h"
#include "core/relay/RelayJson.h"
#include "core/relay/RoutingDirectory.h"
#include "core/relay/WebhookIngest.h"
#include "core/store/Store.h"
#include "core/zadarma/PbxStatisticsPager.h"
#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaTime.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBackfill, "callbridge.core.relay.backfill")

namespace CallBridge {

QJsonObject CallBackfill::Status::toJson() const
{
    return {
        { QStringLiteral("running"), running },
        { QStringLiteral("from"), CallBridge::toJson(from) },
        { QStringLiteral("to"), CallBridge::toJson(to) },
        { QStringLiteral("pages"), pages },
        { QStringLiteral("seen"), qint64(seen) },
        { QStringLiteral("added"), added },
        { QStringLiteral("error"),
          error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error) },
        { QStringLiteral("started_at"), CallBridge::toJson(startedAt) },
        { QStringLiteral("finished_at"), CallBridge::toJson(finishedAt) },
    };
}

CallBackfill::CallBackfill(ZadarmaClient *zadarma, WebhookIngest *ingest, Store *store,
                           RoutingDirectory *directory, Clock *clock, QObject *parent)
    : QObject(parent),
      m_zadarma(zadarma),
      m_ingest(ingest),
      m_store(store),
      m_directory(directory),
      m_clock(clock)
{ }

CallRecord CallBackfill::toCallRecord(const PbxCallRecord &row, const RoutingDirectory &directory)
{
    // pbx_call_id says the direction (in_… / out_…); for inbound calls clid is the caller and
    // destination the number dialled, for outbound clid is the CallerID and destination the
    // client.
    const bool inbound = row.pbxCallId.startsWith(QLatin1String("in_"));
    const bool answered = row.disposition == QLatin1String("answered");
    CallRecord call;
    call.pbxCallId = row.pbxCallId;
    call.direction = toText(inbound ? CallDirection::Inbound : CallDirection::Outbound);
    call.state = toText(answered || !inbound ? CallState::Ended : CallState::Missed);
    call.callStart = row.callStart;
    call.startedAt = zadarmaTimeToUtc(row.callStart, directory.accountUtcOffsetSeconds());
    call.callerId = row.clid;
    call.calledDid = inbound ? row.destination : QString();
    call.clientNumber = directory.canonicalNumber(inbound ? row.clid : row.destination);
    call.extension = row.sip;
    call.answeredBy = answered ? row.sip : QString();
    call.durationSeconds = row.seconds;
    call.disposition = row.disposition;
    call.isRecorded = row.isRecorded;
    call.recordingId = row.isRecorded ? row.callId : QString();
    call.recordingReady = row.isRecorded;
    call.source = QStringLiteral("statistics");
    return call;
}

Result<void> CallBackfill::start(QDateTime from, QDateTime to)
{
    if (m_status.running)
        return fail(QStringLiteral("A back-fill is already running (since %1).")
                            .arg(m_status.startedAt.toString(Qt::ISODate)));
    if (!m_zadarma->hasCredentials())
        return fail(QStringLiteral("Zadarma credentials are not set, so calls cannot be "
                                   "back-filled."));
    const QDateTime now = m_clock->now().toUTC();
    if (!to.isValid() || to > now)
        to = now;
    if (!from.isValid()) {
        auto latest = m_store->latestEventTime();
        if (!latest)
            return fail(latest.error());
        from = latest->isValid() ? latest->addSecs(-3600) : now.addDays(-1);
    }
    if (from >= to)
        return fail(QStringLiteral("The back-fill period is empty: %1 is not before %2.")
                            .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    if (from.daysTo(to) > maxDays)
        from = to.addDays(-maxDays);

    m_status = Status();
    m_status.running = true;
    m_status.from = from;
    m_status.to = to;
    m_status.startedAt = now;

    PbxStatisticsQuery query;
    query.start = zadarmaTimeFromUtc(from, m_directory->accountUtcOffsetSeconds());
    // Zadarma's times have whole seconds: round up so that a call of this very second counts.
    query.end = zadarmaTimeFromUtc(to.addSecs(1), m_directory->accountUtcOffsetSeconds());
    m_pager = new PbxStatisticsPager(m_zadarma, query, this);
    connect(m_pager, &PbxStatisticsPager::pageReceived, this, [this](int pages, qsizetype calls) {
        m_status.pages = pages;
        m_status.seen = calls;
    });
    connect(m_pager, &PbxStatisticsPager::finished, this, &CallBackfill::pagerFinished);
    qCInfo(lcBackfill).noquote() << "back-filling calls from" << from.toString(Qt::ISODate) << "to"
                                 << to.toString(Qt::ISODate);
    m_pager->start();
    return {};
}

void CallBackfill::pagerFinished()
{
    PbxStatisticsPager *pager = m_pager;
    m_status.pages = pager->pagesFetched();
    m_status.seen = pager->calls().size();
    if (pager->error())
        m_status.error = pager->error()->toString();
    QList<CallRecord> calls;
    calls.reserve(pager->calls().size());
    for (const PbxCallRecord &row : pager->calls()) {
        if (!row.pbxCallId.isEmpty())
            calls.append(toCallRecord(row, *m_directory));
    }
    pager->deleteLater();
    // The calls of the pages that did arrive are written even after an error.
    m_ingest->submitBackfill(calls, [this](Result<int> added) {
        if (added)
            m_status.added = added.value();
        else if (m_status.error.isEmpty())
            m_status.error = added.error().message;
        m_status.running = false;
        m_status.finishedAt = m_clock->now();
        if (m_status.error.isEmpty())
            qCInfo(lcBackfill) << "back-fill done:" << m_status.seen << "calls listed,"
                               << m_status.added << "were missing and are now stored";
        else
            qCWarning(lcBackfill).noquote()
                    << "back-fill ended with an error after" << m_status.added
                    << "calls were added:" << m_status.error;
        emit finished(m_status);
    });
}

} // namespace CallBridge
