// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/calls/CallAggregator.h"
#include "core/common/Result.h"
#include "core/store/StoreTypes.h"
#include "core/webhook/WebhookEvent.h"

#include <QSet>

#include <deque>

namespace CallBridge {

class Clock;
class RoutingDirectory;
class Store;

// What processing an event produced, to act on once the transaction is committed.
struct ProcessingOutput
{
    QList<FeedItem> feed; // with their seq
    bool crmWritesQueued = false; // the external CRM's outbox has something new
};

// Folds accepted events into calls and does what the CRM does with them: a contact and a lead
// for an unknown caller, a reminder task for a missed call, and a stream item for every change.
// Runs inside the caller's transaction, so an event and everything derived from it are stored
// together or not at all.
class CallProcessor
{
public:
    CallProcessor(Store *store, RoutingDirectory *directory, Clock *clock);

    // The event has been appended to the store as `seq`.
    Result<void> process(const WebhookEvent &event, qint64 seq, ProcessingOutput &output);

    // A call reconstructed from Zadarma's statistics (back-fill), for a pbx_call_id the store
    // does not know yet.
    Result<void> processBackfilled(CallRecord call, ProcessingOutput &output);

    // With an external CRM, every call also queues its writes there (CrmOutboxItem) in the
    // same transaction: a look-up of the caller when it starts, the finished call, the
    // missed-call task.
    void setCrmConnected(bool connected) { m_crmConnected = connected; }
    bool isCrmConnected() const { return m_crmConnected; }

    // A contact changed outside the webhook path (the CRM's answer arrived): stream it, and the
    // call it was looked up for with it, so that an open pop-up shows it. Inside the caller's
    // transaction.
    Result<void> contactRefreshed(const ContactRecord &contact, const QString &pbxCallId,
                                  ProcessingOutput &output);

    // After a rolled-back transaction: what memory holds may be ahead of the store, so calls are
    // reloaded from the event log and the directory from the store.
    void resetMemory();
    // Another relay sharing the store wrote since this one's last transaction: its events may
    // have moved calls on, so calls are reloaded from the event log as their next event comes.
    void forgetCalls();
    qsizetype callsInMemory() const { return m_aggregator.size(); }

    // Calls kept in memory after they closed, for late and duplicated events; older ones are
    // reloaded from the event log when an event for them arrives.
    static constexpr qsizetype maxClosedCallsInMemory = 5'000;

private:
    void reserveMemory();
    Result<void> loadCall(const QString &pbxCallId, qint64 beforeSeq);
    Result<std::optional<ContactRecord>> contactFor(const QString &clientNumber, const Call &call,
                                                    const QList<CallTransition> &transitions,
                                                    ProcessingOutput &output);
    CallRecord toRecord(const Call &call, qint64 contactId, const QString &clientNumber) const;
    // A call's stream payload, {"call", "contact"}, and who may see it.
    QJsonObject callPayload(const CallRecord &call,
                            const std::optional<ContactRecord> &contact) const;
    QList<qint64> callAudience(const CallRecord &call,
                               const std::optional<ContactRecord> &contact) const;
    Result<void> createMissedCallTask(const CallRecord &call,
                                      const std::optional<ContactRecord> &contact,
                                      ProcessingOutput &output);
    Result<void> appendFeed(const QString &type, const QJsonObject &payload, QList<qint64> audience,
                            ProcessingOutput &output);
    void noteClosed(const Call &call);
    Result<void> queueCrmWrite(const QString &operation, const QString &pbxCallId, qint64 contactId,
                               qint64 taskId, ProcessingOutput &output);

    Store *m_store;
    RoutingDirectory *m_directory;
    Clock *m_clock;
    CallAggregator m_aggregator;
    QSet<QString> m_inMemory;
    QHash<QString, qint64> m_contactOfCall; // pbx_call_id → contact id
    mutable QHash<QString, QDateTime> m_startedAt; // call_start text → UTC
    mutable int m_startedAtOffset = 0; // the account offset m_startedAt was made with
    std::deque<QString> m_closedOrder;
    bool m_crmConnected = false;
};

QString clientNumberOf(const Call &call);

} // namespace CallBridge
