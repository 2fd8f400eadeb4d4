// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimLoadPlan.h"
#include "core/sim/SimScenario.h"

#include <QJsonArray>
#include <QTest>

using namespace CallBridge;

class TestSimScenario : public QObject
{
    Q_OBJECT

private slots:
    void inboundDefaults();
    void outboundDefaults();
    void explicitFields();
    void rejected_data();
    void rejected();
    void toJsonRoundTrips();
    void loadPlanScenariosAreAccepted();
};

void TestSimScenario::inboundDefaults()
{
    const auto scenario = SimScenario::fromJson(QByteArray(R"({"caller":"+48600100200"})"),
                                                SimConfig::defaults());
    QVERIFY2(scenario, qPrintable(scenario ? QString() : scenario.error().message));
    QVERIFY(scenario->isInbound());
    QCOMPARE(scenario->calledDid, QStringLiteral("34911234567")); // the first direct number
    QCOMPARE(scenario->ring, QStringList { QStringLiteral("100") }); // the one it rings
    QCOMPARE(scenario->outcome, SimScenario::Outcome::NoAnswer); // no "answer" given
    QCOMPARE(scenario->ringTimeout, 30);
    QVERIFY(!scenario->recorded);
    QVERIFY(scenario->faults.isEmpty());

    const auto answered = SimScenario::fromJson(
            QByteArray(R"({"caller":"48600100200","called_did":"442037691880","answer":{}})"),
            SimConfig::defaults());
    QVERIFY(answered);
    QCOMPARE(answered->ring, QStringList { QStringLiteral("101") });
    QCOMPARE(answered->outcome, SimScenario::Outcome::Answered);
    QCOMPARE(answered->answerBy, QStringLiteral("101")); // the first that rings
    QCOMPARE(answered->answerAfter, 5);
}

void TestSimScenario::outboundDefaults()
{
    const auto scenario = SimScenario::fromJson(
            QByteArray(
                    R"({"direction":"outbound","destination":"+442037691880","answer":{"after":3}})"),
            SimConfig::defaults());
    QVERIFY2(scenario, qPrintable(scenario ? QString() : scenario.error().message));
    QVERIFY(!scenario->isInbound());
    QCOMPARE(scenario->extension, QStringLiteral("100"));
    QCOMPARE(scenario->destination, QStringLiteral("+442037691880"));
    QCOMPARE(scenario->outcome, SimScenario::Outcome::Answered);
    QCOMPARE(scenario->answerAfter, 3);
    QCOMPARE(scenario->duration, 60);
}

void TestSimScenario::explicitFields()
{
    const auto scenario = SimScenario::fromJson(
            QByteArray(R"({"direction":"inbound","caller":"+48600100200","called_did":34911234567,
                "ring":[100,"101",100],"answer":{"by":"101","after":7},"ring_timeout":20,
                "duration":42,"recorded":true,"record_delay":9,
                "faults":{"delay_ms":250,"drop":["NOTIFY_INTERNAL"],"duplicate":["NOTIFY_END"],
                          "late":["NOTIFY_ANSWER"]}})"),
            SimConfig::defaults());
    QVERIFY2(scenario, qPrintable(scenario ? QString() : scenario.error().message));
    QCOMPARE(scenario->calledDid, QStringLiteral("34911234567"));
    QCOMPARE(scenario->ring, (QStringList { QStringLiteral("100"), QStringLiteral("101") }));
    QCOMPARE(scenario->answerBy, QStringLiteral("101"));
    QCOMPARE(scenario->answerAfter, 7);
    QCOMPARE(scenario->ringTimeout, 20);
    QCOMPARE(scenario->duration, 42);
    QVERIFY(scenario->recorded);
    QCOMPARE(scenario->recordDelay, 9);
    QCOMPARE(scenario->faults.delayMs, 250);
    QCOMPARE(scenario->faults.drop, QStringList { QStringLiteral("NOTIFY_INTERNAL") });
    QCOMPARE(scenario->faults.duplicate, QStringList { QStringLiteral("NOTIFY_END") });
    QCOMPARE(scenario->faults.late, QStringList { QStringLiteral("NOTIFY_ANSWER") });
}

void TestSimScenario::rejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message"); // a part of the error

    QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not valid JSON");
    QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("JSON object");
    QTest::newRow("unknown key") << QByteArray(R"({"caller":"1","ring_timout":3})")
                                 << QStringLiteral("unknown scenario key \"ring_timout\"");
    QTest::newRow("direction") << QByteArray(R"({"direction":"sideways","caller":"1"})")
                               << QStringLiteral("direction must be");
    QTest::newRow("no caller") << QByteArray(R"({})") << QStringLiteral("needs a caller");
    QTest::newRow("bad caller") << QByteArray(R"({"caller":"Bob"})")
                                << QStringLiteral("not a phone number");
    QTest::newRow("unknown did") << QByteArray(R"({"caller":"1","called_did":"999"})")
                                 << QStringLiteral("not one of the PBX's direct numbers");
    QTest::newRow("unknown ring extension") << QByteArray(R"({"caller":"1","ring":["100","120"]})")
                                            << QStringLiteral("unknown extension \"120\"");
    QTest::newRow("empty ring") << QByteArray(R"({"caller":"1","ring":[]})")
                                << QStringLiteral("non-empty list");
    QTest::newRow("unknown answerer") << QByteArray(R"({"caller":"1","answer":{"by":"999"}})")
                                      << QStringLiteral("answer.by: unknown extension \"999\"");
    QTest::newRow("answer and busy")
            << QByteArray(R"({"caller":"1","answer":{"by":"100"},"outcome":"busy"})")
            << QStringLiteral("contradicts outcome \"busy\"");
    QTest::newRow("unknown outcome") << QByteArray(R"({"caller":"1","outcome":"maybe"})")
                                     << QStringLiteral("outcome must be");
    QTest::newRow("negative duration") << QByteArray(R"({"caller":"1","duration":-1})")
                                       << QStringLiteral("duration must be between");
    QTest::newRow("fractional time") << QByteArray(R"({"caller":"1","ring_timeout":2.5})")
                                     << QStringLiteral("whole number of seconds");
    QTest::newRow("time as text") << QByteArray(R"({"caller":"1","duration":"60"})")
                                  << QStringLiteral("whole number of seconds");
    QTest::newRow("zero ring timeout") << QByteArray(R"({"caller":"1","ring_timeout":0})")
                                       << QStringLiteral("ring_timeout must be between 1");
    QTest::newRow("answer after timeout")
            << QByteArray(R"({"caller":"1","answer":{"after":30},"ring_timeout":30})")
            << QStringLiteral("must be shorter than ring_timeout");
    QTest::newRow("unknown fault event")
            << QByteArray(R"({"caller":"1","faults":{"drop":["NOTIFY_BOGUS"]}})")
            << QStringLiteral("faults.drop: unknown event \"NOTIFY_BOGUS\"");
    QTest::newRow("unknown fault") << QByteArray(R"({"caller":"1","faults":{"reorder":[]}})")
                                   << QStringLiteral("faults: unknown key \"reorder\"");
    QTest::newRow("bad delay") << QByteArray(R"({"caller":"1","faults":{"delay_ms":-5}})")
                               << QStringLiteral("faults.delay_ms");
    QTest::newRow("outbound without destination")
            << QByteArray(R"({"direction":"outbound"})") << QStringLiteral("needs a destination");
    QTest::newRow("outbound unknown extension")
            << QByteArray(R"({"direction":"outbound","extension":"555","destination":"1"})")
            << QStringLiteral("extension: unknown extension \"555\"");
    QTest::newRow("outbound with caller")
            << QByteArray(R"({"direction":"outbound","caller":"1","destination":"1"})")
            << QStringLiteral("caller applies to inbound calls only");
    QTest::newRow("outbound answered by")
            << QByteArray(R"({"direction":"outbound","destination":"1","answer":{"by":"100"}})")
            << QStringLiteral("the destination answers");
    QTest::newRow("inbound with destination")
            << QByteArray(R"({"caller":"1","destination":"1"})")
            << QStringLiteral("destination applies to outbound calls only");
}

void TestSimScenario::rejected()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const auto scenario = SimScenario::fromJson(json, SimConfig::defaults());
    QVERIFY(!scenario);
    QVERIFY2(scenario.error().message.contains(message), qPrintable(scenario.error().message));
}

void TestSimScenario::toJsonRoundTrips()
{
    const auto scenario = SimScenario::fromJson(
            QByteArray(R"({"caller":"+48600100200","ring":["100","102"],"answer":{"by":"102"},
                "recorded":true,"faults":{"late":["NOTIFY_ANSWER"]}})"),
            SimConfig::defaults());
    QVERIFY(scenario);
    const QJsonObject json = scenario->toJson();
    QCOMPARE(json.value(QLatin1StringView("outcome")).toString(), QStringLiteral("answered"));
    QCOMPARE(json.value(QLatin1StringView("called_did")).toString(), QStringLiteral("34911234567"));
    const auto again = SimScenario::fromJson(json, SimConfig::defaults());
    QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    QCOMPARE(again->toJson(), json);
}

// What `zadarma-sim load` posts must be what POST /_sim/calls accepts.
void TestSimScenario::loadPlanScenariosAreAccepted()
{
    const SimConfig config = SimConfig::defaults();
    SimLoadPlan::Options options;
    options.callsPerSecond = 50;
    options.seconds = 4;
    for (const SimExtension &extension : config.extensions)
        options.extensions.append(extension.number);
    for (const SimDirectNumber &number : config.directNumbers)
        options.directNumbers.append(number.number);
    const auto plan = SimLoadPlan::make(options);
    QCOMPARE(plan.size(), 200);
    for (const SimLoadPlan::PlannedCall &call : plan) {
        const auto scenario = SimScenario::fromJson(call.scenario, config);
        QVERIFY2(scenario, qPrintable(scenario ? QString() : scenario.error().message));
    }
}

QTEST_GUILESS_MAIN(TestSimScenario)
#include "TestSimScenario.moc"
