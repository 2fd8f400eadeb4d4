// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/PlainWebSocket.h"
#include "core/client/TlsWebSocket.h"

#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace CallBridge;
using namespace Qt::StringLiterals;

// The ws:// client against Qt's own WebSocket server: the upgrade with the request's headers,
// messages of every length encoding and fragmented ones, ping/pong, both closing handshakes, and
// refusals in words.
class TestPlainWebSocket : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void upgradesWithTheRequestsHeaders();
    void textBothWays_data();
    void textBothWays();
    void fragmentedMessagesArriveWhole();
    void answersPings();
    void relayClosesWithCodeAndReason();
    void clientClosesPolitely();
    void refusedUpgradeTellsTheStatus();
    void notAWebSocketServerIsRefused();
    void nobodyListeningFails();
    void secureAddressesGetQWebSocket();

private:
    QWebSocket *accept(PlainWebSocket &client, const QUrl &url = {});

    std::unique_ptr<QWebSocketServer> m_server;
    QUrl m_url;
};

void TestPlainWebSocket::init()
{
    m_server = std::make_unique<QWebSocketServer>(u"test"_s, QWebSocketServer::NonSecureMode);
    QVERIFY(m_server->listen(QHostAddress::LocalHost));
    m_url = QUrl(u"ws://127.0.0.1:%1/v1/stream?x=1"_s.arg(m_server->serverPort()));
}

void TestPlainWebSocket::cleanup()
{
    m_server.reset();
}

// Connects `client` and returns the server's end of the connection.
QWebSocket *TestPlainWebSocket::accept(PlainWebSocket &client, const QUrl &url)
{
    QSignalSpy incoming(m_server.get(), &QWebSocketServer::newConnection);
    QSignalSpy connected(&client, &StreamSocket::connected);
    QNetworkRequest request(url.isEmpty() ? m_url : url);
    request.setRawHeader("Authorization", "Bearer cbt_secret");
    client.open(request);
    if (!connected.wait(3000) && connected.isEmpty())
        return nullptr;
    if (incoming.isEmpty() && !incoming.wait(3000))
        return nullptr;
    QWebSocket *server = m_server->nextPendingConnection();
    if (server)
        server->setParent(m_server.get());
    return server;
}

void TestPlainWebSocket::upgradesWithTheRequestsHeaders()
{
    PlainWebSocket client;
    QVERIFY(!client.isOpen());
    QWebSocket *server = accept(client);
    QVERIFY(server);
    QVERIFY(client.isOpen());
    QCOMPARE(server->requestUrl().path(), u"/v1/stream"_s);
    QCOMPARE(server->requestUrl().query(), u"x=1"_s);
    QCOMPARE(server->request().rawHeader("Authorization"), QByteArray("Bearer cbt_secret"));
}

void TestPlainWebSocket::textBothWays_data()
{
    QTest::addColumn<int>("length");
    QTest::newRow("short") << 20; // 7-bit length
    QTest::newRow("medium") << 4000; // 16-bit length
    QTest::newRow("long") << 200'000; // 64-bit length
}

void TestPlainWebSocket::textBothWays()
{
    QFETCH(int, length);
    PlainWebSocket client;
    QWebSocket *server = accept(client);
    QVERIFY(server);
    const QString text = QString(u"Łódź ☎ "_s).repeated(length / 8 + 1).left(length);

    QSignalSpy received(&client, &StreamSocket::textReceived);
    server->sendTextMessage(text);
    QVERIFY(received.wait(3000));
    QCOMPARE(received.constFirst().constFirst().toString(), text);

    QSignalSpy echoed(server, &QWebSocket::textMessageReceived);
    client.sendText(text);
    QVERIFY(echoed.wait(3000));
    QCOMPARE(echoed.constFirst().constFirst().toString(), text);
}

void TestPlainWebSocket::fragmentedMessagesArriveWhole()
{
    PlainWebSocket client;
    QWebSocket *server = accept(client);
    QVERIFY(server);
    server->setOutgoingFrameSize(100);
    QSignalSpy received(&client, &StreamSocket::textReceived);
    const QString first = u"a"_s.repeated(1000);
    server->sendTextMessage(first);
    server->sendBinaryMessage(QByteArray(500, 'b')); // read and dropped
    server->sendTextMessage(u"second"_s);
    QTRY_COMPARE(received.count(), 2);
    QCOMPARE(received.at(0).constFirst().toString(), first);
    QCOMPARE(received.at(1).constFirst().toString(), u"second"_s);
}

void TestPlainWebSocket::answersPings()
{
    PlainWebSocket client;
    QWebSocket *server = accept(client);
    QVERIFY(server);
    QSignalSpy alive(&client, &StreamSocket::alive);
    QSignalSpy pong(server, &QWebSocket::pong);
    server->ping("are you there");
    QVERIFY(pong.wait(3000));
    QCOMPARE(pong.constFirst().at(1).toByteArray(), QByteArray("are you there"));
    QCOMPARE(alive.count(), 1);
}

void TestPlainWebSocket::relayClosesWithCodeAndReason()
{
    PlainWebSocket client;
    QWebSocket *server = accept(client);
    QVERIFY(server);
    QSignalSpy disconnected(&client, &StreamSocket::disconnected);
    QSignalSpy failed(&client, &StreamSocket::failed);
    server->close(QWebSocketProtocol::CloseCode(4401), u"token replaced"_s);
    QVERIFY(disconnected.wait(3000));
    QCOMPARE(client.closeCode(), 4401);
    QCOMPARE(client.closeReason(), u"token replaced"_s);
    QVERIFY(!client.isOpen());
    QCOMPARE(failed.count(), 0);
}

void TestPlainWebSocket::clientClosesPolitely()
{
    PlainWebSocket client;
    QWebSocket *server = accept(client);
    QVERIFY(server);
    QSignalSpy serverGone(server, &QWebSocket::disconnected);
    QSignalSpy disconnected(&client, &StreamSocket::disconnected);
    client.close(1000, u"signing off"_s);
    QVERIFY(serverGone.wait(3000));
    QCOMPARE(int(server->closeCode()), 1000);
    QCOMPARE(server->closeReason(), u"signing off"_s);
    QTRY_COMPARE(disconnected.count(), 1);
}

void TestPlainWebSocket::refusedUpgradeTellsTheStatus()
{
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost));
    connect(&http, &QTcpServer::newConnection, &http, [&http] {
        QTcpSocket *socket = http.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\n\r\n{}");
            socket->disconnectFromHost();
        });
    });
    PlainWebSocket client;
    QSignalSpy failed(&client, &StreamSocket::failed);
    QSignalSpy disconnected(&client, &StreamSocket::disconnected);
    client.open(QNetworkRequest(QUrl(u"ws://127.0.0.1:%1/v1/stream"_s.arg(http.serverPort()))));
    QVERIFY(failed.wait(3000));
    QCOMPARE(client.handshakeStatus(), 401);
    QCOMPARE(client.errorString(),
             u"The relay refused the WebSocket upgrade: HTTP 401 Unauthorized"_s);
    QTRY_COMPARE(disconnected.count(), 1);
    QVERIFY(!client.isOpen());
}

void TestPlainWebSocket::notAWebSocketServerIsRefused()
{
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost));
    connect(&http, &QTcpServer::newConnection, &http, [&http] {
        QTcpSocket *socket = http.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Accept: wrong\r\n\r\n");
        });
    });
    PlainWebSocket client;
    QSignalSpy failed(&client, &StreamSocket::failed);
    QSignalSpy connected(&client, &StreamSocket::connected);
    client.open(QNetworkRequest(QUrl(u"ws://127.0.0.1:%1/"_s.arg(http.serverPort()))));
    QVERIFY(failed.wait(3000));
    QCOMPARE(connected.count(), 0);
    QCOMPARE(client.handshakeStatus(), 0);
    QVERIFY(client.errorString().contains(u"not a WebSocket handshake"_s));
}

void TestPlainWebSocket::nobodyListeningFails()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    PlainWebSocket client;
    QSignalSpy failed(&client, &StreamSocket::failed);
    client.open(QNetworkRequest(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port))));
    QVERIFY(failed.wait(3000));
    QVERIFY(!client.errorString().isEmpty());
    QVERIFY(!client.isOpen());
}

// wss:// goes through QWebSocket and TLS; a server that speaks no TLS is a failure in words.
void TestPlainWebSocket::secureAddressesGetQWebSocket()
{
    QVERIFY(qobject_cast<PlainWebSocket *>(StreamSocket::create(QUrl(u"ws://relay/"_s)).get()));
    QVERIFY(qobject_cast<PlainWebSocket *>(StreamSocket::create(QUrl(u"http://relay/"_s)).get()));
    QVERIFY(qobject_cast<TlsWebSocket *>(StreamSocket::create(QUrl(u"wss://relay/"_s)).get()));

    // A server that answers TLS's first message in plain HTTP.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost));
    connect(&plain, &QTcpServer::newConnection, &plain, [&plain] {
        QTcpSocket *socket = plain.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
    auto secure = StreamSocket::create(QUrl(u"wss://127.0.0.1/"_s));
    QSignalSpy failed(secure.get(), &StreamSocket::failed);
    QSignalSpy connected(secure.get(), &StreamSocket::connected);
    secure->open(QNetworkRequest(QUrl(u"wss://127.0.0.1:%1/v1/stream"_s.arg(plain.serverPort()))));
    QVERIFY(failed.wait(3000));
    QCOMPARE(connected.count(), 0);
    QVERIFY2(!secure->errorString().isEmpty(), "says why");
}

QTEST_MAIN(TestPlainWebSocket)
#include "TestPlainWebSocket.moc"
