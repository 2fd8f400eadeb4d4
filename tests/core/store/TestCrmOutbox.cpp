// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/store/StoreUnderTest.h"
#include "tests/support/ResultMessage.h"

#include <QTest>

// One source, two executables: TestCrmOutboxSqlite and TestCrmOutboxPostgres (CMakeLists.txt).
#if defined(CALLBRIDGE_TEST_POSTGRES)
constexpr auto TestedEngine = CallBridge::StoreUnderTest::Engine::Postgres;
#elif defined(CALLBRIDGE_TEST_SQLITE)
constexpr auto TestedEngine = CallBridge::StoreUnderTest::Engine::Sqlite;
#else
#error "define CALLBRIDGE_TEST_SQLITE or CALLBRIDGE_TEST_POSTGRES"
#endif

using namespace CallBridge;
using Test::why;

// The external CRM's outbox and the contacts' CRM ids, on SQLite or PostgreSQL.
class TestCrmOutbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void queuesEachKeyOnceInOrder();
    void updatesSurviveReopening();
    void summarisesAndRetriesFailures();
    void prunesOnlyOldDoneItems();
    void linksContactsToCrmRecords();
    void refusesAnUnknownState();
    void requeuesOnlyWhatIsDone();

private:
    static CrmOutboxItem item(const QString &operation, const QString &call)
    {
        CrmOutboxItem item;
        item.operation = operation;
        item.key = operation + u':' + call;
        item.pbxCallId = call;
        item.createdAt = QDateTime::fromMSecsSinceEpoch(1'764'000'000'000, Qt::UTC);
        return item;
    }
    StoreUnderTest m_engine { TestedEngine };
    std::unique_ptr<SqlStore> m_store;
};

void TestCrmOutbox::initTestCase()
{
    const auto started = m_engine.start();
    QVERIFY2(started, why(started));
}

void TestCrmOutbox::init()
{
    const auto cleared = m_engine.clear();
    QVERIFY2(cleared, why(cleared));
    m_store = m_engine.open();
    QVERIFY(m_store);
}

void TestCrmOutbox::cleanup()
{
    m_store.reset();
}

void TestCrmOutbox::queuesEachKeyOnceInOrder()
{
    QCOMPARE(m_store->enqueueCrmWrite(item(QStringLiteral("sync_contact"), QStringLiteral("in_1")))
                     .value(),
             true);
    QCOMPARE(m_store->enqueueCrmWrite(item(QStringLiteral("push_call"), QStringLiteral("in_1")))
                     .value(),
             true);
    // A repeated delivery of the call's last event must not push it twice.
    QCOMPARE(m_store->enqueueCrmWrite(item(QStringLiteral("push_call"), QStringLiteral("in_1")))
                     .value(),
             false);
    QVERIFY(!m_store->enqueueCrmWrite(CrmOutboxItem {}));

    const auto pending = m_store->pendingCrmWrites(10);
    QVERIFY(pending);
    QCOMPARE(pending->size(), 2);
    QCOMPARE(pending->at(0).operation, QStringLiteral("sync_contact"));
    QCOMPARE(pending->at(1).key, QStringLiteral("push_call:in_1"));
    QCOMPARE(pending->at(1).pbxCallId, QStringLiteral("in_1"));
    QCOMPARE(pending->at(1).state, QStringLiteral("pending"));
    QCOMPARE(pending->at(1).attempts, 0);
    QVERIFY(!pending->at(1).nextAttemptAt.isValid());
    QVERIFY(pending->at(0).id < pending->at(1).id);
    QCOMPARE(m_store->pendingCrmWrites(1)->size(), 1);
    QCOMPARE(m_store->crmWrite(QStringLiteral("push_call:in_1")).value()->id, pending->at(1).id);
    QVERIFY(!m_store->crmWrite(QStringLiteral("push_call:nothing")).value().has_value());
}

void TestCrmOutbox::updatesSurviveReopening()
{
    QVERIFY(m_store->enqueueCrmWrite(item(QStringLiteral("push_call"), QStringLiteral("in_2"))));
    CrmOutboxItem stored = m_store->pendingCrmWrites(1)->constFirst();
    stored.attempts = 2;
    stored.lastError = QStringLiteral("The CRM answered HTTP 503.");
    stored.nextAttemptAt = QDateTime::fromMSecsSinceEpoch(1'764'000'060'000, Qt::UTC);
    QVERIFY(m_store->updateCrmWrite(stored));

    m_store.reset();
    m_store = m_engine.create(m_engine.location());
    const auto reopened = m_store->open();
    QVERIFY2(reopened, reopened ? "" : qPrintable(reopened.error().message));
    const CrmOutboxItem again = m_store->pendingCrmWrites(1)->constFirst();
    QCOMPARE(again.attempts, 2);
    QCOMPARE(again.lastError, stored.lastError);
    QCOMPARE(again.nextAttemptAt, stored.nextAttemptAt);

    stored.state = QStringLiteral("done");
    stored.crmId = QStringLiteral("6741a0c2e5b1f");
    QVERIFY(m_store->updateCrmWrite(stored));
    QVERIFY(m_store->pendingCrmWrites(10)->isEmpty());

    CrmOutboxItem missing = stored;
    missing.id = 999;
    const auto refused = m_store->updateCrmWrite(missing);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"no such item"),
             qPrintable(refused.error().message));
}

void TestCrmOutbox::summarisesAndRetriesFailures()
{
    for (const char *call : { "a", "b", "c" })
        QVERIFY(m_store->enqueueCrmWrite(
                item(QStringLiteral("create_task"), QString::fromLatin1(call))));
    QList<CrmOutboxItem> pending = m_store->pendingCrmWrites(10).value();
    pending[0].state = QStringLiteral("done");
    pending[1].state = QStringLiteral("failed");
    pending[1].lastError = QStringLiteral("The CRM refused the task: HTTP 400.");
    QVERIFY(m_store->updateCrmWrite(pending[0]));
    QVERIFY(m_store->updateCrmWrite(pending[1]));

    const auto summary = m_store->crmOutboxSummary();
    QVERIFY(summary);
    QCOMPARE(summary->pending, 1);
    QCOMPARE(summary->failed, 1);
    QCOMPARE(summary->done, 1);
    QCOMPARE(summary->oldestPendingAt, pending[2].createdAt);
    const auto errors = m_store->crmWritesWithErrors(5);
    QCOMPARE(errors->size(), 1);
    QCOMPARE(errors->constFirst().lastError, pending[1].lastError);

    QCOMPARE(m_store->retryFailedCrmWrites().value(), 1);
    QCOMPARE(m_store->crmOutboxSummary()->pending, 2);
    QCOMPARE(m_store->crmOutboxSummary()->failed, 0);
}

void TestCrmOutbox::prunesOnlyOldDoneItems()
{
    QVERIFY(m_store->enqueueCrmWrite(item(QStringLiteral("push_call"), QStringLiteral("old"))));
    QVERIFY(m_store->enqueueCrmWrite(item(QStringLiteral("push_call"), QStringLiteral("new"))));
    QVERIFY(m_store->enqueueCrmWrite(item(QStringLiteral("push_call"), QStringLiteral("open"))));
    QList<CrmOutboxItem> pending = m_store->pendingCrmWrites(10).value();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    pending[0].state = QStringLiteral("done");
    pending[0].updatedAt = now.addDays(-40);
    pending[1].state = QStringLiteral("done");
    pending[1].updatedAt = now;
    QVERIFY(m_store->updateCrmWrite(pending[0]));
    QVERIFY(m_store->updateCrmWrite(pending[1]));
    QCOMPARE(m_store->pruneCrmWrites(now.addDays(-30)).value(), 1);
    QCOMPARE(m_store->crmOutboxSummary()->done, 1);
    QCOMPARE(m_store->crmOutboxSummary()->pending, 1);
    // The key of a pruned item is free again only then; a live one still holds it.
    QCOMPARE(m_store->enqueueCrmWrite(item(QStringLiteral("push_call"), QStringLiteral("new")))
                     .value(),
             false);
}

void TestCrmOutbox::linksContactsToCrmRecords()
{
    ContactRecord first;
    first.name = QStringLiteral("Ana Ruiz");
    first.phones = { QStringLiteral("+34600100200") };
    first.source = QStringLiteral("auto");
    const auto created = m_store->createContact(first);
    QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    const qint64 ana = created.value();
    ContactRecord second = first;
    second.name = QStringLiteral("Ana Ruiz (old)");
    second.phones = { QStringLiteral("+34600100201") };
    const qint64 old = m_store->createContact(second).value();

    QCOMPARE(m_store->contactCrmId(ana).value(), QString());
    QVERIFY(!m_store->contactForCrmId(QStringLiteral("c1"))->has_value());
    QVERIFY(m_store->setContactCrmId(old, QStringLiteral("c1")));
    QCOMPARE(m_store->contactForCrmId(QStringLiteral("c1"))->value(), old);
    // One CRM record mirrors one contact: linking it elsewhere moves it.
    QVERIFY(m_store->setContactCrmId(ana, QStringLiteral("c1")));
    QCOMPARE(m_store->contactForCrmId(QStringLiteral("c1"))->value(), ana);
    QCOMPARE(m_store->contactCrmId(old).value(), QString());
    QVERIFY(m_store->setContactCrmId(ana, QStringLiteral("c2")));
    QCOMPARE(m_store->contactCrmId(ana).value(), QStringLiteral("c2"));
    QVERIFY(m_store->setContactCrmId(ana, QString()));
    QCOMPARE(m_store->contactCrmId(ana).value(), QString());
}

void TestCrmOutbox::refusesAnUnknownState()
{
    QVERIFY(m_store->enqueueCrmWrite(item(QStringLiteral("push_call"), QStringLiteral("x"))));
    CrmOutboxItem stored = m_store->pendingCrmWrites(1)->constFirst();
    stored.state = QStringLiteral("sent");
    const auto refused = m_store->updateCrmWrite(stored);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"unknown state"),
             qPrintable(refused.error().message));
}

void TestCrmOutbox::requeuesOnlyWhatIsDone()
{
    const CrmOutboxItem refresh = item(QStringLiteral("sync_contact"), QStringLiteral("r1"));
    QCOMPARE(m_store->requeueCrmWrite(refresh).value(), true); // new
    QCOMPARE(m_store->requeueCrmWrite(refresh).value(), false); // still pending
    CrmOutboxItem stored = m_store->crmWrite(refresh.key).value().value();
    stored.state = QStringLiteral("done");
    stored.attempts = 3;
    QVERIFY(m_store->updateCrmWrite(stored));
    QCOMPARE(m_store->requeueCrmWrite(refresh).value(), true);
    const CrmOutboxItem again = m_store->crmWrite(refresh.key).value().value();
    QCOMPARE(again.state, QStringLiteral("pending"));
    QCOMPARE(again.attempts, 0);
    QCOMPARE(again.id, stored.id);
    stored.state = QStringLiteral("failed");
    QVERIFY(m_store->updateCrmWrite(stored));
    QCOMPARE(m_store->requeueCrmWrite(refresh).value(), false); // an admin's to retry

    ContactRecord contact;
    contact.name = QStringLiteral("Linked");
    contact.source = QStringLiteral("crm");
    QList<qint64> linked;
    for (int i = 0; i < 3; ++i) {
        contact.phones = { QStringLiteral("+3460010000%1").arg(i) };
        const qint64 id = m_store->createContact(contact).value();
        QVERIFY(m_store->setContactCrmId(id, QStringLiteral("c%1").arg(i)));
        linked << id;
    }
    QCOMPARE(m_store->crmLinkedContacts(0, 2).value(), linked.mid(0, 2));
    QCOMPARE(m_store->crmLinkedContacts(linked[1], 10).value(), linked.mid(2));
}

QTEST_GUILESS_MAIN(TestCrmOutbox)
#include "TestCrmOutbox.moc"
