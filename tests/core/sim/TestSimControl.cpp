// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/SystemClock.h"
#include "core/sim/SimCallRunner.h"
#include "core/sim/SimControl.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimServer.h"
#include "tests/support/FakeClock.h"
#include "tests/support/LoopbackHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace CallBridge;
using namespace Qt::StringLiterals;

namespace {

// A simulator with only its control API, and a relay to receive the webhooks.
struct Simulator
{
    Simulator(Clock *clock, const SimConfig &config)
        : pbx(config, clock), runner(&pbx, &network), control(&pbx, &runner)
    {
        pbx.setNotificationUrl(relay.url().resolved(QUrl(u"/zadarma"_s)));
        server.addHandler("/_sim/", &control);
        if (!server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen");
    }

    Test::LoopbackHttpServer relay;
    QNetworkAccessManager network;
    SimPbx pbx;
    SimCallRunner runner;
    SimControl control;
    SimServer server;
};

struct Answer
{
    int status = 0;
    QJsonObject json;
};

} // namespace

class TestSimControl : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void postScenarioThenWaitForTheOutcome();
    void listAndReset();
    void refusals();
    void waitIsCapped();

private:
    QNetworkReply *request(const QByteArray &method, const QString &path,
                           const QByteArray &body = {});
    Answer call(const QByteArray &method, const QString &path, const QByteArray &body = {});

    SystemClock m_systemClock;
    std::unique_ptr<Test::FakeClock> m_fakeClock;
    QNetworkAccessManager m_client;
    std::unique_ptr<Simulator> m_sim;
};

void TestSimControl::init()
{
    SimConfig config = SimConfig::defaults();
    config.timeScale = 0.001;
    m_sim = std::make_unique<Simulator>(&m_systemClock, config);
}

void TestSimControl::cleanup()
{
    m_sim.reset();
    m_fakeClock.reset();
}

QNetworkReply *TestSimControl::request(const QByteArray &method, const QString &path,
                                       const QByteArray &body)
{
    QUrl url = m_sim->server.url();
    const qsizetype query = path.indexOf(u'?');
    url.setPath(path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return m_client.sendCustomRequest(request, method, body);
}

Answer TestSimControl::call(const QByteArray &method, const QString &path, const QByteArray &body)
{
    std::unique_ptr<QNetworkReply> reply(request(method, path, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(5000))
        return {};
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
             QJsonDocument::fromJson(reply->readAll()).object() };
}

void TestSimControl::postScenarioThenWaitForTheOutcome()
{
    const Answer started = call("POST", u"/_sim/calls"_s, R"({"caller":"+48600100200",
        "ring":["100","101"],"answer":{"by":"101","after":5},"recorded":true})");
    QCOMPARE(started.status, 201);
    const QString id = started.json.value(u"id").toString();
    QCOMPARE(id, u"c1"_s);
    QVERIFY(started.json.value(u"pbx_call_id").toString().startsWith(u"in_"));

    const Answer outcome = call("GET", u"/_sim/calls/"_s + id + u"?wait=1"_s);
    QCOMPARE(outcome.status, 200);
    QCOMPARE(outcome.json.value(u"state").toString(), u"finished"_s);
    QCOMPARE(outcome.json.value(u"pbx_call_id"), started.json.value(u"pbx_call_id"));
    QCOMPARE(outcome.json.value(u"answered_by").toString(), u"101"_s);
    QCOMPARE(outcome.json.value(u"events").toArray().size(), 6);
    QCOMPARE(outcome.json.value(u"scenario").toObject().value(u"called_did").toString(),
             u"34911234567"_s);
    QCOMPARE(m_sim->relay.requests().size(), 6);

    // Without wait, at once; a finished call answers the same.
    const Answer again = call("GET", u"/_sim/calls/"_s + id);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json, outcome.json);
}

void TestSimControl::listAndReset()
{
    const Answer first = call("POST", u"/_sim/calls"_s, R"({"caller":"+48600100200"})");
    const Answer second = call("POST", u"/_sim/calls/"_s,
                               R"({"direction":"outbound","destination":"+442037691880"})");
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 201);
    QCOMPARE(call("GET", u"/_sim/calls/c2?wait=1"_s).status, 200);
    QCOMPARE(call("GET", u"/_sim/calls/c1?wait=1"_s).status, 200);

    const Answer list = call("GET", u"/_sim/calls"_s);
    QCOMPARE(list.status, 200);
    const QJsonArray calls = list.json.value(u"calls").toArray();
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0)[u"id"].toString(), u"c1"_s);
    QCOMPARE(calls.at(0)[u"disposition"].toString(), u"no answer"_s);
    QCOMPARE(calls.at(1)[u"direction"].toString(), u"outbound"_s);
    QVERIFY(!calls.at(1).toObject().contains(u"events"_s)); // summaries only

    const Answer reset = call("POST", u"/_sim/reset"_s);
    QCOMPARE(reset.status, 200);
    QCOMPARE(reset.json.value(u"forgotten").toInt(), 2);
    QCOMPARE(call("GET", u"/_sim/calls/c1"_s).status, 404);
    QCOMPARE(call("GET", u"/_sim/calls"_s).json.value(u"calls").toArray().size(), 0);
    // Ids are not reused after a reset.
    QCOMPARE(call("POST", u"/_sim/calls"_s, R"({"caller":"1"})").json.value(u"id").toString(),
             u"c3"_s);
}

void TestSimControl::refusals()
{
    Answer answer = call("POST", u"/_sim/calls"_s, R"({"caller":"1","ring":["100","120"]})");
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json.value(u"status").toString(), u"error"_s);
    QVERIFY(answer.json.value(u"message").toString().contains(u"unknown extension \"120\""));

    answer = call("POST", u"/_sim/calls"_s, "not json");
    QCOMPARE(answer.status, 400);

    QCOMPARE(call("GET", u"/_sim/calls/c99"_s).status, 404);
    QCOMPARE(call("GET", u"/_sim/nothing"_s).status, 404);
    QCOMPARE(call("DELETE", u"/_sim/calls"_s).status, 405);
    QCOMPARE(call("GET", u"/_sim/reset"_s).status, 405);

    m_sim->pbx.setNotificationUrl(QUrl());
    answer = call("POST", u"/_sim/calls"_s, R"({"caller":"1"})");
    QCOMPARE(answer.status, 409);
    QVERIFY(answer.json.value(u"message").toString().contains(u"notification URL"));
    QVERIFY(m_sim->runner.outcomes().isEmpty());
}

void TestSimControl::waitIsCapped()
{
    m_sim.reset();
    m_fakeClock = std::make_unique<Test::FakeClock>();
    SimConfig config = SimConfig::defaults();
    config.timeScale = 1;
    m_sim = std::make_unique<Simulator>(m_fakeClock.get(), config);

    const Answer started
            = call("POST", u"/_sim/calls"_s, R"({"caller":"1","answer":{},"duration":86400})");
    QCOMPARE(started.status, 201);
    std::unique_ptr<QNetworkReply> waiting(request("GET", u"/_sim/calls/c1?wait=1"_s));
    // Each step moves the clock a minute; once the request has arrived, the cap answers it.
    QTRY_VERIFY_WITH_TIMEOUT((m_fakeClock->advance(SimControl::maxWait), waiting->isFinished()),
                             5000);
    QCOMPARE(waiting->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject outcome = QJsonDocument::fromJson(waiting->readAll()).object();
    QCOMPARE(outcome.value(u"state").toString(), u"running"_s);
    QCOMPARE(outcome.value(u"id").toString(), u"c1"_s);
}

QTEST_GUILESS_MAIN(TestSimControl)
#include "TestSimControl.moc"
