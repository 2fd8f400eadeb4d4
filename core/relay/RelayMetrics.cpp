// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayMetrics.h"

namespace CallBridge {

namespace {

QByteArray label(const QString &value)
{
    QByteArray escaped = value.toUtf8();
    escaped.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return escaped;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 10);
}

} // namespace

void RelayMetrics::countWebhook(const QString &event, const QString &verdict)
{
    ++m_webhooks[{ event, verdict }];
}

quint64 RelayMetrics::webhookCount(const QString &event, const QString &verdict) const
{
    auto it = m_webhooks.find({ event, verdict });
    return it == m_webhooks.end() ? 0 : it->second;
}

void RelayMetrics::observeAnswerLatency(const QString &event, std::chrono::microseconds latency)
{
    Histogram &histogram = m_answerLatency[event];
    const double seconds = double(latency.count()) / 1e6;
    for (std::size_t i = 0; i < latencyBuckets.size(); ++i) {
        if (seconds <= latencyBuckets[i])
            ++histogram.counts[i];
    }
    ++histogram.count;
    histogram.sum += seconds;
}

void RelayMetrics::countZadarmaError(const QString &kind)
{
    ++m_zadarmaErrors[kind];
}

void RelayMetrics::countCrmAttempt(const QString &operation, const QString &outcome)
{
    ++m_crmAttempts[{ operation, outcome }];
}

void RelayMetrics::countHttpRefusal(int status)
{
    ++m_httpRefusals[status];
}

void RelayMetrics::countStreamMessages(quint64 messages)
{
    m_streamMessages.fetch_add(messages, std::memory_order_relaxed);
}

void RelayMetrics::countBatch(int events, std::chrono::microseconds duration)
{
    ++m_batches;
    m_batchedEvents += quint64(events);
    m_batchSeconds += double(duration.count()) / 1e6;
}

void RelayMetrics::setGauge(const QString &name, const QString &help, std::function<double()> read)
{
    m_gauges[name] = Gauge { help, std::move(read) };
}

QByteArray RelayMetrics::render() const
{
    QByteArray out;
    out += "# HELP callbridge_webhooks_total Webhook requests by event and verdict.\n"
           "# TYPE callbridge_webhooks_total counter\n";
    for (const auto &[key, count] : m_webhooks) {
        out += "callbridge_webhooks_total{event=\"" + label(key.first) + "\",verdict=\""
                + label(key.second) + "\"} " + QByteArray::number(count) + '\n';
    }
    out += "# HELP callbridge_webhook_answer_seconds Time from a webhook's arrival to its "
           "answer (stored durably first).\n"
           "# TYPE callbridge_webhook_answer_seconds histogram\n";
    for (const auto &[event, histogram] : m_answerLatency) {
        const QByteArray prefix
                = "callbridge_webhook_answer_seconds_bucket{event=\"" + label(event);
        for (std::size_t i = 0; i < latencyBuckets.size(); ++i) {
            out += prefix + "\",le=\"" + number(latencyBuckets[i]) + "\"} "
                    + QByteArray::number(histogram.counts[i]) + '\n';
        }
        out += prefix + "\",le=\"+Inf\"} " + QByteArray::number(histogram.count) + '\n';
        out += "callbridge_webhook_answer_seconds_sum{event=\"" + label(event) + "\"} "
                + number(histogram.sum) + '\n';
        out += "callbridge_webhook_answer_seconds_count{event=\"" + label(event) + "\"} "
                + QByteArray::number(histogram.count) + '\n';
    }
    out += "# HELP callbridge_zadarma_api_errors_total Failed Zadarma API calls by kind.\n"
           "# TYPE callbridge_zadarma_api_errors_total counter\n";
    for (const auto &[kind, count] : m_zadarmaErrors)
        out += "callbridge_zadarma_api_errors_total{kind=\"" + label(kind) + "\"} "
                + QByteArray::number(count) + '\n';
    if (!m_crmAttempts.empty()) {
        out += "# HELP callbridge_crm_attempts_total Requests to the external CRM by outbox "
               "operation and outcome (done, retry, failed).\n"
               "# TYPE callbridge_crm_attempts_total counter\n";
        for (const auto &[key, count] : m_crmAttempts)
            out += "callbridge_crm_attempts_total{operation=\"" + label(key.first) + "\",outcome=\""
                    + label(key.second) + "\"} " + QByteArray::number(count) + '\n';
    }
    out += "# HELP callbridge_http_refusals_total Requests the HTTP server refused itself.\n"
           "# TYPE callbridge_http_refusals_total counter\n";
    for (const auto &[status, count] : m_httpRefusals)
        out += "callbridge_http_refusals_total{status=\"" + QByteArray::number(status) + "\"} "
                + QByteArray::number(count) + '\n';
    out += "# HELP callbridge_stream_messages_total Messages sent to agents.\n"
           "# TYPE callbridge_stream_messages_total counter\n"
           "callbridge_stream_messages_total "
            + QByteArray::number(m_streamMessages.load(std::memory_order_relaxed)) + '\n';
    out += "# HELP callbridge_commit_batches_total Group commits of the event log.\n"
           "# TYPE callbridge_commit_batches_total counter\n"
           "callbridge_commit_batches_total "
            + QByteArray::number(m_batches) + '\n';
    out += "# HELP callbridge_committed_events_total Webhooks written by group commits.\n"
           "# TYPE callbridge_committed_events_total counter\n"
           "callbridge_committed_events_total "
            + QByteArray::number(m_batchedEvents) + '\n';
    out += "# HELP callbridge_commit_seconds_total Time spent in group commits.\n"
           "# TYPE callbridge_commit_seconds_total counter\n"
           "callbridge_commit_seconds_total "
            + number(m_batchSeconds) + '\n';
    for (const auto &[name, gauge] : m_gauges) {
        const QByteArray metric = name.toUtf8();
        out += "# HELP " + metric + ' ' + gauge.help.toUtf8() + "\n# TYPE " + metric + " gauge\n"
                + metric + ' ' + number(gauge.read()) + '\n';
    }
    return out;
}

} // namespace CallBridge
