// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimHttp.h"

#include <QHttpServerResponder>
#include <QJsonDocument>

namespace CallBridge {

QByteArray SimHttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

SimHttpReply::SimHttpReply(std::shared_ptr<QHttpServerResponder> responder)
    : m_responder(std::move(responder))
{ }

void SimHttpReply::send(int status, const QByteArray &body, const QByteArray &contentType,
                        const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    if (!m_responder)
        return;
    const std::shared_ptr<QHttpServerResponder> responder = std::move(m_responder);
    responder->writeStatusLine(QHttpServerResponder::StatusCode(status));
    responder->writeHeader("Content-Type", contentType);
    responder->writeHeader("Cache-Control", "no-store");
    for (const auto &[name, value] : headers)
        responder->writeHeader(name, value);
    responder->writeHeader("Content-Length", QByteArray::number(body.size()));
    responder->writeBody(body);
}

void SimHttpReply::sendJson(int status, const QJsonObject &object,
                            const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    send(status, QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json", headers);
}

void SimHttpReply::sendError(int status, const QString &message,
                             const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    sendJson(status,
             { { QStringLiteral("status"), QStringLiteral("error") },
               { QStringLiteral("message"), message } },
             headers);
}

} // namespace CallBridge
