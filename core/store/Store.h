// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/store/CrmOutboxTypes.h"
#include "core/store/StoreTypes.h"

#include <QHash>

#include <functional>
#include <optional>

namespace CallBridge {

// The relay's storage. One schema, one engine class each (SqliteStore, PostgresStore); no
// engine-specific SQL outside the engine's class. Calls are synchronous and made from the
// thread that opened the store. Writes outside a transaction commit on their own; between
// begin() and commit() they commit together (the relay's group commit), durably: when commit()
// returns success the data survives a power loss.
class Store
{
public:
    virtual ~Store() = default;

    // Creates or migrates the schema to the newest version.
    virtual Result<void> open() = 0;
    virtual void close() = 0;
    virtual int schemaVersion() const = 0;

    virtual Result<void> begin() = 0;
    virtual Result<void> commit() = 0;
    virtual void rollback() = 0;

    // The relay's group commit, split in two so that the thread keeps serving while the disk
    // works: commitFlushingLater() ends a transaction opened by beginFlushingLater(); its data is
    // visible at once, and onDisk is called later from this thread's event loop, in commit order,
    // once the data survives a power loss (or with the error that says it may not). Until then,
    // nothing that depends on it may be promised to anyone. rollback() ends it too.
    virtual Result<void> beginFlushingLater() = 0;
    virtual Result<void> commitFlushingLater(std::function<void(Result<void>)> onDisk) = 0;
    // Blocks until every onDisk callback has been called (shutdown).
    virtual void finishFlushes() = 0;

    // Changes made by other connections or processes since the last call (e.g. the operator
    // CLI on the same database): true when something else wrote. Cheap; the relay polls it.
    virtual bool changedElsewhere() = 0;

    // Several relays share this store (PostgreSQL). Their writers take turns: a transaction
    // begins only when no other writer's is open, so that what one relay stores (events, calls,
    // contacts, feed items in seq order) the next one sees whole.
    virtual bool isShared() const { return false; }
    // Shared stores: another writer committed between this store's previous write transaction
    // and the one open now, so what the relay derived from earlier transactions (calls in
    // memory) may be stale.
    virtual bool othersWroteBeforeThisTransaction() const { return false; }
    // A statement failed inside the open transaction and the engine ended the transaction there
    // (PostgreSQL; SQLite undoes only the statement): nothing more can be written in it, and
    // commit() will fail. The caller rolls back and, if it can, tries again without that step.
    virtual bool transactionFailed() const { return false; }
    // Shared stores announce what other connections committed; onChange is called from this
    // thread's event loop with "feed" (new items), "users", "blacklist", "settings" or
    // "contact:ID". Announcements can be missed (a reconnect): the relay also polls.
    virtual void watchChanges(std::function<void(const QString &change)> onChange)
    {
        (void)onChange;
    }
    // A role that one relay at a time plays (sending the external CRM's outbox): true while
    // this store's connection holds it. Unshared stores always hold every role.
    virtual Result<bool> holdRole(const QString &role)
    {
        (void)role;
        return true;
    }

    // Events. nullopt: an event with this dedupeKey is already stored (nothing written).
    virtual Result<std::optional<qint64>> appendEvent(const EventRecord &event) = 0;
    virtual Result<QList<EventRecord>> eventsForCall(const QString &pbxCallId) = 0;
    virtual Result<QDateTime> latestEventTime() = 0; // invalid when there is none

    // Calls, keyed by pbxCallId.
    virtual Result<void> saveCall(const CallRecord &call) = 0; // insert or replace
    virtual Result<std::optional<CallRecord>> call(const QString &pbxCallId) = 0;
    virtual Result<QList<CallRecord>> calls(const CallQuery &query) = 0;
    virtual Result<bool> hasCall(const QString &pbxCallId) = 0;

    // Contacts. A phone already owned by another contact is an error naming that contact.
    virtual Result<qint64> createContact(const ContactRecord &contact) = 0;
    virtual Result<void> updateContact(const ContactRecord &contact) = 0;
    virtual Result<std::optional<ContactRecord>> contact(qint64 id) = 0;
    virtual Result<std::optional<ContactRecord>> contactByPhone(const QString &canonical) = 0;
    // Full-text over name, company, email, notes, tags and phone digits; prefix match per word.
    // By name, except where a text matches so many contacts that sorting them all would be slow
    // (SqliteStore: 20,000): then newest first. An empty text lists everyone by name.
    virtual Result<QList<ContactRecord>> searchContacts(const QString &text, int limit, int offset)
            = 0;
    // Every contact in pages by id (export): the first `limit` with an id above afterId.
    virtual Result<QList<ContactRecord>> contactsAfter(qint64 afterId, int limit) = 0;
    virtual Result<QList<ContactRoute>> contactRoutes() = 0; // every phone of every contact
    virtual Result<qint64> contactCount() = 0;

    virtual Result<qint64> createLead(const LeadRecord &lead) = 0;
    virtual Result<QList<LeadRecord>> leads(int limit, qint64 afterId) = 0;

    virtual Result<qint64> createTask(const TaskRecord &task) = 0;
    virtual Result<void> updateTask(const TaskRecord &task) = 0;
    virtual Result<std::optional<TaskRecord>> task(qint64 id) = 0;
    virtual Result<QList<TaskRecord>> tasks(const TaskQuery &query) = 0;

    // Users. Names and extensions are unique: a clash is an error saying who holds it.
    virtual Result<qint64> createUser(const UserRecord &user) = 0;
    virtual Result<void> updateUser(const UserRecord &user) = 0;
    virtual Result<void> removeUser(qint64 id) = 0;
    virtual Result<QList<UserRecord>> users() = 0;
    virtual Result<std::optional<UserRecord>> userByName(const QString &name) = 0;
    virtual Result<std::optional<UserRecord>> userByTokenHash(const QByteArray &tokenHash) = 0;

    virtual Result<void> addToBlacklist(const BlacklistEntry &entry) = 0; // replaces
    virtual Result<bool> removeFromBlacklist(const QString &number) = 0; // false: not listed
    virtual Result<QList<BlacklistEntry>> blacklist() = 0;

    virtual Result<QHash<QString, QString>> settings() = 0;
    virtual Result<void> setSetting(const QString &key, const QString &value) = 0;
    virtual Result<void> removeSetting(const QString &key) = 0;

    virtual Result<qint64> appendAudit(const AuditEntry &entry) = 0;
    virtual Result<QList<AuditEntry>> audit(int limit, qint64 beforeId) = 0; // newest first

    virtual Result<qint64> appendFeed(const FeedItem &item) = 0; // the new seq
    virtual Result<QList<FeedItem>> feedAfter(qint64 seq, int limit) = 0; // ascending
    virtual Result<qint64> latestFeedSeq() = 0;

    // The external CRM's outbox (see CrmOutboxItem). enqueue: false when the key is queued
    // already. pending: oldest first. retryFailed: failed items pending again, how many.
    virtual Result<bool> enqueueCrmWrite(const CrmOutboxItem &item) = 0;
    virtual Result<QList<CrmOutboxItem>> pendingCrmWrites(int limit) = 0;
    virtual Result<std::optional<CrmOutboxItem>> crmWrite(const QString &key) = 0;
    // Like enqueue, but an item with the key that is done already is pending again (a periodic
    // refresh); a pending or failed one stays as it is. true: it is pending because of this.
    virtual Result<bool> requeueCrmWrite(const CrmOutboxItem &item) = 0;
    virtual Result<void> updateCrmWrite(const CrmOutboxItem &item) = 0;
    virtual Result<CrmOutboxSummary> crmOutboxSummary() = 0;
    virtual Result<QList<CrmOutboxItem>> crmWritesWithErrors(int limit) = 0; // latest first
    virtual Result<qint64> retryFailedCrmWrites() = 0;
    virtual Result<qint64> pruneCrmWrites(const QDateTime &doneBefore) = 0; // how many went
    // Which record of the external CRM a local contact mirrors; empty: none.
    virtual Result<void> setContactCrmId(qint64 contactId, const QString &crmId) = 0;
    virtual Result<QString> contactCrmId(qint64 contactId) = 0;
    virtual Result<std::optional<qint64>> contactForCrmId(const QString &crmId) = 0;
    // Contacts that mirror a CRM record, by id, after afterContactId.
    virtual Result<QList<qint64>> crmLinkedContacts(qint64 afterContactId, int limit) = 0;

    // Moves the write-ahead log into the database. Called from a background thread with its
    // own connection (see SqliteCheckpointer), never inside a request.
    virtual Result<void> checkpoint() = 0;
};

} // namespace CallBridge
