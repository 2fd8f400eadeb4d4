// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpServer.h"
#include "core/relay/RelayConfig.h"
#include "core/relay/RelayServices.h"

#include <QObject>

#include <memory>

namespace CallBridge {

class AgentStream;
class RelayApi;
class SqliteCheckpointer;
class WebhookIngest;
class CallProcessor;

// The relay's composition root below main(): builds every part from the configuration, serves
// HTTP, the webhook endpoint, the REST API and the agents' stream on one port, and shuts down
// without losing anything accepted.
class RelayServer : public QObject, public HttpHandler
{
    Q_OBJECT

public:
    RelayServer(RelayConfig config, Clock *clock, QObject *parent = nullptr);
    ~RelayServer() override;

    // Opens the store, loads the directory, listens. The port is known afterwards.
    Result<void> start();
    quint16 port() const;
    QString baseUrl() const; // "http://127.0.0.1:PORT"
    // Graceful: stop accepting, answer what was accepted, write it, close agents; then stopped().
    void shutdown();

    RelayServices services() const { return m_services; }
    const RelayConfig &config() const { return m_config; }
    // Re-reads the runtime settings from the store into the directory's routing policy.
    Result<void> reloadSettings();

    // HttpHandler
    qsizetype maxBodyBytes(const HttpRequest &head) const override;
    bool upgrade(const HttpRequest &head, QTcpSocket *socket) override;
    void handle(HttpRequest request, HttpResponder responder) override;

signals:
    void stopped();

private:
    struct Parts;
    QHostAddress clientAddress(const HttpRequest &request) const;
    void reloadIfChangedElsewhere();
    // Another relay sharing the store committed (see Store::watchChanges()).
    void changedByAnotherRelay(const QString &change);
    void reloadContactsChangedElsewhere();
    Result<void> connectCrm(); // nothing without crm_mapping
    // Zadarma's times are in the account's zone; asked at start and after new credentials.
    void learnAccountTimeZone(bool backfillAfterwards);
    RelayConfig m_config;
    Clock *m_clock;
    std::unique_ptr<Parts> m_parts;
    RelayServices m_services;
};

} // namespace CallBridge
