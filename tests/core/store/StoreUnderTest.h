// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/store/SqlStore.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace CallBridge {

class PostgresServer;

// The engine a store test executable runs against, so that one test source checks both: SQLite
// files in a temporary directory, or a private PostgreSQL server started once per executable.
// Every test starts from an empty, migrated schema: SQLite gives each test function a file of
// its own, PostgreSQL empties its one database and restarts its sequences in clear().
class StoreUnderTest
{
public:
    enum class Engine { Sqlite, Postgres };

    explicit StoreUnderTest(Engine engine);
    ~StoreUnderTest();
    StoreUnderTest(const StoreUnderTest &) = delete;
    StoreUnderTest &operator=(const StoreUnderTest &) = delete;

    Engine engine() const { return m_engine; }
    QString engineName() const;
    int latestSchemaVersion() const;

    // initTestCase(): the temporary directory, or the server and its migrated database.
    Result<void> start();
    // init(): PostgreSQL's database emptied; SQLite's files are per test already.
    Result<void> clear();

    // Where the running test's data is: SQLite's file named after the test function (or
    // `name`), PostgreSQL's database (the same for every name, emptied by clear()).
    QString location(const QString &name = {}) const;
    // A new database without any schema.
    Result<QString> freshLocation(const QString &name);
    // How the store's messages name a location (a path, a URL without its password).
    QString shownLocation(const QString &location) const;

    std::unique_ptr<SqlStore> create(const QString &location) const;
    // A store on location(name), open; null after a warning naming why.
    std::unique_ptr<SqlStore> open(const QString &name = {}) const;

    // Runs statements on a connection of its own, as an operator's tool would.
    Result<void> execute(const QString &location, const QStringList &statements) const;

    PostgresServer *server() const { return m_server.get(); }

private:
    Result<void> connectAdmin();

    Engine m_engine;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PostgresServer> m_server;
    QSqlDatabase m_admin; // PostgreSQL: empties the database between tests
    QString m_clear; // PostgreSQL: what empties the database
};

} // namespace CallBridge
