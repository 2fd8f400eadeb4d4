// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqliteCheckpointer.h"
#include "core/store/SqliteMigrations.h"
#include "core/store/SqliteStore.h"
#include "tests/core/store/StoreRecords.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <memory>

using namespace CallBridge;
using namespace CallBridge::StoreRecords;

namespace {

// The log's checkpoint sequence number (its header's bytes 12..15, big-endian): SQLite adds one
// each time the log starts again from its beginning.
quint32 logRestarts(const QString &databasePath)
{
    QFile log(databasePath + QStringLiteral("-wal"));
    if (!log.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray header = log.read(16);
    return header.size() < 16 ? 0 : qFromBigEndian<quint32>(header.constData() + 12);
}

} // namespace

class TestSqliteStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void createsTheFileAndItsDirectories();
    void reportsFileThatIsNoDatabase();
    void migratesVersionOneContacts();
    void flushingLaterEndsWithFullSync();
    void seesChangesOfOtherConnections();
    void checkpointMovesLogIntoDatabase();
    void checkpointerStartsAndStops();
    void checkpointerRestartsTheLogUnderSteadyCommits();

private:
    std::unique_ptr<SqliteStore> openStore(const QString &name = {});
    QString path(const QString &name = {}) const;

    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
};

void TestSqliteStore::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestSqliteStore::cleanup()
{
    m_store.reset();
}

QString TestSqliteStore::path(const QString &name) const
{
    return m_dir.filePath(
            (name.isEmpty() ? QString::fromLatin1(QTest::currentTestFunction()) : name)
            + QStringLiteral(".db"));
}

std::unique_ptr<SqliteStore> TestSqliteStore::openStore(const QString &name)
{
    auto store = std::make_unique<SqliteStore>(path(name));
    const auto opened = store->open();
    if (!opened)
        qWarning() << opened.error().message;
    return opened ? std::move(store) : nullptr;
}

void TestSqliteStore::createsTheFileAndItsDirectories()
{
    // Opening, migrating and reopening on both engines: TestStore.
    const QString file = m_dir.filePath(QStringLiteral("sub/dir/relay.db"));
    {
        SqliteStore store(file);
        QVERIFY(!QFileInfo::exists(file));
        const auto opened = store.open();
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QVERIFY(store.setSetting(QStringLiteral("relay.url"), QStringLiteral("https://x")));
    }
    QVERIFY(QFileInfo::exists(file));

    SqliteStore again(file);
    QVERIFY(again.open());
    QCOMPARE(again.settings()->value(QStringLiteral("relay.url")), QStringLiteral("https://x"));
}

void TestSqliteStore::reportsFileThatIsNoDatabase()
{
    QFile file(path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();

    SqliteStore store(path());
    const auto opened = store.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.contains(path()), qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(QStringLiteral("not a database")),
             qPrintable(opened.error().message));
    QVERIFY(!store.appendEvent(eventRecord(QStringLiteral("a"), "k")));
}

void TestSqliteStore::migratesVersionOneContacts()
{
    // A database as version 1 left it, with one contact.
    {
        QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        const StoreMigration &first = SqliteMigrations::all().constFirst();
        QCOMPARE(first.version, 1);
        QStringList statements = first.statements;
        statements << QStringLiteral("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                                     "description TEXT NOT NULL, applied_at INTEGER NOT NULL)")
                   << QStringLiteral("INSERT INTO schema_version VALUES (1, 'first schema', 0)")
                   << QStringLiteral("INSERT INTO contacts (id, name, company, email, notes, "
                                     "source, created_at, updated_at) VALUES (7, 'Jan Kowalski', "
                                     "'Acme', '', 'met in Lodz', 'import', 0, 0)")
                   << QStringLiteral("INSERT INTO contact_phones VALUES ('+48600100200', 7, 0)")
                   << QStringLiteral(
                              "INSERT INTO contacts_fts (rowid, name, company, email, notes, "
                              "phones) VALUES (7, 'Jan Kowalski', 'Acme', '', 'met in Lodz', "
                              "'48600100200 600100200')");
        for (const QString &sql : std::as_const(statements))
            QVERIFY2(q.exec(sql), qPrintable(sql + u": "_qs + q.lastError().text()));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));

    m_store = openStore();
    QVERIFY(m_store);
    QCOMPARE(m_store->schemaVersion(), SqliteStore::latestSchemaVersion());
    const auto jan = m_store->contact(7);
    QVERIFY(jan && jan->has_value());
    QCOMPARE((*jan)->name, QStringLiteral("Jan Kowalski"));
    QVERIFY((*jan)->tags.isEmpty());
    QVERIFY((*jan)->externalUrl.isEmpty());
    for (const QString &text : { u"kowal"_qs, u"acme"_qs, u"lodz"_qs, u"600 100"_qs, u"j"_qs })
        QCOMPARE(names(*m_store->searchContacts(text, 10, 0)),
                 QStringList { QStringLiteral("Jan Kowalski") });
    // The rebuilt index takes the new column.
    ContactRecord tagged = **jan;
    tagged.tags = { QStringLiteral("vip") };
    QVERIFY(m_store->updateContact(tagged));
    QCOMPARE(m_store->searchContacts(QStringLiteral("vip"), 10, 0)->size(), 1);
}

void TestSqliteStore::flushingLaterEndsWithFullSync()
{
    m_store = openStore();
    QVERIFY(m_store);
    const auto synchronous = [this] {
        QSqlQuery query(QSqlDatabase::database(m_store->connectionName()));
        return query.exec(QStringLiteral("PRAGMA synchronous")) && query.next()
                ? query.value(0).toInt()
                : -1;
    };
    constexpr int full = 2;
    constexpr int normal = 1;
    QCOMPARE(synchronous(), full);

    // Only the transaction itself relaxes the safety level; commit and rollback restore it.
    QVERIFY(m_store->beginFlushingLater());
    QCOMPARE(synchronous(), normal);
    QVERIFY(!m_store->beginFlushingLater()); // they do not nest
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("r"), "r")));
    m_store->rollback();
    QCOMPARE(synchronous(), full);
    QVERIFY(m_store->eventsForCall(QStringLiteral("r"))->isEmpty());

    QVERIFY(m_store->beginFlushingLater());
    QVERIFY(m_store->commitFlushingLater([](Result<void>) {}));
    QCOMPARE(synchronous(), full);

    // A plain transaction cannot end as one that flushes later.
    QVERIFY(m_store->begin());
    const auto mixed = m_store->commitFlushingLater([](Result<void>) {});
    QVERIFY(!mixed);
    QVERIFY(mixed.error().message.contains(QStringLiteral("beginFlushingLater")));
    QVERIFY(m_store->commit());
    m_store->finishFlushes();
}

void TestSqliteStore::seesChangesOfOtherConnections()
{
    m_store = openStore();
    QVERIFY(m_store);
    QVERIFY(!m_store->changedElsewhere()); // baseline
    QVERIFY(m_store->setSetting(QStringLiteral("own"), QStringLiteral("1")));
    QVERIFY(!m_store->changedElsewhere());

    SqliteStore cli(path()); // the operator's command line, another connection
    QVERIFY(cli.open());
    QVERIFY(!m_store->changedElsewhere());
    QVERIFY(cli.setSetting(QStringLiteral("cli"), QStringLiteral("1")));
    QVERIFY(m_store->changedElsewhere());
    QVERIFY(!m_store->changedElsewhere());
    QCOMPARE(m_store->settings()->value(QStringLiteral("cli")), QStringLiteral("1"));

    QVERIFY(m_store->begin());
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("a"), "1")));
    QVERIFY(m_store->commit());
    QVERIFY(!m_store->changedElsewhere());

    QVERIFY(cli.checkpoint()); // moving the log is no change
    QVERIFY(!m_store->changedElsewhere());
}

void TestSqliteStore::checkpointMovesLogIntoDatabase()
{
    m_store = openStore();
    QVERIFY(m_store);
    const qint64 before = QFileInfo(path()).size();
    QVERIFY(m_store->begin());
    for (int i = 0; i < 200; ++i)
        QVERIFY(m_store->appendEvent(
                eventRecord(QStringLiteral("c%1").arg(i), QByteArray::number(i))));
    QVERIFY(m_store->commit());
    QCOMPARE(QFileInfo(path()).size(), before); // no automatic checkpoint
    QVERIFY(QFileInfo(path() + QStringLiteral("-wal")).size() > 0);

    QVERIFY(m_store->checkpoint());
    QVERIFY(QFileInfo(path()).size() > before);

    QVERIFY(m_store->begin());
    QVERIFY(!m_store->checkpoint());
    m_store->rollback();
}

void TestSqliteStore::checkpointerStartsAndStops()
{
    m_store = openStore();
    QVERIFY(m_store);
    const qint64 before = QFileInfo(path()).size();
    QVERIFY(m_store->begin());
    for (int i = 0; i < 200; ++i)
        QVERIFY(m_store->appendEvent(
                eventRecord(QStringLiteral("c%1").arg(i), QByteArray::number(i))));
    QVERIFY(m_store->commit());

    SqliteCheckpointer idle(path());
    idle.stop(); // never started: nothing to do

    SqliteCheckpointer checkpointer(path(), 10);
    QSignalSpy checkpointed(&checkpointer, &SqliteCheckpointer::checkpointed);
    QSignalSpy failed(&checkpointer, &SqliteCheckpointer::failed);
    checkpointer.start();
    QVERIFY(checkpointer.isRunning());
    QVERIFY(checkpointed.wait(2000));
    QVERIFY(QFileInfo(path()).size() > before);
    // The writer keeps writing while checkpoints run next to it.
    for (int i = 0; i < 20; ++i)
        QVERIFY(m_store->appendEvent(
                eventRecord(QStringLiteral("d%1").arg(i), "d" + QByteArray::number(i))));
    checkpointer.stop();
    QVERIFY(!checkpointer.isRunning());
    QVERIFY(failed.isEmpty());

    checkpointer.start(); // again, and stopped at once
    checkpointer.stop();
    QVERIFY(!checkpointer.isRunning());

    SqliteCheckpointer broken(m_dir.filePath(QStringLiteral("not-a-db")), 10);
    QFile garbage(m_dir.filePath(QStringLiteral("not-a-db")));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(8192, 'x'));
    garbage.close();
    QSignalSpy brokenFailed(&broken, &SqliteCheckpointer::failed);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("background checkpoint:.*not-a-db")));
    broken.start();
    QVERIFY(brokenFailed.wait(2000));
    QVERIFY(brokenFailed.constFirst().constFirst().toString().contains(QStringLiteral("not-a-db")));
} // `broken` stops in its destructor

void TestSqliteStore::checkpointerRestartsTheLogUnderSteadyCommits()
{
    m_store = openStore();
    QVERIFY(m_store);
    // Commits follow each other without a pause (their fsync runs on the flusher thread), so a
    // checkpoint always finds newer pages in the log and it would only grow, unless the writer
    // waits for the checkpointer now and then.
    SqliteCheckpointer checkpointer(path(), 1, 64);
    checkpointer.start();
    QElapsedTimer running;
    running.start();
    int commits = 0;
    std::optional<quint32> first;
    quint32 last = 0;
    while (running.elapsed() < 5'000 && (!first || last - *first < 3)) {
        QVERIFY(m_store->beginFlushingLater());
        for (int i = 0; i < 5; ++i)
            QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("c%1").arg(commits),
                                                     QByteArray::number(commits * 5 + i))));
        QVERIFY(m_store->commitFlushingLater([](Result<void>) {}));
        ++commits;
        last = logRestarts(path());
        if (!first)
            first = last;
    }
    m_store->finishFlushes();
    checkpointer.stop();
    QVERIFY2(last - *first >= 3,
             qPrintable(QStringLiteral("the log started again %1 times in %2 commits")
                                .arg(last - *first)
                                .arg(commits)));
    // Starting the log again lost nothing: the first and the last commit are there.
    for (const QString &call : { QStringLiteral("c0"), QStringLiteral("c%1").arg(commits - 1) }) {
        auto events = m_store->eventsForCall(call);
        QVERIFY(events);
        QCOMPARE(events->size(), 5);
    }
}

QTEST_GUILESS_MAIN(TestSqliteStore)
#include "TestSqliteStore.moc"
