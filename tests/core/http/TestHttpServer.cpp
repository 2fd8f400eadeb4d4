// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpServer.h"
#include "tests/support/TestData.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace CallBridge;
using namespace std::chrono_literals;

namespace {

struct Response
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
};

// Takes one complete response off the front of buffer. HEAD answers and 1xx have no body.
std::optional<Response> takeResponse(QByteArray &buffer, bool headOnly = false)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    Response response;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2 || statusLine.first() != "HTTP/1.1")
        return std::nullopt;
    response.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        response.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    }
    qsizetype length = 0;
    if (!headOnly && response.status >= 200 && response.status != 204 && response.status != 304)
        length = response.header("Content-Length").toLongLong();
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    response.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return response;
}

// Runs the event loop until done() holds, waking on every event rather than polling.
template<typename Predicate> bool waitUntil(Predicate done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer wake; // bounds each wait, so the deadline is checked even when nothing happens
    wake.start(10);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

// A client writing raw bytes, to send what well-behaved clients never would.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        socket.setProxy(QNetworkProxy::NoProxy);
        socket.connectToHost(QHostAddress::LocalHost, port);
        socket.waitForConnected(2000);
    }

    bool isConnected() const { return socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes) { socket.write(bytes); }

    std::optional<Response> next(bool headOnly = false, int timeoutMs = 3000)
    {
        std::optional<Response> response;
        waitUntil(
                [&] {
                    buffer += socket.readAll();
                    response = takeResponse(buffer, headOnly);
                    return response.has_value()
                            || socket.state() == QAbstractSocket::UnconnectedState;
                },
                timeoutMs);
        if (!response) {
            buffer += socket.readAll();
            response = takeResponse(buffer, headOnly);
        }
        return response;
    }

    // Waits until at least size bytes beyond what has been parsed are buffered.
    bool waitForBytes(qsizetype size, int timeoutMs = 3000)
    {
        return waitUntil(
                [&] {
                    buffer += socket.readAll();
                    return buffer.size() >= size;
                },
                timeoutMs);
    }

    bool waitClosedByServer(int timeoutMs = 3000)
    {
        const bool closed = waitUntil(
                [&] {
                    buffer += socket.readAll();
                    return socket.state() == QAbstractSocket::UnconnectedState;
                },
                timeoutMs);
        buffer += socket.readAll();
        return closed;
    }

    QTcpSocket socket;
    QByteArray buffer;
};

class TestHandler : public HttpHandler
{
public:
    qsizetype maxBodyBytes(const HttpRequest &head) const override
    {
        return head.path == "/small" ? 16 : 64 * 1024;
    }

    bool upgrade(const HttpRequest &head, QTcpSocket *socket) override
    {
        ++upgrades;
        return onUpgrade ? onUpgrade(head, socket) : false;
    }

    void handle(HttpRequest request, HttpResponder responder) override
    {
        requests.append(request);
        if (onRequest) {
            onRequest(std::move(request), std::move(responder));
            return;
        }
        responder.send(HttpResponse::text(
                200, request.method + ' ' + request.target + ' ' + request.body));
    }

    void hold(HttpRequest, HttpResponder responder) { held.push_back(std::move(responder)); }

    std::function<void(HttpRequest, HttpResponder)> onRequest;
    std::function<bool(const HttpRequest &, QTcpSocket *)> onUpgrade;
    QList<HttpRequest> requests;
    std::vector<HttpResponder> held;
    int upgrades = 0;
};

QByteArray get(const QByteArray &target, const QByteArray &extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n";
}

QByteArray post(const QByteArray &target, const QByteArray &body)
{
    return "POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

const QByteArray webSocketKey = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455 §1.3's example

QByteArray webSocketHandshake()
{
    return "GET /v1/stream HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\n"
           "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key: "
            + webSocketKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

// A client's text frame: FIN, opcode 1, masked, payload shorter than 126 bytes.
QByteArray maskedTextFrame(const QByteArray &payload)
{
    const char mask[4] = { 0x12, 0x34, 0x56, 0x78 };
    QByteArray frame;
    frame.append(char(0x81));
    frame.append(char(0x80 | payload.size()));
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    return frame;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void requestAndResponseHelpers();
    void getAndPostWithNetworkAccessManager();
    void acceptedRequests_data();
    void acceptedRequests();
    void refusedRequests_data();
    void refusedRequests();
    void oversizedHead_data();
    void oversizedHead();
    void keepAlive_data();
    void keepAlive();
    void pipelinedAnswersLeaveInRequestOrder();
    void pipeliningLimitPausesReading();
    void requestLimitClosesTheConnection();
    void bodyTooLargeIsRefusedBeforeTheBody_data();
    void bodyTooLargeIsRefusedBeforeTheBody();
    void expectContinueAccepted();
    void expectContinueRefused();
    void slowHeadTimesOut();
    void slowBodyTimesOut();
    void idleConnectionsAreClosedSilently();
    void connectionCapAnswers503();
    void droppedResponderAnswers500();
    void secondAnswerIsIgnored();
    void answerAfterClientLeftIsHarmless();
    void fileRanges_data();
    void fileRanges();
    void missingFileIs404();
    void largeFileIsStreamed();
    void stalledReaderIsCutOff();
    void headRequestsGetNoBody();
    void webSocketUpgrade();
    void webSocketUpgradeAfterKeepAliveRequest_data();
    void webSocketUpgradeAfterKeepAliveRequest();
    void declinedUpgradeIsAnOrdinaryRequest();
    void servesTls();
    void stopAcceptingDrainsInFlightRequests();
    void drainedWithoutConnections();

private:
    void start(HttpServerLimits limits = {});
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    std::unique_ptr<TestHandler> m_handler;
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
};

void TestHttpServer::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("callbridge.core.http.info=false"));
}

void TestHttpServer::init()
{
    m_handler = std::make_unique<TestHandler>();
}

void TestHttpServer::cleanup()
{
    m_server.reset();
    m_handler.reset();
}

void TestHttpServer::start(HttpServerLimits limits)
{
    m_server = std::make_unique<HttpServer>(m_handler.get(), limits);
    auto *listener = new QTcpServer;
    QVERIFY(listener->listen(QHostAddress::LocalHost, 0));
    m_port = listener->serverPort();
    m_server->serve(listener);
}

void TestHttpServer::requestAndResponseHelpers()
{
    HttpRequest request;
    request.headers = { { "Content-Type", "text/plain" }, { "X-Twice", "1" }, { "x-twice", "2" } };
    request.query = "name=a+b&city=%C5%81%C3%B3d%C5%BA&plus=%2B";
    QCOMPARE(request.header("content-type"), QByteArray("text/plain"));
    QCOMPARE(request.header("X-TWICE"), QByteArray("1"));
    QVERIFY(request.hasHeader("x-twice"));
    QVERIFY(!request.hasHeader("Range"));
    QCOMPARE(request.queryValue(QStringLiteral("name")), QStringLiteral("a b"));
    QCOMPARE(request.queryValue(QStringLiteral("city")), QStringLiteral("Łódź"));
    QCOMPARE(request.queryValue(QStringLiteral("plus")), QStringLiteral("+"));

    HttpResponse response = HttpResponse::text(201, "hi");
    response.headers.append(HttpResponse::Header("x-a", "1"));
    response.headers.append(HttpResponse::Header("X-A", "2"));
    response.setHeader("Content-type", "text/html").setHeader("X-a", "3");
    QCOMPARE(response.header("content-type"), QByteArray("text/html"));
    QCOMPARE(response.headers.size(), qsizetype(2));
    QCOMPARE(response.header("x-a"), QByteArray("3"));
    const HttpResponse error = HttpResponse::error(422, QStringLiteral("bad \"phone\""));
    QCOMPARE(error.body, QByteArray("{\"error\":\"bad \\\"phone\\\"\"}"));
    QCOMPARE(error.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(httpReasonPhrase(431), QByteArray("Request Header Fields Too Large"));
}

void TestHttpServer::getAndPostWithNetworkAccessManager()
{
    start();
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);

    std::unique_ptr<QNetworkReply> reply(
            manager.get(QNetworkRequest(url(QStringLiteral("/hello?name=a+b&x=%C3%A9")))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(3000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->readAll(), QByteArray("GET /hello?name=a+b&x=%C3%A9 "));
    QVERIFY(reply->hasRawHeader("Date"));
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("text/plain; charset=utf-8"));

    QCOMPARE(m_handler->requests.size(), 1);
    const HttpRequest &request = m_handler->requests.first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QByteArray("/hello"));
    QCOMPARE(request.query, QByteArray("name=a+b&x=%C3%A9"));
    QCOMPARE(request.queryValue(QStringLiteral("name")), QStringLiteral("a b"));
    QCOMPARE(request.queryValue(QStringLiteral("x")), QStringLiteral("é"));
    QCOMPARE(request.header("host"), QByteArray("127.0.0.1:") + QByteArray::number(m_port));
    QCOMPARE(request.peerAddress, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(request.peerPort != 0);
    QVERIFY(!request.encrypted);

    QNetworkRequest form(url(QStringLiteral("/zadarma")));
    form.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArray("application/x-www-form-urlencoded"));
    reply.reset(manager.post(form, QByteArray("event=NOTIFY_START&caller_id=%2B48")));
    QSignalSpy posted(reply.get(), &QNetworkReply::finished);
    QVERIFY(posted.wait(3000));
    QCOMPARE(reply->readAll(), QByteArray("POST /zadarma event=NOTIFY_START&caller_id=%2B48"));
    QCOMPARE(m_handler->requests.last().header("Content-Type"),
             QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(m_server->refusedCount(), quint64(0));
}

void TestHttpServer::acceptedRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("HTTP/1.0 without Host")
            << QByteArray("GET /a HTTP/1.0\r\n\r\n") << QByteArray("/a") << QByteArray();
    QTest::newRow("empty line before the request")
            << QByteArray("\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("/b")
            << QByteArray();
    QTest::newRow("absolute form") << QByteArray("GET http://x/c?d=1 HTTP/1.1\r\nHost: x\r\n\r\n")
                                   << QByteArray("/c") << QByteArray();
    QTest::newRow("same Content-Length twice")
            << QByteArray("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                          "Content-Length: 3\r\n\r\nabc")
            << QByteArray("/e") << QByteArray("abc");
    QTest::newRow("tabs around a value")
            << QByteArray("POST /f HTTP/1.1\r\nHost: x\r\nContent-Length:\t2 \t\r\n\r\nok")
            << QByteArray("/f") << QByteArray("ok");
    QTest::newRow("empty header value")
            << QByteArray("GET /g HTTP/1.1\r\nHost: x\r\nX-Empty:\r\n\r\n") << QByteArray("/g")
            << QByteArray();
}

void TestHttpServer::acceptedRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    start();
    RawClient client(m_port);
    client.send(request);
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(m_handler->requests.size(), 1);
    QCOMPARE(m_handler->requests.first().path, path);
    QCOMPARE(m_handler->requests.first().body, body);
}

void TestHttpServer::refusedRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    QTest::newRow("garbage") << QByteArray("HELLO\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("target without slash") << QByteArray("GET x HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("raw UTF-8 in target")
            << QByteArray("GET /\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("obsolete line folding")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n  c\r\n\r\n") << 400;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n") << 400;
    QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n") << 400;
    QTest::newRow("control character")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x01z\r\n\r\n") << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-A\r\n\r\n") << 400;
    QTest::newRow("missing Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two Hosts") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n") << 400;
    QTest::newRow("Content-Length not a number")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12a\r\n\r\n") << 400;
    QTest::newRow("negative Content-Length")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("empty Content-Length")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \r\n\r\n") << 400;
    QTest::newRow("conflicting Content-Lengths")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                          "Content-Length: 6\r\n\r\nhello!")
            << 400;
    QTest::newRow("conflicting Content-Length list")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!")
            << 400;
    QTest::newRow("chunked") << QByteArray(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            "5\r\nhello\r\n0\r\n\r\n")
                             << 411;
    QTest::newRow("chunked and Content-Length")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
            << 411;
}

void TestHttpServer::refusedRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    start();
    QSignalSpy refused(m_server.get(), &HttpServer::refused);
    RawClient client(m_port);
    client.send(request);
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, status);
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QVERIFY(response->body.startsWith("{\"error\":"));
    QVERIFY(m_handler->requests.isEmpty());
    QCOMPARE(m_server->refusedCount(), quint64(1));
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(0).toInt(), status);
    QCOMPARE(refused.first().at(2).value<QHostAddress>(), QHostAddress(QHostAddress::LocalHost));
}

void TestHttpServer::oversizedHead_data()
{
    QTest::addColumn<bool>("complete");
    QTest::newRow("still arriving") << false;
    QTest::newRow("complete") << true;
}

void TestHttpServer::oversizedHead()
{
    QFETCH(bool, complete);
    HttpServerLimits limits;
    limits.maxHeaderBytes = 1024;
    start(limits);
    RawClient client(m_port);
    client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(2000, 'a') + "\r\n"
                + (complete ? "\r\n" : ""));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 431);
    QVERIFY(m_handler->requests.isEmpty());

    // Exactly at the limit is still accepted.
    RawClient fits(m_port);
    const QByteArray head = get("/", "X-Fill: ");
    fits.send(get("/", "X-Fill: " + QByteArray(1024 - head.size() - 2, 'b') + "\r\n"));
    const auto ok = fits.next();
    QVERIFY(ok);
    QCOMPARE(ok->status, 200);
}

void TestHttpServer::keepAlive_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("connection");
    QTest::addColumn<bool>("keptAlive");

    QTest::newRow("1.1") << QByteArray("HTTP/1.1") << QByteArray() << true;
    QTest::newRow("1.1 close") << QByteArray("HTTP/1.1") << QByteArray("close") << false;
    QTest::newRow("1.1 Close, TE") << QByteArray("HTTP/1.1") << QByteArray("TE, Close") << false;
    QTest::newRow("1.0") << QByteArray("HTTP/1.0") << QByteArray() << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0") << QByteArray("Keep-Alive") << true;
}

void TestHttpServer::keepAlive()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, connection);
    QFETCH(bool, keptAlive);
    start();
    RawClient client(m_port);
    const QByteArray request = "GET /one " + version + "\r\nHost: x\r\n"
            + (connection.isEmpty() ? QByteArray() : "Connection: " + connection + "\r\n") + "\r\n";
    client.send(request);
    const auto first = client.next();
    QVERIFY(first);
    QCOMPARE(first->status, 200);
    QCOMPARE(first->header("Connection"), keptAlive ? QByteArray("keep-alive") : "close");
    if (!keptAlive) {
        QVERIFY(client.waitClosedByServer());
        return;
    }
    client.send(request);
    const auto second = client.next();
    QVERIFY(second);
    QCOMPARE(second->body, QByteArray("GET /one "));
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestHttpServer::pipelinedAnswersLeaveInRequestOrder()
{
    start();
    m_handler->onRequest = [this](HttpRequest request, HttpResponder responder) {
        m_handler->hold(std::move(request), std::move(responder));
    };
    RawClient client(m_port);
    client.send(get("/1") + post("/2", "two") + get("/3"));
    QTRY_COMPARE(m_handler->held.size(), size_t(3));
    QCOMPARE(m_handler->requests.at(1).body, QByteArray("two"));

    m_handler->held[2].send(HttpResponse::text(200, "third"));
    m_handler->held[0].send(HttpResponse::text(200, "first"));
    const auto first = client.next();
    QVERIFY(first);
    QCOMPARE(first->body, QByteArray("first"));

    m_handler->held[1].send(HttpResponse::text(202, "second"));
    const auto second = client.next();
    const auto third = client.next();
    QVERIFY(second && third);
    QCOMPARE(second->status, 202);
    QCOMPARE(second->body, QByteArray("second"));
    QCOMPARE(third->body, QByteArray("third"));
    QCOMPARE(third->header("Connection"), QByteArray("keep-alive"));
}

void TestHttpServer::pipeliningLimitPausesReading()
{
    start();
    m_handler->onRequest = [this](HttpRequest request, HttpResponder responder) {
        m_handler->hold(std::move(request), std::move(responder));
    };
    RawClient client(m_port);
    QByteArray burst;
    for (int i = 0; i < 40; ++i)
        burst += get("/" + QByteArray::number(i));
    client.send(burst);
    QTRY_COMPARE(m_handler->held.size(), size_t(32));
    QTest::qWait(50);
    QCOMPARE(m_handler->held.size(), size_t(32)); // the rest waits in the socket

    for (size_t i = 0; i < 32; ++i)
        m_handler->held[i].send(HttpResponse::text(200, QByteArray::number(qulonglong(i))));
    QTRY_COMPARE(m_handler->held.size(), size_t(40));
    for (size_t i = 32; i < 40; ++i)
        m_handler->held[i].send(HttpResponse::text(200, QByteArray::number(qulonglong(i))));
    for (int i = 0; i < 40; ++i) {
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->body, QByteArray::number(i));
    }
}

void TestHttpServer::requestLimitClosesTheConnection()
{
    HttpServerLimits limits;
    limits.maxRequestsPerConnection = 2;
    limits.headerTimeout = 300ms; // bounds the lingering close
    start(limits);
    RawClient client(m_port);
    client.send(get("/1") + get("/2") + get("/3"));
    const auto first = client.next();
    const auto second = client.next();
    QVERIFY(first && second);
    QCOMPARE(first->header("Connection"), QByteArray("keep-alive"));
    QCOMPARE(second->header("Connection"), QByteArray("close"));
    QVERIFY(client.waitClosedByServer());
    QVERIFY(client.buffer.isEmpty());
    QCOMPARE(m_handler->requests.size(), 2);
}

void TestHttpServer::bodyTooLargeIsRefusedBeforeTheBody_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<qint64>("length");
    QTest::newRow("server limit") << QByteArray("/upload") << qint64(10'000'000);
    QTest::newRow("handler limit") << QByteArray("/small") << qint64(17);
}

void TestHttpServer::bodyTooLargeIsRefusedBeforeTheBody()
{
    QFETCH(QByteArray, path);
    QFETCH(qint64, length);
    HttpServerLimits limits;
    limits.maxBodyBytes = 1024;
    limits.headerTimeout = 300ms; // also bounds the lingering close
    start(limits);
    RawClient client(m_port);
    // Only the head: a server waiting for the body would answer only after bodyTimeout (30 s).
    client.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + QByteArray::number(length) + "\r\n\r\n");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QVERIFY(m_handler->requests.isEmpty());
    QCOMPARE(m_server->refusedCount(), quint64(1));
    QVERIFY(client.waitClosedByServer());
}

void TestHttpServer::expectContinueAccepted()
{
    start();
    RawClient client(m_port);
    client.send("POST /hook HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\n"
                "Content-Length: 5\r\n\r\n");
    const auto interim = client.next();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    QVERIFY(m_handler->requests.isEmpty());
    client.send("hello");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("POST /hook hello"));
}

void TestHttpServer::expectContinueRefused()
{
    start();
    RawClient client(m_port);
    client.send("POST /small HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                "Content-Length: 1000\r\n\r\n");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 413); // and no 100 Continue before it
    QCOMPARE(response->header("Connection"), QByteArray("close"));
}

void TestHttpServer::slowHeadTimesOut()
{
    HttpServerLimits limits;
    limits.headerTimeout = 200ms;
    start(limits);
    QSignalSpy refused(m_server.get(), &HttpServer::refused);
    RawClient client(m_port);
    client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    // Slowloris: a byte every 20 ms keeps the connection busy but never finishes the head.
    QTimer drip;
    QObject::connect(&drip, &QTimer::timeout, &client.socket, [&client] { client.send("a"); });
    drip.start(20);
    QElapsedTimer elapsed;
    elapsed.start();
    const auto response = client.next();
    drip.stop();
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QVERIFY(elapsed.elapsed() < 2000);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(0).toInt(), 408);
    QVERIFY(m_handler->requests.isEmpty());
}

void TestHttpServer::slowBodyTimesOut()
{
    HttpServerLimits limits;
    limits.bodyTimeout = 200ms;
    start(limits);
    RawClient client(m_port);
    client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QVERIFY(m_handler->requests.isEmpty());
}

void TestHttpServer::idleConnectionsAreClosedSilently()
{
    HttpServerLimits limits;
    limits.idleTimeout = 200ms;
    limits.headerTimeout = 200ms;
    start(limits);
    RawClient used(m_port);
    RawClient silent(m_port); // never sends a byte
    used.send(get("/"));
    QVERIFY(used.next());
    QTRY_COMPARE(m_server->connectionCount(), 2);

    QVERIFY(used.waitClosedByServer());
    QVERIFY(used.buffer.isEmpty()); // no 408 for a connection between requests
    QVERIFY(silent.waitClosedByServer());
    QVERIFY(silent.buffer.isEmpty());
    QCOMPARE(m_server->refusedCount(), quint64(0));
    QTRY_COMPARE(m_server->connectionCount(), 0);
}

void TestHttpServer::connectionCapAnswers503()
{
    HttpServerLimits limits;
    limits.maxConnections = 2;
    start(limits);
    QSignalSpy refused(m_server.get(), &HttpServer::refused);
    auto first = std::make_unique<RawClient>(m_port);
    RawClient second(m_port);
    QTRY_COMPARE(m_server->connectionCount(), 2);

    RawClient third(m_port); // answered at once, without reading a request
    const auto response = third.next();
    QVERIFY(response);
    QCOMPARE(response->status, 503);
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QVERIFY(third.waitClosedByServer());
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(0).toInt(), 503);
    QVERIFY(m_handler->requests.isEmpty());

    first.reset();
    QTRY_COMPARE(m_server->connectionCount(), 1);
    RawClient fourth(m_port);
    fourth.send(get("/again"));
    const auto ok = fourth.next();
    QVERIFY(ok);
    QCOMPARE(ok->status, 200);
}

void TestHttpServer::droppedResponderAnswers500()
{
    start();
    m_handler->onRequest = [](HttpRequest, HttpResponder) {};
    QTest::ignoreMessage(QtWarningMsg, "a request was dropped without an answer; answering 500");
    RawClient client(m_port);
    client.send(get("/forgotten"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 500);
    QCOMPARE(response->header("Connection"), QByteArray("keep-alive"));
    m_handler->onRequest = nullptr;
    client.send(get("/next"));
    const auto next = client.next();
    QVERIFY(next);
    QCOMPARE(next->status, 200);
}

void TestHttpServer::secondAnswerIsIgnored()
{
    start();
    m_handler->onRequest = [](HttpRequest, HttpResponder responder) {
        responder.send(HttpResponse::text(200, "once"));
        QVERIFY(!responder.isValid());
        responder.send(HttpResponse::text(500, "twice"));
    };
    QTest::ignoreMessage(QtWarningMsg, "a request was answered twice; the later answer is ignored");
    RawClient client(m_port);
    client.send(get("/a") + get("/b", "Connection: close\r\n"));
    QTest::ignoreMessage(QtWarningMsg, "a request was answered twice; the later answer is ignored");
    const auto first = client.next();
    const auto second = client.next();
    QVERIFY(first && second);
    QCOMPARE(first->body, QByteArray("once"));
    QCOMPARE(second->body, QByteArray("once"));
    QVERIFY(client.waitClosedByServer());
    QVERIFY(client.buffer.isEmpty());
}

void TestHttpServer::answerAfterClientLeftIsHarmless()
{
    start();
    m_handler->onRequest = [this](HttpRequest request, HttpResponder responder) {
        m_handler->hold(std::move(request), std::move(responder));
    };
    {
        RawClient client(m_port);
        client.send(get("/a") + get("/b"));
        QTRY_COMPARE(m_handler->held.size(), size_t(2));
        QVERIFY(m_handler->held[0].isValid());
    }
    QTRY_COMPARE(m_server->connectionCount(), 0);
    QVERIFY(!m_handler->held[0].isValid());
    m_handler->held[0].send(HttpResponse::text(200, "too late")); // a no-op, no warning
    m_handler->held.clear(); // the unanswered one: no 500 to send anywhere
    m_handler->onRequest = nullptr;

    RawClient another(m_port);
    another.send(get("/c"));
    QVERIFY(another.next());
}

void TestHttpServer::fileRanges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentRange");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("length");

    // The file holds 1000 bytes.
    QTest::newRow("no range") << QByteArray() << 200 << QByteArray() << 0 << 1000;
    QTest::newRow("a-b") << QByteArray("bytes=0-99") << 206 << QByteArray("bytes 0-99/1000") << 0
                         << 100;
    QTest::newRow("a-") << QByteArray("bytes=900-") << 206 << QByteArray("bytes 900-999/1000")
                        << 900 << 100;
    QTest::newRow("-n") << QByteArray("bytes=-10") << 206 << QByteArray("bytes 990-999/1000") << 990
                        << 10;
    QTest::newRow("end past the file")
            << QByteArray("bytes=990-5000") << 206 << QByteArray("bytes 990-999/1000") << 990 << 10;
    QTest::newRow("suffix longer than the file")
            << QByteArray("bytes=-5000") << 206 << QByteArray("bytes 0-999/1000") << 0 << 1000;
    QTest::newRow("single byte") << QByteArray("bytes=5-5") << 206 << QByteArray("bytes 5-5/1000")
                                 << 5 << 1;
    QTest::newRow("start past the end")
            << QByteArray("bytes=1000-") << 416 << QByteArray("bytes */1000") << 0 << 0;
    QTest::newRow("empty suffix") << QByteArray("bytes=-0") << 416 << QByteArray("bytes */1000")
                                  << 0 << 0;
    QTest::newRow("reversed") << QByteArray("bytes=5-1") << 200 << QByteArray() << 0 << 1000;
    QTest::newRow("several ranges")
            << QByteArray("bytes=0-1,5-6") << 200 << QByteArray() << 0 << 1000;
    QTest::newRow("other unit") << QByteArray("items=0-1") << 200 << QByteArray() << 0 << 1000;
    QTest::newRow("garbage") << QByteArray("bytes=x-y") << 200 << QByteArray() << 0 << 1000;
}

void TestHttpServer::fileRanges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(QByteArray, contentRange);
    QFETCH(int, first);
    QFETCH(int, length);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("recording.mp3"));
    QByteArray content;
    for (int i = 0; i < 1000; ++i)
        content.append(char('a' + i % 26));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    start();
    m_handler->onRequest = [path](HttpRequest request, HttpResponder responder) {
        responder.send(HttpResponse::fileWithRange(path, request.header("Range"), "audio/mpeg"));
    };
    RawClient client(m_port);
    client.send(get("/recording", range.isEmpty() ? QByteArray() : "Range: " + range + "\r\n"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, status);
    QCOMPARE(response->header("Accept-Ranges"), QByteArray("bytes"));
    QCOMPARE(response->header("Content-Range"), contentRange);
    QCOMPARE(response->body, content.mid(first, length));
    if (status != 416)
        QCOMPARE(response->header("Content-Type"), QByteArray("audio/mpeg"));
    QCOMPARE(response->header("Connection"), QByteArray("keep-alive"));
}

void TestHttpServer::missingFileIs404()
{
    start();
    m_handler->onRequest = [](HttpRequest, HttpResponder responder) {
        responder.send(HttpResponse::fileWithRange(QStringLiteral("/nonexistent/file.mp3"),
                                                   "bytes=0-1", "audio/mpeg"));
    };
    RawClient client(m_port);
    client.send(get("/recording"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 404);
}

void TestHttpServer::largeFileIsStreamed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("large.bin"));
    QByteArray content(5 * 1024 * 1024 + 124, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    start();
    m_handler->onRequest = [path](HttpRequest request, HttpResponder responder) {
        responder.send(HttpResponse::fileWithRange(path, request.header("Range"),
                                                   "application/octet-stream"));
    };
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(url(QStringLiteral("/f")))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(),
             qlonglong(content.size()));
    QVERIFY(reply->readAll() == content);

    QNetworkRequest ranged(url(QStringLiteral("/f")));
    ranged.setRawHeader("Range", "bytes=3000000-3999999");
    reply.reset(manager.get(ranged));
    QSignalSpy rangeFinished(reply.get(), &QNetworkReply::finished);
    QVERIFY(rangeFinished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 206);
    QVERIFY(reply->readAll() == content.mid(3000000, 1000000));
}

void TestHttpServer::stalledReaderIsCutOff()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sparse.bin"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(64 * 1024 * 1024)); // more than the kernel's socket buffers hold
    }
    HttpServerLimits limits;
    limits.idleTimeout = 300ms;
    start(limits);
    m_handler->onRequest = [path](HttpRequest, HttpResponder responder) {
        responder.send(HttpResponse::fileWithRange(path, {}, "application/octet-stream"));
    };
    RawClient client(m_port);
    client.socket.setReadBufferSize(4096); // and never read: the server's writes stall
    client.send(get("/download"));
    QTRY_COMPARE(m_server->connectionCount(), 1);
    QTRY_VERIFY(client.socket.bytesAvailable() > 0);
    // Watch the server only: reading here would un-stall the client.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 5000);
    QVERIFY(client.waitClosedByServer());
    QVERIFY(client.buffer.size() < 64 * 1024 * 1024); // cut off, not finished
}

void TestHttpServer::headRequestsGetNoBody()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("f.txt"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("0123456789");
    }
    start();
    m_handler->onRequest = [path](HttpRequest request, HttpResponder responder) {
        if (request.path == "/file")
            responder.send(HttpResponse::fileWithRange(path, {}, "text/plain"));
        else
            responder.send(HttpResponse::text(200, "hello world"));
    };
    RawClient client(m_port);
    client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nHEAD /file HTTP/1.1\r\nHost: x\r\n\r\n"
                + get("/"));
    const auto head = client.next(true);
    const auto fileHead = client.next(true);
    const auto full = client.next();
    QVERIFY(head && fileHead && full);
    QCOMPARE(head->header("Content-Length"), QByteArray("11"));
    QCOMPARE(fileHead->header("Content-Length"), QByteArray("10"));
    QCOMPARE(full->body, QByteArray("hello world")); // so nothing came after the HEAD heads
}

void TestHttpServer::webSocketUpgrade()
{
    start();
    QWebSocketServer webSockets(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
    m_handler->onUpgrade = [&webSockets](const HttpRequest &head, QTcpSocket *socket) {
        if (head.path != "/v1/stream")
            return false;
        socket->setParent(&webSockets);
        QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        webSockets.handleConnection(socket);
        return true;
    };
    QObject::connect(&webSockets, &QWebSocketServer::newConnection, &webSockets, [&webSockets] {
        QWebSocket *peer = webSockets.nextPendingConnection();
        peer->setParent(&webSockets);
        QObject::connect(peer, &QWebSocket::textMessageReceived, peer, [peer](const QString &text) {
            peer->sendTextMessage(QStringLiteral("echo:") + text);
        });
    });

    QWebSocket client;
    client.setProxy(QNetworkProxy::NoProxy);
    QSignalSpy connected(&client, &QWebSocket::connected);
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/stream").arg(m_port)));
    QVERIFY(connected.wait(3000));
    client.sendTextMessage(QStringLiteral("hello"));
    QVERIFY(received.wait(3000));
    QCOMPARE(received.first().first().toString(), QStringLiteral("echo:hello"));
    QCOMPARE(m_handler->upgrades, 1);
    QVERIFY(m_handler->requests.isEmpty());
    QCOMPARE(m_server->connectionCount(), 0); // the socket is the handler's now
    client.close();
}

void TestHttpServer::webSocketUpgradeAfterKeepAliveRequest_data()
{
    QTest::addColumn<bool>("pipelined");
    QTest::newRow("after the answer") << false;
    QTest::newRow("pipelined behind an unanswered request") << true;
}

void TestHttpServer::webSocketUpgradeAfterKeepAliveRequest()
{
    QFETCH(bool, pipelined);
    start();
    QWebSocketServer webSockets(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
    m_handler->onUpgrade = [&webSockets](const HttpRequest &, QTcpSocket *socket) {
        socket->setParent(&webSockets);
        webSockets.handleConnection(socket);
        return true;
    };
    QObject::connect(&webSockets, &QWebSocketServer::newConnection, &webSockets, [&webSockets] {
        QWebSocket *peer = webSockets.nextPendingConnection();
        peer->setParent(&webSockets);
        QObject::connect(peer, &QWebSocket::textMessageReceived, peer, [peer](const QString &text) {
            peer->sendTextMessage(QStringLiteral("echo:") + text);
        });
    });
    m_handler->onRequest = [this](HttpRequest request, HttpResponder responder) {
        m_handler->hold(std::move(request), std::move(responder));
    };

    RawClient client(m_port);
    if (pipelined) {
        client.send(get("/before") + webSocketHandshake());
        QTRY_COMPARE(m_handler->held.size(), size_t(1));
        QTest::qWait(20);
        QCOMPARE(m_handler->upgrades, 0); // not before the earlier answer is out
        m_handler->held[0].send(HttpResponse::text(200, "before"));
    } else {
        client.send(get("/before"));
        QTRY_COMPARE(m_handler->held.size(), size_t(1));
        m_handler->held[0].send(HttpResponse::text(200, "before"));
    }
    const auto before = client.next();
    QVERIFY(before);
    QCOMPARE(before->body, QByteArray("before"));
    QCOMPARE(before->header("Connection"), QByteArray("keep-alive"));
    if (!pipelined)
        client.send(webSocketHandshake());

    const auto switching = client.next();
    QVERIFY(switching);
    QCOMPARE(switching->status, 101);
    const QByteArray keyAndGuid = webSocketKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    const QByteArray accept
            = QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
    QCOMPARE(switching->header("Sec-WebSocket-Accept"), accept);
    QCOMPARE(m_handler->upgrades, 1);

    client.send(maskedTextFrame("hi"));
    QVERIFY(client.waitForBytes(2 + 7));
    QCOMPARE(client.buffer.left(9),
             QByteArray("\x81\x07"
                        "echo:hi"));
}

void TestHttpServer::declinedUpgradeIsAnOrdinaryRequest()
{
    start();
    RawClient client(m_port);
    client.send(webSocketHandshake());
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("GET /v1/stream "));
    QCOMPARE(m_handler->upgrades, 1);
}

void TestHttpServer::servesTls()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    const QSslCertificate certificate(Test::readData(QStringLiteral("http/localhost.crt")));
    const QSslKey key(Test::readData(QStringLiteral("http/localhost.key")), QSsl::Ec);
    QVERIFY(!certificate.isNull() && !key.isNull());

    m_server = std::make_unique<HttpServer>(m_handler.get(), HttpServerLimits());
    auto *listener = new QSslServer;
    QSslConfiguration serverConfiguration = QSslConfiguration::defaultConfiguration();
    serverConfiguration.setLocalCertificate(certificate);
    serverConfiguration.setPrivateKey(key);
    listener->setSslConfiguration(serverConfiguration);
    QVERIFY(listener->listen(QHostAddress::LocalHost, 0));
    m_server->serve(listener);

    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(
            QUrl(QStringLiteral("https://127.0.0.1:%1/secure?a=1").arg(listener->serverPort())));
    QSslConfiguration clientConfiguration = QSslConfiguration::defaultConfiguration();
    clientConfiguration.setCaCertificates({ certificate });
    request.setSslConfiguration(clientConfiguration);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    std::unique_ptr<QNetworkReply> reply(manager.post(request, QByteArray("over tls")));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("POST /secure?a=1 over tls"));
    QCOMPARE(m_handler->requests.size(), 1);
    QVERIFY(m_handler->requests.first().encrypted);
}

void TestHttpServer::stopAcceptingDrainsInFlightRequests()
{
    start();
    m_handler->onRequest = [this](HttpRequest request, HttpResponder responder) {
        if (request.path == "/slow")
            m_handler->hold(std::move(request), std::move(responder));
        else
            responder.send(HttpResponse::text(200, "quick"));
    };
    RawClient idle(m_port);
    idle.send(get("/quick"));
    QVERIFY(idle.next());
    RawClient busy(m_port);
    busy.send(get("/slow"));
    QTRY_COMPARE(m_handler->held.size(), size_t(1));
    QCOMPARE(m_server->connectionCount(), 2);

    QSignalSpy drained(m_server.get(), &HttpServer::drained);
    m_server->stopAccepting();
    QVERIFY(idle.waitClosedByServer());
    QVERIFY(idle.buffer.isEmpty());
    QCOMPARE(drained.size(), 0);

    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(!late.waitForConnected(1000));

    QCOMPARE(drained.size(), 0);
    m_handler->held[0].send(HttpResponse::text(200, "finally"));
    const auto response = busy.next();
    QVERIFY(response);
    QCOMPARE(response->body, QByteArray("finally"));
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QVERIFY(busy.waitClosedByServer());
    QTRY_COMPARE(drained.size(), 1);
    QCOMPARE(m_server->connectionCount(), 0);
}

void TestHttpServer::drainedWithoutConnections()
{
    start();
    QSignalSpy drained(m_server.get(), &HttpServer::drained);
    m_server->stopAccepting();
    QCOMPARE(drained.size(), 0); // asynchronously, like with connections
    QVERIFY(drained.wait(1000));
    m_server->stopAccepting();
    QTest::qWait(20);
    QCOMPARE(drained.size(), 1);
}

QTEST_GUILESS_MAIN(TestHttpServer)

#include "TestHttpServer.moc"
