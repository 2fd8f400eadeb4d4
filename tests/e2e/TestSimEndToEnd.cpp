// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/WebhookParser.h"
#include "core/webhook/WebhookVerifier.h"
#include "tests/support/LoopbackHttpServer.h"
#include "tests/support/ProcessRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace CallBridge;
using Server = Test::LoopbackHttpServer;
using Run = Test::ProcessRun;

namespace {

// A stand-in for the relay's webhook endpoint: answers zd_echo, records the notifications and
// answers NOTIFY_START as the relay would.
Server::Response relay(const Server::Request &request)
{
    const QUrlQuery query(QString::fromUtf8(request.query));
    if (query.hasQueryItem(QStringLiteral("zd_echo")))
        return { 200, query.queryItemValue(QStringLiteral("zd_echo")).toUtf8(), "text/plain" };
    if (request.body.contains("event=NOTIFY_START&"))
        return { 200, R"({"caller_name":"Maria Lopez"})" };
    return { 200, "" };
}

} // namespace

// The real zadarma-sim binary, driven by the real callbridge-relay CLI and by zadarma-sim's own
// call command, notifying a real HTTP endpoint on loopback.
class TestSimEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void apiAnswersOurSignedRequestsAndRefusesOthers();
    void scriptedCallNotifiesTheRelayWithSignedWebhooks();
    void loadRunStartsTheSeededMix();
    void urlThatFailsZdEchoIsRefused();
    void helpDocumentsEveryMode();

private:
    Run runTool(const char *binary, const QStringList &arguments,
                const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    // Starts zadarma-sim on a free loopback port; returns its URL.
    QUrl startSimulator(QProcess &process, const QStringList &extraArguments);
    // Reads the process's output until it contains `text`; false when it ends first.
    bool waitForOutput(QProcess &process, const QByteArray &text);

    std::unique_ptr<Server> m_relay;
    std::unique_ptr<QProcess> m_simulator;
    QByteArray m_output;
    QUrl m_simulatorUrl;
};

void TestSimEndToEnd::init()
{
    m_relay = std::make_unique<Server>();
    m_relay->setHandler(relay);
    m_simulator = std::make_unique<QProcess>();
    m_simulatorUrl = startSimulator(*m_simulator,
                                    { QStringLiteral("--webhook-url"),
                                      m_relay->url().toString() + QStringLiteral("/zadarma") });
    QVERIFY(m_simulatorUrl.isValid());
    // The simulator takes the URL only once zd_echo was answered; calls before that are refused.
    QVERIFY(waitForOutput(*m_simulator, "answered zd_echo"));
    QVERIFY(m_relay->requests().first().query.startsWith("zd_echo="));
}

void TestSimEndToEnd::cleanup()
{
    if (m_simulator && m_simulator->state() != QProcess::NotRunning) {
        m_simulator->terminate();
        if (!m_simulator->waitForFinished(5000))
            m_simulator->kill();
    }
    m_simulator.reset();
    m_relay.reset();
}

QUrl TestSimEndToEnd::startSimulator(QProcess &process, const QStringList &extraArguments)
{
    m_output.clear();
    process.start(QStringLiteral(ZADARMA_SIM_BINARY),
                  QStringList { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--key"), QStringLiteral("e2e-key"),
                                QStringLiteral("--secret"), QStringLiteral("e2e-secret"),
                                QStringLiteral("--time-scale"), QStringLiteral("0.001") }
                          + extraArguments);
    if (!waitForOutput(process, "listening on "))
        return {};
    static const QRegularExpression listening(QStringLiteral("listening on (http://[0-9.:]+)"));
    return QUrl(listening.match(QString::fromUtf8(m_output)).captured(1));
}

bool TestSimEndToEnd::waitForOutput(QProcess &process, const QByteArray &text)
{
    QSignalSpy ready(&process, &QProcess::readyReadStandardOutput);
    for (;;) {
        m_output += process.readAllStandardOutput();
        if (m_output.contains(text))
            return true;
        if (process.state() == QProcess::NotRunning || !ready.wait(10000))
            return false;
    }
}

Run TestSimEndToEnd::runTool(const char *binary, const QStringList &arguments,
                             const QProcessEnvironment &environment)
{
    return Test::runProcess(QString::fromUtf8(binary), arguments, environment);
}

void TestSimEndToEnd::apiAnswersOurSignedRequestsAndRefusesOthers()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"), QStringLiteral("e2e-key"));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"), QStringLiteral("e2e-secret"));
    const QStringList internal { QStringLiteral("--api-url"), m_simulatorUrl.toString(),
                                 QStringLiteral("zadarma"), QStringLiteral("GET"),
                                 QStringLiteral("/v1/pbx/internal/") };
    const Run ok = runTool(CALLBRIDGE_RELAY_BINARY, internal, environment);
    QCOMPARE(ok.exitCode, 0);
    const QJsonObject answer = QJsonDocument::fromJson(ok.out).object();
    QCOMPARE(answer.value(QStringLiteral("numbers")).toArray().size(), 10);
    QCOMPARE(answer.value(QStringLiteral("numbers")).toArray().first().toInt(), 100);

    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"), QStringLiteral("e2e-secreT"));
    const Run refused = runTool(CALLBRIDGE_RELAY_BINARY, internal, environment);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("HTTP 401") && refused.err.contains("Auth error"),
             refused.err.constData());
}

void TestSimEndToEnd::scriptedCallNotifiesTheRelayWithSignedWebhooks()
{
    const Run call = runTool(
            ZADARMA_SIM_BINARY,
            { QStringLiteral("call"), QStringLiteral("--sim"), m_simulatorUrl.toString(),
              QStringLiteral("--caller"), QStringLiteral("+48600100200"), QStringLiteral("--ring"),
              QStringLiteral("100,101"), QStringLiteral("--answer-by"), QStringLiteral("101"),
              QStringLiteral("--answer-after"), QStringLiteral("5"), QStringLiteral("--duration"),
              QStringLiteral("120"), QStringLiteral("--recorded") });
    QCOMPARE(call.exitCode, 0);
    const QJsonObject outcome = QJsonDocument::fromJson(call.out).object();
    QCOMPARE(outcome.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(outcome.value(QStringLiteral("disposition")).toString(), QStringLiteral("answered"));
    QCOMPARE(outcome.value(QStringLiteral("answered_by")).toString(), QStringLiteral("101"));
    QCOMPARE(outcome.value(QStringLiteral("displayed"))
                     .toObject()
                     .value(QStringLiteral("101"))
                     .toString(),
             QStringLiteral("Maria Lopez"));

    QStringList received;
    const WebhookVerifier verifier("e2e-secret");
    for (const Server::Request &request : m_relay->requests()) {
        if (request.method != "POST")
            continue;
        const auto event = parseWebhook(request.header("Content-Type"), request.body);
        QVERIFY2(event, request.body.constData());
        QVERIFY2(verifier.verify(event.value(), request.header("Signature")),
                 request.body.constData());
        received.append(event->eventName);
    }
    QCOMPARE(received,
             (QStringList { QStringLiteral("NOTIFY_START"), QStringLiteral("NOTIFY_INTERNAL"),
                            QStringLiteral("NOTIFY_INTERNAL"), QStringLiteral("NOTIFY_ANSWER"),
                            QStringLiteral("NOTIFY_END"), QStringLiteral("NOTIFY_RECORD") }));
}

void TestSimEndToEnd::loadRunStartsTheSeededMix()
{
    const Run load
            = runTool(ZADARMA_SIM_BINARY,
                      { QStringLiteral("load"), QStringLiteral("--sim"), m_simulatorUrl.toString(),
                        QStringLiteral("--rate"), QStringLiteral("40"), QStringLiteral("--seconds"),
                        QStringLiteral("0.5"), QStringLiteral("--seed"), QStringLiteral("9") });
    QCOMPARE(load.exitCode, 0);
    QVERIFY2(load.out.contains("done:") && load.out.contains("sent 20 calls")
                     && load.out.contains("accepted 20, refused 0"),
             load.out.constData());
    // It waits for the calls to end and counts what reached the notification URL.
    static const QRegularExpression delivered(QStringLiteral(
            "webhooks: (\\d+) posted, (\\d+) answered 2xx, 0 answered otherwise, 0 failed"));
    const QRegularExpressionMatch match = delivered.match(QString::fromUtf8(load.out));
    QVERIFY2(match.hasMatch(), load.out.constData());
    QCOMPARE(match.captured(1), match.captured(2));
    const int posted = match.captured(1).toInt();
    QVERIFY(posted >= 60); // at least START + INTERNAL + END for 20 calls
    QCOMPARE(qsizetype(posted), m_relay->requests().size() - 1); // all but the zd_echo check
}

void TestSimEndToEnd::urlThatFailsZdEchoIsRefused()
{
    Server wrong;
    wrong.setHandler([](const Server::Request &) {
        return Server::Response { 200, "not the echo", "text/plain" };
    });
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    startSimulator(process, { QStringLiteral("--webhook-url"), wrong.url().toString() });
    QVERIFY(finished.wait(20000));
    QCOMPARE(process.exitCode(), 1);
    const QByteArray error = process.readAllStandardError();
    QVERIFY2(error.contains("refusing notification URL"), error.constData());
}

void TestSimEndToEnd::helpDocumentsEveryMode()
{
    const Run help = runTool(ZADARMA_SIM_BINARY, { QStringLiteral("--help") });
    QCOMPARE(help.exitCode, 0);
    for (const char *expected :
         { "--listen", "--key", "--secret", "--webhook-url", "--config", "--no-rate-limits",
           "--time-scale", "POST /_sim/calls", "zadarma-sim call", "zadarma-sim load", "\"faults\"",
           "return_timeout" })
        QVERIFY2(help.out.contains(expected), expected);
    const Run callHelp
            = runTool(ZADARMA_SIM_BINARY, { QStringLiteral("call"), QStringLiteral("--help") });
    QVERIFY(callHelp.out.contains("--answer-by"));
    const Run loadHelp
            = runTool(ZADARMA_SIM_BINARY, { QStringLiteral("load"), QStringLiteral("--help") });
    QVERIFY(loadHelp.out.contains("--seed"));
}

QTEST_GUILESS_MAIN(TestSimEndToEnd)
#include "TestSimEndToEnd.moc"
