// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimHttp.h"
#include "core/zadarma/ZadarmaRateLimiter.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace CallBridge {

class SimCallController;
class SimPbx;

// Zadarma's REST API (/v1/…) for the simulated account, as zadarma-api.md §1–2 describes it:
// the Authorization header checked as Zadarma does, its rate limits, and the paths and JSON shapes
// of every method CallBridge uses. Register it for the prefix "/v1/".
class SimApi : public QObject, public SimHttpHandler
{
    Q_OBJECT

public:
    static constexpr int maxStatisticsRows = 1000;
    static constexpr int minRecordLifetime = 180;
    static constexpr int maxRecordLifetime = 5184000;
    static constexpr int defaultRecordLifetime = 1800;

    // publicUrl: the simulator's own base URL (http://host:port), for recording links. calls may
    // be null: /v1/request/callback/ then answers an error.
    SimApi(SimPbx *pbx, SimCallController *calls, QNetworkAccessManager *network,
           std::function<QUrl()> publicUrl, QObject *parent = nullptr);
    ~SimApi() override;

    void handle(const SimHttpRequest &request, SimHttpReply reply) override;

    // How long the zd_echo check of a new notification URL may take.
    void setEchoTimeout(std::chrono::milliseconds timeout) { m_echoTimeout = timeout; }

private:
    struct Call;
    using Method = void (SimApi::*)(const Call &, SimHttpReply &);
    struct Route
    {
        QByteArray httpMethod;
        QByteArray pattern; // "pbx/internal/*/status": '*' matches one path segment
        Method method;
    };

    bool isAuthentic(const SimHttpRequest &request, const QByteArray &rawParameters) const;
    QList<std::pair<QByteArray, QByteArray>> rateLimitHeaders(bool statistics,
                                                              std::chrono::milliseconds now);

    void balance(const Call &call, SimHttpReply &reply);
    void timezone(const Call &call, SimHttpReply &reply);
    void pbxInternal(const Call &call, SimHttpReply &reply);
    void extensionStatus(const Call &call, SimHttpReply &reply);
    void extensionInfo(const Call &call, SimHttpReply &reply);
    void callback(const Call &call, SimHttpReply &reply);
    void recordRequest(const Call &call, SimHttpReply &reply);
    void recordDelete(const Call &call, SimHttpReply &reply);
    void pbxStatistics(const Call &call, SimHttpReply &reply);
    void statistics(const Call &call, SimHttpReply &reply);
    void directNumbers(const Call &call, SimHttpReply &reply);
    void sipList(const Call &call, SimHttpReply &reply);
    void sipStatus(const Call &call, SimHttpReply &reply);
    void callInfo(const Call &call, SimHttpReply &reply);
    void setCallInfoUrl(const Call &call, SimHttpReply &reply);
    void removeCallInfoUrl(const Call &call, SimHttpReply &reply);
    void setCallInfoNotifications(const Call &call, SimHttpReply &reply);
    void webhooks(const Call &call, SimHttpReply &reply);
    void setWebhooksUrl(const Call &call, SimHttpReply &reply);
    void removeWebhooksUrl(const Call &call, SimHttpReply &reply);
    void setWebhookHooks(const Call &call, SimHttpReply &reply);
    static std::optional<QList<std::pair<QString, bool>>>
    switchChanges(const Call &call, SimHttpReply &reply,
                  const QList<std::pair<QString, bool>> &switches);

    // Runs the zd_echo check, then calls apply and answers {"url": …}; keeps the old URL and
    // answers 400 when the check fails.
    void checkAndSetUrl(const Call &call, SimHttpReply &reply,
                        std::function<void(const QUrl &)> apply);

    SimPbx *m_pbx;
    SimCallController *m_calls;
    QNetworkAccessManager *m_network;
    std::function<QUrl()> m_publicUrl;
    std::chrono::milliseconds m_echoTimeout;
    QList<Route> m_routes;
    ZadarmaRateLimiter m_limiter;
};

} // namespace CallBridge
