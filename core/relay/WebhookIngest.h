// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/relay/CallProcessor.h"
#include "core/store/StoreTypes.h"
#include "core/webhook/WebhookEvent.h"

#include <QObject>

#include <chrono>
#include <deque>
#include <functional>
#include <set>

namespace CallBridge {

class Clock;
class Store;

// The outcome for one submitted webhook.
struct IngestOutcome
{
    qint64 seq = 0; // 0 for a duplicate
    bool duplicate = false;
};

// The single writer of the event log, with group commit: webhooks that arrive together are
// written in one transaction and fsynced once, and each is answered only after its batch is on
// disk (design.md §2.3a). The fsync runs on the store's flusher thread while this thread writes
// the next batch; answers and `committed` follow in commit order. Processing (calls, contacts,
// tasks, stream items) happens in the same transaction, so a crash never leaves an accepted event
// without its consequences.
class WebhookIngest : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<IngestOutcome>)>;

    WebhookIngest(Store *store, CallProcessor *processor, Clock *clock, QObject *parent = nullptr);

    // done is called from the event loop once the batch is committed (or failed).
    void submit(WebhookEvent event, EventRecord record, Done done);
    // Back-filled calls go through the same writer so that they never race the webhooks.
    void submitBackfill(QList<CallRecord> calls, std::function<void(Result<int>)> done);

    qsizetype queueDepth() const { return qsizetype(m_pending.size()); }
    // Writes whatever is queued now (shutdown).
    void flushNow();

    static constexpr qsizetype maxBatch = 512;

signals:
    // After a successful commit: stream items to publish, contacts the directory must learn.
    void committed(const CallBridge::ProcessingOutput &output);
    void batchWritten(int events, std::chrono::microseconds duration);

private:
    struct Pending
    {
        WebhookEvent event;
        EventRecord record;
        Done done;
    };
    struct PendingBackfill
    {
        QList<CallRecord> calls;
        std::function<void(Result<int>)> done;
    };
    void scheduleFlush();
    void flush();
    // onDisk runs once the committed batch is durable; not at all when this fails.
    Result<void> writeBatch(std::vector<Pending> &batch,
                            std::vector<Result<IngestOutcome>> &outcomes, ProcessingOutput &output,
                            std::function<void(Result<void>)> onDisk);
    // One try at the batch in one transaction, left open for the caller to commit. The index
    // of an event whose processing failed in a way that ended the transaction (PostgreSQL): the
    // caller rolls back and tries again without processing it.
    Result<std::optional<std::size_t>> writeBatchOnce(std::vector<Pending> &batch,
                                                      std::vector<Result<IngestOutcome>> &outcomes,
                                                      ProcessingOutput &output,
                                                      const std::set<std::size_t> &storeOnly);
    void refuse(std::vector<Pending> &batch, const Error &error);

    Store *m_store;
    CallProcessor *m_processor;
    Clock *m_clock;
    std::deque<Pending> m_pending;
    std::deque<PendingBackfill> m_backfills;
    bool m_flushScheduled = false;
    bool m_batchOnItsWayToDisk = false; // committed, its fsync running on the flusher thread
};

} // namespace CallBridge
