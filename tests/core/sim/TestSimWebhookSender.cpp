// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimPbx.h"
#include "core/sim/SimWebhookSender.h"
#include "core/webhook/WebhookParser.h"
#include "core/webhook/WebhookVerifier.h"
#include "tests/support/FakeClock.h"
#include "tests/support/LoopbackHttpServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <optional>

using namespace CallBridge;
using namespace std::chrono_literals;

namespace {

const FormFields startFields { { QStringLiteral("event"), QStringLiteral("NOTIFY_START") },
                               { QStringLiteral("call_start"),
                                 QStringLiteral("2026-11-24 11:00:00") },
                               { QStringLiteral("pbx_call_id"), QStringLiteral("in_abc") },
                               { QStringLiteral("caller_id"), QStringLiteral("+48 600 100 200") },
                               { QStringLiteral("called_did"), QStringLiteral("34911234567") } };

} // namespace

class TestSimWebhookSender : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void postsSignedFormBody();
    void reportsTheRelaysAnswerAndErrors();
    void timesOutOnTheClock();
    void delayDropAndDuplicate();
    void notSentWhenSwitchedOffOrWithoutUrl();

private:
    // Sends and waits for `done`; nullopt if it never came.
    std::optional<SimSendResult> sendAndWait(const FormFields &fields,
                                             const SimSendOptions &options = {});

    std::unique_ptr<Test::FakeClock> m_clock;
    std::unique_ptr<Test::LoopbackHttpServer> m_relay;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SimPbx> m_pbx;
    std::unique_ptr<SimWebhookSender> m_sender;
};

void TestSimWebhookSender::init()
{
    m_clock = std::make_unique<Test::FakeClock>();
    m_relay = std::make_unique<Test::LoopbackHttpServer>();
    m_network = std::make_unique<QNetworkAccessManager>();
    SimConfig config = SimConfig::defaults();
    config.notificationUrl = m_relay->url().resolved(QUrl(QStringLiteral("/zadarma")));
    m_pbx = std::make_unique<SimPbx>(config, m_clock.get());
    m_sender = std::make_unique<SimWebhookSender>(m_pbx.get(), m_network.get());
}

void TestSimWebhookSender::cleanup()
{
    m_sender.reset();
    m_pbx.reset();
    m_network.reset();
    m_relay.reset();
    m_clock.reset();
}

std::optional<SimSendResult> TestSimWebhookSender::sendAndWait(const FormFields &fields,
                                                               const SimSendOptions &options)
{
    std::optional<SimSendResult> result;
    m_sender->send(fields, options, this, [&result](const SimSendResult &r) { result = r; });
    QSignalSpy delivered(m_sender.get(), &SimWebhookSender::delivered);
    for (int i = 0; !result && i < 10; ++i) {
        if (m_sender->inFlight() > 0)
            delivered.wait(2000);
        else if (m_clock->pendingTimers() > 0)
            m_clock->advance(std::max(m_clock->nextTimerIn(), 0ms));
        else
            break;
    }
    return result;
}

void TestSimWebhookSender::postsSignedFormBody()
{
    const auto result = sendAndWait(startFields);
    QVERIFY(result);
    QVERIFY(result->notSent.isEmpty());
    QCOMPARE(result->deliveries.size(), 1);
    QCOMPARE(result->deliveries.first().status, 200);

    QCOMPARE(m_relay->requests().size(), 1);
    const auto &request = m_relay->requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/zadarma"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    // PHP encoding: space as '+', '+' as %2B, ':' as %3A.
    QCOMPARE(request.body,
             QByteArray("event=NOTIFY_START&call_start=2026-11-24+11%3A00%3A00"
                        "&pbx_call_id=in_abc&caller_id=%2B48+600+100+200"
                        "&called_did=34911234567"));
    const auto event = parseWebhook(request.header("Content-Type"), request.body);
    QVERIFY(event);
    QCOMPARE(event->fields, startFields);
    QVERIFY(WebhookVerifier(m_pbx->config().secret)
                    .verify(event.value(), request.header("Signature")));
    QVERIFY(!WebhookVerifier("another-secret").verify(event.value(), request.header("Signature")));
}

void TestSimWebhookSender::reportsTheRelaysAnswerAndErrors()
{
    m_relay->enqueue({ 200, R"({"redirect":"101"})" });
    auto result = sendAndWait(startFields);
    QVERIFY(result);
    QCOMPARE(result->deliveries.first().status, 200);
    QCOMPARE(result->deliveries.first().body, QByteArray(R"({"redirect":"101"})"));
    QVERIFY(result->deliveries.first().error.isEmpty());

    m_relay->enqueue({ 503, "busy", "text/plain" });
    result = sendAndWait(startFields);
    QVERIFY(result);
    QCOMPARE(result->deliveries.first().status, 503);
    QCOMPARE(result->deliveries.first().body, QByteArray("busy"));

    // Nothing listens on a port that was just closed: the connection is refused.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    m_pbx->setNotificationUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/zadarma").arg(port)));
    result = sendAndWait(startFields);
    QVERIFY(result);
    QCOMPARE(result->deliveries.first().status, 0);
    QVERIFY(!result->deliveries.first().error.isEmpty());
}

void TestSimWebhookSender::timesOutOnTheClock()
{
    m_relay->enqueue(Test::LoopbackHttpServer::Response::hanging());
    std::optional<SimSendResult> result;
    m_sender->send(startFields, {}, this, [&result](const SimSendResult &r) { result = r; });
    QSignalSpy received(m_relay.get(), &Test::LoopbackHttpServer::requestReceived);
    QVERIFY(received.wait(2000));
    m_clock->advance(m_pbx->config().answerTimeout - 1ms);
    QVERIFY(!result);
    m_clock->advance(1ms);
    QVERIFY(result);
    QCOMPARE(result->deliveries.first().status, 0);
    QCOMPARE(result->deliveries.first().error, QStringLiteral("no answer within 3000 ms"));
    QCOMPARE(m_sender->inFlight(), 0);
}

void TestSimWebhookSender::delayDropAndDuplicate()
{
    std::optional<SimSendResult> result;
    SimSendOptions delayed;
    delayed.delay = 500ms;
    m_sender->send(startFields, delayed, this, [&result](const SimSendResult &r) { result = r; });
    m_clock->advance(499ms);
    QCOMPARE(m_sender->inFlight(), 0); // not posted yet
    m_clock->advance(1ms);
    QCOMPARE(m_sender->inFlight(), 1);
    QTRY_VERIFY(result);
    QCOMPARE(m_relay->requests().size(), 1);

    SimSendOptions drop;
    drop.drop = true;
    result = sendAndWait(startFields, drop);
    QVERIFY(result);
    QVERIFY(result->dropped);
    QVERIFY(result->deliveries.isEmpty());
    QCOMPARE(m_relay->requests().size(), 1);

    SimSendOptions duplicate;
    duplicate.duplicate = true;
    result = sendAndWait(startFields, duplicate);
    QVERIFY(result);
    QCOMPARE(result->deliveries.size(), 2);
    QCOMPARE(m_relay->requests().size(), 3);
    QCOMPARE(m_relay->requests().at(1).body, m_relay->requests().at(2).body);
    QCOMPARE(m_relay->requests().at(1).header("Signature"),
             m_relay->requests().at(2).header("Signature"));
}

void TestSimWebhookSender::notSentWhenSwitchedOffOrWithoutUrl()
{
    QVERIFY(m_pbx->setNotification(QStringLiteral("notify_start"), false));
    auto result = sendAndWait(startFields);
    QVERIFY(result);
    QCOMPARE(result->notSent, QStringLiteral("not sent: notify_start is switched off"));

    // NOTIFY_RECORD has no switch at Zadarma: always sent.
    result = sendAndWait({ { QStringLiteral("event"), QStringLiteral("NOTIFY_RECORD") },
                           { QStringLiteral("call_id_with_rec"), QStringLiteral("1.2") },
                           { QStringLiteral("pbx_call_id"), QStringLiteral("in_abc") } });
    QVERIFY(result);
    QVERIFY(result->notSent.isEmpty());
    QCOMPARE(m_relay->requests().size(), 1);

    m_pbx->setNotificationUrl(QUrl());
    result = sendAndWait({ { QStringLiteral("event"), QStringLiteral("NOTIFY_RECORD") },
                           { QStringLiteral("call_id_with_rec"), QStringLiteral("1.2") },
                           { QStringLiteral("pbx_call_id"), QStringLiteral("in_abc") } });
    QVERIFY(result);
    QCOMPARE(result->notSent, QStringLiteral("not sent: no notification URL"));
    QCOMPARE(m_relay->requests().size(), 1);
}

QTEST_GUILESS_MAIN(TestSimWebhookSender)
#include "TestSimWebhookSender.moc"
