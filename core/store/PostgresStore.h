// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/SqlStore.h"

#include <QObject>
#include <QSet>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>

namespace CallBridge {

// The Store on a PostgreSQL database (Qt's QPSQL driver), shared by several relays. Writers
// take turns with a transaction-scoped advisory lock taken as each write transaction begins, so
// feed items get their seq in commit order (a relay that read up to seq N never finds a smaller
// one later) and every writer sees what the previous one committed. Commits announce new feed
// items and changed contacts, users, blacklist and settings with NOTIFY (see watchChanges()).
// A lost connection is opened again by changedElsewhere(), which the relay polls.
class PostgresStore : public SqlStore
{
public:
    // url: postgres://[user[:password]@]host[:port]/database[?sslmode=…] (postgresql:// too).
    // Without a password in it, libpq's own sources apply (PGPASSWORD, ~/.pgpass).
    explicit PostgresStore(QUrl url, QString connectionName = {});
    ~PostgresStore() override;

    // What a user wrote after `postgres:` in the relay's config, checked.
    static Result<QUrl> parseUrl(const QString &text);
    static int latestSchemaVersion();
    QUrl url() const { return m_url; }

    Result<void> open() override;
    void close() override;

    Result<void> begin() override;
    Result<void> commit() override;
    void rollback() override;
    // PostgreSQL's commit is durable when it returns; onDisk follows from the event loop.
    Result<void> beginFlushingLater() override;
    Result<void> commitFlushingLater(std::function<void(Result<void>)> onDisk) override;
    void finishFlushes() override;

    bool changedElsewhere() override;
    bool isShared() const override { return true; }
    bool othersWroteBeforeThisTransaction() const override { return m_othersWrote; }
    bool transactionFailed() const override { return !m_transactionFailure.isEmpty(); }
    void watchChanges(std::function<void(const QString &change)> onChange) override;
    Result<bool> holdRole(const QString &role) override;

    Result<QList<ContactRecord>> searchContacts(const QString &text, int limit,
                                                int offset) override;
    Result<qint64> appendFeed(const FeedItem &item) override;
    Result<void> checkpoint() override { return {}; } // PostgreSQL checkpoints by itself

    // For rows written with their ids by another way than this class (StoreCopy): new rows
    // are numbered after them, and every contact is indexed for searchContacts() again.
    Result<void> continueIdsAfterExistingRows();
    Result<void> reindexContacts(const std::function<void(qint64 done, qint64 total)> &progress);

protected:
    QString location() const override;
    Result<void> startTransaction() override;
    const QList<StoreMigration> &migrations() const override;
    Result<bool> hasSchemaVersionTable() override;
    Result<void> indexContact(qint64 id, const QStringList &phones,
                              const ContactRecord &contact) override;
    QString byName(const QString &table) const override;
    QString extensionsCondition() const override;
    bool returnsInsertedIds() const override { return true; }

private:
    // Checks the connection; a lost one is opened again (true). Fails when it cannot be.
    Result<bool> reopenIfLost();
    Result<void> connect();
    Result<void> listen();
    void announced(const QString &channel, const QString &payload, bool fromThisConnection);
    void runOnDiskCallbacks();
    void shutDown(); // close(), but a lost connection stays one to open again

    QUrl m_url;
    QString m_writerId; // this connection, in writer_turn
    std::function<void(const QString &)> m_onChange;
    std::unique_ptr<QObject> m_context; // receives the driver's notifications and timers
    std::deque<std::function<void(Result<void>)>> m_onDisk;
    QSet<QString> m_roles; // advisory locks this connection holds
    bool m_othersWrote = false; // before the transaction begin() opened
    // Another writer came before one of this store's own writes since the last begin(), which
    // made itself the last writer: the next begin() must still say so.
    bool m_othersWroteUnreported = false;
    bool m_flushingLater = false; // the open transaction came from beginFlushingLater()
    bool m_lost = false; // the connection went away: changedElsewhere() opens a new one
    bool m_reopenedUnreported = false; // begin() opened a new one: changedElsewhere() says so
};

} // namespace CallBridge
