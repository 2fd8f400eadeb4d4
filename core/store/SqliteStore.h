// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/Store.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <memory>
#include <mutex>
#include <unordered_map>

class QSqlQuery;

namespace CallBridge {

class SqliteLogFlusher;

// The Store on one SQLite file (Qt's QSQLITE driver), in WAL mode with synchronous=FULL: a
// successful commit is on disk. Several SqliteStore instances, in this process or others (the
// operator CLI), may open the same file; each has its own connection. An instance is used from
// the thread that constructed it. Automatic checkpoints are off: run a SqliteCheckpointer next to
// the writer.
//
// On writes, an invalid time of creation, receipt or update becomes the current time; an event
// without a dedupeKey is never taken for a repeat. Limits below 1 return nothing.
class SqliteStore : public Store
{
public:
    // connectionName: the QSqlDatabase connection name; empty picks a unique one.
    explicit SqliteStore(QString databasePath, QString connectionName = {});
    ~SqliteStore() override;

    SqliteStore(const SqliteStore &) = delete;
    SqliteStore &operator=(const SqliteStore &) = delete;

    QString databasePath() const { return m_path; }
    QString connectionName() const { return m_connectionName; }
    bool isOpen() const { return m_open; }
    bool inTransaction() const { return m_inTransaction; }
    static int latestSchemaVersion();
    // searchContacts() sorts at most this many matches by name (tests make it small).
    void setSortedSearchLimit(qint64 matches) { m_sortedSearchLimit = matches; }

    Result<void> open() override;
    void close() override;
    int schemaVersion() const override { return m_schemaVersion; }

    Result<void> begin() override;
    Result<void> commit() override;
    void rollback() override;
    // synchronous=NORMAL for the transaction, then SqliteLogFlusher syncs the log.
    Result<void> beginFlushingLater() override;
    Result<void> commitFlushingLater(std::function<void(Result<void>)> onDisk) override;
    void finishFlushes() override;

    bool changedElsewhere() override;

    Result<std::optional<qint64>> appendEvent(const EventRecord &event) override;
    Result<QList<EventRecord>> eventsForCall(const QString &pbxCallId) override;
    Result<QDateTime> latestEventTime() override;

    Result<void> saveCall(const CallRecord &call) override;
    Result<std::optional<CallRecord>> call(const QString &pbxCallId) override;
    Result<QList<CallRecord>> calls(const CallQuery &query) override;
    Result<bool> hasCall(const QString &pbxCallId) override;

    Result<qint64> createContact(const ContactRecord &contact) override;
    Result<void> updateContact(const ContactRecord &contact) override;
    Result<std::optional<ContactRecord>> contact(qint64 id) override;
    Result<std::optional<ContactRecord>> contactByPhone(const QString &canonical) override;
    Result<QList<ContactRecord>> searchContacts(const QString &text, int limit,
                                                int offset) override;
    Result<QList<ContactRecord>> contactsAfter(qint64 afterId, int limit) override;
    Result<QList<ContactRoute>> contactRoutes() override;
    Result<qint64> contactCount() override;

    Result<qint64> createLead(const LeadRecord &lead) override;
    Result<QList<LeadRecord>> leads(int limit, qint64 afterId) override;

    Result<qint64> createTask(const TaskRecord &task) override;
    Result<void> updateTask(const TaskRecord &task) override;
    Result<std::optional<TaskRecord>> task(qint64 id) override;
    Result<QList<TaskRecord>> tasks(const TaskQuery &query) override;

    Result<qint64> createUser(const UserRecord &user) override;
    Result<void> updateUser(const UserRecord &user) override;
    Result<void> removeUser(qint64 id) override;
    Result<QList<UserRecord>> users() override;
    Result<std::optional<UserRecord>> userByName(const QString &name) override;
    Result<std::optional<UserRecord>> userByTokenHash(const QByteArray &tokenHash) override;

    Result<void> addToBlacklist(const BlacklistEntry &entry) override;
    Result<bool> removeFromBlacklist(const QString &number) override;
    Result<QList<BlacklistEntry>> blacklist() override;

    Result<QHash<QString, QString>> settings() override;
    Result<void> setSetting(const QString &key, const QString &value) override;
    Result<void> removeSetting(const QString &key) override;

    Result<qint64> appendAudit(const AuditEntry &entry) override;
    Result<QList<AuditEntry>> audit(int limit, qint64 beforeId) override;

    Result<qint64> appendFeed(const FeedItem &item) override;
    Result<QList<FeedItem>> feedAfter(qint64 seq, int limit) override;
    Result<qint64> latestFeedSeq() override;

    Result<bool> enqueueCrmWrite(const CrmOutboxItem &item) override;
    Result<QList<CrmOutboxItem>> pendingCrmWrites(int limit) override;
    Result<std::optional<CrmOutboxItem>> crmWrite(const QString &key) override;
    Result<bool> requeueCrmWrite(const CrmOutboxItem &item) override;
    Result<void> updateCrmWrite(const CrmOutboxItem &item) override;
    Result<CrmOutboxSummary> crmOutboxSummary() override;
    Result<QList<CrmOutboxItem>> crmWritesWithErrors(int limit) override;
    Result<qint64> retryFailedCrmWrites() override;
    Result<qint64> pruneCrmWrites(const QDateTime &doneBefore) override;
    Result<void> setContactCrmId(qint64 contactId, const QString &crmId) override;
    Result<QString> contactCrmId(qint64 contactId) override;
    Result<std::optional<qint64>> contactForCrmId(const QString &crmId) override;
    Result<QList<qint64>> crmLinkedContacts(qint64 afterContactId, int limit) override;

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

private:
    class WriteScope;

    // Statements are prepared on first use and kept for the life of the connection: the
    // relay's per-webhook ones in members, the others by their text.
    Result<QSqlQuery *> prepare(std::unique_ptr<QSqlQuery> &slot, const QString &sql,
                                const QString &what);
    // Binds `values` positionally and executes. The caller finishes the query (see Finisher)
    // once it has read what it needs.
    Result<QSqlQuery *> execute(Result<QSqlQuery *> prepared, const QVariantList &values,
                                const QString &what);
    Result<QSqlQuery *> run(const QString &sql, const QVariantList &values, const QString &what);
    Result<QSqlQuery *> run(std::unique_ptr<QSqlQuery> &slot, const QString &sql,
                            const QVariantList &values, const QString &what);
    Result<void> exec(const QString &sql, const QVariantList &values, const QString &what);
    // The first column of the first row, if there is a row.
    Result<std::optional<QVariant>> scalar(const QString &sql, const QVariantList &values,
                                           const QString &what);
    Error failure(const QString &what, const QString &sqliteText) const;
    Error failure(const QString &what, const QSqlQuery &query) const;
    Error notOpen(const QString &what) const;

    Result<void> applyPragmas();
    void restoreFullSync(); // after a transaction from beginFlushingLater()
    Result<int> readSchemaVersion();
    Result<void> migrate();

    // order: of the page's rows; empty: by name.
    Result<QList<ContactRecord>> readContacts(const QString &sql, const QVariantList &values,
                                              const QString &what, const QString &order = {});
    Result<void> checkPhonesFree(const QStringList &phones, qint64 contactId);
    Result<void> writePhones(qint64 contactId, const QStringList &phones,
                             const ContactRecord &contact);
    Result<void> checkUserFree(const UserRecord &user);
    Result<void> checkExists(const QString &table, qint64 id, const QString &what);
    Result<QList<UserRecord>> readUsers(const QString &sql, const QVariantList &values,
                                        const QString &what);
    Result<QList<TaskRecord>> readTasks(const QString &sql, const QVariantList &values,
                                        const QString &what);
    Result<QList<CallRecord>> readCalls(const QString &sql, const QVariantList &values,
                                        const QString &what);
    Result<QList<CrmOutboxItem>> readCrmWrites(const QString &sql, const QVariantList &values,
                                               const QString &what);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::unique_ptr<QSqlQuery> m_appendEvent;
    std::unique_ptr<QSqlQuery> m_saveCall;
    std::unique_ptr<QSqlQuery> m_updateRunningCall;
    std::unique_ptr<QSqlQuery> m_appendFeed;
    std::unique_ptr<SqliteLogFlusher> m_logFlusher; // made by the first beginFlushingLater()
    // Shared by this process's stores of the same file; held from begin() to commit/rollback.
    std::shared_ptr<std::timed_mutex> m_writeGate;
    std::unique_lock<std::timed_mutex> m_writeHold;
    bool m_open = false;
    bool m_inTransaction = false;
    bool m_flushingLater = false; // the open transaction runs with synchronous=NORMAL
    int m_schemaVersion = 0;
    qint64 m_sortedSearchLimit = 20000;
    std::optional<qint64> m_dataVersion;
};

} // namespace CallBridge
