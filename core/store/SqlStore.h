// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/Store.h"
#include "core/store/StoreMigration.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <unordered_map>

namespace CallBridge {

// What the two engines' stores (SqliteStore, PostgresStore) share: one Qt SQL connection,
// statements prepared once and kept, and every operation whose SQL both engines speak alike.
// What differs (opening, transactions, full-text search, a few functions) the engine's class
// says. Positional `?` placeholders work on both: Qt turns them into PostgreSQL's `$n`.
//
// On writes, an invalid time of creation, receipt or update becomes the current time; an event
// without a dedupeKey is never taken for a repeat. Limits below 1 return nothing.
class SqlStore : public Store
{
public:
    ~SqlStore() override;

    SqlStore(const SqlStore &) = delete;
    SqlStore &operator=(const SqlStore &) = delete;

    QString connectionName() const { return m_connectionName; }
    bool isOpen() const { return m_open; }
    bool inTransaction() const { return m_inTransaction; }
    int schemaVersion() const override { return m_schemaVersion; }
    // searchContacts() sorts at most this many matches by name (tests make it small).
    void setSortedSearchLimit(qint64 matches) { m_sortedSearchLimit = matches; }

    void close() override;

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

protected:
    // connectionName: the QSqlDatabase connection name; empty picks a unique one.
    explicit SqlStore(QString connectionName);

    // Makes a multi-statement operation atomic: its own transaction outside begin()/commit(),
    // a savepoint inside one (so a failed operation leaves the rest of a group commit intact).
    class WriteScope
    {
    public:
        explicit WriteScope(SqlStore &store) : m_store(store) { }
        ~WriteScope(); // rolls back what was not committed
        WriteScope(const WriteScope &) = delete;
        WriteScope &operator=(const WriteScope &) = delete;

        Result<void> start();
        Result<void> commit();

    private:
        SqlStore &m_store;
        QString m_failureBefore; // the transaction's, as the savepoint began
        bool m_savepoint = false;
        bool m_active = false;
    };

    // finish() releases the statement's read snapshot; an unfinished SELECT would pin SQLite's
    // log (no checkpoint past it) and hide other connections' commits from this one.
    class Finisher
    {
    public:
        explicit Finisher(QSqlQuery *query) : m_query(query) { }
        ~Finisher();
        Finisher(const Finisher &) = delete;
        Finisher &operator=(const Finisher &) = delete;

    private:
        QSqlQuery *m_query;
    };

    // Where the data is, for messages (a path, or a URL without its password).
    virtual QString location() const = 0;
    // Starts a write transaction on the connection, with whatever the engine needs to make its
    // writers take turns (SQLite: BEGIN IMMEDIATE; PostgreSQL: the relays' writer lock).
    virtual Result<void> startTransaction() = 0;
    virtual const QList<StoreMigration> &migrations() const = 0;
    virtual Result<bool> hasSchemaVersionTable() = 0;
    // Makes the contact findable by searchContacts(); replaces what was indexed for it.
    virtual Result<void> indexContact(qint64 id, const QStringList &phones,
                                      const ContactRecord &contact)
            = 0;
    // How contacts are listed by name: an ORDER BY over `table` (c, page).
    virtual QString byName(const QString &table) const = 0;
    // How an INSERT tells the new row's id: with RETURNING (PostgreSQL: Qt's driver has no
    // lastInsertId()), or as the last inserted rowid (SQLite, where RETURNING costs a quarter of a
    // webhook's statement time: it gathers the rows before the first is read).
    virtual bool returnsInsertedIds() const = 0;
    // A condition on calls: one of the extensions in the JSON array bound to its `?` took part
    // (extension, answered_by, or listed in ringing_extensions).
    virtual QString extensionsCondition() const = 0;

    // Adds the connection under m_connectionName with the driver, or says how to install it.
    Result<void> addConnection(const QString &driver, const QString &package);
    // Creates or migrates the schema (open() calls it once the connection is ready).
    Result<void> migrate();

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
    // A statement that cannot be prepared (BEGIN, COMMIT, SAVEPOINT…: PostgreSQL prepares only
    // queries and data changes), run as it is.
    Result<void> command(const QString &sql, const QString &what);
    // Every row of a SELECT, each made into a T by readRow(const QSqlQuery &); the statement is
    // finished before this returns.
    template<typename T, typename ReadRow>
    Result<QList<T>> readRows(const QString &sql, const QVariantList &values, const QString &what,
                              ReadRow readRow)
    {
        auto query = run(sql, values, what);
        if (!query)
            return fail(query.error());
        const Finisher finisher(query.value());
        QList<T> rows;
        while (query.value()->next())
            rows.append(readRow(*query.value()));
        return rows;
    }
    // The first column of the first row, if there is a row.
    Result<std::optional<QVariant>> scalar(const QString &sql, const QVariantList &values,
                                           const QString &what);
    // An INSERT: the new row's idColumn, nullopt when the statement inserted nothing.
    Result<std::optional<qint64>> insert(const QString &sql, const QString &idColumn,
                                         const QVariantList &values, const QString &what);
    Result<std::optional<qint64>> insert(std::unique_ptr<QSqlQuery> &slot, const QString &sql,
                                         const QString &idColumn, const QVariantList &values,
                                         const QString &what);
    // Closes like close(), for a connection that is known to be gone: Qt's PostgreSQL driver
    // would warn for each prepared statement that it cannot free on it.
    void closeLostConnection();
    Error failure(const QString &what, const QString &engineText) const;
    Error failure(const QString &what, const QSqlQuery &query) const;
    Error notOpen(const QString &what) const;

    // order: of the page's rows; empty: by name.
    Result<QList<ContactRecord>> readContacts(const QString &sql, const QVariantList &values,
                                              const QString &what, const QString &order = {});
    // searchContacts() for a match that the engine's index found: `matches` is a SELECT of
    // the matching ids with one `?` for `match`. Up to m_sortedSearchLimit matches by name,
    // past it newest first (sorting them all would be slow). newestFirst: `matches`, ordered by
    // id descending, with `?` for the page's limit and offset after `match`.
    Result<QList<ContactRecord>> pageOfMatches(const QString &matches, const QString &newestFirst,
                                               const QVariant &match, int limit, int offset);
    Result<QList<ContactRecord>> everyoneByName(int limit, int offset);

    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_open = false;
    bool m_inTransaction = false;
    int m_schemaVersion = 0;
    qint64 m_sortedSearchLimit = 20000;
    // The first statement that failed in the open transaction: PostgreSQL ends a transaction
    // there (SQLite undoes only the statement), so PostgresStore's commit() must not report
    // success. A savepoint rolled back takes its failures with it.
    QString m_transactionFailure;

private:
    void dropStatements();
    void dropConnection();
    void noteFailure(const Error &error);
    Result<std::optional<qint64>> returnedId(Result<QSqlQuery *> query);
    Result<int> readSchemaVersion();
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

    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::unique_ptr<QSqlQuery> m_appendEvent;
    std::unique_ptr<QSqlQuery> m_saveCall;
    std::unique_ptr<QSqlQuery> m_updateRunningCall;
    std::unique_ptr<QSqlQuery> m_appendFeed;
};

} // namespace CallBridge
