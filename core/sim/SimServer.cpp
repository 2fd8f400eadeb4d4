// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>

#include <algorithm>

namespace CallBridge {

SimServer::SimServer(QObject *parent) : QObject(parent)
{
    m_http.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                SimHttpRequest simRequest;
                const QMetaEnum methods = QMetaEnum::fromType<QHttpServerRequest::Method>();
                simRequest.method = QByteArray(methods.valueToKey(int(request.method()))).toUpper();
                simRequest.path = request.url().path(QUrl::FullyEncoded).toUtf8();
                simRequest.query = request.url().query(QUrl::FullyEncoded).toUtf8();
                simRequest.headers = request.headers();
                simRequest.body = request.body();
                simRequest.peer = request.remoteAddress();
                SimHttpReply reply(std::make_shared<QHttpServerResponder>(std::move(responder)));
                if (simRequest.body.size() > maxBodyBytes) {
                    reply.sendError(413, QStringLiteral("Request body too large"));
                    return;
                }
                dispatch(simRequest, reply);
            });
}

void SimServer::addHandler(const QByteArray &pathPrefix, SimHttpHandler *handler)
{
    m_handlers.append({ pathPrefix, handler });
    std::stable_sort(m_handlers.begin(), m_handlers.end(),
                     [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
}

Result<void> SimServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcp.listen(address, port))
        return fail(QStringLiteral("cannot listen on %1:%2: %3")
                            .arg(address.toString())
                            .arg(port)
                            .arg(m_tcp.errorString()));
    m_http.bind(&m_tcp);
    return {};
}

QUrl SimServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_tcp.serverAddress().toString());
    url.setPort(m_tcp.serverPort());
    return url;
}

void SimServer::dispatch(const SimHttpRequest &request, SimHttpReply reply)
{
    for (const auto &[prefix, handler] : m_handlers) {
        if (request.path.startsWith(prefix)) {
            handler->handle(request, reply); // may keep a copy of reply to answer later
            return;
        }
    }
    reply.sendError(404, QStringLiteral("Method not found"));
}

} // namespace CallBridge
