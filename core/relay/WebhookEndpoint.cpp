// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/WebhookEndpoint.h"

#include "core/common/Clock.h"
#include "core/relay/RelayMetrics.h"
#include "core/relay/RoutingDirectory.h"
#include "core/relay/WebhookIngest.h"
#include "core/webhook/FormBodyParser.h"
#include "core/webhook/WebhookParser.h"
#include "core/webhook/ZdEcho.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcWebhookEndpoint, "callbridge.core.relay.webhook")

namespace CallBridge {

WebhookEndpoint::WebhookEndpoint(WebhookEndpointConfig config, RoutingDirectory *directory,
                                 WebhookIngest *ingest, RelayMetrics *metrics, Clock *clock)
    : m_config(std::move(config)),
      m_directory(directory),
      m_ingest(ingest),
      m_metrics(metrics),
      m_clock(clock)
{ }

void WebhookEndpoint::setSecret(const QByteArray &secret)
{
    if (secret.isEmpty())
        m_verifier.reset();
    else
        m_verifier = std::make_unique<WebhookVerifier>(secret);
}

QHostAddress WebhookEndpoint::senderAddress(const HttpRequest &request,
                                            const QList<IpRange> &trustedProxies)
{
    QHostAddress sender = request.peerAddress;
    const QByteArray forwarded = request.header("X-Forwarded-For").trimmed();
    if (forwarded.isEmpty() || !IpRange::anyContains(trustedProxies, sender))
        return sender;
    // Walk X-Forwarded-For from the right: every hop a trusted proxy added is believed, the
    // first address that is not a trusted proxy is the client.
    const QList<QByteArray> hops = forwarded.split(',');
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        const QHostAddress hop(QString::fromLatin1(it->trimmed()));
        if (hop.isNull())
            return QHostAddress(); // a garbled header from a trusted proxy: believe nobody
        sender = hop;
        if (!IpRange::anyContains(trustedProxies, hop))
            break;
    }
    return sender;
}

QByteArray WebhookEndpoint::dedupeKey(const WebhookEvent &event)
{
    // A repeated delivery carries the same fields; their order is not part of the identity.
    QList<FormFields::Entry> entries = event.fields.entries();
    std::sort(entries.begin(), entries.end());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto &[name, value] : std::as_const(entries)) {
        hash.addData(name.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(value.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
    }
    return hash.result().left(16);
}

void WebhookEndpoint::refuse(HttpResponder &responder, int status, const QString &event,
                             const QString &verdict, const QString &message,
                             const QHostAddress &sender)
{
    m_metrics->countWebhook(event, verdict);
    qCWarning(lcWebhookEndpoint).noquote()
            << "refused" << (event.isEmpty() ? QStringLiteral("webhook") : event) << "from"
            << sender.toString() << "with" << status << '-' << message;
    responder.send(HttpResponse::error(status, message));
}

void WebhookEndpoint::handle(HttpRequest request, HttpResponder responder)
{
    QElapsedTimer arrived; // finer than Clock's milliseconds, for the latency histogram
    arrived.start();
    const QHostAddress sender = senderAddress(request, m_config.trustedProxies);

    // zd_echo comes first: Zadarma checks the URL before any key exists, and it is unsigned.
    FormFields form;
    const bool isPost = request.method == "POST";
    if (isPost) {
        auto parsed = parseFormBody(request.header("Content-Type"), request.body,
                                    FormBodyLimits { m_config.maxBodyBytes, 256 });
        if (!parsed) {
            refuse(responder, parsed.error().httpStatus(), {}, toText(parsed.error().reason),
                   parsed.error().message, sender);
            return;
        }
        form = std::move(parsed.value());
    } else if (request.method != "GET" && request.method != "HEAD") {
        responder.send(HttpResponse::error(405, QStringLiteral("Webhooks are POSTed."))
                               .setHeader("Allow", "GET, POST"));
        return;
    }
    if (auto echo = ZdEcho::answer(request.query, form)) {
        if (!echo->hasValue()) {
            refuse(responder, echo->error().httpStatus(), QStringLiteral("zd_echo"),
                   toText(echo->error().reason), echo->error().message, sender);
            return;
        }
        m_metrics->countWebhook(QStringLiteral("zd_echo"), QStringLiteral("echo"));
        qCInfo(lcWebhookEndpoint) << "answered Zadarma's zd_echo check from" << sender.toString();
        responder.send(HttpResponse::text(200, echo->value(), ZdEcho::contentType().toByteArray()));
        return;
    }
    if (!isPost) {
        responder.send(HttpResponse::error(
                405, QStringLiteral("Webhooks are POSTed; a GET is only answered for zd_echo.")));
        return;
    }

    if (sender.isNull() || !IpRange::anyContains(m_config.allowedSenders, sender)) {
        refuse(responder, 403, form.value(QStringLiteral("event")), QStringLiteral("forbidden_ip"),
               QStringLiteral("%1 is not an allowed webhook sender.").arg(sender.toString()),
               sender);
        return;
    }
    auto event = parseWebhookEvent(form);
    if (!event) {
        refuse(responder, event.error().httpStatus(), form.value(QStringLiteral("event")),
               toText(event.error().reason), event.error().message, sender);
        return;
    }
    const QString eventName = event->eventName;
    if (!m_verifier) {
        refuse(responder, 503, eventName, QStringLiteral("not_configured"),
               QStringLiteral("The relay has no Zadarma API secret yet, so it cannot verify "
                              "webhooks."),
               sender);
        return;
    }
    if (auto verified = m_verifier->verify(event.value(), request.header("Signature")); !verified) {
        refuse(responder, verified.error().httpStatus(), eventName, toText(verified.error().reason),
               verified.error().message, sender);
        return;
    }

    // Routing is decided now, from memory, so that the answer needs nothing but the write.
    QByteArray answer;
    if (event->type == WebhookEventType::NotifyStart) {
        const RouteDecision decision = m_directory->routeInbound(event->callerId);
        answer = QJsonDocument(decision.toJson()).toJson(QJsonDocument::Compact);
    }

    EventRecord record;
    record.receivedAt = m_clock->now();
    record.eventName = eventName;
    record.pbxCallId = event->pbxCallId;
    record.dedupeKey = dedupeKey(event.value());
    record.rawForm = event->fields.toUrlEncoded();
    record.remoteAddress = sender.toString();

    m_ingest->submit(
            std::move(event.value()), std::move(record),
            [this, responder = std::make_shared<HttpResponder>(std::move(responder)), answer,
             eventName, arrived](Result<IngestOutcome> outcome) {
                if (!outcome) {
                    m_metrics->countWebhook(eventName, QStringLiteral("unavailable"));
                    responder->send(HttpResponse::error(
                            503, QStringLiteral("The relay could not store the event; retry.")));
                    return;
                }
                m_metrics->countWebhook(eventName,
                                        outcome->duplicate ? QStringLiteral("duplicate")
                                                           : QStringLiteral("accepted"));
                if (answer.isEmpty())
                    responder->send(HttpResponse::empty(200));
                else
                    responder->send(HttpResponse::text(200, answer, "application/json"));
                m_metrics->observeAnswerLatency(
                        eventName, std::chrono::microseconds(arrived.nsecsElapsed() / 1000));
            });
}

} // namespace CallBridge
