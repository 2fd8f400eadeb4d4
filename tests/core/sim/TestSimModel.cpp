// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimConfig.h"
#include "core/sim/SimLoadPlan.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimRecording.h"
#include "tests/support/FakeClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QtEndian>

using namespace CallBridge;
using namespace std::chrono_literals;

// The simulator's configuration, account state, load plans and generated recordings.
class TestSimModel : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreAWorkingPbx();
    void configFromJson();
    void badConfigsAreRefused_data();
    void badConfigsAreRefused();
    void accountTimeUsesTheAccountZone();
    void idsLookLikeZadarmas();
    void notificationSwitches();
    void recordingIsAPlayableWav();
    void downloadLinksExpire();
    void loadPlanIsSeededAndRealistic();
};

void TestSimModel::defaultsAreAWorkingPbx()
{
    const SimConfig config = SimConfig::defaults();
    QCOMPARE(config.extensions.size(), 10);
    QCOMPARE(config.extensions.first().number, QStringLiteral("100"));
    QCOMPARE(config.extensions.last().number, QStringLiteral("109"));
    QVERIFY(!config.extensions.first().name.isEmpty());
    QVERIFY(!config.directNumbers.isEmpty());
    QCOMPARE(config.utcOffsetSeconds(), 3600);
    QVERIFY(config.rateLimited);
}

void TestSimModel::configFromJson()
{
    const auto config
            = SimConfig::fromJson(R"({"key":"k","secret":"s","balance":10.5,"currency":"EUR",
        "timezone":"UTC+3","rate_limits":false,"time_scale":0.01,"answer_timeout_ms":500,
        "notification_url":"http://127.0.0.1:8080/zadarma",
        "extensions":[{"number":"200","name":"Zoe","caller_id":"+34911000000"},{"number":201,"online":false}],
        "direct_numbers":[{"number":"34911234567","country":"Spain","sip":"200"}]})");
    QVERIFY2(config, config ? "" : qPrintable(config.error().message));
    QCOMPARE(config->key, QByteArray("k"));
    QCOMPARE(config->balance, 10.5);
    QCOMPARE(config->utcOffsetSeconds(), 3 * 3600);
    QVERIFY(!config->rateLimited);
    QCOMPARE(config->timeScale, 0.01);
    QCOMPARE(config->answerTimeout, 500ms);
    QCOMPARE(config->notificationUrl.port(), 8080);
    QCOMPARE(config->extensions.size(), 2);
    QCOMPARE(config->extensions.at(1).number, QStringLiteral("201"));
    QVERIFY(!config->extensions.at(1).online);
    QCOMPARE(config->directNumbers.first().sip, QStringLiteral("200"));
}

void TestSimModel::badConfigsAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("hint");
    QTest::newRow("not json") << QByteArray("{oops") << QStringLiteral("not a JSON object");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
    QTest::newRow("empty secret") << QByteArray(R"({"secret":""})") << QStringLiteral("secret");
    QTest::newRow("bad extension")
            << QByteArray(R"({"extensions":[{"number":"abc"}]})") << QStringLiteral("abc");
    QTest::newRow("bad time scale")
            << QByteArray(R"({"time_scale":0})") << QStringLiteral("time_scale");
}

void TestSimModel::badConfigsAreRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, hint);
    const auto config = SimConfig::fromJson(json);
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(hint), qPrintable(config.error().message));
}

void TestSimModel::accountTimeUsesTheAccountZone()
{
    Test::FakeClock clock(QDateTime(QDate(2026, 11, 24), QTime(9, 15), Qt::UTC));
    SimPbx pbx(SimConfig::defaults(), &clock);
    QCOMPARE(pbx.accountTime(clock.now()), QStringLiteral("2026-11-24 10:15:00"));
    QCOMPARE(pbx.fromAccountTime(QStringLiteral("2026-11-24 10:15:00")), clock.now());
    QVERIFY(!pbx.fromAccountTime(QStringLiteral("yesterday")).isValid());
}

void TestSimModel::idsLookLikeZadarmas()
{
    Test::FakeClock clock;
    SimPbx pbx(SimConfig::defaults(), &clock);
    const QString inbound = pbx.newPbxCallId(true);
    QVERIFY(inbound.startsWith(QStringLiteral("in_")));
    QCOMPARE(inbound.size(), 3 + 40);
    QVERIFY(pbx.newPbxCallId(false).startsWith(QStringLiteral("out_")));
    QVERIFY(pbx.newPbxCallId(true) != inbound);
    const QString callId = pbx.newCallId();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{10}\\.\\d{7}$")).match(callId).hasMatch(),
             qPrintable(callId));
}

void TestSimModel::notificationSwitches()
{
    Test::FakeClock clock;
    SimPbx pbx(SimConfig::defaults(), &clock);
    QVERIFY(pbx.isEventEnabled(QStringLiteral("NOTIFY_START")));
    QVERIFY(pbx.setNotification(QStringLiteral("notify_start"), false));
    QVERIFY(!pbx.isEventEnabled(QStringLiteral("NOTIFY_START")));
    QVERIFY(pbx.isEventEnabled(QStringLiteral("NOTIFY_RECORD"))); // no switch at Zadarma
    QVERIFY(!pbx.setNotification(QStringLiteral("notify_record"), false));
    QVERIFY(pbx.setHook(QStringLiteral("sms"), true));
    QVERIFY(!pbx.setHook(QStringLiteral("fax"), true));
}

void TestSimModel::recordingIsAPlayableWav()
{
    const QByteArray wav = generateRecordingWav(3, 42);
    QCOMPARE(wav.size(), 44 + 3 * 8000 * 2);
    QVERIFY(wav.startsWith("RIFF"));
    QCOMPARE(wav.mid(8, 8), QByteArray("WAVEfmt "));
    QCOMPARE(qFromLittleEndian<quint32>(wav.constData() + 24), 8000u); // sample rate
    QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 34), quint16(16)); // bits
    QCOMPARE(qFromLittleEndian<quint32>(wav.constData() + 40), quint32(3 * 8000 * 2));
    // Audible, not silence, and different per call.
    qint16 peak = 0;
    for (qsizetype i = 44; i < wav.size(); i += 2)
        peak = std::max(peak, qAbs(qFromLittleEndian<qint16>(wav.constData() + i)));
    QVERIFY(peak > 5000);
    QVERIFY(generateRecordingWav(3, 43) != wav);
}

void TestSimModel::downloadLinksExpire()
{
    Test::FakeClock clock;
    SimPbx pbx(SimConfig::defaults(), &clock);
    pbx.addRecording(QStringLiteral("1764062100.1234567"), QStringLiteral("in_1"), 60);
    QVERIFY(pbx.hasRecording(QStringLiteral("1764062100.1234567")));
    QCOMPARE(pbx.recordingsOfCall(QStringLiteral("in_1")),
             QStringList { QStringLiteral("1764062100.1234567") });
    qint64 expires = 0;
    const QString token
            = pbx.createDownloadToken(QStringLiteral("1764062100.1234567"), 180, &expires);
    QCOMPARE(expires, clock.now().toSecsSinceEpoch() + 180);
    QVERIFY(pbx.download(token));
    QCOMPARE(pbx.download(token)->size(), 44 + 3 * 8000 * 2); // recording_seconds caps the length
    clock.advance(179s);
    QVERIFY(pbx.download(token));
    clock.advance(1s);
    QVERIFY(!pbx.download(token));
    QVERIFY(!pbx.download(QStringLiteral("nonsense")));
}

void TestSimModel::loadPlanIsSeededAndRealistic()
{
    SimLoadPlan::Options options;
    options.callsPerSecond = 100;
    options.seconds = 20;
    options.seed = 7;
    options.extensions = { QStringLiteral("100"), QStringLiteral("101"), QStringLiteral("102") };
    options.directNumbers = { QStringLiteral("34911234567") };
    const auto plan = SimLoadPlan::make(options);
    QCOMPARE(plan.size(), 2000);
    QCOMPARE(plan.at(150).atSeconds, 1.5);

    const auto again = SimLoadPlan::make(options);
    for (qsizetype i = 0; i < plan.size(); ++i)
        QCOMPARE(again.at(i).scenario, plan.at(i).scenario);
    options.seed = 8;
    QVERIFY(SimLoadPlan::make(options).at(0).scenario != plan.at(0).scenario
            || SimLoadPlan::make(options).at(1).scenario != plan.at(1).scenario);

    QMap<QString, int> kinds;
    QSet<QString> callers;
    for (const auto &call : plan) {
        ++kinds[call.kind];
        const QJsonObject &scenario = call.scenario;
        if (scenario.value(QLatin1StringView("direction")).toString()
            == QLatin1StringView("inbound")) {
            callers.insert(scenario.value(QLatin1StringView("caller")).toString());
            for (const QJsonValue &extension : scenario.value(QLatin1StringView("ring")).toArray())
                QVERIFY(options.extensions.contains(extension.toString()));
        }
    }
    // About 55 % answered inbound, 15 % missed, 5 % busy, 5 % abandoned, 20 % outbound.
    QVERIFY2(kinds.value(QStringLiteral("inbound answered")) > 1000,
             qPrintable(QString::number(kinds.value(QStringLiteral("inbound answered")))));
    QVERIFY(kinds.value(QStringLiteral("inbound missed")) > 200);
    QVERIFY(kinds.value(QStringLiteral("busy")) > 50);
    QVERIFY(kinds.value(QStringLiteral("cancel")) > 50);
    QVERIFY(kinds.value(QStringLiteral("outbound")) > 300);
    // Returning callers: fewer distinct callers than inbound calls.
    QVERIFY(callers.size() < 1600 && callers.size() > 300);
}

QTEST_APPLESS_MAIN(TestSimModel)
#include "TestSimModel.moc"
