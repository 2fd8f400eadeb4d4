// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace CallBridge {

// Talks to a running simulator's control API (/_sim/…): used by `zadarma-sim call` and `load`.
class SimControlClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<QJsonObject>)>;

    SimControlClient(QNetworkAccessManager *network, QUrl simulatorUrl, QObject *parent = nullptr);

    // POST /_sim/calls: {"id": …, "pbx_call_id": …}
    void startCall(const QJsonObject &scenario, Callback done);
    // GET /_sim/calls/<id> (wait: until the call has finished): the call's outcome.
    void callOutcome(const QString &id, bool wait, Callback done);
    // GET /_sim/stats: calls running and webhook counters.
    void stats(Callback done);

private:
    void finish(QNetworkReply *reply, const Callback &done);

    QNetworkAccessManager *m_network;
    QUrl m_url;
};

} // namespace CallBridge
