// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/CallProcessor.h"
#include "core/relay/RoutingDirectory.h"
#include "core/relay/WebhookEndpoint.h"
#include "core/relay/WebhookIngest.h"
#include "core/store/SqliteStore.h"
#include "core/webhook/WebhookParser.h"
#include "tests/support/FakeClock.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace CallBridge;

namespace {

WebhookEvent event(std::initializer_list<FormFields::Entry> fields)
{
    auto parsed = parseWebhookEvent(FormFields(fields));
    if (!parsed)
        qFatal("test event does not parse: %s", qPrintable(parsed.error().message));
    return parsed.value();
}

const QString callStart = QStringLiteral("2026-11-24 11:00:00");

WebhookEvent start(const QString &id, const QString &caller)
{
    return event({ { QStringLiteral("event"), QStringLiteral("NOTIFY_START") },
                   { QStringLiteral("call_start"), callStart },
                   { QStringLiteral("pbx_call_id"), id },
                   { QStringLiteral("caller_id"), caller },
                   { QStringLiteral("called_did"), QStringLiteral("34911234567") } });
}

WebhookEvent internal(const QString &id, const QString &caller, const QString &extension)
{
    return event({ { QStringLiteral("event"), QStringLiteral("NOTIFY_INTERNAL") },
                   { QStringLiteral("call_start"), callStart },
                   { QStringLiteral("pbx_call_id"), id },
                   { QStringLiteral("caller_id"), caller },
                   { QStringLiteral("called_did"), QStringLiteral("34911234567") },
                   { QStringLiteral("internal"), extension } });
}

WebhookEvent endMissed(const QString &id, const QString &caller)
{
    return event({ { QStringLiteral("event"), QStringLiteral("NOTIFY_END") },
                   { QStringLiteral("call_start"), callStart },
                   { QStringLiteral("pbx_call_id"), id },
                   { QStringLiteral("caller_id"), caller },
                   { QStringLiteral("called_did"), QStringLiteral("34911234567") },
                   { QStringLiteral("duration"), QStringLiteral("0") },
                   { QStringLiteral("disposition"), QStringLiteral("no answer") },
                   { QStringLiteral("status_code"), QStringLiteral("19") },
                   { QStringLiteral("is_recorded"), QStringLiteral("0") } });
}

} // namespace

class TestCallProcessor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void unknownCallerBecomesContactLeadAndMissedTask();
    void knownCallerIsRoutedToItsResponsible();
    void callerImportedElsewhereIsNotCreatedTwice();
    void blacklistedCallerIsHungUpAndCreatesNothing();
    void duplicatesAreStoredOnce();
    void callContinuesAfterARestart();

private:
    // Submits events through the real writer and waits for their batch.
    QList<IngestOutcome> ingest(const QList<WebhookEvent> &events);
    void restart();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Test::FakeClock> m_clock;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<RoutingDirectory> m_directory;
    std::unique_ptr<CallProcessor> m_processor;
    std::unique_ptr<WebhookIngest> m_ingest;
    QList<FeedItem> m_feed;
    qint64 m_agent = 0;
    qint64 m_lead = 0;
};

void TestCallProcessor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_unique<Test::FakeClock>();
    restart();
    UserRecord agent;
    agent.name = QStringLiteral("anna");
    agent.extension = QStringLiteral("101");
    m_agent = m_store->createUser(agent).value();
    UserRecord lead;
    lead.name = QStringLiteral("lead");
    lead.extension = QStringLiteral("100");
    m_lead = m_store->createUser(lead).value();
    QVERIFY(m_directory->load(*m_store)); // the policy restart() set stays
}

void TestCallProcessor::restart()
{
    m_ingest.reset();
    m_processor.reset();
    m_directory.reset();
    m_store.reset();
    m_store = std::make_unique<SqliteStore>(m_dir->filePath(QStringLiteral("relay.sqlite")));
    QVERIFY(m_store->open());
    m_directory = std::make_unique<RoutingDirectory>();
    QVERIFY(m_directory->load(*m_store));
    RoutingPolicy policy;
    policy.defaultResponsible = QStringLiteral("lead");
    policy.defaultRegion = QStringLiteral("ES");
    m_directory->setPolicy(policy);
    m_processor = std::make_unique<CallProcessor>(m_store.get(), m_directory.get(), m_clock.get());
    m_ingest = std::make_unique<WebhookIngest>(m_store.get(), m_processor.get(), m_clock.get());
    connect(m_ingest.get(), &WebhookIngest::committed, this,
            [this](const ProcessingOutput &output) { m_feed += output.feed; });
}

void TestCallProcessor::cleanup()
{
    m_ingest.reset();
    m_processor.reset();
    m_directory.reset();
    m_store.reset();
    m_feed.clear();
}

QList<IngestOutcome> TestCallProcessor::ingest(const QList<WebhookEvent> &events)
{
    QList<IngestOutcome> outcomes;
    int answered = 0;
    for (const WebhookEvent &webhook : events) {
        EventRecord record;
        record.receivedAt = m_clock->now();
        record.eventName = webhook.eventName;
        record.pbxCallId = webhook.pbxCallId;
        record.dedupeKey = WebhookEndpoint::dedupeKey(webhook);
        record.rawForm = webhook.fields.toUrlEncoded();
        m_ingest->submit(webhook, record, [&outcomes, &answered](Result<IngestOutcome> outcome) {
            QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));
            outcomes.append(outcome.value());
            ++answered;
        });
    }
    // Nothing is answered before the batch is on disk, and the batch is written from the event
    // loop, not inside submit().
    [&] { QCOMPARE(answered, 0); }();
    [&] { QTRY_COMPARE(answered, int(events.size())); }();
    return outcomes;
}

void TestCallProcessor::unknownCallerBecomesContactLeadAndMissedTask()
{
    const QString id = QStringLiteral("in_unknown1");
    const QString caller = QStringLiteral("34600100200");
    ingest({ start(id, caller), internal(id, caller, QStringLiteral("101")),
             endMissed(id, caller) });

    auto contact = m_store->contactByPhone(QStringLiteral("+34600100200"));
    QVERIFY(contact && contact.value());
    QCOMPARE(contact.value()->source, QStringLiteral("auto"));
    QCOMPARE(contact.value()->responsibleUserId, m_lead);
    auto leads = m_store->leads(10, 0);
    QCOMPARE(leads->size(), 1);
    QCOMPARE(leads->constFirst().pbxCallId, id);

    TaskQuery query;
    query.assigneeUserId = m_lead;
    auto tasks = m_store->tasks(query);
    QCOMPARE(tasks->size(), 1);
    QCOMPARE(tasks->constFirst().contactId, contact.value()->id);
    QCOMPARE(tasks->constFirst().kind, QStringLiteral("missed_call"));

    auto call = m_store->call(id);
    QVERIFY(call && call.value());
    QCOMPARE(call.value()->state, QStringLiteral("missed"));
    QCOMPARE(call.value()->contactId, contact.value()->id);
    QCOMPARE(call.value()->clientNumber, QStringLiteral("+34600100200"));

    QStringList types;
    for (const FeedItem &item : std::as_const(m_feed))
        types.append(item.type);
    QCOMPARE(types,
             QStringList({ QStringLiteral("contact.updated"), QStringLiteral("call.ringing"),
                           QStringLiteral("call.ringing"), QStringLiteral("call.missed"),
                           QStringLiteral("task.created") }));
    // The agent whose phone rang sees the call; the task goes to the default responsible only.
    QVERIFY(m_feed.at(2).audience.contains(m_agent));
    QCOMPARE(m_feed.last().audience, QList<qint64>({ m_lead }));
    // Stream items are in the store too, so that a reconnecting agent can resume.
    QCOMPARE(m_store->feedAfter(0, 100)->size(), m_feed.size());
}

void TestCallProcessor::callerImportedElsewhereIsNotCreatedTwice()
{
    // Stored by another process (the operator's import): the directory has not reloaded yet.
    ContactRecord imported;
    imported.name = QStringLiteral("Ana Ruiz");
    imported.phones = { QStringLiteral("+34600100200") };
    imported.source = QStringLiteral("import");
    const auto id = m_store->createContact(imported);
    QVERIFY(id);
    QVERIFY(!m_directory->contactForNumber(QStringLiteral("+34600100200")));

    const QString call = QStringLiteral("in_imported1");
    ingest({ start(call, QStringLiteral("34600100200")),
             endMissed(call, QStringLiteral("34600100200")) });
    QCOMPARE(m_store->contactCount().value(), 1);
    QVERIFY(m_store->leads(10, 0)->isEmpty());
    QCOMPARE(m_store->call(call).value()->contactId, id.value());
    QCOMPARE(m_directory->contactForNumber(QStringLiteral("+34600100200"))->contactId, id.value());
}

void TestCallProcessor::knownCallerIsRoutedToItsResponsible()
{
    ContactRecord contact;
    contact.name = QStringLiteral("Jan Kowalski");
    contact.phones = { QStringLiteral("+48600100200") };
    contact.responsibleUserId = m_agent;
    contact.id = m_store->createContact(contact).value();
    m_directory->setContact(contact);

    const RouteDecision decision = m_directory->routeInbound(QStringLiteral("48600100200"));
    QCOMPARE(decision.redirectExtension, QStringLiteral("101"));
    QCOMPARE(decision.callerName, QStringLiteral("Jan Kowalski"));
    QCOMPARE(decision.returnTimeoutSeconds, 20);

    // A contact without an owner goes to the default responsible.
    contact.responsibleUserId = 0;
    m_directory->setContact(contact);
    QCOMPARE(m_directory->routeInbound(QStringLiteral("+48600100200")).redirectExtension,
             QStringLiteral("100"));

    // Each behaviour has its switch.
    RoutingPolicy policy = m_directory->policy();
    policy.redirectToResponsible = false;
    policy.sendCallerName = false;
    m_directory->setPolicy(policy);
    QVERIFY(m_directory->routeInbound(QStringLiteral("+48600100200")).toJson().isEmpty());

    // An unknown caller follows the PBX's own scenario.
    QVERIFY(m_directory->routeInbound(QStringLiteral("+48600999999")).toJson().isEmpty());
}

void TestCallProcessor::blacklistedCallerIsHungUpAndCreatesNothing()
{
    m_directory->addToBlacklist(QStringLiteral("+34600100200"));
    QCOMPARE(m_directory->routeInbound(QStringLiteral("34600100200")).toJson(),
             QJsonObject({ { QStringLiteral("hangup"), 1 } }));
    const QString id = QStringLiteral("in_blocked");
    ingest({ start(id, QStringLiteral("34600100200")),
             endMissed(id, QStringLiteral("34600100200")) });
    QVERIFY(!m_store->contactByPhone(QStringLiteral("+34600100200")).value());
    QVERIFY(m_store->tasks(TaskQuery())->isEmpty());
    QVERIFY(m_store->call(id).value()); // the call itself is history
}

void TestCallProcessor::duplicatesAreStoredOnce()
{
    const QString id = QStringLiteral("in_dup");
    const QString caller = QStringLiteral("34600100201");
    const auto outcomes = ingest(
            { start(id, caller), start(id, caller), endMissed(id, caller), endMissed(id, caller) });
    QCOMPARE(outcomes.size(), 4);
    QVERIFY(!outcomes[0].duplicate);
    QVERIFY(outcomes[1].duplicate);
    QVERIFY(!outcomes[2].duplicate);
    QVERIFY(outcomes[3].duplicate);
    QCOMPARE(m_store->eventsForCall(id)->size(), 2);
    QCOMPARE(m_store->tasks(TaskQuery())->size(), 1);
}

void TestCallProcessor::callContinuesAfterARestart()
{
    const QString id = QStringLiteral("in_restart");
    const QString caller = QStringLiteral("34600100202");
    ingest({ start(id, caller), internal(id, caller, QStringLiteral("101")) });
    restart(); // a new process: nothing in memory, everything in the store
    m_feed.clear();
    ingest({ endMissed(id, caller) });
    auto call = m_store->call(id);
    QCOMPARE(call.value()->state, QStringLiteral("missed"));
    QCOMPARE(call.value()->ringingExtensions, QStringList({ QStringLiteral("101") }));
    // The contact created before the restart is reused, not created twice.
    QCOMPARE(m_store->contactCount().value(), 1);
    QCOMPARE(m_feed.first().type, QStringLiteral("call.missed"));
}

QTEST_GUILESS_MAIN(TestCallProcessor)
#include "TestCallProcessor.moc"
