// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/store/StoreUnderTest.h"

#include "core/store/PostgresStore.h"
#include "core/store/SqliteStore.h"
#include "tests/support/PostgresServer.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace CallBridge {

namespace {

QAtomicInteger<int> connectionCounter;

QString uniqueConnectionName()
{
    return QStringLiteral("store-under-test-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
}

} // namespace

StoreUnderTest::StoreUnderTest(Engine engine) : m_engine(engine) { }

StoreUnderTest::~StoreUnderTest()
{
    if (m_admin.isValid()) {
        const QString name = m_admin.connectionName();
        m_admin.close();
        m_admin = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    m_server.reset();
}

QString StoreUnderTest::engineName() const
{
    return m_engine == Engine::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
}

int StoreUnderTest::latestSchemaVersion() const
{
    return m_engine == Engine::Sqlite ? SqliteStore::latestSchemaVersion()
                                      : PostgresStore::latestSchemaVersion();
}

Result<void> StoreUnderTest::start()
{
    if (m_engine == Engine::Sqlite) {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid())
            return fail(QStringLiteral("no temporary directory: %1").arg(m_dir->errorString()));
        return {};
    }
    QElapsedTimer took;
    took.start();
    m_server = std::make_unique<PostgresServer>();
    if (auto started = m_server->start(); !started)
        return started;
    {
        PostgresStore store { QUrl(m_server->url()) };
        if (auto migrated = store.open(); !migrated)
            return migrated;
    }
    if (auto connected = connectAdmin(); !connected)
        return connected;
    QSqlQuery tables(m_admin);
    // The schema's own bookkeeping stays; writer_turn keeps its one row (clear() resets it).
    if (!tables.exec(QStringLiteral("SELECT quote_ident(tablename) FROM pg_tables WHERE "
                                    "schemaname = 'public' AND tablename NOT IN "
                                    "('schema_version', 'writer_turn')")))
        return fail(QStringLiteral("cannot list the tables: %1").arg(tables.lastError().text()));
    // DELETE, not TRUNCATE: emptying a few small tables takes a millisecond, while TRUNCATE
    // makes new files for every table and index (60 ms a test). The replica role skips the
    // foreign keys' and the announcing triggers.
    QStringList statements { QStringLiteral("SET session_replication_role = replica") };
    while (tables.next())
        statements << QStringLiteral("DELETE FROM ") + tables.value(0).toString();
    statements << QStringLiteral("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S' "
                                 "AND relnamespace = 'public'::regnamespace")
               << QStringLiteral("UPDATE writer_turn SET writer = ''")
               << QStringLiteral("RESET session_replication_role");
    m_clear = statements.join(QStringLiteral("; "));
    qInfo("PostgreSQL on port %d with a migrated database in %lld ms", m_server->port(),
          took.elapsed());
    return {};
}

Result<void> StoreUnderTest::connectAdmin()
{
    m_admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), uniqueConnectionName());
    const QUrl url(m_server->url());
    m_admin.setHostName(url.host());
    m_admin.setPort(url.port());
    m_admin.setDatabaseName(url.path().mid(1));
    m_admin.setUserName(url.userName());
    // Not "callbridge": the tests end the relays' connections by that name.
    m_admin.setConnectOptions(QStringLiteral("application_name=callbridge-tests"));
    if (!m_admin.open())
        return fail(QStringLiteral("cannot connect to %1: %2")
                            .arg(m_server->url(), m_admin.lastError().text()));
    QSqlQuery timeout(m_admin);
    // A store a test left inside a transaction must fail the next test, not hang it.
    if (!timeout.exec(QStringLiteral("SET lock_timeout = '5s'")))
        return fail(timeout.lastError().text());
    return {};
}

Result<void> StoreUnderTest::clear()
{
    if (m_engine == Engine::Sqlite)
        return {};
    QSqlQuery query(m_admin);
    if (query.exec(m_clear))
        return {};
    // A test that restarted the server broke this connection too.
    const QString firstError = query.lastError().text();
    query = QSqlQuery();
    m_admin.close();
    if (!m_admin.open())
        return fail(QStringLiteral("cannot empty the database: %1; nor connect again: %2")
                            .arg(firstError, m_admin.lastError().text()));
    QSqlQuery again(m_admin);
    if (!again.exec(QStringLiteral("SET lock_timeout = '5s'")) || !again.exec(m_clear))
        return fail(QStringLiteral("cannot empty the database: %1").arg(again.lastError().text()));
    return {};
}

QString StoreUnderTest::location(const QString &name) const
{
    if (m_engine == Engine::Postgres)
        return m_server->url();
    return m_dir->filePath(
            (name.isEmpty() ? QString::fromLatin1(QTest::currentTestFunction()) : name)
            + QStringLiteral(".db"));
}

Result<QString> StoreUnderTest::freshLocation(const QString &name)
{
    static int counter = 0;
    const QString unique = QStringLiteral("%1_%2").arg(name).arg(++counter).toLower();
    if (m_engine == Engine::Sqlite)
        return m_dir->filePath(unique + QStringLiteral(".db"));
    if (auto created = m_server->createDatabase(unique); !created)
        return fail(created.error());
    return m_server->url(unique);
}

QString StoreUnderTest::shownLocation(const QString &location) const
{
    if (m_engine == Engine::Sqlite)
        return location;
    return QUrl(location).toDisplayString(QUrl::RemovePassword);
}

std::unique_ptr<SqlStore> StoreUnderTest::create(const QString &location) const
{
    if (m_engine == Engine::Sqlite)
        return std::make_unique<SqliteStore>(location);
    return std::make_unique<PostgresStore>(QUrl(location));
}

std::unique_ptr<SqlStore> StoreUnderTest::open(const QString &name) const
{
    auto store = create(location(name));
    const auto opened = store->open();
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return nullptr;
    }
    return store;
}

Result<void> StoreUnderTest::execute(const QString &location, const QStringList &statements) const
{
    const QString name = uniqueConnectionName();
    Result<void> result;
    {
        QSqlDatabase db;
        if (m_engine == Engine::Sqlite) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(location);
        } else {
            const QUrl url(location);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setDatabaseName(url.path().mid(1));
            db.setUserName(url.userName());
        }
        if (!db.open()) {
            result = fail(
                    QStringLiteral("cannot open %1: %2").arg(location, db.lastError().text()));
        } else {
            for (const QString &sql : statements) {
                QSqlQuery query(db);
                if (!query.exec(sql)) {
                    result = fail(QStringLiteral("%1: %2").arg(sql, query.lastError().text()));
                    break;
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace CallBridge
