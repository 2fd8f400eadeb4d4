// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <functional>

class QSqlDatabase;

namespace CallBridge {

class SqlStore;

// Copies a relay's SQLite database into an empty PostgreSQL database of the same schema version
// (callbridge-relay store copy), every row with its id or seq: agents resume the stream after a
// feed seq, and calls, leads and tasks name contacts and users by id. The source is read in one
// snapshot; the target is written in one transaction, so a failure leaves it empty. Afterwards
// new rows are numbered after the copied ones and every contact is findable.
class StoreCopy
{
public:
    struct TableRows
    {
        QString table;
        qint64 rows = 0;
    };
    // Called as each table starts (done 0) and after each statement; while the contacts are
    // indexed for search, table is "contacts_search".
    using Progress = std::function<void(const QString &table, qint64 done, qint64 total)>;

    // Both open: source a SqliteStore, target a PostgresStore.
    StoreCopy(SqlStore &source, SqlStore &target);

    // The tables copied, in order: a row comes after the rows it refers to.
    static QStringList tables();

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    // Rows per INSERT (at most; long rows make a statement end sooner).
    void setRowsPerStatement(int rows) { m_rowsPerStatement = std::max(1, rows); }

    // The rows copied, per table in copy order.
    Result<QList<TableRows>> run();

private:
    Result<void> checkStores(const QSqlDatabase &from, const QSqlDatabase &to);
    Result<QList<QStringList>> matchingColumns(const QSqlDatabase &from, const QSqlDatabase &to);
    Result<void> checkTargetEmpty(const QSqlDatabase &to);
    Result<qint64> count(const QSqlDatabase &db, const QString &table, const QString &where);
    Result<qint64> copyTable(int index, const QStringList &columns, const QSqlDatabase &from,
                             const QSqlDatabase &to);

    SqlStore &m_source;
    SqlStore &m_target;
    QString m_sourceName; // for messages
    QString m_targetName;
    Progress m_progress;
    int m_rowsPerStatement = 1000;
};

} // namespace CallBridge
