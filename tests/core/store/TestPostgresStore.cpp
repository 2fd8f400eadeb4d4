// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/PostgresStore.h"
#include "core/store/SqliteStore.h"
#include "tests/core/store/StoreUnderTest.h"
#include "tests/support/PostgresServer.h"
#include "tests/support/ResultMessage.h"

#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace CallBridge;
using Test::why;

namespace {

FeedItem feedItem(const QString &type)
{
    FeedItem item;
    item.type = type;
    item.everyone = true;
    return item;
}

ContactRecord contactNamed(const QString &name, const QStringList &phones)
{
    ContactRecord c;
    c.name = name;
    c.phones = phones;
    c.source = QStringLiteral("manual");
    return c;
}

QStringList feedTypes(const QList<FeedItem> &items)
{
    QStringList types;
    for (const FeedItem &item : items)
        types << item.type;
    return types;
}

} // namespace

// What only PostgreSQL's store does: several relays on one database (PostgresStore's writers'
// turn, announcements, roles) and a connection that can go away. Everything both engines do
// alike is in TestStore.
class TestPostgresStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void hasSqlitesTablesAndColumns();
    void writersTakeTurnsInCommitOrder();
    void aSingleFeedItemWaitsForTheTurnToo();
    void knowsWhenOthersWroteBeforeItsTransaction();
    void announcesOtherRelaysCommits();
    void oneRelayAtATimeHoldsARole();
    void aFailedStatementFailsTheCommit();
    void reconnectsAfterItsConnectionWasEnded();
    void reconnectsAfterTheServerRestarted();
    void passesTheUrlsOptionsOn();
    void commitsDurablyWhateverTheServersDefault();
    void relaysStartingTogetherMigrateOnce();
    void namesTheUrlWithoutPasswordWhenItCannotConnect();
    void parsesUrls_data();
    void parsesUrls();

private:
    std::unique_ptr<PostgresStore> openStore();
    // Writers waiting for an advisory lock (the writers' turn), as PostgreSQL sees them.
    int waitingWriters();

    StoreUnderTest m_engine { StoreUnderTest::Engine::Postgres };
};

void TestPostgresStore::initTestCase()
{
    const auto started = m_engine.start();
    QVERIFY2(started, why(started));
}

void TestPostgresStore::init()
{
    const auto cleared = m_engine.clear();
    QVERIFY2(cleared, why(cleared));
}

void TestPostgresStore::cleanup() { }

std::unique_ptr<PostgresStore> TestPostgresStore::openStore()
{
    auto store = std::make_unique<PostgresStore>(QUrl(m_engine.location()));
    if (const auto opened = store->open(); !opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return nullptr;
    }
    return store;
}

int TestPostgresStore::waitingWriters()
{
    const auto count = m_engine.server()->psql(QStringLiteral(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"));
    return count ? count->toInt() : -1;
}

void TestPostgresStore::hasSqlitesTablesAndColumns()
{
    // Both engines keep the same tables and columns for a schema version (StoreMigration), so
    // that the same SQL (SqlStore) and a copy from one to the other (StoreCopy) work.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SqliteStore sqlite(dir.filePath(QStringLiteral("relay.db")));
    QVERIFY(sqlite.open());
    QCOMPARE(sqlite.schemaVersion(), PostgresStore::latestSchemaVersion());
    QMap<QString, QString> sqliteTables;
    {
        const QSqlDatabase db = QSqlDatabase::database(sqlite.connectionName());
        QSqlQuery tables(db);
        QVERIFY(tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite%' AND name NOT LIKE "
                                           "'contacts_fts%'")));
        while (tables.next()) {
            QSqlQuery columns(db);
            QVERIFY(columns.exec(
                    QStringLiteral("PRAGMA table_info(%1)").arg(tables.value(0).toString())));
            QStringList names;
            while (columns.next())
                names << columns.value(1).toString();
            sqliteTables.insert(tables.value(0).toString(), names.join(u','));
        }
    }
    // PostgreSQL's own: the search index (SQLite's is contacts_fts) and the writers' turn.
    sqliteTables.insert(QStringLiteral("contacts_search"), QStringLiteral("contact_id,document"));
    sqliteTables.insert(QStringLiteral("writer_turn"), QStringLiteral("id,writer"));

    const auto columns = m_engine.server()->psql(QStringLiteral(
            "SELECT table_name || '|' || string_agg(column_name::text, ',' ORDER BY "
            "ordinal_position) FROM information_schema.columns WHERE table_schema = 'public' "
            "GROUP BY table_name ORDER BY table_name"));
    QVERIFY2(columns, why(columns));
    QMap<QString, QString> postgresTables;
    for (const QString &line : columns->split(u'\n'))
        postgresTables.insert(line.section(u'|', 0, 0), line.section(u'|', 1));
    QCOMPARE(postgresTables, sqliteTables);
}

void TestPostgresStore::writersTakeTurnsInCommitOrder()
{
    auto a = openStore();
    QVERIFY(a);
    QVERIFY(a->begin());
    const auto seqA = a->appendFeed(feedItem(QStringLiteral("a")));
    QVERIFY2(seqA, why(seqA));

    // Relay B, on a thread of its own (a connection belongs to the thread that opened it).
    std::atomic<bool> aCommitting = false;
    std::atomic<bool> bBegun = false;
    bool aWasCommitting = false;
    qint64 seqB = 0;
    QString errorB;
    std::unique_ptr<QThread> relayB(QThread::create([&] {
        PostgresStore b { QUrl(m_engine.location()) };
        Result<void> done = b.open();
        if (done) {
            done = b.begin();
            aWasCommitting = aCommitting;
            bBegun = true;
        }
        if (done) {
            const auto seq = b.appendFeed(feedItem(QStringLiteral("b")));
            done = seq ? b.commit() : Result<void>(fail(seq.error()));
            seqB = seq.valueOr(0);
        }
        if (!done)
            errorB = done.error().message;
    }));
    relayB->start();
    auto finish = qScopeGuard([&] {
        a->rollback();
        relayB->wait();
    });

    QTRY_COMPARE(waitingWriters(), 1); // B's begin() waits for A's transaction
    QVERIFY(!bBegun);
    aCommitting = true;
    QVERIFY(a->commit());
    QVERIFY(relayB->wait(10'000));
    QCOMPARE(errorB, QString());
    QVERIFY(aWasCommitting);
    QVERIFY2(seqB > *seqA, qPrintable(QStringLiteral("A %1, B %2").arg(*seqA).arg(seqB)));
    QCOMPARE(feedTypes(*a->feedAfter(0, 10)), (QStringList { u"a"_qs, u"b"_qs }));
}

void TestPostgresStore::aSingleFeedItemWaitsForTheTurnToo()
{
    // A feed item appended outside a transaction must not take a seq below one that a
    // transaction already holds: a relay that read past it would never see the other.
    auto a = openStore();
    QVERIFY(a);
    QVERIFY(a->begin());
    QVERIFY(a->appendFeed(feedItem(QStringLiteral("a"))));

    QString errorB;
    std::unique_ptr<QThread> relayB(QThread::create([&] {
        PostgresStore b { QUrl(m_engine.location()) };
        Result<void> done = b.open();
        if (done) {
            const auto seq = b.appendFeed(feedItem(QStringLiteral("b")));
            if (!seq)
                done = fail(seq.error());
        }
        if (!done)
            errorB = done.error().message;
    }));
    relayB->start();
    auto finish = qScopeGuard([&] {
        a->rollback();
        relayB->wait();
    });
    QTRY_COMPARE(waitingWriters(), 1);
    QVERIFY(a->commit());
    QVERIFY(relayB->wait(10'000));
    QCOMPARE(errorB, QString());
    QCOMPARE(feedTypes(*a->feedAfter(0, 10)), (QStringList { u"a"_qs, u"b"_qs }));
}

void TestPostgresStore::knowsWhenOthersWroteBeforeItsTransaction()
{
    auto a = openStore();
    auto b = openStore();
    QVERIFY(a && b);
    const auto transaction = [](PostgresStore &store) {
        if (!store.begin())
            return std::optional<bool>();
        const bool others = store.othersWroteBeforeThisTransaction();
        if (!store.appendFeed(feedItem(QStringLiteral("x"))) || !store.commit())
            return std::optional<bool>();
        return std::optional<bool>(others);
    };
    QVERIFY(transaction(*a).has_value());
    QCOMPARE(transaction(*a), false); // its second in a row
    QCOMPARE(transaction(*b), true);
    QCOMPARE(transaction(*b), false);
    QCOMPARE(transaction(*a), true);

    // A rolled-back transaction wrote nothing.
    QVERIFY(b->begin());
    QVERIFY(b->othersWroteBeforeThisTransaction());
    b->rollback();
    QCOMPARE(transaction(*a), false);

    // An operation that commits on its own takes the turn as well, and does not swallow what
    // others wrote before it: the next transaction still learns of it.
    QVERIFY(b->createContact(contactNamed(QStringLiteral("Eva"), { QStringLiteral("+1") })));
    QVERIFY(a->createContact(contactNamed(QStringLiteral("Jan"), { QStringLiteral("+2") })));
    QCOMPARE(transaction(*a), true);
    QCOMPARE(transaction(*a), false);
}

void TestPostgresStore::announcesOtherRelaysCommits()
{
    auto a = openStore();
    auto b = openStore();
    QVERIFY(a && b);
    QStringList seenByA;
    QStringList seenByB;
    a->watchChanges([&seenByA](const QString &change) { seenByA << change; });
    b->watchChanges([&seenByB](const QString &change) { seenByB << change; });

    QVERIFY(a->appendFeed(feedItem(QStringLiteral("call.ringing"))));
    QTRY_COMPARE(seenByB, QStringList { u"feed"_qs });

    // One announcement per transaction and contact, however many rows changed.
    const auto id = a->createContact(contactNamed(
            QStringLiteral("Jan"), { QStringLiteral("+48600100200"), QStringLiteral("101") }));
    QVERIFY2(id, why(id));
    const QString contact = QStringLiteral("contact:%1").arg(*id);
    QTRY_COMPARE(seenByB, (QStringList { u"feed"_qs, contact }));

    QVERIFY(a->setSetting(QStringLiteral("crm.kind"), QStringLiteral("espocrm")));
    QTRY_COMPARE(seenByB, (QStringList { u"feed"_qs, contact, u"settings"_qs }));

    QVERIFY(a->begin());
    QVERIFY(a->createUser(UserRecord { 0,
                                       QStringLiteral("anna"),
                                       QStringLiteral("Anna"),
                                       UserRole::Agent,
                                       QStringLiteral("101"),
                                       {},
                                       {} }));
    QVERIFY(a->addToBlacklist({ QStringLiteral("+48700000001"), QStringLiteral("spam"), {} }));
    QVERIFY(a->appendFeed(feedItem(QStringLiteral("one"))));
    QVERIFY(a->appendFeed(feedItem(QStringLiteral("two"))));
    QVERIFY(a->commit());
    QTRY_COMPARE(seenByB.size(), 6);
    QCOMPARE(QSet<QString>(seenByB.begin() + 3, seenByB.end()),
             (QSet<QString> { u"users"_qs, u"blacklist"_qs, u"feed"_qs }));

    // Nothing for a relay's own commits: by the time A hears of B's commit, it would have
    // heard of its own, which came first.
    QVERIFY(b->setSetting(QStringLiteral("b"), QStringLiteral("1")));
    QTRY_COMPARE(seenByA, QStringList { u"settings"_qs });
    QCOMPARE(seenByB.size(), 6);
}

void TestPostgresStore::oneRelayAtATimeHoldsARole()
{
    auto a = openStore();
    auto b = openStore();
    QVERIFY(a && b);
    QCOMPARE(a->holdRole(QStringLiteral("crm")).value(), true);
    QCOMPARE(a->holdRole(QStringLiteral("crm")).value(), true); // still
    QCOMPARE(b->holdRole(QStringLiteral("crm")).value(), false);
    QCOMPARE(b->holdRole(QStringLiteral("reports")).value(), true); // another role
    QCOMPARE(a->holdRole(QStringLiteral("reports")).value(), false);
    QCOMPARE(b->holdRole(QStringLiteral("crm")).value(), false);

    a->close(); // a relay that stops hands its roles on
    QCOMPARE(b->holdRole(QStringLiteral("crm")).value(), true);
    QVERIFY(a->open());
    QCOMPARE(a->holdRole(QStringLiteral("crm")).value(), false);
    a->close();
    QVERIFY(!a->holdRole(QStringLiteral("crm"))); // not open: an error, not a "no"
}

void TestPostgresStore::aFailedStatementFailsTheCommit()
{
    // PostgreSQL ends a transaction at its first failed statement, and a COMMIT then rolls it
    // back without an error of its own: the store must not report that as committed.
    const QString refuse = QStringLiteral(
            "CREATE FUNCTION refuse_long_setting() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF length(NEW.value) > 10 THEN RAISE EXCEPTION 'setting too long'; END IF; "
            "RETURN NEW; END $$");
    const auto installed = m_engine.execute(
            m_engine.location(),
            { refuse,
              QStringLiteral("CREATE TRIGGER refuse_long_setting BEFORE INSERT OR UPDATE ON "
                             "settings FOR EACH ROW EXECUTE FUNCTION refuse_long_setting()") });
    QVERIFY2(installed, why(installed));
    auto removeTrigger = qScopeGuard([this] {
        (void)m_engine.execute(m_engine.location(),
                               { QStringLiteral("DROP TRIGGER refuse_long_setting ON settings"),
                                 QStringLiteral("DROP FUNCTION refuse_long_setting()") });
    });

    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->begin());
    QVERIFY(store->appendFeed(feedItem(QStringLiteral("kept?"))));
    const auto refused = store->setSetting(QStringLiteral("k"), QStringLiteral("far too long"));
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"setting too long"),
             qPrintable(refused.error().message));
    const auto committed = store->commit();
    QVERIFY(!committed);
    QVERIFY2(committed.error().message.contains(u"setting too long"),
             qPrintable(committed.error().message));
    QVERIFY(!store->inTransaction());
    QCOMPARE(store->latestFeedSeq().value(), 0);

    // A failed multi-statement operation undoes only itself (a savepoint): the rest commits.
    QVERIFY(store->begin());
    QVERIFY(store->appendFeed(feedItem(QStringLiteral("kept"))));
    QVERIFY(store->createContact(contactNamed(QStringLiteral("Jan"), { QStringLiteral("+1") })));
    QVERIFY(!store->createContact(contactNamed(QStringLiteral("Eva"), { QStringLiteral("+1") })));
    QVERIFY(store->commit());
    QCOMPARE(feedTypes(*store->feedAfter(0, 10)), QStringList { u"kept"_qs });

    // The same for commitFlushingLater(), whose callback never says "on disk" for it.
    QVERIFY(store->beginFlushingLater());
    QVERIFY(!store->setSetting(QStringLiteral("k"), QStringLiteral("far too long")));
    bool called = false;
    QVERIFY(!store->commitFlushingLater([&called](Result<void>) { called = true; }));
    store->finishFlushes();
    QVERIFY(!called);
    QVERIFY(store->begin()); // the store goes on
    QVERIFY(store->setSetting(QStringLiteral("k"), QStringLiteral("short")));
    QVERIFY(store->commit());
    QCOMPARE(store->settings()->value(QStringLiteral("k")), QStringLiteral("short"));
}

void TestPostgresStore::reconnectsAfterItsConnectionWasEnded()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(!store->changedElsewhere());
    QVERIFY(store->setSetting(QStringLiteral("a"), QStringLiteral("1")));
    const auto ended = m_engine.server()->psql(
            QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                           "application_name = 'callbridge' AND pid <> pg_backend_pid()"));
    QVERIFY2(ended, why(ended));
    QCOMPARE(*ended, QStringLiteral("1"));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"lost the connection to "_qs
                                            + QRegularExpression::escape(m_engine.location())));
    QVERIFY(store->changedElsewhere()); // once: what was announced meanwhile is lost
    QVERIFY(!store->changedElsewhere());
    QCOMPARE(store->settings()->value(QStringLiteral("a")), QStringLiteral("1"));
    QVERIFY(store->setSetting(QStringLiteral("b"), QStringLiteral("2")));
    QVERIFY(store->begin());
    QVERIFY(store->appendFeed(feedItem(QStringLiteral("after"))));
    QVERIFY(store->commit());
}

void TestPostgresStore::reconnectsAfterTheServerRestarted()
{
    auto a = openStore();
    auto b = openStore();
    QVERIFY(a && b);
    QStringList seenByB;
    b->watchChanges([&seenByB](const QString &change) { seenByB << change; });
    QVERIFY(b->holdRole(QStringLiteral("crm")).value());

    const auto restarted = m_engine.server()->restart();
    QVERIFY2(restarted, why(restarted));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"lost the connection to"_qs));
    QVERIFY(a->changedElsewhere());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"lost the connection to"_qs));
    QVERIFY(b->changedElsewhere());
    QVERIFY(!b->changedElsewhere());
    // The new connection listens again, and takes its role anew.
    QVERIFY(a->setSetting(QStringLiteral("after"), QStringLiteral("restart")));
    QTRY_COMPARE(seenByB, QStringList { u"settings"_qs });
    QCOMPARE(b->holdRole(QStringLiteral("crm")).value(), true);
    QCOMPARE(a->holdRole(QStringLiteral("crm")).value(), false);
}

void TestPostgresStore::passesTheUrlsOptionsOn()
{
    // Without SSL libpq never reads the certificate; a space in its path must not split it.
    const auto url = PostgresStore::parseUrl(
            m_engine.location()
            + u"?sslmode=disable&connect_timeout=3&sslrootcert=/no%20such/root's.crt"_qs);
    QVERIFY2(url, why(url));
    PostgresStore store(*url);
    const auto opened = store.open();
    QVERIFY2(opened, why(opened));
    const auto named = m_engine.server()->psql(QStringLiteral(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'callbridge'"));
    QCOMPARE(named.valueOr(QString()), QStringLiteral("1"));
}

void TestPostgresStore::commitsDurablyWhateverTheServersDefault()
{
    QCOMPARE(m_engine.server()->psql(QStringLiteral("SHOW synchronous_commit")).valueOr({}),
             QStringLiteral("off")); // the test server's, for speed
    auto store = openStore();
    QVERIFY(store);
    QSqlQuery query(QSqlDatabase::database(store->connectionName()));
    QVERIFY(query.exec(QStringLiteral("SHOW synchronous_commit")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("on"));
}

void TestPostgresStore::relaysStartingTogetherMigrateOnce()
{
    const auto location = m_engine.freshLocation(QStringLiteral("together"));
    QVERIFY2(location, why(location));
    QString errorB;
    int versionB = 0;
    std::unique_ptr<QThread> relayB(QThread::create([&] {
        PostgresStore b { QUrl(*location) };
        if (const auto opened = b.open(); !opened)
            errorB = opened.error().message;
        versionB = b.schemaVersion();
    }));
    relayB->start();
    PostgresStore a { QUrl(*location) };
    const auto opened = a.open();
    QVERIFY(relayB->wait(20'000));
    QVERIFY2(opened, why(opened));
    QCOMPARE(errorB, QString());
    QCOMPARE(a.schemaVersion(), PostgresStore::latestSchemaVersion());
    QCOMPARE(versionB, PostgresStore::latestSchemaVersion());
    const auto steps = m_engine.server()->psql(
            QStringLiteral("SELECT string_agg(version::text, ',' ORDER BY version) FROM "
                           "schema_version"),
            QUrl(*location).path().mid(1));
    QVERIFY2(steps, why(steps));
    QCOMPARE(*steps, QStringLiteral("1,2,3"));
}

void TestPostgresStore::namesTheUrlWithoutPasswordWhenItCannotConnect()
{
    // Nothing listens on port 1 of the loopback.
    PostgresStore unreachable(QUrl(QStringLiteral("postgres://relay:s3cret@127.0.0.1:1/calls")));
    auto opened = unreachable.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.contains(u"postgres://relay@127.0.0.1:1/calls"),
             qPrintable(opened.error().message));
    QVERIFY2(!opened.error().message.contains(u"s3cret"), qPrintable(opened.error().message));
    QVERIFY(!unreachable.isOpen());
    QVERIFY(!unreachable.settings());

    QUrl missing(m_engine.server()->url(QStringLiteral("nosuchdb")));
    missing.setPassword(QStringLiteral("s3cret"));
    PostgresStore noDatabase(missing);
    opened = noDatabase.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.contains(missing.toDisplayString(QUrl::RemovePassword)),
             qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(u"nosuchdb\" does not exist"),
             qPrintable(opened.error().message));
    QVERIFY2(!opened.error().message.contains(u"s3cret"), qPrintable(opened.error().message));
}

void TestPostgresStore::parsesUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // the URL, or a part of the error message

    QTest::newRow("plain") << u"postgres://relay@db.example.com:5433/callbridge"_qs
                           << u"postgres://relay@db.example.com:5433/callbridge"_qs;
    QTest::newRow("postgresql scheme")
            << u"postgresql://db/callbridge"_qs << u"postgresql://db/callbridge"_qs;
    QTest::newRow("password and options")
            << u"postgres://relay:pw@db/cb?sslmode=verify-full&connect_timeout=3"_qs
            << u"postgres://relay:pw@db/cb?sslmode=verify-full&connect_timeout=3"_qs;
    QTest::newRow("other scheme") << u"mysql://relay@db/cb"_qs
                                  << u"\"mysql://relay@db/cb\" is not a postgres:// URL"_qs;
    QTest::newRow("no host") << u"postgres:///cb"_qs
                             << u"names no host (expected postgres://user@host:5432/database)"_qs;
    QTest::newRow("no database") << u"postgres://relay@db"_qs << u"names no database"_qs;
    QTest::newRow("only a slash") << u"postgres://relay@db/"_qs << u"names no database"_qs;
    QTest::newRow("unknown option") << u"postgres://db/cb?sslmod=require"_qs
                                    << u"unknown option \"sslmod\" (known: sslmode,"_qs;
    QTest::newRow("semicolon in an option")
            << u"postgres://db/cb?sslrootcert=/etc/a;b"_qs << u"cannot hold a ';'"_qs;
    QTest::newRow("bad port") << u"postgres://relay:pw@db:port/cb"_qs << u"is not a URL"_qs;
    QTest::newRow("no URL at all") << u"callbridge"_qs << u"is not a postgres:// URL"_qs;
}

void TestPostgresStore::parsesUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = PostgresStore::parseUrl(text);
    if (expected.startsWith(u"postgres")) {
        QVERIFY2(parsed, why(parsed));
        QCOMPARE(parsed->toString(), expected);
        return;
    }
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message.contains(expected), qPrintable(parsed.error().message));
    QVERIFY2(!parsed.error().message.contains(u":pw@"), qPrintable(parsed.error().message));
}

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "TestPostgresStore.moc"
