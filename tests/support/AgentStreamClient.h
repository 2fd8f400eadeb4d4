// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace CallBridge::Test {

// One agent's desktop, as far as the relay's stream goes: a real WebSocket that says hello
// with the seq to resume after and keeps every message it receives.
class AgentStreamClient : public QObject
{
public:
    AgentStreamClient(const QUrl &relay, const QByteArray &token, qint64 resumeAfter);

    // The first message matching, waiting for it up to 10 s; {} if none came.
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &matches);
    // A message of this type, about this call (or task of this call) when one is named.
    QJsonObject waitForType(const QString &type, const QString &pbxCallId = {});
    qint64 lastSeq() const; // the newest item's seq; 0: none

    QWebSocket socket;
    QList<QJsonObject> messages;
};

} // namespace CallBridge::Test
