// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/store/StoreRecords.h"
#include "tests/core/store/StoreUnderTest.h"
#include "tests/support/ResultMessage.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QTest>

#include <memory>

// One source, two executables: TestStoreSqlite and TestStorePostgres (CMakeLists.txt).
#if defined(CALLBRIDGE_TEST_POSTGRES)
constexpr auto TestedEngine = CallBridge::StoreUnderTest::Engine::Postgres;
#elif defined(CALLBRIDGE_TEST_SQLITE)
constexpr auto TestedEngine = CallBridge::StoreUnderTest::Engine::Sqlite;
#else
#error "define CALLBRIDGE_TEST_SQLITE or CALLBRIDGE_TEST_POSTGRES"
#endif

using namespace CallBridge;
using namespace CallBridge::StoreRecords;
using Test::why;

namespace {

const QDateTime t0 = StoreRecords::at(0);

CallRecord callAt(const QString &id, int second)
{
    CallRecord c;
    c.pbxCallId = id;
    c.direction = QStringLiteral("inbound");
    c.state = QStringLiteral("ended");
    c.startedAt = at(second);
    c.callStart = QStringLiteral("2026-11-24 10:15:00");
    c.clientNumber = QStringLiteral("+48600100200");
    c.extension = QStringLiteral("101");
    c.updatedAt = at(second + 60);
    return c;
}

QStringList ids(const QList<CallRecord> &calls)
{
    QStringList result;
    for (const CallRecord &c : calls)
        result << c.pbxCallId;
    return result;
}

QList<qint64> taskIds(const QList<TaskRecord> &tasks)
{
    QList<qint64> result;
    for (const TaskRecord &t : tasks)
        result << t.id;
    return result;
}

ContactRecord contactNamed(const QString &name, const QStringList &phones)
{
    ContactRecord c;
    c.name = name;
    c.phones = phones;
    c.source = QStringLiteral("manual");
    c.createdAt = t0;
    c.updatedAt = t0;
    return c;
}

UserRecord user(const QString &name, const QString &extension, const QByteArray &tokenHash = {})
{
    UserRecord u;
    u.name = name;
    u.displayName = name.toUpper();
    u.extension = extension;
    u.tokenHash = tokenHash;
    u.createdAt = t0;
    return u;
}

} // namespace

// What every engine's Store does alike, on SQLite or PostgreSQL (see StoreUnderTest).
class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void migratesAndReopens();
    void refusesNewerSchema();
    void keepsAnyTextAndBytes();
    void dedupesEvents();
    void eventsForCallInOrder();
    void savesAndReplacesCalls();
    void filtersCalls();
    void pagesCallsNewestFirst();
    void createsAndUpdatesContacts();
    void refusesPhoneOfAnotherContact();
    void searchesContacts_data();
    void searchesContacts();
    void pagesContactSearch();
    void sortsNamesIgnoringOnlyAsciiCase();
    void storesTagsAndExternalUrl();
    void listsManyMatchesNewestFirst();
    void loadsContactRoutes();
    void storesLeads();
    void queriesTasks();
    void keepsUserNamesAndExtensionsUnique();
    void findsAndRemovesUsers();
    void keepsBlacklist();
    void keepsSettings();
    void pagesAuditNewestFirst();
    void roundTripsFeed();
    void commitFlushingLaterIsVisibleAtOnceAndDurableInOrder();
    void commitFlushingLaterEndsOnlyItsOwnTransactions();
    void rolledBackTransactionLeavesNothing();
    void failedOperationInsideTransactionUndoesOnlyItself();

private:
    std::unique_ptr<SqlStore> openStore(const QString &name = {}) { return m_engine.open(name); }

    StoreUnderTest m_engine { TestedEngine };
    std::unique_ptr<SqlStore> m_store;
};

void TestStore::initTestCase()
{
    const auto started = m_engine.start();
    QVERIFY2(started, why(started));
}

void TestStore::init()
{
    const auto cleared = m_engine.clear();
    QVERIFY2(cleared, why(cleared));
}

void TestStore::cleanup()
{
    m_store.reset();
}

void TestStore::migratesAndReopens()
{
    const auto location = m_engine.freshLocation(QStringLiteral("fresh"));
    QVERIFY2(location, why(location));
    {
        auto store = m_engine.create(*location);
        QVERIFY(!store->isOpen());
        QCOMPARE(store->schemaVersion(), 0);
        const auto opened = store->open();
        QVERIFY2(opened, why(opened));
        QVERIFY(store->isOpen());
        QCOMPARE(store->schemaVersion(), m_engine.latestSchemaVersion());
        QVERIFY(store->schemaVersion() >= 3);
        QVERIFY(store->setSetting(QStringLiteral("relay.url"), QStringLiteral("https://x")));
        QVERIFY(QSqlDatabase::contains(store->connectionName()));
    }

    auto again = m_engine.create(*location);
    QVERIFY(again->open());
    QCOMPARE(again->schemaVersion(), m_engine.latestSchemaVersion());
    QCOMPARE(again->settings()->value(QStringLiteral("relay.url")), QStringLiteral("https://x"));
    const QString name = again->connectionName();
    again->close();
    QVERIFY(!again->isOpen());
    QVERIFY(!QSqlDatabase::contains(name));
    QCOMPARE(again->schemaVersion(), 0);
    const auto closed = again->settings();
    QVERIFY(!closed);
    QVERIFY2(closed.error().message.contains(QStringLiteral("not open")),
             qPrintable(closed.error().message));
    QVERIFY(again->open()); // a closed store opens again
    QCOMPARE(again->schemaVersion(), m_engine.latestSchemaVersion());
    QCOMPARE(again->settings()->size(), 1);
}

void TestStore::refusesNewerSchema()
{
    QVERIFY(openStore());
    const int newer = m_engine.latestSchemaVersion() + 1;
    const auto written = m_engine.execute(
            m_engine.location(),
            { QStringLiteral("INSERT INTO schema_version VALUES (%1, 'future', 0)").arg(newer) });
    QVERIFY2(written, why(written));
    // PostgreSQL's database is shared by the tests that follow, whatever this one finds.
    auto removeFuture = qScopeGuard([this, newer] {
        const auto removed = m_engine.execute(
                m_engine.location(),
                { QStringLiteral("DELETE FROM schema_version WHERE version = %1").arg(newer) });
        if (!removed)
            qWarning("%s", qPrintable(removed.error().message));
    });

    auto store = m_engine.create(m_engine.location());
    const auto opened = store->open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.contains(m_engine.shownLocation(m_engine.location())),
             qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(
                     QStringLiteral("schema version %1 is newer").arg(newer)),
             qPrintable(opened.error().message));
    QVERIFY(!store->isOpen());
    QVERIFY(!QSqlDatabase::contains(store->connectionName()));
    QVERIFY(!store->appendEvent(eventRecord(QStringLiteral("a"), "k")));
}

void TestStore::keepsAnyTextAndBytes()
{
    m_store = openStore();
    QVERIFY(m_store);
    // Quotes, backslashes and placeholders are values, never SQL; every byte survives.
    const QStringList texts { QStringLiteral("O'Brien \"Jr.\" \\ back\\slash"),
                              QStringLiteral("? $1 :name @p %s ' -- /* */ ;"),
                              QStringLiteral("Zoë Łódź 東京 🙂\ttab\nline"),
                              QStringLiteral("E'\\x00' \\000 ''") };
    for (const QString &value : texts) {
        QVERIFY(m_store->setSetting(value, value));
        QCOMPARE(m_store->settings()->value(value), value);
        ContactRecord contact = contactNamed(value, { value });
        contact.notes = value;
        contact.tags = { value };
        const auto id = m_store->createContact(contact);
        QVERIFY2(id, why(id));
        const auto read = m_store->contact(*id);
        QVERIFY(read && read->has_value());
        QCOMPARE((*read)->name, value);
        QCOMPARE((*read)->notes, value);
        QCOMPARE((*read)->phones, QStringList { value });
        QCOMPARE((*read)->tags, QStringList { value });
    }
    QByteArray every;
    for (int i = 0; i < 256; ++i)
        every += char(i);
    EventRecord event = eventRecord(QStringLiteral("bytes"), every);
    event.rawForm = every + every;
    QVERIFY(m_store->appendEvent(event));
    const auto events = m_store->eventsForCall(QStringLiteral("bytes"));
    QVERIFY(events && events->size() == 1);
    QCOMPARE(events->constFirst().dedupeKey, every);
    QCOMPARE(events->constFirst().rawForm, event.rawForm);
    QVERIFY(!m_store->appendEvent(event)->has_value()); // the same key, byte for byte
    QVERIFY(m_store->createUser(user(QStringLiteral("bytes"), {}, every)));
    QCOMPARE((*m_store->userByTokenHash(every))->name, QStringLiteral("bytes"));
}

void TestStore::dedupesEvents()
{
    m_store = openStore();
    QVERIFY(m_store);
    const auto first = m_store->appendEvent(eventRecord(QStringLiteral("in_1"), "key-1"));
    QVERIFY(first);
    QVERIFY(first->has_value());
    QVERIFY(**first > 0);

    const auto repeat = m_store->appendEvent(eventRecord(QStringLiteral("in_1"), "key-1", 5));
    QVERIFY(repeat);
    QVERIFY(!repeat->has_value());

    const auto second = m_store->appendEvent(eventRecord(QStringLiteral("in_1"), "key-2"));
    QVERIFY(second && second->has_value());
    QVERIFY(**second > **first);

    // Without a key nothing is treated as a repeat.
    QVERIFY(m_store->appendEvent(eventRecord({}, {}))->has_value());
    QVERIFY(m_store->appendEvent(eventRecord({}, {}))->has_value());
    QCOMPARE(m_store->eventsForCall(QStringLiteral("in_1"))->size(), 2);
}

void TestStore::eventsForCallInOrder()
{
    m_store = openStore();
    QVERIFY(m_store);
    QCOMPARE(m_store->latestEventTime().value(), QDateTime());
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("a"), "1", 3)));
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("b"), "2", 1)));
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("a"), "3", 2)));
    EventRecord end = eventRecord(QStringLiteral("a"), "4", 9);
    end.eventName = QStringLiteral("NOTIFY_END");
    QVERIFY(m_store->appendEvent(end));

    const auto events = m_store->eventsForCall(QStringLiteral("a"));
    QVERIFY(events);
    QCOMPARE(events->size(), 3);
    QCOMPARE(events->at(0).dedupeKey, QByteArray("1"));
    QCOMPARE(events->at(1).dedupeKey, QByteArray("3"));
    QCOMPARE(events->at(2).dedupeKey, QByteArray("4"));
    QVERIFY(events->at(0).seq < events->at(1).seq);
    QVERIFY(events->at(1).seq < events->at(2).seq);
    const EventRecord &last = events->at(2);
    QCOMPARE(last.eventName, QStringLiteral("NOTIFY_END"));
    QCOMPARE(last.pbxCallId, QStringLiteral("a"));
    QCOMPARE(last.rawForm, end.rawForm);
    QCOMPARE(last.remoteAddress, end.remoteAddress);
    QCOMPARE(last.receivedAt, end.receivedAt);
    QCOMPARE(last.receivedAt.timeSpec(), Qt::UTC);
    QCOMPARE(last.receivedAt.toMSecsSinceEpoch() % 1000, 123);
    QCOMPARE(m_store->latestEventTime().value(), at(9));
    QVERIFY(m_store->eventsForCall(QStringLiteral("none"))->isEmpty());
}

void TestStore::savesAndReplacesCalls()
{
    m_store = openStore();
    QVERIFY(m_store);
    QVERIFY(!m_store->hasCall(QStringLiteral("in_1")).value());
    QVERIFY(!m_store->call(QStringLiteral("in_1"))->has_value());

    CallRecord call = callAt(QStringLiteral("in_1"), 0);
    call.state = QStringLiteral("ringing");
    call.ringingExtensions = { QStringLiteral("101"), QStringLiteral("102") };
    QVERIFY(m_store->saveCall(call));
    QVERIFY(m_store->hasCall(QStringLiteral("in_1")).value());

    call.state = QStringLiteral("answered");
    call.answeredBy = QStringLiteral("102");
    call.extension = QStringLiteral("102");
    call.callerId = QStringLiteral("48600100200");
    call.calledDid = QStringLiteral("48221234567");
    call.durationSeconds = 42;
    call.disposition = QStringLiteral("answered");
    call.statusCode = 16;
    call.isRecorded = true;
    call.recordingId = QStringLiteral("1764062100.3427761");
    call.recordingReady = true;
    call.contactId = 7;
    call.source = QStringLiteral("statistics");
    call.updatedAt = at(100);
    QVERIFY(m_store->saveCall(call));

    const auto stored = m_store->call(QStringLiteral("in_1"));
    QVERIFY(stored && stored->has_value());
    const CallRecord &s = **stored;
    QCOMPARE(s.pbxCallId, call.pbxCallId);
    QCOMPARE(s.direction, call.direction);
    QCOMPARE(s.state, QStringLiteral("answered"));
    QCOMPARE(s.startedAt, call.startedAt);
    QCOMPARE(s.callStart, call.callStart);
    QCOMPARE(s.clientNumber, call.clientNumber);
    QCOMPARE(s.callerId, call.callerId);
    QCOMPARE(s.calledDid, call.calledDid);
    QCOMPARE(s.extension, call.extension);
    QCOMPARE(s.ringingExtensions, call.ringingExtensions);
    QCOMPARE(s.answeredBy, call.answeredBy);
    QCOMPARE(s.durationSeconds, 42);
    QCOMPARE(s.disposition, call.disposition);
    QCOMPARE(s.statusCode, 16);
    QCOMPARE(s.isRecorded, true);
    QCOMPARE(s.recordingId, call.recordingId);
    QCOMPARE(s.recordingReady, true);
    QCOMPARE(s.contactId, 7);
    QCOMPARE(s.source, QStringLiteral("statistics"));
    QCOMPARE(s.updatedAt, at(100));
    QCOMPARE(m_store->calls({})->size(), 1);

    // The running call's next event (time, number and contact unchanged), then a save that
    // moves it to another contact and number: the indexes behind each filter follow.
    call.state = QStringLiteral("ended");
    call.durationSeconds = 43;
    QVERIFY(m_store->saveCall(call));
    QCOMPARE((*m_store->call(QStringLiteral("in_1")))->durationSeconds, 43);
    CallQuery byState;
    byState.state = QStringLiteral("ended");
    QCOMPARE(m_store->calls(byState)->size(), 1);
    byState.state = QStringLiteral("answered");
    QCOMPARE(m_store->calls(byState)->size(), 0);

    call.contactId = 8;
    call.clientNumber = QStringLiteral("+48600100999");
    QVERIFY(m_store->saveCall(call));
    CallQuery byContact;
    byContact.contactId = 7;
    QCOMPARE(m_store->calls(byContact)->size(), 0);
    byContact.contactId = 8;
    QCOMPARE(m_store->calls(byContact)->size(), 1);
    CallQuery byNumber;
    byNumber.number = QStringLiteral("+48600100999");
    QCOMPARE(m_store->calls(byNumber)->size(), 1);
    QCOMPARE((*m_store->call(QStringLiteral("in_1")))->durationSeconds, 43);

    QVERIFY(!m_store->saveCall(CallRecord {}));
}

void TestStore::filtersCalls()
{
    m_store = openStore();
    QVERIFY(m_store);
    CallRecord a = callAt(QStringLiteral("a"), 10); // 101 answered, contact 1
    a.contactId = 1;
    a.answeredBy = QStringLiteral("101");
    CallRecord b = callAt(QStringLiteral("b"), 20); // missed, rang 101 and 102
    b.state = QStringLiteral("missed");
    b.extension = QStringLiteral("102");
    b.ringingExtensions = { QStringLiteral("101"), QStringLiteral("102") };
    b.clientNumber = QStringLiteral("+48600999888");
    CallRecord c = callAt(QStringLiteral("c"), 30); // outbound from 103
    c.direction = QStringLiteral("outbound");
    c.extension = QStringLiteral("103");
    c.contactId = 1;
    CallRecord d = callAt(QStringLiteral("d"), 40); // rang 1010 only: not 101
    d.extension = QStringLiteral("1010");
    d.ringingExtensions = { QStringLiteral("1010") };
    for (const CallRecord &call : { a, b, c, d })
        QVERIFY(m_store->saveCall(call));

    auto query = [&](auto change) {
        CallQuery q;
        change(q);
        const auto result = m_store->calls(q);
        return result ? ids(*result) : QStringList { QStringLiteral("error") };
    };
    const QStringList all { QStringLiteral("d"), QStringLiteral("c"), QStringLiteral("b"),
                            QStringLiteral("a") };
    QCOMPARE(query([](CallQuery &) {}), all);
    QCOMPARE(query([](CallQuery &q) { q.contactId = 1; }),
             (QStringList { QStringLiteral("c"), QStringLiteral("a") }));
    QCOMPARE(query([](CallQuery &q) { q.extensions = { QStringLiteral("101") }; }),
             (QStringList { QStringLiteral("b"), QStringLiteral("a") }));
    QCOMPARE(query([](CallQuery &q) { q.extensions = { QStringLiteral("102") }; }),
             (QStringList { QStringLiteral("b") }));
    QCOMPARE(query([](CallQuery &q) {
                 q.extensions = { QStringLiteral("103"), QStringLiteral("1010") };
             }),
             (QStringList { QStringLiteral("d"), QStringLiteral("c") }));
    QCOMPARE(query([](CallQuery &q) { q.extensions = { QString() }; }), QStringList());
    QCOMPARE(query([](CallQuery &q) { q.direction = QStringLiteral("outbound"); }),
             (QStringList { QStringLiteral("c") }));
    QCOMPARE(query([](CallQuery &q) { q.state = QStringLiteral("missed"); }),
             (QStringList { QStringLiteral("b") }));
    QCOMPARE(query([](CallQuery &q) { q.number = QStringLiteral("+48600999888"); }),
             (QStringList { QStringLiteral("b") }));
    QCOMPARE(query([](CallQuery &q) { q.from = at(20); }),
             (QStringList { QStringLiteral("d"), QStringLiteral("c"), QStringLiteral("b") }));
    QCOMPARE(query([](CallQuery &q) { q.to = at(20); }), (QStringList { QStringLiteral("a") }));
    QCOMPARE(query([](CallQuery &q) {
                 q.from = at(20);
                 q.to = at(40);
                 q.extensions = { QStringLiteral("101"), QStringLiteral("103") };
             }),
             (QStringList { QStringLiteral("c"), QStringLiteral("b") }));
    QCOMPARE(query([](CallQuery &q) { q.limit = 2; }),
             (QStringList { QStringLiteral("d"), QStringLiteral("c") }));
    QCOMPARE(query([](CallQuery &q) { q.limit = 0; }), QStringList());
}

void TestStore::pagesCallsNewestFirst()
{
    m_store = openStore();
    QVERIFY(m_store);
    // Two calls share a start time: the id breaks the tie.
    for (const auto &[id, second] :
         { std::pair { "p1", 1 }, std::pair { "p2", 2 }, std::pair { "p3a", 3 },
           std::pair { "p3b", 3 }, std::pair { "p4", 4 } })
        QVERIFY(m_store->saveCall(callAt(QString::fromLatin1(id), second)));

    QStringList seen;
    CallQuery query;
    query.limit = 2;
    for (int page = 0; page < 5; ++page) {
        const auto calls = m_store->calls(query);
        QVERIFY(calls);
        if (calls->isEmpty())
            break;
        seen += ids(*calls);
        query.beforeStartedAt = calls->constLast().startedAt;
        query.beforePbxCallId = calls->constLast().pbxCallId;
    }
    QCOMPARE(seen,
             (QStringList { QStringLiteral("p4"), QStringLiteral("p3b"), QStringLiteral("p3a"),
                            QStringLiteral("p2"), QStringLiteral("p1") }));

    CallQuery before;
    before.beforeStartedAt = at(3); // no id: everything strictly older than that time
    QCOMPARE(ids(*m_store->calls(before)),
             (QStringList { QStringLiteral("p2"), QStringLiteral("p1") }));
}

void TestStore::createsAndUpdatesContacts()
{
    m_store = openStore();
    QVERIFY(m_store);
    const auto owner = m_store->createUser(user(QStringLiteral("anna"), QStringLiteral("101")));
    QVERIFY(owner);

    ContactRecord jan = contactNamed(QStringLiteral("Jan Kowalski"),
                                     { QStringLiteral("+48600100200"), QStringLiteral("101"),
                                       QStringLiteral("+48600100200") });
    jan.company = QStringLiteral("Acme");
    jan.responsibleUserId = *owner;
    const auto id = m_store->createContact(jan);
    QVERIFY2(id, qPrintable(id ? QString() : id.error().message));
    QCOMPARE(m_store->contactCount().value(), 1);

    auto stored = m_store->contact(*id);
    QVERIFY(stored && stored->has_value());
    QCOMPARE((*stored)->name, jan.name);
    QCOMPARE((*stored)->company, QStringLiteral("Acme"));
    QCOMPARE((*stored)->email, QString());
    QCOMPARE((*stored)->phones,
             (QStringList { QStringLiteral("+48600100200"), QStringLiteral("101") }));
    QCOMPARE((*stored)->responsibleUserId, *owner);
    QCOMPARE((*stored)->createdAt, t0);

    ContactRecord changed = **stored;
    changed.name = QStringLiteral("Jan K.");
    changed.phones = { QStringLiteral("+48600100201"), QStringLiteral("+48600100200") };
    changed.updatedAt = at(60);
    QVERIFY(m_store->updateContact(changed));
    stored = m_store->contact(*id);
    QCOMPARE((*stored)->name, QStringLiteral("Jan K."));
    QCOMPARE((*stored)->phones, changed.phones);
    QCOMPARE((*stored)->createdAt, t0);
    QCOMPARE((*stored)->updatedAt, at(60));

    QCOMPARE((*m_store->contactByPhone(QStringLiteral("+48600100201")))->id, *id);
    QVERIFY(!m_store->contactByPhone(QStringLiteral("101"))->has_value()); // dropped
    QVERIFY(!m_store->contact(*id + 1)->has_value());

    ContactRecord ghost = changed;
    ghost.id = 999;
    QCOMPARE(m_store->updateContact(ghost).error().message,
             QStringLiteral("contact #999 does not exist"));
    ContactRecord orphan = contactNamed(QStringLiteral("Orphan"), {});
    orphan.responsibleUserId = 999;
    QCOMPARE(m_store->createContact(orphan).error().message,
             QStringLiteral("user #999 does not exist"));
}

void TestStore::refusesPhoneOfAnotherContact()
{
    m_store = openStore();
    QVERIFY(m_store);
    const auto jan = m_store->createContact(
            contactNamed(QStringLiteral("Jan Kowalski"), { QStringLiteral("+48600100200") }));
    QVERIFY(jan);
    const auto eva = m_store->createContact(
            contactNamed(QStringLiteral("Eva"), { QStringLiteral("+48600100300") }));
    QVERIFY(eva);

    const QString expected = QStringLiteral("phone +48600100200 already belongs to contact #%1 "
                                            "\"Jan Kowalski\"")
                                     .arg(*jan);
    const auto clash = m_store->createContact(
            contactNamed(QStringLiteral("Copy"),
                         { QStringLiteral("+48600100999"), QStringLiteral("+48600100200") }));
    QVERIFY(!clash);
    QCOMPARE(clash.error().message, expected);
    QCOMPARE(m_store->contactCount().value(), 2); // nothing of the failed contact stays
    QVERIFY(!m_store->contactByPhone(QStringLiteral("+48600100999"))->has_value());

    ContactRecord evaChanged = **m_store->contact(*eva);
    evaChanged.phones << QStringLiteral("+48600100200");
    QCOMPARE(m_store->updateContact(evaChanged).error().message, expected);
    QCOMPARE((*m_store->contact(*eva))->phones, QStringList { QStringLiteral("+48600100300") });
}

void TestStore::searchesContacts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    const QString jan = QStringLiteral("Jan Kowalski");
    const QString janina = QStringLiteral("Janina Nowak");
    const QString zofia = QStringLiteral("Zofia Łódzka");
    const QString near = QStringLiteral("Near Systems");
    const QStringList none;

    QTest::newRow("empty lists all by name")
            << QString() << QStringList { jan, janina, near, zofia };
    QTest::newRow("only punctuation lists all")
            << QStringLiteral(" \"*( ") << QStringList { jan, janina, near, zofia };
    QTest::newRow("word prefix") << QStringLiteral("jan") << QStringList { jan, janina };
    QTest::newRow("two words") << QStringLiteral("jan kow") << QStringList { jan };
    QTest::newRow("words in any order") << QStringLiteral("kowal jan") << QStringList { jan };
    QTest::newRow("company") << QStringLiteral("acme") << QStringList { jan };
    QTest::newRow("email") << QStringLiteral("nowak@example") << QStringList { janina };
    QTest::newRow("notes") << QStringLiteral("vip") << QStringList { zofia };
    QTest::newRow("no diacritics needed") << QStringLiteral("lodz") << QStringList { zofia };
    QTest::newRow("diacritics") << QStringLiteral("Łódź") << QStringList { zofia };
    QTest::newRow("no match") << QStringLiteral("xyz") << none;
    QTest::newRow("international digits") << QStringLiteral("48600") << QStringList { jan };
    QTest::newRow("with plus") << QStringLiteral("+48600") << QStringList { jan };
    QTest::newRow("national digits in groups") << QStringLiteral("600 100") << QStringList { jan };
    QTest::newRow("national with dashes") << QStringLiteral("600-100-2") << QStringList { jan };
    QTest::newRow("german national") << QStringLiteral("30 1234") << QStringList { janina };
    QTest::newRow("trunk zero") << QStringLiteral("030 1234") << QStringList { janina };
    QTest::newRow("international prefix 00") << QStringLiteral("0049 30") << QStringList { janina };
    QTest::newRow("us national") << QStringLiteral("(212) 555") << QStringList { near };
    QTest::newRow("extension") << QStringLiteral("10") << QStringList { zofia };
    QTest::newRow("digits of no phone") << QStringLiteral("600 999") << none;
    QTest::newRow("quote") << QStringLiteral("\"jan") << QStringList { jan, janina };
    QTest::newRow("quote inside") << QStringLiteral("jan\"kow") << QStringList { jan };
    QTest::newRow("star") << QStringLiteral("jan*") << QStringList { jan, janina };
    QTest::newRow("lone star") << QStringLiteral("*") << QStringList { jan, janina, near, zofia };
    QTest::newRow("parenthesis") << QStringLiteral("(jan") << QStringList { jan, janina };
    QTest::newRow("minus") << QStringLiteral("-jan") << QStringList { jan, janina };
    QTest::newRow("NEAR as a word") << QStringLiteral("NEAR") << QStringList { near };
    QTest::newRow("NEAR syntax") << QStringLiteral("NEAR(jan kow)") << none;
    QTest::newRow("AND OR NOT") << QStringLiteral("jan OR zofia") << none;
    QTest::newRow("column filter") << QStringLiteral("name:jan") << none;
    QTest::newRow("caret and plus") << QStringLiteral("^jan + kow") << QStringList { jan };
}

void TestStore::searchesContacts()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    if (!m_store) {
        m_store = openStore(QStringLiteral("search"));
        QVERIFY(m_store);
    }
    if (m_store->contactCount().value() == 0) {
        ContactRecord jan
                = contactNamed(QStringLiteral("Jan Kowalski"), { QStringLiteral("+48600100200") });
        jan.company = QStringLiteral("Acme sp. z o.o.");
        ContactRecord janina
                = contactNamed(QStringLiteral("Janina Nowak"), { QStringLiteral("+49301234567") });
        janina.email = QStringLiteral("janina.nowak@example.com");
        ContactRecord zofia
                = contactNamed(QStringLiteral("Zofia Łódzka"), { QStringLiteral("105") });
        zofia.notes = QStringLiteral("VIP; call back before noon");
        ContactRecord near
                = contactNamed(QStringLiteral("Near Systems"), { QStringLiteral("+12125550100") });
        for (const ContactRecord &c : { zofia, jan, near, janina })
            QVERIFY(m_store->createContact(c));
    }

    const auto found = m_store->searchContacts(text, 50, 0);
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QCOMPARE(names(*found), expected);
}

void TestStore::pagesContactSearch()
{
    m_store = openStore();
    QVERIFY(m_store);
    QVERIFY(m_store->begin());
    for (int i = 0; i < 25; ++i)
        QVERIFY(m_store->createContact(
                contactNamed(QStringLiteral("Client %1").arg(i, 2, 10, QLatin1Char('0')),
                             { QStringLiteral("+4860010%1").arg(i, 4, 10, QLatin1Char('0')) })));
    QVERIFY(m_store->commit());

    const auto page = m_store->searchContacts(QStringLiteral("client"), 10, 10);
    QVERIFY(page);
    QCOMPARE(page->size(), 10);
    QCOMPARE(page->constFirst().name, QStringLiteral("Client 10"));
    QCOMPARE(page->constFirst().phones, QStringList { QStringLiteral("+48600100010") });
    QCOMPARE(page->constLast().name, QStringLiteral("Client 19"));
    QCOMPARE(m_store->searchContacts({}, 10, 20)->size(), 5);
    QCOMPARE(m_store->searchContacts(QStringLiteral("4860010002"), 50, 0)->size(), 5);
}

void TestStore::sortsNamesIgnoringOnlyAsciiCase()
{
    // As SQLite's NOCASE: ASCII letters fold, others sort by their bytes after them.
    m_store = openStore();
    QVERIFY(m_store);
    for (const QString &name : { u"émile"_qs, u"Zulu"_qs, u"bravo"_qs, u"Édith"_qs, u"echo"_qs,
                                 u"Alpha"_qs, u"alpha"_qs })
        QVERIFY(m_store->createContact(contactNamed(name, {})));
    QCOMPARE(names(*m_store->searchContacts({}, 10, 0)),
             (QStringList { u"Alpha"_qs, u"alpha"_qs, u"bravo"_qs, u"echo"_qs, u"Zulu"_qs,
                            u"Édith"_qs, u"émile"_qs }));
}

void TestStore::storesTagsAndExternalUrl()
{
    m_store = openStore();
    QVERIFY(m_store);
    ContactRecord ana
            = contactNamed(QStringLiteral("Ana Ruiz"), { QStringLiteral("+34600100200") });
    ana.tags = { QStringLiteral("VIP"), QStringLiteral("Łódź fair") };
    ana.externalUrl = QStringLiteral("https://crm.example.com/contacts/17");
    const auto id = m_store->createContact(ana);
    QVERIFY(id);
    QVERIFY(m_store->createContact(contactNamed(QStringLiteral("Bo"), {})));

    auto read = m_store->contact(id.value());
    QVERIFY(read && read->has_value());
    QCOMPARE((*read)->tags, ana.tags);
    QCOMPARE((*read)->externalUrl, ana.externalUrl);
    QCOMPARE(names(*m_store->searchContacts(QStringLiteral("vip"), 10, 0)),
             QStringList { QStringLiteral("Ana Ruiz") });
    QCOMPARE(names(*m_store->searchContacts(QStringLiteral("lodz"), 10, 0)),
             QStringList { QStringLiteral("Ana Ruiz") });

    ContactRecord changed = **read;
    changed.tags = { QStringLiteral("lead") };
    changed.externalUrl.clear();
    QVERIFY(m_store->updateContact(changed));
    read = m_store->contact(id.value());
    QCOMPARE((*read)->tags, QStringList { QStringLiteral("lead") });
    QVERIFY((*read)->externalUrl.isEmpty());
    QVERIFY(m_store->searchContacts(QStringLiteral("vip"), 10, 0)->isEmpty());
    QCOMPARE(m_store->searchContacts(QStringLiteral("lead"), 10, 0)->size(), 1);

    // Export's paging: by id, whatever the names.
    const auto first = m_store->contactsAfter(0, 1);
    QVERIFY(first);
    QCOMPARE(names(*first), QStringList { QStringLiteral("Ana Ruiz") });
    QCOMPARE(names(*m_store->contactsAfter(first->constFirst().id, 10)),
             QStringList { QStringLiteral("Bo") });
}

void TestStore::listsManyMatchesNewestFirst()
{
    m_store = openStore();
    QVERIFY(m_store);
    m_store->setSortedSearchLimit(5);
    QVERIFY(m_store->begin());
    for (const QString &name : { u"Delta Ltd"_qs, u"Alpha Ltd"_qs, u"Echo Ltd"_qs, u"Bravo Ltd"_qs,
                                 u"Charlie Ltd"_qs, u"Foxtrot Ltd"_qs, u"Alpha Two"_qs })
        QVERIFY(m_store->createContact(contactNamed(name, {})));
    QVERIFY(m_store->commit());

    // Up to the limit, by name.
    QCOMPARE(names(*m_store->searchContacts(QStringLiteral("alpha"), 10, 0)),
             (QStringList { u"Alpha Ltd"_qs, u"Alpha Two"_qs }));
    // Past it, newest first, and the pages neither repeat nor skip.
    QCOMPARE(names(*m_store->searchContacts(QStringLiteral("ltd"), 4, 0)),
             (QStringList { u"Foxtrot Ltd"_qs, u"Charlie Ltd"_qs, u"Bravo Ltd"_qs,
                            u"Echo Ltd"_qs }));
    QCOMPARE(names(*m_store->searchContacts(QStringLiteral("ltd"), 4, 4)),
             (QStringList { u"Alpha Ltd"_qs, u"Delta Ltd"_qs }));
}

void TestStore::loadsContactRoutes()
{
    m_store = openStore();
    QVERIFY(m_store);
    const auto owner = m_store->createUser(user(QStringLiteral("anna"), QStringLiteral("101")));
    ContactRecord jan
            = contactNamed(QStringLiteral("Jan"),
                           { QStringLiteral("+48600100200"), QStringLiteral("+48600100201") });
    jan.responsibleUserId = *owner;
    const auto janId = m_store->createContact(jan);
    const auto evaId = m_store->createContact(
            contactNamed(QStringLiteral("Eva"), { QStringLiteral("+48600100300") }));
    QVERIFY(m_store->createContact(contactNamed(QStringLiteral("No phone"), {})));

    const auto routes = m_store->contactRoutes();
    QVERIFY(routes);
    QCOMPARE(routes->size(), 3);
    QCOMPARE(routes->at(0).contactId, *janId);
    QCOMPARE(routes->at(0).phone, QStringLiteral("+48600100200"));
    QCOMPARE(routes->at(0).name, QStringLiteral("Jan"));
    QCOMPARE(routes->at(0).responsibleUserId, *owner);
    QCOMPARE(routes->at(1).phone, QStringLiteral("+48600100201"));
    QCOMPARE(routes->at(2).contactId, *evaId);
    QCOMPARE(routes->at(2).responsibleUserId, 0);
}

void TestStore::storesLeads()
{
    m_store = openStore();
    QVERIFY(m_store);
    const auto contact = m_store->createContact(contactNamed(QStringLiteral("Jan"), {}));
    QList<qint64> created;
    for (int i = 0; i < 5; ++i) {
        LeadRecord lead;
        lead.contactId = i == 0 ? 0 : *contact;
        lead.pbxCallId = QStringLiteral("in_%1").arg(i);
        lead.createdAt = at(i);
        const auto id = m_store->createLead(lead);
        QVERIFY(id);
        created << *id;
    }
    const auto first = m_store->leads(3, 0);
    QVERIFY(first);
    QCOMPARE(first->size(), 3);
    QCOMPARE(first->at(0).id, created.at(0));
    QCOMPARE(first->at(0).contactId, 0);
    QCOMPARE(first->at(1).contactId, *contact);
    QCOMPARE(first->at(1).status, QStringLiteral("new"));
    QCOMPARE(first->at(2).pbxCallId, QStringLiteral("in_2"));
    QCOMPARE(first->at(2).createdAt, at(2));
    const auto rest = m_store->leads(3, first->constLast().id);
    QCOMPARE(rest->size(), 2);
    QCOMPARE(rest->constLast().id, created.constLast());

    LeadRecord bad;
    bad.contactId = 999;
    QCOMPARE(m_store->createLead(bad).error().message,
             QStringLiteral("contact #999 does not exist"));
}

void TestStore::queriesTasks()
{
    m_store = openStore();
    QVERIFY(m_store);
    const qint64 anna = *m_store->createUser(user(QStringLiteral("anna"), QStringLiteral("101")));
    const qint64 ben = *m_store->createUser(user(QStringLiteral("ben"), QStringLiteral("102")));

    auto make = [&](qint64 assignee, bool done, QDateTime due) {
        TaskRecord task;
        task.title = QStringLiteral("Call back");
        task.assigneeUserId = assignee;
        task.done = done;
        task.dueAt = due;
        task.pbxCallId = QStringLiteral("in_1");
        const auto id = m_store->createTask(task);
        return id ? *id : -1;
    };
    const qint64 t1 = make(anna, false, at(10));
    const qint64 t2 = make(anna, true, at(10));
    const qint64 t3 = make(ben, false, at(100)); // snoozed
    const qint64 t4 = make(anna, false, {});
    const qint64 t5 = make(0, false, at(5));

    auto query = [&](auto change) {
        TaskQuery q;
        change(q);
        const auto result = m_store->tasks(q);
        return result ? taskIds(*result) : QList<qint64> { -1 };
    };
    QCOMPARE(query([](TaskQuery &) {}), (QList<qint64> { t1, t2, t3, t4, t5 }));
    QCOMPARE(query([&](TaskQuery &q) { q.assigneeUserId = anna; }), (QList<qint64> { t1, t2, t4 }));
    QCOMPARE(query([&](TaskQuery &q) { q.done = false; }), (QList<qint64> { t1, t3, t4, t5 }));
    QCOMPARE(query([&](TaskQuery &q) { q.done = true; }), (QList<qint64> { t2 }));
    QCOMPARE(query([&](TaskQuery &q) { q.dueBefore = at(50); }),
             (QList<qint64> { t1, t2, t4, t5 }));
    QCOMPARE(query([&](TaskQuery &q) {
                 q.assigneeUserId = anna;
                 q.done = false;
                 q.dueBefore = at(50);
             }),
             (QList<qint64> { t1, t4 }));
    QCOMPARE(query([&](TaskQuery &q) { q.limit = 2; }), (QList<qint64> { t1, t2 }));
    QCOMPARE(query([&](TaskQuery &q) {
                 q.limit = 2;
                 q.afterId = t2;
             }),
             (QList<qint64> { t3, t4 }));

    TaskRecord task = **m_store->task(t3);
    QCOMPARE(task.assigneeUserId, ben);
    QCOMPARE(task.dueAt, at(100));
    QCOMPARE(task.kind, QStringLiteral("missed_call"));
    QCOMPARE(task.pbxCallId, QStringLiteral("in_1"));
    task.done = true;
    task.updatedAt = at(200);
    QVERIFY(m_store->updateTask(task));
    QCOMPARE((*m_store->task(t3))->done, true);
    QCOMPARE((*m_store->task(t3))->updatedAt, at(200));
    QVERIFY(!m_store->task(999)->has_value());
    task.id = 999;
    QCOMPARE(m_store->updateTask(task).error().message, QStringLiteral("task #999 does not exist"));
}

void TestStore::keepsUserNamesAndExtensionsUnique()
{
    m_store = openStore();
    QVERIFY(m_store);
    const auto anna
            = m_store->createUser(user(QStringLiteral("anna"), QStringLiteral("101"), "h1"));
    QVERIFY(anna);
    QVERIFY(m_store->createUser(user(QStringLiteral("ben"), {})));
    QVERIFY(m_store->createUser(user(QStringLiteral("carl"), {}))); // many without extension

    QCOMPARE(m_store->createUser(user(QStringLiteral("anna"), QStringLiteral("109")))
                     .error()
                     .message,
             QStringLiteral("user name \"anna\" is already taken by user #%1").arg(*anna));
    QCOMPARE(m_store->createUser(user(QStringLiteral("dora"), QStringLiteral("101")))
                     .error()
                     .message,
             QStringLiteral("extension 101 already belongs to user \"anna\""));
    QCOMPARE(m_store->createUser(user(QStringLiteral("dora"), {}, "h1")).error().message,
             QStringLiteral("this token already belongs to user \"anna\""));
    QCOMPARE(m_store->createUser(user({}, {})).error().message,
             QStringLiteral("a user needs a name"));

    UserRecord ben = **m_store->userByName(QStringLiteral("ben"));
    ben.extension = QStringLiteral("101");
    QCOMPARE(m_store->updateUser(ben).error().message,
             QStringLiteral("extension 101 already belongs to user \"anna\""));
    ben.extension = QStringLiteral("102");
    ben.role = UserRole::Admin;
    QVERIFY(m_store->updateUser(ben));
    UserRecord annaRecord = **m_store->userByName(QStringLiteral("anna"));
    QVERIFY(m_store->updateUser(annaRecord)); // keeping its own name and extension is fine
    QCOMPARE(m_store->users()->size(), 3);
}

void TestStore::findsAndRemovesUsers()
{
    m_store = openStore();
    QVERIFY(m_store);
    const QByteArray hash = QByteArray::fromHex(
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    UserRecord admin = user(QStringLiteral("root"), QStringLiteral("100"), hash);
    admin.role = UserRole::Admin;
    const auto id = m_store->createUser(admin);
    QVERIFY(id);

    const auto found = m_store->userByTokenHash(hash);
    QVERIFY(found && found->has_value());
    QCOMPARE((*found)->id, *id);
    QCOMPARE((*found)->name, QStringLiteral("root"));
    QCOMPARE((*found)->displayName, QStringLiteral("ROOT"));
    QCOMPARE((*found)->role, UserRole::Admin);
    QCOMPARE((*found)->extension, QStringLiteral("100"));
    QCOMPARE((*found)->tokenHash, hash);
    QCOMPARE((*found)->createdAt, t0);
    QVERIFY(!m_store->userByTokenHash("other")->has_value());
    QVERIFY(!m_store->userByTokenHash({})->has_value());
    QVERIFY(!m_store->userByName(QStringLiteral("nobody"))->has_value());

    ContactRecord owned = contactNamed(QStringLiteral("Jan"), {});
    owned.responsibleUserId = *id;
    const auto contact = m_store->createContact(owned);
    QVERIFY(contact);

    QVERIFY(m_store->removeUser(*id));
    QVERIFY(!m_store->userByName(QStringLiteral("root"))->has_value());
    QCOMPARE((*m_store->contact(*contact))->responsibleUserId, 0); // falls back to nobody
    QCOMPARE(m_store->removeUser(*id).error().message,
             QStringLiteral("user #%1 does not exist").arg(*id));
    // Ids are never reused, so old audit entries cannot point at a new user.
    QVERIFY(*m_store->createUser(user(QStringLiteral("root"), QStringLiteral("100"))) > *id);
}

void TestStore::keepsBlacklist()
{
    m_store = openStore();
    QVERIFY(m_store);
    QVERIFY(m_store->addToBlacklist(
            { QStringLiteral("+48700000001"), QStringLiteral("spam"), at(1) }));
    QVERIFY(m_store->addToBlacklist({ QStringLiteral("+48700000000"), {}, at(2) }));
    QVERIFY(m_store->addToBlacklist(
            { QStringLiteral("+48700000001"), QStringLiteral("robot"), at(3) }));
    auto list = m_store->blacklist();
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).number, QStringLiteral("+48700000000"));
    QCOMPARE(list->at(1).reason, QStringLiteral("robot"));
    QCOMPARE(list->at(1).createdAt, at(3));
    QCOMPARE(m_store->removeFromBlacklist(QStringLiteral("+48700000001")).value(), true);
    QCOMPARE(m_store->removeFromBlacklist(QStringLiteral("+48700000001")).value(), false);
    QCOMPARE(m_store->blacklist()->size(), 1);
}

void TestStore::keepsSettings()
{
    m_store = openStore();
    QVERIFY(m_store);
    QVERIFY(m_store->settings()->isEmpty());
    QVERIFY(m_store->setSetting(QStringLiteral("a"), QStringLiteral("1")));
    QVERIFY(m_store->setSetting(QStringLiteral("b"), QString()));
    QVERIFY(m_store->setSetting(QStringLiteral("a"), QStringLiteral("2")));
    const auto settings = m_store->settings();
    QCOMPARE(settings->size(), 2);
    QCOMPARE(settings->value(QStringLiteral("a")), QStringLiteral("2"));
    QVERIFY(settings->contains(QStringLiteral("b")));
    QVERIFY(m_store->removeSetting(QStringLiteral("a")));
    QVERIFY(m_store->removeSetting(QStringLiteral("missing")));
    QCOMPARE(m_store->settings()->keys(), QStringList { QStringLiteral("b") });
}

void TestStore::pagesAuditNewestFirst()
{
    m_store = openStore();
    QVERIFY(m_store);
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        const auto id = m_store->appendAudit(
                { 0, at(i), i == 0 ? 0 : 3, i == 0 ? QStringLiteral("cli") : QStringLiteral("anna"),
                  QStringLiteral("settings.set"), QStringLiteral("key %1").arg(i) });
        QVERIFY(id);
        ids << *id;
    }
    const auto first = m_store->audit(2, 0);
    QVERIFY(first);
    QCOMPARE(first->size(), 2);
    QCOMPARE(first->at(0).id, ids.at(4));
    QCOMPARE(first->at(1).id, ids.at(3));
    QCOMPARE(first->at(0).detail, QStringLiteral("key 4"));
    QCOMPARE(first->at(0).userId, 3);
    QCOMPARE(first->at(0).at, at(4));
    const auto rest = m_store->audit(10, first->constLast().id);
    QCOMPARE(rest->size(), 3);
    QCOMPARE(rest->constLast().id, ids.at(0));
    QCOMPARE(rest->constLast().userId, 0);
    QCOMPARE(rest->constLast().actor, QStringLiteral("cli"));
}

void TestStore::roundTripsFeed()
{
    m_store = openStore();
    QVERIFY(m_store);
    QCOMPARE(m_store->latestFeedSeq().value(), 0);
    FeedItem ringing;
    ringing.createdAt = at(1);
    ringing.type = QStringLiteral("call.ringing");
    ringing.payload
            = QJsonObject { { QStringLiteral("pbx_call_id"), QStringLiteral("in_1") },
                            { QStringLiteral("extensions"),
                              QJsonArray { QStringLiteral("101"), QStringLiteral("102") } } };
    ringing.audience = { 3, 17 };
    FeedItem contact;
    contact.type = QStringLiteral("contact.updated");
    contact.everyone = true;
    FeedItem adminsOnly;
    adminsOnly.type = QStringLiteral("settings.changed");

    const qint64 s1 = *m_store->appendFeed(ringing);
    const qint64 s2 = *m_store->appendFeed(contact);
    const qint64 s3 = *m_store->appendFeed(adminsOnly);
    QVERIFY(s1 < s2 && s2 < s3);
    QCOMPARE(m_store->latestFeedSeq().value(), s3);

    const auto all = m_store->feedAfter(0, 10);
    QVERIFY(all);
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).seq, s1);
    QCOMPARE(all->at(0).type, ringing.type);
    QCOMPARE(all->at(0).payload, ringing.payload);
    QCOMPARE(all->at(0).audience, (QList<qint64> { 3, 17 }));
    QCOMPARE(all->at(0).everyone, false);
    QCOMPARE(all->at(0).createdAt, at(1));
    QVERIFY(all->at(1).everyone);
    QVERIFY(all->at(1).audience.isEmpty());
    QVERIFY(all->at(1).createdAt.isValid()); // stamped when none was given
    QVERIFY(all->at(2).audience.isEmpty());
    QVERIFY(!all->at(2).everyone);

    const auto after = m_store->feedAfter(s1, 1);
    QCOMPARE(after->size(), 1);
    QCOMPARE(after->at(0).seq, s2);
    QVERIFY(m_store->feedAfter(s3, 10)->isEmpty());
}

void TestStore::commitFlushingLaterIsVisibleAtOnceAndDurableInOrder()
{
    m_store = openStore();
    QVERIFY(m_store);
    QList<int> durable;
    for (int batch = 1; batch <= 3; ++batch) {
        QVERIFY(m_store->beginFlushingLater());
        QVERIFY(m_store->appendEvent(
                eventRecord(QStringLiteral("b%1").arg(batch), "key-" + QByteArray::number(batch))));
        QVERIFY(m_store->commitFlushingLater([&durable, batch](Result<void> flushed) {
            QVERIFY2(flushed, qPrintable(flushed ? QString() : flushed.error().message));
            durable << batch;
        }));
        QVERIFY(!m_store->inTransaction());
        // Committed: this connection and others read it before the disk has it.
        QCOMPARE(m_store->eventsForCall(QStringLiteral("b%1").arg(batch))->size(), 1);
    }
    auto other = openStore();
    QVERIFY(other);
    QCOMPARE(other->eventsForCall(QStringLiteral("b3"))->size(), 1);

    QTRY_COMPARE(durable, (QList<int> { 1, 2, 3 }));

    // finishFlushes() answers what is still waiting before it returns.
    QVERIFY(m_store->beginFlushingLater());
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("b4"), "key-4")));
    QVERIFY(m_store->commitFlushingLater([&durable](Result<void> flushed) {
        QVERIFY(flushed);
        durable << 4;
    }));
    m_store->finishFlushes();
    QCOMPARE(durable, (QList<int> { 1, 2, 3, 4 }));
}

void TestStore::commitFlushingLaterEndsOnlyItsOwnTransactions()
{
    m_store = openStore();
    QVERIFY(m_store);
    QVERIFY(m_store->beginFlushingLater());
    QVERIFY(!m_store->beginFlushingLater()); // they do not nest
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("r"), "r")));
    m_store->rollback();
    QVERIFY(!m_store->inTransaction());
    QVERIFY(m_store->eventsForCall(QStringLiteral("r"))->isEmpty());

    // A plain transaction cannot end as one that flushes later; it stays open.
    QVERIFY(m_store->begin());
    bool called = false;
    const auto mixed = m_store->commitFlushingLater([&called](Result<void>) { called = true; });
    QVERIFY(!mixed);
    QVERIFY2(mixed.error().message.contains(QStringLiteral("beginFlushingLater")),
             qPrintable(mixed.error().message));
    QVERIFY(m_store->inTransaction());
    QVERIFY(m_store->commit());
    m_store->finishFlushes();
    QVERIFY(!called);
}

void TestStore::rolledBackTransactionLeavesNothing()
{
    m_store = openStore();
    QVERIFY(m_store);
    QVERIFY(!m_store->commit());
    QVERIFY(m_store->begin());
    QVERIFY(m_store->inTransaction());
    const auto nested = m_store->begin();
    QVERIFY(!nested);
    QVERIFY(nested.error().message.contains(QStringLiteral("already open")));
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("a"), "1")));
    QVERIFY(m_store->saveCall(callAt(QStringLiteral("a"), 0)));
    QVERIFY(m_store->appendFeed({}));
    QVERIFY(m_store->createContact(contactNamed(QStringLiteral("Jan"), { QStringLiteral("+1") })));
    QVERIFY(m_store->createUser(user(QStringLiteral("anna"), QStringLiteral("101"))));
    m_store->rollback();
    QVERIFY(!m_store->inTransaction());

    QVERIFY(m_store->eventsForCall(QStringLiteral("a"))->isEmpty());
    QVERIFY(!m_store->hasCall(QStringLiteral("a")).value());
    QCOMPARE(m_store->latestFeedSeq().value(), 0);
    QCOMPARE(m_store->contactCount().value(), 0);
    QVERIFY(m_store->users()->isEmpty());
    QVERIFY(m_store->searchContacts(QStringLiteral("jan"), 10, 0)->isEmpty());

    QVERIFY(m_store->begin());
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("a"), "1")));
    QVERIFY(m_store->commit());
    QCOMPARE(m_store->eventsForCall(QStringLiteral("a"))->size(), 1);
}

void TestStore::failedOperationInsideTransactionUndoesOnlyItself()
{
    m_store = openStore();
    QVERIFY(m_store);
    QVERIFY(m_store->createContact(contactNamed(QStringLiteral("Jan"), { QStringLiteral("+1") })));
    QVERIFY(m_store->begin());
    QVERIFY(m_store->appendEvent(eventRecord(QStringLiteral("a"), "1")));
    QVERIFY(!m_store->createContact(
            contactNamed(QStringLiteral("Eva"), { QStringLiteral("+2"), QStringLiteral("+1") })));
    QVERIFY(m_store->commit());
    QCOMPARE(m_store->eventsForCall(QStringLiteral("a"))->size(), 1);
    QCOMPARE(m_store->contactCount().value(), 1);
    QVERIFY(!m_store->contactByPhone(QStringLiteral("+2"))->has_value());
}

QTEST_GUILESS_MAIN(TestStore)
#include "TestStore.moc"
