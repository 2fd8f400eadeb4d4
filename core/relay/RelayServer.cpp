// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayServer.h"

#include "core/common/Clock.h"
#include "core/crm/CrmClient.h"
#include "core/crm/CrmMapping.h"
#include "core/relay/AgentStreamThread.h"
#include "core/relay/Authenticator.h"
#include "core/relay/CallBackfill.h"
#include "core/relay/CallProcessor.h"
#include "core/relay/CrmSync.h"
#include "core/relay/FeedHub.h"
#include "core/relay/RelayApi.h"
#include "core/relay/RelayMetrics.h"
#include "core/relay/RelaySettings.h"
#include "core/relay/RoutingDirectory.h"
#include "core/relay/SecretsFile.h"
#include "core/relay/WebhookEndpoint.h"
#include "core/relay/WebhookIngest.h"
#include "core/store/SqlStore.h"
#include "core/store/SqliteCheckpointer.h"
#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaError.h"
#include "core/zadarma/ZadarmaTypes.h"

#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcRelayServer, "callbridge.core.relay.server")

namespace CallBridge {

namespace {

constexpr auto streamPath = "/v1/stream";
constexpr auto changePollInterval = std::chrono::milliseconds(1000);
constexpr auto shutdownDeadline = std::chrono::milliseconds(10'000);

RoutingPolicy policyFrom(const RelaySettings &settings)
{
    RoutingPolicy policy;
    policy.redirectToResponsible = settings.redirectToResponsible();
    policy.returnTimeoutSeconds = settings.returnTimeoutSeconds();
    policy.sendCallerName = settings.callerName();
    policy.hangUpBlacklisted = settings.hangupBlacklisted();
    policy.createUnknownContacts = settings.createUnknownContacts();
    policy.createMissedCallTasks = settings.missedCallTasks();
    policy.defaultResponsible = settings.defaultResponsible();
    policy.defaultRegion = settings.defaultRegion();
    return policy;
}

} // namespace

// Declared in dependency order, so that destruction runs the other way.
struct RelayServer::Parts
{
    explicit Parts(const RelayConfig &config, Clock *clock)
        : store(config.database().createStore()),
          feed(store.get(), clock),
          authenticator(&directory, clock),
          zadarma(&network, clock,
                  [&config] {
                      ZadarmaClientConfig zadarmaConfig;
                      zadarmaConfig.baseUrl = config.zadarmaApiUrl();
                      return zadarmaConfig;
                  }()),
          processor(store.get(), &directory, clock),
          ingest(store.get(), &processor, clock),
          webhooks(WebhookEndpointConfig { config.webhookAllowedIps(), config.trustedProxies(),
                                           qsizetype(config.maxWebhookBytes()) },
                   &directory, &ingest, &metrics, clock),
          backfill(&zadarma, &ingest, store.get(), &directory, clock)
    { }

    std::unique_ptr<SqlStore> store;
    std::unique_ptr<SqliteCheckpointer> checkpointer; // SQLite only
    QSet<qint64> contactsChangedElsewhere; // announced by other relays, not yet reloaded
    RoutingDirectory directory;
    RelayMetrics metrics;
    FeedHub feed;
    Authenticator authenticator;
    QNetworkAccessManager network;
    ZadarmaClient zadarma;
    CallProcessor processor;
    WebhookIngest ingest;
    WebhookEndpoint webhooks;
    CallBackfill backfill;
    std::unique_ptr<CrmClient> crm; // only with an external CRM
    std::unique_ptr<CrmSync> crmSync;
    std::unique_ptr<RelayApi> api;
    std::unique_ptr<AgentStreamThread> stream;
    std::unique_ptr<HttpServer> http;
    QPointer<QTcpServer> listener;
    QTimer changePoll;
    bool stopping = false;
    bool stopped = false;
};

RelayServer::RelayServer(RelayConfig config, Clock *clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock)
{ }

RelayServer::~RelayServer()
{
    if (m_parts) {
        m_parts->changePoll.stop();
        m_parts->http.reset(); // no request may reach the parts below while they go
        if (m_parts->crmSync)
            m_parts->crmSync->stop();
        if (m_parts->stream)
            m_parts->stream->closeAll();
        m_parts->ingest.flushNow();
        m_parts->checkpointer.reset();
        m_parts->store->close();
    }
}

Result<void> RelayServer::start()
{
    m_parts = std::make_unique<Parts>(m_config, m_clock);
    Parts &parts = *m_parts;

    if (auto opened = parts.store->open(); !opened)
        return opened;
    // The baseline: only what others write after this moment counts as changed elsewhere.
    (void)parts.store->changedElsewhere();
    if (auto loaded = reloadSettings(); !loaded)
        return loaded;
    if (auto loaded = parts.directory.load(*parts.store); !loaded)
        return fail(QStringLiteral("Could not load users, contacts and blacklist: %1")
                            .arg(loaded.error().message));
    if (m_config.database().engine() == StoreLocation::Engine::Sqlite) {
        parts.checkpointer = std::make_unique<SqliteCheckpointer>(m_config.databasePath());
        connect(parts.checkpointer.get(), &SqliteCheckpointer::failed, this,
                [](const QString &message) {
                    qCWarning(lcRelayServer).noquote() << "WAL checkpoint failed:" << message;
                });
        parts.checkpointer->start();
    }
    if (parts.store->isShared()) {
        if (auto following = parts.feed.followStore(); !following)
            return fail(QStringLiteral("Could not read the shared feed: %1")
                                .arg(following.error().message));
        parts.store->watchChanges([this](const QString &change) { changedByAnotherRelay(change); });
    }

    const ZadarmaCredentials &credentials = m_config.zadarmaCredentials();
    if (credentials.isComplete()) {
        parts.zadarma.setCredentials(credentials);
        parts.webhooks.setSecret(credentials.secret);
    } else {
        qCWarning(lcRelayServer) << "no Zadarma key and secret yet: webhooks are refused with "
                                    "503 until an administrator sets them";
    }

    if (auto connected = connectCrm(); !connected)
        return connected;

    m_services.store = parts.store.get();
    m_services.directory = &parts.directory;
    m_services.authenticator = &parts.authenticator;
    m_services.feed = &parts.feed;
    m_services.metrics = &parts.metrics;
    m_services.clock = m_clock;
    m_services.network = &parts.network;
    m_services.zadarma = &parts.zadarma;
    m_services.webhooks = &parts.webhooks;
    m_services.backfill = &parts.backfill;
    m_services.dataDirectory = m_config.dataDirectory();
    m_services.secretsFile = m_config.secretsFile();
    m_services.crm = parts.crmSync.get();

    m_services.credentialsChanged = [this] { learnAccountTimeZone(m_config.backfillOnStart()); };
    parts.api = std::make_unique<RelayApi>(m_services, [this] { return reloadSettings(); });
    parts.stream = std::make_unique<AgentStreamThread>(
            [location = m_config.database()]() -> Result<std::unique_ptr<Store>> {
                auto store = location.createStore();
                if (auto opened = store->open(); !opened)
                    return fail(opened.error());
                return std::unique_ptr<Store>(std::move(store));
            },
            &parts.feed, &parts.metrics);
    if (auto started = parts.stream->start(); !started)
        return started;
    // A removed user, a new token or a new role must not keep an old session's view.
    parts.directory.setUsersChangedHandler(
            [this](const QList<UserRecord> &changed, const QList<qint64> &removed) {
                for (const UserRecord &user : changed)
                    m_parts->stream->userChanged(user);
                for (qint64 id : removed)
                    m_parts->stream->userRemoved(id);
            });

    // New contacts are in the directory already: CallProcessor adds them as it creates them.
    connect(&parts.ingest, &WebhookIngest::committed, this, [this](const ProcessingOutput &output) {
        m_parts->feed.publish(output.feed);
        if (output.crmWritesQueued && m_parts->crmSync)
            m_parts->crmSync->poke();
    });
    connect(&parts.backfill, &CallBackfill::finished, this,
            [this](const CallBackfill::Status &status) {
                if (!status.error.isEmpty())
                    m_parts->metrics.countZadarmaError(QStringLiteral("backfill"));
            });
    connect(&parts.ingest, &WebhookIngest::batchWritten, this,
            [this](int events, std::chrono::microseconds duration) {
                m_parts->metrics.countBatch(events, duration);
            });
    parts.zadarma.setObjectName(QStringLiteral("zadarma"));

    parts.metrics.setGauge(QStringLiteral("callbridge_connected_agents"),
                           QStringLiteral("Agents connected to the stream."),
                           [this] { return double(m_parts->stream->connectedCount()); });
    parts.metrics.setGauge(QStringLiteral("callbridge_ingest_queue_depth"),
                           QStringLiteral("Webhooks waiting for the next group commit."),
                           [this] { return double(m_parts->ingest.queueDepth()); });
    parts.metrics.setGauge(QStringLiteral("callbridge_zadarma_queue_depth"),
                           QStringLiteral("Zadarma API requests queued or waiting to retry."),
                           [this] { return double(m_parts->zadarma.queuedCount()); });
    parts.metrics.setGauge(QStringLiteral("callbridge_http_connections"),
                           QStringLiteral("Open HTTP connections (WebSockets excluded)."),
                           [this] { return double(m_parts->http->connectionCount()); });
    parts.metrics.setGauge(QStringLiteral("callbridge_calls_in_memory"),
                           QStringLiteral("Calls the aggregator holds in memory."),
                           [this] { return double(m_parts->processor.callsInMemory()); });

    HttpServerLimits limits;
    limits.maxConnections = m_config.maxConnections();
    limits.headerTimeout = m_config.headerTimeout();
    limits.idleTimeout = m_config.idleTimeout();
    limits.maxBodyBytes = std::max(m_config.maxApiBodyBytes(), m_config.maxWebhookBytes());
    parts.http = std::make_unique<HttpServer>(this, limits);
    connect(parts.http.get(), &HttpServer::refused, this,
            [this](int status, const QString &, const QHostAddress &) {
                m_parts->metrics.countHttpRefusal(status);
            });
    connect(parts.http.get(), &HttpServer::drained, this, [this] {
        if (!m_parts->stopping || m_parts->stopped)
            return;
        m_parts->ingest.flushNow();
        m_parts->checkpointer.reset();
        (void)m_parts->store->checkpoint();
        m_parts->stopped = true;
        qCInfo(lcRelayServer) << "stopped; everything accepted is stored";
        emit stopped();
    });

    QTcpServer *listener = nullptr;
    if (m_config.usesTls()) {
        QFile certificateFile(m_config.tlsCertificate());
        QFile keyFile(m_config.tlsPrivateKey());
        if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("Cannot read the TLS certificate %1 or key %2.")
                                .arg(m_config.tlsCertificate(), m_config.tlsPrivateKey()));
        const auto chain = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (chain.isEmpty() || key.isNull())
            return fail(QStringLiteral("%1 or %2 is not a PEM certificate and private key.")
                                .arg(m_config.tlsCertificate(), m_config.tlsPrivateKey()));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        auto *sslServer = new QSslServer;
        sslServer->setSslConfiguration(tls);
        listener = sslServer;
    } else {
        listener = new QTcpServer;
    }
    // Qt's default backlog of 50 drops SYNs when many desktops reconnect at once.
    listener->setListenBacklogSize(1024);
    if (!listener->listen(m_config.listenAddress(), m_config.listenPort())) {
        const QString message = listener->errorString();
        delete listener;
        return fail(QStringLiteral("Cannot listen on %1:%2: %3")
                            .arg(m_config.listenAddress().toString())
                            .arg(m_config.listenPort())
                            .arg(message));
    }
    parts.listener = listener;
    parts.http->serve(listener);

    // The operator CLI writes the same database from another process.
    parts.changePoll.setInterval(changePollInterval);
    connect(&parts.changePoll, &QTimer::timeout, this, &RelayServer::reloadIfChangedElsewhere);
    parts.authenticator.setRefresh([this] {
        reloadIfChangedElsewhere();
        // A token another relay just made may be younger than its announcement.
        if (m_parts->store->isShared())
            changedByAnotherRelay(QStringLiteral("users"));
    });
    parts.changePoll.start();

    if (parts.zadarma.hasCredentials())
        learnAccountTimeZone(m_config.backfillOnStart());

    qCInfo(lcRelayServer).noquote()
            << "listening on" << baseUrl() << "- webhooks at" << m_config.webhookPath();
    return {};
}

Result<void> RelayServer::connectCrm()
{
    if (m_config.crmMapping().isEmpty())
        return {};
    Parts &parts = *m_parts;
    auto mapping = CrmMapping::load(m_config.crmMapping());
    if (!mapping)
        return fail(QStringLiteral("Cannot use the external CRM: %1").arg(mapping.error().message));
    CrmClientConfig crmConfig;
    crmConfig.baseUrl = m_config.crmBaseUrl();
    crmConfig.secrets = m_config.crmSecrets();
    parts.crm = std::make_unique<CrmClient>(mapping.value(), crmConfig);
    if (const QStringList missing = parts.crm->missingSecrets(); !missing.isEmpty()) {
        QStringList variables;
        for (const QString &name : missing)
            variables << SecretsFile::crmSecretVariablePrefix.toString() + name.toUpper();
        return fail(QStringLiteral("The CRM mapping %1 needs the secret(s) %2: set %3 or add "
                                   "crm_secret_NAME lines to %4.")
                            .arg(m_config.crmMapping(), missing.join(QStringLiteral(", ")),
                                 variables.join(QStringLiteral(", ")), m_config.secretsFile()));
    }
    parts.processor.setCrmConnected(true);
    parts.crmSync = std::make_unique<CrmSync>(parts.store.get(), &parts.processor, &parts.directory,
                                              parts.crm.get(), m_clock);
    connect(parts.crmSync.get(), &CrmSync::published, this,
            [this](const QList<FeedItem> &items) { m_parts->feed.publish(items); });
    connect(parts.crmSync.get(), &CrmSync::attempted, this,
            [this](const QString &operation, const QString &outcome) {
                m_parts->metrics.countCrmAttempt(operation, outcome);
            });
    const auto summaryValue = [this](qint64 CrmOutboxSummary::*field) {
        auto summary = m_parts->store->crmOutboxSummary();
        return summary ? double((*summary).*field) : -1.0;
    };
    parts.metrics.setGauge(QStringLiteral("callbridge_crm_outbox_pending"),
                           QStringLiteral("Writes waiting for the external CRM (-1: unreadable)."),
                           [summaryValue] { return summaryValue(&CrmOutboxSummary::pending); });
    parts.metrics.setGauge(QStringLiteral("callbridge_crm_outbox_failed"),
                           QStringLiteral("Writes the external CRM refused for good; an admin "
                                          "can queue them again."),
                           [summaryValue] { return summaryValue(&CrmOutboxSummary::failed); });
    parts.crmSync->start();
    if (auto applied = reloadSettings(); !applied) // crm.refresh_hours
        return applied;
    qCInfo(lcRelayServer).noquote()
            << "external CRM:" << mapping->name() << "at" << m_config.crmBaseUrl().toString();
    return {};
}

void RelayServer::reloadIfChangedElsewhere()
{
    // Relays sharing a store also read the feed here, in case an announcement was missed.
    const bool changed = m_parts->store->changedElsewhere();
    m_parts->feed.catchUp();
    if (!changed)
        return;
    qCInfo(lcRelayServer) << "the database was changed elsewhere; reloading users, contacts, "
                             "blacklist and settings";
    m_parts->contactsChangedElsewhere.clear();
    if (auto reloaded = reloadSettings(); !reloaded)
        qCWarning(lcRelayServer).noquote() << reloaded.error().message;
    if (auto reloaded = m_parts->directory.load(*m_parts->store); !reloaded)
        qCWarning(lcRelayServer).noquote() << reloaded.error().message;
}

void RelayServer::changedByAnotherRelay(const QString &change)
{
    Parts &parts = *m_parts;
    if (change == u"feed") {
        parts.feed.catchUp();
        return;
    }
    if (change == u"settings") {
        if (auto reloaded = reloadSettings(); !reloaded)
            qCWarning(lcRelayServer).noquote() << reloaded.error().message;
        return;
    }
    // Users and the blacklist are small: read whole. New users' rights reach open sessions.
    if (change == u"users") {
        if (auto users = parts.store->users(); users)
            parts.directory.setUsers(users.value());
        else
            qCWarning(lcRelayServer).noquote() << users.error().message;
        return;
    }
    if (change == u"blacklist") {
        if (auto entries = parts.store->blacklist(); entries)
            parts.directory.setBlacklist(entries.value());
        else
            qCWarning(lcRelayServer).noquote() << entries.error().message;
        return;
    }
    if (!change.startsWith(u"contact:"))
        return;
    // An import announces thousands at once: they are read together, after this burst.
    const bool first = parts.contactsChangedElsewhere.isEmpty();
    parts.contactsChangedElsewhere.insert(change.mid(8).toLongLong());
    if (first)
        QTimer::singleShot(0, this, [this] { reloadContactsChangedElsewhere(); });
}

void RelayServer::reloadContactsChangedElsewhere()
{
    Parts &parts = *m_parts;
    const QSet<qint64> ids = std::exchange(parts.contactsChangedElsewhere, {});
    constexpr qsizetype wholeDirectoryPast = 1000;
    if (ids.size() > wholeDirectoryPast) {
        if (auto reloaded = parts.directory.load(*parts.store); !reloaded)
            qCWarning(lcRelayServer).noquote() << reloaded.error().message;
        return;
    }
    for (qint64 id : ids) {
        auto contact = parts.store->contact(id);
        if (!contact) {
            qCWarning(lcRelayServer).noquote() << contact.error().message;
            continue;
        }
        if (contact.value())
            parts.directory.setContact(*contact.value());
        else
            parts.directory.removeContact(id);
    }
}

void RelayServer::learnAccountTimeZone(bool backfillAfterwards)
{
    // Zadarma's times are in the account's zone; without it calls would be hours off.
    ZadarmaReply *reply = m_parts->zadarma.timezone();
    connect(reply, &ZadarmaReply::finished, this, [this, reply, backfillAfterwards] {
        reply->deleteLater();
        if (!reply->result())
            m_parts->metrics.countZadarmaError(toText(reply->result().error().kind));
        const auto zone = reply->result()
                ? AccountTimeZone::fromJson(reply->result().value())
                : Result<AccountTimeZone>(fail(reply->result().error().toString()));
        if (zone && zone->offsetSeconds()) {
            m_parts->directory.setAccountUtcOffsetSeconds(*zone->offsetSeconds());
            (void)m_parts->store->setSetting(QStringLiteral("zadarma.utc_offset"),
                                             QString::number(*zone->offsetSeconds()));
        } else {
            qCWarning(lcRelayServer).noquote()
                    << "could not learn the account's time zone:"
                    << (zone ? QStringLiteral("unknown format") : zone.error().message);
        }
        if (backfillAfterwards) {
            if (auto started = m_parts->backfill.start(); !started)
                qCWarning(lcRelayServer).noquote() << started.error().message;
        }
    });
}

Result<void> RelayServer::reloadSettings()
{
    auto stored = m_parts->store->settings();
    if (!stored)
        return fail(stored.error());
    QStringList warnings;
    const RelaySettings settings = RelaySettings::fromMap(stored.value(), &warnings);
    m_parts->directory.setPolicy(policyFrom(settings));
    if (m_parts->crmSync)
        m_parts->crmSync->setRefreshInterval(std::chrono::hours(settings.crmRefreshHours()));
    bool ok = false;
    const int offset = stored->value(QStringLiteral("zadarma.utc_offset")).toInt(&ok);
    if (ok)
        m_parts->directory.setAccountUtcOffsetSeconds(offset);
    return {};
}

quint16 RelayServer::port() const
{
    return m_parts && m_parts->listener ? m_parts->listener->serverPort() : 0;
}

QString RelayServer::baseUrl() const
{
    QString host = m_config.listenAddress().toString();
    if (m_config.listenAddress().protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return QStringLiteral("%1://%2:%3")
            .arg(m_config.usesTls() ? QStringLiteral("https") : QStringLiteral("http"), host)
            .arg(port());
}

void RelayServer::shutdown()
{
    if (!m_parts || m_parts->stopping)
        return;
    m_parts->stopping = true;
    qCInfo(lcRelayServer) << "shutting down: no new connections; finishing accepted requests";
    m_parts->changePoll.stop();
    m_parts->stream->closeAll();
    m_parts->http->stopAccepting();
    QTimer::singleShot(shutdownDeadline, this, [this] {
        if (m_parts->stopped)
            return;
        m_parts->stopped = true;
        qCWarning(lcRelayServer) << "requests still open after" << shutdownDeadline.count()
                                 << "ms; stopping anyway (everything answered 2xx is stored)";
        m_parts->ingest.flushNow();
        emit stopped();
    });
}

QHostAddress RelayServer::clientAddress(const HttpRequest &request) const
{
    const QHostAddress sender = WebhookEndpoint::senderAddress(request, m_config.trustedProxies());
    return sender.isNull() ? request.peerAddress : sender;
}

qsizetype RelayServer::maxBodyBytes(const HttpRequest &head) const
{
    if (head.path == m_config.webhookPath().toUtf8())
        return qsizetype(m_config.maxWebhookBytes());
    return qsizetype(m_config.maxApiBodyBytes());
}

bool RelayServer::upgrade(const HttpRequest &head, QTcpSocket *socket)
{
    if (head.path != streamPath || m_parts->stopping)
        return false;
    auto user = m_parts->authenticator.authenticate(head.header("Authorization"),
                                                    clientAddress(head));
    if (!user)
        return false; // handle() answers 401/429
    return m_parts->stream->accept(socket, user.value());
}

void RelayServer::handle(HttpRequest request, HttpResponder responder)
{
    Parts &parts = *m_parts;
    const QByteArray &path = request.path;
    if (path == m_config.webhookPath().toUtf8()) {
        parts.webhooks.handle(std::move(request), std::move(responder));
        return;
    }
    if (path == "/healthz") {
        const bool storeOk = parts.store->latestFeedSeq().hasValue();
        QJsonObject health {
            { QStringLiteral("status"),
              storeOk ? QStringLiteral("ok") : QStringLiteral("degraded") },
            { QStringLiteral("store"), storeOk },
            { QStringLiteral("zadarma_credentials"), parts.zadarma.hasCredentials() },
            { QStringLiteral("agents"), parts.stream->connectedCount() },
        };
        responder.send(HttpResponse::json(storeOk ? 200 : 503, health));
        return;
    }
    if (path == "/metrics") {
        responder.send(HttpResponse::text(200, parts.metrics.render(),
                                          "text/plain; version=0.0.4; charset=utf-8"));
        return;
    }
    if (path == streamPath) {
        auto user = parts.authenticator.authenticate(request.header("Authorization"),
                                                     clientAddress(request));
        if (!user) {
            HttpResponse response
                    = HttpResponse::error(user.error().httpStatus, user.error().message);
            response.setHeader("WWW-Authenticate", "Bearer");
            if (user.error().retryAfterSeconds > 0)
                response.setHeader("Retry-After",
                                   QByteArray::number(user.error().retryAfterSeconds));
            responder.send(std::move(response));
            return;
        }
        responder.send(HttpResponse::error(
                426,
                QStringLiteral("The stream is a WebSocket: connect with Upgrade: websocket.")));
        return;
    }
    if (path.startsWith("/v1/")) {
        // Behind nginx every peer is the proxy: the sign-in limit must count real clients.
        request.peerAddress = clientAddress(request);
        parts.api->handle(std::move(request), std::move(responder));
        return;
    }
    responder.send(HttpResponse::error(404, QStringLiteral("Nothing here.")));
}

} // namespace CallBridge
