// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/WebhookIngest.h"

#include "core/common/Clock.h"
#include "core/store/Store.h"

#include <QLoggingCategory>
#include <QMetaObject>

Q_LOGGING_CATEGORY(lcIngest, "callbridge.core.relay.ingest")

namespace CallBridge {

WebhookIngest::WebhookIngest(Store *store, CallProcessor *processor, Clock *clock, QObject *parent)
    : QObject(parent), m_store(store), m_processor(processor), m_clock(clock)
{ }

void WebhookIngest::submit(WebhookEvent event, EventRecord record, Done done)
{
    m_pending.push_back({ std::move(event), std::move(record), std::move(done) });
    scheduleFlush();
}

void WebhookIngest::submitBackfill(QList<CallRecord> calls, std::function<void(Result<int>)> done)
{
    m_backfills.push_back({ std::move(calls), std::move(done) });
    scheduleFlush();
}

void WebhookIngest::scheduleFlush()
{
    // While the disk flushes a batch, the next one gathers: the flush's end schedules it.
    if (m_flushScheduled || m_batchOnItsWayToDisk)
        return;
    m_flushScheduled = true;
    // Queued: runs after the event loop has read every request that is already waiting, so
    // they share one transaction and one fsync.
    QMetaObject::invokeMethod(this, &WebhookIngest::flush, Qt::QueuedConnection);
}

void WebhookIngest::flushNow()
{
    while (!m_pending.empty() || !m_backfills.empty())
        flush();
    m_store->finishFlushes();
}

void WebhookIngest::flush()
{
    m_flushScheduled = false;
    if (!m_pending.empty()) {
        const auto started = m_clock->monotonic();
        auto batch = std::make_shared<std::vector<Pending>>();
        const qsizetype count = std::min<qsizetype>(maxBatch, qsizetype(m_pending.size()));
        batch->reserve(std::size_t(count));
        for (qsizetype i = 0; i < count; ++i) {
            batch->push_back(std::move(m_pending.front()));
            m_pending.pop_front();
        }
        auto outcomes = std::make_shared<std::vector<Result<IngestOutcome>>>();
        auto output = std::make_shared<ProcessingOutput>();
        // The answers wait for the disk; this thread goes on to the next batch meanwhile.
        const auto onDisk = [this, started, batch, outcomes, output](Result<void> durable) {
            m_batchOnItsWayToDisk = false;
            if (!m_pending.empty() || !m_backfills.empty())
                scheduleFlush();
            if (!durable) {
                refuse(*batch, durable.error());
                return;
            }
            emit batchWritten(int(batch->size()),
                              std::chrono::duration_cast<std::chrono::microseconds>(
                                      m_clock->monotonic() - started));
            for (std::size_t i = 0; i < batch->size(); ++i)
                (*batch)[i].done((*outcomes)[i]);
            emit committed(*output);
        };
        if (auto written = writeBatch(*batch, *outcomes, *output, onDisk); written)
            m_batchOnItsWayToDisk = true;
        else
            refuse(*batch, written.error());
    }
    if (!m_backfills.empty()) {
        PendingBackfill backfill = std::move(m_backfills.front());
        m_backfills.pop_front();
        ProcessingOutput output;
        int added = 0;
        Result<void> written = m_store->begin();
        if (written && m_store->othersWroteBeforeThisTransaction())
            m_processor->forgetCalls();
        for (const CallRecord &call : std::as_const(backfill.calls)) {
            if (!written)
                break;
            auto known = m_store->hasCall(call.pbxCallId);
            if (!known) {
                written = fail(known.error());
                break;
            }
            if (known.value())
                continue;
            written = m_processor->processBackfilled(call, output);
            ++added;
        }
        if (written)
            written = m_store->commit();
        if (written) {
            backfill.done(added);
            emit committed(output);
        } else {
            m_store->rollback();
            backfill.done(fail(written.error()));
        }
    }
    if (!m_pending.empty() || !m_backfills.empty())
        scheduleFlush();
}

void WebhookIngest::refuse(std::vector<Pending> &batch, const Error &error)
{
    qCCritical(lcIngest) << "could not store" << batch.size()
                         << "webhooks; they are refused and Zadarma may retry:" << error.message;
    for (Pending &pending : batch)
        pending.done(fail(error));
}

Result<void> WebhookIngest::writeBatch(std::vector<Pending> &batch,
                                       std::vector<Result<IngestOutcome>> &outcomes,
                                       ProcessingOutput &output,
                                       std::function<void(Result<void>)> onDisk)
{
    // Events whose processing failed in an earlier try of this batch: stored, not processed.
    std::set<std::size_t> storeOnly;
    for (;;) {
        outcomes.clear();
        output = ProcessingOutput();
        auto written = writeBatchOnce(batch, outcomes, output, storeOnly);
        if (!written)
            return fail(written.error());
        if (!written.value())
            break;
        // PostgreSQL ended the transaction at the failed step: the batch goes again without it.
        m_store->rollback();
        m_processor->resetMemory();
        storeOnly.insert(*written.value());
    }
    if (auto committed = m_store->commitFlushingLater(std::move(onDisk)); !committed) {
        m_processor->resetMemory();
        return committed;
    }
    return {};
}

Result<std::optional<std::size_t>>
WebhookIngest::writeBatchOnce(std::vector<Pending> &batch,
                              std::vector<Result<IngestOutcome>> &outcomes,
                              ProcessingOutput &output, const std::set<std::size_t> &storeOnly)
{
    if (auto begun = m_store->beginFlushingLater(); !begun)
        return fail(begun.error());
    if (m_store->othersWroteBeforeThisTransaction())
        m_processor->forgetCalls();
    outcomes.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Pending &pending = batch[i];
        auto seq = m_store->appendEvent(pending.record);
        if (!seq) {
            m_store->rollback();
            m_processor->resetMemory();
            return fail(seq.error());
        }
        if (!seq.value()) {
            outcomes.push_back(IngestOutcome { 0, true });
            continue;
        }
        outcomes.push_back(IngestOutcome { *seq.value(), false });
        if (storeOnly.contains(i))
            continue;
        // The raw event is the record of truth; a failure to derive from it is logged and the
        // event kept, so that nothing accepted is lost.
        if (auto processed = m_processor->process(pending.event, *seq.value(), output);
            !processed) {
            qCWarning(lcIngest) << "event" << *seq.value() << pending.record.eventName
                                << "stored, but processing it failed:" << processed.error().message;
            if (m_store->transactionFailed())
                return std::optional<std::size_t>(i);
        }
    }
    return std::optional<std::size_t>();
}

} // namespace CallBridge
