// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/PbxStatisticsPager.h"
#include "core/zadarma/PhpQuery.h"
#include "core/zadarma/ZadarmaClient.h"
#include "tests/support/FakeClock.h"
#include "tests/support/LoopbackHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace CallBridge;
using namespace std::chrono_literals;
using Server = Test::LoopbackHttpServer;

namespace {

// A statistics endpoint over `total` calls that honours skip and limit as Zadarma does.
Server::Response statisticsPage(const Server::Request &request, int total, bool ignoreSkip = false)
{
    const PhpArray query = phpParseQuery(request.query);
    const int skip = ignoreSkip ? 0 : query.find(PhpKey("skip"))->toBytes().toInt();
    const int limit = query.find(PhpKey("limit"))->toBytes().toInt();
    QJsonArray stats;
    for (int i = skip; i < std::min(total, skip + limit); ++i) {
        stats.append(QJsonObject {
                { QStringLiteral("call_id"), QStringLiteral("1764062100.%1").arg(i) },
                { QStringLiteral("pbx_call_id"), QStringLiteral("in_%1").arg(i) },
                { QStringLiteral("sip"), QStringLiteral("100") },
                { QStringLiteral("callstart"), QStringLiteral("2026-11-24 10:15:00") },
                { QStringLiteral("clid"), QStringLiteral("+48600100200") },
                { QStringLiteral("destination"), QStringLiteral("100") },
                { QStringLiteral("disposition"), QStringLiteral("answered") },
                { QStringLiteral("seconds"), i % 300 },
                { QStringLiteral("is_recorded"), i % 2 == 0 } });
    }
    const QJsonObject answer { { QStringLiteral("status"), QStringLiteral("success") },
                               { QStringLiteral("start"), QStringLiteral("2026-11-01 00:00:00") },
                               { QStringLiteral("end"), QStringLiteral("2026-11-24 23:59:59") },
                               { QStringLiteral("stats"), stats } };
    return { 200, QJsonDocument(answer).toJson(QJsonDocument::Compact) };
}

} // namespace

class TestPbxStatisticsPager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fetchesEveryPageWithinTheRateLimit();
    void emptyPeriodIsOnePage();
    void errorKeepsThePagesBefore();
    void serverIgnoringSkipIsDetected();

private:
    void runToCompletion(PbxStatisticsPager &pager);

    std::unique_ptr<Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Test::FakeClock> m_clock;
    std::unique_ptr<ZadarmaClient> m_client;
};

void TestPbxStatisticsPager::init()
{
    m_server = std::make_unique<Server>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_clock = std::make_unique<Test::FakeClock>();
    ZadarmaClientConfig config;
    config.baseUrl = m_server->url();
    config.backoffJitter = 0;
    m_client = std::make_unique<ZadarmaClient>(m_network.get(), m_clock.get(), config);
    m_client->setCredentials({ "abc123", "s3cr3t" });
}

void TestPbxStatisticsPager::cleanup()
{
    m_client.reset();
    m_network.reset();
    m_server.reset();
    m_clock.reset();
}

void TestPbxStatisticsPager::runToCompletion(PbxStatisticsPager &pager)
{
    for (int step = 0; step < 50 && !pager.isFinished(); ++step) {
        QTRY_VERIFY_WITH_TIMEOUT(pager.isFinished() || m_client->inFlightCount() == 0, 10000);
        QCoreApplication::processEvents();
        if (!pager.isFinished() && m_client->inFlightCount() == 0 && m_clock->nextTimerIn() >= 0ms)
            m_clock->advance(std::max(m_clock->nextTimerIn(), 1ms));
    }
    QVERIFY(pager.isFinished());
}

void TestPbxStatisticsPager::fetchesEveryPageWithinTheRateLimit()
{
    m_server->setHandler(
            [](const Server::Request &request) { return statisticsPage(request, 3500); });
    PbxStatisticsPager pager(m_client.get(),
                             { QStringLiteral("2026-11-01 00:00:00"), {}, {}, 0, 1000, 2 });
    QSignalSpy progress(&pager, &PbxStatisticsPager::pageReceived);
    pager.start();
    runToCompletion(pager);

    QVERIFY(!pager.error());
    QCOMPARE(pager.pagesFetched(), 4);
    QCOMPARE(pager.calls().size(), 3500);
    QCOMPARE(pager.calls().first().callId, QStringLiteral("1764062100.0"));
    QCOMPARE(pager.calls().last().pbxCallId, QStringLiteral("in_3499"));
    QCOMPARE(pager.calls().at(2).isRecorded, true);
    QCOMPARE(progress.size(), 4);
    QCOMPARE(progress.last().at(1).toLongLong(), 3500);
    // Three statistics requests a minute: the fourth page waited for the window.
    QCOMPARE(m_server->requests().size(), 4);
    QVERIFY(m_clock->monotonic() >= 60s);
    QVERIFY(m_server->requests().at(3).query.contains("skip=3000"));
}

void TestPbxStatisticsPager::emptyPeriodIsOnePage()
{
    m_server->setHandler([](const Server::Request &request) { return statisticsPage(request, 0); });
    PbxStatisticsPager pager(m_client.get(), {});
    pager.start();
    runToCompletion(pager);
    QVERIFY(!pager.error());
    QCOMPARE(pager.pagesFetched(), 1);
    QVERIFY(pager.calls().isEmpty());
}

void TestPbxStatisticsPager::errorKeepsThePagesBefore()
{
    m_server->setHandler([](const Server::Request &request) {
        if (request.query.contains("skip=1000"))
            return Server::Response { 401, R"({"status":"error","message":"Auth error"})" };
        return statisticsPage(request, 2500);
    });
    PbxStatisticsPager pager(m_client.get(), {});
    pager.start();
    runToCompletion(pager);
    QVERIFY(pager.error());
    QCOMPARE(pager.error()->message, QStringLiteral("Auth error"));
    QCOMPARE(pager.calls().size(), 1000);
}

void TestPbxStatisticsPager::serverIgnoringSkipIsDetected()
{
    m_server->setHandler(
            [](const Server::Request &request) { return statisticsPage(request, 5000, true); });
    PbxStatisticsPager pager(m_client.get(), {});
    pager.start();
    runToCompletion(pager);
    QVERIFY(pager.error());
    QCOMPARE(pager.error()->kind, ZadarmaError::Kind::InvalidResponse);
    QCOMPARE(pager.pagesFetched(), 1);
}

QTEST_GUILESS_MAIN(TestPbxStatisticsPager)
#include "TestPbxStatisticsPager.moc"
