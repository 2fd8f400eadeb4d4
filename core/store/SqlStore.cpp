// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqlStore.h"

#include "core/store/SqlValues.h"
#include "core/store/StoreLogging.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>

namespace CallBridge {

namespace {

const QString contactColumns = QStringLiteral(
        "c.id, c.name, c.company, c.email, c.notes, c.responsible_user_id, c.source, "
        "c.created_at, c.updated_at, c.tags, c.external_url");
const QString callColumns = QStringLiteral(
        "pbx_call_id, direction, state, started_at, call_start, client_number, caller_id, "
        "called_did, extension, ringing_extensions, answered_by, duration_seconds, disposition, "
        "status_code, is_recorded, recording_id, recording_ready, contact_id, source, "
        "updated_at");
const QString taskColumns = QStringLiteral(
        "id, kind, title, contact_id, pbx_call_id, assignee_user_id, done, due_at, created_at, "
        "updated_at");
const QString userColumns
        = QStringLiteral("id, name, display_name, role, extension, token_hash, created_at");

using namespace SqlValues;

QVariant flag(bool value)
{
    return value ? 1 : 0;
}

// ",101,102," so that one element is found with instr(list, ',101,').
QString joinList(const QStringList &items)
{
    if (items.isEmpty())
        return QStringLiteral("");
    return u',' + items.join(u',') + u',';
}

QStringList splitList(const QString &text)
{
    return text.split(u',', Qt::SkipEmptyParts);
}

// Tags are a JSON array: they may hold any character.
QString tagsText(const QStringList &tags)
{
    return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

QStringList tagsFromText(const QString &text)
{
    QStringList tags;
    if (text.isEmpty() || text == u"[]")
        return tags;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &value : array)
        tags << value.toString();
    return tags;
}

QString joinIds(const QList<qint64> &ids)
{
    QStringList items;
    for (qint64 id : ids)
        items << QString::number(id);
    return joinList(items);
}

QList<qint64> splitIds(const QString &text)
{
    QList<qint64> ids;
    for (const QString &item : splitList(text))
        ids << item.toLongLong();
    return ids;
}

QString roleText(UserRole role)
{
    return role == UserRole::Admin ? QStringLiteral("admin") : QStringLiteral("agent");
}

UserRole roleFromText(const QString &text)
{
    return text == u"admin" ? UserRole::Admin : UserRole::Agent;
}

int clampLimit(int limit)
{
    return std::max(limit, 0);
}

QStringList cleanPhones(const QStringList &phones)
{
    QStringList clean;
    for (const QString &phone : phones) {
        const QString trimmed = phone.trimmed();
        if (!trimmed.isEmpty() && !clean.contains(trimmed))
            clean << trimmed;
    }
    return clean;
}

// Equal and equally null: QSQLITE binds a null QString or QByteArray as NULL, an empty one as ''.
bool sameBinding(const QVariant &bound, const QVariant &value)
{
    // Invalid is also what an unbound placeholder reads as: a trailing NULL skipped on the
    // first execution would leave the statement a value short.
    if (!bound.isValid() || bound.metaType() != value.metaType() || bound != value)
        return false;
    if (value.metaType() == QMetaType::fromType<QString>())
        return static_cast<const QString *>(bound.constData())->isNull()
                == static_cast<const QString *>(value.constData())->isNull();
    if (value.metaType() == QMetaType::fromType<QByteArray>())
        return static_cast<const QByteArray *>(bound.constData())->isNull()
                == static_cast<const QByteArray *>(value.constData())->isNull();
    return true;
}

QAtomicInteger<quint64> connectionCounter;

} // namespace

SqlStore::WriteScope::~WriteScope()
{
    if (!m_active)
        return;
    if (m_savepoint) {
        const bool undone = m_store.command(QStringLiteral("ROLLBACK TO store_operation"),
                                            QStringLiteral("cannot undo a failed operation"))
                                    .hasValue();
        (void)m_store.command(QStringLiteral("RELEASE store_operation"),
                              QStringLiteral("cannot undo a failed operation"));
        if (undone) // what failed since the savepoint is gone with it
            m_store.m_transactionFailure = m_failureBefore;
    } else {
        (void)m_store.command(QStringLiteral("ROLLBACK"),
                              QStringLiteral("cannot undo a failed operation"));
    }
}

Result<void> SqlStore::WriteScope::start()
{
    m_savepoint = m_store.m_inTransaction;
    m_failureBefore = m_store.m_transactionFailure;
    auto started = m_savepoint ? m_store.command(QStringLiteral("SAVEPOINT store_operation"),
                                                 QStringLiteral("cannot start a transaction"))
                               : m_store.startTransaction();
    m_active = started.hasValue();
    return started;
}

Result<void> SqlStore::WriteScope::commit()
{
    auto committed = m_store.command(m_savepoint ? QStringLiteral("RELEASE store_operation")
                                                 : QStringLiteral("COMMIT"),
                                     QStringLiteral("cannot commit"));
    if (committed)
        m_active = false;
    return committed;
}

SqlStore::SqlStore(QString connectionName) : m_connectionName(std::move(connectionName))
{
    if (m_connectionName.isEmpty())
        m_connectionName = QStringLiteral("callbridge.store.%1")
                                   .arg(connectionCounter.fetchAndAddRelaxed(1));
}

SqlStore::~SqlStore() = default; // the engine's destructor closes

SqlStore::Finisher::~Finisher()
{
    if (m_query)
        m_query->finish();
}

Result<void> SqlStore::addConnection(const QString &driver, const QString &package)
{
    if (QSqlDatabase::contains(m_connectionName))
        return fail(QStringLiteral("cannot open %1: the connection name \"%2\" is already in use")
                            .arg(location(), m_connectionName));
    m_db = QSqlDatabase::addDatabase(driver, m_connectionName);
    if (!m_db.isValid()) {
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return fail(QStringLiteral("cannot open %1: Qt's SQL driver %2 is not available; install "
                                   "it (Debian: %3)")
                            .arg(location(), driver, package));
    }
    return {};
}

void SqlStore::close()
{
    // Every QSqlDatabase handle must be gone before removeDatabase(), or Qt warns that the
    // connection is still in use and keeps it.
    dropStatements();
    dropConnection();
}

void SqlStore::closeLostConnection()
{
    // A statement deleted after its driver has nothing left to free.
    dropConnection();
    dropStatements();
}

void SqlStore::dropStatements()
{
    m_statements.clear();
    m_appendEvent.reset();
    m_saveCall.reset();
    m_updateRunningCall.reset();
    m_appendFeed.reset();
}

void SqlStore::dropConnection()
{
    const bool hadConnection = m_db.isValid();
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (hadConnection)
        QSqlDatabase::removeDatabase(m_connectionName);
    m_open = false;
    m_inTransaction = false;
    m_transactionFailure.clear();
    m_schemaVersion = 0;
}

void SqlStore::noteFailure(const Error &error)
{
    if (m_inTransaction && m_transactionFailure.isEmpty())
        m_transactionFailure = error.message;
}

Error SqlStore::failure(const QString &what, const QString &engineText) const
{
    return Error { QStringLiteral("%1 (%2): %3").arg(what, location(), engineText) };
}

Error SqlStore::failure(const QString &what, const QSqlQuery &query) const
{
    const QSqlError error = query.lastError();
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (text.trimmed().isEmpty()) // what Qt's PostgreSQL driver says of a dropped connection
        text = QStringLiteral("no answer from the database server (is it running and "
                              "reachable?)");
    return failure(what, text);
}

Error SqlStore::notOpen(const QString &what) const
{
    return Error { QStringLiteral("%1 (%2): the store is not open").arg(what, location()) };
}

Result<QSqlQuery *> SqlStore::prepare(std::unique_ptr<QSqlQuery> &slot, const QString &sql,
                                      const QString &what)
{
    if (!m_open)
        return fail(notOpen(what));
    if (!slot) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            const Error error = failure(what, *query);
            noteFailure(error);
            return fail(error);
        }
        slot = std::move(query);
    }
    return slot.get();
}

Result<QSqlQuery *> SqlStore::execute(Result<QSqlQuery *> prepared, const QVariantList &values,
                                      const QString &what)
{
    if (!prepared)
        return prepared;
    QSqlQuery *query = prepared.value();
    // Bound values stay bound between executions. Qt's bindValue() formats a placeholder name
    // each time, a third of the cost of a webhook's statements, so unchanged ones are skipped.
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!sameBinding(query->boundValue(int(i)), values.at(i)))
            query->bindValue(int(i), values.at(i));
    }
    if (!query->exec()) {
        const Error error = failure(what, *query);
        noteFailure(error);
        query->finish();
        return fail(error);
    }
    return query;
}

Result<QSqlQuery *> SqlStore::run(const QString &sql, const QVariantList &values,
                                  const QString &what)
{
    return execute(prepare(m_statements[sql], sql, what), values, what);
}

Result<QSqlQuery *> SqlStore::run(std::unique_ptr<QSqlQuery> &slot, const QString &sql,
                                  const QVariantList &values, const QString &what)
{
    return execute(prepare(slot, sql, what), values, what);
}

Result<void> SqlStore::exec(const QString &sql, const QVariantList &values, const QString &what)
{
    auto query = run(sql, values, what);
    if (!query)
        return fail(query.error());
    query.value()->finish();
    return {};
}

Result<void> SqlStore::command(const QString &sql, const QString &what)
{
    if (!m_open)
        return fail(notOpen(what));
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        const Error error = failure(what, query);
        noteFailure(error);
        return fail(error);
    }
    return {};
}

Result<std::optional<QVariant>> SqlStore::scalar(const QString &sql, const QVariantList &values,
                                                 const QString &what)
{
    auto query = run(sql, values, what);
    if (!query)
        return fail(query.error());
    const Finisher finisher(query.value());
    if (!query.value()->next())
        return std::optional<QVariant>();
    return std::optional<QVariant>(query.value()->value(0));
}

Result<std::optional<qint64>> SqlStore::insert(std::unique_ptr<QSqlQuery> &slot, const QString &sql,
                                               const QString &idColumn, const QVariantList &values,
                                               const QString &what)
{
    if (returnsInsertedIds())
        return returnedId(execute(
                prepare(slot, sql + QStringLiteral(" RETURNING ") + idColumn, what), values, what));
    auto query = execute(prepare(slot, sql, what), values, what);
    if (!query)
        return fail(query.error());
    const Finisher finisher(query.value());
    if (query.value()->numRowsAffected() == 0)
        return std::optional<qint64>();
    return std::optional<qint64>(query.value()->lastInsertId().toLongLong());
}

Result<std::optional<qint64>> SqlStore::insert(const QString &sql, const QString &idColumn,
                                               const QVariantList &values, const QString &what)
{
    return insert(m_statements[sql], sql, idColumn, values, what);
}

Result<std::optional<qint64>> SqlStore::returnedId(Result<QSqlQuery *> query)
{
    if (!query)
        return fail(query.error());
    const Finisher finisher(query.value());
    if (!query.value()->next())
        return std::optional<qint64>();
    return std::optional<qint64>(query.value()->value(0).toLongLong());
}

// ---------------------------------------------------------------------------------------------
// Schema

Result<int> SqlStore::readSchemaVersion()
{
    auto exists = hasSchemaVersionTable();
    if (!exists)
        return fail(exists.error());
    if (!exists.value())
        return 0;
    auto version = scalar(QStringLiteral("SELECT max(version) FROM schema_version"), {},
                          QStringLiteral("cannot read the schema version"));
    if (!version)
        return fail(version.error());
    return version->value_or(0).toInt();
}

Result<void> SqlStore::migrate()
{
    const QList<StoreMigration> &steps = migrations();
    const int latest = latestVersion(steps);
    auto newer = [&](int version) {
        return failure(QStringLiteral("cannot open the database"),
                       QStringLiteral("its schema version %1 is newer than this CallBridge knows "
                                      "(up to %2); run a newer CallBridge, or restore a backup "
                                      "made by this version")
                               .arg(version)
                               .arg(latest));
    };

    auto current = readSchemaVersion();
    if (!current)
        return fail(current.error());
    if (current.value() > latest)
        return fail(newer(current.value()));

    for (const StoreMigration &migration : steps) {
        if (migration.version <= current.value())
            continue;
        const QString what = QStringLiteral("cannot migrate the database to schema version %1 "
                                            "(%2)")
                                     .arg(migration.version)
                                     .arg(migration.description);
        if (auto started = startTransaction(); !started)
            return fail(Error { what + QStringLiteral(": ") + started.error().message });
        m_inTransaction = true;
        auto failMigration = [&](const Error &error) -> Result<void> {
            m_inTransaction = false;
            (void)command(QStringLiteral("ROLLBACK"), what);
            return fail(error);
        };

        auto created = command(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                              " version INTEGER PRIMARY KEY,"
                                              " description TEXT NOT NULL,"
                                              " applied_at BIGINT NOT NULL)"),
                               what);
        if (!created)
            return failMigration(created.error());
        // Another process (the CLI, another relay) may have migrated while this one waited.
        current = readSchemaVersion();
        if (!current)
            return failMigration(current.error());
        if (current.value() > latest)
            return failMigration(newer(current.value()));
        if (current.value() < migration.version) {
            for (const QString &sql : migration.statements) {
                QSqlQuery query(m_db);
                if (!query.exec(sql))
                    return failMigration(failure(what, query));
            }
            auto recorded = exec(QStringLiteral("INSERT INTO schema_version (version, "
                                                "description, applied_at) VALUES (?, ?, ?)"),
                                 { migration.version, migration.description,
                                   QDateTime::currentMSecsSinceEpoch() },
                                 what);
            if (!recorded)
                return failMigration(recorded.error());
        }
        m_inTransaction = false;
        if (auto committed = command(QStringLiteral("COMMIT"), what); !committed)
            return failMigration(committed.error());
        if (current.value() < migration.version)
            qCInfo(lcStore).noquote()
                    << "migrated" << location() << "to schema version" << migration.version;
        current = std::max(current.value(), migration.version);
    }
    m_schemaVersion = current.value();
    return {};
}

// ---------------------------------------------------------------------------------------------
// Events

Result<std::optional<qint64>> SqlStore::appendEvent(const EventRecord &event)
{
    return insert(m_appendEvent,
                  QStringLiteral("INSERT INTO events (received_at, event, pbx_call_id, "
                                 "dedupe_key, raw_form, remote_address) VALUES (?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT (dedupe_key) DO NOTHING"),
                  QStringLiteral("seq"),
                  { msOrNow(event.receivedAt), text(event.eventName), orNull(event.pbxCallId),
                    orNull(event.dedupeKey), bytes(event.rawForm), text(event.remoteAddress) },
                  QStringLiteral("cannot store the event"));
}

Result<QList<EventRecord>> SqlStore::eventsForCall(const QString &pbxCallId)
{
    return readRows<EventRecord>(
            QStringLiteral("SELECT seq, received_at, event, pbx_call_id, dedupe_key, "
                           "raw_form, remote_address FROM events WHERE pbx_call_id = ? "
                           "ORDER BY seq"),
            { orNull(pbxCallId) }, QStringLiteral("cannot read the call's events"),
            [](const QSqlQuery &q) {
                EventRecord event;
                event.seq = q.value(0).toLongLong();
                event.receivedAt = toTime(q.value(1));
                event.eventName = q.value(2).toString();
                event.pbxCallId = q.value(3).toString();
                event.dedupeKey = q.value(4).toByteArray();
                event.rawForm = q.value(5).toByteArray();
                event.remoteAddress = q.value(6).toString();
                return event;
            });
}

Result<QDateTime> SqlStore::latestEventTime()
{
    auto time = scalar(QStringLiteral("SELECT received_at FROM events ORDER BY seq DESC LIMIT 1"),
                       {}, QStringLiteral("cannot read the latest event"));
    if (!time)
        return fail(time.error());
    return time->has_value() ? toTime(**time) : QDateTime();
}

// ---------------------------------------------------------------------------------------------
// Calls

Result<void> SqlStore::saveCall(const CallRecord &call)
{
    if (call.pbxCallId.isEmpty())
        return fail(QStringLiteral("cannot store a call without a pbx_call_id"));
    // Most saves are a running call's next event: its time, number and contact stay, and an
    // UPDATE that does not name them leaves their three indexes untouched. SQLite picks the
    // indexes to rewrite from the SET list, not from the values, and every index leaf rewritten
    // is another page in the log that the answer's fsync waits for.
    auto updated = run(m_updateRunningCall,
                       QStringLiteral("UPDATE calls SET direction = ?, state = ?, call_start = ?, "
                                      "caller_id = ?, called_did = ?, extension = ?, "
                                      "ringing_extensions = ?, answered_by = ?, "
                                      "duration_seconds = ?, disposition = ?, status_code = ?, "
                                      "is_recorded = ?, recording_id = ?, recording_ready = ?, "
                                      "source = ?, updated_at = ? WHERE pbx_call_id = ? "
                                      "AND started_at IS NOT DISTINCT FROM ? "
                                      "AND client_number = ? "
                                      "AND contact_id IS NOT DISTINCT FROM ?"),
                       { text(call.direction),
                         text(call.state),
                         text(call.callStart),
                         text(call.callerId),
                         text(call.calledDid),
                         text(call.extension),
                         joinList(call.ringingExtensions),
                         text(call.answeredBy),
                         call.durationSeconds,
                         text(call.disposition),
                         call.statusCode,
                         flag(call.isRecorded),
                         text(call.recordingId),
                         flag(call.recordingReady),
                         text(call.source),
                         msOrNow(call.updatedAt),
                         call.pbxCallId,
                         orNull(call.startedAt),
                         text(call.clientNumber),
                         orNull(call.contactId) },
                       QStringLiteral("cannot store a call"));
    if (!updated)
        return fail(Error { updated.error().message
                            + QStringLiteral(" (pbx_call_id %1)").arg(call.pbxCallId) });
    const bool wasRunning = updated.value()->numRowsAffected() > 0;
    updated.value()->finish();
    if (wasRunning)
        return {};
    auto query = run(
            m_saveCall,
            QStringLiteral("INSERT INTO calls (") + callColumns
                    + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                     "?, ?, ?, ?) ON CONFLICT (pbx_call_id) DO UPDATE SET "
                                     "direction = excluded.direction, state = excluded.state, "
                                     "started_at = excluded.started_at, "
                                     "call_start = excluded.call_start, "
                                     "client_number = excluded.client_number, "
                                     "caller_id = excluded.caller_id, "
                                     "called_did = excluded.called_did, "
                                     "extension = excluded.extension, "
                                     "ringing_extensions = excluded.ringing_extensions, "
                                     "answered_by = excluded.answered_by, "
                                     "duration_seconds = excluded.duration_seconds, "
                                     "disposition = excluded.disposition, "
                                     "status_code = excluded.status_code, "
                                     "is_recorded = excluded.is_recorded, "
                                     "recording_id = excluded.recording_id, "
                                     "recording_ready = excluded.recording_ready, "
                                     "contact_id = excluded.contact_id, "
                                     "source = excluded.source, "
                                     "updated_at = excluded.updated_at"),
            { call.pbxCallId,
              text(call.direction),
              text(call.state),
              orNull(call.startedAt),
              text(call.callStart),
              text(call.clientNumber),
              text(call.callerId),
              text(call.calledDid),
              text(call.extension),
              joinList(call.ringingExtensions),
              text(call.answeredBy),
              call.durationSeconds,
              text(call.disposition),
              call.statusCode,
              flag(call.isRecorded),
              text(call.recordingId),
              flag(call.recordingReady),
              orNull(call.contactId),
              text(call.source),
              msOrNow(call.updatedAt) },
            QStringLiteral("cannot store a call"));
    if (!query) // the id only now: formatting it for every call would cost on the hot path
        return fail(Error { query.error().message
                            + QStringLiteral(" (pbx_call_id %1)").arg(call.pbxCallId) });
    query.value()->finish();
    return {};
}

Result<QList<CallRecord>> SqlStore::readCalls(const QString &sql, const QVariantList &values,
                                              const QString &what)
{
    return readRows<CallRecord>(sql, values, what, [](const QSqlQuery &q) {
        CallRecord call;
        call.pbxCallId = q.value(0).toString();
        call.direction = q.value(1).toString();
        call.state = q.value(2).toString();
        call.startedAt = toTime(q.value(3));
        call.callStart = q.value(4).toString();
        call.clientNumber = q.value(5).toString();
        call.callerId = q.value(6).toString();
        call.calledDid = q.value(7).toString();
        call.extension = q.value(8).toString();
        call.ringingExtensions = splitList(q.value(9).toString());
        call.answeredBy = q.value(10).toString();
        call.durationSeconds = q.value(11).toInt();
        call.disposition = q.value(12).toString();
        call.statusCode = q.value(13).toInt();
        call.isRecorded = q.value(14).toInt() != 0;
        call.recordingId = q.value(15).toString();
        call.recordingReady = q.value(16).toInt() != 0;
        call.contactId = q.value(17).toLongLong();
        call.source = q.value(18).toString();
        call.updatedAt = toTime(q.value(19));
        return call;
    });
}

Result<std::optional<CallRecord>> SqlStore::call(const QString &pbxCallId)
{
    auto calls = readCalls(QStringLiteral("SELECT ") + callColumns
                                   + QStringLiteral(" FROM calls WHERE pbx_call_id = ?"),
                           { pbxCallId }, QStringLiteral("cannot read call %1").arg(pbxCallId));
    if (!calls)
        return fail(calls.error());
    if (calls->isEmpty())
        return std::optional<CallRecord>();
    return std::optional<CallRecord>(calls->constFirst());
}

Result<QList<CallRecord>> SqlStore::calls(const CallQuery &query)
{
    QStringList conditions;
    QVariantList values;
    if (query.contactId != 0) {
        conditions << QStringLiteral("contact_id = ?");
        values << query.contactId;
    }
    if (!query.extensions.isEmpty()) {
        QStringList extensions;
        for (const QString &extension : query.extensions) {
            if (!extension.isEmpty())
                extensions << extension;
        }
        // A list of only empty extensions (a user without one) matches nothing, never all.
        if (extensions.isEmpty())
            return QList<CallRecord>();
        conditions << extensionsCondition();
        values << QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(extensions))
                                            .toJson(QJsonDocument::Compact));
    }
    if (!query.direction.isEmpty()) {
        conditions << QStringLiteral("direction = ?");
        values << query.direction;
    }
    if (!query.state.isEmpty()) {
        conditions << QStringLiteral("state = ?");
        values << query.state;
    }
    if (!query.number.isEmpty()) {
        conditions << QStringLiteral("client_number = ?");
        values << query.number;
    }
    if (query.from.isValid()) {
        conditions << QStringLiteral("started_at >= ?");
        values << query.from.toMSecsSinceEpoch();
    }
    if (query.to.isValid()) {
        conditions << QStringLiteral("started_at < ?");
        values << query.to.toMSecsSinceEpoch();
    }
    if (query.beforeStartedAt.isValid()) {
        conditions << QStringLiteral("(started_at, pbx_call_id) < (?, ?)");
        values << query.beforeStartedAt.toMSecsSinceEpoch() << text(query.beforePbxCallId);
    }
    QString sql = QStringLiteral("SELECT ") + callColumns + QStringLiteral(" FROM calls");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY started_at DESC, pbx_call_id DESC LIMIT ?");
    values << clampLimit(query.limit);
    return readCalls(sql, values, QStringLiteral("cannot list calls"));
}

Result<bool> SqlStore::hasCall(const QString &pbxCallId)
{
    auto found = scalar(QStringLiteral("SELECT 1 FROM calls WHERE pbx_call_id = ?"), { pbxCallId },
                        QStringLiteral("cannot look up call %1").arg(pbxCallId));
    if (!found)
        return fail(found.error());
    return found->has_value();
}

// ---------------------------------------------------------------------------------------------
// Contacts

Result<void> SqlStore::checkExists(const QString &table, qint64 id, const QString &what)
{
    if (id == 0)
        return {};
    auto found = scalar(QStringLiteral("SELECT 1 FROM ") + table + QStringLiteral(" WHERE id = ?"),
                        { id }, QStringLiteral("cannot look up %1 #%2").arg(what).arg(id));
    if (!found)
        return fail(found.error());
    if (!found->has_value())
        return fail(QStringLiteral("%1 #%2 does not exist").arg(what).arg(id));
    return {};
}

Result<void> SqlStore::checkPhonesFree(const QStringList &phones, qint64 contactId)
{
    for (const QString &phone : phones) {
        auto query = run(QStringLiteral("SELECT c.id, c.name FROM contact_phones p JOIN contacts c "
                                        "ON c.id = p.contact_id WHERE p.phone = ?"),
                         { phone }, QStringLiteral("cannot look up phone %1").arg(phone));
        if (!query)
            return fail(query.error());
        QSqlQuery *q = query.value();
        const Finisher finisher(q);
        if (q->next() && q->value(0).toLongLong() != contactId)
            return fail(QStringLiteral("phone %1 already belongs to contact #%2 \"%3\"")
                                .arg(phone)
                                .arg(q->value(0).toLongLong())
                                .arg(q->value(1).toString()));
    }
    return {};
}

Result<void> SqlStore::writePhones(qint64 contactId, const QStringList &phones,
                                   const ContactRecord &contact)
{
    const QString what = QStringLiteral("cannot store the phones of contact #%1").arg(contactId);
    auto removed = exec(QStringLiteral("DELETE FROM contact_phones WHERE contact_id = ?"),
                        { contactId }, what);
    if (!removed)
        return removed;
    for (qsizetype i = 0; i < phones.size(); ++i) {
        auto added = exec(QStringLiteral("INSERT INTO contact_phones (phone, contact_id, position) "
                                         "VALUES (?, ?, ?)"),
                          { phones.at(i), contactId, qint64(i) }, what);
        if (!added)
            return added;
    }
    return indexContact(contactId, phones, contact);
}

Result<qint64> SqlStore::createContact(const ContactRecord &contact)
{
    const QStringList phones = cleanPhones(contact.phones);
    WriteScope scope(*this);
    if (auto started = scope.start(); !started)
        return fail(started.error());
    if (auto user
        = checkExists(QStringLiteral("users"), contact.responsibleUserId, QStringLiteral("user"));
        !user)
        return fail(user.error());
    if (auto free = checkPhonesFree(phones, 0); !free)
        return fail(free.error());

    const qint64 created = msOrNow(contact.createdAt);
    auto inserted = insert(
            QStringLiteral("INSERT INTO contacts (name, company, email, notes, "
                           "responsible_user_id, source, created_at, updated_at, tags, "
                           "external_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            QStringLiteral("id"),
            { text(contact.name), text(contact.company), text(contact.email), text(contact.notes),
              orNull(contact.responsibleUserId), text(contact.source), created,
              contact.updatedAt.isValid() ? contact.updatedAt.toMSecsSinceEpoch() : created,
              tagsText(contact.tags), orNull(contact.externalUrl) },
            QStringLiteral("cannot create the contact"));
    if (!inserted)
        return fail(inserted.error());
    const qint64 id = inserted->value_or(0);

    if (auto written = writePhones(id, phones, contact); !written)
        return fail(written.error());
    if (auto committed = scope.commit(); !committed)
        return fail(committed.error());
    return id;
}

Result<void> SqlStore::updateContact(const ContactRecord &contact)
{
    const QStringList phones = cleanPhones(contact.phones);
    WriteScope scope(*this);
    if (auto started = scope.start(); !started)
        return started;
    if (contact.id == 0)
        return fail(QStringLiteral("cannot update a contact without an id"));
    if (auto exists
        = checkExists(QStringLiteral("contacts"), contact.id, QStringLiteral("contact"));
        !exists)
        return exists;
    if (auto user
        = checkExists(QStringLiteral("users"), contact.responsibleUserId, QStringLiteral("user"));
        !user)
        return user;
    if (auto free = checkPhonesFree(phones, contact.id); !free)
        return free;

    auto updated = exec(QStringLiteral("UPDATE contacts SET name = ?, company = ?, email = ?, "
                                       "notes = ?, responsible_user_id = ?, source = ?, "
                                       "updated_at = ?, tags = ?, external_url = ? WHERE id = ?"),
                        { text(contact.name), text(contact.company), text(contact.email),
                          text(contact.notes), orNull(contact.responsibleUserId),
                          text(contact.source), msOrNow(contact.updatedAt), tagsText(contact.tags),
                          orNull(contact.externalUrl), contact.id },
                        QStringLiteral("cannot update contact #%1").arg(contact.id));
    if (!updated)
        return updated;
    if (auto written = writePhones(contact.id, phones, contact); !written)
        return written;
    return scope.commit();
}

Result<QList<ContactRecord>> SqlStore::readContacts(const QString &innerSelect,
                                                    const QVariantList &values, const QString &what,
                                                    const QString &order)
{
    // One statement: the page of contacts, then their phones joined in order.
    const QString sql = QStringLiteral("WITH page AS (") + innerSelect
            + QStringLiteral(") SELECT page.id, page.name, page.company, page.email, page.notes, "
                             "page.responsible_user_id, page.source, page.created_at, "
                             "page.updated_at, page.tags, page.external_url, p.phone FROM page "
                             "LEFT JOIN contact_phones p ON p.contact_id = page.id ORDER BY ")
            + (order.isEmpty() ? byName(QStringLiteral("page")) : order)
            + QStringLiteral(", p.position");
    auto query = run(sql, values, what);
    if (!query)
        return fail(query.error());
    QSqlQuery *q = query.value();
    const Finisher finisher(q);
    QList<ContactRecord> contacts;
    while (q->next()) {
        const qint64 id = q->value(0).toLongLong();
        if (contacts.isEmpty() || contacts.constLast().id != id) {
            ContactRecord contact;
            contact.id = id;
            contact.name = q->value(1).toString();
            contact.company = q->value(2).toString();
            contact.email = q->value(3).toString();
            contact.notes = q->value(4).toString();
            contact.responsibleUserId = q->value(5).toLongLong();
            contact.source = q->value(6).toString();
            contact.createdAt = toTime(q->value(7));
            contact.updatedAt = toTime(q->value(8));
            contact.tags = tagsFromText(q->value(9).toString());
            contact.externalUrl = q->value(10).toString();
            contacts << contact;
        }
        if (!q->value(11).isNull())
            contacts.last().phones << q->value(11).toString();
    }
    return contacts;
}

Result<std::optional<ContactRecord>> SqlStore::contact(qint64 id)
{
    auto contacts = readContacts(QStringLiteral("SELECT ") + contactColumns
                                         + QStringLiteral(" FROM contacts c WHERE c.id = ?"),
                                 { id }, QStringLiteral("cannot read contact #%1").arg(id));
    if (!contacts)
        return fail(contacts.error());
    if (contacts->isEmpty())
        return std::optional<ContactRecord>();
    return std::optional<ContactRecord>(contacts->constFirst());
}

Result<std::optional<ContactRecord>> SqlStore::contactByPhone(const QString &canonical)
{
    auto contacts = readContacts(
            QStringLiteral("SELECT ") + contactColumns
                    + QStringLiteral(" FROM contacts c JOIN contact_phones cp ON cp.contact_id = "
                                     "c.id WHERE cp.phone = ?"),
            { canonical }, QStringLiteral("cannot look up phone %1").arg(canonical));
    if (!contacts)
        return fail(contacts.error());
    if (contacts->isEmpty())
        return std::optional<ContactRecord>();
    return std::optional<ContactRecord>(contacts->constFirst());
}

Result<QList<ContactRecord>> SqlStore::everyoneByName(int limit, int offset)
{
    return readContacts(QStringLiteral("SELECT ") + contactColumns
                                + QStringLiteral(" FROM contacts c ORDER BY ")
                                + byName(QStringLiteral("c")) + QStringLiteral(" LIMIT ? OFFSET ?"),
                        { clampLimit(limit), std::max(offset, 0) },
                        QStringLiteral("cannot list contacts"));
}

Result<QList<ContactRecord>> SqlStore::pageOfMatches(const QString &matches,
                                                     const QString &newestFirst,
                                                     const QVariant &match, int limit, int offset)
{
    const QString what = QStringLiteral("cannot search contacts");
    const QString select
            = QStringLiteral("SELECT ") + contactColumns + QStringLiteral(" FROM contacts c");
    const QVariant page = clampLimit(limit);
    const QVariant skip = std::max(offset, 0);
    // Sorting every match by name costs a lookup per match: a common word among a million
    // contacts takes a quarter of a second. Past sortedSearchLimit matches, the index's own
    // order (newest first) streams the page and stops.
    auto many = scalar(QStringLiteral("SELECT count(*) FROM (") + matches
                               + QStringLiteral(" LIMIT ?) AS first_matches"),
                       { match, m_sortedSearchLimit + 1 }, what);
    if (!many)
        return fail(many.error());
    if (many->value_or(0).toLongLong() <= m_sortedSearchLimit)
        return readContacts(select + QStringLiteral(" WHERE c.id IN (") + matches
                                    + QStringLiteral(") ORDER BY ") + byName(QStringLiteral("c"))
                                    + QStringLiteral(" LIMIT ? OFFSET ?"),
                            { match, page, skip }, what);
    return readContacts(select + QStringLiteral(" WHERE c.id IN (") + newestFirst
                                + QStringLiteral(")"),
                        { match, page, skip }, what, QStringLiteral("page.id DESC"));
}

Result<QList<ContactRecord>> SqlStore::contactsAfter(qint64 afterId, int limit)
{
    return readContacts(QStringLiteral("SELECT ") + contactColumns
                                + QStringLiteral(" FROM contacts c WHERE c.id > ? ORDER BY c.id "
                                                 "LIMIT ?"),
                        { afterId, clampLimit(limit) }, QStringLiteral("cannot read contacts"),
                        QStringLiteral("page.id"));
}

Result<QList<ContactRoute>> SqlStore::contactRoutes()
{
    return readRows<ContactRoute>(
            QStringLiteral("SELECT c.id, p.phone, c.name, c.responsible_user_id FROM "
                           "contacts c JOIN contact_phones p ON p.contact_id = c.id "
                           "ORDER BY c.id, p.position"),
            {}, QStringLiteral("cannot load the contacts' phones"), [](const QSqlQuery &q) {
                ContactRoute route;
                route.contactId = q.value(0).toLongLong();
                route.phone = q.value(1).toString();
                route.name = q.value(2).toString();
                route.responsibleUserId = q.value(3).toLongLong();
                return route;
            });
}

Result<qint64> SqlStore::contactCount()
{
    auto count = scalar(QStringLiteral("SELECT count(*) FROM contacts"), {},
                        QStringLiteral("cannot count contacts"));
    if (!count)
        return fail(count.error());
    return count->value_or(0).toLongLong();
}

// ---------------------------------------------------------------------------------------------
// Leads and tasks

Result<qint64> SqlStore::createLead(const LeadRecord &lead)
{
    if (auto contact
        = checkExists(QStringLiteral("contacts"), lead.contactId, QStringLiteral("contact"));
        !contact)
        return fail(contact.error());
    if (auto user
        = checkExists(QStringLiteral("users"), lead.responsibleUserId, QStringLiteral("user"));
        !user)
        return fail(user.error());
    auto inserted
            = insert(QStringLiteral("INSERT INTO leads (contact_id, pbx_call_id, status, "
                                    "responsible_user_id, created_at) VALUES (?, ?, ?, ?, ?)"),
                     QStringLiteral("id"),
                     { orNull(lead.contactId), orNull(lead.pbxCallId), text(lead.status),
                       orNull(lead.responsibleUserId), msOrNow(lead.createdAt) },
                     QStringLiteral("cannot create the lead"));
    if (!inserted)
        return fail(inserted.error());
    return inserted->value_or(0);
}

Result<QList<LeadRecord>> SqlStore::leads(int limit, qint64 afterId)
{
    return readRows<LeadRecord>(
            QStringLiteral("SELECT id, contact_id, pbx_call_id, status, "
                           "responsible_user_id, created_at FROM leads WHERE id > ? "
                           "ORDER BY id LIMIT ?"),
            { afterId, clampLimit(limit) }, QStringLiteral("cannot list leads"),
            [](const QSqlQuery &q) {
                LeadRecord lead;
                lead.id = q.value(0).toLongLong();
                lead.contactId = q.value(1).toLongLong();
                lead.pbxCallId = q.value(2).toString();
                lead.status = q.value(3).toString();
                lead.responsibleUserId = q.value(4).toLongLong();
                lead.createdAt = toTime(q.value(5));
                return lead;
            });
}

Result<qint64> SqlStore::createTask(const TaskRecord &task)
{
    if (auto contact
        = checkExists(QStringLiteral("contacts"), task.contactId, QStringLiteral("contact"));
        !contact)
        return fail(contact.error());
    if (auto user
        = checkExists(QStringLiteral("users"), task.assigneeUserId, QStringLiteral("user"));
        !user)
        return fail(user.error());
    const qint64 created = msOrNow(task.createdAt);
    auto inserted = insert(
            QStringLiteral("INSERT INTO tasks (kind, title, contact_id, pbx_call_id, "
                           "assignee_user_id, done, due_at, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            QStringLiteral("id"),
            { text(task.kind), text(task.title), orNull(task.contactId), orNull(task.pbxCallId),
              orNull(task.assigneeUserId), flag(task.done), orNull(task.dueAt), created,
              task.updatedAt.isValid() ? task.updatedAt.toMSecsSinceEpoch() : created },
            QStringLiteral("cannot create the task"));
    if (!inserted)
        return fail(inserted.error());
    return inserted->value_or(0);
}

Result<void> SqlStore::updateTask(const TaskRecord &task)
{
    if (auto contact
        = checkExists(QStringLiteral("contacts"), task.contactId, QStringLiteral("contact"));
        !contact)
        return contact;
    if (auto user
        = checkExists(QStringLiteral("users"), task.assigneeUserId, QStringLiteral("user"));
        !user)
        return user;
    auto query = run(QStringLiteral("UPDATE tasks SET kind = ?, title = ?, contact_id = ?, "
                                    "pbx_call_id = ?, assignee_user_id = ?, done = ?, due_at = ?, "
                                    "updated_at = ? WHERE id = ?"),
                     { text(task.kind), text(task.title), orNull(task.contactId),
                       orNull(task.pbxCallId), orNull(task.assigneeUserId), flag(task.done),
                       orNull(task.dueAt), msOrNow(task.updatedAt), task.id },
                     QStringLiteral("cannot update task #%1").arg(task.id));
    if (!query)
        return fail(query.error());
    const Finisher finisher(query.value());
    if (query.value()->numRowsAffected() == 0)
        return fail(QStringLiteral("task #%1 does not exist").arg(task.id));
    return {};
}

Result<QList<TaskRecord>> SqlStore::readTasks(const QString &sql, const QVariantList &values,
                                              const QString &what)
{
    return readRows<TaskRecord>(sql, values, what, [](const QSqlQuery &q) {
        TaskRecord task;
        task.id = q.value(0).toLongLong();
        task.kind = q.value(1).toString();
        task.title = q.value(2).toString();
        task.contactId = q.value(3).toLongLong();
        task.pbxCallId = q.value(4).toString();
        task.assigneeUserId = q.value(5).toLongLong();
        task.done = q.value(6).toInt() != 0;
        task.dueAt = toTime(q.value(7));
        task.createdAt = toTime(q.value(8));
        task.updatedAt = toTime(q.value(9));
        return task;
    });
}

Result<std::optional<TaskRecord>> SqlStore::task(qint64 id)
{
    auto tasks = readTasks(QStringLiteral("SELECT ") + taskColumns
                                   + QStringLiteral(" FROM tasks WHERE id = ?"),
                           { id }, QStringLiteral("cannot read task #%1").arg(id));
    if (!tasks)
        return fail(tasks.error());
    if (tasks->isEmpty())
        return std::optional<TaskRecord>();
    return std::optional<TaskRecord>(tasks->constFirst());
}

Result<QList<TaskRecord>> SqlStore::tasks(const TaskQuery &query)
{
    // The SQL depends on which filters are set, so each shape can use its index.
    QString sql
            = QStringLiteral("SELECT ") + taskColumns + QStringLiteral(" FROM tasks WHERE id > ?");
    QVariantList values { query.afterId };
    if (query.assigneeUserId != 0) {
        sql += QStringLiteral(" AND assignee_user_id = ?");
        values << query.assigneeUserId;
    }
    if (query.done.has_value()) {
        sql += QStringLiteral(" AND done = ?");
        values << flag(*query.done);
    }
    if (query.dueBefore.isValid()) {
        sql += QStringLiteral(" AND (due_at IS NULL OR due_at < ?)");
        values << query.dueBefore.toMSecsSinceEpoch();
    }
    sql += QStringLiteral(" ORDER BY id LIMIT ?");
    values << clampLimit(query.limit);
    return readTasks(sql, values, QStringLiteral("cannot list tasks"));
}

// ---------------------------------------------------------------------------------------------
// Users

Result<void> SqlStore::checkUserFree(const UserRecord &user)
{
    if (user.name.isEmpty())
        return fail(QStringLiteral("a user needs a name"));
    const QString what = QStringLiteral("cannot check user \"%1\"").arg(user.name);
    auto nameHolder = scalar(QStringLiteral("SELECT id FROM users WHERE name = ? AND id <> ?"),
                             { user.name, user.id }, what);
    if (!nameHolder)
        return fail(nameHolder.error());
    if (nameHolder->has_value())
        return fail(QStringLiteral("user name \"%1\" is already taken by user #%2")
                            .arg(user.name)
                            .arg((*nameHolder)->toLongLong()));
    if (!user.extension.isEmpty()) {
        auto holder
                = scalar(QStringLiteral("SELECT name FROM users WHERE extension = ? AND id <> ?"),
                         { user.extension, user.id }, what);
        if (!holder)
            return fail(holder.error());
        if (holder->has_value())
            return fail(QStringLiteral("extension %1 already belongs to user \"%2\"")
                                .arg(user.extension, (*holder)->toString()));
    }
    if (!user.tokenHash.isEmpty()) {
        auto holder = scalar(QStringLiteral("SELECT name FROM users WHERE token_hash = ? AND id <> "
                                            "?"),
                             { user.tokenHash, user.id }, what);
        if (!holder)
            return fail(holder.error());
        if (holder->has_value())
            return fail(QStringLiteral("this token already belongs to user \"%1\"")
                                .arg((*holder)->toString()));
    }
    return {};
}

Result<qint64> SqlStore::createUser(const UserRecord &user)
{
    WriteScope scope(*this);
    if (auto started = scope.start(); !started)
        return fail(started.error());
    UserRecord checked = user;
    checked.id = 0;
    if (auto free = checkUserFree(checked); !free)
        return fail(free.error());
    auto inserted
            = insert(QStringLiteral("INSERT INTO users (name, display_name, role, extension, "
                                    "token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                     QStringLiteral("id"),
                     { user.name, text(user.displayName), roleText(user.role),
                       orNull(user.extension), orNull(user.tokenHash), msOrNow(user.createdAt) },
                     QStringLiteral("cannot create user \"%1\"").arg(user.name));
    if (!inserted)
        return fail(inserted.error());
    const qint64 id = inserted->value_or(0);
    if (auto committed = scope.commit(); !committed)
        return fail(committed.error());
    return id;
}

Result<void> SqlStore::updateUser(const UserRecord &user)
{
    WriteScope scope(*this);
    if (auto started = scope.start(); !started)
        return started;
    if (user.id == 0)
        return fail(QStringLiteral("cannot update a user without an id"));
    if (auto exists = checkExists(QStringLiteral("users"), user.id, QStringLiteral("user"));
        !exists)
        return exists;
    if (auto free = checkUserFree(user); !free)
        return free;
    auto updated = exec(QStringLiteral("UPDATE users SET name = ?, display_name = ?, role = ?, "
                                       "extension = ?, token_hash = ? WHERE id = ?"),
                        { user.name, text(user.displayName), roleText(user.role),
                          orNull(user.extension), orNull(user.tokenHash), user.id },
                        QStringLiteral("cannot update user \"%1\"").arg(user.name));
    if (!updated)
        return updated;
    return scope.commit();
}

Result<void> SqlStore::removeUser(qint64 id)
{
    // Contacts, leads and tasks of the user fall back to nobody (ON DELETE SET NULL).
    auto query = run(QStringLiteral("DELETE FROM users WHERE id = ?"), { id },
                     QStringLiteral("cannot remove user #%1").arg(id));
    if (!query)
        return fail(query.error());
    const Finisher finisher(query.value());
    if (query.value()->numRowsAffected() == 0)
        return fail(QStringLiteral("user #%1 does not exist").arg(id));
    return {};
}

Result<QList<UserRecord>> SqlStore::readUsers(const QString &sql, const QVariantList &values,
                                              const QString &what)
{
    return readRows<UserRecord>(sql, values, what, [](const QSqlQuery &q) {
        UserRecord user;
        user.id = q.value(0).toLongLong();
        user.name = q.value(1).toString();
        user.displayName = q.value(2).toString();
        user.role = roleFromText(q.value(3).toString());
        user.extension = q.value(4).toString();
        user.tokenHash = q.value(5).toByteArray();
        user.createdAt = toTime(q.value(6));
        return user;
    });
}

Result<QList<UserRecord>> SqlStore::users()
{
    return readUsers(QStringLiteral("SELECT ") + userColumns
                             + QStringLiteral(" FROM users ORDER BY name"),
                     {}, QStringLiteral("cannot list users"));
}

Result<std::optional<UserRecord>> SqlStore::userByName(const QString &name)
{
    auto users = readUsers(QStringLiteral("SELECT ") + userColumns
                                   + QStringLiteral(" FROM users WHERE name = ?"),
                           { name }, QStringLiteral("cannot look up user \"%1\"").arg(name));
    if (!users)
        return fail(users.error());
    if (users->isEmpty())
        return std::optional<UserRecord>();
    return std::optional<UserRecord>(users->constFirst());
}

Result<std::optional<UserRecord>> SqlStore::userByTokenHash(const QByteArray &tokenHash)
{
    if (tokenHash.isEmpty())
        return std::optional<UserRecord>();
    auto users = readUsers(QStringLiteral("SELECT ") + userColumns
                                   + QStringLiteral(" FROM users WHERE token_hash = ?"),
                           { tokenHash }, QStringLiteral("cannot look up a user by token"));
    if (!users)
        return fail(users.error());
    if (users->isEmpty())
        return std::optional<UserRecord>();
    return std::optional<UserRecord>(users->constFirst());
}

// ---------------------------------------------------------------------------------------------
// Blacklist, settings, audit

Result<void> SqlStore::addToBlacklist(const BlacklistEntry &entry)
{
    if (entry.number.isEmpty())
        return fail(QStringLiteral("cannot blacklist an empty number"));
    return exec(QStringLiteral("INSERT INTO blacklist (number, reason, created_at) VALUES (?, ?, "
                               "?) ON CONFLICT (number) DO UPDATE SET reason = excluded.reason, "
                               "created_at = excluded.created_at"),
                { entry.number, text(entry.reason), msOrNow(entry.createdAt) },
                QStringLiteral("cannot blacklist %1").arg(entry.number));
}

Result<bool> SqlStore::removeFromBlacklist(const QString &number)
{
    auto query = run(QStringLiteral("DELETE FROM blacklist WHERE number = ?"), { number },
                     QStringLiteral("cannot remove %1 from the blacklist").arg(number));
    if (!query)
        return fail(query.error());
    const Finisher finisher(query.value());
    return query.value()->numRowsAffected() > 0;
}

Result<QList<BlacklistEntry>> SqlStore::blacklist()
{
    return readRows<BlacklistEntry>(
            QStringLiteral("SELECT number, reason, created_at FROM blacklist ORDER BY number"), {},
            QStringLiteral("cannot read the blacklist"), [](const QSqlQuery &q) {
                return BlacklistEntry { q.value(0).toString(), q.value(1).toString(),
                                        toTime(q.value(2)) };
            });
}

Result<QHash<QString, QString>> SqlStore::settings()
{
    auto query = run(QStringLiteral("SELECT key, value FROM settings"), {},
                     QStringLiteral("cannot read the settings"));
    if (!query)
        return fail(query.error());
    QSqlQuery *q = query.value();
    const Finisher finisher(q);
    QHash<QString, QString> settings;
    while (q->next())
        settings.insert(q->value(0).toString(), q->value(1).toString());
    return settings;
}

Result<void> SqlStore::setSetting(const QString &key, const QString &value)
{
    if (key.isEmpty())
        return fail(QStringLiteral("cannot store a setting without a key"));
    return exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                               "DO UPDATE SET value = excluded.value"),
                { key, text(value) }, QStringLiteral("cannot store setting %1").arg(key));
}

Result<void> SqlStore::removeSetting(const QString &key)
{
    return exec(QStringLiteral("DELETE FROM settings WHERE key = ?"), { key },
                QStringLiteral("cannot remove setting %1").arg(key));
}

Result<qint64> SqlStore::appendAudit(const AuditEntry &entry)
{
    auto inserted = insert(QStringLiteral("INSERT INTO audit (at, user_id, actor, action, detail) "
                                          "VALUES (?, ?, ?, ?, ?)"),
                           QStringLiteral("id"),
                           { msOrNow(entry.at), orNull(entry.userId), text(entry.actor),
                             text(entry.action), text(entry.detail) },
                           QStringLiteral("cannot write the audit log"));
    if (!inserted)
        return fail(inserted.error());
    return inserted->value_or(0);
}

Result<QList<AuditEntry>> SqlStore::audit(int limit, qint64 beforeId)
{
    QString sql = QStringLiteral("SELECT id, at, user_id, actor, action, detail FROM audit");
    QVariantList values;
    if (beforeId > 0) {
        sql += QStringLiteral(" WHERE id < ?");
        values << beforeId;
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values << clampLimit(limit);
    return readRows<AuditEntry>(sql, values, QStringLiteral("cannot read the audit log"),
                                [](const QSqlQuery &q) {
                                    AuditEntry entry;
                                    entry.id = q.value(0).toLongLong();
                                    entry.at = toTime(q.value(1));
                                    entry.userId = q.value(2).toLongLong();
                                    entry.actor = q.value(3).toString();
                                    entry.action = q.value(4).toString();
                                    entry.detail = q.value(5).toString();
                                    return entry;
                                });
}

// ---------------------------------------------------------------------------------------------
// Feed

Result<qint64> SqlStore::appendFeed(const FeedItem &item)
{
    auto inserted = insert(
            QStringLiteral("INSERT INTO feed (created_at, type, payload, audience, "
                           "everyone) VALUES (?, ?, ?, ?, ?)"),
            QStringLiteral("seq"),
            { msOrNow(item.createdAt), text(item.type),
              QString::fromUtf8(item.payloadJson.isEmpty()
                                        ? QJsonDocument(item.payload).toJson(QJsonDocument::Compact)
                                        : item.payloadJson),
              joinIds(item.audience), flag(item.everyone) },
            QStringLiteral("cannot append to the feed"));
    if (!inserted)
        return fail(inserted.error());
    return inserted->value_or(0);
}

Result<QList<FeedItem>> SqlStore::feedAfter(qint64 seq, int limit)
{
    return readRows<FeedItem>(
            QStringLiteral("SELECT seq, created_at, type, payload, audience, everyone "
                           "FROM feed WHERE seq > ? ORDER BY seq LIMIT ?"),
            { seq, clampLimit(limit) }, QStringLiteral("cannot read the feed"),
            [](const QSqlQuery &q) {
                FeedItem item;
                item.seq = q.value(0).toLongLong();
                item.createdAt = toTime(q.value(1));
                item.type = q.value(2).toString();
                item.payloadJson = q.value(3).toString().toUtf8();
                item.payload = QJsonDocument::fromJson(item.payloadJson).object();
                item.audience = splitIds(q.value(4).toString());
                item.everyone = q.value(5).toInt() != 0;
                return item;
            });
}

Result<qint64> SqlStore::latestFeedSeq()
{
    auto seq = scalar(QStringLiteral("SELECT max(seq) FROM feed"), {},
                      QStringLiteral("cannot read the feed"));
    if (!seq)
        return fail(seq.error());
    return seq->value_or(0).toLongLong();
}

} // namespace CallBridge
