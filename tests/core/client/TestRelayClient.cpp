// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/RelayClient.h"
#include "core/sim/SimCallRunner.h"
#include "tests/support/LoopbackHttpServer.h"
#include "tests/support/TestRelay.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <optional>

using namespace CallBridge;
using namespace Qt::StringLiterals;

namespace {

// Runs one client call and waits for its answer.
template<typename T, typename Call> RelayResult<T> await(Call call)
{
    std::optional<RelayResult<T>> result;
    call([&result](RelayResult<T> answer) { result.emplace(std::move(answer)); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10'000))
        return fail(RelayError { -1, u"no answer within 10 s"_s });
    return *result;
}

QString failure(const RelayError &error)
{
    return u"HTTP %1: %2"_s.arg(error.httpStatus).arg(error.message);
}

// Fails the test function with the relay's message when the call did not succeed.
#define REQUIRE_OK(result) \
    do { \
        if (!(result)) \
            QFAIL(qPrintable(failure((result).error()))); \
    } while (false)

} // namespace

class TestRelayClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void urlsKeepThePathPrefix();
    void meReadsTheSignedInUser();
    void contactsAreCreatedFoundAndUpdated();
    void clickToCallRingsTheAgentsOwnExtension();
    void callsArePagedAndFiltered();
    void recordingDownloadsAsWav();
    void missedCallTasksAreFinishedAndSnoozed();
    void adminSeesCredentialsBalanceAndExtensions();
    void adminReplacesCredentials();
    void adminManagesUsers();
    void adminReadsAndChangesSettings();
    void adminManagesTheBlacklist();
    void agentsAreRefusedAdminRoutes();

    void unreachableRelayIsANetworkError();
    void badTokenIsUnauthorised();
    void brokenJsonIsAnError();
    void tasksFollowEveryPage();
    void destroyedContextGetsNoCallback();

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<Test::TestRelay> m_relay;
    Test::TestRelay::Account m_alice; // agent, extension 100
    std::unique_ptr<RelayClient> m_client; // signed in as alice
    std::unique_ptr<RelayClient> m_admin; // signed in as root
};

void TestRelayClient::initTestCase()
{
    m_relay = std::make_unique<Test::TestRelay>();
    const auto started = m_relay->start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
    const auto alice = m_relay->addUser(u"alice"_s, u"Alice Nowak"_s, u"100"_s);
    QVERIFY2(alice, qPrintable(alice ? QString() : alice.error().message));
    m_alice = alice.value();
}

void TestRelayClient::init()
{
    m_client = std::make_unique<RelayClient>(&m_network);
    m_client->setRelayUrl(m_relay->url());
    m_client->setToken(m_alice.token);
    m_admin = std::make_unique<RelayClient>(&m_network);
    m_admin->setRelayUrl(m_relay->url());
    m_admin->setToken(m_relay->admin().token);
}

void TestRelayClient::urlsKeepThePathPrefix()
{
    RelayClient client(&m_network);
    client.setRelayUrl(QUrl(u"https://crm.example.com/relay/"_s));
    QCOMPARE(client.relayUrl(), QUrl(u"https://crm.example.com/relay"_s));
    QCOMPARE(client.streamUrl(), QUrl(u"wss://crm.example.com/relay/v1/stream"_s));
    client.setRelayUrl(QUrl(u"http://127.0.0.1:8080"_s));
    QCOMPARE(client.streamUrl(), QUrl(u"ws://127.0.0.1:8080/v1/stream"_s));
    QVERIFY(!client.hasToken());
    client.setToken(u"secret-token"_s);
    QVERIFY(client.hasToken());
    const QNetworkRequest request = client.request(u"/v1/calls?limit=5"_s);
    QCOMPARE(request.url(), QUrl(u"http://127.0.0.1:8080/v1/calls?limit=5"_s));
    QCOMPARE(request.rawHeader("Authorization"), "Bearer secret-token");

    // Behind a reverse proxy every request keeps the prefix.
    Test::LoopbackHttpServer proxy;
    proxy.enqueue({ 200, R"({"id":7,"name":"eve","role":"agent","extension":"105"})" });
    client.setRelayUrl(QUrl(proxy.url().toString() + u"/callbridge"_s));
    const auto me = await<UserInfo>([&](auto done) { client.me(this, done); });
    REQUIRE_OK(me);
    QCOMPARE(proxy.requests().size(), 1);
    QCOMPARE(proxy.requests().constFirst().path, "/callbridge/v1/me");
    QCOMPARE(proxy.requests().constFirst().header("Authorization"), "Bearer secret-token");
    QCOMPARE(me->extension, u"105"_s);
}

void TestRelayClient::meReadsTheSignedInUser()
{
    const auto me = await<UserInfo>([&](auto done) { m_client->me(this, done); });
    REQUIRE_OK(me);
    QCOMPARE(me->id, m_alice.id);
    QCOMPARE(me->name, u"alice"_s);
    QCOMPARE(me->displayName, u"Alice Nowak"_s);
    QCOMPARE(me->role, u"agent"_s);
    QCOMPARE(me->extension, u"100"_s);
    QVERIFY(!me->isAdmin());

    QCOMPARE(me->crmContactUrl, QString()); // no CRM link until an administrator sets one
    const QString template_ = u"https://crm.example.com/contacts/{id}?phone={phone}"_s;
    const auto set = m_relay->setSetting(u"crm.contact_url"_s, template_);
    QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
    const auto linked = await<UserInfo>([&](auto done) { m_client->me(this, done); });
    REQUIRE_OK(linked);
    QCOMPARE(linked->crmContactUrl, template_);

    const auto admin = await<UserInfo>([&](auto done) { m_admin->me(this, done); });
    REQUIRE_OK(admin);
    QVERIFY(admin->isAdmin());
    QCOMPARE(admin->name, u"root"_s);
}

void TestRelayClient::contactsAreCreatedFoundAndUpdated()
{
    ContactDraft draft;
    draft.name = u"Ewa Kowalska"_s;
    draft.company = u"Kowalski i Syn"_s;
    draft.phones = QStringList { u"+48 600 100 200"_s };
    const auto created
            = await<ContactCard>([&](auto done) { m_client->createContact(draft, this, done); });
    REQUIRE_OK(created);
    QVERIFY(created->id > 0);
    QCOMPARE(created->phones, QStringList { u"+48600100200"_s });
    QCOMPARE(created->source, u"manual"_s);
    QVERIFY(created->responsible); // an agent's new contact is theirs
    QCOMPARE(created->responsible->id, m_alice.id);
    QVERIFY(created->createdAt.isValid());

    const auto found = await<QList<ContactCard>>(
            [&](auto done) { m_client->searchContacts(u"Kowalska"_s, 10, this, done); });
    REQUIRE_OK(found);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->constFirst().id, created->id);

    const auto read
            = await<ContactCard>([&](auto done) { m_client->contact(created->id, this, done); });
    REQUIRE_OK(read);
    QCOMPARE(read->company, u"Kowalski i Syn"_s);

    ContactDraft changes;
    changes.notes = u"Prefers mornings"_s;
    changes.phones = QStringList { u"+48600100200"_s, u"+48 22 123 45 67"_s };
    const auto updated = await<ContactCard>(
            [&](auto done) { m_client->updateContact(created->id, changes, this, done); });
    REQUIRE_OK(updated);
    QCOMPARE(updated->notes, u"Prefers mornings"_s);
    QCOMPARE(updated->name, u"Ewa Kowalska"_s); // left out, so unchanged
    QCOMPARE(updated->phones.size(), 2);

    // The same number twice is a conflict the relay explains.
    ContactDraft twin;
    twin.name = u"Someone else"_s;
    twin.phones = QStringList { u"+48600100200"_s };
    const auto clash
            = await<ContactCard>([&](auto done) { m_client->createContact(twin, this, done); });
    QVERIFY(!clash);
    QCOMPARE(clash.error().httpStatus, 409);
    QVERIFY(!clash.error().message.isEmpty());

    const auto missing
            = await<ContactCard>([&](auto done) { m_client->contact(999'999, this, done); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().httpStatus, 404);
    QCOMPARE(missing.error().message, u"There is no contact 999999."_s);
}

void TestRelayClient::clickToCallRingsTheAgentsOwnExtension()
{
    const int before = int(m_relay->calls().outcomes().size());
    const auto placed = await<ClickToCallPlaced>(
            [&](auto done) { m_client->clickToCall(u"+48 600 700 800"_s, this, done); });
    REQUIRE_OK(placed);
    QCOMPARE(placed->from, u"100"_s);
    QCOMPARE(placed->to, u"48600700800"_s);

    // The simulator placed a callback: the agent's phone first, then the client.
    QTRY_VERIFY(m_relay->calls().outcomes().size() > before);
    const SimCallOutcome *callback = m_relay->calls().outcomes().constLast();
    QCOMPARE(callback->direction, u"callback"_s);
    QCOMPARE(callback->scenario.value(u"from").toString(), u"100"_s);
    QCOMPARE(callback->scenario.value(u"to").toString(), u"48600700800"_s);

    const auto bad = await<ClickToCallPlaced>(
            [&](auto done) { m_client->clickToCall(u"not a number"_s, this, done); });
    QVERIFY(!bad);
    QCOMPARE(bad.error().httpStatus, 400);
    QVERIFY2(bad.error().message.contains(u"not a phone number"_s),
             qPrintable(bad.error().message));
}

void TestRelayClient::callsArePagedAndFiltered()
{
    const QStringList callers { u"+48600100301"_s, u"+48600100302"_s, u"+48600100303"_s };
    QStringList ids;
    for (int i = 0; i < callers.size(); ++i) {
        const auto outcome
                = i == 1 ? SimScenario::Outcome::NoAnswer : SimScenario::Outcome::Answered;
        const auto played
                = m_relay->playCall(Test::TestRelay::inboundCall(callers.at(i), u"101"_s, outcome));
        QVERIFY2(played, qPrintable(played ? QString() : played.error().message));
        ids.append(played.value()->pbxCallId);
    }

    // Extension 101 has no user: only the admin sees these calls.
    CallQuery query;
    query.limit = 2;
    query.direction = u"inbound"_s;
    query.from = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const auto first = await<CallPage>([&](auto done) { m_admin->calls(query, this, done); });
    REQUIRE_OK(first);
    QCOMPARE(first->calls.size(), 2);
    QVERIFY(!first->next.isEmpty());
    query.before = first->next;
    const auto second = await<CallPage>([&](auto done) { m_admin->calls(query, this, done); });
    REQUIRE_OK(second);
    QVERIFY(!second->calls.isEmpty());
    QStringList seen;
    for (const CallInfo &call : first->calls + second->calls)
        seen.append(call.pbxCallId);
    for (const QString &id : std::as_const(ids))
        QVERIFY2(seen.contains(id), qPrintable(id));

    CallQuery missed;
    missed.state = u"missed"_s;
    missed.number = callers.at(1);
    const auto onlyMissed = await<CallPage>([&](auto done) { m_admin->calls(missed, this, done); });
    REQUIRE_OK(onlyMissed);
    QCOMPARE(onlyMissed->calls.size(), 1);
    QCOMPARE(onlyMissed->calls.constFirst().pbxCallId, ids.at(1));
    QCOMPARE(onlyMissed->calls.constFirst().clientNumber, callers.at(1));
    QVERIFY(onlyMissed->next.isEmpty());

    const auto one = await<CallInfo>([&](auto done) { m_admin->call(ids.at(0), this, done); });
    REQUIRE_OK(one);
    QCOMPARE(one->state, u"ended"_s);
    QCOMPARE(one->answeredBy, u"101"_s);
    QVERIFY(one->isFinished());

    // Alice (extension 100) may not see a call of extension 101.
    const auto hidden = await<CallInfo>([&](auto done) { m_client->call(ids.at(0), this, done); });
    QVERIFY(!hidden);
    QCOMPARE(hidden.error().httpStatus, 404);
    const auto none = await<CallPage>([&](auto done) { m_client->calls(missed, this, done); });
    REQUIRE_OK(none);
    QVERIFY(none->calls.isEmpty());

    CallQuery wrong;
    wrong.state = u"lost"_s;
    const auto refused = await<CallPage>([&](auto done) { m_admin->calls(wrong, this, done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().httpStatus, 400);
}

void TestRelayClient::recordingDownloadsAsWav()
{
    const auto played = m_relay->playCall(Test::TestRelay::inboundCall(
            u"+48600100400"_s, u"100"_s, SimScenario::Outcome::Answered, true));
    QVERIFY2(played, qPrintable(played ? QString() : played.error().message));
    const QString id = played.value()->pbxCallId;
    const auto call = await<CallInfo>([&](auto done) { m_client->call(id, this, done); });
    REQUIRE_OK(call);
    QVERIFY(call->isRecorded);
    QVERIFY(call->recordingReady);

    std::unique_ptr<QNetworkReply> reply(m_client->downloadRecording(id));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(10'000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray bytes = reply->readAll();
    QVERIFY(bytes.size() > 44);
    QCOMPARE(bytes.left(4), "RIFF");
    QCOMPARE(bytes.mid(8, 4), "WAVE");
}

void TestRelayClient::missedCallTasksAreFinishedAndSnoozed()
{
    // A missed call from alice's contact becomes alice's task.
    const auto contact
            = m_relay->addContact(u"Jan Zielinski"_s, u"ACME"_s, u"+48600100500"_s, m_alice.id);
    QVERIFY2(contact, qPrintable(contact ? QString() : contact.error().message));
    for (int i = 0; i < 2; ++i) {
        const auto played = m_relay->playCall(Test::TestRelay::inboundCall(
                u"+48600100500"_s, u"100"_s, SimScenario::Outcome::NoAnswer));
        QVERIFY2(played, qPrintable(played ? QString() : played.error().message));
    }

    const auto open
            = await<QList<TaskInfo>>([&](auto done) { m_client->tasks(false, this, done); });
    REQUIRE_OK(open);
    QList<TaskInfo> mine;
    for (const TaskInfo &task : open.value()) {
        if (task.contactId == contact.value())
            mine.append(task);
    }
    QCOMPARE(mine.size(), 2);
    QCOMPARE(mine.constFirst().kind, u"missed_call"_s);
    QCOMPARE(mine.constFirst().assigneeId, m_alice.id);
    QVERIFY(mine.constFirst().title.contains(u"Jan Zielinski"_s));
    QVERIFY(!mine.constFirst().done);

    const auto finished
            = await<TaskInfo>([&](auto done) { m_client->finishTask(mine.at(0).id, this, done); });
    REQUIRE_OK(finished);
    QVERIFY(finished->done);
    const auto snoozed = await<TaskInfo>(
            [&](auto done) { m_client->snoozeTask(mine.at(1).id, 30, this, done); });
    REQUIRE_OK(snoozed);
    QVERIFY(!snoozed->done);
    QVERIFY(snoozed->dueAt > QDateTime::currentDateTimeUtc().addSecs(25 * 60));

    const auto doneTasks
            = await<QList<TaskInfo>>([&](auto done) { m_client->tasks(true, this, done); });
    REQUIRE_OK(doneTasks);
    QVERIFY(std::any_of(doneTasks->cbegin(), doneTasks->cend(),
                        [&](const TaskInfo &task) { return task.id == mine.at(0).id; }));
    QVERIFY(std::none_of(doneTasks->cbegin(), doneTasks->cend(),
                         [&](const TaskInfo &task) { return task.id == mine.at(1).id; }));

    const auto again = await<TaskInfo>(
            [&](auto done) { m_client->snoozeTask(mine.at(0).id, 30, this, done); });
    QVERIFY(!again);
    QCOMPARE(again.error().httpStatus, 409);
}

void TestRelayClient::adminSeesCredentialsBalanceAndExtensions()
{
    const auto configured
            = await<bool>([&](auto done) { m_admin->credentialsConfigured(this, done); });
    REQUIRE_OK(configured);
    QVERIFY(configured.value());

    const auto test
            = await<ConnectionTest>([&](auto done) { m_admin->testConnection(this, done); });
    REQUIRE_OK(test);
    QVERIFY(test->ok);
    QVERIFY(!test->balance.currency.isEmpty());
    QVERIFY(test->roundTripMs >= 0);

    const auto balance = await<Balance>([&](auto done) { m_admin->balance(this, done); });
    REQUIRE_OK(balance);
    QCOMPARE(balance->currency, test->balance.currency);
    QVERIFY(balance->balance > 0);

    const auto extensions
            = await<ExtensionList>([&](auto done) { m_admin->extensions(this, done); });
    REQUIRE_OK(extensions);
    QVERIFY(!extensions->pbxId.isEmpty());
    QCOMPARE(extensions->extensions.size(), 10);
    const ExtensionInfo &held = extensions->extensions.constFirst();
    QCOMPARE(held.extension, u"100"_s);
    QVERIFY(!held.free);
    QVERIFY(held.holder);
    QCOMPARE(held.holder->id, m_alice.id);
    QCOMPARE(held.holder->name, u"alice"_s);
    const ExtensionInfo &free = extensions->extensions.constLast();
    QCOMPARE(free.extension, u"109"_s);
    QVERIFY(free.free);
    QVERIFY(!free.holder);
}

void TestRelayClient::adminReplacesCredentials()
{
    const auto wrong = await<Balance>([&](auto done) {
        m_admin->setCredentials(u"wrong-key"_s, u"wrong-secret"_s, this, done);
    });
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().httpStatus, 400);
    QVERIFY2(wrong.error().message.contains(u"Zadarma did not accept"_s),
             qPrintable(wrong.error().message));

    const auto right = await<Balance>([&](auto done) {
        m_admin->setCredentials(u"test-relay-key"_s, u" test-relay-secret\n"_s, this, done);
    });
    REQUIRE_OK(right);
    QVERIFY(right->balance > 0);
    QVERIFY(!right->currency.isEmpty());
}

void TestRelayClient::adminManagesUsers()
{
    // Extension 100 is alice's.
    NewUser taken { u"bob"_s, u"Bob"_s, u"agent"_s, u"100"_s };
    const auto clash
            = await<CreatedUser>([&](auto done) { m_admin->createUser(taken, this, done); });
    QVERIFY(!clash);
    QCOMPARE(clash.error().httpStatus, 409);
    QVERIFY(!clash.error().message.isEmpty());

    NewUser bob { u"bob"_s, u"Bob Builder"_s, u"agent"_s, u"102"_s };
    const auto created
            = await<CreatedUser>([&](auto done) { m_admin->createUser(bob, this, done); });
    REQUIRE_OK(created);
    QVERIFY(created->user.id > 0);
    QCOMPARE(created->user.extension, u"102"_s);
    QCOMPARE(created->user.displayName, u"Bob Builder"_s);
    QVERIFY(!created->token.isEmpty());
    const qint64 id = created->user.id;

    const auto users = await<QList<UserInfo>>([&](auto done) { m_admin->users(this, done); });
    REQUIRE_OK(users);
    QStringList names;
    for (const UserInfo &user : users.value())
        names.append(user.name);
    QVERIFY(names.contains(u"root"_s));
    QVERIFY(names.contains(u"alice"_s));
    QVERIFY(names.contains(u"bob"_s));

    const auto moved = await<UserInfo>([&](auto done) {
        m_admin->updateUser(id, { { u"extension"_s, u"100"_s } }, this, done);
    });
    QVERIFY(!moved);
    QCOMPARE(moved.error().httpStatus, 409);
    const auto freed = await<UserInfo>([&](auto done) {
        m_admin->updateUser(id, { { u"extension"_s, u""_s }, { u"role"_s, u"admin"_s } }, this,
                            done);
    });
    REQUIRE_OK(freed);
    QCOMPARE(freed->extension, QString());
    QVERIFY(freed->isAdmin());

    const auto token = await<QString>([&](auto done) { m_admin->newToken(id, this, done); });
    REQUIRE_OK(token);
    QVERIFY(token.value() != created->token);

    const auto removed = await<bool>([&](auto done) { m_admin->removeUser(id, this, done); });
    REQUIRE_OK(removed);
    const auto gone = await<bool>([&](auto done) { m_admin->removeUser(id, this, done); });
    QVERIFY(!gone);
    QCOMPARE(gone.error().httpStatus, 404);
}

void TestRelayClient::adminReadsAndChangesSettings()
{
    const auto current
            = await<RelaySettingsSnapshot>([&](auto done) { m_admin->settings(this, done); });
    REQUIRE_OK(current);
    QVERIFY(!current->keys.isEmpty());
    QVERIFY(current->values.contains(u"routing.caller_name"_s));
    const auto key = std::find_if(
            current->keys.cbegin(), current->keys.cend(),
            [](const RelaySettingKey &entry) { return entry.key == u"routing.caller_name"; });
    QVERIFY(key != current->keys.cend());
    QCOMPARE(key->type, u"bool"_s);
    QVERIFY(!key->description.isEmpty());

    const auto changed = await<RelaySettingsSnapshot>([&](auto done) {
        m_admin->putSettings({ { u"routing.return_timeout"_s, 25 } }, this, done);
    });
    REQUIRE_OK(changed);
    QCOMPARE(changed->values.value(u"routing.return_timeout").toString(), u"25"_s);

    const auto refused = await<RelaySettingsSnapshot>([&](auto done) {
        m_admin->putSettings({ { u"no.such.key"_s, true } }, this, done);
    });
    QVERIFY(!refused);
    QCOMPARE(refused.error().httpStatus, 400);
    QVERIFY(refused.error().message.contains(u"no.such.key"_s));
}

void TestRelayClient::adminManagesTheBlacklist()
{
    const auto added = await<BlacklistEntryInfo>([&](auto done) {
        m_admin->addToBlacklist(u"+48 600 999 999"_s, u"spam"_s, this, done);
    });
    REQUIRE_OK(added);
    QCOMPARE(added->number, u"+48600999999"_s);
    QCOMPARE(added->reason, u"spam"_s);
    QVERIFY(added->createdAt.isValid());

    const auto listed
            = await<QList<BlacklistEntryInfo>>([&](auto done) { m_admin->blacklist(this, done); });
    REQUIRE_OK(listed);
    QVERIFY(std::any_of(listed->cbegin(), listed->cend(), [](const BlacklistEntryInfo &entry) {
        return entry.number == u"+48600999999";
    }));

    const auto removed = await<bool>(
            [&](auto done) { m_admin->removeFromBlacklist(u"+48600999999"_s, this, done); });
    REQUIRE_OK(removed);
    const auto again = await<bool>(
            [&](auto done) { m_admin->removeFromBlacklist(u"+48600999999"_s, this, done); });
    QVERIFY(!again);
    QCOMPARE(again.error().httpStatus, 404);
    QCOMPARE(again.error().message, u"+48600999999 is not on the blacklist."_s);
}

void TestRelayClient::agentsAreRefusedAdminRoutes()
{
    QSignalSpy unauthorised(m_client.get(), &RelayClient::unauthorised);
    const auto users = await<QList<UserInfo>>([&](auto done) { m_client->users(this, done); });
    QVERIFY(!users);
    QCOMPARE(users.error().httpStatus, 403);
    QVERIFY2(users.error().message.contains(u"for administrators"_s),
             qPrintable(users.error().message));
    QCOMPARE(unauthorised.size(), 0);
}

void TestRelayClient::unreachableRelayIsANetworkError()
{
    // A port that was just free: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    RelayClient client(&m_network);
    const QString address = u"http://127.0.0.1:%1"_s.arg(port);
    client.setRelayUrl(QUrl(address));
    client.setToken(m_alice.token);
    const auto me = await<UserInfo>([&](auto done) { client.me(this, done); });
    QVERIFY(!me);
    QVERIFY(me.error().isNetwork());
    QCOMPARE(me.error().message,
             u"Cannot reach the relay at %1: Connection refused"_s.arg(address));

    RelayClient nowhere(&m_network);
    const auto none = await<UserInfo>([&](auto done) { nowhere.me(this, done); });
    QVERIFY(!none);
    QVERIFY(none.error().isNetwork());
}

void TestRelayClient::badTokenIsUnauthorised()
{
    m_client->setToken(u"cbt_not-a-real-token"_s);
    QSignalSpy unauthorised(m_client.get(), &RelayClient::unauthorised);
    const auto me = await<UserInfo>([&](auto done) { m_client->me(this, done); });
    QVERIFY(!me);
    QVERIFY(me.error().isUnauthorised());
    QVERIFY(!me.error().message.isEmpty());
    QCOMPARE(unauthorised.size(), 1);
    QCOMPARE(unauthorised.constFirst().constFirst().toString(), me.error().message);
}

void TestRelayClient::brokenJsonIsAnError()
{
    Test::LoopbackHttpServer server;
    server.enqueue({ 200, "<html>a captive portal</html>", "text/html" });
    server.enqueue({ 502, "<html>Bad Gateway</html>", "text/html" });
    RelayClient client(&m_network);
    client.setRelayUrl(server.url());
    client.setToken(u"token"_s);

    const auto broken = await<UserInfo>([&](auto done) { client.me(this, done); });
    QVERIFY(!broken);
    QCOMPARE(broken.error().httpStatus, 200);
    QVERIFY2(broken.error().message.contains(u"not valid JSON"_s),
             qPrintable(broken.error().message));

    const auto gateway = await<UserInfo>([&](auto done) { client.me(this, done); });
    QVERIFY(!gateway);
    QCOMPARE(gateway.error().httpStatus, 502);
    QVERIFY2(gateway.error().message.contains(u"HTTP 502"_s), qPrintable(gateway.error().message));
}

void TestRelayClient::tasksFollowEveryPage()
{
    Test::LoopbackHttpServer server;
    server.enqueue({ 200, R"({"tasks":[{"id":1},{"id":2}],"next":2})" });
    server.enqueue({ 200, R"({"tasks":[{"id":3}],"next":null})" });
    RelayClient client(&m_network);
    client.setRelayUrl(server.url());
    client.setToken(u"token"_s);
    const auto tasks = await<QList<TaskInfo>>([&](auto done) { client.tasks(false, this, done); });
    REQUIRE_OK(tasks);
    QCOMPARE(tasks->size(), 3);
    QCOMPARE(tasks->constLast().id, 3);
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0).query, "done=false&limit=200");
    QCOMPARE(server.requests().at(1).query, "done=false&limit=200&after=2");
}

void TestRelayClient::destroyedContextGetsNoCallback()
{
    QSignalSpy finished(&m_network, &QNetworkAccessManager::finished);
    bool called = false;
    auto *context = new QObject;
    m_client->me(context, [&called](RelayResult<UserInfo>) { called = true; });
    delete context;
    QVERIFY(finished.wait(10'000));
    QCoreApplication::processEvents();
    QVERIFY(!called);

    // Without a context the answer always comes.
    m_client->me(nullptr, [&called](RelayResult<UserInfo>) { called = true; });
    QTRY_VERIFY(called);
}

QTEST_GUILESS_MAIN(TestRelayClient)
#include "TestRelayClient.moc"
