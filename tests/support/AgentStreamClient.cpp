// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/AgentStreamClient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>

namespace CallBridge::Test {

AgentStreamClient::AgentStreamClient(const QUrl &relay, const QByteArray &token, qint64 resumeAfter)
{
    QUrl url = relay;
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/v1/stream"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    connect(&socket, &QWebSocket::connected, this, [this, resumeAfter] {
        socket.sendTextMessage(QString::fromUtf8(
                QJsonDocument(QJsonObject { { QStringLiteral("type"), QStringLiteral("hello") },
                                            { QStringLiteral("resume_after"), resumeAfter } })
                        .toJson(QJsonDocument::Compact)));
    });
    connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    socket.open(request);
}

QJsonObject AgentStreamClient::waitFor(const std::function<bool(const QJsonObject &)> &matches)
{
    QElapsedTimer waited;
    waited.start();
    qsizetype checked = 0;
    while (waited.elapsed() < 10'000) {
        for (; checked < messages.size(); ++checked) {
            if (matches(messages.at(checked)))
                return messages.at(checked);
        }
        QSignalSpy arrived(&socket, &QWebSocket::textMessageReceived);
        arrived.wait(200);
    }
    return {};
}

QJsonObject AgentStreamClient::waitForType(const QString &type, const QString &pbxCallId)
{
    return waitFor([&](const QJsonObject &message) {
        const QJsonObject data = message[QStringLiteral("data")].toObject();
        return message.value(QStringLiteral("type")).toString() == type
                && (pbxCallId.isEmpty()
                    || data[QStringLiteral("call")][QStringLiteral("pbx_call_id")].toString()
                            == pbxCallId
                    || data[QStringLiteral("task")][QStringLiteral("pbx_call_id")].toString()
                            == pbxCallId);
    });
}

qint64 AgentStreamClient::lastSeq() const
{
    qint64 seq = 0;
    for (const QJsonObject &message : messages)
        seq = std::max<qint64>(seq, message.value(QStringLiteral("seq")).toInteger());
    return seq;
}

} // namespace CallBridge::Test
