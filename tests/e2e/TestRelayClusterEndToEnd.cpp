// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/FormFields.h"
#include "core/webhook/WebhookVerifier.h"
#include "tests/support/AgentStreamClient.h"
#include "tests/support/JsonRequest.h"
#include "tests/support/PostgresServer.h"
#include "tests/support/ProcessRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace CallBridge;
using namespace Qt::StringLiterals;

namespace {

constexpr auto webhookSecret = "cluster-secret";
using Reply = Test::JsonReply;
using StreamClient = Test::AgentStreamClient;

QString callStart()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

FormFields notifyStart(const QString &pbxCallId, const QString &caller)
{
    return { { QStringLiteral("event"), QStringLiteral("NOTIFY_START") },
             { QStringLiteral("call_start"), callStart() },
             { QStringLiteral("pbx_call_id"), pbxCallId },
             { QStringLiteral("caller_id"), caller },
             { QStringLiteral("called_did"), QStringLiteral("34911234567") } };
}

FormFields notifyEnd(const FormFields &start)
{
    FormFields end = start;
    end = { { QStringLiteral("event"), QStringLiteral("NOTIFY_END") },
            { QStringLiteral("call_start"), start.value(QStringLiteral("call_start")) },
            { QStringLiteral("pbx_call_id"), start.value(QStringLiteral("pbx_call_id")) },
            { QStringLiteral("caller_id"), start.value(QStringLiteral("caller_id")) },
            { QStringLiteral("called_did"), start.value(QStringLiteral("called_did")) },
            { QStringLiteral("internal"), QStringLiteral("101") },
            { QStringLiteral("duration"), QStringLiteral("42") },
            { QStringLiteral("disposition"), QStringLiteral("answered") },
            { QStringLiteral("status_code"), QStringLiteral("16") },
            { QStringLiteral("is_recorded"), QStringLiteral("0") },
            { QStringLiteral("call_id_with_rec"), QString() } };
    return end;
}

QString callOf(const QJsonObject &message)
{
    return message[QStringLiteral("data")][QStringLiteral("call")][QStringLiteral("pbx_call_id")]
            .toString();
}

// One callbridge-relay process on the shared database.
struct Relay
{
    std::unique_ptr<QProcess> process;
    QByteArray output;
    QUrl url;
    QTemporaryDir data;
};

} // namespace

// Two real callbridge-relay processes on one real PostgreSQL, as behind a load balancer:
// whichever relay a webhook reaches, every agent hears of it, once, with nothing lost when a
// relay dies.
class TestRelayClusterEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void webhookToOneRelayReachesAgentsOnTheOther();
    void oneDeliveryToBothRelaysIsOneEventOneContactOneLead();
    void userMadeOnOneRelaySignsInOnTheOtherAtOnce();
    void eventWhoseProcessingFailsIsStillStored();
    void killingARelayMidStreamLosesNothingForAgentsThatMoveOn();
    void relaysCarryOnAfterPostgresRestarts();

private:
    QProcessEnvironment environment(const Relay &relay) const;
    bool start(Relay &relay);
    Reply api(const Relay &relay, const QByteArray &method, const QString &path,
              const QJsonObject &body = {});
    // Sends the webhook and waits for the answer; the status (0: no answer).
    int post(const Relay &relay, const FormFields &fields);
    QNetworkReply *postLater(const Relay &relay, const FormFields &fields);
    QByteArray addUser(const QString &name, const QString &role, const QString &extension);
    qint64 count(const QString &sql);

    PostgresServer m_postgres;
    QNetworkAccessManager m_network;
    Relay m_a;
    Relay m_b;
    QByteArray m_admin;
    QByteArray m_anna; // agent, extension 101
};

QProcessEnvironment TestRelayClusterEndToEnd::environment(const Relay &relay) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CALLBRIDGE_DATA"), relay.data.path());
    environment.insert(QStringLiteral("CALLBRIDGE_DATABASE"), m_postgres.url());
    environment.insert(QStringLiteral("CALLBRIDGE_LISTEN"), QStringLiteral("127.0.0.1:0"));
    environment.insert(QStringLiteral("CALLBRIDGE_WEBHOOK_ALLOWED_IPS"),
                       QStringLiteral("127.0.0.1/32"));
    // Nothing listens there: the relays need no Zadarma API for webhooks.
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"),
                       QStringLiteral("http://127.0.0.1:9"));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"), QStringLiteral("cluster-key"));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"),
                       QString::fromLatin1(webhookSecret));
    environment.insert(QStringLiteral("CALLBRIDGE_BACKFILL_ON_START"), QStringLiteral("false"));
    return environment;
}

bool TestRelayClusterEndToEnd::start(Relay &relay)
{
    relay.process = std::make_unique<QProcess>();
    relay.process->setProcessEnvironment(environment(relay));
    relay.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    relay.output.clear();
    relay.process->start(QStringLiteral(CALLBRIDGE_RELAY_BINARY), { QStringLiteral("serve") });
    QSignalSpy ready(relay.process.get(), &QProcess::readyReadStandardOutput);
    static const QRegularExpression listening(QStringLiteral("listening on (http://[0-9.:]+)"));
    for (;;) {
        relay.output += relay.process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(relay.output));
        if (match.hasMatch()) {
            relay.url = QUrl(match.captured(1));
            return true;
        }
        if (relay.process->state() == QProcess::NotRunning || !ready.wait(15'000))
            return false;
    }
}

QByteArray TestRelayClusterEndToEnd::addUser(const QString &name, const QString &role,
                                             const QString &extension)
{
    QStringList arguments { QStringLiteral("user"), QStringLiteral("add"), name,
                            QStringLiteral("--role"), role };
    if (!extension.isEmpty())
        arguments << QStringLiteral("--extension") << extension;
    const auto run = Test::runProcess(QStringLiteral(CALLBRIDGE_RELAY_BINARY), arguments,
                                      environment(m_a));
    if (run.exitCode != 0)
        qWarning("user add failed: %s", run.err.constData());
    static const QRegularExpression token(QStringLiteral("cbt_[A-Za-z0-9_-]+"));
    return token.match(QString::fromUtf8(run.out)).captured(0).toLatin1();
}

qint64 TestRelayClusterEndToEnd::count(const QString &sql)
{
    const auto result = m_postgres.psql(sql);
    return result ? result->toLongLong() : -1;
}

void TestRelayClusterEndToEnd::initTestCase()
{
    QVERIFY(m_a.data.isValid() && m_b.data.isValid());
    const auto started = m_postgres.start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
    // First set-up by the operator, on the shared database, before the relays run.
    m_admin = addUser(QStringLiteral("admin"), QStringLiteral("admin"), {});
    m_anna = addUser(QStringLiteral("anna"), QStringLiteral("agent"), QStringLiteral("101"));
    QVERIFY(!m_admin.isEmpty() && !m_anna.isEmpty());
    QVERIFY(start(m_a));
    QVERIFY(start(m_b));
}

void TestRelayClusterEndToEnd::cleanupTestCase()
{
    for (Relay *relay : { &m_a, &m_b }) {
        if (relay->process) {
            relay->process->terminate();
            relay->process->waitForFinished(15'000);
        }
    }
}

Reply TestRelayClusterEndToEnd::api(const Relay &relay, const QByteArray &method,
                                    const QString &path, const QJsonObject &body)
{
    return Test::sendJson(m_network, method, relay.url.resolved(QUrl(path)), m_admin, body);
}

QNetworkReply *TestRelayClusterEndToEnd::postLater(const Relay &relay, const FormFields &fields)
{
    const auto type = [&] {
        const QString event = fields.value(QStringLiteral("event"));
        if (event == u"NOTIFY_START")
            return WebhookEventType::NotifyStart;
        if (event == u"NOTIFY_END")
            return WebhookEventType::NotifyEnd;
        return WebhookEventType::NotifyInternal;
    }();
    QNetworkRequest request(relay.url.resolved(QUrl(QStringLiteral("/zadarma"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Signature", WebhookVerifier::sign(type, fields, webhookSecret).value());
    return m_network.post(request, fields.toUrlEncoded());
}

int TestRelayClusterEndToEnd::post(const Relay &relay, const FormFields &fields)
{
    QNetworkReply *reply = postLater(relay, fields);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10'000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

void TestRelayClusterEndToEnd::webhookToOneRelayReachesAgentsOnTheOther()
{
    // A contact made through relay A, for Anna.
    const Reply anna = api(m_a, "GET", QStringLiteral("/v1/admin/users"));
    qint64 annaId = 0;
    for (const QJsonValue &user : anna.json[QStringLiteral("users")].toArray()) {
        if (user[QStringLiteral("name")].toString() == u"anna")
            annaId = user[QStringLiteral("id")].toInteger();
    }
    QVERIFY(annaId != 0);
    QCOMPARE(api(m_a, "POST", QStringLiteral("/v1/contacts"),
                 { { QStringLiteral("name"), QStringLiteral("Jan Kowalski") },
                   { QStringLiteral("phones"), QJsonArray { QStringLiteral("+48 600 100 200") } },
                   { QStringLiteral("responsible_id"), annaId } })
                     .status,
             201);

    StreamClient onB(m_b.url, m_anna, 0);
    QVERIFY(!onB.waitForType(QStringLiteral("replay_done")).isEmpty());

    // The call starts on A and ends on B: B folds its end into the call A started.
    const FormFields start
            = notifyStart(QStringLiteral("in_cluster_1"), QStringLiteral("48600100200"));
    QCOMPARE(post(m_a, start), 200);
    const QJsonObject started = onB.waitFor(
            [](const QJsonObject &message) { return callOf(message) == u"in_cluster_1"; });
    QVERIFY2(!started.isEmpty(), "Anna, on relay B, did not hear of the call relay A took");
    QCOMPARE(started[QStringLiteral("data")][QStringLiteral("contact")][QStringLiteral("name")]
                     .toString(),
             QStringLiteral("Jan Kowalski"));

    QCOMPARE(post(m_b, notifyEnd(start)), 200);
    QVERIFY(!onB.waitForType(QStringLiteral("call.ended"), QStringLiteral("in_cluster_1"))
                     .isEmpty());
    const Reply call = api(m_a, "GET", QStringLiteral("/v1/calls/in_cluster_1"));
    QCOMPARE(call.status, 200);
    QCOMPARE(call.json[QStringLiteral("state")].toString(), QStringLiteral("ended"));
    QCOMPARE(call.json[QStringLiteral("duration")].toInt(), 42);

    // Relay B learnt A's contact too: a call from that number now goes to Anna's phone.
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                static int attempt = 0;
                const FormFields again
                        = notifyStart(QStringLiteral("in_cluster_route_%1").arg(++attempt),
                                      QStringLiteral("48600100200"));
                QNetworkReply *reply = postLater(m_b, again);
                QSignalSpy finished(reply, &QNetworkReply::finished);
                if (!reply->isFinished())
                    finished.wait(10'000);
                const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
                reply->deleteLater();
                return answer[QStringLiteral("caller_name")].toString() == u"Jan Kowalski";
            }(),
            5'000);
}

void TestRelayClusterEndToEnd::oneDeliveryToBothRelaysIsOneEventOneContactOneLead()
{
    // Zadarma retries a delivery it thinks failed; behind a load balancer the retry may reach
    // the other relay while the first is still storing it.
    const FormFields start = notifyStart(QStringLiteral("in_twice"), QStringLiteral("34600777888"));
    QNetworkReply *toA = postLater(m_a, start);
    QNetworkReply *toB = postLater(m_b, start);
    for (QNetworkReply *reply : { toA, toB }) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            QVERIFY(finished.wait(10'000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE pbx_call_id = 'in_twice'")),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM contact_phones WHERE phone = "
                                  "'+34600777888'")),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM leads WHERE pbx_call_id = 'in_twice'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM calls WHERE pbx_call_id = 'in_twice'")), 1);
}

void TestRelayClusterEndToEnd::userMadeOnOneRelaySignsInOnTheOtherAtOnce()
{
    const Reply created = api(m_a, "POST", QStringLiteral("/v1/admin/users"),
                              { { QStringLiteral("name"), QStringLiteral("carla") },
                                { QStringLiteral("display_name"), QStringLiteral("Carla") },
                                { QStringLiteral("role"), QStringLiteral("agent") },
                                { QStringLiteral("extension"), QStringLiteral("103") } });
    QCOMPARE(created.status, 201);
    const QByteArray token = created.json[QStringLiteral("token")].toString().toLatin1();
    QVERIFY(!token.isEmpty());
    // Straight away, before relay B may have heard the announcement.
    const Reply me = Test::sendJson(m_network, "GET", m_b.url.resolved(QUrl(u"/v1/me"_s)), token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json[QStringLiteral("name")].toString(), QStringLiteral("carla"));
}

void TestRelayClusterEndToEnd::eventWhoseProcessingFailsIsStillStored()
{
    // A lead the database refuses (a fault planted for this test) fails the processing of one
    // event. PostgreSQL ends the whole transaction there; the relay writes the batch again
    // without processing that event, and answers 2xx: the raw event is what must not be lost.
    const auto planted = m_postgres.psql(QStringLiteral(
            "CREATE FUNCTION refuse_poisoned_lead() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.pbx_call_id = 'in_poison' THEN RAISE EXCEPTION 'planted fault'; END IF; "
            "RETURN NEW; END $$; CREATE TRIGGER leads_poison BEFORE INSERT ON leads FOR EACH ROW "
            "EXECUTE FUNCTION refuse_poisoned_lead()"));
    QVERIFY2(planted, qPrintable(planted ? QString() : planted.error().message));

    QCOMPARE(post(m_a, notifyStart(QStringLiteral("in_poison"), QStringLiteral("34600555111"))),
             200);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE pbx_call_id = 'in_poison'")),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM leads WHERE pbx_call_id = 'in_poison'")),
             0);
    // The relay goes on as before.
    QCOMPARE(post(m_a,
                  notifyStart(QStringLiteral("in_after_poison"), QStringLiteral("34600555222"))),
             200);
    QCOMPARE(count(QStringLiteral(
                     "SELECT count(*) FROM leads WHERE pbx_call_id = 'in_after_poison'")),
             1);
    QVERIFY(m_postgres.psql(QStringLiteral("DROP TRIGGER leads_poison ON leads")));
}

void TestRelayClusterEndToEnd::killingARelayMidStreamLosesNothingForAgentsThatMoveOn()
{
    // The administrator sees every call; their desktop is on relay A, which dies mid-stream.
    auto onA = std::make_unique<StreamClient>(m_a.url, m_admin, 0);
    QVERIFY(!onA->waitForType(QStringLiteral("replay_done")).isEmpty());

    QSet<QString> accepted;
    for (int i = 0; i < 40; ++i) {
        if (i == 20) {
            m_a.process->kill(); // no goodbye, no flush
            m_a.process->waitForFinished(5'000);
        }
        Relay &relay = i % 2 == 0 ? m_a : m_b;
        const QString id = QStringLiteral("in_kill_%1").arg(i);
        if (post(relay,
                 notifyStart(id, QStringLiteral("3460011%1").arg(i, 4, 10, QLatin1Char('0'))))
            == 200)
            accepted.insert(id);
    }
    QVERIFY(accepted.size() >= 30); // every webhook to B, and A's until it died

    // The desktop reconnects, to B, after the last item it got from A.
    const qint64 resumeAfter = onA->lastSeq();
    QSet<QString> heard;
    for (const QJsonObject &message : std::as_const(onA->messages))
        heard.insert(callOf(message));
    onA.reset();
    StreamClient onB(m_b.url, m_admin, resumeAfter);
    const QJsonObject last = onB.waitFor([&](const QJsonObject &message) {
        heard.insert(callOf(message));
        return accepted - heard == QSet<QString>();
    });
    const QSet<QString> missing = accepted - heard;
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("accepted but never streamed: ")
                        + QStringList(missing.cbegin(), missing.cend()).join(u' ')));
    QVERIFY(!last.isEmpty());

    // Items arrive once each, in seq order, on the new connection.
    qint64 previous = resumeAfter;
    for (const QJsonObject &message : std::as_const(onB.messages)) {
        const qint64 seq = message.value(QStringLiteral("seq")).toInteger();
        if (!message.contains(QStringLiteral("data")))
            continue; // control messages (replay_done names the seq it reached)
        QVERIFY2(seq > previous,
                 qPrintable(QStringLiteral("seq %1 after %2").arg(seq).arg(previous)));
        previous = seq;
    }
}

void TestRelayClusterEndToEnd::relaysCarryOnAfterPostgresRestarts()
{
    StreamClient onB(m_b.url, m_admin, 0);
    QVERIFY(!onB.waitForType(QStringLiteral("replay_done")).isEmpty());

    // Every relay's connections end; their announcements (LISTEN) with them.
    const auto restarted = m_postgres.restart();
    QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().message));

    // Zadarma retries what was refused; the relay takes it once it has connected again.
    const FormFields start
            = notifyStart(QStringLiteral("in_after_restart"), QStringLiteral("34600999000"));
    QTRY_COMPARE_WITH_TIMEOUT(post(m_b, start), 200, 10'000);
    QVERIFY(!onB.waitFor([](const QJsonObject &message) {
                    return callOf(message) == u"in_after_restart";
                }).isEmpty());

    // A new desktop's replay reads the database through the stream's own connection.
    StreamClient later(m_b.url, m_admin, onB.lastSeq() - 1);
    QVERIFY(!later.waitForType(QStringLiteral("replay_done")).isEmpty());
    QCOMPARE(later.messages.constFirst()[QStringLiteral("type")].toString(),
             QStringLiteral("welcome"));
}

QTEST_GUILESS_MAIN(TestRelayClusterEndToEnd)
#include "TestRelayClusterEndToEnd.moc"
