// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SqlStore's part for the external CRM connector: the outbox and the contacts' CRM ids.
#include "core/store/SqlStore.h"
#include "core/store/SqlValues.h"

#include <QSqlQuery>

namespace CallBridge {

namespace {

const QString outboxColumns
        = QStringLiteral("id, operation, key, pbx_call_id, contact_id, task_id, state, attempts, "
                         "next_attempt_at, last_error, crm_id, created_at, updated_at");

using namespace SqlValues;

bool isOutboxState(const QString &state)
{
    return state == u"pending" || state == u"done" || state == u"failed";
}

} // namespace

Result<bool> SqlStore::enqueueCrmWrite(const CrmOutboxItem &item)
{
    const QString what = QStringLiteral("cannot queue a write for the CRM");
    if (item.operation.isEmpty() || item.key.isEmpty())
        return fail(failure(what, QStringLiteral("an item needs an operation and a key")));
    auto query = run(QStringLiteral("INSERT INTO crm_outbox (operation, key, pbx_call_id, "
                                    "contact_id, task_id, state, attempts, next_attempt_at, "
                                    "last_error, crm_id, created_at, updated_at) VALUES (?, ?, ?, "
                                    "?, ?, 'pending', 0, ?, NULL, NULL, ?, ?) "
                                    "ON CONFLICT (key) DO NOTHING"),
                     { item.operation, item.key, orNull(item.pbxCallId), orNull(item.contactId),
                       orNull(item.taskId), orNull(item.nextAttemptAt), msOrNow(item.createdAt),
                       msOrNow(item.createdAt) },
                     what);
    if (!query)
        return fail(query.error());
    const bool added = query.value()->numRowsAffected() > 0;
    query.value()->finish();
    return added;
}

Result<bool> SqlStore::requeueCrmWrite(const CrmOutboxItem &item)
{
    auto added = enqueueCrmWrite(item);
    if (!added || added.value())
        return added;
    auto query = run(QStringLiteral("UPDATE crm_outbox SET state = 'pending', attempts = 0, "
                                    "next_attempt_at = NULL, last_error = NULL, updated_at = ? "
                                    "WHERE key = ? AND state = 'done'"),
                     { msOrNow(item.createdAt), item.key },
                     QStringLiteral("cannot queue a write for the CRM again"));
    if (!query)
        return fail(query.error());
    const bool again = query.value()->numRowsAffected() > 0;
    query.value()->finish();
    return again;
}

Result<QList<CrmOutboxItem>> SqlStore::readCrmWrites(const QString &sql, const QVariantList &values,
                                                     const QString &what)
{
    return readRows<CrmOutboxItem>(sql, values, what, [](const QSqlQuery &q) {
        CrmOutboxItem item;
        item.id = q.value(0).toLongLong();
        item.operation = q.value(1).toString();
        item.key = q.value(2).toString();
        item.pbxCallId = q.value(3).toString();
        item.contactId = q.value(4).toLongLong();
        item.taskId = q.value(5).toLongLong();
        item.state = q.value(6).toString();
        item.attempts = q.value(7).toInt();
        item.nextAttemptAt = toTime(q.value(8));
        item.lastError = q.value(9).toString();
        item.crmId = q.value(10).toString();
        item.createdAt = toTime(q.value(11));
        item.updatedAt = toTime(q.value(12));
        return item;
    });
}

Result<QList<CrmOutboxItem>> SqlStore::pendingCrmWrites(int limit)
{
    if (limit < 1)
        return QList<CrmOutboxItem>();
    return readCrmWrites(QStringLiteral("SELECT ") + outboxColumns
                                 + QStringLiteral(" FROM crm_outbox WHERE state = 'pending' "
                                                  "ORDER BY id LIMIT ?"),
                         { limit }, QStringLiteral("cannot read the CRM outbox"));
}

Result<std::optional<CrmOutboxItem>> SqlStore::crmWrite(const QString &key)
{
    auto items = readCrmWrites(QStringLiteral("SELECT ") + outboxColumns
                                       + QStringLiteral(" FROM crm_outbox WHERE key = ?"),
                               { key }, QStringLiteral("cannot read the CRM outbox"));
    if (!items)
        return fail(items.error());
    if (items->isEmpty())
        return std::optional<CrmOutboxItem>();
    return std::optional<CrmOutboxItem>(items->constFirst());
}

Result<void> SqlStore::updateCrmWrite(const CrmOutboxItem &item)
{
    const QString what = QStringLiteral("cannot update CRM outbox item %1").arg(item.id);
    if (!isOutboxState(item.state))
        return fail(failure(what, QStringLiteral("unknown state \"%1\"").arg(item.state)));
    auto query
            = run(QStringLiteral("UPDATE crm_outbox SET state = ?, attempts = ?, "
                                 "next_attempt_at = ?, last_error = ?, crm_id = ?, "
                                 "contact_id = ?, updated_at = ? WHERE id = ?"),
                  { item.state, item.attempts, orNull(item.nextAttemptAt), orNull(item.lastError),
                    orNull(item.crmId), orNull(item.contactId), msOrNow(item.updatedAt), item.id },
                  what);
    if (!query)
        return fail(query.error());
    const bool found = query.value()->numRowsAffected() > 0;
    query.value()->finish();
    if (!found)
        return fail(failure(what, QStringLiteral("there is no such item")));
    return {};
}

Result<CrmOutboxSummary> SqlStore::crmOutboxSummary()
{
    const QString what = QStringLiteral("cannot summarise the CRM outbox");
    auto query = run(QStringLiteral("SELECT state, count(*), min(created_at) FROM crm_outbox "
                                    "GROUP BY state"),
                     {}, what);
    if (!query)
        return fail(query.error());
    QSqlQuery *q = query.value();
    CrmOutboxSummary summary;
    while (q->next()) {
        const QString state = q->value(0).toString();
        const qint64 count = q->value(1).toLongLong();
        if (state == u"pending") {
            summary.pending = count;
            summary.oldestPendingAt = toTime(q->value(2));
        } else if (state == u"failed") {
            summary.failed = count;
        } else if (state == u"done") {
            summary.done = count;
        }
    }
    q->finish();
    return summary;
}

Result<QList<CrmOutboxItem>> SqlStore::crmWritesWithErrors(int limit)
{
    if (limit < 1)
        return QList<CrmOutboxItem>();
    return readCrmWrites(QStringLiteral("SELECT ") + outboxColumns
                                 + QStringLiteral(" FROM crm_outbox WHERE last_error IS NOT NULL "
                                                  "ORDER BY updated_at DESC, id DESC LIMIT ?"),
                         { limit }, QStringLiteral("cannot read the CRM outbox's errors"));
}

Result<qint64> SqlStore::retryFailedCrmWrites()
{
    auto query = run(QStringLiteral("UPDATE crm_outbox SET state = 'pending', next_attempt_at = "
                                    "NULL, updated_at = ? WHERE state = 'failed'"),
                     { QDateTime::currentMSecsSinceEpoch() },
                     QStringLiteral("cannot retry the CRM writes that failed"));
    if (!query)
        return fail(query.error());
    const qint64 count = query.value()->numRowsAffected();
    query.value()->finish();
    return count;
}

Result<qint64> SqlStore::pruneCrmWrites(const QDateTime &doneBefore)
{
    auto query = run(QStringLiteral("DELETE FROM crm_outbox WHERE state = 'done' AND "
                                    "updated_at < ?"),
                     { msOrNow(doneBefore) }, QStringLiteral("cannot remove old CRM outbox items"));
    if (!query)
        return fail(query.error());
    const qint64 count = query.value()->numRowsAffected();
    query.value()->finish();
    return count;
}

Result<void> SqlStore::setContactCrmId(qint64 contactId, const QString &crmId)
{
    const QString what = QStringLiteral("cannot link contact %1 to the CRM").arg(contactId);
    if (crmId.isEmpty())
        return exec(QStringLiteral("DELETE FROM crm_links WHERE contact_id = ?"), { contactId },
                    what);
    // The CRM record may have been linked to another (older, merged) contact: it moves.
    if (auto moved = exec(QStringLiteral("DELETE FROM crm_links WHERE crm_id = ? AND "
                                         "contact_id <> ?"),
                          { crmId, contactId }, what);
        !moved)
        return moved;
    return exec(QStringLiteral("INSERT INTO crm_links (contact_id, crm_id) VALUES (?, ?) "
                               "ON CONFLICT (contact_id) DO UPDATE SET crm_id = excluded.crm_id"),
                { contactId, crmId }, what);
}

Result<QString> SqlStore::contactCrmId(qint64 contactId)
{
    auto id = scalar(QStringLiteral("SELECT crm_id FROM crm_links WHERE contact_id = ?"),
                     { contactId },
                     QStringLiteral("cannot read contact %1's CRM id").arg(contactId));
    if (!id)
        return fail(id.error());
    return id->has_value() ? (*id)->toString() : QString();
}

Result<std::optional<qint64>> SqlStore::contactForCrmId(const QString &crmId)
{
    auto id = scalar(QStringLiteral("SELECT contact_id FROM crm_links WHERE crm_id = ?"), { crmId },
                     QStringLiteral("cannot find the contact of CRM record %1").arg(crmId));
    if (!id)
        return fail(id.error());
    if (!id->has_value())
        return std::optional<qint64>();
    return std::optional<qint64>((*id)->toLongLong());
}

Result<QList<qint64>> SqlStore::crmLinkedContacts(qint64 afterContactId, int limit)
{
    if (limit < 1)
        return QList<qint64>();
    auto query = run(QStringLiteral("SELECT contact_id FROM crm_links WHERE contact_id > ? "
                                    "ORDER BY contact_id LIMIT ?"),
                     { afterContactId, limit },
                     QStringLiteral("cannot list the contacts copied from the CRM"));
    if (!query)
        return fail(query.error());
    QSqlQuery *q = query.value();
    QList<qint64> ids;
    while (q->next())
        ids.append(q->value(0).toLongLong());
    q->finish();
    return ids;
}

} // namespace CallBridge
