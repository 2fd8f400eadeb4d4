// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/StoreCopy.h"

#include "core/store/PostgresStore.h"
#include "core/store/SqliteStore.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

namespace CallBridge {

namespace {

struct Table
{
    QString name;
    QString key; // the rows are read in this order
};

// Not copied: SQLite's contacts_fts (PostgreSQL's contacts_search is built from the contacts),
// schema_version (both are at the same version), PostgreSQL's writer_turn.
const QList<Table> &copied()
{
    static const QList<Table> list {
        { QStringLiteral("users"), QStringLiteral("id") },
        { QStringLiteral("contacts"), QStringLiteral("id") },
        { QStringLiteral("contact_phones"), QStringLiteral("phone") },
        { QStringLiteral("crm_links"), QStringLiteral("contact_id") },
        { QStringLiteral("leads"), QStringLiteral("id") },
        { QStringLiteral("tasks"), QStringLiteral("id") },
        { QStringLiteral("calls"), QStringLiteral("pbx_call_id") },
        { QStringLiteral("events"), QStringLiteral("seq") },
        { QStringLiteral("feed"), QStringLiteral("seq") },
        { QStringLiteral("audit"), QStringLiteral("id") },
        { QStringLiteral("blacklist"), QStringLiteral("number") },
        { QStringLiteral("settings"), QStringLiteral("key") },
        { QStringLiteral("crm_outbox"), QStringLiteral("id") },
    };
    return list;
}

// A statement this long is sent even before it has its rows: events carry their raw form.
constexpr qsizetype maxStatementChars = 4 * 1024 * 1024;

QString engineText(const QSqlError &error)
{
    return (error.databaseText().isEmpty() ? error.text() : error.databaseText()).trimmed();
}

} // namespace

StoreCopy::StoreCopy(SqlStore &source, SqlStore &target) : m_source(source), m_target(target)
{
    if (auto *sqlite = dynamic_cast<SqliteStore *>(&source))
        m_sourceName = sqlite->databasePath();
    if (auto *postgres = dynamic_cast<PostgresStore *>(&target))
        m_targetName = postgres->url().toDisplayString(QUrl::RemovePassword);
}

QStringList StoreCopy::tables()
{
    QStringList names;
    for (const Table &table : copied())
        names.append(table.name);
    return names;
}

Result<QList<StoreCopy::TableRows>> StoreCopy::run()
{
    auto *target = dynamic_cast<PostgresStore *>(&m_target);
    if (!dynamic_cast<SqliteStore *>(&m_source))
        return fail(QStringLiteral("cannot copy: the source must be a SQLite database "
                                   "(sqlite:PATH)"));
    if (!target)
        return fail(QStringLiteral("cannot copy: the target must be a PostgreSQL database "
                                   "(postgres://user@host/database)"));
    if (!m_source.isOpen() || !target->isOpen())
        return fail(QStringLiteral("cannot copy: open both databases first"));
    if (m_source.inTransaction() || target->inTransaction())
        return fail(QStringLiteral("cannot copy: a transaction is open"));

    // Handles on the stores' own connections, gone before this returns (the stores remove the
    // connections when they close).
    QSqlDatabase from = QSqlDatabase::database(m_source.connectionName(), false);
    const QSqlDatabase to = QSqlDatabase::database(target->connectionName(), false);
    if (auto checked = checkStores(from, to); !checked)
        return fail(checked.error());
    auto columns = matchingColumns(from, to);
    if (!columns)
        return fail(columns.error());

    // One snapshot of the source: a relay still writing to it changes nothing in the copy. A
    // deferred transaction only reads, so that relay is not held up.
    if (!from.transaction())
        return fail(QStringLiteral("cannot read %1: %2")
                            .arg(m_sourceName, engineText(from.lastError())));
    struct EndRead
    {
        QSqlDatabase &db;
        ~EndRead() { db.rollback(); }
    } endRead { from };

    // Checked inside the transaction: the writers' turn keeps relays from writing meanwhile.
    if (auto begun = target->begin(); !begun)
        return fail(begun.error());
    if (auto empty = checkTargetEmpty(to); !empty) {
        target->rollback();
        return fail(empty.error());
    }
    auto undo = [&](const Error &error) -> Result<QList<TableRows>> {
        target->rollback();
        return fail(Error { error.message + QStringLiteral(" (nothing was copied)") });
    };

    QList<TableRows> copiedRows;
    for (int i = 0; i < copied().size(); ++i) {
        auto rows = copyTable(i, columns->at(i), from, to);
        if (!rows)
            return undo(rows.error());
        copiedRows.append({ copied().at(i).name, rows.value() });
    }
    const QString searchTable = QStringLiteral("contacts_search");
    if (auto indexed = target->reindexContacts([this, &searchTable](qint64 done, qint64 total) {
            if (m_progress)
                m_progress(searchTable, done, total);
        });
        !indexed)
        return undo(indexed.error());
    if (auto continued = target->continueIdsAfterExistingRows(); !continued)
        return undo(continued.error());
    if (auto committed = target->commit(); !committed)
        return fail(committed.error());
    return copiedRows;
}

Result<void> StoreCopy::checkStores(const QSqlDatabase &from, const QSqlDatabase &to)
{
    if (!from.isOpen() || !to.isOpen())
        return fail(QStringLiteral("cannot copy: open both databases first"));
    if (m_source.schemaVersion() != m_target.schemaVersion())
        return fail(QStringLiteral("cannot copy: %1 has schema version %2, %3 version %4; run the "
                                   "copy with the newest callbridge-relay, which brings both "
                                   "databases to its version as it opens them")
                            .arg(m_sourceName)
                            .arg(m_source.schemaVersion())
                            .arg(m_targetName)
                            .arg(m_target.schemaVersion()));
    return {};
}

Result<QList<QStringList>> StoreCopy::matchingColumns(const QSqlDatabase &from,
                                                      const QSqlDatabase &to)
{
    auto names = [](const QSqlRecord &record) {
        QStringList list;
        for (int i = 0; i < record.count(); ++i)
            list.append(record.fieldName(i).toLower());
        return list;
    };
    QList<QStringList> columns;
    for (const Table &table : copied()) {
        const QStringList source = names(from.record(table.name));
        QStringList target = names(to.record(table.name));
        if (source.isEmpty() || target.isEmpty())
            return fail(QStringLiteral("cannot copy: %1 has no table %2")
                                .arg(source.isEmpty() ? m_sourceName : m_targetName, table.name));
        QStringList sortedSource = source;
        sortedSource.sort();
        target.sort();
        // The same schema version has the same columns; anything else is a bug to hear of.
        if (sortedSource != target)
            return fail(QStringLiteral("cannot copy: the table %1 has the columns %2 in %3 but %4 "
                                       "in %5")
                                .arg(table.name, sortedSource.join(QStringLiteral(", ")),
                                     m_sourceName, target.join(QStringLiteral(", ")),
                                     m_targetName));
        columns.append(source);
    }
    return columns;
}

Result<void> StoreCopy::checkTargetEmpty(const QSqlDatabase &to)
{
    QStringList held;
    for (const Table &table : copied()) {
        auto rows = count(to, table.name, m_targetName);
        if (!rows)
            return fail(rows.error());
        if (rows.value() > 0)
            held.append(QStringLiteral("%1: %2").arg(table.name).arg(rows.value()));
    }
    if (!held.isEmpty())
        return fail(QStringLiteral("cannot copy: %1 already holds data (%2); copy into an empty "
                                   "database (create a new one, or drop and create this one)")
                            .arg(m_targetName, held.join(QStringLiteral(", "))));
    return {};
}

Result<qint64> StoreCopy::count(const QSqlDatabase &db, const QString &table, const QString &where)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !query.next())
        return fail(QStringLiteral("cannot count the rows of %1 in %2: %3")
                            .arg(table, where, engineText(query.lastError())));
    return query.value(0).toLongLong();
}

Result<qint64> StoreCopy::copyTable(int index, const QStringList &columns, const QSqlDatabase &from,
                                    const QSqlDatabase &to)
{
    const Table &table = copied().at(index);
    auto total = count(from, table.name, m_sourceName);
    if (!total)
        return fail(total.error());
    if (m_progress)
        m_progress(table.name, 0, total.value());

    const QString list = columns.join(QStringLiteral(", "));
    QSqlQuery read(from);
    read.setForwardOnly(true);
    if (!read.exec(
                QStringLiteral("SELECT %1 FROM %2 ORDER BY %3").arg(list, table.name, table.key)))
        return fail(QStringLiteral("cannot read %1 from %2: %3")
                            .arg(table.name, m_sourceName, engineText(read.lastError())));

    // Multi-row INSERTs of the values as the target's driver writes them as literals (bytes
    // too): one round trip per statement, where a prepared statement costs one per row.
    const QString insert = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table.name, list);
    const QSqlDriver *driver = to.driver();
    QSqlField field;
    QString sql;
    int rowsInStatement = 0;
    qint64 done = 0;
    auto send = [&]() -> Result<void> {
        if (rowsInStatement == 0)
            return {};
        QSqlQuery write(to);
        if (!write.exec(sql))
            return fail(QStringLiteral("cannot copy %1 into %2: %3")
                                .arg(table.name, m_targetName, engineText(write.lastError())));
        done += rowsInStatement;
        rowsInStatement = 0;
        sql.clear();
        if (m_progress)
            m_progress(table.name, done, total.value());
        return {};
    };
    const int width = int(columns.size());
    while (read.next()) {
        sql += rowsInStatement == 0 ? insert + u'(' : QStringLiteral(", (");
        for (int i = 0; i < width; ++i) {
            const QVariant value = read.value(i);
            field.setMetaType(value.metaType());
            field.setValue(value);
            if (i > 0)
                sql += QStringLiteral(", ");
            sql += driver->formatValue(field);
        }
        sql += u')';
        if (++rowsInStatement >= m_rowsPerStatement || sql.size() >= maxStatementChars) {
            if (auto sent = send(); !sent)
                return fail(sent.error());
        }
    }
    if (read.lastError().isValid())
        return fail(QStringLiteral("cannot read %1 from %2: %3")
                            .arg(table.name, m_sourceName, engineText(read.lastError())));
    if (auto sent = send(); !sent)
        return fail(sent.error());
    return done;
}

} // namespace CallBridge
