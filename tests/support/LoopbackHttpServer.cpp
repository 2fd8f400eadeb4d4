// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/LoopbackHttpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

namespace CallBridge::Test {

LoopbackHttpServer::LoopbackHttpServer(QObject *parent) : QObject(parent)
{
    m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                const Request recorded = Request::from(request);
                m_requests.append(recorded);
                answer(recorded, std::move(responder));
                emit requestReceived();
            });
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    if (m_port == 0)
        qFatal("LoopbackHttpServer: cannot listen on 127.0.0.1");
}

LoopbackHttpServer::~LoopbackHttpServer() = default;

QUrl LoopbackHttpServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void LoopbackHttpServer::answer(const Request &request, QHttpServerResponder &&responder)
{
    Response response;
    if (!m_queued.empty()) {
        response = std::move(m_queued.front());
        m_queued.pop_front();
    } else if (m_handler) {
        response = m_handler(request);
    }
    if (response.hang) {
        m_hanging.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
        return;
    }
    if (response.closeAbruptly) {
        responder.socket()->abort();
        return;
    }
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}

} // namespace CallBridge::Test
