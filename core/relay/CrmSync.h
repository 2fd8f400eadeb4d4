// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/crm/CrmError.h"
#include "core/crm/CrmOperation.h"
#include "core/store/CrmOutboxTypes.h"
#include "core/store/StoreTypes.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace CallBridge {

class CallProcessor;
class Clock;
class CrmClient;
class RoutingDirectory;
class Store;
struct CrmContact;
struct ProcessingOutput;

// Works through the external CRM's outbox (CrmOutboxItem), on the relay's main thread, a few
// requests at a time and a call's items in order: a caller's look-up (which mirrors the CRM's
// contact into the local store, so that the next NOTIFY_START is answered from it, and updates
// the open pop-up), the finished call, the missed-call task, the lead for a caller the CRM did
// not know. A CRM that is down or slow loses nothing: an item stays pending until the CRM has
// taken it, retried with a growing pause (or the CRM's Retry-After). An item that may have
// reached the CRM before (a timeout, a restart in the middle) asks the CRM first, so that a
// retry makes no duplicate. Only an answer that retrying cannot change (HTTP 400, a mapping
// that does not fit) fails it; an administrator can queue failed items again.
class CrmSync : public QObject
{
    Q_OBJECT

public:
    CrmSync(Store *store, CallProcessor *processor, RoutingDirectory *directory, CrmClient *client,
            Clock *clock, QObject *parent = nullptr);
    ~CrmSync() override;

    void start(); // picks up what was pending before a restart
    void poke(); // something was queued; works on it from the next event-loop turn
    void stop(); // sends nothing more; what is in flight is asked about after a restart

    int inFlight() const { return int(m_inFlight.size()); }
    // For the admin API: the connector's name, the backlog and the latest errors.
    Result<QJsonObject> status() const;

    // A few at a time: a CRM is a shared web application, not a bulk endpoint.
    static constexpr int maxInFlight = 4;

    // The pause before a retry doubles from first to longest (each ±20 %); tests shorten it.
    struct Pacing
    {
        qint64 firstRetryMs = 1'000;
        qint64 longestRetryMs = 15 * 60 * 1'000;
    };
    void setPacing(Pacing pacing) { m_pacing = pacing; }

    // Every interval, each contact copied from the CRM is looked up there again (the setting
    // crm.refresh_hours), so that changes made in the CRM reach the relay before the contact
    // calls. Zero: only when they call.
    void setRefreshInterval(std::chrono::milliseconds interval);

signals:
    // Stream items written by a look-up's answer, on disk, to publish.
    void published(const QList<CallBridge::FeedItem> &items);
    // Each finished attempt: outcome "done", "retry" or "failed" (metrics).
    void attempted(const QString &operation, const QString &outcome);

private:
    void schedule();
    void queueRefreshes(); // one page of contacts per event-loop turn
    void prune();
    // true when this relay sends the outbox (always, unless relays share the store).
    bool holdsTheOutbox();
    void begin(CrmOutboxItem item);
    void run(const CrmOutboxItem &item);
    void syncContact(const CrmOutboxItem &item);
    void mirror(const CrmOutboxItem &item, const CrmContact &crmContact);
    void createInCrm(const CrmOutboxItem &item, const ContactRecord &local);
    void writeItem(const CrmOutboxItem &item, CrmOperation operation);
    void succeed(CrmOutboxItem item, const QString &crmId);
    void retryOrFail(CrmOutboxItem item, const CrmError &error);
    void failStorage(const CrmOutboxItem &item, const Error &error);
    void finish(const CrmOutboxItem &item, const QString &outcome); // tells, then releases
    void release(const CrmOutboxItem &item);
    // Records the item's new state, then `then` once it is on disk; failStorage() if it could
    // not be.
    void saveItem(const CrmOutboxItem &item, std::function<void()> then);
    // Writes what the CRM answered, with the item marked done, in one transaction.
    void applyAnswer(const CrmOutboxItem &item,
                     const std::function<Result<void>(ProcessingOutput &)> &write);
    // Writes in one transaction whose stream items are published once it is on disk; then
    // `after` runs with its outcome.
    void writeLocally(const std::function<Result<void>(ProcessingOutput &)> &write,
                      std::function<void(Result<void>)> after);

    Result<CrmVariables> variablesFor(const CrmOutboxItem &item) const;
    qint64 responsibleFor(const QString &crmResponsible) const;
    QString phoneOf(const CrmOutboxItem &item) const;

    Store *m_store;
    CallProcessor *m_processor;
    RoutingDirectory *m_directory;
    CrmClient *m_client;
    Clock *m_clock;
    QSet<qint64> m_inFlight; // item ids
    QSet<QString> m_callsInFlight;
    QTimer m_wakeUp; // the next retry that is due, or a poke
    QTimer m_refresh;
    QTimer m_prune; // done items are kept a month, for the admin's view, then removed
    qint64 m_refreshAfter = -1; // the contact id a refresh pass has reached; -1: none running
    Pacing m_pacing;
    bool m_running = false;
};

} // namespace CallBridge
