// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/PhpQuery.h"
#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaSigner.h"
#include "tests/support/FakeClock.h"
#include "tests/support/LoopbackHttpServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace CallBridge;
using namespace std::chrono_literals;
using Server = Test::LoopbackHttpServer;

class TestZadarmaClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void getSendsTheOfficialAuthorizationHeader();
    void getSendsTheSortedSignedQuery();
    void serverRecanonicalisesWhatWasSent();
    void postPutDeleteSendASignedFormBody_data();
    void postPutDeleteSendASignedFormBody();
    void successIsParsedIntoTypes();
    void numericCallIdsKeepEveryDigit();
    void errorStatusWithHttp200IsAnError();
    void authErrorCarriesZadarmasMessage();
    void nonJsonAnswerIsAnErrorNotACrash_data();
    void nonJsonAnswerIsAnErrorNotACrash();
    void serverErrorIsRetriedOnlyWhenSafe();
    void rateLimitStormBacksOffHonouringRetryAfter();
    void rateLimitRetriesEvenUnsafeRequests();
    void timeoutRetriesSafeRequestsOnly();
    void connectionRefusedIsANetworkError();
    void clientKeepsWithinTheRateLimits();
    void statisticsWaitingDoesNotBlockOthers();
    void fullQueueRefusesAtOnce();
    void missingCredentialsSendNothing();
    void redirectIsNotFollowed();
    void oversizedAnswerIsRefused();
    void destroyingTheClientCancelsPending();

private:
    ZadarmaReply *sendAndSettle(ZadarmaReply *reply);
    void settle();
    // Advances fake time step by step until the reply finishes (network I/O in between).
    void runUntilFinished(ZadarmaReply *reply);

    std::unique_ptr<Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Test::FakeClock> m_clock;
    std::unique_ptr<ZadarmaClient> m_client;
    ZadarmaClientConfig m_config;

    void makeClient(const ZadarmaClientConfig &config)
    {
        m_client = std::make_unique<ZadarmaClient>(m_network.get(), m_clock.get(), config);
        m_client->setCredentials({ "abc123", "s3cr3t" });
    }
};

void TestZadarmaClient::init()
{
    m_server = std::make_unique<Server>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_clock = std::make_unique<Test::FakeClock>();
    m_config = {};
    m_config.baseUrl = m_server->url();
    m_config.backoffJitter = 0; // exact back-off times in these tests
    makeClient(m_config);
}

void TestZadarmaClient::cleanup()
{
    m_client.reset();
    m_network.reset();
    m_server.reset();
    m_clock.reset();
}

void TestZadarmaClient::settle()
{
    // Real network I/O finishes in real time; fake timers wait for advance().
    QTRY_VERIFY_WITH_TIMEOUT(m_client->inFlightCount() == 0 && m_client->queuedCount() >= 0, 10000);
    QCoreApplication::processEvents();
}

void TestZadarmaClient::runUntilFinished(ZadarmaReply *reply)
{
    for (int step = 0; step < 100 && !reply->isFinished(); ++step) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished() || m_client->inFlightCount() == 0, 10000);
        QCoreApplication::processEvents();
        if (reply->isFinished())
            break;
        if (m_client->inFlightCount() == 0) {
            const auto next = m_clock->nextTimerIn();
            m_clock->advance(next > 0ms ? next : 1ms);
        }
    }
    QVERIFY(reply->isFinished());
}

ZadarmaReply *TestZadarmaClient::sendAndSettle(ZadarmaReply *reply)
{
    QSignalSpy finished(reply, &ZadarmaReply::finished);
    if (!finished.wait(10000))
        qWarning("reply did not finish");
    return reply;
}

void TestZadarmaClient::getSendsTheOfficialAuthorizationHeader()
{
    m_server->enqueue({ 200, R"({"status":"success","balance":10.25,"currency":"EUR"})" });
    ZadarmaReply *reply = sendAndSettle(m_client->balance());

    QVERIFY(reply->result());
    QCOMPARE(m_server->requests().size(), 1);
    const Server::Request &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QByteArray("/v1/info/balance/"));
    QCOMPARE(request.query, QByteArray("format=json"));
    QCOMPARE(request.header("Authorization"),
             QByteArray("abc123:ZDJmNTAyNWRlN2FjYWQxMjg2OGM4NGQ1ZDkxOWM0N2Q1NDc3YmFiMQ=="));
    QVERIFY(!request.hasHeader("Content-Type"));
    QCOMPARE(reply->attempts(), 1);
}

void TestZadarmaClient::getSendsTheSortedSignedQuery()
{
    m_server->enqueue(
            { 200, R"({"status":"success","from":100,"to":"442037691880","time":1764062100})" });
    ZadarmaReply *reply = sendAndSettle(m_client->requestCallback(
            QStringLiteral("100"), QStringLiteral("+442037691880"), QStringLiteral("100"), true));
    QVERIFY(reply->result());
    const Server::Request &request = m_server->requests().first();
    QCOMPARE(request.path, QByteArray("/v1/request/callback/"));
    QCOMPARE(request.query,
             QByteArray("format=json&from=100&predicted=1&sip=100&to=%2B442037691880"));
    QCOMPARE(request.header("Authorization"),
             QByteArray("abc123:ZTFmNmJkOGVmOTVlYWFjMDA2ZWU3NmJlMTVhODg4NWQxZGY5YTFiMw=="));
    const auto callback = CallbackResult::fromJson(reply->result().value());
    QVERIFY(callback);
    QCOMPARE(callback->from, QStringLiteral("100"));
    QCOMPARE(callback->time, 1764062100);
}

void TestZadarmaClient::serverRecanonicalisesWhatWasSent()
{
    // Zadarma parses the query as PHP does, sorts and re-encodes it, and checks the signature
    // over that: whatever QUrl does to the URL on the way must not change the result.
    PhpArray list;
    list.append("a b");
    list.append("~*'()!");
    const PhpArray parameters { { "to", "+34 91 123 45 67" },
                                { "note", QStringLiteral("Привет, ñandú & co = 100%") },
                                { "ids", list },
                                { "start", "2026-11-24 10:15:00" },
                                { "empty", "" } };
    ZadarmaReply *reply
            = sendAndSettle(m_client->send({ "GET", "/v1/statistics/", parameters, {} }));
    QVERIFY(reply->result());
    const Server::Request &request = m_server->requests().first();
    PhpArray received = phpParseQuery(request.query);
    phpKsort(received);
    const auto expected = signZadarmaRequest("/v1/statistics/", parameters, "abc123", "s3cr3t");
    QCOMPARE(phpHttpBuildQuery(received), expected.query);
    QCOMPARE(request.header("Authorization"), expected.authorization);
}

void TestZadarmaClient::postPutDeleteSendASignedFormBody_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("POST") << QByteArray("POST");
    QTest::newRow("PUT") << QByteArray("PUT");
    QTest::newRow("DELETE") << QByteArray("DELETE");
}

void TestZadarmaClient::postPutDeleteSendASignedFormBody()
{
    QFETCH(QByteArray, method);
    const PhpArray parameters { { "url", "https://crm.example.com/zadarma?x=1&y=two words" },
                                { "a", "~" } };
    ZadarmaReply *reply
            = sendAndSettle(m_client->send({ method, "/v1/pbx/callinfo/url/", parameters, {} }));
    QVERIFY(reply->result());
    const Server::Request &request = m_server->requests().first();
    QCOMPARE(request.method, method);
    QCOMPARE(request.query, QByteArray());
    QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    const auto expected
            = signZadarmaRequest("/v1/pbx/callinfo/url/", parameters, "abc123", "s3cr3t");
    QCOMPARE(request.body, expected.query);
    QCOMPARE(request.body,
             QByteArray("a=%7E&format=json&url=https%3A%2F%2Fcrm.example.com%2Fzadarma%3Fx%3D1%26y%"
                        "3Dtwo+words"));
    QCOMPARE(request.header("Authorization"), expected.authorization);
}

void TestZadarmaClient::successIsParsedIntoTypes()
{
    m_server->enqueue({ 200, R"({"status":"success","pbx_id":12345,"numbers":[100,"101",102]})" });
    ZadarmaReply *reply = sendAndSettle(m_client->pbxExtensions());
    const auto extensions = PbxExtensions::fromJson(reply->result().value());
    QVERIFY(extensions);
    QCOMPARE(extensions->pbxId, 12345);
    QCOMPARE(extensions->extensions,
             (QStringList { QStringLiteral("100"), QStringLiteral("101"), QStringLiteral("102") }));
}

void TestZadarmaClient::numericCallIdsKeepEveryDigit()
{
    m_server->enqueue(
            { 200,
              R"({"status":"success","start":"","end":"","stats":[)"
              R"({"call_id":1439981389.2702773,"seconds":3,"pbx_call_id":"in_1"},)"
              R"({"call_id" : 1764062100.3427761,"call_id_with_rec":1764062100.1000001}]})" });
    ZadarmaReply *reply = sendAndSettle(m_client->pbxStatistics({}));
    const auto page = PbxStatisticsPage::fromJson(reply->result().value());
    QVERIFY(page);
    QCOMPARE(page->calls.at(0).callId, QStringLiteral("1439981389.2702773"));
    QCOMPARE(page->calls.at(1).callId, QStringLiteral("1764062100.3427761"));
    QCOMPARE(page->calls.at(0).seconds, 3); // other numbers stay numbers
}

void TestZadarmaClient::errorStatusWithHttp200IsAnError()
{
    m_server->enqueue({ 200, R"({"status":"error","message":"Check phone's number"})" });
    ZadarmaReply *reply
            = sendAndSettle(m_client->requestCallback(QStringLiteral("100"), QStringLiteral("x")));
    QVERIFY(!reply->result());
    QCOMPARE(reply->result().error().kind, ZadarmaError::Kind::Api);
    QCOMPARE(reply->result().error().httpStatus, 200);
    QCOMPARE(reply->result().error().message, QStringLiteral("Check phone's number"));
}

void TestZadarmaClient::authErrorCarriesZadarmasMessage()
{
    m_server->enqueue({ 401, R"({"status":"error","message":"Auth error"})" });
    ZadarmaReply *reply = sendAndSettle(m_client->balance());
    const ZadarmaError &error = reply->result().error();
    QCOMPARE(error.kind, ZadarmaError::Kind::Api);
    QCOMPARE(error.httpStatus, 401);
    QCOMPARE(error.message, QStringLiteral("Auth error"));
    QVERIFY(error.toString().contains(QStringLiteral("HTTP 401")));
    QCOMPARE(m_server->requests().size(), 1); // a 4xx is never repeated
}

void TestZadarmaClient::nonJsonAnswerIsAnErrorNotACrash_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ZadarmaError::Kind>("kind");
    QTest::newRow("html 200") << 200 << QByteArray("<html><body>Maintenance</body></html>")
                              << ZadarmaError::Kind::InvalidResponse;
    QTest::newRow("truncated json") << 200 << QByteArray(R"({"status":"success","bal)")
                                    << ZadarmaError::Kind::InvalidResponse;
    QTest::newRow("json array") << 200 << QByteArray("[1,2,3]")
                                << ZadarmaError::Kind::InvalidResponse;
    QTest::newRow("empty") << 200 << QByteArray() << ZadarmaError::Kind::InvalidResponse;
    QTest::newRow("binary") << 200 << QByteArray("\x00\xff\xfe garbage", 11)
                            << ZadarmaError::Kind::InvalidResponse;
    QTest::newRow("html 404") << 404 << QByteArray("<h1>Not Found</h1>")
                              << ZadarmaError::Kind::Http;
}

void TestZadarmaClient::nonJsonAnswerIsAnErrorNotACrash()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    m_server->enqueue({ status, body, "text/html" });
    ZadarmaReply *reply = sendAndSettle(m_client->balance());
    QVERIFY(!reply->result());
    QTEST(reply->result().error().kind, "kind");
    QCOMPARE(reply->result().error().httpStatus, status);
    QVERIFY(!reply->result().error().message.isEmpty());
}

void TestZadarmaClient::serverErrorIsRetriedOnlyWhenSafe()
{
    // GET balance: safe, so 502, 503 then success.
    m_server->enqueue({ 502, "<html>Bad Gateway</html>", "text/html" });
    m_server->enqueue({ 503, R"({"status":"error","message":"Service unavailable"})" });
    m_server->enqueue({ 200, R"({"status":"success","balance":"5.5","currency":"USD"})" });
    ZadarmaReply *balance = m_client->balance();
    runUntilFinished(balance);
    QVERIFY(balance->result());
    QCOMPARE(balance->attempts(), 3);
    QCOMPARE(m_clock->monotonic(), 1000ms + 2000ms); // back-off 1 s, then 2 s
    QCOMPARE(Balance::fromJson(balance->result().value())->balance, 5.5);

    // request/callback places a call: a 500 may mean it was placed, so it is not repeated.
    m_server->enqueue({ 500, R"({"status":"error","message":"Internal error"})" });
    ZadarmaReply *callback
            = m_client->requestCallback(QStringLiteral("100"), QStringLiteral("+34911234567"));
    runUntilFinished(callback);
    QCOMPARE(callback->attempts(), 1);
    QCOMPARE(callback->result().error().kind, ZadarmaError::Kind::Api);
    QCOMPARE(callback->result().error().httpStatus, 500);
    QCOMPARE(m_server->requests().size(), 4);
}

void TestZadarmaClient::rateLimitStormBacksOffHonouringRetryAfter()
{
    m_server->setHandler([](const Server::Request &) {
        return Server::Response { 429,
                                  R"({"status":"error","message":"You exceeded the rate limit"})",
                                  "application/json",
                                  { { "Retry-After", "7" } } };
    });
    ZadarmaReply *reply = m_client->balance();
    QTRY_COMPARE(m_server->requests().size(), 1);
    settle();
    m_clock->advance(6999ms);
    settle();
    QCOMPARE(m_server->requests().size(), 1); // not before Retry-After
    m_clock->advance(1ms);
    QTRY_COMPARE(m_server->requests().size(), 2);
    runUntilFinished(reply);
    QCOMPARE(m_server->requests().size(), m_config.maxAttempts);
    const ZadarmaError &error = reply->result().error();
    QCOMPARE(error.kind, ZadarmaError::Kind::RateLimited);
    QCOMPARE(error.httpStatus, 429);
    QCOMPARE(error.message, QStringLiteral("You exceeded the rate limit"));
    QCOMPARE(error.attempts, m_config.maxAttempts);
    QCOMPARE(m_clock->monotonic(), 3 * 7000ms);

    // The pause applies to the queue: a new request also waits out Retry-After.
    m_server->setHandler({});
    m_server->enqueue({ 429,
                        R"({"status":"error","message":"You exceeded the rate limit"})",
                        "application/json",
                        { { "Retry-After", "30" } } });
    m_clock->advance(7s); // the storm's last 429 paused the queue too
    ZadarmaReply *first = m_client->balance();
    QTRY_COMPARE(m_server->requests().size(), 5);
    settle();
    ZadarmaReply *second = m_client->timezone();
    settle();
    m_clock->advance(29s);
    settle();
    QCOMPARE(m_server->requests().size(), 5);
    m_clock->advance(1s);
    QTRY_COMPARE(m_server->requests().size(), 7);
    runUntilFinished(first);
    runUntilFinished(second);
    QVERIFY(first->result());
    QVERIFY(second->result());
}

void TestZadarmaClient::rateLimitRetriesEvenUnsafeRequests()
{
    // A 429 means Zadarma did not execute the request, so even a callback is repeated.
    m_server->enqueue({ 429, R"({"status":"error","message":"You exceeded the rate limit"})" });
    m_server->enqueue({ 200, R"({"status":"success","from":"100","to":"34911234567","time":1})" });
    ZadarmaReply *reply
            = m_client->requestCallback(QStringLiteral("100"), QStringLiteral("34911234567"));
    runUntilFinished(reply);
    QVERIFY(reply->result());
    QCOMPARE(reply->attempts(), 2);
}

void TestZadarmaClient::timeoutRetriesSafeRequestsOnly()
{
    m_config.timeout = 5s;
    m_config.maxAttempts = 2;
    makeClient(m_config);
    m_server->setHandler([](const Server::Request &) { return Server::Response::hanging(); });

    ZadarmaReply *balance = m_client->balance();
    QTRY_COMPARE(m_server->requests().size(), 1);
    m_clock->advance(5s);
    QTRY_COMPARE(m_client->inFlightCount(), 0);
    QVERIFY(!balance->isFinished());
    m_clock->advance(1s); // back-off
    QTRY_COMPARE(m_server->requests().size(), 2);
    m_clock->advance(5s);
    QSignalSpy finished(balance, &ZadarmaReply::finished);
    QVERIFY(balance->isFinished() || finished.wait(10000));
    QCOMPARE(balance->result().error().kind, ZadarmaError::Kind::Timeout);
    QCOMPARE(balance->result().error().attempts, 2);

    ZadarmaReply *callback
            = m_client->requestCallback(QStringLiteral("100"), QStringLiteral("34911234567"));
    QTRY_COMPARE(m_server->requests().size(), 3);
    m_clock->advance(5s);
    QSignalSpy callbackFinished(callback, &ZadarmaReply::finished);
    QVERIFY(callback->isFinished() || callbackFinished.wait(10000));
    QCOMPARE(callback->result().error().kind, ZadarmaError::Kind::Timeout);
    QCOMPARE(callback->attempts(), 1);
    QCOMPARE(m_server->requests().size(), 3);
}

void TestZadarmaClient::connectionRefusedIsANetworkError()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    m_config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    makeClient(m_config);
    ZadarmaReply *reply = m_client->balance();
    runUntilFinished(reply);
    QCOMPARE(reply->result().error().kind, ZadarmaError::Kind::Network);
    QCOMPARE(reply->result().error().attempts, m_config.maxAttempts);
    QVERIFY(reply->result().error().toString().contains(QStringLiteral("Could not reach")));
}

void TestZadarmaClient::clientKeepsWithinTheRateLimits()
{
    m_config.limits = { 5, 2, 60s };
    m_config.maxInFlight = 10;
    makeClient(m_config);
    QList<ZadarmaReply *> replies;
    for (int i = 0; i < 7; ++i)
        replies.append(m_client->balance());
    QTRY_COMPARE(m_server->requests().size(), 5);
    settle();
    m_clock->advance(59999ms);
    settle();
    QCOMPARE(m_server->requests().size(), 5);
    m_clock->advance(1ms);
    QTRY_COMPARE(m_server->requests().size(), 7);
    for (ZadarmaReply *reply : replies) {
        runUntilFinished(reply);
        QVERIFY(reply->result());
    }
}

void TestZadarmaClient::statisticsWaitingDoesNotBlockOthers()
{
    m_config.limits = { 100, 2, 60s };
    makeClient(m_config);
    m_server->setHandler([](const Server::Request &request) {
        if (request.path.startsWith("/v1/statistics/"))
            return Server::Response { 200,
                                      R"({"status":"success","start":"","end":"","stats":[]})" };
        return Server::Response {};
    });
    QList<ZadarmaReply *> statistics;
    for (int i = 0; i < 3; ++i)
        statistics.append(m_client->pbxStatistics({}));
    ZadarmaReply *balance = m_client->balance();
    QTRY_COMPARE(m_server->requests().size(), 3); // two statistics and the balance
    settle();
    QVERIFY(balance->isFinished());
    QVERIFY(!statistics.last()->isFinished());
    QCOMPARE(m_server->requests().last().path, QByteArray("/v1/info/balance/"));
    m_clock->advance(60s);
    runUntilFinished(statistics.last());
    QCOMPARE(m_server->requests().size(), 4);
    QVERIFY(PbxStatisticsPage::fromJson(statistics.last()->result().value()));
    QVERIFY(m_server->requests().last().query.contains("limit=1000"));
}

void TestZadarmaClient::fullQueueRefusesAtOnce()
{
    m_config.maxQueued = 2;
    m_config.maxInFlight = 1;
    makeClient(m_config);
    m_server->setHandler([](const Server::Request &) { return Server::Response::hanging(); });
    m_client->balance();
    m_client->balance();
    ZadarmaReply *third = sendAndSettle(m_client->balance());
    QCOMPARE(third->result().error().kind, ZadarmaError::Kind::QueueFull);
    QCOMPARE(third->attempts(), 0);
}

void TestZadarmaClient::missingCredentialsSendNothing()
{
    m_client->setCredentials({ "abc123", "" });
    ZadarmaReply *reply = sendAndSettle(m_client->balance());
    QCOMPARE(reply->result().error().kind, ZadarmaError::Kind::Configuration);
    QVERIFY(m_server->requests().isEmpty());
}

void TestZadarmaClient::redirectIsNotFollowed()
{
    m_server->enqueue({ 302, "", "text/html", { { "Location", "https://evil.example/steal" } } });
    ZadarmaReply *reply = sendAndSettle(m_client->balance());
    QCOMPARE(reply->result().error().kind, ZadarmaError::Kind::InvalidResponse);
    QVERIFY(reply->result().error().message.contains(QStringLiteral("evil.example")));
    QCOMPARE(m_server->requests().size(), 1);
}

void TestZadarmaClient::oversizedAnswerIsRefused()
{
    m_config.maxResponseBytes = 1000;
    makeClient(m_config);
    m_server->enqueue(
            { 200, R"({"status":"success","junk":")" + QByteArray(100000, 'x') + R"("})" });
    ZadarmaReply *reply = sendAndSettle(m_client->balance());
    QCOMPARE(reply->result().error().kind, ZadarmaError::Kind::InvalidResponse);
    QVERIFY(reply->result().error().message.contains(QStringLiteral("larger than")));
}

void TestZadarmaClient::destroyingTheClientCancelsPending()
{
    m_server->setHandler([](const Server::Request &) { return Server::Response::hanging(); });
    ZadarmaReply *reply = m_client->balance();
    QSignalSpy finished(reply, &ZadarmaReply::finished);
    ZadarmaError::Kind kind = ZadarmaError::Kind::Network;
    connect(reply, &ZadarmaReply::finished, this, [&] { kind = reply->result().error().kind; });
    QTRY_COMPARE(m_server->requests().size(), 1);
    m_client.reset();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(kind, ZadarmaError::Kind::Cancelled);
}

QTEST_GUILESS_MAIN(TestZadarmaClient)
#include "TestZadarmaClient.moc"
