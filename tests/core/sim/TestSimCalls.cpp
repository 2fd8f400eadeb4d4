// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calls/CallAggregator.h"
#include "core/common/SystemClock.h"
#include "core/sim/SimCallRunner.h"
#include "core/sim/SimPbx.h"
#include "core/webhook/WebhookParser.h"
#include "core/webhook/WebhookVerifier.h"
#include "tests/support/FakeClock.h"
#include "tests/support/LoopbackHttpServer.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace CallBridge;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

// The relay's side of one simulated account.
struct Sim
{
    Sim(Clock *clock, const SimConfig &config) : pbx(config, clock), runner(&pbx, &network)
    {
        pbx.setNotificationUrl(relay.url().resolved(QUrl(QStringLiteral("/zadarma"))));
    }

    Test::LoopbackHttpServer relay;
    QNetworkAccessManager network;
    SimPbx pbx;
    SimCallRunner runner;
};

QStringList namesOf(const QList<WebhookEvent> &events)
{
    QStringList names;
    for (const WebhookEvent &event : events)
        names.append(event.eventName);
    return names;
}

QStringList namesOf(const SimCallOutcome &outcome)
{
    QStringList names;
    for (const SimEventRecord &event : outcome.events)
        names.append(event.event);
    return names;
}

QStringList fieldNames(const WebhookEvent &event)
{
    QStringList names;
    for (const auto &[name, value] : event.fields.entries())
        names.append(name);
    return names;
}

Call fold(const QList<WebhookEvent> &events)
{
    CallAggregator aggregator;
    for (const WebhookEvent &event : events)
        aggregator.apply(event);
    return aggregator.calls().value(0);
}

const QStringList startFields
        = { QStringLiteral("event"), QStringLiteral("call_start"), QStringLiteral("pbx_call_id"),
            QStringLiteral("caller_id"), QStringLiteral("called_did") };

} // namespace

class TestSimCalls : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void inboundAnswered();
    void inboundTimingOnTheClock();
    void inboundUnanswered_data();
    void inboundUnanswered();
    void outbound();
    void callback();
    void callbackPredicted();
    void callbackToAnOfflineExtension();
    void callbackRefusesUnknownParties();

    void startRedirectRingsTheTarget();
    void startRedirectReturnsToTheScenario();
    void startRedirectWithoutReturn();
    void startRedirectToAScenarioId();
    void startHangupEndsBusy_data();
    void startHangupEndsBusy();
    void startCallerNameIsDisplayed();
    void startWaitsForTheAnswerThenTimesOut();
    void startErrorIsNotHonoured();

    void faultDelay();
    void faultDrop();
    void faultDuplicate();
    void faultLateReorders();
    void faultLateStartIsNotHonoured();
    void faultRatesAreSeeded();
    void switchedOffEventsAreNotSent();
    void withoutNotificationUrl();
    void oldFinishedOutcomesAreForgotten();

private:
    void useFakeClock(SimConfig config = SimConfig::defaults());
    void answerStart(const QByteArray &json, int status = 200);
    QString start(const char *json);
    bool finished(const QString &id) const;
    bool waitFinished(const QString &id);
    // Moves the fake clock from timer to timer, waiting for the relay whenever a POST is out.
    void drive(const QString &id);
    // Every request the relay received, parsed and checked against the core verifier.
    QList<WebhookEvent> received();

    SystemClock m_systemClock;
    std::unique_ptr<Test::FakeClock> m_fakeClock;
    std::unique_ptr<Sim> m_sim;
};

void TestSimCalls::init()
{
    SimConfig config = SimConfig::defaults();
    config.timeScale = 0.0002; // a 60 s call takes 12 ms
    m_sim = std::make_unique<Sim>(&m_systemClock, config);
}

void TestSimCalls::cleanup()
{
    m_sim.reset();
    m_fakeClock.reset();
}

void TestSimCalls::useFakeClock(SimConfig config)
{
    m_sim.reset();
    m_fakeClock = std::make_unique<Test::FakeClock>();
    config.timeScale = 1;
    m_sim = std::make_unique<Sim>(m_fakeClock.get(), config);
}

void TestSimCalls::answerStart(const QByteArray &json, int status)
{
    m_sim->relay.setHandler([json, status](const Test::LoopbackHttpServer::Request &request) {
        if (request.body.startsWith("event=NOTIFY_START&"))
            return Test::LoopbackHttpServer::Response(status, json);
        return Test::LoopbackHttpServer::Response();
    });
}

QString TestSimCalls::start(const char *json)
{
    auto scenario = SimScenario::fromJson(QByteArray(json), m_sim->pbx.config());
    if (!scenario)
        qFatal("bad test scenario: %s", qPrintable(scenario.error().message));
    return m_sim->runner.start(scenario.value()).id;
}

bool TestSimCalls::finished(const QString &id) const
{
    const SimCallOutcome *outcome = m_sim->runner.outcome(id);
    return outcome && outcome->finished;
}

bool TestSimCalls::waitFinished(const QString &id)
{
    QSignalSpy callFinished(&m_sim->runner, &SimCallRunner::callFinished);
    while (!finished(id)) {
        if (!callFinished.wait(3000))
            return false;
    }
    return true;
}

void TestSimCalls::drive(const QString &id)
{
    QSignalSpy delivered(m_sim->runner.sender(), &SimWebhookSender::delivered);
    for (int step = 0; step < 200 && !finished(id); ++step) {
        if (m_sim->runner.sender()->inFlight() > 0) {
            QVERIFY(delivered.wait(2000));
            continue;
        }
        const auto next = m_fakeClock->nextTimerIn();
        QVERIFY2(next.count() >= 0, "the call is stuck: nothing in flight, no timer pending");
        m_fakeClock->advance(next);
    }
    QVERIFY(finished(id));
}

QList<WebhookEvent> TestSimCalls::received()
{
    const WebhookVerifier verifier(m_sim->pbx.config().secret);
    QList<WebhookEvent> events;
    for (const auto &request : m_sim->relay.requests()) {
        QTest::qCompare(request.header("Content-Type"),
                        QByteArray("application/x-www-form-urlencoded"), "Content-Type",
                        "form-encoded", __FILE__, __LINE__);
        auto event = parseWebhook(request.header("Content-Type"), request.body);
        if (!QTest::qVerify(event.hasValue(), "parseWebhook", request.body.constData(), __FILE__,
                            __LINE__))
            continue;
        const auto verified = verifier.verify(event.value(), request.header("Signature"));
        QTest::qVerify(verified.hasValue(), "verify",
                       qPrintable(verified ? QString() : verified.error().message), __FILE__,
                       __LINE__);
        events.append(event.value());
    }
    return events;
}

// --- Call flows ----------------------------------------------------------------------------------

void TestSimCalls::inboundAnswered()
{
    QSignalSpy finishedSpy(&m_sim->runner, &SimCallRunner::callFinished);
    const QString id = start(R"({"caller":"+48600100200","ring":["100","101"],
        "answer":{"by":"101","after":5},"duration":60,"recorded":true})");
    QVERIFY(waitFinished(id));
    QCOMPARE(finishedSpy.size(), 1);
    QCOMPARE(finishedSpy.first().first().toString(), id);

    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_INTERNAL"_s,
                            u"NOTIFY_ANSWER"_s, u"NOTIFY_END"_s, u"NOTIFY_RECORD"_s }));
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    const QString pbxCallId = outcome.pbxCallId;
    QVERIFY(pbxCallId.startsWith(u"in_"));
    for (const WebhookEvent &event : events)
        QCOMPARE(event.pbxCallId, pbxCallId);

    QCOMPARE(fieldNames(events.at(0)), startFields);
    QCOMPARE(events.at(0).callerId, QStringLiteral("+48600100200"));
    QCOMPARE(events.at(0).calledDid, QStringLiteral("34911234567"));
    QCOMPARE(events.at(0).callStart, outcome.callStart);
    QCOMPARE(events.at(1).internal, QStringLiteral("100"));
    QCOMPARE(events.at(2).internal, QStringLiteral("101"));
    QCOMPARE(fieldNames(events.at(3)),
             (QStringList { u"event"_s, u"caller_id"_s, u"destination"_s, u"call_start"_s,
                            u"pbx_call_id"_s, u"internal"_s }));
    QCOMPARE(events.at(3).destination, QStringLiteral("34911234567"));
    QCOMPARE(events.at(3).internal, QStringLiteral("101"));
    const WebhookEvent &end = events.at(4);
    QCOMPARE(end.internal, QStringLiteral("101"));
    QCOMPARE(end.lastInternal, QStringLiteral("101"));
    QCOMPARE(end.duration, 60);
    QCOMPARE(end.disposition, Disposition::Answered);
    QCOMPARE(end.statusCode, 16);
    QCOMPARE(end.isRecorded, true);
    QVERIFY(!end.callIdWithRec.isEmpty());
    QCOMPARE(events.at(5).callIdWithRec, end.callIdWithRec);
    QCOMPARE(fieldNames(events.at(5)),
             (QStringList { u"event"_s, u"call_id_with_rec"_s, u"pbx_call_id"_s }));

    const Call call = fold(events);
    QCOMPARE(call.direction, CallDirection::Inbound);
    QCOMPARE(call.state, CallState::Ended);
    QCOMPARE(call.callerId, QStringLiteral("+48600100200"));
    QCOMPARE(call.calledDid, QStringLiteral("34911234567"));
    QCOMPARE(call.ringingExtensions, (QStringList { u"100"_s, u"101"_s }));
    QCOMPARE(call.answeredBy, QStringLiteral("101"));
    QCOMPARE(call.duration, 60);
    QCOMPARE(call.statusCode, 16);
    QVERIFY(call.isRecorded);
    QVERIFY(call.recordingReady);
    QCOMPARE(call.recordingId, end.callIdWithRec);

    // The outcome, as GET /_sim/calls/<id> shows it.
    const QJsonObject json = outcome.toJson();
    QCOMPARE(json.value(u"state").toString(), QStringLiteral("finished"));
    QCOMPARE(json.value(u"disposition").toString(), QStringLiteral("answered"));
    QCOMPARE(json.value(u"answered_by").toString(), QStringLiteral("101"));
    QCOMPARE(json.value(u"duration").toInt(), 60);
    QCOMPARE(json.value(u"recording_id").toString(), end.callIdWithRec);
    QCOMPARE(json.value(u"rang").toArray(), QJsonArray({ u"100"_s, u"101"_s }));
    QCOMPARE(json.value(u"displayed").toObject().value(u"101").toString(),
             QStringLiteral("+48600100200"));
    QCOMPARE(json.value(u"relay_answer").toObject().value(u"status").toInt(), 200);
    QVERIFY(json.value(u"relay_answer").toObject().value(u"honoured").toBool());
    const QJsonArray eventList = json.value(u"events").toArray();
    QCOMPARE(eventList.size(), 6);
    for (const QJsonValue &event : eventList) {
        QCOMPARE(event[u"deliveries"].toArray().size(), 1);
        QCOMPARE(event[u"deliveries"][0][u"status"].toInt(), 200);
    }
    QCOMPARE(eventList.at(4)[u"fields"][u"disposition"].toString(), QStringLiteral("answered"));

    // Statistics and recordings reflect the call.
    QCOMPARE(m_sim->pbx.calls().size(), 1);
    const SimCallRecord &record = m_sim->pbx.calls().first();
    QCOMPARE(record.pbxCallId, pbxCallId);
    QCOMPARE(record.callId, end.callIdWithRec);
    QCOMPARE(record.sip, QStringLiteral("101"));
    QCOMPARE(record.clid, QStringLiteral("+48600100200"));
    QCOMPARE(record.destination, QStringLiteral("34911234567"));
    QCOMPARE(record.disposition, QStringLiteral("answered"));
    QCOMPARE(record.seconds, 60);
    QVERIFY(record.isRecorded);
    QVERIFY(record.inbound);
    QCOMPARE(m_sim->pbx.recordingsOfCall(pbxCallId), QStringList { end.callIdWithRec });
}

void TestSimCalls::inboundTimingOnTheClock()
{
    useFakeClock();
    const QString id = start(R"({"caller":"+48600100200","ring":["100","101"],
        "answer":{"by":"101","after":5},"duration":60,"recorded":true,"record_delay":7})");
    drive(id);
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QList<qint64> at;
    for (const SimEventRecord &event : outcome.events)
        at.append(event.atMs);
    QCOMPARE(at, (QList<qint64> { 0, 0, 0, 5000, 65000, 72000 }));
    // NOTIFY_START and END of one call carry the same call_start and so the same Signature.
    const auto &requests = m_sim->relay.requests();
    QCOMPARE(requests.size(), 6);
    QCOMPARE(requests.at(0).header("Signature"), requests.at(4).header("Signature"));
    QVERIFY(m_sim->pbx.recordingsOfCall(outcome.pbxCallId).size() == 1);
}

void TestSimCalls::inboundUnanswered_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QString>("disposition");
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<QStringList>("rang");

    QTest::newRow("no answer") << QByteArray(
            R"({"caller":"48600100200","ring":["100","101"],"recorded":true})")
                               << QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s,
                                                u"NOTIFY_INTERNAL"_s, u"NOTIFY_END"_s }
                               << QStringLiteral("no answer") << 19
                               << QStringList { u"100"_s, u"101"_s };
    QTest::newRow("busy") << QByteArray(R"({"caller":"48600100200","outcome":"busy"})")
                          << QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s,
                                           u"NOTIFY_END"_s }
                          << QStringLiteral("busy") << 17 << QStringList { u"100"_s };
    QTest::newRow("cancel") << QByteArray(
            R"({"caller":"48600100200","outcome":"cancel","ring_timeout":10})")
                            << QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s,
                                             u"NOTIFY_END"_s }
                            << QStringLiteral("cancel") << 16 << QStringList { u"100"_s };
    QTest::newRow("answerer does not ring")
            << QByteArray(R"({"caller":"48600100200","ring":["100"],"answer":{"by":"105"}})")
            << QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_END"_s }
            << QStringLiteral("no answer") << 19 << QStringList { u"100"_s };
}

void TestSimCalls::inboundUnanswered()
{
    QFETCH(QByteArray, scenario);
    QFETCH(QStringList, events);
    QFETCH(QString, disposition);
    QFETCH(int, statusCode);
    QFETCH(QStringList, rang);

    const QString id = start(scenario.constData());
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> received = this->received();
    QCOMPARE(namesOf(received), events);
    const WebhookEvent &end = received.last();
    QCOMPARE(end.dispositionText, disposition);
    QCOMPARE(end.statusCode, statusCode);
    QCOMPARE(end.duration, 0);
    QCOMPARE(end.isRecorded, false);
    QVERIFY(!end.fields.contains(QStringLiteral("internal"))); // nobody answered
    QCOMPARE(end.lastInternal, rang.last());

    const Call call = fold(received);
    QCOMPARE(call.state, CallState::Missed);
    QVERIFY(!call.answered);
    QCOMPARE(call.ringingExtensions, rang);
    QCOMPARE(call.dispositionText, disposition);

    QCOMPARE(m_sim->runner.outcome(id)->rang, rang);
    QCOMPARE(m_sim->pbx.calls().size(), 1);
    QCOMPARE(m_sim->pbx.calls().first().disposition, disposition);
    QCOMPARE(m_sim->pbx.calls().first().seconds, 0);
    QVERIFY(m_sim->pbx.recordingsOfCall(call.pbxCallId).isEmpty());
}

void TestSimCalls::outbound()
{
    const QString id = start(R"({"direction":"outbound","extension":"102",
        "destination":"+442037691880","answer":{"after":4},"duration":30,"recorded":true})");
    const QString busy = start(R"({"direction":"outbound","extension":"103",
        "destination":"442037691881","outcome":"busy"})");
    QVERIFY(waitFinished(id));
    QVERIFY(waitFinished(busy));

    QList<WebhookEvent> answered;
    QList<WebhookEvent> refused;
    for (const WebhookEvent &event : received())
        (event.pbxCallId == m_sim->runner.outcome(id)->pbxCallId ? answered : refused)
                .append(event);
    QCOMPARE(namesOf(answered),
             (QStringList { u"NOTIFY_OUT_START"_s, u"NOTIFY_OUT_END"_s, u"NOTIFY_RECORD"_s }));
    const WebhookEvent &outStart = answered.at(0);
    QVERIFY(outStart.pbxCallId.startsWith(u"out_"));
    QCOMPARE(outStart.internal, QStringLiteral("102"));
    QCOMPARE(outStart.destination, QStringLiteral("+442037691880"));
    QCOMPARE(outStart.callerId, m_sim->pbx.extension(QStringLiteral("102"))->callerId);
    QCOMPARE(outStart.legTypeText, QStringLiteral("normal"));
    const WebhookEvent &outEnd = answered.at(1);
    QCOMPARE(outEnd.duration, 30);
    QCOMPARE(outEnd.disposition, Disposition::Answered);
    QCOMPARE(outEnd.statusCode, 16);
    QCOMPARE(outEnd.isRecorded, true);
    QCOMPARE(answered.at(2).callIdWithRec, outEnd.callIdWithRec);

    const Call call = fold(answered);
    QCOMPARE(call.direction, CallDirection::Outbound);
    QCOMPARE(call.state, CallState::Ended);
    QVERIFY(call.answered);
    QCOMPARE(call.internal, QStringLiteral("102"));
    QCOMPARE(call.destination, QStringLiteral("+442037691880"));
    QVERIFY(call.recordingReady);
    QCOMPARE(m_sim->runner.outcome(id)->answeredBy, QStringLiteral("+442037691880"));

    QCOMPARE(namesOf(refused), (QStringList { u"NOTIFY_OUT_START"_s, u"NOTIFY_OUT_END"_s }));
    QCOMPARE(refused.at(1).dispositionText, QStringLiteral("busy"));
    QCOMPARE(refused.at(1).statusCode, 17);
    QCOMPARE(fold(refused).state, CallState::Ended);

    QCOMPARE(m_sim->pbx.calls().size(), 2);
    for (const SimCallRecord &record : m_sim->pbx.calls())
        QVERIFY(!record.inbound);
    QCOMPARE(m_sim->pbx.recordingsOfCall(call.pbxCallId), QStringList { outEnd.callIdWithRec });
}

void TestSimCalls::callback()
{
    const auto pbxCallId = m_sim->runner.startCallback(
            QStringLiteral("100"), QStringLiteral("+442037691880"), QString(), false);
    QVERIFY(pbxCallId);
    QVERIFY(pbxCallId->startsWith(u"out_"));
    const QString id = m_sim->runner.outcomes().last()->id;
    QVERIFY(waitFinished(id));

    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events),
             (QStringList { u"NOTIFY_OUT_START"_s, u"NOTIFY_OUT_START"_s, u"NOTIFY_OUT_END"_s,
                            u"NOTIFY_OUT_END"_s }));
    QCOMPARE(events.at(0).legType, CallLegType::CallbackLeg1);
    QCOMPARE(events.at(0).destination, QStringLiteral("100"));
    QCOMPARE(events.at(1).legType, CallLegType::CallbackLeg2);
    QCOMPARE(events.at(1).internal, QStringLiteral("100"));
    QCOMPARE(events.at(1).destination, QStringLiteral("+442037691880"));
    QCOMPARE(events.at(2).legType, CallLegType::CallbackLeg2);
    QCOMPARE(events.at(2).duration, 30);
    QCOMPARE(events.at(3).legType, CallLegType::CallbackLeg1);
    QCOMPARE(events.at(3).duration, 33); // the agent also heard the client's phone ring
    for (const WebhookEvent &event : events) {
        QCOMPARE(event.pbxCallId, pbxCallId.value());
        QCOMPARE(event.callerId, m_sim->pbx.extension(QStringLiteral("100"))->callerId);
    }

    const Call call = fold(events);
    QCOMPARE(call.direction, CallDirection::Callback);
    QCOMPARE(call.state, CallState::Ended);
    QVERIFY(call.answered);
    QCOMPARE(call.internal, QStringLiteral("100"));
    QCOMPARE(call.destination, QStringLiteral("+442037691880"));
    QCOMPARE(call.legs.size(), 2);
    QCOMPARE(call.legs.at(0).disposition, Disposition::Answered);
    QCOMPARE(call.legs.at(1).duration, 30);
    QCOMPARE(m_sim->pbx.calls().size(), 2); // one line per leg
    QCOMPARE(m_sim->runner.outcome(id)->disposition, QStringLiteral("answered"));
}

void TestSimCalls::callbackPredicted()
{
    const auto pbxCallId = m_sim->runner.startCallback(
            QStringLiteral("101"), QStringLiteral("442037691880"), QStringLiteral("102"), true);
    QVERIFY(pbxCallId);
    const QString id = m_sim->runner.outcomes().last()->id;
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> events = received();
    QCOMPARE(events.size(), 4);
    QCOMPARE(events.at(0).destination, QStringLiteral("442037691880")); // the client first
    QCOMPARE(events.at(1).destination, QStringLiteral("101"));
    QCOMPARE(events.at(0).internal, QStringLiteral("101"));
    QCOMPARE(events.at(0).callerId, m_sim->pbx.extension(QStringLiteral("102"))->callerId);
    QCOMPARE(events.at(3).duration, 32); // the client waited 2 s for the agent
}

void TestSimCalls::callbackToAnOfflineExtension()
{
    SimConfig config = SimConfig::defaults();
    config.timeScale = 0.0002;
    config.extensions[4].online = false; // 104
    m_sim = std::make_unique<Sim>(&m_systemClock, config);
    const auto pbxCallId = m_sim->runner.startCallback(
            QStringLiteral("104"), QStringLiteral("+442037691880"), QString(), false);
    QVERIFY(pbxCallId);
    const QString id = m_sim->runner.outcomes().last()->id;
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events), (QStringList { u"NOTIFY_OUT_START"_s, u"NOTIFY_OUT_END"_s }));
    QCOMPARE(events.at(1).dispositionText, QStringLiteral("no answer"));
    QCOMPARE(events.at(1).statusCode, 19);
    const Call call = fold(events);
    QCOMPARE(call.legs.size(), 1); // no leg 2
    QVERIFY(!call.answered);
    QVERIFY(call.ended);
    QCOMPARE(m_sim->runner.outcome(id)->disposition, QStringLiteral("no answer"));
}

void TestSimCalls::callbackRefusesUnknownParties()
{
    auto result = m_sim->runner.startCallback(QStringLiteral("999"), QStringLiteral("+44"),
                                              QString(), false);
    QVERIFY(!result);
    QVERIFY(result.error().message.contains(u"999"));
    result = m_sim->runner.startCallback(QStringLiteral("100"), QStringLiteral("John"), QString(),
                                         false);
    QVERIFY(!result);
    result = m_sim->runner.startCallback(QStringLiteral("100"), QStringLiteral("+44"),
                                         QStringLiteral("777"), false);
    QVERIFY(!result);
    QVERIFY(m_sim->runner.outcomes().isEmpty());
}

// --- Answers to NOTIFY_START ---------------------------------------------------------------------

void TestSimCalls::startRedirectRingsTheTarget()
{
    answerStart(R"({"redirect":"103"})");
    const QString id = start(R"({"caller":"+48600100200","ring":["100","101"],
        "answer":{"by":"103","after":2}})");
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_ANSWER"_s,
                            u"NOTIFY_END"_s }));
    QCOMPARE(events.at(1).internal, QStringLiteral("103"));
    QCOMPARE(events.at(2).internal, QStringLiteral("103"));
    const Call call = fold(events);
    QCOMPARE(call.ringingExtensions, QStringList { u"103"_s });
    QCOMPARE(call.answeredBy, QStringLiteral("103"));
    QCOMPARE(call.state, CallState::Ended);

    const QJsonObject json = m_sim->runner.outcome(id)->toJson();
    QCOMPARE(json.value(u"rang").toArray(), QJsonArray { u"103"_s });
    const QJsonObject answer = json.value(u"relay_answer").toObject();
    QCOMPARE(answer.value(u"status").toInt(), 200);
    QCOMPARE(answer.value(u"body").toObject().value(u"redirect").toString(), QStringLiteral("103"));
    QVERIFY(answer.value(u"honoured").toBool());
}

void TestSimCalls::startRedirectReturnsToTheScenario()
{
    useFakeClock();
    answerStart(R"({"redirect":"105","return_timeout":10})");
    const QString id = start(R"({"caller":"+48600100200","ring":["100"],
        "answer":{"by":"100","after":3}})");
    drive(id);
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QCOMPARE(namesOf(outcome),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_INTERNAL"_s,
                            u"NOTIFY_ANSWER"_s, u"NOTIFY_END"_s }));
    QCOMPARE(outcome.events.at(1).fields.value(u"internal"_s), QStringLiteral("105"));
    QCOMPARE(outcome.events.at(2).fields.value(u"internal"_s), QStringLiteral("100"));
    QCOMPARE(outcome.events.at(2).atMs, 10000); // back after return_timeout
    QCOMPARE(outcome.events.at(3).atMs, 13000); // then the scenario's answer.after
    QCOMPARE(outcome.rang, (QStringList { u"105"_s, u"100"_s }));
    QCOMPARE(outcome.answeredBy, QStringLiteral("100"));
    const Call call = fold(received());
    QCOMPARE(call.ringingExtensions, (QStringList { u"100"_s, u"105"_s }));
    QCOMPARE(call.answeredBy, QStringLiteral("100"));
}

void TestSimCalls::startRedirectWithoutReturn()
{
    answerStart(R"({"redirect":"105","return_timeout":0})");
    const QString id = start(R"({"caller":"+48600100200","ring":["100"],"answer":{"by":"100"}})");
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_END"_s }));
    QCOMPARE(events.at(1).internal, QStringLiteral("105"));
    QCOMPARE(events.at(2).dispositionText, QStringLiteral("no answer"));
    QCOMPARE(fold(events).state, CallState::Missed);
}

void TestSimCalls::startRedirectToAScenarioId()
{
    answerStart(R"({"redirect":"0-1","ivr_play":"123"})");
    const QString id = start(R"({"caller":"+48600100200","ring":["102"],"answer":{}})");
    QVERIFY(waitFinished(id));
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QCOMPARE(outcome.rang, QStringList { u"102"_s });
    QCOMPARE(outcome.disposition, QStringLiteral("answered"));
    QCOMPARE(outcome.notes.size(), 2);
    QVERIFY(outcome.notes.join(u'\n').contains(u"scenario 0-1"));
    QVERIFY(outcome.notes.join(u'\n').contains(u"ivr_play is not simulated"));
}

void TestSimCalls::startHangupEndsBusy_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("hangup 1") << QByteArray(R"({"hangup":1})");
    QTest::newRow("hangup \"1\"") << QByteArray(R"({"hangup":"1"})");
    QTest::newRow("blacklist") << QByteArray(R"({"redirect":"blacklist"})");
}

void TestSimCalls::startHangupEndsBusy()
{
    QFETCH(QByteArray, answer);
    answerStart(answer);
    const QString id = start(R"({"caller":"+48600100200","ring":["100","101"],"answer":{"by":"100"},
        "recorded":true})");
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_END"_s })); // nothing rings
    QCOMPARE(events.at(1).dispositionText, QStringLiteral("busy"));
    QCOMPARE(events.at(1).statusCode, 17);
    QCOMPARE(events.at(1).isRecorded, false);
    const Call call = fold(events);
    QCOMPARE(call.state, CallState::Missed);
    QVERIFY(call.ringingExtensions.isEmpty());
    QVERIFY(m_sim->runner.outcome(id)->rang.isEmpty());
    QCOMPARE(m_sim->pbx.calls().first().disposition, QStringLiteral("busy"));
}

void TestSimCalls::startCallerNameIsDisplayed()
{
    answerStart(R"({"caller_name":"Acme — Ana Pérez"})");
    const QString id
            = start(R"({"caller":"+48600100200","ring":["100","101"],"answer":{"by":"100"}})");
    QVERIFY(waitFinished(id));
    answerStart(R"({"redirect":"103","caller_name":"VIP"})");
    const QString redirected = start(R"({"caller":"+48600100201","ring":["100"]})");
    QVERIFY(waitFinished(redirected));

    const QJsonObject displayed
            = m_sim->runner.outcome(id)->toJson().value(u"displayed").toObject();
    QCOMPARE(displayed,
             (QJsonObject { { u"100"_s, u"Acme — Ana Pérez"_s },
                            { u"101"_s, u"Acme — Ana Pérez"_s } }));
    QCOMPARE(m_sim->runner.outcome(redirected)->toJson().value(u"displayed").toObject(),
             (QJsonObject { { u"103"_s, u"VIP"_s } }));
}

void TestSimCalls::startWaitsForTheAnswerThenTimesOut()
{
    useFakeClock();
    m_sim->relay.enqueue(Test::LoopbackHttpServer::Response::hanging());
    const QString id = start(R"({"caller":"+48600100200","ring":["100"],"answer":{"by":"100"}})");
    QSignalSpy received(&m_sim->relay, &Test::LoopbackHttpServer::requestReceived);
    QVERIFY(received.wait(2000));
    // The call does not go on while NOTIFY_START is unanswered.
    m_fakeClock->advance(m_sim->pbx.config().answerTimeout - 1ms);
    QCOMPARE(m_sim->runner.outcome(id)->events.size(), 1);
    m_fakeClock->advance(1ms);
    QCOMPARE(namesOf(*m_sim->runner.outcome(id)),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s }));
    drive(id);

    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QCOMPARE(outcome.events.first().deliveries.first().error,
             QStringLiteral("no answer within 3000 ms"));
    QVERIFY(!outcome.relayAnswer);
    QVERIFY(outcome.toJson().value(u"relay_answer").isNull());
    QCOMPARE(outcome.disposition, QStringLiteral("answered")); // the scenario went on
    QCOMPARE(outcome.events.at(1).atMs, 3000);
}

void TestSimCalls::startErrorIsNotHonoured()
{
    answerStart(R"({"redirect":"103"})", 500);
    const QString id = start(R"({"caller":"+48600100200","ring":["100"],"answer":{"by":"100"}})");
    QVERIFY(waitFinished(id));
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QCOMPARE(outcome.rang, QStringList { u"100"_s });
    QVERIFY(outcome.relayAnswer);
    QCOMPARE(outcome.relayAnswer->status, 500);
    QVERIFY(!outcome.relayAnswer->honoured);
}

// --- Faults --------------------------------------------------------------------------------------

void TestSimCalls::faultDelay()
{
    useFakeClock();
    const QString id = start(R"({"caller":"+48600100200","answer":{},"faults":{"delay_ms":500}})");
    QCOMPARE(m_sim->runner.sender()->inFlight(), 0);
    m_fakeClock->advance(499ms);
    QCOMPARE(m_sim->runner.sender()->inFlight(), 0);
    m_fakeClock->advance(1ms);
    QCOMPARE(m_sim->runner.sender()->inFlight(), 1);
    drive(id);
    for (const SimEventRecord &event : m_sim->runner.outcome(id)->events) {
        QCOMPARE(event.deliveries.size(), 1);
        QVERIFY2(event.deliveries.first().sentAt.count() >= event.atMs + 500,
                 qPrintable(event.event));
    }
    QCOMPARE(namesOf(received()),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_ANSWER"_s,
                            u"NOTIFY_END"_s }));
}

void TestSimCalls::faultDrop()
{
    const QString id = start(R"({"caller":"+48600100200","ring":["100","101"],"answer":{"by":"101"},
        "faults":{"drop":["NOTIFY_INTERNAL"]}})");
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_ANSWER"_s, u"NOTIFY_END"_s }));
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QCOMPARE(namesOf(outcome),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_INTERNAL"_s,
                            u"NOTIFY_ANSWER"_s, u"NOTIFY_END"_s }));
    QVERIFY(outcome.events.at(1).dropped);
    QVERIFY(outcome.events.at(1).deliveries.isEmpty());
    QVERIFY(!outcome.events.at(3).dropped);
    const Call call = fold(events);
    QVERIFY(call.ringingExtensions.isEmpty());
    QCOMPARE(call.answeredBy, QStringLiteral("101"));
}

void TestSimCalls::faultDuplicate()
{
    const QString id = start(R"({"caller":"+48600100200","answer":{},
        "faults":{"duplicate":["NOTIFY_END"]}})");
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_ANSWER"_s,
                            u"NOTIFY_END"_s, u"NOTIFY_END"_s }));
    QCOMPARE(events.at(3).fields, events.at(4).fields);
    const SimEventRecord &end = m_sim->runner.outcome(id)->events.last();
    QVERIFY(end.duplicated);
    QCOMPARE(end.deliveries.size(), 2);

    CallAggregator aggregator;
    for (qsizetype i = 0; i < 4; ++i)
        aggregator.apply(events.at(i));
    QVERIFY(aggregator.apply(events.at(4)).transitions.isEmpty()); // a duplicate changes nothing
}

void TestSimCalls::faultLateReorders()
{
    const QString id = start(R"({"caller":"+48600100200","ring":["100","101"],"answer":{"by":"101"},
        "recorded":true,"faults":{"late":["NOTIFY_ANSWER"]}})");
    QVERIFY(waitFinished(id));
    const QList<WebhookEvent> events = received();
    QCOMPARE(namesOf(events),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_INTERNAL"_s, u"NOTIFY_INTERNAL"_s,
                            u"NOTIFY_END"_s, u"NOTIFY_RECORD"_s, u"NOTIFY_ANSWER"_s }));
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QVERIFY(outcome.events.at(3).late); // recorded where it happened, delivered last
    QCOMPARE(outcome.events.at(3).event, QStringLiteral("NOTIFY_ANSWER"));
    QVERIFY(outcome.events.at(3).deliveries.first().sentAt
            >= outcome.events.at(5).deliveries.first().sentAt);
    const Call call = fold(events);
    QCOMPARE(call.state, CallState::Ended);
    QCOMPARE(call.answeredBy, QStringLiteral("101"));
}

void TestSimCalls::faultLateStartIsNotHonoured()
{
    answerStart(R"({"hangup":1})");
    const QString id = start(R"({"caller":"+48600100200","answer":{},
        "faults":{"late":["NOTIFY_START"]}})");
    QVERIFY(waitFinished(id));
    QCOMPARE(namesOf(received()),
             (QStringList { u"NOTIFY_INTERNAL"_s, u"NOTIFY_ANSWER"_s, u"NOTIFY_END"_s,
                            u"NOTIFY_START"_s }));
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QCOMPARE(outcome.disposition, QStringLiteral("answered")); // the hangup came too late
    QVERIFY(outcome.relayAnswer);
    QCOMPARE(outcome.relayAnswer->status, 200);
    QVERIFY(!outcome.relayAnswer->honoured);
}

void TestSimCalls::faultRatesAreSeeded()
{
    m_sim->runner.setFaultRates({ 1.0, 0, 0, 1 });
    const QString dropped = start(R"({"caller":"+48600100200","answer":{}})");
    QVERIFY(waitFinished(dropped));
    QVERIFY(m_sim->relay.requests().isEmpty());
    for (const SimEventRecord &event : m_sim->runner.outcome(dropped)->events)
        QVERIFY(event.dropped);

    m_sim->runner.setFaultRates({ 0, 1.0, 0, 1 });
    const QString duplicated = start(R"({"caller":"+48600100200","answer":{}})");
    QVERIFY(waitFinished(duplicated));
    QCOMPARE(m_sim->relay.requests().size(), 8);

    // The same seed gives the same faults.
    const auto lateFlags = [this](const QString &id) {
        QList<bool> flags;
        for (const SimEventRecord &event : m_sim->runner.outcome(id)->events)
            flags.append(event.late);
        return flags;
    };
    QList<QList<bool>> runs;
    for (int run = 0; run < 2; ++run) {
        m_sim->runner.setFaultRates({ 0, 0, 0.5, 7 });
        const QString id = start(R"({"caller":"+48600100200","ring":["100","101","102","103"],
            "answer":{"by":"100"},"recorded":true})");
        QVERIFY(waitFinished(id));
        runs.append(lateFlags(id));
    }
    QCOMPARE(runs.at(0), runs.at(1));
    QVERIFY(runs.at(0).contains(true));
}

void TestSimCalls::switchedOffEventsAreNotSent()
{
    QVERIFY(m_sim->pbx.setNotification(QStringLiteral("notify_internal"), false));
    QVERIFY(m_sim->pbx.setNotification(QStringLiteral("notify_answer"), false));
    const QString id = start(R"({"caller":"+48600100200","answer":{},"recorded":true})");
    QVERIFY(waitFinished(id));
    QCOMPARE(namesOf(received()),
             (QStringList { u"NOTIFY_START"_s, u"NOTIFY_END"_s, u"NOTIFY_RECORD"_s }));
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QCOMPARE(outcome.events.at(1).notSent,
             QStringLiteral("not sent: notify_internal is switched off"));
    QCOMPARE(outcome.events.at(2).notSent,
             QStringLiteral("not sent: notify_answer is switched off"));
}

void TestSimCalls::withoutNotificationUrl()
{
    m_sim->pbx.setNotificationUrl(QUrl());
    const QString id = start(R"({"caller":"+48600100200","answer":{}})");
    QVERIFY(waitFinished(id));
    QVERIFY(m_sim->relay.requests().isEmpty());
    const SimCallOutcome &outcome = *m_sim->runner.outcome(id);
    QCOMPARE(outcome.events.size(), 4);
    for (const SimEventRecord &event : outcome.events)
        QCOMPARE(event.notSent, QStringLiteral("not sent: no notification URL"));
    QCOMPARE(outcome.disposition, QStringLiteral("answered"));
    QCOMPARE(m_sim->pbx.calls().size(), 1);
}

void TestSimCalls::oldFinishedOutcomesAreForgotten()
{
    m_sim->runner.setMaxFinishedKept(5);
    QStringList ids;
    for (int i = 0; i < 8; ++i) {
        ids.append(start(R"({"caller":"+48600100200","ring":["100"],"outcome":"busy"})"));
        QVERIFY(waitFinished(ids.last()));
    }
    QTRY_COMPARE(m_sim->runner.outcomes().size(), 5); // pruned from the event loop
    QVERIFY(!m_sim->runner.outcome(ids.first()));
    QVERIFY(!m_sim->runner.outcome(ids.at(2)));
    QVERIFY(m_sim->runner.outcome(ids.at(3)));
    QVERIFY(m_sim->runner.outcome(ids.last()));
    QCOMPARE(m_sim->pbx.calls().size(), 8); // statistics keep every call
}

QTEST_GUILESS_MAIN(TestSimCalls)
#include "TestSimCalls.moc"
