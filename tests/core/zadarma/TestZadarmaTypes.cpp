// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaTypes.h"

#include <QJsonDocument>
#include <QTest>

using namespace CallBridge;

namespace {

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

} // namespace

// Answers as zadarma-api.md §2 documents them, with the type variations seen across Zadarma's
// docs and clients (numbers as strings, booleans as "true"/"false").
class TestZadarmaTypes : public QObject
{
    Q_OBJECT

private slots:
    void balance();
    void timeZone_data();
    void timeZone();
    void extensions();
    void extensionStatusAcceptsStringAndBool_data();
    void extensionStatusAcceptsStringAndBool();
    void extensionInfo();
    void recordingLinks();
    void pbxStatisticsKeepsIdsAsText();
    void statistics();
    void directNumbers();
    void callInfoAndWebhooks();
    void missingFieldsAreErrors_data();
    void missingFieldsAreErrors();
};

void TestZadarmaTypes::balance()
{
    auto result
            = Balance::fromJson(json(R"({"status":"success","balance":10.25,"currency":"USD"})"));
    QVERIFY(result);
    QCOMPARE(result->balance, 10.25);
    QCOMPARE(result->currency, QStringLiteral("USD"));
    QCOMPARE(Balance::fromJson(json(R"({"balance":"-3.5","currency":"EUR"})"))->balance, -3.5);
}

void TestZadarmaTypes::timeZone_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<int>("offset"); // seconds; -1 = not parseable
    QTest::newRow("UTC+3") << QByteArray("UTC+3") << 3 * 3600;
    QTest::newRow("UTC-05:30") << QByteArray("UTC-05:30") << -(5 * 3600 + 30 * 60);
    QTest::newRow("GMT+1") << QByteArray("GMT+1") << 3600;
    QTest::newRow("UTC") << QByteArray("UTC") << 0;
    QTest::newRow("named") << QByteArray("Europe/Madrid") << -1;
}

void TestZadarmaTypes::timeZone()
{
    QFETCH(QByteArray, zone);
    QFETCH(int, offset);
    const QByteArray answer
            = R"({"unixtime":1764062100,"datetime":"2026-11-24 10:15:00","timezone":")" + zone
            + "\"}";
    const auto result = AccountTimeZone::fromJson(json(answer.constData()));
    QVERIFY(result);
    QCOMPARE(result->unixTime, 1764062100);
    QCOMPARE(result->dateTime, QStringLiteral("2026-11-24 10:15:00"));
    QCOMPARE(result->offsetSeconds().value_or(-1), offset);
}

void TestZadarmaTypes::extensions()
{
    const auto result
            = PbxExtensions::fromJson(json(R"({"pbx_id":"1234","numbers":[100,"101",102.0]})"));
    QCOMPARE(result->pbxId, 1234);
    QCOMPARE(result->extensions,
             (QStringList { QStringLiteral("100"), QStringLiteral("101"), QStringLiteral("102") }));
}

void TestZadarmaTypes::extensionStatusAcceptsStringAndBool_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("online");
    QTest::newRow("string true") << QByteArray(R"({"pbx_id":1,"number":100,"is_online":"true"})")
                                 << true;
    QTest::newRow("string false") << QByteArray(R"({"pbx_id":1,"number":100,"is_online":"false"})")
                                  << false;
    QTest::newRow("bool true") << QByteArray(R"({"pbx_id":1,"number":"100","is_online":true})")
                               << true;
    QTest::newRow("number 0") << QByteArray(R"({"pbx_id":1,"number":"100","is_online":0})")
                              << false;
}

void TestZadarmaTypes::extensionStatusAcceptsStringAndBool()
{
    QFETCH(QByteArray, answer);
    const auto result = ExtensionStatus::fromJson(json(answer.constData()));
    QVERIFY(result);
    QCOMPARE(result->extension, QStringLiteral("100"));
    QTEST(result->isOnline, "online");
}

void TestZadarmaTypes::extensionInfo()
{
    const auto result
            = ExtensionInfo::fromJson(json(R"({"status":"success","pbx_id":1234,"number":100,
        "name":"Ana García","caller_id":"+34911234567","caller_id_app_change":"true","caller_id_by_direction":"false",
        "lines":"3","ip_restriction":"false","record_store":"For automatic speech recognition",
        "record_email":"","supervisor_status":1})"));
    QVERIFY(result);
    QCOMPARE(result->extension, QStringLiteral("100"));
    QCOMPARE(result->name, QStringLiteral("Ana García"));
    QCOMPARE(result->callerId, QStringLiteral("+34911234567"));
    QVERIFY(result->callerIdAppChange);
    QCOMPARE(result->lines, QStringLiteral("3"));
    QCOMPARE(result->recordStore, QStringLiteral("For automatic speech recognition"));
    QCOMPARE(result->supervisorStatus, true);
    QVERIFY(!ExtensionInfo::fromJson(json(R"({"number":"101"})"))->supervisorStatus);
}

void TestZadarmaTypes::recordingLinks()
{
    // Zadarma's docs: lifetime_till is a date in the account's time zone.
    const auto byCallId = RecordingLinks::fromJson(json(R"({"status":"success",
        "link":"https://api.zadarma.com/v1/pbx/record/download/x.mp3","lifetime_till":"2026-11-24 10:45:00"})"));
    QCOMPARE(byCallId->links.size(), 1);
    QCOMPARE(byCallId->lifetimeTill, QStringLiteral("2026-11-24 10:45:00"));
    QCOMPARE(byCallId->expiresUtc(3600), QDateTime(QDate(2026, 11, 24), QTime(9, 45), Qt::UTC));
    const auto byPbxCallId = RecordingLinks::fromJson(
            json(R"({"links":["https://a/1.mp3","https://a/2.mp3"],"lifetime_till":1764063900})"));
    QCOMPARE(byPbxCallId->links.size(), 2);
    QCOMPARE(byPbxCallId->expiresUtc(0).toSecsSinceEpoch(), 1764063900);
    QVERIFY(!(RecordingLinks { {}, QStringLiteral("soon") }.expiresUtc(0).isValid()));
    QVERIFY(!RecordingLinks::fromJson(json(R"({"status":"success","links":[]})")));
}

void TestZadarmaTypes::pbxStatisticsKeepsIdsAsText()
{
    const auto page
            = PbxStatisticsPage::fromJson(json(R"({"status":"success","start":"2026-11-01 00:00:00",
        "end":"2026-11-24 23:59:59","version":2,"stats":[{"call_id":1439981389.2702773,"sip":"100",
        "callstart":"2026-11-24 10:15:00","clid":"+48600100200","destination":"100","disposition":"answered",
        "seconds":42,"is_recorded":"true","pbx_call_id":"in_0a1b"},{"call_id":"1764062100.3427761","seconds":"0",
        "disposition":"no answer","is_recorded":false}]})"));
    QVERIFY(page);
    QCOMPARE(page->calls.size(), 2);
    // As a JSON number the id has lost digits in QJsonDocument already; the client quotes such ids
    // before parsing (TestZadarmaClient::numericCallIdsKeepEveryDigit).
    QVERIFY(page->calls.at(0).callId.startsWith(QStringLiteral("1439981389.27027")));
    QCOMPARE(page->calls.at(1).callId, QStringLiteral("1764062100.3427761"));
    QCOMPARE(page->calls.at(0).seconds, 42);
    QVERIFY(page->calls.at(0).isRecorded);
    QVERIFY(!page->calls.at(1).isRecorded);
    QCOMPARE(page->calls.at(0).pbxCallId, QStringLiteral("in_0a1b"));
}

void TestZadarmaTypes::statistics()
{
    const auto page
            = StatisticsPage::fromJson(json(R"({"status":"success","start":"a","end":"b","stats":[
        {"id":"155112","sip":"00001","callstart":"2026-11-24 10:15:00","from":"48600100200","to":"442037691880",
         "description":"United Kingdom, London","disposition":"answered","billseconds":61,"cost":"0.03",
         "billcost":0.06,"currency":"USD"}]})"));
    QVERIFY(page);
    const StatisticsRecord &record = page->records.first();
    QCOMPARE(record.sip, QStringLiteral("00001")); // leading zeros survive
    QCOMPARE(record.billSeconds, 61);
    QCOMPARE(record.cost, 0.03);
    QCOMPARE(record.billCost, 0.06);
}

void TestZadarmaTypes::directNumbers()
{
    const auto numbers
            = DirectNumbers::fromJson(json(R"({"status":"success","info":[{"number":"34911234567",
        "status":"on","country":"Spain","description":"Madrid","number_name":"Sales","sip":"00001",
        "sip_name":"","start_date":"2026-01-01 00:00:00","stop_date":"2027-01-01 00:00:00","monthly_fee":"4.5",
        "currency":"EUR","channels":2,"minutes":0,"autorenew":"true","is_on_test":"false","type":"common"}]})"));
    QVERIFY(numbers);
    const DirectNumber &number = numbers->numbers.first();
    QCOMPARE(number.number, QStringLiteral("34911234567"));
    QCOMPARE(number.monthlyFee, 4.5);
    QCOMPARE(number.channels, 2);
    QVERIFY(number.autorenew);
    QVERIFY(!number.isOnTest);
}

void TestZadarmaTypes::callInfoAndWebhooks()
{
    const auto callInfo = CallInfoSettings::fromJson(
            json(R"({"status":"success","url":"https://crm.example.com/zadarma",
        "notifications":{"notify_start":"true","notify_internal":"false","notify_end":"true","notify_out_start":"false",
        "notify_out_end":"true","notify_answer":"true"}})"));
    QCOMPARE(callInfo->url, QStringLiteral("https://crm.example.com/zadarma"));
    QCOMPARE(callInfo->notifications.size(), 6);
    QVERIFY(callInfo->notifications.contains({ QStringLiteral("notify_start"), true }));
    QVERIFY(callInfo->notifications.contains({ QStringLiteral("notify_internal"), false }));
    const auto webhooks = WebhookSettings::fromJson(json(
            R"({"url":"","hooks":{"number_lookup":"false","call_tracking":"false","sms":"true","speech_recognition":"false"}})"));
    QVERIFY(webhooks->url.isEmpty());
    QVERIFY(webhooks->hooks.contains({ QStringLiteral("sms"), true }));
}

void TestZadarmaTypes::missingFieldsAreErrors_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("balance") << 0 << QByteArray(R"({"status":"success","currency":"USD"})");
    QTest::newRow("time zone") << 1 << QByteArray(R"({"status":"success"})");
    QTest::newRow("extensions") << 2 << QByteArray(R"({"status":"success","pbx_id":1})");
    QTest::newRow("status") << 3 << QByteArray(R"({"number":100})");
    QTest::newRow("pbx statistics") << 4 << QByteArray(R"({"status":"success"})");
    QTest::newRow("statistics") << 5 << QByteArray(R"({"status":"success"})");
    QTest::newRow("direct numbers") << 6 << QByteArray(R"({"status":"success"})");
}

void TestZadarmaTypes::missingFieldsAreErrors()
{
    QFETCH(int, type);
    QFETCH(QByteArray, answer);
    const QJsonObject object = json(answer.constData());
    QString message;
    switch (type) {
    case 0:
        message = Balance::fromJson(object).error().message;
        break;
    case 1:
        message = AccountTimeZone::fromJson(object).error().message;
        break;
    case 2:
        message = PbxExtensions::fromJson(object).error().message;
        break;
    case 3:
        message = ExtensionStatus::fromJson(object).error().message;
        break;
    case 4:
        message = PbxStatisticsPage::fromJson(object).error().message;
        break;
    case 5:
        message = StatisticsPage::fromJson(object).error().message;
        break;
    case 6:
        message = DirectNumbers::fromJson(object).error().message;
        break;
    }
    QVERIFY2(message.startsWith(QStringLiteral("Zadarma's answer for")), qPrintable(message));
}

QTEST_APPLESS_MAIN(TestZadarmaTypes)
#include "TestZadarmaTypes.moc"
