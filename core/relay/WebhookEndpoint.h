// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/HttpServer.h"
#include "core/relay/IpRange.h"
#include "core/webhook/WebhookVerifier.h"

#include <memory>

namespace CallBridge {

class Clock;
class RelayMetrics;
class RoutingDirectory;
class WebhookIngest;

struct WebhookEndpointConfig
{
    QList<IpRange> allowedSenders; // Zadarma's addresses
    QList<IpRange> trustedProxies; // whose X-Forwarded-For is believed
    qsizetype maxBodyBytes = 64 * 1024;
};

// The URL registered in Zadarma's personal account: zd_echo, sender check, parsing, signature, then
// the durable write, and only then the answer (with routing for NOTIFY_START).
class WebhookEndpoint
{
public:
    WebhookEndpoint(WebhookEndpointConfig config, RoutingDirectory *directory,
                    WebhookIngest *ingest, RelayMetrics *metrics, Clock *clock);

    // The API secret the signatures are made with; empty refuses every webhook with 503.
    void setSecret(const QByteArray &secret);
    bool hasSecret() const { return m_verifier != nullptr; }

    void handle(HttpRequest request, HttpResponder responder);

    // The address the request came from: the peer, or for a trusted proxy the last address in
    // X-Forwarded-For that is not itself a trusted proxy.
    static QHostAddress senderAddress(const HttpRequest &request,
                                      const QList<IpRange> &trustedProxies);
    static QByteArray dedupeKey(const WebhookEvent &event);

private:
    void refuse(HttpResponder &responder, int status, const QString &event, const QString &verdict,
                const QString &message, const QHostAddress &sender);

    WebhookEndpointConfig m_config;
    RoutingDirectory *m_directory;
    WebhookIngest *m_ingest;
    RelayMetrics *m_metrics;
    Clock *m_clock;
    std::unique_ptr<WebhookVerifier> m_verifier;
};

} // namespace CallBridge
