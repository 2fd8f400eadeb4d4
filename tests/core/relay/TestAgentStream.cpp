// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpServer.h"
#include "core/relay/AccessToken.h"
#include "core/relay/AgentStream.h"
#include "core/relay/AgentStreamThread.h"
#include "core/relay/FeedHub.h"
#include "core/relay/RelayConfig.h"
#include "core/relay/RelayMetrics.h"
#include "core/relay/RelayServer.h"
#include "core/relay/RoutingDirectory.h"
#include "core/store/SqliteStore.h"
#include "tests/support/FakeClock.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <memory>

namespace {

// Runs the event loop until the condition holds. QTRY_* and QTest::qWaitFor poll in 50 and
// 10 ms sleeps, and a WebSocket test makes many round trips.
template<typename Condition> bool waitFor(Condition condition, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer wake; // WaitForMoreEvents returns at least this often
    wake.start(5);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

} // namespace

#define WAIT_VERIFY(expr) QVERIFY(waitFor([&] { return bool(expr); }))
#define WAIT_VERIFY_LONG(expr, timeout) QVERIFY(waitFor([&] { return bool(expr); }, timeout))
#define WAIT_COMPARE(actual, expected) \
    do { \
        (void)waitFor([&] { return (actual) == (expected); }); \
        QCOMPARE(actual, expected); \
    } while (false)

using namespace CallBridge;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

UserRecord user(qint64 id, const QString &name, UserRole role)
{
    UserRecord record;
    record.id = id;
    record.name = name;
    record.displayName = name.toUpper();
    record.role = role;
    record.extension = QString::number(100 + id);
    record.tokenHash = "hash-" + name.toUtf8();
    return record;
}

const UserRecord alice = user(1, u"alice"_s, UserRole::Agent);
const UserRecord bob = user(2, u"bob"_s, UserRole::Agent);
const UserRecord root = user(3, u"root"_s, UserRole::Admin);

// The relay's HTTP side reduced to the stream: "Authorization: Bearer <user name>".
class StreamHandler : public HttpHandler
{
public:
    qsizetype maxBodyBytes(const HttpRequest &) const override { return 1024; }

    bool upgrade(const HttpRequest &head, QTcpSocket *socket) override
    {
        const QByteArray authorization = head.header("Authorization");
        if (head.path != "/v1/stream" || !authorization.startsWith("Bearer "))
            return false;
        for (const UserRecord &known : { alice, bob, root }) {
            if (authorization.mid(7) == known.name.toUtf8())
                return threaded ? threaded->accept(socket, known) : stream->accept(socket, known);
        }
        return false;
    }

    void handle(HttpRequest, HttpResponder responder) override
    {
        responder.send(HttpResponse::error(401, u"Unknown token."_s));
    }

    AgentStream *stream = nullptr;
    AgentStreamThread *threaded = nullptr; // takes the connections instead of `stream` when set
};

// A store, a feed, the stream and a real HTTP server on 127.0.0.1.
struct Relay
{
    explicit Relay(const AgentStreamConfig &config)
        : store(dir.filePath(u"relay.db"_s)), feed(&store, &clock)
    {
        if (!store.open())
            qFatal("cannot open the store");
        stream = std::make_unique<AgentStream>(&store, &feed, &metrics, &clock, config);
        handler.stream = stream.get();
        http = std::make_unique<HttpServer>(&handler, HttpServerLimits {});
        auto *listener = new QTcpServer;
        listener->setListenBacklogSize(256); // Qt's 50 drops SYNs when 60 clients connect at once
        if (!listener->listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen");
        port = listener->serverPort();
        http->serve(listener);
    }

    // Stored and published, as REST changes do.
    qint64 append(QList<qint64> audience, bool everyone = false, int padding = 0)
    {
        QJsonObject payload { { u"n"_s, ++counter } };
        if (padding > 0)
            payload.insert(u"padding"_s, QString(padding, u'x'));
        auto item = feed.append(u"test.item"_s, payload, std::move(audience), everyone);
        if (!item)
            qFatal("cannot append");
        return item->seq;
    }

    // Stored only, for items that are published later or never.
    FeedItem storeOnly(QList<qint64> audience, bool everyone = false, int padding = 0)
    {
        FeedItem item;
        item.createdAt = clock.now();
        item.type = u"test.item"_s;
        item.payload = { { u"n"_s, ++counter } };
        if (padding > 0)
            item.payload.insert(u"padding"_s, QString(padding, u'x'));
        item.audience = std::move(audience);
        item.everyone = everyone;
        auto seq = store.appendFeed(item);
        if (!seq)
            qFatal("cannot store");
        item.seq = seq.value();
        return item;
    }

    QTemporaryDir dir;
    Test::FakeClock clock;
    SqliteStore store;
    FeedHub feed;
    RelayMetrics metrics;
    std::unique_ptr<AgentStream> stream;
    StreamHandler handler;
    std::unique_ptr<HttpServer> http;
    quint16 port = 0;
    int counter = 0;
};

// One agent's WebSocket connection, recording what arrives.
struct Client
{
    Client(quint16 port, const UserRecord &who) : Client(port, who.name.toUtf8()) { }

    Client(quint16 port, const QByteArray &token)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &text) {
                             messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
                         });
        QObject::connect(&socket, &QWebSocket::connected, &socket, [this] { connected = true; });
        QObject::connect(&socket, &QWebSocket::pong, &socket, [this] { ++pongs; });
        QObject::connect(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                         &socket, [this] { failed = true; });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] {
            closed = true;
            closeCode = int(socket.closeCode());
            closeReason = socket.closeReason();
        });
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/v1/stream"_s.arg(port)));
        request.setRawHeader("Authorization", "Bearer " + token);
        socket.open(request);
    }

    void send(const QJsonObject &message)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson()));
    }
    void hello(qint64 resumeAfter)
    {
        send({ { u"type"_s, u"hello"_s }, { u"resume_after"_s, resumeAfter } });
    }

    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject &message : messages) {
            if (message.value(u"type"_s).toString() == type)
                found.append(message);
        }
        return found;
    }
    bool replayed() const { return !ofType(u"replay_done"_s).isEmpty(); }
    // Stream items, as opposed to the protocol's own messages, carry "data".
    QList<qint64> items() const
    {
        QList<qint64> seqs;
        for (const QJsonObject &message : messages) {
            if (message.contains(u"data"_s))
                seqs.append(message.value(u"seq"_s).toInteger());
        }
        return seqs;
    }
    QStringList types() const
    {
        QStringList types;
        for (const QJsonObject &message : messages)
            types.append(message.value(u"type"_s).toString());
        return types;
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
    bool connected = false;
    bool closed = false;
    bool failed = false;
    int closeCode = 0;
    QString closeReason;
    int pongs = 0;
};

AgentStreamConfig quickConfig()
{
    AgentStreamConfig config;
    config.heartbeatInterval = 1h; // tests that want heartbeats ask for them
    config.clientTimeout = 2h;
    config.helloTimeout = 1h;
    return config;
}

std::unique_ptr<Client> connectClient(Relay &relay, const UserRecord &who)
{
    auto client = std::make_unique<Client>(relay.port, who);
    if (!waitFor([&] { return client->connected || client->closed; }))
        qWarning("the client did not connect");
    return client;
}

} // namespace

class TestAgentStream : public QObject
{
    Q_OBJECT

private slots:
    void replaysWhatEachUserMaySee();
    void resumeAfterSkipsOlderItems();
    void resumePastTheEndStartsFromTheEnd();
    void liveItemsFollowTheReplayWithoutDuplicatesOrGaps();
    void longReplaysAreTruncated();
    void longScansAreTruncated();
    void badRequestsClose4400_data();
    void badRequestsClose4400();
    void helloTimeout();
    void clientTimeout();
    void pingsAndPongs();
    void userChangesApplyToLaterItems();
    void removedUsersAndReplacedTokensClose4401();
    void closeAllSaysGoingAway();
    void slowClientsAreClosed();
    void manyClientsReceiveABurstInOrder();
    void textFrames();
    void throughTheRelayServer();
    void onItsOwnThread();
    void onItsOwnThreadReportsAStoreItCannotOpen();
};

void TestAgentStream::replaysWhatEachUserMaySee()
{
    Relay relay(quickConfig());
    const qint64 forAlice = relay.append({ alice.id });
    const qint64 forBob = relay.append({ bob.id });
    const qint64 forAdmins = relay.append({});
    const qint64 forAll = relay.append({}, true);
    const qint64 forBoth = relay.append({ alice.id, bob.id });

    auto a = connectClient(relay, alice);
    auto b = connectClient(relay, bob);
    auto r = connectClient(relay, root);
    QVERIFY(a->connected && b->connected && r->connected);
    QCOMPARE(relay.stream->sessionCount(), 3);
    QCOMPARE(relay.stream->connectedCount(), 0); // no hello yet
    for (Client *client : { a.get(), b.get(), r.get() })
        client->hello(0);
    WAIT_VERIFY(a->replayed() && b->replayed() && r->replayed());
    QCOMPARE(relay.stream->connectedCount(), 3);

    const QJsonObject welcome = a->messages.first();
    QCOMPARE(welcome.value(u"type"_s).toString(), u"welcome"_s);
    QCOMPARE(welcome.value(u"latest_seq"_s).toInteger(), forBoth);
    QCOMPARE(welcome.value(u"heartbeat_ms"_s).toInteger(), 3'600'000);
    QCOMPARE(welcome.value(u"user"_s).toObject().value(u"name"_s).toString(), u"alice"_s);
    QCOMPARE(welcome.value(u"user"_s).toObject().value(u"role"_s).toString(), u"agent"_s);
    QVERIFY(!welcome.value(u"user"_s).toObject().contains(u"token_hash"_s));

    QCOMPARE(a->items(), (QList<qint64> { forAlice, forAll, forBoth }));
    QCOMPARE(b->items(), (QList<qint64> { forBob, forAll, forBoth }));
    QCOMPARE(r->items(), (QList<qint64> { forAlice, forBob, forAdmins, forAll, forBoth }));
    QCOMPARE(a->types(),
             (QStringList { u"welcome"_s, u"test.item"_s, u"test.item"_s, u"test.item"_s,
                            u"replay_done"_s }));
    QCOMPARE(a->ofType(u"replay_done"_s).first().value(u"seq"_s).toInteger(), forBoth);

    // The wire format of an item is RelayJson's.
    const QJsonObject item = a->messages.at(1);
    QCOMPARE(item.value(u"at"_s).toString(), u"2026-11-24T10:00:00.000Z"_s);
    QCOMPARE(item.value(u"data"_s).toObject().value(u"n"_s).toInt(), 1);

    QVERIFY(relay.metrics.render().contains("callbridge_stream_messages_total 17\n"));
}

void TestAgentStream::resumeAfterSkipsOlderItems()
{
    Relay relay(quickConfig());
    QList<qint64> seqs;
    for (int i = 0; i < 6; ++i)
        seqs.append(relay.append({ alice.id }));
    relay.append({ bob.id });

    auto a = connectClient(relay, alice);
    a->hello(seqs.at(3));
    WAIT_VERIFY(a->replayed());
    QCOMPARE(a->items(), seqs.mid(4));
    QCOMPARE(a->ofType(u"replay_done"_s).first().value(u"seq"_s).toInteger(), seqs.last() + 1);
    QVERIFY(a->ofType(u"replay_truncated"_s).isEmpty());

    // Nothing new: an empty replay.
    auto again = connectClient(relay, alice);
    again->hello(seqs.last() + 1);
    WAIT_VERIFY(again->replayed());
    QCOMPARE(again->types(), (QStringList { u"welcome"_s, u"replay_done"_s }));
}

void TestAgentStream::resumePastTheEndStartsFromTheEnd()
{
    Relay relay(quickConfig());
    relay.append({}, true);
    const qint64 latest = relay.append({}, true);

    auto a = connectClient(relay, alice);
    a->hello(latest + 100); // from a feed that has since been reset
    WAIT_VERIFY(a->replayed());
    QCOMPARE(a->ofType(u"replay_done"_s).first().value(u"seq"_s).toInteger(), latest);
    const qint64 next = relay.append({}, true);
    WAIT_COMPARE(a->items(), QList<qint64> { next });
}

void TestAgentStream::liveItemsFollowTheReplayWithoutDuplicatesOrGaps()
{
    AgentStreamConfig config = quickConfig();
    config.replayPageSize = 3; // the replay spans many event-loop turns
    Relay relay(config);
    QHash<qint64, QList<qint64>> visible; // user id → seqs, in order
    auto add = [&](QList<qint64> audience, bool everyone) {
        const qint64 seq = relay.append(audience, everyone);
        for (const UserRecord &who : { alice, bob, root }) {
            if (everyone || who.role == UserRole::Admin || audience.contains(who.id))
                visible[who.id].append(seq);
        }
    };
    for (int i = 0; i < 60; ++i)
        add(i % 3 == 0 ? QList<qint64> { alice.id } : QList<qint64> { bob.id }, i % 5 == 0);

    std::vector<std::pair<UserRecord, std::unique_ptr<Client>>> clients;
    for (const UserRecord &who : { alice, alice, bob, root, root, bob })
        clients.emplace_back(who, connectClient(relay, who));
    for (auto &[who, client] : clients)
        client->hello(0);

    // Publish while the replays read the store page by page.
    for (int i = 0; i < 60; ++i) {
        add(i % 2 == 0 ? QList<qint64> { alice.id } : QList<qint64> { bob.id }, i % 7 == 0);
        QCoreApplication::processEvents();
    }
    for (auto &[who, client] : clients) {
        const QList<qint64> expected = visible.value(who.id);
        WAIT_COMPARE(client->items().size(), expected.size());
        QCOMPARE(client->items(), expected);
        const QList<QJsonObject> done = client->ofType(u"replay_done"_s);
        QCOMPARE(done.size(), 1);
        // Replayed items up to replay_done's seq, live ones after it.
        const qint64 boundary = done.first().value(u"seq"_s).toInteger();
        QVERIFY2(boundary > 60, "the replay read items published after hello");
        bool after = false;
        for (const QJsonObject &message : client->messages) {
            if (message.value(u"type"_s) == u"replay_done"_s)
                after = true;
            else if (message.contains(u"data"_s))
                QCOMPARE(message.value(u"seq"_s).toInteger() > boundary, after);
        }
    }
    QCOMPARE(relay.stream->connectedCount(), 6);
}

void TestAgentStream::longReplaysAreTruncated()
{
    AgentStreamConfig config = quickConfig();
    config.maxReplayItems = 5;
    config.replayPageSize = 4;
    Relay relay(config);
    QList<qint64> forAlice;
    for (int i = 0; i < 12; ++i) {
        forAlice.append(relay.append({ alice.id }));
        relay.append({ bob.id });
    }

    auto a = connectClient(relay, alice);
    a->hello(0);
    WAIT_VERIFY(a->replayed());
    QCOMPARE(a->types().mid(0, 2), (QStringList { u"welcome"_s, u"replay_truncated"_s }));
    QCOMPARE(a->ofType(u"replay_truncated"_s).first().value(u"oldest_seq"_s).toInteger(),
             forAlice.at(7));
    QCOMPARE(a->items(), forAlice.mid(7));
    QCOMPARE(a->ofType(u"replay_done"_s).first().value(u"seq"_s).toInteger(), forAlice.last() + 1);

    // At the limit exactly: no truncation.
    auto b = connectClient(relay, alice);
    b->hello(forAlice.at(6));
    WAIT_VERIFY(b->replayed());
    QVERIFY(b->ofType(u"replay_truncated"_s).isEmpty());
    QCOMPARE(b->items(), forAlice.mid(7));
}

void TestAgentStream::longScansAreTruncated()
{
    AgentStreamConfig config = quickConfig();
    config.maxReplayScan = 4;
    Relay relay(config);
    QList<qint64> seqs;
    for (int i = 0; i < 10; ++i)
        seqs.append(relay.append({ alice.id }));

    auto a = connectClient(relay, alice);
    a->hello(0);
    WAIT_VERIFY(a->replayed());
    QCOMPARE(a->ofType(u"replay_truncated"_s).first().value(u"oldest_seq"_s).toInteger(),
             seqs.at(6));
    QCOMPARE(a->items(), seqs.mid(6));

    // Nothing visible in the window: the stream goes on after what was skipped.
    auto b = connectClient(relay, bob);
    b->hello(0);
    WAIT_VERIFY(b->replayed());
    QCOMPARE(b->ofType(u"replay_truncated"_s).first().value(u"oldest_seq"_s).toInteger(),
             seqs.last() + 1);
    QVERIFY(b->items().isEmpty());
}

void TestAgentStream::badRequestsClose4400_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second"); // after a good hello, when not empty
    QTest::newRow("not JSON") << QByteArray("hello") << QByteArray();
    QTest::newRow("not an object") << QByteArray("[1]") << QByteArray();
    QTest::newRow("not hello") << QByteArray(R"({"type":"ping"})") << QByteArray();
    QTest::newRow("resume_after text")
            << QByteArray(R"({"type":"hello","resume_after":"5"})") << QByteArray();
    QTest::newRow("resume_after negative")
            << QByteArray(R"({"type":"hello","resume_after":-1})") << QByteArray();
    QTest::newRow("resume_after fraction")
            << QByteArray(R"({"type":"hello","resume_after":1.5})") << QByteArray();
    QTest::newRow("second hello") << QByteArray(R"({"type":"hello","resume_after":0})")
                                  << QByteArray(R"({"type":"hello","resume_after":0})");
    QTest::newRow("garbage later") << QByteArray(R"({"type":"hello"})") << QByteArray("{");
}

void TestAgentStream::badRequestsClose4400()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    Relay relay(quickConfig());
    auto a = connectClient(relay, alice);
    a->socket.sendTextMessage(QString::fromUtf8(first));
    if (!second.isEmpty()) {
        WAIT_VERIFY(a->replayed());
        a->socket.sendTextMessage(QString::fromUtf8(second));
    }
    WAIT_VERIFY(a->closed);
    QCOMPARE(a->closeCode, 4400);
    QVERIFY(!a->closeReason.isEmpty());
    WAIT_COMPARE(relay.stream->sessionCount(), 0);
}

void TestAgentStream::helloTimeout()
{
    AgentStreamConfig config = quickConfig();
    config.helloTimeout = 10s;
    Relay relay(config);
    auto silent = connectClient(relay, alice);
    auto talker = connectClient(relay, bob);
    talker->hello(0);
    WAIT_VERIFY(talker->replayed());

    relay.clock.advance(9'999ms);
    QCOMPARE(relay.stream->sessionCount(), 2);
    relay.clock.advance(1ms);
    WAIT_VERIFY(silent->closed);
    QCOMPARE(silent->closeCode, 4408);
    QVERIFY(!talker->closed);
    WAIT_COMPARE(relay.stream->sessionCount(), 1);
}

void TestAgentStream::clientTimeout()
{
    AgentStreamConfig config = quickConfig();
    config.clientTimeout = 1000ms;
    Relay relay(config);
    auto a = connectClient(relay, alice);
    a->hello(0);
    WAIT_VERIFY(a->replayed());

    relay.clock.advance(600ms);
    a->send({ { u"type"_s, u"ping"_s } }); // a sign of life at 600 ms
    WAIT_COMPARE(a->ofType(u"pong"_s).size(), 1);
    relay.clock.advance(999ms);
    QCOMPARE(relay.stream->connectedCount(), 1);
    relay.clock.advance(1ms); // 1000 ms after the ping
    QCOMPARE(relay.stream->connectedCount(), 0);
    WAIT_VERIFY(a->closed);
    QCOMPARE(a->closeCode, 4408);
}

void TestAgentStream::pingsAndPongs()
{
    AgentStreamConfig config = quickConfig();
    config.heartbeatInterval = 1000ms;
    config.clientTimeout = 1500ms;
    Relay relay(config);
    auto a = connectClient(relay, alice);
    a->hello(0);
    WAIT_VERIFY(a->replayed());
    a->send({ { u"type"_s, u"ping"_s } });
    WAIT_COMPARE(a->ofType(u"pong"_s).size(), 1);
    a->send({ { u"type"_s, u"ack"_s }, { u"seq"_s, 1 } }); // accepted and ignored
    a->send({ { u"type"_s, u"something_newer"_s } }); // ignored

    // The client says nothing itself: its automatic answers to the WebSocket pings keep it.
    for (int beat = 1; beat <= 4; ++beat) {
        relay.clock.advance(1000ms);
        WAIT_COMPARE(a->ofType(u"ping"_s).size(), beat);
        // The client's pong left before this ping: once its answer is back, the relay has both.
        a->socket.ping();
        WAIT_COMPARE(a->pongs, beat);
    }
    QCOMPARE(relay.stream->connectedCount(), 1);
    const QJsonObject ping = a->ofType(u"ping"_s).last();
    QCOMPARE(ping.value(u"at"_s).toString(), u"2026-11-24T10:00:04.000Z"_s);
    QVERIFY(!a->closed);
}

void TestAgentStream::userChangesApplyToLaterItems()
{
    Relay relay(quickConfig());
    auto a = connectClient(relay, alice);
    a->hello(0);
    WAIT_VERIFY(a->replayed());
    relay.append({}); // admins only
    const qint64 mine = relay.append({ alice.id });
    WAIT_COMPARE(a->items(), QList<qint64> { mine });

    UserRecord promoted = alice;
    promoted.role = UserRole::Admin;
    relay.stream->userChanged(promoted);
    WAIT_COMPARE(a->ofType(u"user_changed"_s).size(), 1);
    const QJsonObject changed = a->ofType(u"user_changed"_s).first();
    QCOMPARE(changed.value(u"user"_s).toObject().value(u"role"_s).toString(), u"admin"_s);
    const qint64 forAdmins = relay.append({});
    WAIT_COMPARE(a->items(), (QList<qint64> { mine, forAdmins }));

    relay.stream->userChanged(bob); // someone else: nothing for alice
    const qint64 last = relay.append({}, true);
    WAIT_COMPARE(a->items(), (QList<qint64> { mine, forAdmins, last }));
    QCOMPARE(a->ofType(u"user_changed"_s).size(), 1);
}

void TestAgentStream::removedUsersAndReplacedTokensClose4401()
{
    Relay relay(quickConfig());
    auto a1 = connectClient(relay, alice);
    auto a2 = connectClient(relay, alice); // before hello: closed too
    auto b = connectClient(relay, bob);
    a1->hello(0);
    b->hello(0);
    WAIT_VERIFY(a1->replayed() && b->replayed());

    relay.stream->userRemoved(alice.id);
    WAIT_VERIFY(a1->closed && a2->closed);
    QCOMPARE(a1->closeCode, 4401);
    QCOMPARE(a2->closeCode, 4401);
    QVERIFY(!b->closed);

    UserRecord rotated = bob;
    rotated.tokenHash = "another-hash";
    relay.stream->userChanged(rotated);
    WAIT_VERIFY(b->closed);
    QCOMPARE(b->closeCode, 4401);
    WAIT_COMPARE(relay.stream->sessionCount(), 0);
}

void TestAgentStream::closeAllSaysGoingAway()
{
    Relay relay(quickConfig());
    auto a = connectClient(relay, alice);
    auto r = connectClient(relay, root);
    a->hello(0);
    WAIT_VERIFY(a->replayed());
    QSignalSpy drained(relay.stream.get(), &AgentStream::drained);

    relay.stream->closeAll();
    WAIT_VERIFY(a->closed && r->closed);
    QCOMPARE(a->closeCode, 1001);
    QCOMPARE(a->closeReason, u"going away"_s);
    QCOMPARE(r->closeCode, 1001);
    WAIT_COMPARE(drained.size(), 1);
    QCOMPARE(relay.stream->sessionCount(), 0);

    // No new sessions: the upgrade is handled as a plain request, here refused.
    Client late(relay.port, alice);
    WAIT_VERIFY(late.failed || late.closed);
    QVERIFY(!late.connected);
    QCOMPARE(relay.stream->sessionCount(), 0);
}

void TestAgentStream::slowClientsAreClosed()
{
    AgentStreamConfig config = quickConfig();
    config.maxPendingBytes = 32 * 1024;
    Relay relay(config);
    auto a = connectClient(relay, alice);
    auto b = connectClient(relay, bob);
    a->hello(0);
    b->hello(0);
    WAIT_VERIFY(a->replayed() && b->replayed());

    // One burst larger than the backlog allowed, written before the socket can send any.
    QList<FeedItem> burst;
    for (int i = 0; i < 40; ++i)
        burst.append(relay.storeOnly({ alice.id }, false, 2000));
    relay.feed.publish(burst);
    QCOMPARE(relay.stream->connectedCount(), 1);
    WAIT_VERIFY(a->closed);
    QCOMPARE(a->closeCode, 1008);
    QCOMPARE(a->closeReason, u"too slow; resume with your last seq"_s);
    // What arrived is a prefix of the burst: the client resumes after its last seq.
    const QList<qint64> received = a->items();
    QVERIFY(!received.isEmpty() && received.size() < burst.size());
    for (qsizetype i = 0; i < received.size(); ++i)
        QCOMPARE(received.at(i), burst.at(i).seq);

    // bob saw none of it and stays.
    QVERIFY(!b->closed);
    QCOMPARE(relay.stream->connectedCount(), 1);

    // A replay larger than the backlog is sent as the client reads, not refused.
    auto again = connectClient(relay, alice);
    again->hello(0);
    WAIT_VERIFY(again->replayed());
    QCOMPARE(again->items().size(), burst.size());
    QVERIFY(!again->closed);
}

void TestAgentStream::manyClientsReceiveABurstInOrder()
{
    Relay relay(quickConfig());
    QList<qint64> expected;
    for (int i = 0; i < 5; ++i)
        expected.append(relay.append({}, true));

    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 60; ++i) {
        clients.push_back(std::make_unique<Client>(relay.port, i % 2 ? alice : bob));
        QObject::connect(&clients.back()->socket, &QWebSocket::connected, &clients.back()->socket,
                         [client = clients.back().get()] { client->hello(0); });
    }
    WAIT_VERIFY_LONG(std::all_of(clients.cbegin(), clients.cend(),
                                 [](const auto &client) { return client->replayed(); }),
                     10'000);
    QCOMPARE(relay.stream->connectedCount(), 60);

    for (int batch = 0; batch < 3; ++batch) {
        QList<FeedItem> items;
        for (int i = 0; i < 100; ++i)
            items.append(relay.storeOnly({}, true));
        relay.feed.publish(items);
        for (const FeedItem &item : std::as_const(items))
            expected.append(item.seq);
    }
    for (const auto &client : clients) {
        WAIT_COMPARE(client->items().size(), expected.size());
        QCOMPARE(client->items(), expected);
    }
}

void TestAgentStream::textFrames()
{
    QCOMPARE(AgentStream::textFrame(QByteArrayView("hi")), QByteArray("\x81\x02hi"));
    const QByteArray medium(300, 'a');
    QCOMPARE(AgentStream::textFrame(medium).left(4), QByteArray("\x81\x7e\x01\x2c"));
    QCOMPARE(AgentStream::textFrame(medium).size(), 304);
    const QByteArray large(70'000, 'a');
    QCOMPARE(AgentStream::textFrame(large).left(10), QByteArray::fromHex("817f0000000000011170"));
}

void TestAgentStream::throughTheRelayServer()
{
    QTemporaryDir data;
    RelayConfig::Sources sources;
    sources.environment = QProcessEnvironment();
    sources.environment.insert(u"CALLBRIDGE_LISTEN"_s, u"127.0.0.1:0"_s);
    sources.environment.insert(u"CALLBRIDGE_DATA"_s, data.path());
    sources.environment.insert(u"CALLBRIDGE_BACKFILL_ON_START"_s, u"false"_s);
    auto config = RelayConfig::load(sources);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    Test::FakeClock clock;
    RelayServer relay(config.value(), &clock);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^no Zadarma key and secret yet"_s));
    const auto started = relay.start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));

    // Users as the operator's command line makes them: in the store, then the directory.
    Store &store = *relay.services().store;
    const QString token = AccessToken::generate();
    UserRecord agent = user(0, u"ana"_s, UserRole::Agent);
    agent.tokenHash = AccessToken::hash(token);
    const auto id = store.createUser(agent);
    QVERIFY(id);
    relay.services().directory->setUsers(store.users().value());
    FeedHub &feed = *relay.services().feed;
    const qint64 before = feed.append(u"task.created"_s, {}, { id.value() }).value().seq;
    QVERIFY(feed.append(u"task.created"_s, {}, { id.value() + 1 })); // someone else's

    Client stranger(relay.port(), QByteArray("cbt_not-a-token"));
    Client ana(relay.port(), token.toUtf8());
    WAIT_VERIFY(ana.connected && (stranger.failed || stranger.closed));
    QVERIFY(!stranger.connected);
    ana.hello(0);
    WAIT_VERIFY(ana.replayed());
    QCOMPARE(ana.items(), QList<qint64> { before });
    const QJsonObject welcome = ana.messages.first();
    QCOMPARE(welcome.value(u"user"_s).toObject().value(u"name"_s).toString(), u"ana"_s);

    const qint64 live = feed.append(u"contact.updated"_s, {}, { id.value() }).value().seq;
    WAIT_COMPARE(ana.items(), (QList<qint64> { before, live }));

    QSignalSpy stopped(&relay, &RelayServer::stopped);
    relay.shutdown();
    WAIT_VERIFY(ana.closed);
    QCOMPARE(ana.closeCode, 1001);
    WAIT_COMPARE(stopped.size(), 1);
}

void TestAgentStream::onItsOwnThread()
{
    Relay relay(quickConfig());
    const qint64 before = relay.append({ alice.id });
    AgentStreamThread threaded(
            [path = relay.store.databasePath()]() -> Result<std::unique_ptr<Store>> {
                auto store = std::make_unique<SqliteStore>(path);
                if (auto opened = store->open(); !opened)
                    return fail(opened.error());
                return std::unique_ptr<Store>(std::move(store));
            },
            &relay.feed, &relay.metrics, quickConfig());
    QVERIFY(threaded.start());
    relay.handler.threaded = &threaded;

    // The replay comes through the thread's own store connection, live items by queued signal.
    auto client = connectClient(relay, alice);
    QVERIFY(client->connected);
    client->hello(0);
    WAIT_VERIFY(client->replayed());
    QCOMPARE(client->items(), QList<qint64> { before });
    QCOMPARE(threaded.connectedCount(), 1);
    QCOMPARE(threaded.sessionCount(), 1);
    const qint64 live = relay.append({ alice.id });
    relay.append({ bob.id }); // not for alice
    const qint64 forEveryone = relay.append({}, true);
    WAIT_COMPARE(client->items(), (QList<qint64> { before, live, forEveryone }));

    threaded.userRemoved(alice.id);
    WAIT_VERIFY(client->closed);
    QCOMPARE(client->closeCode, 4401);

    auto other = connectClient(relay, bob);
    other->hello(0);
    WAIT_VERIFY(other->replayed());
    QSignalSpy drained(&threaded, &AgentStreamThread::drained);
    threaded.closeAll();
    WAIT_VERIFY(other->closed);
    QCOMPARE(other->closeCode, 1001);
    WAIT_COMPARE(drained.count(), 1);
    QCOMPARE(threaded.sessionCount(), 0);

    // Closed: the HTTP side keeps the next upgrade and refuses it.
    auto late = std::make_unique<Client>(relay.port, bob);
    WAIT_VERIFY(late->closed || late->failed);
    QVERIFY(!late->connected);
}

void TestAgentStream::onItsOwnThreadReportsAStoreItCannotOpen()
{
    Relay relay(quickConfig());
    AgentStreamThread threaded(
            []() -> Result<std::unique_ptr<Store>> { return fail(u"the disk is gone"_s); },
            &relay.feed, &relay.metrics);
    const auto started = threaded.start();
    QVERIFY(!started);
    QVERIFY2(started.error().message.contains(u"stream cannot open its store connection: the "
                                              "disk is gone"_s),
             qPrintable(started.error().message));
    QCOMPARE(threaded.connectedCount(), 0);
}

QTEST_GUILESS_MAIN(TestAgentStream)
#include "TestAgentStream.moc"
