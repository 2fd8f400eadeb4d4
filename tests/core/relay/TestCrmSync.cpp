// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/SystemClock.h"
#include "core/crm/CrmClient.h"
#include "core/crm/CrmMapping.h"
#include "core/relay/CallProcessor.h"
#include "core/relay/CrmSync.h"
#include "core/relay/RoutingDirectory.h"
#include "core/store/SqliteStore.h"
#include "tests/support/FakeCrm.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace CallBridge;

// The external CRM's outbox worker with everything real: a SQLite store in a temporary folder,
// the shipped EspoCRM mapping, and a small EspoCRM on loopback that fails as told.
class TestCrmSync : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pushesAFinishedCallOnce();
    void aLostAnswerIsAskedAboutNotSentTwice();
    void serverErrorsAreRetriedUntilTheCrmTakesIt();
    void aRefusalFailsTheItemUntilAnAdminRetriesIt();
    void aRestartInTheMiddleMakesNoDuplicate();
    void aCallsItemsGoInOrder();
    void lookUpMirrorsTheCrmsContactAndStreamsIt();
    void anUnknownCallerIsCreatedThereWithALead();
    void aPeriodicRefreshBringsTheCrmsChanges();
    void anAnswerTheStoreRefusesIsRetriedLater();

private:
    void startSync();
    qint64 addLocalContact(const QString &name, const QString &phone, const QString &source);
    void saveCall(const QString &pbxCallId, const QString &state, qint64 contactId,
                  const QString &phone = QStringLiteral("+34600111222"));
    void queue(const QString &operation, const QString &pbxCallId, qint64 contactId = 0);
    qsizetype callsAbout(const QString &pbxCallId) const;
    int pending() const { return int(m_store->crmOutboxSummary()->pending); }
    CrmOutboxItem item(const QString &key) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<RoutingDirectory> m_directory;
    SystemClock m_clock;
    std::unique_ptr<CallProcessor> m_processor;
    std::unique_ptr<Test::FakeCrm> m_crm;
    std::unique_ptr<CrmClient> m_client;
    std::unique_ptr<CrmSync> m_sync;
};

void TestCrmSync::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<SqliteStore>(m_dir->filePath(QStringLiteral("relay.db")));
    QVERIFY(m_store->open());
    m_directory = std::make_unique<RoutingDirectory>();
    RoutingPolicy policy;
    policy.defaultRegion = QStringLiteral("ES");
    m_directory->setPolicy(policy);
    QVERIFY(m_directory->load(*m_store));
    m_processor = std::make_unique<CallProcessor>(m_store.get(), m_directory.get(), &m_clock);
    m_processor->setCrmConnected(true);
    m_crm = std::make_unique<Test::FakeCrm>();
    auto mapping = CrmMapping::load(QStringLiteral(ESPOCRM_MAPPING));
    QVERIFY2(mapping, mapping ? "" : qPrintable(mapping.error().message));
    CrmClientConfig config;
    config.baseUrl = m_crm->url();
    config.secrets.insert(QStringLiteral("api_key"), QString::fromLatin1(m_crm->apiKey()));
    config.timeoutMs = 300; // a lost answer is given up on quickly
    m_client = std::make_unique<CrmClient>(mapping.value(), config);
}

void TestCrmSync::cleanup()
{
    m_sync.reset();
    m_client.reset();
    m_crm.reset();
    m_processor.reset();
    m_directory.reset();
    m_store.reset();
    m_dir.reset();
}

void TestCrmSync::startSync()
{
    m_sync = std::make_unique<CrmSync>(m_store.get(), m_processor.get(), m_directory.get(),
                                       m_client.get(), &m_clock);
    m_sync->setPacing({ 20, 200 });
    m_sync->start();
}

qint64 TestCrmSync::addLocalContact(const QString &name, const QString &phone,
                                    const QString &source)
{
    ContactRecord contact;
    contact.name = name;
    contact.phones = { phone };
    contact.source = source;
    const auto id = m_store->createContact(contact);
    if (!id)
        qFatal("%s", qPrintable(id.error().message));
    contact.id = id.value();
    m_directory->setContact(contact);
    return contact.id;
}

void TestCrmSync::saveCall(const QString &pbxCallId, const QString &state, qint64 contactId,
                           const QString &phone)
{
    CallRecord call;
    call.pbxCallId = pbxCallId;
    call.direction = QStringLiteral("inbound");
    call.state = state;
    call.callStart = QStringLiteral("2026-11-24 10:00:00");
    call.startedAt = QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC);
    call.clientNumber = phone;
    call.callerId = phone;
    call.calledDid = QStringLiteral("34911234567");
    call.durationSeconds = 42;
    call.disposition
            = state == u"missed" ? QStringLiteral("no answer") : QStringLiteral("answered");
    call.contactId = contactId;
    call.source = QStringLiteral("webhook");
    QVERIFY(m_store->saveCall(call));
}

void TestCrmSync::queue(const QString &operation, const QString &pbxCallId, qint64 contactId)
{
    CrmOutboxItem item;
    item.operation = operation;
    item.key = operation + u':' + pbxCallId;
    item.pbxCallId = pbxCallId;
    item.contactId = contactId;
    QVERIFY(m_store->enqueueCrmWrite(item).value());
}

qsizetype TestCrmSync::callsAbout(const QString &pbxCallId) const
{
    qsizetype count = 0;
    for (const QJsonObject &call : m_crm->records(QStringLiteral("Call")))
        count += call.value(u"description").toString().contains(pbxCallId) ? 1 : 0;
    return count;
}

CrmOutboxItem TestCrmSync::item(const QString &key) const
{
    return m_store->crmWrite(key).value().value_or(CrmOutboxItem {});
}

void TestCrmSync::pushesAFinishedCallOnce()
{
    const QString crmId = m_crm->addContact(QStringLiteral("Olga"), QStringLiteral("Petrova"),
                                            { QStringLiteral("+34600111222") });
    const qint64 olga = addLocalContact(QStringLiteral("Olga Petrova"),
                                        QStringLiteral("+34600111222"), QStringLiteral("crm"));
    QVERIFY(m_store->setContactCrmId(olga, crmId));
    saveCall(QStringLiteral("in_1"), QStringLiteral("ended"), olga);
    queue(QStringLiteral("push_call"), QStringLiteral("in_1"), olga);
    startSync();
    QSignalSpy attempted(m_sync.get(), &CrmSync::attempted);
    QTRY_COMPARE(pending(), 0);
    QCOMPARE(callsAbout(QStringLiteral("in_1")), 1);
    const QJsonObject call = m_crm->records(QStringLiteral("Call")).constFirst();
    QCOMPARE(call.value(u"contactsIds").toArray(), QJsonArray { crmId });
    QCOMPARE(call.value(u"status").toString(), QStringLiteral("Held"));
    QTRY_COMPARE(attempted.size(), 1);
    QCOMPARE(attempted.constFirst().value(1).toString(), QStringLiteral("done"));
    QCOMPARE(m_store->crmOutboxSummary()->done, 1);
}

void TestCrmSync::aLostAnswerIsAskedAboutNotSentTwice()
{
    saveCall(QStringLiteral("in_2"), QStringLiteral("ended"), 0);
    queue(QStringLiteral("push_call"), QStringLiteral("in_2"));
    // The CRM makes the record but its answer never arrives: the relay cannot know.
    m_crm->dropAnswerNext(1);
    startSync();
    QSignalSpy attempted(m_sync.get(), &CrmSync::attempted);
    QTRY_COMPARE_WITH_TIMEOUT(pending(), 0, 5000);
    QCOMPARE(callsAbout(QStringLiteral("in_2")), 1);
    // The outcome is told once the outbox's record of it is on disk.
    QTRY_COMPARE(attempted.constLast().value(1).toString(), QStringLiteral("done"));
    QCOMPARE(attempted.constFirst().value(1).toString(), QStringLiteral("retry"));
    // The second attempt asked (GET) instead of posting again.
    const auto &requests = m_crm->requests();
    QCOMPARE(requests.constLast().method, QByteArray("GET"));
}

void TestCrmSync::serverErrorsAreRetriedUntilTheCrmTakesIt()
{
    saveCall(QStringLiteral("in_3"), QStringLiteral("ended"), 0);
    queue(QStringLiteral("push_call"), QStringLiteral("in_3"));
    m_crm->failNext(2, 503); // refused before any work: not ambiguous
    startSync();
    QTRY_COMPARE_WITH_TIMEOUT(pending(), 0, 5000);
    QCOMPARE(callsAbout(QStringLiteral("in_3")), 1);
    const CrmOutboxItem done = item(QStringLiteral("push_call:in_3"));
    QCOMPARE(done.state, QStringLiteral("done"));
    QVERIFY(done.lastError.isEmpty());
    QVERIFY(done.attempts >= 3);
}

void TestCrmSync::aRefusalFailsTheItemUntilAnAdminRetriesIt()
{
    saveCall(QStringLiteral("in_4"), QStringLiteral("ended"), 0);
    queue(QStringLiteral("push_call"), QStringLiteral("in_4"));
    m_crm->failNext(1, 400, {}, R"({"messageTranslation":{"label":"validationFailure"}})");
    startSync();
    QTRY_COMPARE(m_store->crmOutboxSummary()->failed, 1);
    const CrmOutboxItem failed = item(QStringLiteral("push_call:in_4"));
    QCOMPARE(failed.state, QStringLiteral("failed"));
    QVERIFY2(failed.lastError.contains(u"400"), qPrintable(failed.lastError));
    QCOMPARE(callsAbout(QStringLiteral("in_4")), 0);
    const QJsonObject status = m_sync->status().value();
    QCOMPARE(status.value(u"failed").toInt(), 1);
    QCOMPARE(status.value(u"latest_errors").toArray().size(), 1);

    QCOMPARE(m_store->retryFailedCrmWrites().value(), 1);
    m_sync->poke();
    QTRY_COMPARE(pending(), 0);
    QCOMPARE(m_store->crmOutboxSummary()->failed, 0);
    QCOMPARE(callsAbout(QStringLiteral("in_4")), 1);
}

void TestCrmSync::aRestartInTheMiddleMakesNoDuplicate()
{
    saveCall(QStringLiteral("in_5"), QStringLiteral("ended"), 0);
    queue(QStringLiteral("push_call"), QStringLiteral("in_5"));
    // The CRM does the work; the relay stops before it hears back.
    m_crm->dropAnswerNext(1);
    QSignalSpy received(m_crm.get(), &Test::FakeCrm::requestReceived);
    startSync();
    QVERIFY(received.wait());
    m_sync.reset();
    QCOMPARE(callsAbout(QStringLiteral("in_5")), 1);
    QCOMPARE(pending(), 1);
    QCOMPARE(item(QStringLiteral("push_call:in_5")).attempts, 1); // on disk before it was sent

    startSync(); // the relay again
    QTRY_COMPARE_WITH_TIMEOUT(pending(), 0, 5000);
    QCOMPARE(callsAbout(QStringLiteral("in_5")), 1);
}

void TestCrmSync::aCallsItemsGoInOrder()
{
    saveCall(QStringLiteral("in_6"), QStringLiteral("missed"), 0);
    queue(QStringLiteral("push_call"), QStringLiteral("in_6"));
    queue(QStringLiteral("sync_contact"), QStringLiteral("in_6"));
    m_crm->failNext(1, 503);
    startSync();
    QTRY_COMPARE_WITH_TIMEOUT(pending(), 0, 5000);
    // The call's second item (the look-up, a GET) waited for the first, which needed two
    // attempts; a second attempt asks first whether the first went through (GET).
    QList<QByteArray> methods;
    for (const auto &request : m_crm->requests())
        methods << request.method;
    QCOMPARE(methods.join(' '), QByteArray("POST GET POST GET"));
}

void TestCrmSync::lookUpMirrorsTheCrmsContactAndStreamsIt()
{
    UserRecord anna;
    anna.name = QStringLiteral("anna");
    anna.displayName = QStringLiteral("Anna Nowak");
    anna.extension = QStringLiteral("101");
    QVERIFY(m_store->createUser(anna));
    QVERIFY(m_directory->load(*m_store));
    const QString crmId = m_crm->addContact(
            QStringLiteral("Olga"), QStringLiteral("Petrova"),
            { QStringLiteral("+34600111222"), QStringLiteral("+34911000222") },
            { { QStringLiteral("accountName"), QStringLiteral("Petrova Logistics") },
              { QStringLiteral("assignedUserName"), QStringLiteral("Anna Nowak") } });
    // What the relay made of the unknown caller at NOTIFY_START.
    const qint64 local = addLocalContact(QStringLiteral("+34 600 11 12 22"),
                                         QStringLiteral("+34600111222"), QStringLiteral("auto"));
    saveCall(QStringLiteral("in_7"), QStringLiteral("ringing"), local);
    queue(QStringLiteral("sync_contact"), QStringLiteral("in_7"), local);
    startSync();
    QSignalSpy published(m_sync.get(), &CrmSync::published);
    QTRY_COMPARE(pending(), 0);
    QTRY_COMPARE(published.size(), 1);

    const ContactRecord mirrored = m_store->contact(local).value().value();
    QCOMPARE(mirrored.name, QStringLiteral("Olga Petrova"));
    QCOMPARE(mirrored.company, QStringLiteral("Petrova Logistics"));
    QCOMPARE(mirrored.source, QStringLiteral("crm"));
    QCOMPARE(mirrored.phones,
             (QStringList { QStringLiteral("+34600111222"), QStringLiteral("+34911000222") }));
    QCOMPARE(mirrored.responsibleUserId, m_directory->userByName(QStringLiteral("anna"))->id);
    QCOMPARE(mirrored.externalUrl,
             m_crm->url().toString() + QStringLiteral("/#Contact/view/") + crmId);
    QCOMPARE(m_store->contactCrmId(local).value(), crmId);
    // The next NOTIFY_START from her second number is answered from the relay's own data.
    QCOMPARE(m_directory->contactForNumber(QStringLiteral("+34911000222"))->contactId, local);

    const auto items = published.constFirst().constFirst().value<QList<FeedItem>>();
    QStringList types;
    for (const FeedItem &feedItem : items)
        types << feedItem.type;
    QCOMPARE(types,
             (QStringList { QStringLiteral("contact.updated"), QStringLiteral("call.updated") }));
    QCOMPARE(items.constLast().payload.value(u"contact").toObject().value(u"name").toString(),
             QStringLiteral("Olga Petrova"));
    // Nothing was created in the CRM.
    QCOMPARE(m_crm->records(QStringLiteral("Contact")).size(), 1);
    QVERIFY(m_crm->records(QStringLiteral("Lead")).isEmpty());
}

void TestCrmSync::anUnknownCallerIsCreatedThereWithALead()
{
    const qint64 local = addLocalContact(QStringLiteral("+34 699 00 01 11"),
                                         QStringLiteral("+34699000111"), QStringLiteral("auto"));
    saveCall(QStringLiteral("in_8"), QStringLiteral("ringing"), local,
             QStringLiteral("+34699000111"));
    queue(QStringLiteral("sync_contact"), QStringLiteral("in_8"), local);
    startSync();
    QTRY_COMPARE(pending(), 0);
    QCOMPARE(m_crm->records(QStringLiteral("Contact")).size(), 1);
    const QJsonObject created = m_crm->records(QStringLiteral("Contact")).constFirst();
    QCOMPARE(created.value(u"phoneNumber").toString(), QStringLiteral("+34699000111"));
    QCOMPARE(m_store->contactCrmId(local).value(), created.value(u"id").toString());
    QCOMPARE(m_crm->records(QStringLiteral("Lead")).size(), 1);
    QVERIFY(m_crm->records(QStringLiteral("Lead"))
                    .constFirst()
                    .value(u"description")
                    .toString()
                    .contains(u"in_8"));
    QVERIFY(!m_store->contact(local).value()->externalUrl.isEmpty());
}

void TestCrmSync::aPeriodicRefreshBringsTheCrmsChanges()
{
    const QString crmId = m_crm->addContact(QStringLiteral("Olga"), QStringLiteral("Petrova"),
                                            { QStringLiteral("+34600111222") });
    const qint64 olga = addLocalContact(QStringLiteral("Olga Petrova"),
                                        QStringLiteral("+34600111222"), QStringLiteral("crm"));
    QVERIFY(m_store->setContactCrmId(olga, crmId));
    ContactRecord copy = m_store->contact(olga).value().value();
    copy.externalUrl = m_crm->url().toString() + QStringLiteral("/#Contact/view/") + crmId;
    QVERIFY(m_store->updateContact(copy)); // as the last look-up left it
    const qint64 other = addLocalContact(QStringLiteral("Not in the CRM"),
                                         QStringLiteral("+34600999888"), QStringLiteral("manual"));
    startSync();
    QSignalSpy published(m_sync.get(), &CrmSync::published);
    const QString key = QStringLiteral("sync_contact:contact:%1").arg(olga);
    const auto state = [this, &key] {
        const auto item = m_store->crmWrite(key);
        return item && item.value() ? item.value()->state : QString();
    };
    m_sync->setRefreshInterval(std::chrono::milliseconds(100));
    // Only the contact copied from the CRM is looked up again. Nothing changed: nothing streamed.
    QTRY_COMPARE(state(), QStringLiteral("done"));
    QVERIFY(!m_store->crmWrite(QStringLiteral("sync_contact:contact:%1").arg(other))
                     .value()
                     .has_value());
    QCOMPARE(published.size(), 0);

    // Someone corrects her name in the CRM; the next pass brings it, and streams it.
    QVERIFY(m_crm->updateRecord(
            QStringLiteral("Contact"), crmId,
            { { QStringLiteral("lastName"), QStringLiteral("Petrova-Ruiz") } }));
    QTRY_COMPARE(m_store->contact(olga).value()->name, QStringLiteral("Olga Petrova-Ruiz"));
    QTRY_COMPARE(published.size(), 1);

    m_sync->setRefreshInterval(std::chrono::milliseconds(0));
    QTRY_COMPARE(state(), QStringLiteral("done"));
    const qsizetype requests = m_crm->requests().size();
    QTest::qWait(300);
    QCOMPARE(m_crm->requests().size(), requests); // off means off
}

// The CRM gives Olga a second number that, unknown to the relay's memory (another process
// wrote it), belongs to someone else: storing her fails. The look-up is retried with the usual
// growing pause, its error recorded, not repeated at once.
void TestCrmSync::anAnswerTheStoreRefusesIsRetriedLater()
{
    m_crm->addContact(QStringLiteral("Olga"), QStringLiteral("Petrova"),
                      { QStringLiteral("+34600111222"), QStringLiteral("+34911000222") });
    const qint64 olga = addLocalContact(QStringLiteral("+34 600 11 12 22"),
                                        QStringLiteral("+34600111222"), QStringLiteral("auto"));
    ContactRecord other;
    other.name = QStringLiteral("Reception");
    other.phones = { QStringLiteral("+34911000222") };
    other.source = QStringLiteral("manual");
    QVERIFY(m_store->createContact(other)); // the directory does not know
    saveCall(QStringLiteral("in_9"), QStringLiteral("ringing"), olga);
    queue(QStringLiteral("sync_contact"), QStringLiteral("in_9"), olga);
    startSync();
    const QString key = QStringLiteral("sync_contact:in_9");
    QTRY_VERIFY(item(key).lastError.contains(u"could not store the CRM's answer"));
    const CrmOutboxItem waiting = item(key);
    QCOMPARE(waiting.state, QStringLiteral("pending"));
    QVERIFY(waiting.nextAttemptAt.isValid());
    QCOMPARE(m_store->contact(olga).value()->name, QStringLiteral("+34 600 11 12 22"));
    QTRY_VERIFY(item(key).attempts >= 2); // tried again, later
    m_sync.reset();
}

QTEST_GUILESS_MAIN(TestCrmSync)
#include "TestCrmSync.moc"
