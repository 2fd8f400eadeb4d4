// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/FormFields.h"
#include "core/webhook/WebhookVerifier.h"
#include "tests/support/AgentStreamClient.h"
#include "tests/support/JsonRequest.h"
#include "tests/support/ProcessRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

using namespace CallBridge;

namespace {

constexpr auto simKey = "e2e-key";
constexpr auto simSecret = "e2e-secret";

using Reply = Test::JsonReply;
using StreamClient = Test::AgentStreamClient;

QJsonObject scenario(std::initializer_list<std::pair<QString, QJsonValue>> fields)
{
    QJsonObject object;
    for (const auto &[name, value] : fields)
        object.insert(name, value);
    return object;
}

} // namespace

// The real callbridge-relay and zadarma-sim binaries on loopback, the relay registered with the
// simulator as Zadarma's notification URL, agents as real WebSocket clients.
class TestRelayEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void knownCallerIsRoutedToTheResponsibleWithTheirName();
    void unknownCallerBecomesContactLeadAndMissedCallTask();
    void blacklistedNumberIsHungUp();
    void tamperedSignatureOrForeignSenderIsRefusedAndStoresNothing();
    void duplicatedAndReorderedDeliveriesGiveOneCorrectCall();
    void clickToCallRingsTheAgentsOwnExtensionOnly();
    void killedRightAfterAcceptingLosesNothing();
    void backfillRecoversCallsWhoseWebhooksNeverArrived();
    void removedUserLosesTheStreamAtOnce();
    void sigtermShutsDownCleanly();

private:
    QProcessEnvironment relayEnvironment() const;
    Test::ProcessRun relayCli(const QStringList &arguments);
    QByteArray addUser(const QString &name, const QString &role, const QString &extension);
    bool startRelay();
    void stopRelay(bool kill);
    bool waitForOutput(QProcess &process, QByteArray &output, const QByteArray &text);
    Reply request(const QByteArray &method, const QUrl &url, const QByteArray &token = {},
                  const QJsonObject &body = {},
                  const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    Reply api(const QByteArray &method, const QString &path, const QByteArray &token,
              const QJsonObject &body = {});
    Reply postWebhook(const FormFields &fields, const QByteArray &signature,
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    FormFields notifyStart(const QString &pbxCallId, const QString &caller) const;
    QByteArray sign(const FormFields &fields) const;
    // Places a scripted call on the simulator and returns its outcome once it has ended.
    QJsonObject simulateCall(const QJsonObject &scenario);
    qint64 userId(const QString &name);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    QProcess m_simulator;
    QByteArray m_simulatorOutput;
    QUrl m_simulatorUrl;
    std::unique_ptr<QProcess> m_relay;
    QByteArray m_relayOutput;
    QUrl m_relayUrl;
    QByteArray m_admin;
    QByteArray m_anna; // agent, extension 101
    QByteArray m_lead; // agent, extension 100, the default responsible
    QByteArray m_bob; // agent, extension 102
};

QProcessEnvironment TestRelayEndToEnd::relayEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CALLBRIDGE_DATA"), m_dir.path());
    environment.insert(QStringLiteral("CALLBRIDGE_LISTEN"), QStringLiteral("127.0.0.1:0"));
    environment.insert(QStringLiteral("CALLBRIDGE_WEBHOOK_ALLOWED_IPS"),
                       QStringLiteral("127.0.0.1/32"));
    // X-Forwarded-For is believed from loopback, which lets the test pose as a foreign sender.
    environment.insert(QStringLiteral("CALLBRIDGE_TRUSTED_PROXIES"),
                       QStringLiteral("127.0.0.1/32"));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"), m_simulatorUrl.toString());
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"), QString::fromLatin1(simKey));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"), QString::fromLatin1(simSecret));
    environment.insert(QStringLiteral("CALLBRIDGE_BACKFILL_ON_START"), QStringLiteral("false"));
    return environment;
}

Test::ProcessRun TestRelayEndToEnd::relayCli(const QStringList &arguments)
{
    return Test::runProcess(QStringLiteral(CALLBRIDGE_RELAY_BINARY), arguments, relayEnvironment());
}

QByteArray TestRelayEndToEnd::addUser(const QString &name, const QString &role,
                                      const QString &extension)
{
    QStringList arguments { QStringLiteral("user"), QStringLiteral("add"), name,
                            QStringLiteral("--role"), role };
    if (!extension.isEmpty())
        arguments << QStringLiteral("--extension") << extension;
    const auto run = relayCli(arguments);
    if (run.exitCode != 0)
        qWarning("user add failed: %s", run.err.constData());
    static const QRegularExpression token(QStringLiteral("cbt_[A-Za-z0-9_-]+"));
    return token.match(QString::fromUtf8(run.out)).captured(0).toLatin1();
}

bool TestRelayEndToEnd::waitForOutput(QProcess &process, QByteArray &output, const QByteArray &text)
{
    QSignalSpy ready(&process, &QProcess::readyReadStandardOutput);
    for (;;) {
        output += process.readAllStandardOutput();
        if (output.contains(text))
            return true;
        if (process.state() == QProcess::NotRunning || !ready.wait(10000))
            return false;
    }
}

bool TestRelayEndToEnd::startRelay()
{
    m_relay = std::make_unique<QProcess>();
    m_relay->setProcessEnvironment(relayEnvironment());
    m_relay->setProcessChannelMode(QProcess::ForwardedErrorChannel); // its log shows in ours
    m_relayOutput.clear();
    m_relay->start(QStringLiteral(CALLBRIDGE_RELAY_BINARY), { QStringLiteral("serve") });
    if (!waitForOutput(*m_relay, m_relayOutput, "listening on ")) {
        qWarning("relay did not start: %s", m_relay->readAllStandardError().constData());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (http://[0-9.:]+)"));
    m_relayUrl = QUrl(listening.match(QString::fromUtf8(m_relayOutput)).captured(1));
    return m_relayUrl.isValid();
}

void TestRelayEndToEnd::stopRelay(bool kill)
{
    if (!m_relay)
        return;
    if (kill)
        m_relay->kill();
    else
        m_relay->terminate();
    m_relay->waitForFinished(15000);
}

void TestRelayEndToEnd::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_simulator.start(QStringLiteral(ZADARMA_SIM_BINARY),
                      { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--key"), QString::fromLatin1(simKey),
                        QStringLiteral("--secret"), QString::fromLatin1(simSecret),
                        QStringLiteral("--time-scale"), QStringLiteral("0.002") });
    QVERIFY(waitForOutput(m_simulator, m_simulatorOutput, "listening on "));
    static const QRegularExpression listening(QStringLiteral("listening on (http://[0-9.:]+)"));
    m_simulatorUrl = QUrl(listening.match(QString::fromUtf8(m_simulatorOutput)).captured(1));
    QVERIFY(m_simulatorUrl.isValid());

    // First set-up as an operator does it, before the relay runs.
    m_admin = addUser(QStringLiteral("admin"), QStringLiteral("admin"), {});
    m_anna = addUser(QStringLiteral("anna"), QStringLiteral("agent"), QStringLiteral("101"));
    m_lead = addUser(QStringLiteral("lead"), QStringLiteral("agent"), QStringLiteral("100"));
    m_bob = addUser(QStringLiteral("bob"), QStringLiteral("agent"), QStringLiteral("102"));
    QVERIFY(!m_admin.isEmpty() && !m_anna.isEmpty() && !m_lead.isEmpty() && !m_bob.isEmpty());
    QCOMPARE(relayCli({ QStringLiteral("settings"), QStringLiteral("set"),
                        QStringLiteral("users.default_responsible"), QStringLiteral("lead") })
                     .exitCode,
             0);
    QCOMPARE(relayCli({ QStringLiteral("settings"), QStringLiteral("set"),
                        QStringLiteral("phone.default_region"), QStringLiteral("ES") })
                     .exitCode,
             0);

    QVERIFY(startRelay());
    // The guide's last step: register the relay as the notification URL; Zadarma (here the
    // simulator) checks it with zd_echo before it takes it.
    const auto registered = relayCli({ QStringLiteral("zadarma"), QStringLiteral("register"),
                                       m_relayUrl.toString() + QStringLiteral("/zadarma") });
    QVERIFY2(registered.exitCode == 0, registered.err.constData());
}

void TestRelayEndToEnd::cleanupTestCase()
{
    stopRelay(false);
    m_simulator.terminate();
    m_simulator.waitForFinished(5000);
}

Reply TestRelayEndToEnd::request(const QByteArray &method, const QUrl &url, const QByteArray &token,
                                 const QJsonObject &body,
                                 const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    return Test::sendJson(m_network, method, url, token, body, headers);
}

Reply TestRelayEndToEnd::api(const QByteArray &method, const QString &path, const QByteArray &token,
                             const QJsonObject &body)
{
    return request(method, m_relayUrl.resolved(QUrl(path)), token, body);
}

FormFields TestRelayEndToEnd::notifyStart(const QString &pbxCallId, const QString &caller) const
{
    return { { QStringLiteral("event"), QStringLiteral("NOTIFY_START") },
             { QStringLiteral("call_start"),
               QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) },
             { QStringLiteral("pbx_call_id"), pbxCallId },
             { QStringLiteral("caller_id"), caller },
             { QStringLiteral("called_did"), QStringLiteral("34911234567") } };
}

QByteArray TestRelayEndToEnd::sign(const FormFields &fields) const
{
    const auto type = fields.value(QStringLiteral("event")) == QLatin1String("NOTIFY_START")
            ? WebhookEventType::NotifyStart
            : WebhookEventType::NotifyInternal;
    return WebhookVerifier::sign(type, fields, simSecret).value();
}

Reply TestRelayEndToEnd::postWebhook(const FormFields &fields, const QByteArray &signature,
                                     const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_relayUrl.resolved(QUrl(QStringLiteral("/zadarma"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Signature", signature);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.post(request, fields.toUrlEncoded());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

QJsonObject TestRelayEndToEnd::simulateCall(const QJsonObject &scenario)
{
    QNetworkRequest post(m_simulatorUrl.resolved(QUrl(QStringLiteral("/_sim/calls"))));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *created = m_network.post(post, QJsonDocument(scenario).toJson());
    QSignalSpy createdDone(created, &QNetworkReply::finished);
    createdDone.wait(10000);
    const QString id
            = QJsonDocument::fromJson(created->readAll()).object()[QStringLiteral("id")].toString();
    created->deleteLater();
    if (id.isEmpty())
        return {};
    return request("GET",
                   m_simulatorUrl.resolved(QUrl(QStringLiteral("/_sim/calls/%1?wait=1").arg(id))))
            .json;
}

qint64 TestRelayEndToEnd::userId(const QString &name)
{
    const Reply users = api("GET", QStringLiteral("/v1/admin/users"), m_admin);
    for (const QJsonValue &user : users.json[QStringLiteral("users")].toArray()) {
        if (user[QStringLiteral("name")].toString() == name)
            return user[QStringLiteral("id")].toInteger();
    }
    return 0;
}

void TestRelayEndToEnd::knownCallerIsRoutedToTheResponsibleWithTheirName()
{
    const Reply contact
            = api("POST", QStringLiteral("/v1/contacts"), m_admin,
                  { { QStringLiteral("name"), QStringLiteral("Jan Kowalski") },
                    { QStringLiteral("company"), QStringLiteral("Kowalski Sp. z o.o.") },
                    { QStringLiteral("phones"), QJsonArray { QStringLiteral("+48 600 100 200") } },
                    { QStringLiteral("responsible_id"), userId(QStringLiteral("anna")) } });
    QCOMPARE(contact.status, 201);

    StreamClient anna(m_relayUrl, m_anna, 0);
    QVERIFY(!anna.waitForType(QStringLiteral("replay_done")).isEmpty());

    // The PBX would ring 100; the relay sends the caller to their responsible, 101.
    const QJsonObject outcome = simulateCall(scenario({
            { QStringLiteral("direction"), QStringLiteral("inbound") },
            { QStringLiteral("caller"), QStringLiteral("48600100200") },
            { QStringLiteral("ring"), QJsonArray { QStringLiteral("100") } },
            { QStringLiteral("answer"),
              QJsonObject { { QStringLiteral("by"), QStringLiteral("101") } } },
    }));
    const QJsonObject answer = outcome[QStringLiteral("relay_answer")].toObject();
    QCOMPARE(answer[QStringLiteral("status")].toInt(), 200);
    QCOMPARE(answer[QStringLiteral("body")].toObject(),
             QJsonObject({ { QStringLiteral("redirect"), QStringLiteral("101") },
                           { QStringLiteral("return_timeout"), 20 },
                           { QStringLiteral("caller_name"), QStringLiteral("Jan Kowalski") } }));
    QVERIFY(answer[QStringLiteral("honoured")].toBool());
    QCOMPARE(outcome[QStringLiteral("displayed")][QStringLiteral("101")].toString(),
             QStringLiteral("Jan Kowalski"));

    // Anna's desktop hears of the call with the contact card.
    const QString pbxCallId = outcome[QStringLiteral("pbx_call_id")].toString();
    const QJsonObject ringing = anna.waitForType(QStringLiteral("call.ringing"), pbxCallId);
    QCOMPARE(ringing[QStringLiteral("data")][QStringLiteral("contact")][QStringLiteral("name")]
                     .toString(),
             QStringLiteral("Jan Kowalski"));
    QVERIFY(!anna.waitForType(QStringLiteral("call.ended"), pbxCallId).isEmpty());
}

void TestRelayEndToEnd::unknownCallerBecomesContactLeadAndMissedCallTask()
{
    StreamClient lead(m_relayUrl, m_lead, 0);
    QVERIFY(!lead.waitForType(QStringLiteral("replay_done")).isEmpty());
    const QJsonObject outcome = simulateCall(scenario({
            { QStringLiteral("direction"), QStringLiteral("inbound") },
            { QStringLiteral("caller"), QStringLiteral("34600555111") },
            { QStringLiteral("ring"), QJsonArray { QStringLiteral("102") } },
            { QStringLiteral("outcome"), QStringLiteral("no answer") },
    }));
    const QString pbxCallId = outcome[QStringLiteral("pbx_call_id")].toString();
    QVERIFY(!pbxCallId.isEmpty());
    // Unknown to the CRM: the PBX's own scenario runs.
    QCOMPARE(outcome[QStringLiteral("relay_answer")][QStringLiteral("body")].toObject(),
             QJsonObject());

    const Reply contacts = api("GET", QStringLiteral("/v1/contacts?q=600555111"), m_admin);
    QCOMPARE(contacts.status, 200);
    const QJsonArray found = contacts.json[QStringLiteral("contacts")].toArray();
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0][QStringLiteral("phones")][0].toString(), QStringLiteral("+34600555111"));
    QCOMPARE(found[0][QStringLiteral("responsible")][QStringLiteral("name")].toString(),
             QStringLiteral("lead"));

    const Reply leads = api("GET", QStringLiteral("/v1/admin/leads"), m_admin);
    bool leadFound = false;
    for (const QJsonValue &entry : leads.json[QStringLiteral("leads")].toArray())
        leadFound |= entry[QStringLiteral("pbx_call_id")].toString() == pbxCallId;
    QVERIFY2(leadFound, leads.body.constData());

    // The missed call is a task for the default responsible, live and in their list.
    const QJsonObject task = lead.waitForType(QStringLiteral("task.created"), pbxCallId);
    QVERIFY(!task.isEmpty());
    const Reply tasks = api("GET", QStringLiteral("/v1/tasks?done=false"), m_lead);
    bool taskFound = false;
    for (const QJsonValue &entry : tasks.json[QStringLiteral("tasks")].toArray())
        taskFound |= entry[QStringLiteral("pbx_call_id")].toString() == pbxCallId;
    QVERIFY2(taskFound, tasks.body.constData());
    // Bob's phone rang, so he saw the call, but the task is not his.
    const Reply bobsTasks = api("GET", QStringLiteral("/v1/tasks?done=false"), m_bob);
    for (const QJsonValue &entry : bobsTasks.json[QStringLiteral("tasks")].toArray())
        QVERIFY(entry[QStringLiteral("pbx_call_id")].toString() != pbxCallId);
}

void TestRelayEndToEnd::blacklistedNumberIsHungUp()
{
    const Reply added = api("POST", QStringLiteral("/v1/admin/blacklist"), m_admin,
                            { { QStringLiteral("number"), QStringLiteral("+34 600 999 888") },
                              { QStringLiteral("reason"), QStringLiteral("spam") } });
    QCOMPARE(added.status, 201);
    const QJsonObject outcome = simulateCall(scenario({
            { QStringLiteral("direction"), QStringLiteral("inbound") },
            { QStringLiteral("caller"), QStringLiteral("34600999888") },
            { QStringLiteral("answer"),
              QJsonObject { { QStringLiteral("by"), QStringLiteral("100") } } },
    }));
    QCOMPARE(outcome[QStringLiteral("relay_answer")][QStringLiteral("body")].toObject(),
             QJsonObject({ { QStringLiteral("hangup"), 1 } }));
    QVERIFY(outcome[QStringLiteral("relay_answer")][QStringLiteral("honoured")].toBool());
    QCOMPARE(outcome[QStringLiteral("answered_by")], QJsonValue(QJsonValue::Null));
    // No contact is created for a blacklisted number.
    const Reply contacts = api("GET", QStringLiteral("/v1/contacts?q=600999888"), m_admin);
    QCOMPARE(contacts.json[QStringLiteral("contacts")].toArray().size(), 0);
}

void TestRelayEndToEnd::tamperedSignatureOrForeignSenderIsRefusedAndStoresNothing()
{
    const FormFields tampered
            = notifyStart(QStringLiteral("in_tampered"), QStringLiteral("34600123123"));
    QByteArray signature = sign(tampered);
    signature[3] = signature[3] == 'A' ? 'B' : 'A';
    QCOMPARE(postWebhook(tampered, signature).status, 403);
    QCOMPARE(postWebhook(tampered, {}).status, 403);

    // Correctly signed, but from an address that is not Zadarma's.
    const FormFields foreign
            = notifyStart(QStringLiteral("in_foreign"), QStringLiteral("34600123124"));
    QCOMPARE(postWebhook(foreign, sign(foreign), { { "X-Forwarded-For", "203.0.113.7" } }).status,
             403);

    QCOMPARE(api("GET", QStringLiteral("/v1/calls/in_tampered"), m_admin).status, 404);
    QCOMPARE(api("GET", QStringLiteral("/v1/calls/in_foreign"), m_admin).status, 404);
    const Reply contacts = api("GET", QStringLiteral("/v1/contacts?q=60012312"), m_admin);
    QCOMPARE(contacts.json[QStringLiteral("contacts")].toArray().size(), 0);
    const QByteArray metrics
            = request("GET", m_relayUrl.resolved(QUrl(QStringLiteral("/metrics")))).body;
    QVERIFY(metrics.contains(
            R"(callbridge_webhooks_total{event="NOTIFY_START",verdict="bad-signature"} 1)"));
    QVERIFY(metrics.contains(
            R"(callbridge_webhooks_total{event="NOTIFY_START",verdict="forbidden_ip"} 1)"));

    // The very same event from Zadarma's address with its signature is accepted.
    QCOMPARE(postWebhook(foreign, sign(foreign)).status, 200);
    QCOMPARE(api("GET", QStringLiteral("/v1/calls/in_foreign"), m_admin).status, 200);
}

void TestRelayEndToEnd::duplicatedAndReorderedDeliveriesGiveOneCorrectCall()
{
    const QJsonObject outcome = simulateCall(scenario({
            { QStringLiteral("direction"), QStringLiteral("inbound") },
            { QStringLiteral("caller"), QStringLiteral("34600777666") },
            { QStringLiteral("ring"), QJsonArray { QStringLiteral("100"), QStringLiteral("102") } },
            { QStringLiteral("answer"),
              QJsonObject { { QStringLiteral("by"), QStringLiteral("102") } } },
            { QStringLiteral("duration"), 42 },
            { QStringLiteral("faults"),
              QJsonObject {
                      { QStringLiteral("duplicate"),
                        QJsonArray { QStringLiteral("NOTIFY_START"), QStringLiteral("NOTIFY_END"),
                                     QStringLiteral("NOTIFY_INTERNAL") } },
                      { QStringLiteral("late"),
                        QJsonArray { QStringLiteral("NOTIFY_ANSWER"),
                                     QStringLiteral("NOTIFY_INTERNAL") } } } },
    }));
    const QString pbxCallId = outcome[QStringLiteral("pbx_call_id")].toString();
    for (const QJsonValue &event : outcome[QStringLiteral("events")].toArray()) {
        for (const QJsonValue &delivery : event[QStringLiteral("deliveries")].toArray())
            QCOMPARE(delivery[QStringLiteral("status")].toInt(), 200);
    }
    const Reply calls = api("GET", QStringLiteral("/v1/calls?number=%2B34600777666"), m_admin);
    const QJsonArray list = calls.json[QStringLiteral("calls")].toArray();
    QCOMPARE(list.size(), 1);
    const QJsonObject call = list[0].toObject();
    QCOMPARE(call[QStringLiteral("pbx_call_id")].toString(), pbxCallId);
    QCOMPARE(call[QStringLiteral("state")].toString(), QStringLiteral("ended"));
    QCOMPARE(call[QStringLiteral("answered_by")].toString(), QStringLiteral("102"));
    QCOMPARE(call[QStringLiteral("duration")].toInt(), 42);
    QCOMPARE(call[QStringLiteral("ringing_extensions")].toArray(),
             QJsonArray({ QStringLiteral("100"), QStringLiteral("102") }));
}

void TestRelayEndToEnd::clickToCallRingsTheAgentsOwnExtensionOnly()
{
    // A "from" in the request is not the agent's to choose.
    const Reply spoofed = api("POST", QStringLiteral("/v1/calls/click-to-call"), m_anna,
                              { { QStringLiteral("to"), QStringLiteral("+44 20 3769 1880") },
                                { QStringLiteral("from"), QStringLiteral("102") } });
    QCOMPARE(spoofed.status, 400);

    const Reply placed = api("POST", QStringLiteral("/v1/calls/click-to-call"), m_anna,
                             { { QStringLiteral("to"), QStringLiteral("+44 20 3769 1880") } });
    QCOMPARE(placed.status, 200);
    QCOMPARE(placed.json[QStringLiteral("from")].toVariant().toString(), QStringLiteral("101"));

    const Reply simCalls
            = request("GET", m_simulatorUrl.resolved(QUrl(QStringLiteral("/_sim/calls"))));
    QJsonArray callbacks;
    for (const QJsonValue &call : simCalls.json[QStringLiteral("calls")].toArray()) {
        if (call[QStringLiteral("direction")].toString() == QLatin1String("callback"))
            callbacks.append(call);
    }
    QCOMPARE(callbacks.size(), 1);
    const QJsonObject detail
            = request("GET",
                      m_simulatorUrl.resolved(
                              QUrl(QStringLiteral("/_sim/calls/%1?wait=1")
                                           .arg(callbacks[0][QStringLiteral("id")].toString()))))
                      .json;
    QCOMPARE(detail[QStringLiteral("scenario")][QStringLiteral("from")].toString(),
             QStringLiteral("101"));
    QCOMPARE(detail[QStringLiteral("scenario")][QStringLiteral("sip")].toString(),
             QStringLiteral("101"));
    QCOMPARE(detail[QStringLiteral("rang")].toArray().first().toString(), QStringLiteral("101"));
    QVERIFY(!detail[QStringLiteral("rang")].toArray().contains(QStringLiteral("102")));

    // An agent without an extension cannot place calls at all.
    const QByteArray nobody = addUser(QStringLiteral("noext"), QStringLiteral("agent"), {});
    // Added while the relay runs: known at once.
    QCOMPARE(api("GET", QStringLiteral("/v1/me"), nobody).status, 200);
    QCOMPARE(api("POST", QStringLiteral("/v1/calls/click-to-call"), nobody,
                 { { QStringLiteral("to"), QStringLiteral("+442037691880") } })
                     .status,
             409);
}

void TestRelayEndToEnd::killedRightAfterAcceptingLosesNothing()
{
    qint64 resumeAfter = 0;
    {
        StreamClient anna(m_relayUrl, m_anna, 0);
        QVERIFY(!anna.waitForType(QStringLiteral("replay_done")).isEmpty());
        resumeAfter = anna.lastSeq();
    }
    const QString pbxCallId
            = QStringLiteral("in_killed%1").arg(QDateTime::currentMSecsSinceEpoch());
    FormFields start = notifyStart(pbxCallId, QStringLiteral("34600444333"));
    FormFields internal = start;
    internal = FormFields { { QStringLiteral("event"), QStringLiteral("NOTIFY_INTERNAL") },
                            { QStringLiteral("call_start"),
                              start.value(QStringLiteral("call_start")) },
                            { QStringLiteral("pbx_call_id"), pbxCallId },
                            { QStringLiteral("caller_id"), QStringLiteral("34600444333") },
                            { QStringLiteral("called_did"), QStringLiteral("34911234567") },
                            { QStringLiteral("internal"), QStringLiteral("101") } };
    QCOMPARE(postWebhook(start, sign(start)).status, 200);
    QCOMPARE(postWebhook(internal, sign(internal)).status, 200);
    stopRelay(true); // SIGKILL right after the 2xx: no chance to flush anything

    QVERIFY(startRelay());
    StreamClient anna(m_relayUrl, m_anna, resumeAfter);
    const QJsonObject ringing = anna.waitFor([&](const QJsonObject &message) {
        const QJsonObject call = message[QStringLiteral("data")][QStringLiteral("call")].toObject();
        return message[QStringLiteral("type")].toString() == QLatin1String("call.ringing")
                && call[QStringLiteral("pbx_call_id")].toString() == pbxCallId
                && call[QStringLiteral("ringing_extensions")].toArray().contains(
                        QStringLiteral("101"));
    });
    QVERIFY2(!ringing.isEmpty(), "the call accepted before the kill was not replayed");
    QCOMPARE(api("GET", QStringLiteral("/v1/calls/%1").arg(pbxCallId), m_anna).status, 200);
    // Re-register: the relay's port changed with the restart.
    QCOMPARE(relayCli({ QStringLiteral("zadarma"), QStringLiteral("register"),
                        m_relayUrl.toString() + QStringLiteral("/zadarma") })
                     .exitCode,
             0);
}

void TestRelayEndToEnd::backfillRecoversCallsWhoseWebhooksNeverArrived()
{
    // Webhooks dropped on the way: the relay never hears of the call.
    const QJsonObject outcome = simulateCall(scenario({
            { QStringLiteral("direction"), QStringLiteral("inbound") },
            { QStringLiteral("caller"), QStringLiteral("34600222111") },
            { QStringLiteral("outcome"), QStringLiteral("no answer") },
            { QStringLiteral("faults"),
              QJsonObject { { QStringLiteral("drop"),
                              QJsonArray({ QStringLiteral("NOTIFY_START"),
                                           QStringLiteral("NOTIFY_INTERNAL"),
                                           QStringLiteral("NOTIFY_END") }) } } },
    }));
    const QString pbxCallId = outcome[QStringLiteral("pbx_call_id")].toString();
    QCOMPARE(api("GET", QStringLiteral("/v1/calls/%1").arg(pbxCallId), m_admin).status, 404);

    const QString from = QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate);
    QCOMPARE(api("POST", QStringLiteral("/v1/admin/backfill"), m_admin,
                 { { QStringLiteral("from"), from } })
                     .status,
             202);
    QTRY_VERIFY_WITH_TIMEOUT(!api("GET", QStringLiteral("/v1/admin/backfill"), m_admin)
                                      .json[QStringLiteral("running")]
                                      .toBool(),
                             20000);
    const Reply status = api("GET", QStringLiteral("/v1/admin/backfill"), m_admin);
    QVERIFY2(status.json[QStringLiteral("error")].isNull(), status.body.constData());
    QVERIFY2(status.json[QStringLiteral("added")].toInt() >= 1, status.body.constData());
    const Reply call = api("GET", QStringLiteral("/v1/calls/%1").arg(pbxCallId), m_admin);
    QCOMPARE(call.status, 200);
    QCOMPARE(call.json[QStringLiteral("state")].toString(), QStringLiteral("missed"));
    QCOMPARE(call.json[QStringLiteral("source")].toString(), QStringLiteral("statistics"));
}

void TestRelayEndToEnd::removedUserLosesTheStreamAtOnce()
{
    const Reply created = api("POST", QStringLiteral("/v1/admin/users"), m_admin,
                              { { QStringLiteral("name"), QStringLiteral("temp") },
                                { QStringLiteral("role"), QStringLiteral("agent") },
                                { QStringLiteral("extension"), QStringLiteral("105") } });
    QCOMPARE(created.status, 201);
    StreamClient temp(m_relayUrl, created.json[QStringLiteral("token")].toString().toLatin1(), 0);
    QVERIFY(!temp.waitForType(QStringLiteral("replay_done")).isEmpty());
    QSignalSpy closed(&temp.socket, &QWebSocket::disconnected);
    const qint64 id = created.json[QStringLiteral("user")][QStringLiteral("id")].toInteger();
    QCOMPARE(api("DELETE", QStringLiteral("/v1/admin/users/%1").arg(id), m_admin).status, 204);
    QVERIFY(!closed.isEmpty() || closed.wait(5000));
    QCOMPARE(int(temp.socket.closeCode()), 4401);
}

void TestRelayEndToEnd::sigtermShutsDownCleanly()
{
    const FormFields start
            = notifyStart(QStringLiteral("in_beforeterm"), QStringLiteral("34600111000"));
    QCOMPARE(postWebhook(start, sign(start)).status, 200);
    stopRelay(false);
    QCOMPARE(m_relay->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_relay->exitCode(), 0);
    QVERIFY(startRelay());
    QCOMPARE(api("GET", QStringLiteral("/v1/calls/in_beforeterm"), m_admin).status, 200);
}

QTEST_GUILESS_MAIN(TestRelayEndToEnd)
#include "TestRelayEndToEnd.moc"
