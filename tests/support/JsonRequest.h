// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <utility>

class QNetworkAccessManager;

namespace CallBridge::Test {

struct JsonReply
{
    int status = 0; // 0: no HTTP answer within the time
    QJsonObject json;
    QByteArray body;
};

// One HTTP request with an optional Bearer token and JSON body, waited for (up to 20 s): for
// end-to-end tests that talk to the relay or the simulator as a script would.
JsonReply sendJson(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url,
                   const QByteArray &token = {}, const QJsonObject &body = {},
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});

} // namespace CallBridge::Test
