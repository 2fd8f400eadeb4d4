// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/SqlStore.h"

#include <memory>
#include <mutex>

namespace CallBridge {

class SqliteLogFlusher;

// The Store on one SQLite file (Qt's QSQLITE driver), in WAL mode with synchronous=FULL: a
// successful commit is on disk. Several SqliteStore instances, in this process or others (the
// operator CLI), may open the same file; each has its own connection. An instance is used from
// the thread that constructed it. Automatic checkpoints are off: run a SqliteCheckpointer next to
// the writer.
class SqliteStore : public SqlStore
{
public:
    // connectionName: the QSqlDatabase connection name; empty picks a unique one.
    explicit SqliteStore(QString databasePath, QString connectionName = {});
    ~SqliteStore() override;

    QString databasePath() const { return m_path; }
    static int latestSchemaVersion();

    Result<void> open() override;
    void close() override;

    Result<void> begin() override;
    Result<void> commit() override;
    void rollback() override;
    // synchronous=NORMAL for the transaction, then SqliteLogFlusher syncs the log.
    Result<void> beginFlushingLater() override;
    Result<void> commitFlushingLater(std::function<void(Result<void>)> onDisk) override;
    void finishFlushes() override;

    bool changedElsewhere() override;

    Result<QList<ContactRecord>> searchContacts(const QString &text, int limit,
                                                int offset) override;

    Result<void> checkpoint() override;

    // One PASSIVE checkpoint (SqliteCheckpointer's). With WaitForIt, this process's writers do
    // not begin a transaction until it ends: under a steady stream of commits that is the only
    // moment at which everything in the log is in the database file, so that the next writer
    // starts the log again from its beginning instead of growing it.
    enum class Writers { GoOn, WaitForIt };
    struct LogCheckpoint
    {
        qint64 logFrames = 0; // pages in the log
        qint64 checkpointedFrames = 0; // of those, in the database file now
    };
    Result<LogCheckpoint> checkpointLog(Writers writers);

protected:
    QString location() const override { return m_path; }
    Result<void> startTransaction() override;
    const QList<StoreMigration> &migrations() const override;
    Result<bool> hasSchemaVersionTable() override;
    Result<void> indexContact(qint64 id, const QStringList &phones,
                              const ContactRecord &contact) override;
    QString byName(const QString &table) const override;
    QString extensionsCondition() const override;
    bool returnsInsertedIds() const override { return false; }

private:
    Result<void> applyPragmas();
    void restoreFullSync(); // after a transaction from beginFlushingLater()

    QString m_path;
    std::unique_ptr<SqliteLogFlusher> m_logFlusher; // made by the first beginFlushingLater()
    // Shared by this process's stores of the same file; held from begin() to commit/rollback.
    std::shared_ptr<std::timed_mutex> m_writeGate;
    std::unique_lock<std::timed_mutex> m_writeHold;
    bool m_flushingLater = false; // the open transaction runs with synchronous=NORMAL
    std::optional<qint64> m_dataVersion;
};

} // namespace CallBridge
