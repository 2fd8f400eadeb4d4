// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqliteStore.h"

#include "core/store/ContactSearchText.h"
#include "core/store/SqlValues.h"
#include "core/store/SqliteLogFlusher.h"
#include "core/store/SqliteMigrations.h"
#include "core/store/StoreLogging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <chrono>
#include <map>

namespace CallBridge {

using namespace ContactSearchText;
using namespace SqlValues;

namespace {

// Builds an FTS5 query from what a person typed: every word quoted and made a prefix, so no
// input can be FTS5 syntax (quotes, *, NEAR, AND, -, parentheses all stay text). A query that
// looks like a phone number also matches its digits run together against the phones column.
QString ftsQuery(const QString &typed)
{
    const ContactSearchText::Terms terms = ContactSearchText::termsOf(typed);
    if (terms.words.isEmpty())
        return {};
    QStringList prefixes;
    for (const QString &word : terms.words)
        prefixes << u'"' + word + u"\"*";
    const QString query = prefixes.join(u" AND ");
    if (terms.numbers.isEmpty())
        return query;
    QString phones;
    for (const QString &number : terms.numbers)
        phones += u"(phones : \"" + number + u"\"*) OR ";
    return phones + u'(' + query + u')';
}

// As long as SQLite's busy_timeout: a writer of this process waits no longer for another.
constexpr std::chrono::milliseconds writeGateTimeout { 5000 };

// One gate per database file for this process's SqliteStores, so that the checkpointer can
// hold the relay's writer back for a moment (see checkpointLog).
std::shared_ptr<std::timed_mutex> writeGateFor(const QString &path)
{
    static std::mutex registryLock;
    static std::map<QString, std::weak_ptr<std::timed_mutex>> registry;
    const QString key = QFileInfo(path).absoluteFilePath();
    const std::lock_guard lock(registryLock);
    std::shared_ptr<std::timed_mutex> gate = registry[key].lock();
    if (!gate) {
        gate = std::make_shared<std::timed_mutex>();
        registry[key] = gate;
    }
    return gate;
}

} // namespace

SqliteStore::SqliteStore(QString databasePath, QString connectionName)
    : SqlStore(std::move(connectionName)), m_path(std::move(databasePath))
{ }

SqliteStore::~SqliteStore()
{
    close();
}

int SqliteStore::latestSchemaVersion()
{
    return latestVersion(SqliteMigrations::all());
}

const QList<StoreMigration> &SqliteStore::migrations() const
{
    return SqliteMigrations::all();
}

// ---------------------------------------------------------------------------------------------
// Opening, closing, schema

Result<void> SqliteStore::open()
{
    if (m_open)
        return {};
    const QFileInfo file(m_path);
    if (!QDir().mkpath(file.absolutePath()))
        return fail(QStringLiteral("cannot open %1: cannot create the directory %2")
                            .arg(m_path, file.absolutePath()));
    if (auto added = addConnection(QStringLiteral("QSQLITE"), QStringLiteral("libqt6sql6-sqlite"));
        !added)
        return added;
    m_db.setDatabaseName(m_path);
    m_writeGate = writeGateFor(m_path);
    if (!m_db.open()) {
        const Error error
                = failure(QStringLiteral("cannot open the database"), m_db.lastError().text());
        close();
        return fail(error);
    }
    m_open = true;

    auto configured = applyPragmas();
    if (!configured) {
        close();
        return configured;
    }
    auto migrated = migrate();
    if (!migrated) {
        close();
        return migrated;
    }
    qCDebug(lcStore) << "opened" << m_path << "as" << m_connectionName << "schema version"
                     << m_schemaVersion;
    return {};
}

Result<void> SqliteStore::applyPragmas()
{
    const QString what = QStringLiteral("cannot configure the database");
    // busy_timeout first: the others may wait for a lock held by another process.
    const QStringList pragmas {
        QStringLiteral("PRAGMA busy_timeout = 5000"),
        QStringLiteral("PRAGMA synchronous = FULL"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA wal_autocheckpoint = 0"),
        // After a checkpoint lets the log restart, SQLite truncates it to this size.
        QStringLiteral("PRAGMA journal_size_limit = 268435456"),
    };
    for (const QString &pragma : pragmas) {
        QSqlQuery query(m_db);
        if (!query.exec(pragma))
            return fail(failure(what, query));
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
        return fail(failure(what, query));
    const QString mode = query.next() ? query.value(0).toString() : QString();
    if (mode.compare(u"wal", Qt::CaseInsensitive) != 0)
        return fail(failure(what,
                            QStringLiteral("SQLite kept journal mode \"%1\" instead of WAL; the "
                                           "file must be on a local file system")
                                    .arg(mode)));
    return {};
}

void SqliteStore::close()
{
    if (m_inTransaction) {
        qCWarning(lcStore) << "closing" << m_path << "inside a transaction; rolling it back";
        rollback();
    }
    if (m_logFlusher) {
        m_logFlusher->finish();
        m_logFlusher.reset();
    }
    SqlStore::close();
    m_dataVersion.reset();
}

// ---------------------------------------------------------------------------------------------
// Transactions

Result<void> SqliteStore::begin()
{
    if (!m_open)
        return fail(notOpen(QStringLiteral("cannot begin a transaction")));
    if (m_inTransaction)
        return fail(failure(QStringLiteral("cannot begin a transaction"),
                            QStringLiteral("a transaction is already open (they do not nest)")));
    std::unique_lock hold(*m_writeGate, std::defer_lock);
    if (!hold.try_lock_for(writeGateTimeout))
        return fail(failure(QStringLiteral("cannot begin a transaction"),
                            QStringLiteral("another connection of this process has been writing "
                                           "for %1 s")
                                    .arg(writeGateTimeout.count() / 1000)));
    auto started = startTransaction();
    if (started) {
        m_inTransaction = true;
        m_writeHold = std::move(hold);
    }
    return started;
}

Result<void> SqliteStore::commit()
{
    if (!m_inTransaction)
        return fail(
                failure(QStringLiteral("cannot commit"), QStringLiteral("no transaction is open")));
    auto committed = exec(QStringLiteral("COMMIT"), {}, QStringLiteral("cannot commit"));
    if (!committed) {
        // A failed COMMIT may leave the transaction open; end it so the store stays usable.
        rollback();
        return fail(Error { committed.error().message + QStringLiteral("; rolled back") });
    }
    m_inTransaction = false;
    if (m_writeHold.owns_lock())
        m_writeHold.unlock();
    return {};
}

void SqliteStore::rollback()
{
    if (!m_inTransaction)
        return;
    m_inTransaction = false;
    if (m_writeHold.owns_lock())
        m_writeHold.unlock();
    auto rolledBack = exec(QStringLiteral("ROLLBACK"), {}, QStringLiteral("cannot roll back"));
    if (!rolledBack)
        qCDebug(lcStore) << rolledBack.error().message;
    restoreFullSync();
}

Result<void> SqliteStore::beginFlushingLater()
{
    if (!m_open)
        return fail(notOpen(QStringLiteral("cannot begin a transaction")));
    if (!m_logFlusher)
        m_logFlusher = std::make_unique<SqliteLogFlusher>(m_path + QStringLiteral("-wal"));
    if (auto failed = m_logFlusher->failure())
        return fail(*failed);
    if (m_inTransaction)
        return begin(); // says that they do not nest
    // SQLite refuses to change the safety level inside a transaction.
    if (auto relaxed = exec(QStringLiteral("PRAGMA synchronous = NORMAL"), {},
                            QStringLiteral("cannot begin a transaction"));
        !relaxed)
        return relaxed;
    m_flushingLater = true;
    auto begun = begin();
    if (!begun)
        restoreFullSync();
    return begun;
}

Result<void> SqliteStore::commitFlushingLater(std::function<void(Result<void>)> onDisk)
{
    if (!m_flushingLater)
        return fail(failure(QStringLiteral("cannot commit"),
                            QStringLiteral("no transaction from beginFlushingLater() is open")));
    auto committed = commit(); // rolls back on failure, which restores synchronous=FULL
    if (!committed)
        return committed;
    restoreFullSync();
    m_logFlusher->flush(std::move(onDisk));
    return {};
}

void SqliteStore::finishFlushes()
{
    if (m_logFlusher)
        m_logFlusher->finish();
}

void SqliteStore::restoreFullSync()
{
    if (!m_flushingLater)
        return;
    m_flushingLater = false;
    // Every other write keeps the guarantee that commit() returns only once it is on disk.
    if (auto restored = exec(QStringLiteral("PRAGMA synchronous = FULL"), {},
                             QStringLiteral("cannot restore synchronous = FULL"));
        !restored) {
        qCCritical(lcStore).noquote() << restored.error().message;
    }
}

bool SqliteStore::changedElsewhere()
{
    if (!m_open)
        return false;
    // data_version changes only when another connection commits; this connection's own
    // commits leave it alone.
    auto version = scalar(QStringLiteral("PRAGMA data_version"), {},
                          QStringLiteral("cannot read the data version"));
    if (!version) {
        qCWarning(lcStore) << version.error().message;
        return false;
    }
    const qint64 now = version->value_or(0).toLongLong();
    const bool changed = m_dataVersion.has_value() && *m_dataVersion != now;
    m_dataVersion = now;
    return changed;
}

// ---------------------------------------------------------------------------------------------
// Contacts

Result<QList<ContactRecord>> SqliteStore::searchContacts(const QString &text, int limit, int offset)
{
    const QString match = ftsQuery(text);
    if (match.isEmpty())
        return everyoneByName(limit, offset);
    return pageOfMatches(
            QStringLiteral("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?"),
            QStringLiteral("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY "
                           "rowid DESC LIMIT ? OFFSET ?"),
            match, limit, offset);
}

Result<void> SqliteStore::indexContact(qint64 id, const QStringList &phones,
                                       const ContactRecord &contact)
{
    const QString what = QStringLiteral("cannot index contact #%1 for search").arg(id);
    auto unindexed = exec(QStringLiteral("DELETE FROM contacts_fts WHERE rowid = ?"), { id }, what);
    if (!unindexed)
        return unindexed;
    return exec(QStringLiteral("INSERT INTO contacts_fts (rowid, name, company, email, notes, "
                               "phones, tags) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                { id, text(foldForSearch(contact.name)), text(foldForSearch(contact.company)),
                  text(foldForSearch(contact.email)), text(foldForSearch(contact.notes)),
                  phoneTokens(phones), text(foldForSearch(contact.tags.join(u' '))) },
                what);
}

QString SqliteStore::byName(const QString &table) const
{
    return table + QStringLiteral(".name COLLATE NOCASE, ") + table + QStringLiteral(".id");
}

QString SqliteStore::extensionsCondition() const
{
    return QStringLiteral("EXISTS (SELECT 1 FROM json_each(?) AS x WHERE x.value IN (extension, "
                          "answered_by) OR instr(ringing_extensions, ',' || x.value || ',') > 0)");
}

Result<bool> SqliteStore::hasSchemaVersionTable()
{
    auto exists = scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                        "AND name = 'schema_version'"),
                         {}, QStringLiteral("cannot read the schema version"));
    if (!exists)
        return fail(exists.error());
    return exists->value_or(0).toInt() != 0;
}

Result<void> SqliteStore::startTransaction()
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"), {},
                QStringLiteral("cannot begin a transaction"));
}

// ---------------------------------------------------------------------------------------------
// Maintenance

Result<void> SqliteStore::checkpoint()
{
    auto done = checkpointLog(Writers::GoOn);
    if (!done)
        return fail(done.error());
    return {};
}

Result<SqliteStore::LogCheckpoint> SqliteStore::checkpointLog(Writers writers)
{
    if (!m_open)
        return fail(notOpen(QStringLiteral("cannot checkpoint")));
    if (m_inTransaction)
        return fail(failure(QStringLiteral("cannot checkpoint"),
                            QStringLiteral("a transaction is open on this connection")));
    std::unique_lock hold(*m_writeGate, std::defer_lock);
    if (writers == Writers::WaitForIt && !hold.try_lock_for(writeGateTimeout))
        return fail(failure(QStringLiteral("cannot checkpoint"),
                            QStringLiteral("a writer of this process has been writing for %1 s")
                                    .arg(writeGateTimeout.count() / 1000)));
    QElapsedTimer took;
    took.start();
    // PASSIVE never takes the write lock, so the relay's writer is never held up by SQLite.
    auto query = run(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"), {},
                     QStringLiteral("cannot checkpoint"));
    if (!query)
        return fail(query.error());
    QSqlQuery *q = query.value();
    const Finisher finisher(q);
    LogCheckpoint done;
    if (q->next()) {
        done.logFrames = q->value(1).toLongLong();
        done.checkpointedFrames = q->value(2).toLongLong();
    }
    qCDebug(lcStore) << "checkpoint" << m_path << "log frames" << done.logFrames << "checkpointed"
                     << done.checkpointedFrames << "in" << took.nsecsElapsed() / 1000 << "µs"
                     << (writers == Writers::WaitForIt ? "(writers waited)" : "");
    return done;
}

} // namespace CallBridge
