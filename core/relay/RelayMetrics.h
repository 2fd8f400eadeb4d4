// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>

namespace CallBridge {

// The relay's Prometheus metrics (text format 0.0.4). Counters only grow; gauges are read
// when /metrics is scraped. One thread uses it, except where a method says otherwise.
class RelayMetrics
{
public:
    static constexpr std::array<double, 12> latencyBuckets { 0.0005, 0.001, 0.0025, 0.005,
                                                             0.01,   0.025, 0.05,   0.1,
                                                             0.25,   0.5,   1.0,    2.5 };

    // verdict: accepted, duplicate, echo, forbidden_ip, bad_signature, malformed, too_large,
    // unavailable, …
    void countWebhook(const QString &event, const QString &verdict);
    void observeAnswerLatency(const QString &event, std::chrono::microseconds latency);
    void countZadarmaError(const QString &kind);
    // One attempt of a write to the external CRM; outcome "done", "retry" or "failed".
    void countCrmAttempt(const QString &operation, const QString &outcome);
    void countHttpRefusal(int status);
    void countStreamMessages(quint64 messages); // from any thread (the stream has its own)
    void countBatch(int events, std::chrono::microseconds duration);

    // Read at scrape time: connected agents, queue depths, …
    void setGauge(const QString &name, const QString &help, std::function<double()> read);

    QByteArray render() const;

    quint64 webhookCount(const QString &event, const QString &verdict) const;

private:
    struct Histogram
    {
        std::array<quint64, latencyBuckets.size()> counts {};
        quint64 count = 0;
        double sum = 0;
    };
    struct Gauge
    {
        QString help;
        std::function<double()> read;
    };

    std::map<std::pair<QString, QString>, quint64> m_webhooks;
    std::map<QString, Histogram> m_answerLatency;
    std::map<QString, quint64> m_zadarmaErrors;
    std::map<std::pair<QString, QString>, quint64> m_crmAttempts;
    std::map<int, quint64> m_httpRefusals;
    std::atomic<quint64> m_streamMessages = 0;
    quint64 m_batches = 0;
    quint64 m_batchedEvents = 0;
    double m_batchSeconds = 0;
    std::map<QString, Gauge> m_gauges;
};

} // namespace CallBridge
