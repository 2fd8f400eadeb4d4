// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/LoopbackHttpServer.h"
#include "tests/support/ProcessRun.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace CallBridge;
using Server = Test::LoopbackHttpServer;

using Run = Test::ProcessRun;

// Runs the real callbridge-relay binary against a real HTTP server on loopback.
class TestRelayZadarmaCli : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_server = std::make_unique<Server>(); }
    void cleanup() { m_server.reset(); }

    void balanceSendsThePublicVectorsAuthorization();
    void callbackSendsTheSignedSortedQuery();
    void postSendsAFormBodyAndArraysAsPhp();
    void apiErrorExitsWithOneAndZadarmasMessage();
    void nonJsonAnswerExitsWithThree();
    void missingCredentialsExitWithTwoAndSendNothing();
    void badArgumentsExitWithTwo_data();
    void badArgumentsExitWithTwo();
    void secretIsNeverPrinted();
    void helpDescribesTheCommand();

private:
    Run run(const QStringList &arguments, const QByteArray &key = "abc123",
            const QByteArray &secret = "s3cr3t", bool useApiUrlOption = true);

    std::unique_ptr<Server> m_server;
};

Run TestRelayZadarmaCli::run(const QStringList &arguments, const QByteArray &key,
                             const QByteArray &secret, bool useApiUrlOption)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"));
    environment.remove(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"));
    if (!key.isEmpty())
        environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"), QString::fromLatin1(key));
    if (!secret.isEmpty())
        environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"),
                           QString::fromLatin1(secret));
    QStringList allArguments = arguments;
    if (useApiUrlOption)
        allArguments.prepend(QStringLiteral("--api-url=") + m_server->url().toString());
    else
        environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"),
                           m_server->url().toString());
    return Test::runProcess(QStringLiteral(CALLBRIDGE_RELAY_BINARY), allArguments, environment,
                            20000);
}

void TestRelayZadarmaCli::balanceSendsThePublicVectorsAuthorization()
{
    m_server->enqueue({ 200, R"({"status":"success","balance":10.25,"currency":"EUR"})" });
    const Run result = run({ QStringLiteral("zadarma"), QStringLiteral("GET"),
                             QStringLiteral("/v1/info/balance/") });
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(m_server->requests().size(), 1);
    const auto &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QByteArray("/v1/info/balance/"));
    QCOMPARE(request.query, QByteArray("format=json"));
    // zadarma/vectors-public.json, "balance-no-params"
    QCOMPARE(request.header("Authorization"),
             QByteArray("abc123:ZDJmNTAyNWRlN2FjYWQxMjg2OGM4NGQ1ZDkxOWM0N2Q1NDc3YmFiMQ=="));
    const QJsonObject printed = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(printed.value(QStringLiteral("balance")).toDouble(), 10.25);
    QCOMPARE(printed.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
}

void TestRelayZadarmaCli::callbackSendsTheSignedSortedQuery()
{
    m_server->enqueue(
            { 200, R"({"status":"success","from":100,"to":"442037691880","time":1764062100})" });
    const Run result = run({ QStringLiteral("zadarma"), QStringLiteral("get"),
                             QStringLiteral("request/callback"), QStringLiteral("from=100"),
                             QStringLiteral("to=+442037691880"), QStringLiteral("sip=100"),
                             QStringLiteral("predicted=1") },
                           "abc123", "s3cr3t", false);
    QCOMPARE(result.exitCode, 0);
    const auto &request = m_server->requests().first();
    QCOMPARE(request.path, QByteArray("/v1/request/callback/"));
    QCOMPARE(request.query,
             QByteArray("format=json&from=100&predicted=1&sip=100&to=%2B442037691880"));
    QCOMPARE(request.header("Authorization"),
             QByteArray("abc123:ZTFmNmJkOGVmOTVlYWFjMDA2ZWU3NmJlMTVhODg4NWQxZGY5YTFiMw=="));
}

void TestRelayZadarmaCli::postSendsAFormBodyAndArraysAsPhp()
{
    const Run result = run({ QStringLiteral("zadarma"), QStringLiteral("POST"),
                             QStringLiteral("/v1/pbx/callinfo/notifications/"),
                             QStringLiteral("notify_start=true"), QStringLiteral("ids[]=1"),
                             QStringLiteral("ids[]=2"), QStringLiteral("opts[b]=x y"),
                             QStringLiteral("opts[a]=~") });
    QCOMPARE(result.exitCode, 0);
    const auto &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(request.body,
             QByteArray("format=json&ids%5B0%5D=1&ids%5B1%5D=2&notify_start=true&opts%5Bb%5D=x+y&"
                        "opts%5Ba%5D=%7E"));
    QVERIFY(request.header("Authorization").startsWith("abc123:"));
}

void TestRelayZadarmaCli::apiErrorExitsWithOneAndZadarmasMessage()
{
    m_server->enqueue({ 401, R"({"status":"error","message":"Auth error"})" });
    const Run result = run({ QStringLiteral("zadarma"), QStringLiteral("GET"),
                             QStringLiteral("/v1/info/balance/") });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("Auth error") && result.err.contains("401"),
             result.err.constData());
    QVERIFY(result.out.isEmpty());
}

void TestRelayZadarmaCli::nonJsonAnswerExitsWithThree()
{
    m_server->enqueue({ 200, "<html>maintenance</html>", "text/html" });
    const Run result = run({ QStringLiteral("zadarma"), QStringLiteral("GET"),
                             QStringLiteral("/v1/info/balance/") });
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("not JSON"), result.err.constData());
}

void TestRelayZadarmaCli::missingCredentialsExitWithTwoAndSendNothing()
{
    const Run result = run({ QStringLiteral("zadarma"), QStringLiteral("GET"),
                             QStringLiteral("/v1/info/balance/") },
                           "abc123", "");
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("CALLBRIDGE_ZADARMA_SECRET"), result.err.constData());
    QVERIFY(m_server->requests().isEmpty());
}

void TestRelayZadarmaCli::badArgumentsExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("hint");
    QTest::newRow("no method") << QStringList { QStringLiteral("zadarma") }
                               << QByteArray("HTTP method");
    QTest::newRow("bad method") << QStringList { QStringLiteral("zadarma"), QStringLiteral("PATCH"),
                                                 QStringLiteral("/v1/info/balance/") }
                                << QByteArray("PATCH");
    QTest::newRow("not name=value")
            << QStringList { QStringLiteral("zadarma"), QStringLiteral("GET"),
                             QStringLiteral("/v1/x/"), QStringLiteral("oops") }
            << QByteArray("name=value");
    QTest::newRow("unclosed bracket")
            << QStringList { QStringLiteral("zadarma"), QStringLiteral("GET"),
                             QStringLiteral("/v1/x/"), QStringLiteral("a[b=1") }
            << QByteArray("brackets");
    QTest::newRow("url as path") << QStringList {
        QStringLiteral("zadarma"), QStringLiteral("GET"),
        QStringLiteral("https://api.zadarma.com/v1/info/balance/")
    } << QByteArray("--api-url");
    QTest::newRow("unknown command")
            << QStringList { QStringLiteral("serve-all") } << QByteArray("unknown command");
    QTest::newRow("bad timeout") << QStringList { QStringLiteral("--timeout=0"),
                                                  QStringLiteral("zadarma"), QStringLiteral("GET"),
                                                  QStringLiteral("x") }
                                 << QByteArray("--timeout");
}

void TestRelayZadarmaCli::badArgumentsExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, hint);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(hint), result.err.constData());
    QVERIFY(m_server->requests().isEmpty());
}

void TestRelayZadarmaCli::secretIsNeverPrinted()
{
    const QByteArray secret = "VerySecretValue0123456789";
    m_server->enqueue({ 401, R"({"status":"error","message":"Auth error"})" });
    const Run failed = run({ QStringLiteral("--verbose"), QStringLiteral("zadarma"),
                             QStringLiteral("GET"), QStringLiteral("/v1/info/balance/") },
                           "abc123", secret);
    const Run succeeded = run({ QStringLiteral("--verbose"), QStringLiteral("zadarma"),
                                QStringLiteral("GET"), QStringLiteral("/v1/info/balance/") },
                              "abc123", secret);
    QCOMPARE(succeeded.exitCode, 0);
    for (const Run &result : { failed, succeeded }) {
        const QByteArray everything = result.out + result.err;
        QVERIFY(!everything.contains(secret));
        QVERIFY(!everything.contains(m_server->requests().first().header("Authorization").mid(7)));
    }
    QVERIFY(succeeded.err.contains(
            "/v1/info/balance/")); // --verbose logs the request, not its signature
}

void TestRelayZadarmaCli::helpDescribesTheCommand()
{
    const Run result = run({ QStringLiteral("--help") });
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("zadarma <GET|POST|PUT|DELETE> <method-path> [name=value ...]"));
    QVERIFY(result.out.contains("CALLBRIDGE_ZADARMA_KEY"));
}

QTEST_GUILESS_MAIN(TestRelayZadarmaCli)
#include "TestRelayZadarmaCli.moc"
