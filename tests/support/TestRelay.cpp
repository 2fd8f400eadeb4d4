// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestRelay.h"

#include "core/common/SystemClock.h"
#include "core/relay/AccessToken.h"
#include "core/relay/RelayConfig.h"
#include "core/relay/RelayServer.h"
#include "core/relay/RoutingDirectory.h"
#include "core/sim/SimApi.h"
#include "core/sim/SimCallRunner.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimRecordingDownloads.h"
#include "core/sim/SimServer.h"
#include "core/store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>

namespace CallBridge::Test {

namespace {
const QByteArray simKey = "test-relay-key";
const QByteArray simSecret = "test-relay-secret";
} // namespace

struct TestRelay::Parts
{
    SystemClock clock;
    QTemporaryDir data;
    QNetworkAccessManager simNetwork;
    QNetworkAccessManager client;
    std::unique_ptr<SimPbx> pbx;
    std::unique_ptr<SimCallRunner> runner;
    std::unique_ptr<SimServer> sim;
    std::unique_ptr<SimApi> simApi;
    std::unique_ptr<SimRecordingDownloads> downloads;
    std::unique_ptr<RelayServer> relay;
};

TestRelay::TestRelay() : m_parts(std::make_unique<Parts>()) { }

TestRelay::~TestRelay()
{
    // The relay first: it may still talk to the simulator while it closes.
    m_parts->relay.reset();
    m_parts->sim.reset();
}

Result<void> TestRelay::start()
{
    Parts &parts = *m_parts;
    if (!parts.data.isValid())
        return fail(QStringLiteral("no temporary folder for the relay's data"));

    SimConfig simConfig = SimConfig::defaults();
    simConfig.key = simKey;
    simConfig.secret = simSecret;
    simConfig.rateLimited = false;
    simConfig.timeScale = 0.001;
    simConfig.recordingSeconds = 1;
    parts.pbx = std::make_unique<SimPbx>(simConfig, &parts.clock);
    parts.runner = std::make_unique<SimCallRunner>(parts.pbx.get(), &parts.simNetwork);
    parts.sim = std::make_unique<SimServer>();
    parts.simApi = std::make_unique<SimApi>(parts.pbx.get(), parts.runner.get(), &parts.simNetwork,
                                            [this] { return m_parts->sim->url(); });
    parts.downloads = std::make_unique<SimRecordingDownloads>(parts.pbx.get());
    parts.sim->addHandler("/v1/", parts.simApi.get());
    parts.sim->addHandler(SimRecordingDownloads::pathPrefix.toByteArray(), parts.downloads.get());
    if (!parts.sim->listen(QHostAddress::LocalHost, 0))
        return fail(QStringLiteral("the simulator could not listen on 127.0.0.1"));

    RelayConfig::Sources sources;
    sources.environment = QProcessEnvironment();
    sources.environment.insert(QStringLiteral("CALLBRIDGE_LISTEN"), QStringLiteral("127.0.0.1:0"));
    sources.environment.insert(QStringLiteral("CALLBRIDGE_DATA"), parts.data.path());
    sources.environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"),
                               parts.sim->url().toString());
    sources.environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"),
                               QString::fromLatin1(simKey));
    sources.environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"),
                               QString::fromLatin1(simSecret));
    sources.environment.insert(QStringLiteral("CALLBRIDGE_WEBHOOK_ALLOWED_IPS"),
                               QStringLiteral("127.0.0.1/32"));
    sources.environment.insert(QStringLiteral("CALLBRIDGE_BACKFILL_ON_START"),
                               QStringLiteral("false"));
    auto config = RelayConfig::load(sources);
    if (!config)
        return fail(config.error());
    parts.relay = std::make_unique<RelayServer>(config.value(), &parts.clock);
    if (auto started = parts.relay->start(); !started)
        return started;
    parts.pbx->setNotificationUrl(QUrl(parts.relay->baseUrl() + config->webhookPath()));

    // The first administrator comes from the operator's command line, i.e. the store.
    UserRecord admin;
    admin.name = QStringLiteral("root");
    admin.displayName = QStringLiteral("Root");
    admin.role = UserRole::Admin;
    m_admin.token = AccessToken::generate();
    admin.tokenHash = AccessToken::hash(m_admin.token);
    const auto id = store().createUser(admin);
    if (!id)
        return fail(id.error());
    m_admin.id = id.value();
    m_admin.name = admin.name;
    const auto users = store().users();
    if (!users)
        return fail(users.error());
    parts.relay->services().directory->setUsers(users.value());
    return {};
}

QUrl TestRelay::url() const
{
    return QUrl(m_parts->relay->baseUrl());
}

TestRelay::Answer TestRelay::send(const QByteArray &method, const QString &path,
                                  const QString &token, const QByteArray &jsonBody)
{
    QNetworkRequest request(QUrl(m_parts->relay->baseUrl() + path));
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    if (!jsonBody.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_parts->client.sendCustomRequest(request, method, jsonBody);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10'000);
    Answer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                    reply->readAll() };
    delete reply;
    return answer;
}

namespace {
QString errorOf(const TestRelay::Answer &answer)
{
    const QString message
            = QJsonDocument::fromJson(answer.body).object().value(u"error").toString();
    return QStringLiteral("HTTP %1: %2")
            .arg(answer.status)
            .arg(message.isEmpty() ? QString::fromUtf8(answer.body) : message);
}
} // namespace

Result<TestRelay::Account> TestRelay::addUser(const QString &name, const QString &displayName,
                                              const QString &extension, const QString &role)
{
    QJsonObject body { { QStringLiteral("name"), name }, { QStringLiteral("role"), role } };
    if (!displayName.isEmpty())
        body.insert(QStringLiteral("display_name"), displayName);
    if (!extension.isEmpty())
        body.insert(QStringLiteral("extension"), extension);
    const Answer answer = send("POST", QStringLiteral("/v1/admin/users"), m_admin.token,
                               QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (answer.status != 201)
        return fail(QStringLiteral("adding user %1: %2").arg(name, errorOf(answer)));
    const QJsonObject reply = QJsonDocument::fromJson(answer.body).object();
    return Account { reply.value(u"user").toObject().value(u"id").toInteger(), name,
                     reply.value(u"token").toString(), extension };
}

Result<qint64> TestRelay::addContact(const QString &name, const QString &company,
                                     const QString &phone, qint64 responsibleId)
{
    QJsonObject body { { QStringLiteral("name"), name },
                       { QStringLiteral("company"), company },
                       { QStringLiteral("phones"), QJsonArray { phone } } };
    if (responsibleId != 0)
        body.insert(QStringLiteral("responsible_id"), responsibleId);
    const Answer answer = send("POST", QStringLiteral("/v1/contacts"), m_admin.token,
                               QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (answer.status != 201)
        return fail(QStringLiteral("adding contact %1: %2").arg(name, errorOf(answer)));
    return QJsonDocument::fromJson(answer.body).object().value(u"id").toInteger();
}

Result<void> TestRelay::setSetting(const QString &key, const QString &value)
{
    const Answer answer
            = send("PUT", QStringLiteral("/v1/admin/settings"), m_admin.token,
                   QJsonDocument(QJsonObject { { key, value } }).toJson(QJsonDocument::Compact));
    if (answer.status != 200)
        return fail(QStringLiteral("setting %1: %2").arg(key, errorOf(answer)));
    return {};
}

Result<const SimCallOutcome *> TestRelay::playCall(const SimScenario &scenario)
{
    SimCallRunner &runner = calls();
    QSignalSpy finished(&runner, &SimCallRunner::callFinished);
    const SimCallRunner::Started started = runner.start(scenario);
    auto isDone = [&] {
        const SimCallOutcome *outcome = runner.outcome(started.id);
        return outcome && outcome->finished;
    };
    while (!isDone()) {
        if (!finished.wait(10'000))
            return fail(QStringLiteral("call %1 did not finish within 10 s").arg(started.id));
    }
    return runner.outcome(started.id);
}

SimScenario TestRelay::inboundCall(const QString &caller, const QString &extension,
                                   SimScenario::Outcome outcome, bool recorded)
{
    SimScenario scenario;
    scenario.direction = SimScenario::Direction::Inbound;
    scenario.caller = caller;
    scenario.calledDid = QStringLiteral("34911234567");
    scenario.ring = { extension };
    scenario.outcome = outcome;
    if (outcome == SimScenario::Outcome::Answered)
        scenario.answerBy = extension;
    scenario.recorded = recorded && outcome == SimScenario::Outcome::Answered;
    return scenario;
}

RelayServer &TestRelay::relay()
{
    return *m_parts->relay;
}

Store &TestRelay::store()
{
    return *m_parts->relay->services().store;
}

SimPbx &TestRelay::pbx()
{
    return *m_parts->pbx;
}

SimCallRunner &TestRelay::calls()
{
    return *m_parts->runner;
}

} // namespace CallBridge::Test
