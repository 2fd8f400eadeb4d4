// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/RelayClient.h"
#include "core/client/StreamClient.h"
#include "core/common/SystemClock.h"
#include "core/sim/SimCallRunner.h"
#include "tests/support/FakeClock.h"
#include "tests/support/TestRelay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace CallBridge;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// A stand-in relay stream that says what a test scripts, for what a real relay will not do on
// demand: duplicates, silence, a reset feed, any close code.
class ScriptedStream
{
public:
    ScriptedStream() : m_server(u"scripted"_s, QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QWebSocketServer::newConnection, &m_server, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                sockets.append(socket);
                authorizations.append(socket->request().rawHeader("Authorization"));
                QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                                 [this, socket](const QString &text) {
                                     const QJsonObject message
                                             = QJsonDocument::fromJson(text.toUtf8()).object();
                                     if (message.value(u"type").toString() != u"hello")
                                         return;
                                     hellos.append(message);
                                     if (onHello)
                                         onHello(socket, message);
                                 });
            }
        });
    }
    ~ScriptedStream() { qDeleteAll(sockets); }

    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1/v1/stream"_s.arg(m_server.serverPort())); }

    static void send(QWebSocket *socket, const QJsonObject &message)
    {
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson()));
    }
    static void welcome(QWebSocket *socket, qint64 latestSeq)
    {
        send(socket,
             { { u"type"_s, u"welcome"_s },
               { u"user"_s, QJsonObject { { u"id"_s, 1 }, { u"name"_s, u"alice"_s } } },
               { u"latest_seq"_s, latestSeq },
               { u"heartbeat_ms"_s, 20'000 },
               { u"client_timeout_ms"_s, 60'000 } });
    }
    static void item(QWebSocket *socket, qint64 seq, const QString &type = u"contact.updated"_s)
    {
        const QJsonObject contact { { u"id"_s, seq }, { u"name"_s, u"Contact %1"_s.arg(seq) } };
        send(socket,
             { { u"type"_s, type },
               { u"seq"_s, seq },
               { u"at"_s, u"2026-11-24T10:00:00.000Z"_s },
               { u"data"_s, QJsonObject { { u"contact"_s, contact } } } });
    }
    static void replayDone(QWebSocket *socket, qint64 seq)
    {
        send(socket, { { u"type"_s, u"replay_done"_s }, { u"seq"_s, seq } });
    }

    std::function<void(QWebSocket *, const QJsonObject &)> onHello;
    QList<QWebSocket *> sockets;
    QList<QByteArray> authorizations;
    QList<QJsonObject> hellos;

private:
    QWebSocketServer m_server;
};

QList<qint64> seqsOf(const QSignalSpy &items)
{
    QList<qint64> seqs;
    for (const QList<QVariant> &arguments : items)
        seqs.append(arguments.at(1).toLongLong());
    return seqs;
}

QList<StreamClient::State> statesOf(const QSignalSpy &changes)
{
    QList<StreamClient::State> states;
    for (const QList<QVariant> &arguments : changes)
        states.append(arguments.at(0).value<StreamClient::State>());
    return states;
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes
}

} // namespace

class TestStreamClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void replaysThenGoesLive();
    void resumesAfterALostConnection();
    void replacedTokenEndsTheStream();
    void relayDownIsRetriedWithBackOff();

    void dropsItemsItHasSeen();
    void startsOverWhenTheFeedWasReset();
    void silentConnectionIsDead();
    void closeCodesDecideOnRetry_data();
    void closeCodesDecideOnRetry();
    void disconnectStopsRetrying();

private:
    std::unique_ptr<Test::TestRelay> m_relay;
    Test::TestRelay::Account m_alice; // agent, extension 100
    QUrl m_streamUrl;
};

void TestStreamClient::initTestCase()
{
    qRegisterMetaType<StreamClient::State>();
    m_relay = std::make_unique<Test::TestRelay>();
    const auto started = m_relay->start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
    const auto alice = m_relay->addUser(u"alice"_s, u"Alice Nowak"_s, u"100"_s);
    QVERIFY2(alice, qPrintable(alice ? QString() : alice.error().message));
    m_alice = alice.value();
    QNetworkAccessManager network;
    RelayClient client(&network);
    client.setRelayUrl(m_relay->url());
    m_streamUrl = client.streamUrl();
}

void TestStreamClient::replaysThenGoesLive()
{
    // Before alice connects: her contact calls and nobody answers.
    const auto contact
            = m_relay->addContact(u"Jan Zielinski"_s, u"ACME"_s, u"+48600100500"_s, m_alice.id);
    QVERIFY2(contact, qPrintable(contact ? QString() : contact.error().message));
    const auto missed = m_relay->playCall(Test::TestRelay::inboundCall(
            u"+48600100500"_s, u"100"_s, SimScenario::Outcome::NoAnswer));
    QVERIFY2(missed, qPrintable(missed ? QString() : missed.error().message));

    SystemClock clock;
    StreamClient stream(&clock);
    QSignalSpy states(&stream, &StreamClient::stateChanged);
    QSignalSpy items(&stream, &StreamClient::itemReceived);
    QSignalSpy calls(&stream, &StreamClient::callUpdated);
    QSignalSpy tasks(&stream, &StreamClient::taskChanged);
    QSignalSpy contacts(&stream, &StreamClient::contactChanged);
    QSignalSpy replayed(&stream, &StreamClient::replayFinished);
    stream.connectTo(m_streamUrl, m_alice.token, 0);
    QCOMPARE(stream.state(), StreamClient::State::Connecting);
    QVERIFY(replayed.wait(5000));
    QCOMPARE(stream.state(), StreamClient::State::Live);
    QCOMPARE(statesOf(states),
             (QList { StreamClient::State::Connecting, StreamClient::State::Replaying,
                      StreamClient::State::Live }));

    // Her new contact, the call ringing (the PBX, then her phone), missed, and her reminder.
    QCOMPARE(replayed.constFirst().constFirst().toInt(), items.size());
    QStringList types;
    for (const QList<QVariant> &item : std::as_const(items))
        types.append(item.at(0).toString());
    QCOMPARE(types,
             (QStringList { u"contact.updated"_s, u"call.ringing"_s, u"call.ringing"_s,
                            u"call.missed"_s, u"task.created"_s }));
    const QList<qint64> seqs = seqsOf(items);
    QVERIFY(std::is_sorted(seqs.cbegin(), seqs.cend()));
    QCOMPARE(stream.lastSeq(), seqs.constLast());
    QCOMPARE(contacts.size(), 1);
    QCOMPARE(contacts.constFirst().constFirst().value<ContactCard>().id, contact.value());
    QCOMPARE(calls.size(), 3);
    const auto ringing = calls.at(0).at(0).value<CallUpdate>();
    const auto missedUpdate = calls.at(2).at(0).value<CallUpdate>();
    QCOMPARE(ringing.type, u"call.ringing"_s);
    QCOMPARE(ringing.call.state, u"ringing"_s);
    QCOMPARE(ringing.at, items.at(1).at(2).toDateTime()); // the item's own time
    QVERIFY(ringing.at.isValid());
    QCOMPARE(missedUpdate.type, u"call.missed"_s);
    QCOMPARE(missedUpdate.call.pbxCallId, missed.value()->pbxCallId);
    QCOMPARE(missedUpdate.call.state, u"missed"_s);
    QVERIFY(missedUpdate.contact);
    QCOMPARE(missedUpdate.contact->name, u"Jan Zielinski"_s);
    QVERIFY(calls.at(2).at(1).toBool()); // replayed
    QCOMPARE(tasks.size(), 1);
    const auto task = tasks.constFirst().at(0).value<TaskInfo>();
    QCOMPARE(task.contactId, contact.value());
    QVERIFY(tasks.constFirst().at(1).toBool()); // created
    QVERIFY(tasks.constFirst().at(2).toBool()); // replayed
    QCOMPARE(items.constFirst().at(2).toDateTime().timeSpec(), Qt::UTC);

    // Live from now on.
    const auto answered = m_relay->playCall(Test::TestRelay::inboundCall(
            u"+48600100500"_s, u"100"_s, SimScenario::Outcome::Answered));
    QVERIFY2(answered, qPrintable(answered ? QString() : answered.error().message));
    QTRY_VERIFY(!calls.isEmpty()
                && calls.constLast().at(0).value<CallUpdate>().type == u"call.ended");
    const auto ended = calls.constLast().at(0).value<CallUpdate>();
    QCOMPARE(ended.call.pbxCallId, answered.value()->pbxCallId);
    QCOMPARE(ended.call.answeredBy, u"100"_s);
    QVERIFY(!calls.constLast().at(1).toBool()); // live
    QCOMPARE(stream.lastSeq(), ended.seq);
    QCOMPARE(replayed.size(), 1);
}

void TestStreamClient::resumesAfterALostConnection()
{
    Test::FakeClock clock; // the retry waits until the test moves time
    StreamClient stream(&clock);
    QSignalSpy replayed(&stream, &StreamClient::replayFinished);
    stream.connectTo(m_streamUrl, m_alice.token, 0);
    QVERIFY(replayed.wait(5000));
    const qint64 before = stream.lastSeq();
    QVERIFY(before > 0);

    // The network goes: the socket dies under the client.
    QSignalSpy states(&stream, &StreamClient::stateChanged);
    QTcpSocket *socket = stream.findChild<QTcpSocket *>();
    QVERIFY(socket);
    socket->abort();
    QTRY_COMPARE(stream.state(), StreamClient::State::Offline);
    QVERIFY2(stream.lastError().contains(u"127.0.0.1"_s), qPrintable(stream.lastError()));

    // What happens meanwhile is replayed, and only that.
    const auto played = m_relay->playCall(Test::TestRelay::inboundCall(
            u"+48600100600"_s, u"100"_s, SimScenario::Outcome::Answered));
    QVERIFY2(played, qPrintable(played ? QString() : played.error().message));
    QSignalSpy items(&stream, &StreamClient::itemReceived);
    stream.reconnectNow();
    QCOMPARE(stream.state(), StreamClient::State::Connecting);
    QVERIFY(replayed.wait(5000));
    QCOMPARE(stream.state(), StreamClient::State::Live);
    const QList<qint64> seqs = seqsOf(items);
    QCOMPARE(seqs.size(), 3); // ringing, answered, ended
    QCOMPARE(replayed.constLast().constFirst().toInt(), 3);
    QVERIFY(seqs.constFirst() > before);
    QCOMPARE(items.constLast().at(0).toString(), u"call.ended"_s);
}

void TestStreamClient::replacedTokenEndsTheStream()
{
    const auto bob = m_relay->addUser(u"bob"_s, u"Bob"_s, u"101"_s);
    QVERIFY2(bob, qPrintable(bob ? QString() : bob.error().message));
    Test::FakeClock clock;
    StreamClient stream(&clock);
    QSignalSpy replayed(&stream, &StreamClient::replayFinished);
    QSignalSpy unauthorised(&stream, &StreamClient::unauthorised);
    stream.connectTo(m_streamUrl, bob->token, 0);
    QVERIFY(replayed.wait(5000));

    // An administrator gives bob a new token: the old one's stream ends with 4401.
    const auto answer = m_relay->send("POST", u"/v1/admin/users/%1/token"_s.arg(bob->id),
                                      m_relay->admin().token, "{}");
    QCOMPARE(answer.status, 200);
    QTRY_COMPARE(unauthorised.size(), 1);
    QCOMPARE(stream.state(), StreamClient::State::Offline);
    QVERIFY2(stream.lastError().contains(u"token replaced"_s), qPrintable(stream.lastError()));
    QCOMPARE(unauthorised.constFirst().constFirst().toString(), stream.lastError());
    QSignalSpy states(&stream, &StreamClient::stateChanged);
    clock.advance(120s);
    stream.reconnectNow();
    QCoreApplication::processEvents();
    QCOMPARE(states.size(), 0); // no retry

    // The old token is refused at the door (HTTP 401) as well.
    stream.connectTo(m_streamUrl, bob->token, 0);
    QVERIFY(unauthorised.wait(5000));
    QCOMPARE(unauthorised.size(), 2);
    QCOMPARE(stream.state(), StreamClient::State::Offline);
    QVERIFY2(stream.lastError().contains(u"refused the sign-in"_s), qPrintable(stream.lastError()));
    states.clear();
    clock.advance(120s);
    QCoreApplication::processEvents();
    QCOMPARE(states.size(), 0);
}

void TestStreamClient::relayDownIsRetriedWithBackOff()
{
    Test::FakeClock clock;
    StreamClient stream(&clock);
    QSignalSpy states(&stream, &StreamClient::stateChanged);
    const quint16 port = closedPort();
    stream.connectTo(QUrl(u"ws://127.0.0.1:%1/v1/stream"_s.arg(port)), m_alice.token, 0);
    QTRY_COMPARE(stream.state(), StreamClient::State::Offline);
    QCOMPARE(stream.lastError(),
             u"Cannot reach the relay at ws://127.0.0.1:%1: Connection refused"_s.arg(port));

    // 1 s, 2 s, 4 s between attempts.
    for (const auto wait : { 1000ms, 2000ms, 4000ms }) {
        QCOMPARE(clock.nextTimerIn(), wait);
        clock.advance(wait - 1ms);
        QCOMPARE(stream.state(), StreamClient::State::Offline);
        clock.advance(1ms);
        QCOMPARE(stream.state(), StreamClient::State::Connecting);
        QTRY_COMPARE(stream.state(), StreamClient::State::Offline);
    }
    // reconnectNow() does not wait, and starts the back-off over.
    stream.reconnectNow();
    QCOMPARE(stream.state(), StreamClient::State::Connecting);
    QTRY_COMPARE(stream.state(), StreamClient::State::Offline);
    QCOMPARE(clock.nextTimerIn(), 1000ms);

    // The relay is back (at its configured address).
    QSignalSpy replayed(&stream, &StreamClient::replayFinished);
    stream.connectTo(m_streamUrl, m_alice.token, 0);
    QVERIFY(replayed.wait(5000));
    QCOMPARE(stream.state(), StreamClient::State::Live);
}

void TestStreamClient::dropsItemsItHasSeen()
{
    ScriptedStream relay;
    relay.onHello = [](QWebSocket *socket, const QJsonObject &) {
        ScriptedStream::welcome(socket, 7);
        ScriptedStream::item(socket, 3); // at or below resume_after: seen
        ScriptedStream::item(socket, 5);
        ScriptedStream::item(socket, 5); // at least once means sometimes twice
        ScriptedStream::replayDone(socket, 5);
        ScriptedStream::item(socket, 6, u"task.created"_s);
        ScriptedStream::item(socket, 4);
        ScriptedStream::item(socket, 7);
    };
    Test::FakeClock clock;
    StreamClient stream(&clock);
    QSignalSpy items(&stream, &StreamClient::itemReceived);
    QSignalSpy replayed(&stream, &StreamClient::replayFinished);
    stream.connectTo(relay.url(), u"token-1"_s, 4);
    QTRY_COMPARE(items.size(), 3);
    QCOMPARE(seqsOf(items), (QList<qint64> { 5, 6, 7 }));
    QCOMPARE(replayed.size(), 1);
    QCOMPARE(replayed.constFirst().constFirst().toInt(), 1);
    QCOMPARE(stream.lastSeq(), 7);
    QCOMPARE(relay.hellos.size(), 1);
    QCOMPARE(relay.hellos.constFirst().value(u"resume_after").toInteger(), 4);
    QCOMPARE(relay.authorizations.constFirst(), "Bearer token-1");
}

void TestStreamClient::startsOverWhenTheFeedWasReset()
{
    ScriptedStream relay;
    relay.onHello = [](QWebSocket *socket, const QJsonObject &) {
        // A new database: numbers start again, and the relay resumes from its newest item.
        ScriptedStream::welcome(socket, 2);
        ScriptedStream::replayDone(socket, 2);
        ScriptedStream::item(socket, 3);
    };
    Test::FakeClock clock;
    StreamClient stream(&clock);
    QSignalSpy items(&stream, &StreamClient::itemReceived);
    stream.connectTo(relay.url(), u"token"_s, 100);
    QTRY_COMPARE(items.size(), 1);
    QCOMPARE(seqsOf(items), (QList<qint64> { 3 }));
    QCOMPARE(stream.lastSeq(), 3);
}

void TestStreamClient::silentConnectionIsDead()
{
    ScriptedStream relay;
    relay.onHello = [](QWebSocket *socket, const QJsonObject &hello) {
        const qint64 seq = hello.value(u"resume_after").toInteger() + 1;
        ScriptedStream::welcome(socket, seq);
        ScriptedStream::item(socket, seq);
        ScriptedStream::replayDone(socket, seq);
    };
    Test::FakeClock clock;
    StreamClient stream(&clock);
    stream.connectTo(relay.url(), u"token"_s, 0);
    QTRY_COMPARE(stream.state(), StreamClient::State::Live);

    // No ping for a minute (a half-open connection after sleep): dead.
    clock.advance(59s);
    QCOMPARE(stream.state(), StreamClient::State::Live);
    clock.advance(1s);
    QCOMPARE(stream.state(), StreamClient::State::Offline);
    QVERIFY2(stream.lastError().startsWith(u"Nothing heard from the relay for 60 s"_s),
             qPrintable(stream.lastError()));
    clock.advance(1s);
    QTRY_COMPARE(stream.state(), StreamClient::State::Live);
    QCOMPARE(relay.hellos.size(), 2);
    QCOMPARE(relay.hellos.constLast().value(u"resume_after").toInteger(), 1);
    QCOMPARE(stream.lastSeq(), 2);
}

void TestStreamClient::closeCodesDecideOnRetry_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("retries");
    QTest::addColumn<QString>("error");
    QTest::newRow("shutdown") << 1001 << u"going away"_s << true << u"The relay is restarting."_s;
    QTest::newRow("too slow") << 1008 << u"too slow; resume with your last seq"_s << true
                              << u"The connection was too slow for the relay (too slow; resume "
                                 "with your last seq)."_s;
    QTest::newRow("storage") << 1011 << u"the relay cannot read its storage; retry later"_s << true
                             << u"The relay cannot read its storage (the relay cannot read its "
                                "storage; retry later)."_s;
    QTest::newRow("no hello") << 4408 << u"no hello within 10000 ms"_s << true
                              << u"The relay heard nothing from this app in time (no hello within "
                                 "10000 ms)."_s;
    QTest::newRow("user removed") << 4401 << u"user removed"_s << false
                                  << u"The relay no longer accepts this sign-in (user removed)."_s;
}

void TestStreamClient::closeCodesDecideOnRetry()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(bool, retries);
    QFETCH(QString, error);

    ScriptedStream relay;
    relay.onHello = [](QWebSocket *socket, const QJsonObject &) {
        ScriptedStream::welcome(socket, 0);
        ScriptedStream::replayDone(socket, 0);
    };
    Test::FakeClock clock;
    StreamClient stream(&clock);
    QSignalSpy unauthorised(&stream, &StreamClient::unauthorised);
    stream.connectTo(relay.url(), u"token"_s, 0);
    QTRY_COMPARE(stream.state(), StreamClient::State::Live);

    relay.sockets.constFirst()->close(QWebSocketProtocol::CloseCode(code), reason);
    QTRY_COMPARE(stream.state(), StreamClient::State::Offline);
    QCOMPARE(stream.lastError(), error);
    QCOMPARE(unauthorised.size(), retries ? 0 : 1);
    clock.advance(1s);
    if (retries) {
        QTRY_COMPARE(stream.state(), StreamClient::State::Live);
        QCOMPARE(relay.hellos.size(), 2);
    } else {
        QCoreApplication::processEvents();
        QCOMPARE(stream.state(), StreamClient::State::Offline);
        QCOMPARE(relay.hellos.size(), 1);
    }
}

void TestStreamClient::disconnectStopsRetrying()
{
    ScriptedStream relay;
    relay.onHello = [](QWebSocket *socket, const QJsonObject &) {
        ScriptedStream::welcome(socket, 0);
        ScriptedStream::replayDone(socket, 0);
    };
    Test::FakeClock clock;
    StreamClient stream(&clock);
    stream.connectTo(relay.url(), u"token"_s, 0);
    QTRY_COMPARE(stream.state(), StreamClient::State::Live);
    QSignalSpy closed(relay.sockets.constFirst(), &QWebSocket::disconnected);

    stream.disconnectFromRelay();
    QCOMPARE(stream.state(), StreamClient::State::Offline);
    QVERIFY(closed.wait(5000));
    QCOMPARE(relay.sockets.constFirst()->closeCode(), QWebSocketProtocol::CloseCodeNormal);
    clock.advance(120s);
    stream.reconnectNow();
    QCoreApplication::processEvents();
    QCOMPARE(stream.state(), StreamClient::State::Offline);
    QCOMPARE(relay.hellos.size(), 1);
}

QTEST_GUILESS_MAIN(TestStreamClient)
#include "TestStreamClient.moc"
