// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimApi.h"
#include "core/sim/SimCallController.h"
#include "core/sim/SimEchoCheck.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimRecordingDownloads.h"
#include "core/sim/SimServer.h"
#include "core/zadarma/PhpQuery.h"
#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaSigner.h"
#include "tests/support/FakeClock.h"
#include "tests/support/LoopbackHttpServer.h"
#include "tests/support/TestData.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

using namespace CallBridge;
using namespace std::chrono_literals;
using Relay = Test::LoopbackHttpServer;
using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

const QByteArray apiKey = "abc123"; // the public vectors' account
const QByteArray apiSecret = "s3cr3t";
const QString vectorCallId = QStringLiteral("1764062100.3427761");
const QString vectorPbxCallId = QStringLiteral("in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
constexpr qsizetype wavSize = 44 + 3 * 8000 * 2; // 3 s of 8 kHz 16-bit mono

// The real SimCallController is being written in parallel; this fake records what the API asks.
class FakeCallController final : public SimCallController
{
public:
    struct Request
    {
        QString from;
        QString to;
        QString sip;
        bool predicted = false;
    };

    Result<QString> startCallback(const QString &from, const QString &to, const QString &sip,
                                  bool predicted) override
    {
        requests.append({ from, to, sip, predicted });
        if (!refusal.isEmpty())
            return fail(refusal);
        return QStringLiteral("out_0123456789abcdef0123456789abcdef01234567");
    }

    QList<Request> requests;
    QString refusal; // set: refuse every callback with this message
};

struct Answer
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString field(const char *name) const
    {
        return json().value(QLatin1StringView(name)).toString();
    }
};

QJsonArray apiVectors()
{
    return QJsonDocument::fromJson(Test::readData(QStringLiteral("zadarma-vectors-public.json")))
            .object()
            .value(QLatin1StringView("api_requests"))
            .toArray();
}

// "/v1/…?…" of the URL the official PHP client sent.
QByteArray officialPathAndQuery(const QJsonObject &vector)
{
    const QByteArray url = vector.value(QLatin1StringView("request_sent_by_official_client"))
                                   .toObject()
                                   .value(QLatin1StringView("url"))
                                   .toString()
                                   .toUtf8();
    return url.mid(url.indexOf("/v1/"));
}

// A different byte of the same kind, so that the URL stays well-formed and a changed hex digit
// of "%2B" changes the value rather than only its case.
char changedByte(char c)
{
    if ((c >= '0' && c < '9') || (c >= 'a' && c < 'z') || (c >= 'A' && c < 'Z'))
        return char(c + 1);
    if (c == '9')
        return '0';
    if (c == 'z')
        return 'a';
    if (c == 'Z')
        return 'A';
    return 'x';
}

SimCallRecord callRecord(const SimPbx &pbx, const QDateTime &startUtc, int index, bool inbound)
{
    SimCallRecord record;
    record.startUtc = startUtc;
    record.callStart = pbx.accountTime(startUtc);
    record.callId = QStringLiteral("%1.%2").arg(startUtc.toSecsSinceEpoch()).arg(1000000 + index);
    record.pbxCallId = (inbound ? QStringLiteral("in_") : QStringLiteral("out_"))
            + QString::fromLatin1(QCryptographicHash::hash(record.callId.toLatin1(),
                                                           QCryptographicHash::Sha1)
                                          .toHex());
    record.sip = QStringLiteral("100");
    record.clid = inbound ? QStringLiteral("+48600100200") : QStringLiteral("34911234560");
    record.destination = inbound ? QStringLiteral("34911234567") : QStringLiteral("442037691880");
    record.disposition = index % 3 == 0 ? QStringLiteral("no answer") : QStringLiteral("answered");
    record.seconds = index % 3 == 0 ? 0 : 30 + index;
    record.isRecorded = index % 3 != 0;
    record.inbound = inbound;
    return record;
}

} // namespace

// The simulator's Zadarma REST API, run as a real server on 127.0.0.1 and driven by the core
// client and by raw requests.
class TestSimApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void officialRequestsAreAccepted_data();
    void officialRequestsAreAccepted();
    void anyChangedByteIsRefused();
    void wrongCredentialsAreRefused_data();
    void wrongCredentialsAreRefused();
    void everyMethodParsesWithTheClientsTypes();
    void statisticsArePagedWithSkipAndLimit();
    void statisticsPeriodDefaultsAndIsCutTo30Days();
    void statisticsAllowThreeRequestsAMinute();
    void allMethodsAllowAHundredRequestsAMinute();
    void limitsCanBeLifted();
    void callbackAsksTheCallController();
    void recordingLinkServesTheWav();
    void recordingLinkSupportsRanges_data();
    void recordingLinkSupportsRanges();
    void recordingLinkExpires();
    void recordingsOfACallAndTheirDeletion();
    void urlIsSetAfterTheEchoCheck();
    void urlFailingTheEchoCheckIsRefused_data();
    void urlFailingTheEchoCheckIsRefused();
    void switchesAreChecked();
    void zadarmaStyleErrors_data();
    void zadarmaStyleErrors();

private:
    void makeSim(SimConfig config);
    Answer send(const QByteArray &method, const QByteArray &pathAndQuery,
                const QByteArray &authorization, const QByteArray &body = {},
                const Headers &headers = {});
    Answer sendSigned(const QByteArray &method, const QByteArray &path, const PhpArray &parameters,
                      QByteArrayView format = "json");
    ZadarmaResult await(ZadarmaReply *reply);
    QString recordingLink(int lifetime = 1800);

    std::unique_ptr<Test::FakeClock> m_clock; // the simulator's
    std::unique_ptr<Test::FakeClock> m_clientClock; // never advanced: no client timeouts
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeCallController> m_calls;
    std::unique_ptr<SimPbx> m_pbx;
    std::unique_ptr<SimApi> m_api;
    std::unique_ptr<SimRecordingDownloads> m_downloads;
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<ZadarmaClient> m_client;
};

void TestSimApi::initTestCase()
{
    // Hundreds of requests here are refused on purpose; the simulator logs each one.
    QLoggingCategory::setFilterRules(QStringLiteral("callbridge.core.sim.api.info=false"));
}

void TestSimApi::init()
{
    m_clock = std::make_unique<Test::FakeClock>(); // 2026-11-24 10:00 UTC: 11:00 in UTC+1
    m_clientClock = std::make_unique<Test::FakeClock>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_calls = std::make_unique<FakeCallController>();
    makeSim(SimConfig::defaults());
}

void TestSimApi::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_api.reset();
    m_downloads.reset();
    m_pbx.reset();
    m_network.reset();
    m_calls.reset();
    m_clientClock.reset();
    m_clock.reset();
}

void TestSimApi::makeSim(SimConfig config)
{
    m_client.reset();
    m_server.reset();
    m_api.reset();
    m_downloads.reset();
    config.key = apiKey;
    config.secret = apiSecret;
    m_pbx = std::make_unique<SimPbx>(std::move(config), m_clock.get());
    m_pbx->addRecording(vectorCallId, vectorPbxCallId, 30);
    m_server = std::make_unique<SimServer>();
    m_api = std::make_unique<SimApi>(m_pbx.get(), m_calls.get(), m_network.get(),
                                     [this] { return m_server->url(); });
    m_downloads = std::make_unique<SimRecordingDownloads>(m_pbx.get());
    m_server->addHandler("/v1/", m_api.get());
    m_server->addHandler(SimRecordingDownloads::pathPrefix.toByteArray(), m_downloads.get());
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));

    // The client's own limiter and retries stay out of the way of the simulator's.
    ZadarmaClientConfig clientConfig;
    clientConfig.baseUrl = m_server->url();
    clientConfig.limits = { 100000, 100000 };
    clientConfig.maxAttempts = 1;
    m_client = std::make_unique<ZadarmaClient>(m_network.get(), m_clientClock.get(), clientConfig);
    m_client->setCredentials({ apiKey, apiSecret });
}

Answer TestSimApi::send(const QByteArray &method, const QByteArray &pathAndQuery,
                        const QByteArray &authorization, const QByteArray &body,
                        const Headers &headers)
{
    QNetworkRequest request(QUrl::fromEncoded(m_server->url().toEncoded() + pathAndQuery));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!authorization.isNull())
        request.setRawHeader("Authorization", authorization);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nullptr;
    if (method == "GET") {
        reply = m_network->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = m_network->sendCustomRequest(request, method, body);
    }
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(5000))
        qWarning("no answer to %s %s", method.constData(), pathAndQuery.constData());
    Answer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                    reply->readAll(), reply->rawHeaderPairs() };
    reply->deleteLater();
    return answer;
}

Answer TestSimApi::sendSigned(const QByteArray &method, const QByteArray &path,
                              const PhpArray &parameters, QByteArrayView format)
{
    const auto request = signZadarmaRequest(path, parameters, apiKey, apiSecret, format);
    if (method == "GET")
        return send(method, path + '?' + request.query, request.authorization);
    return send(method, path, request.authorization, request.query);
}

ZadarmaResult TestSimApi::await(ZadarmaReply *reply)
{
    QSignalSpy finished(reply, &ZadarmaReply::finished);
    if (!reply->isFinished() && !finished.wait(5000))
        qWarning("the client's reply did not finish");
    return reply->result();
}

QString TestSimApi::recordingLink(int lifetime)
{
    const Answer answer = sendSigned("GET", "/v1/pbx/record/request/",
                                     { { "call_id", vectorCallId }, { "lifetime", lifetime } });
    return answer.field("link");
}

// Authentication ---------------------------------------------------------------------------

void TestSimApi::officialRequestsAreAccepted_data()
{
    QTest::addColumn<QByteArray>("pathAndQuery");
    QTest::addColumn<QByteArray>("authorization");
    for (const QJsonValue &value : apiVectors()) {
        const QJsonObject vector = value.toObject();
        const QByteArray id = vector.value(QLatin1StringView("id")).toString().toUtf8();
        const QByteArray authorization
                = vector.value(QLatin1StringView("authorization")).toString().toUtf8();
        // Insertion order with format last, signed over the sorted string.
        QTest::addRow("%s, as the PHP client sends it", id.constData())
                << officialPathAndQuery(vector) << authorization;
        // Sorted, the string that was signed: what CallBridge's client sends.
        QTest::addRow("%s, sorted", id.constData()) << QByteArray(
                vector.value(QLatin1StringView("api_method")).toString().toUtf8() + '?'
                + vector.value(QLatin1StringView("signed_query_string")).toString().toUtf8())
                                                    << authorization;
    }
}

void TestSimApi::officialRequestsAreAccepted()
{
    QFETCH(QByteArray, pathAndQuery);
    QFETCH(QByteArray, authorization);
    const Answer answer = send("GET", pathAndQuery, authorization);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.field("status"), QStringLiteral("success"));
    if (pathAndQuery.startsWith("/v1/request/callback/")) {
        QCOMPARE(m_calls->requests.size(), 1);
        QCOMPARE(m_calls->requests.first().to, QStringLiteral("+442037691880"));
        QVERIFY(m_calls->requests.first().predicted);
    }
}

void TestSimApi::anyChangedByteIsRefused()
{
    int tried = 0;
    for (const QJsonValue &value : apiVectors()) {
        const QJsonObject vector = value.toObject();
        const QByteArray pathAndQuery = officialPathAndQuery(vector);
        const QByteArray authorization
                = vector.value(QLatin1StringView("authorization")).toString().toUtf8();
        QCOMPARE(send("GET", pathAndQuery, authorization).status, 200);

        // The "/v1/" prefix is left alone: changed, the request is no API call at all.
        for (qsizetype i = 4; i < pathAndQuery.size(); ++i) {
            QByteArray changed = pathAndQuery;
            changed[i] = changedByte(changed[i]);
            const Answer answer = send("GET", changed, authorization);
            QVERIFY2(answer.status == 401
                             && answer.field("message") == QLatin1StringView("Auth error"),
                     qPrintable(QStringLiteral("%1 → HTTP %2 %3")
                                        .arg(QString::fromUtf8(changed))
                                        .arg(answer.status)
                                        .arg(QString::fromUtf8(answer.body))));
            ++tried;
        }
        for (qsizetype i = 0; i < authorization.size(); ++i) {
            QByteArray changed = authorization;
            changed[i] = changedByte(changed[i]);
            const Answer answer = send("GET", pathAndQuery, changed);
            QVERIFY2(answer.status == 401 && answer.field("status") == QLatin1StringView("error"),
                     qPrintable(QStringLiteral("Authorization %1 → HTTP %2")
                                        .arg(QString::fromUtf8(changed))
                                        .arg(answer.status)));
            ++tried;
        }
    }
    QVERIFY(tried > 300);
    QCOMPARE(m_calls->requests.size(), 1); // only the genuine callback reached the call side
}

void TestSimApi::wrongCredentialsAreRefused_data()
{
    QTest::addColumn<QByteArray>("pathAndQuery");
    QTest::addColumn<QByteArray>("authorization");
    const QByteArray balance = "/v1/info/balance/?format=json";
    const QByteArray good = "abc123:ZDJmNTAyNWRlN2FjYWQxMjg2OGM4NGQ1ZDkxOWM0N2Q1NDc3YmFiMQ==";
    const QByteArray signature = good.mid(7);
    const QByteArray stringToSign = "/v1/info/balance/format=json0cce6c99b4e629aa977d00c2fece8a23";

    QTest::newRow("no header") << balance << QByteArray();
    QTest::newRow("empty header") << balance << QByteArray("");
    QTest::newRow("key only") << balance << QByteArray("abc123");
    QTest::newRow("signature only") << balance << signature;
    QTest::newRow("another key") << balance << QByteArray("abc124:" + signature);
    QTest::newRow("space after the colon") << balance << QByteArray("abc123: " + signature);
    QTest::newRow("another secret")
            << balance << QByteArray("abc123:" + zadarmaSignature("s3cr3T", stringToSign));
    // The TypeScript client's webhook bug: base64 of the raw digest instead of the hex.
    QTest::newRow("raw digest in base64")
            << balance
            << QByteArray("abc123:"
                          + QMessageAuthenticationCode::hash(stringToSign, apiSecret,
                                                             QCryptographicHash::Sha1)
                                    .toBase64());
    // A client that signs the parameters as it sends them instead of sorted.
    const QByteArray unsorted = "from=100&to=%2B442037691880&sip=100&predicted=1&format=json";
    QTest::newRow("signed unsorted")
            << QByteArray("/v1/request/callback/?" + unsorted)
            << QByteArray("abc123:"
                          + zadarmaSignature(apiSecret,
                                             QByteArray("/v1/request/callback/" + unsorted
                                                        + QCryptographicHash::hash(
                                                                  unsorted, QCryptographicHash::Md5)
                                                                  .toHex())));
    QTest::newRow("signed without the trailing slash")
            << balance
            << QByteArray("abc123:"
                          + zadarmaSignature(apiSecret,
                                             "/v1/info/balanceformat=json"
                                             "0cce6c99b4e629aa977d00c2fece8a23"));
}

void TestSimApi::wrongCredentialsAreRefused()
{
    QFETCH(QByteArray, pathAndQuery);
    QFETCH(QByteArray, authorization);
    const Answer answer = send("GET", pathAndQuery, authorization);
    QCOMPARE(answer.status, 401);
    QCOMPARE(answer.json(),
             QJsonObject({ { QStringLiteral("status"), QStringLiteral("error") },
                           { QStringLiteral("message"), QStringLiteral("Auth error") } }));
    QVERIFY(m_calls->requests.isEmpty());
}

// Every method, through the client's typed parsers ---------------------------------------

void TestSimApi::everyMethodParsesWithTheClientsTypes()
{
    SimConfig config = SimConfig::defaults();
    config.extensions[5].online = false;
    makeSim(config);
    m_pbx->recordCall(callRecord(*m_pbx, m_clock->now().addSecs(-3600), 1, true));

    const auto balance = Balance::fromJson(await(m_client->balance()).value());
    QVERIFY(balance);
    QCOMPARE(balance->balance, 125.5);
    QCOMPARE(balance->currency, QStringLiteral("USD"));

    const auto timeZone = AccountTimeZone::fromJson(await(m_client->timezone()).value());
    QVERIFY(timeZone);
    QCOMPARE(timeZone->unixTime, m_clock->now().toSecsSinceEpoch());
    QCOMPARE(timeZone->dateTime, QStringLiteral("2026-11-24 11:00:00"));
    QCOMPARE(timeZone->offsetSeconds(), 3600);

    const auto extensions = PbxExtensions::fromJson(await(m_client->pbxExtensions()).value());
    QVERIFY(extensions);
    QCOMPARE(extensions->pbxId, 12345);
    QCOMPARE(extensions->extensions.size(), 10);
    QCOMPARE(extensions->extensions.first(), QStringLiteral("100"));

    auto status = ExtensionStatus::fromJson(
            await(m_client->extensionStatus(QStringLiteral("100"))).value());
    QVERIFY(status);
    QCOMPARE(status->extension, QStringLiteral("100"));
    QVERIFY(status->isOnline);
    status = ExtensionStatus::fromJson(
            await(m_client->extensionStatus(QStringLiteral("105"))).value());
    QVERIFY(!status->isOnline);

    const auto info = ExtensionInfo::fromJson(
            await(m_client->extensionInfo(QStringLiteral("101"))).value());
    QVERIFY(info);
    QCOMPARE(info->name, QStringLiteral("Boris Ivanov"));
    QCOMPARE(info->callerId, QStringLiteral("+34911234561"));
    QCOMPARE(info->ipRestriction, QStringLiteral("false"));
    QCOMPARE(info->supervisorStatus.value_or(true), false);

    const auto callback = CallbackResult::fromJson(
            await(m_client->requestCallback(QStringLiteral("101"), QStringLiteral("+442037691880")))
                    .value());
    QVERIFY(callback);
    QCOMPARE(callback->from, QStringLiteral("101"));
    QCOMPARE(callback->to, QStringLiteral("+442037691880"));

    const auto link = RecordingLinks::fromJson(
            await(m_client->recordingByCallId(vectorCallId, 600)).value());
    QVERIFY(link);
    QCOMPARE(link->links.size(), 1);
    const auto links = RecordingLinks::fromJson(
            await(m_client->recordingsByPbxCallId(vectorPbxCallId)).value());
    QVERIFY(links);
    QCOMPARE(links->links.size(), 1);

    const auto pbxPage = PbxStatisticsPage::fromJson(await(m_client->pbxStatistics({})).value());
    QVERIFY(pbxPage);
    QCOMPARE(pbxPage->calls.size(), 1);
    const PbxCallRecord &row = pbxPage->calls.first();
    QCOMPARE(row.callId, m_pbx->calls().first().callId); // every digit, though sent as a number
    QCOMPARE(row.pbxCallId, m_pbx->calls().first().pbxCallId);
    QCOMPARE(row.clid, QStringLiteral("+48600100200"));
    QCOMPARE(row.destination, QStringLiteral("34911234567"));
    QCOMPARE(row.sip, QStringLiteral("100"));
    QCOMPARE(row.callStart, QStringLiteral("2026-11-24 10:00:00"));
    QCOMPARE(row.seconds, 31);
    QVERIFY(row.isRecorded);

    const auto page = StatisticsPage::fromJson(await(m_client->statistics({})).value());
    QVERIFY(page);
    QCOMPARE(page->records.size(), 1);
    QCOMPARE(page->records.first().from, QStringLiteral("+48600100200"));
    QCOMPARE(page->records.first().description, QStringLiteral("Spain, Madrid"));
    QCOMPARE(page->records.first().billSeconds, 31);
    QCOMPARE(page->records.first().currency, QStringLiteral("USD"));

    const auto numbers = DirectNumbers::fromJson(await(m_client->directNumbers()).value());
    QVERIFY(numbers);
    QCOMPARE(numbers->numbers.size(), 2);
    QCOMPARE(numbers->numbers.first().number, QStringLiteral("34911234567"));
    QCOMPARE(numbers->numbers.first().sip, QStringLiteral("100"));
    QCOMPARE(numbers->numbers.first().sipName, QStringLiteral("Ana García"));
    QCOMPARE(numbers->numbers.first().status, QStringLiteral("on"));
    QVERIFY(numbers->numbers.first().autorenew);

    const auto callInfo = CallInfoSettings::fromJson(await(m_client->callInfo()).value());
    QVERIFY(callInfo);
    QCOMPARE(callInfo->url, QString());
    QCOMPARE(callInfo->notifications.size(), 6);
    const auto switched = CallInfoSettings::fromJson(
            await(m_client->setCallInfoNotifications(
                          { { QStringLiteral("notify_internal"), false } }))
                    .value());
    QVERIFY(switched);
    QVERIFY(switched->notifications.contains({ QStringLiteral("notify_internal"), false }));
    QVERIFY(switched->notifications.contains({ QStringLiteral("notify_start"), true }));

    const auto webhooks = WebhookSettings::fromJson(await(m_client->webhooks()).value());
    QVERIFY(webhooks);
    QCOMPARE(webhooks->hooks.size(), 4);
    const auto hooks = WebhookSettings::fromJson(
            await(m_client->setWebhookHooks({ { QStringLiteral("sms"), true } })).value());
    QVERIFY(hooks->hooks.contains({ QStringLiteral("sms"), true }));

    const auto removed = CallInfoSettings::fromJson(await(m_client->removeCallInfoUrl()).value());
    QVERIFY(removed);
    QVERIFY(await(m_client->removeWebhooksUrl()));

    // The raw shapes where Zadarma's types are unusual.
    const Answer statistics = sendSigned("GET", "/v1/statistics/pbx/", { { "version", 2 } });
    QVERIFY2(statistics.body.contains(
                     QByteArray("\"call_id\":" + m_pbx->calls().first().callId.toLatin1())),
             statistics.body.constData());
    QCOMPARE(statistics.json().value(QLatin1StringView("version")).toInt(), 2);
    const QJsonObject status100 = sendSigned("GET", "/v1/pbx/internal/100/status/", {}).json();
    QCOMPARE(status100.value(QLatin1StringView("number")).toInt(), 100);
    QCOMPARE(status100.value(QLatin1StringView("is_online")).toString(), QStringLiteral("true"));
    QCOMPARE(sendSigned("GET", "/v1/sip/", {}).json().value(QLatin1StringView("sips")).toArray(),
             QJsonArray());
}

// Statistics -------------------------------------------------------------------------------

void TestSimApi::statisticsArePagedWithSkipAndLimit()
{
    SimConfig config = SimConfig::defaults();
    config.rateLimited = false;
    makeSim(config);
    QStringList expected;
    for (int i = 0; i < 25; ++i) {
        const SimCallRecord record
                = callRecord(*m_pbx, QDateTime(QDate(2026, 11, 1 + i % 23), QTime(9, i), Qt::UTC),
                             i, i % 2 == 0);
        m_pbx->recordCall(record);
    }
    // Zadarma lists by call start.
    QList<SimCallRecord> byStart = m_pbx->calls();
    std::stable_sort(byStart.begin(), byStart.end(),
                     [](const auto &a, const auto &b) { return a.startUtc < b.startUtc; });
    for (const SimCallRecord &record : std::as_const(byStart))
        expected.append(record.callId);

    QStringList paged;
    for (const int skip : { 0, 10, 20, 30 }) {
        PbxStatisticsQuery query;
        query.skip = skip;
        query.limit = 10;
        const auto page
                = PbxStatisticsPage::fromJson(await(m_client->pbxStatistics(query)).value());
        QVERIFY(page);
        QCOMPARE(page->calls.size(), std::clamp(25 - skip, 0, 10));
        for (const PbxCallRecord &call : page->calls)
            paged.append(call.callId);
    }
    QCOMPARE(paged, expected);

    PbxStatisticsQuery inbound;
    inbound.callType = QStringLiteral("in");
    auto page = PbxStatisticsPage::fromJson(await(m_client->pbxStatistics(inbound)).value());
    QCOMPARE(page->calls.size(), 13);
    PbxStatisticsQuery outbound;
    outbound.callType = QStringLiteral("out");
    page = PbxStatisticsPage::fromJson(await(m_client->pbxStatistics(outbound)).value());
    QCOMPARE(page->calls.size(), 12);

    // More than 1000 rows a page are never sent; a larger limit is Zadarma's maximum.
    const Answer big = sendSigned("GET", "/v1/statistics/pbx/", { { "limit", 5000 } });
    QCOMPARE(big.status, 200);
    QCOMPARE(big.json().value(QLatin1StringView("stats")).toArray().size(), 25);

    StatisticsQuery overall;
    overall.skip = 20;
    overall.limit = 10;
    const auto last = StatisticsPage::fromJson(await(m_client->statistics(overall)).value());
    QVERIFY(last);
    QCOMPARE(last->records.size(), 5);
    QCOMPARE(last->records.first().callStart, byStart.at(20).callStart);

    const Answer cost = sendSigned("GET", "/v1/statistics/", { { "cost_only", 1 } });
    const QJsonArray total = cost.json().value(QLatin1StringView("stats")).toArray();
    QCOMPARE(total.size(), 1);
    qint64 billed = 0;
    for (const SimCallRecord &record : m_pbx->calls())
        billed += record.disposition == QLatin1StringView("answered") ? record.seconds : 0;
    QCOMPARE(total.first().toObject().value(QLatin1StringView("seconds")).toInteger(), billed);
    QVERIFY(total.first().toObject().value(QLatin1StringView("cost")).toDouble() > 0);
}

void TestSimApi::statisticsPeriodDefaultsAndIsCutTo30Days()
{
    SimConfig config = SimConfig::defaults();
    config.rateLimited = false;
    makeSim(config);
    // 00:30 on 1 November in the account's zone (UTC+1), but still October in UTC.
    m_pbx->recordCall(
            callRecord(*m_pbx, QDateTime(QDate(2026, 10, 31), QTime(23, 30), Qt::UTC), 1, true));
    m_pbx->recordCall(
            callRecord(*m_pbx, QDateTime(QDate(2026, 10, 15), QTime(12, 0), Qt::UTC), 2, true));
    m_pbx->recordCall(
            callRecord(*m_pbx, QDateTime(QDate(2026, 9, 20), QTime(12, 0), Qt::UTC), 4, true));

    auto page = PbxStatisticsPage::fromJson(await(m_client->pbxStatistics({})).value());
    QCOMPARE(page->start, QStringLiteral("2026-11-01 00:00:00"));
    QCOMPARE(page->end, QStringLiteral("2026-11-24 11:00:00"));
    QCOMPARE(page->calls.size(), 1);
    QCOMPARE(page->calls.first().callStart, QStringLiteral("2026-11-01 00:30:00"));

    PbxStatisticsQuery query;
    query.start = QStringLiteral("2026-09-01 00:00:00");
    query.end = QStringLiteral("2026-11-24 00:00:00");
    page = PbxStatisticsPage::fromJson(await(m_client->pbxStatistics(query)).value());
    QCOMPARE(page->start, query.start);
    QCOMPARE(page->end, QStringLiteral("2026-10-01 00:00:00")); // cut to 30 days
    QCOMPARE(page->calls.size(), 1);
    QCOMPARE(page->calls.first().callStart, QStringLiteral("2026-09-20 13:00:00"));

    query.start = QStringLiteral("2026-10-15 00:00:00");
    query.end = QStringLiteral("2026-11-15 00:00:00"); // exactly a month: not cut
    page = PbxStatisticsPage::fromJson(await(m_client->pbxStatistics(query)).value());
    QCOMPARE(page->end, query.end);
    QCOMPARE(page->calls.size(), 2);
}

// Rate limits ------------------------------------------------------------------------------

void TestSimApi::statisticsAllowThreeRequestsAMinute()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(PbxStatisticsPage::fromJson(await(m_client->pbxStatistics({})).value()));

    Answer refused = sendSigned("GET", "/v1/statistics/pbx/", { { "version", 2 } });
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.field("status"), QStringLiteral("error"));
    QCOMPARE(refused.field("message"), QStringLiteral("You exceeded the rate limit"));
    QCOMPARE(refused.header("Retry-After"), QByteArray("60"));
    QCOMPARE(refused.header("X-RateLimit-Limit"), QByteArray("3"));
    QCOMPARE(refused.header("X-RateLimit-Remaining"), QByteArray("0"));
    QCOMPARE(refused.header("X-RateLimit-Reset"),
             QByteArray::number(m_clock->now().toSecsSinceEpoch() + 60));
    QCOMPARE(sendSigned("GET", "/v1/statistics/", {}).status, 429); // the same budget

    // The other methods have their own, larger budget; refused requests did not use it.
    const Answer balance = sendSigned("GET", "/v1/info/balance/", {});
    QCOMPARE(balance.status, 200);
    QCOMPARE(balance.header("X-RateLimit-Limit"), QByteArray("100"));
    QCOMPARE(balance.header("X-RateLimit-Remaining"), QByteArray("96"));

    m_clock->advance(59s);
    refused = sendSigned("GET", "/v1/statistics/pbx/", {});
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.header("Retry-After"), QByteArray("1"));
    m_clock->advance(1s);
    QVERIFY(PbxStatisticsPage::fromJson(await(m_client->pbxStatistics({})).value()));
}

void TestSimApi::allMethodsAllowAHundredRequestsAMinute()
{
    for (int i = 0; i < 5; ++i) // refused by authentication: not counted
        QCOMPARE(send("GET", "/v1/info/balance/?format=json", "abc123:x").status, 401);
    for (int i = 0; i < 100; ++i) {
        const Answer answer = sendSigned("GET", "/v1/info/balance/", {});
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("X-RateLimit-Remaining"), QByteArray::number(99 - i));
        m_clock->advance(100ms);
    }
    const Answer refused = sendSigned("GET", "/v1/pbx/internal/", {});
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.field("message"), QStringLiteral("You exceeded the rate limit"));
    QCOMPARE(refused.header("Retry-After"), QByteArray("50")); // the first leaves at 60 s
    QCOMPARE(sendSigned("GET", "/v1/statistics/", {}).status, 429);

    // The client reports it as Zadarma's rate limit.
    const ZadarmaResult result = await(m_client->balance());
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ZadarmaError::Kind::RateLimited);

    m_clock->advance(50s);
    QCOMPARE(sendSigned("GET", "/v1/pbx/internal/", {}).status, 200);
}

void TestSimApi::limitsCanBeLifted()
{
    SimConfig config = SimConfig::defaults();
    config.rateLimited = false;
    makeSim(config);
    for (int i = 0; i < 10; ++i) {
        const Answer answer = sendSigned("GET", "/v1/statistics/pbx/", {});
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.header("X-RateLimit-Limit").isEmpty());
    }
}

// Click-to-call ----------------------------------------------------------------------------

void TestSimApi::callbackAsksTheCallController()
{
    const ZadarmaResult result = await(m_client->requestCallback(
            QStringLiteral("100"), QStringLiteral("+442037691880"), QStringLiteral("101"), true));
    const auto callback = CallbackResult::fromJson(result.value());
    QVERIFY(callback);
    QCOMPARE(callback->time, m_clock->now().toSecsSinceEpoch());
    QCOMPARE(m_calls->requests.size(), 1);
    const FakeCallController::Request &request = m_calls->requests.first();
    QCOMPARE(request.from, QStringLiteral("100"));
    QCOMPARE(request.to, QStringLiteral("+442037691880"));
    QCOMPARE(request.sip, QStringLiteral("101"));
    QVERIFY(request.predicted);

    // Not predicted, no sip: the call side picks the defaults.
    QVERIFY(await(m_client->requestCallback(QStringLiteral("102"), QStringLiteral("34911234567"))));
    QCOMPARE(m_calls->requests.last().sip, QString());
    QVERIFY(!m_calls->requests.last().predicted);
    // As numbers, the way Zadarma writes them.
    const Answer raw = sendSigned("GET", "/v1/request/callback/",
                                  { { "from", "100" }, { "to", "442037691880" } });
    QCOMPARE(raw.json().value(QLatin1StringView("to")).toInteger(), 442037691880LL);

    m_calls->refusal = QStringLiteral("Extension 100 is not registered");
    const ZadarmaResult refused = await(
            m_client->requestCallback(QStringLiteral("100"), QStringLiteral("+442037691880")));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ZadarmaError::Kind::Api);
    QCOMPARE(refused.error().httpStatus, 400);
    QCOMPARE(refused.error().message, m_calls->refusal);
}

// Recordings -------------------------------------------------------------------------------

void TestSimApi::recordingLinkServesTheWav()
{
    const Answer answer = sendSigned("GET", "/v1/pbx/record/request/",
                                     { { "call_id", vectorCallId }, { "lifetime", 600 } });
    QCOMPARE(answer.status, 200);
    const QString link = answer.field("link");
    QVERIFY2(
            QRegularExpression(QStringLiteral("^%1/_sim/recordings/[0-9a-f]{32}\\.wav$")
                                       .arg(QRegularExpression::escape(m_server->url().toString())))
                    .match(link)
                    .hasMatch(),
            qPrintable(link));
    // A date in the account's zone, as Zadarma's documentation shows it.
    QCOMPARE(answer.field("lifetime_till"), QStringLiteral("2026-11-24 11:10:00"));

    const QByteArray path = QUrl(link).path(QUrl::FullyEncoded).toUtf8();
    const Answer wav = send("GET", path, QByteArray()); // the token is the only credential
    QCOMPARE(wav.status, 200);
    QCOMPARE(wav.header("Content-Type"), QByteArray("audio/wav"));
    QCOMPARE(wav.header("Accept-Ranges"), QByteArray("bytes"));
    QCOMPARE(wav.body.size(), wavSize);
    QVERIFY(wav.body.startsWith("RIFF"));
    QCOMPARE(wav.body.mid(8, 4), QByteArray("WAVE"));

    QCOMPARE(send("POST", path, QByteArray()).status, 405);
    QCOMPARE(send("GET", "/_sim/recordings/0123456789abcdef0123456789abcdef.wav", QByteArray())
                     .status,
             404);
    QCOMPARE(send("GET", path.chopped(4) + ".mp3", QByteArray()).status, 404);
}

void TestSimApi::recordingLinkSupportsRanges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentRange");
    QTest::addColumn<qsizetype>("first");
    QTest::addColumn<qsizetype>("length");
    const QByteArray size = QByteArray::number(wavSize);
    QTest::newRow("first 100 bytes")
            << QByteArray("bytes=0-99") << 206 << QByteArray("bytes 0-99/" + size) << qsizetype(0)
            << qsizetype(100);
    QTest::newRow("from 100 to the end")
            << QByteArray("bytes=100-") << 206
            << QByteArray("bytes 100-" + QByteArray::number(wavSize - 1) + '/' + size)
            << qsizetype(100) << wavSize - 100;
    QTest::newRow("last 10 bytes") << QByteArray("bytes=-10") << 206
                                   << QByteArray("bytes " + QByteArray::number(wavSize - 10) + '-'
                                                 + QByteArray::number(wavSize - 1) + '/' + size)
                                   << wavSize - 10 << qsizetype(10);
    QTest::newRow("past the end is cut")
            << QByteArray("bytes=48000-99999") << 206
            << QByteArray("bytes 48000-" + QByteArray::number(wavSize - 1) + '/' + size)
            << qsizetype(48000) << wavSize - 48000;
    QTest::newRow("starts after the end")
            << QByteArray("bytes=" + size + '-') << 416 << QByteArray("bytes */" + size)
            << qsizetype(0) << qsizetype(0);
    QTest::newRow("malformed: whole file")
            << QByteArray("bytes=5-2") << 200 << QByteArray() << qsizetype(0) << wavSize;
    QTest::newRow("several ranges: whole file")
            << QByteArray("bytes=0-1,5-6") << 200 << QByteArray() << qsizetype(0) << wavSize;
    QTest::newRow("another unit: whole file")
            << QByteArray("items=0-1") << 200 << QByteArray() << qsizetype(0) << wavSize;
}

void TestSimApi::recordingLinkSupportsRanges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(QByteArray, contentRange);
    QFETCH(qsizetype, first);
    QFETCH(qsizetype, length);
    const QByteArray path = QUrl(recordingLink()).path(QUrl::FullyEncoded).toUtf8();
    const QByteArray whole = send("GET", path, QByteArray()).body;
    QCOMPARE(whole.size(), wavSize);

    const Answer answer = send("GET", path, QByteArray(), {}, { { "Range", range } });
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.header("Content-Range"), contentRange);
    QCOMPARE(answer.header("Accept-Ranges"), QByteArray("bytes"));
    if (status != 416) {
        QCOMPARE(answer.header("Content-Type"), QByteArray("audio/wav"));
        QCOMPARE(answer.body, whole.mid(first, length));
    }
}

void TestSimApi::recordingLinkExpires()
{
    const Answer answer = sendSigned("GET", "/v1/pbx/record/request/",
                                     { { "call_id", vectorCallId }, { "lifetime", 180 } });
    QCOMPARE(answer.field("lifetime_till"), QStringLiteral("2026-11-24 11:03:00"));
    const QByteArray path = QUrl(answer.field("link")).path(QUrl::FullyEncoded).toUtf8();
    m_clock->advance(179s);
    QCOMPARE(send("GET", path, QByteArray()).status, 200);
    m_clock->advance(1s);
    const Answer expired = send("GET", path, QByteArray());
    QCOMPARE(expired.status, 404);
    QCOMPARE(expired.field("status"), QStringLiteral("error"));
    // A new link works again.
    QCOMPARE(send("GET", QUrl(recordingLink()).path(QUrl::FullyEncoded).toUtf8(), QByteArray())
                     .status,
             200);
}

void TestSimApi::recordingsOfACallAndTheirDeletion()
{
    const QString secondCallId = QStringLiteral("1764062160.1234567");
    m_pbx->addRecording(secondCallId, vectorPbxCallId, 10);
    const auto links = RecordingLinks::fromJson(
            await(m_client->recordingsByPbxCallId(vectorPbxCallId, 3600)).value());
    QVERIFY(links);
    QCOMPARE(links->links.size(), 2);
    QVERIFY(links->links.at(0) != links->links.at(1));
    // Both ids: the pbx_call_id's recordings narrowed to the call_id, still as "links".
    const Answer both
            = sendSigned("GET", "/v1/pbx/record/request/",
                         { { "pbx_call_id", vectorPbxCallId }, { "call_id", secondCallId } });
    QCOMPARE(both.json().value(QLatin1StringView("links")).toArray().size(), 1);

    const Answer deleted
            = sendSigned("DELETE", "/v1/pbx/record/request/", { { "call_id", secondCallId } });
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.field("file_name"), secondCallId + QStringLiteral(".wav"));
    QVERIFY(!m_pbx->hasRecording(secondCallId));
    const QByteArray secondPath = QUrl(links->links.at(1)).path(QUrl::FullyEncoded).toUtf8();
    const QByteArray firstPath = QUrl(links->links.at(0)).path(QUrl::FullyEncoded).toUtf8();
    // recordingsOfCall() is sorted, so the links are in call id order.
    QCOMPARE(send("GET", secondPath, QByteArray()).status, 404);
    QCOMPARE(send("GET", firstPath, QByteArray()).status, 200);

    const Answer all = sendSigned("DELETE", "/v1/pbx/record/request/",
                                  { { "pbx_call_id", vectorPbxCallId } });
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json().value(QLatin1StringView("deleted_files")).toArray(),
             QJsonArray { QString(vectorCallId + QStringLiteral(".wav")) });
    QCOMPARE(all.json().value(QLatin1StringView("failed_files")).toArray(), QJsonArray());
    const Answer none
            = sendSigned("GET", "/v1/pbx/record/request/", { { "pbx_call_id", vectorPbxCallId } });
    QCOMPARE(none.status, 400);
    QCOMPARE(none.field("message"), QStringLiteral("Recording not found"));
}

// Notification URLs ------------------------------------------------------------------------

void TestSimApi::urlIsSetAfterTheEchoCheck()
{
    Relay relay;
    relay.setHandler([](const Relay::Request &request) {
        const QUrlQuery query(QString::fromLatin1(request.query));
        return Relay::Response(200, query.queryItemValue(QStringLiteral("zd_echo")).toLatin1(),
                               "text/plain");
    });
    const QUrl url(relay.url().toString() + QStringLiteral("/zadarma?tenant=a%20b"));
    const auto set = CallInfoSettings::fromJson(await(m_client->setCallInfoUrl(url)).value());
    QVERIFY(set);
    QCOMPARE(set->url, url.toString(QUrl::FullyEncoded));
    QCOMPARE(m_pbx->notificationUrl(), url);

    QCOMPARE(relay.requests().size(), 1);
    const Relay::Request &check = relay.requests().first();
    QCOMPARE(check.method, QByteArray("GET"));
    QCOMPARE(check.path, QByteArray("/zadarma"));
    QVERIFY2(QRegularExpression(QStringLiteral("^tenant=a%20b&zd_echo=[0-9a-f]{32}$"))
                     .match(QString::fromLatin1(check.query))
                     .hasMatch(),
             check.query.constData());
    QVERIFY(!check.hasHeader("Signature"));
    QVERIFY(!check.hasHeader("Authorization"));

    const auto read = CallInfoSettings::fromJson(await(m_client->callInfo()).value());
    QCOMPARE(read->url, url.toString(QUrl::FullyEncoded));

    const QUrl hooksUrl(relay.url().toString() + QStringLiteral("/other"));
    QVERIFY(await(m_client->setWebhooksUrl(hooksUrl)));
    QCOMPARE(m_pbx->webhooksUrl(), hooksUrl);
    QCOMPARE(relay.requests().last().query.left(8), QByteArray("zd_echo="));
    const auto hooks = WebhookSettings::fromJson(await(m_client->webhooks()).value());
    QCOMPARE(hooks->url, hooksUrl.toString());

    QVERIFY(await(m_client->removeCallInfoUrl()));
    QVERIFY(m_pbx->notificationUrl().isEmpty());

    // The check on its own, as the app runs it for a URL given at start-up.
    SimEchoCheck standalone(m_network.get(), m_clock.get(), url);
    QSignalSpy finished(&standalone, &SimEchoCheck::finished);
    standalone.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(standalone.error(), SimEchoCheck::Error::NoError);
    QCOMPARE(standalone.echoValue().size(), 32);
}

void TestSimApi::urlFailingTheEchoCheckIsRefused_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<SimEchoCheck::Error>("error");
    QTest::newRow("wrong body") << QStringLiteral("wrong body") << QStringLiteral("\"OK\" instead")
                                << SimEchoCheck::Error::WrongAnswer;
    QTest::newRow("echo with a newline")
            << QStringLiteral("newline") << QStringLiteral("instead of the zd_echo value")
            << SimEchoCheck::Error::WrongAnswer;
    QTest::newRow("HTTP 404") << QStringLiteral("404") << QStringLiteral("HTTP 404")
                              << SimEchoCheck::Error::WrongAnswer;
    QTest::newRow("redirect") << QStringLiteral("redirect")
                              << QStringLiteral("redirects are not followed")
                              << SimEchoCheck::Error::WrongAnswer;
    QTest::newRow("unreachable") << QStringLiteral("unreachable")
                                 << QStringLiteral("is not reachable")
                                 << SimEchoCheck::Error::Unreachable;
    QTest::newRow("no answer in 5 s") << QStringLiteral("hang") << QStringLiteral("within 5 s")
                                      << SimEchoCheck::Error::Timeout;
    QTest::newRow("not http") << QStringLiteral("ftp") << QStringLiteral("Wrong url")
                              << SimEchoCheck::Error::InvalidUrl;
}

void TestSimApi::urlFailingTheEchoCheckIsRefused()
{
    QFETCH(QString, mode);
    QFETCH(QString, reason);
    QFETCH(SimEchoCheck::Error, error);
    const QUrl oldUrl(QStringLiteral("http://relay.example/zadarma"));
    m_pbx->setNotificationUrl(oldUrl);

    Relay relay;
    relay.setHandler([mode](const Relay::Request &request) {
        const QByteArray echo = QUrlQuery(QString::fromLatin1(request.query))
                                        .queryItemValue(QStringLiteral("zd_echo"))
                                        .toLatin1();
        if (mode == QLatin1StringView("wrong body"))
            return Relay::Response(200, "OK", "text/plain");
        if (mode == QLatin1StringView("newline"))
            return Relay::Response(200, echo + '\n', "text/plain");
        if (mode == QLatin1StringView("404"))
            return Relay::Response(404, echo, "text/plain");
        if (mode == QLatin1StringView("redirect"))
            return Relay::Response(302, echo, "text/plain",
                                   { { "Location", "http://127.0.0.1:1/elsewhere" } });
        return Relay::Response::hanging();
    });
    QUrl url(relay.url().toString() + QStringLiteral("/zadarma"));
    if (mode == QLatin1StringView("unreachable")) {
        QTcpServer closed; // a port that was free a moment ago: connection refused
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        url = QUrl(QStringLiteral("http://127.0.0.1:%1/zadarma").arg(closed.serverPort()));
    } else if (mode == QLatin1StringView("ftp")) {
        url = QUrl(QStringLiteral("ftp://127.0.0.1/zadarma"));
    }

    ZadarmaReply *reply = m_client->setCallInfoUrl(url);
    if (mode == QLatin1StringView("hang")) {
        QSignalSpy received(&relay, &Relay::requestReceived);
        QVERIFY(received.wait(5000));
        m_clock->advance(4999ms);
        QCoreApplication::processEvents();
        QVERIFY(!reply->isFinished());
        m_clock->advance(1ms);
    }
    const ZadarmaResult result = await(reply);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ZadarmaError::Kind::Api);
    QCOMPARE(result.error().httpStatus, 400);
    QVERIFY2(result.error().message.contains(reason), qPrintable(result.error().message));
    QCOMPARE(m_pbx->notificationUrl(), oldUrl); // kept

    // The same verdict from the check on its own.
    if (mode != QLatin1StringView("hang")) {
        SimEchoCheck check(m_network.get(), m_clock.get(), url);
        QSignalSpy finished(&check, &SimEchoCheck::finished);
        check.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(check.error(), error);
        QVERIFY(!check.errorString().isEmpty());
    }
}

void TestSimApi::switchesAreChecked()
{
    Answer answer = sendSigned("POST", "/v1/pbx/callinfo/notifications/",
                               { { "notify_start", "false" }, { "notify_end", "false" } });
    QCOMPARE(answer.status, 200);
    QVERIFY(!m_pbx->isEventEnabled(QStringLiteral("NOTIFY_START")));
    QVERIFY(!m_pbx->isEventEnabled(QStringLiteral("NOTIFY_END")));
    const QJsonObject notifications
            = answer.json().value(QLatin1StringView("notifications")).toObject();
    QCOMPARE(notifications.size(), 6);
    QCOMPARE(notifications.value(QLatin1StringView("notify_start")).toString(),
             QStringLiteral("false"));
    QCOMPARE(notifications.value(QLatin1StringView("notify_answer")).toString(),
             QStringLiteral("true"));

    // A bad value changes nothing, not even the good values beside it.
    answer = sendSigned("POST", "/v1/pbx/callinfo/notifications/",
                        { { "notify_answer", "false" }, { "notify_start", "yes" } });
    QCOMPARE(answer.status, 400);
    QVERIFY(answer.field("message").contains(QStringLiteral("notify_start")));
    QVERIFY(m_pbx->isEventEnabled(QStringLiteral("NOTIFY_ANSWER")));

    answer = sendSigned("POST", "/v1/pbx/webhooks/hooks/",
                        { { "sms", "true" }, { "speech_recognition", "true" } });
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json()
                     .value(QLatin1StringView("hooks"))
                     .toObject()
                     .value(QLatin1StringView("sms"))
                     .toString(),
             QStringLiteral("true"));
    QVERIFY(m_pbx->hooks().contains({ QStringLiteral("speech_recognition"), true }));
    QCOMPARE(sendSigned("POST", "/v1/pbx/webhooks/hooks/", { { "sms", "1" } }).status, 400);
}

// Errors -----------------------------------------------------------------------------------

void TestSimApi::zadarmaStyleErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("parameters"); // urlencoded; signed sorted with format=json
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    auto row = [](const char *name, const char *method, const char *path, const char *parameters,
                  int status, const char *message, const char *format = "json") {
        QTest::newRow(name) << QByteArray(method) << QByteArray(path) << QByteArray(parameters)
                            << QByteArray(format) << status << QString::fromUtf8(message);
    };
    row("unknown method", "GET", "/v1/no/such/method/", "", 404, "Method not found");
    row("unknown under a known one", "GET", "/v1/info/", "", 404, "Method not found");
    row("wrong HTTP method", "POST", "/v1/info/balance/", "", 405, "Method not allowed");
    row("GET of a POST method", "GET", "/v1/pbx/callinfo/url/", "", 405, "POST or DELETE");
    row("xml", "GET", "/v1/info/balance/", "", 400, "XML is not supported by the simulator", "xml");
    row("no trailing slash still routes", "GET", "/v1/info/balance", "", 200, "");
    row("unknown extension status", "GET", "/v1/pbx/internal/999/status/", "", 400, "not found");
    row("unknown extension info", "GET", "/v1/pbx/internal/abc/info/", "", 400, "not found");
    row("callback without to", "GET", "/v1/request/callback/", "from=100", 400,
        "Check phone's number");
    row("callback to letters", "GET", "/v1/request/callback/", "from=100&to=abc", 400,
        "Check phone's number");
    row("callback bad sip", "GET", "/v1/request/callback/", "from=100&to=442037691880&sip=12", 400,
        "Check phone's number");
    row("recording without ids", "GET", "/v1/pbx/record/request/", "lifetime=600", 400,
        "call_id or pbx_call_id");
    row("recording lifetime too short", "GET", "/v1/pbx/record/request/",
        "call_id=1764062100.3427761&lifetime=179", 400, "Wrong lifetime");
    row("recording lifetime too long", "GET", "/v1/pbx/record/request/",
        "call_id=1764062100.3427761&lifetime=5184001", 400, "Wrong lifetime");
    row("recording lifetime not a number", "GET", "/v1/pbx/record/request/",
        "call_id=1764062100.3427761&lifetime=1h", 400, "Wrong lifetime");
    row("unknown recording", "GET", "/v1/pbx/record/request/", "call_id=1.2", 400,
        "Recording not found");
    row("delete without ids", "DELETE", "/v1/pbx/record/request/", "", 400,
        "call_id or pbx_call_id");
    row("statistics bad start", "GET", "/v1/statistics/pbx/", "start=yesterday", 400,
        "Wrong start date");
    row("statistics end before start", "GET", "/v1/statistics/pbx/",
        "start=2026-11-10+00%3A00%3A00&end=2026-11-01+00%3A00%3A00", 400, "Wrong period");
    row("statistics call type", "GET", "/v1/statistics/pbx/", "call_type=sideways", 400,
        "Wrong call_type");
    row("statistics version 1", "GET", "/v1/statistics/pbx/", "version=1", 400, "version 1");
    row("statistics limit 0", "GET", "/v1/statistics/pbx/", "limit=0", 400, "Wrong skip or limit");
    row("overall statistics negative skip", "GET", "/v1/statistics/", "skip=-1", 400,
        "Wrong skip or limit");
    row("callinfo url missing", "POST", "/v1/pbx/callinfo/url/", "", 400, "Wrong parameters");
    row("notification switch not true/false", "POST", "/v1/pbx/callinfo/notifications/",
        "notify_end=on", 400, "notify_end");
    row("unknown SIP", "GET", "/v1/sip/00001/status/", "", 400, "not found");
}

void TestSimApi::zadarmaStyleErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, parameters);
    QFETCH(QByteArray, format);
    QFETCH(int, status);
    QFETCH(QString, message);
    const Answer answer = sendSigned(method, path, phpParseQuery(parameters), format);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(answer.field("status"),
             status == 200 ? QStringLiteral("success") : QStringLiteral("error"));
    QVERIFY2(answer.field("message").contains(message), answer.body.constData());
    QVERIFY(m_calls->requests.isEmpty());
}

QTEST_GUILESS_MAIN(TestSimApi)
#include "TestSimApi.moc"
