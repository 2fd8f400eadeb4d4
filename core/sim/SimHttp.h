// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>

#include <memory>

class QHttpServerResponder;

namespace CallBridge {

// One HTTP request to the simulator, independent of Qt HTTP Server's types.
struct SimHttpRequest
{
    QByteArray method; // "GET", "POST", …
    QByteArray path; // percent-encoded, as received
    QByteArray query; // percent-encoded, without '?'
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
};

// The way back to the client. Copyable; the first send() answers, later ones are ignored, and it
// may be kept to answer later (after a webhook round trip, say).
class SimHttpReply
{
public:
    explicit SimHttpReply(std::shared_ptr<QHttpServerResponder> responder);

    void send(int status, const QByteArray &body,
              const QByteArray &contentType = "application/json",
              const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    void sendJson(int status, const QJsonObject &object,
                  const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    // Zadarma's error shape: {"status":"error","message":…}
    void sendError(int status, const QString &message,
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    bool isSent() const { return !m_responder; }

private:
    std::shared_ptr<QHttpServerResponder> m_responder;
};

// Something that answers the requests under a path prefix.
class SimHttpHandler
{
public:
    virtual ~SimHttpHandler() = default;
    virtual void handle(const SimHttpRequest &request, SimHttpReply reply) = 0;
};

} // namespace CallBridge
