// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimControlClient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace CallBridge {

SimControlClient::SimControlClient(QNetworkAccessManager *network, QUrl simulatorUrl,
                                   QObject *parent)
    : QObject(parent), m_network(network), m_url(std::move(simulatorUrl))
{ }

void SimControlClient::startCall(const QJsonObject &scenario, Callback done)
{
    QUrl url = m_url;
    url.setPath(QStringLiteral("/_sim/calls"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply
            = m_network->post(request, QJsonDocument(scenario).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, done = std::move(done)] { finish(reply, done); });
}

void SimControlClient::callOutcome(const QString &id, bool wait, Callback done)
{
    QUrl url = m_url;
    url.setPath(QStringLiteral("/_sim/calls/") + id);
    if (wait)
        url.setQuery(QStringLiteral("wait=1"));
    QNetworkRequest request(url);
    request.setTransferTimeout(wait ? 120'000 : 15'000);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, done = std::move(done)] { finish(reply, done); });
}

void SimControlClient::stats(Callback done)
{
    QUrl url = m_url;
    url.setPath(QStringLiteral("/_sim/stats"));
    QNetworkReply *reply = m_network->get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, done = std::move(done)] { finish(reply, done); });
}

void SimControlClient::finish(QNetworkReply *reply, const Callback &done)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0) {
        done(fail(QStringLiteral("cannot reach the simulator at %1: %2")
                          .arg(m_url.toString(), reply->errorString())));
        return;
    }
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (status >= 400) {
        const QString message = object.value(QLatin1StringView("message")).toString();
        done(fail(QStringLiteral("the simulator refused (HTTP %1): %2")
                          .arg(status)
                          .arg(message.isEmpty() ? QString::fromUtf8(body.left(200)) : message)));
        return;
    }
    if (object.isEmpty()) {
        done(fail(QStringLiteral("the simulator sent no JSON object (HTTP %1)").arg(status)));
        return;
    }
    done(object);
}

} // namespace CallBridge
