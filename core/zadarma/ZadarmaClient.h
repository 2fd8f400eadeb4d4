// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/zadarma/ZadarmaRateLimiter.h"
#include "core/zadarma/ZadarmaReply.h"
#include "core/zadarma/ZadarmaTypes.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <deque>

class QNetworkAccessManager;
class QNetworkReply;

namespace CallBridge {

class Clock;

struct ZadarmaCredentials
{
    QByteArray key;
    QByteArray secret;

    bool isComplete() const { return !key.isEmpty() && !secret.isEmpty(); }
};

struct ZadarmaClientConfig
{
    static QUrl productionUrl() { return QUrl(QStringLiteral("https://api.zadarma.com")); }
    static QUrl sandboxUrl() { return QUrl(QStringLiteral("https://api-sandbox.zadarma.com")); }

    QUrl baseUrl = productionUrl(); // production, the sandbox, or a simulator
    ZadarmaRateLimits limits;
    std::chrono::milliseconds timeout { 15'000 }; // per attempt, until the whole answer is in
    int maxAttempts = 4; // 1 + retries for 429, and 5xx/timeouts where safe
    std::chrono::milliseconds firstBackoff { 1'000 };
    std::chrono::milliseconds maxBackoff { 60'000 };
    double backoffJitter = 0.2; // ± this fraction, so that relays do not retry in step
    int maxQueued = 1000; // beyond this, requests fail at once with QueueFull
    int maxInFlight = 4;
    qint64 maxResponseBytes = 32 * 1024 * 1024;
};

// Zadarma's REST API over QNetworkAccessManager: signs every request as the official PHP client
// does, keeps one queue within Zadarma's rate limits, backs off on 429 and 5xx (repeating only
// what is safe to repeat), enforces timeouts and reports errors with Zadarma's message.
class ZadarmaClient : public QObject
{
    Q_OBJECT

public:
    ZadarmaClient(QNetworkAccessManager *network, Clock *clock, ZadarmaClientConfig config = {},
                  QObject *parent = nullptr);
    ~ZadarmaClient() override;

    void setCredentials(ZadarmaCredentials credentials);
    bool hasCredentials() const { return m_credentials.isComplete(); }
    const ZadarmaClientConfig &config() const { return m_config; }

    // Queues any API call. The reply finishes later, never inside this call.
    ZadarmaReply *send(ZadarmaRequest request);
    qsizetype queuedCount() const { return qsizetype(m_queue.size()) + m_waitingForRetry; }
    int inFlightCount() const { return m_inFlight; }

    // The calls CallBridge uses; parse the reply's JSON with the matching fromJson() of
    // ZadarmaTypes.h.
    ZadarmaReply *balance(); // Balance
    ZadarmaReply *timezone(); // AccountTimeZone
    ZadarmaReply *pbxExtensions(); // PbxExtensions
    ZadarmaReply *extensionStatus(const QString &extension); // ExtensionStatus
    ZadarmaReply *extensionInfo(const QString &extension); // ExtensionInfo
    // Rings `from` first (an extension: the agent's phone), then `to`; `sip` sets whose CallerID
    // and recording apply. Never repeated automatically: a repeat would place a second call.
    ZadarmaReply *requestCallback(const QString &from, const QString &to,
                                  const QString &sip = QString(),
                                  bool predicted = false); // CallbackResult
    ZadarmaReply *recordingByCallId(const QString &callId,
                                    int lifetimeSeconds = 1800); // RecordingLinks
    ZadarmaReply *recordingsByPbxCallId(const QString &pbxCallId,
                                        int lifetimeSeconds = 1800); // RecordingLinks
    ZadarmaReply *pbxStatistics(const PbxStatisticsQuery &query); // PbxStatisticsPage
    ZadarmaReply *statistics(const StatisticsQuery &query); // StatisticsPage
    ZadarmaReply *directNumbers(); // DirectNumbers
    ZadarmaReply *callInfo(); // CallInfoSettings
    ZadarmaReply *setCallInfoUrl(const QUrl &url); // CallInfoSettings (url)
    ZadarmaReply *removeCallInfoUrl();
    ZadarmaReply *setCallInfoNotifications(const QList<std::pair<QString, bool>> &switches);
    ZadarmaReply *webhooks(); // WebhookSettings
    ZadarmaReply *setWebhooksUrl(const QUrl &url);
    ZadarmaReply *removeWebhooksUrl();
    ZadarmaReply *setWebhookHooks(const QList<std::pair<QString, bool>> &switches);

private:
    void pump();
    void scheduleWake(std::chrono::milliseconds delay);
    void dispatch(ZadarmaReply *reply);
    void handleFinished(ZadarmaReply *reply, QNetworkReply *networkReply);
    void retryLater(ZadarmaReply *reply, std::chrono::milliseconds delay);
    void refuse(ZadarmaReply *reply, ZadarmaError::Kind kind, const QString &message);
    std::chrono::milliseconds backoffFor(int attempts) const;
    std::chrono::milliseconds retryAfter(QNetworkReply *networkReply, int attempts) const;

    QNetworkAccessManager *m_network;
    Clock *m_clock;
    ZadarmaClientConfig m_config;
    ZadarmaCredentials m_credentials;
    ZadarmaRateLimiter m_limiter;
    std::deque<QPointer<ZadarmaReply>> m_queue;
    int m_inFlight = 0;
    int m_waitingForRetry = 0;
    std::chrono::milliseconds m_wakeAt { -1 };
};

} // namespace CallBridge
