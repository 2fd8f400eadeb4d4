// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimWebhookSender.h"

#include "core/common/Clock.h"
#include "core/sim/SimPbx.h"
#include "core/webhook/WebhookVerifier.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace CallBridge {
namespace {

Q_LOGGING_CATEGORY(lcSimWebhooks, "callbridge.core.sim.webhooks", QtInfoMsg)

} // namespace

struct SimWebhookSender::Job
{
    FormFields fields;
    QByteArray body;
    QByteArray signature;
    QString eventName;
    QPointer<QObject> context;
    bool hadContext = false;
    Done done;
    SimSendResult result;
};

SimWebhookSender::SimWebhookSender(SimPbx *pbx, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_pbx(pbx), m_network(network)
{ }

void SimWebhookSender::send(const FormFields &fields, const SimSendOptions &options,
                            QObject *context, Done done)
{
    auto job = std::make_shared<Job>();
    job->fields = fields;
    job->eventName = fields.value(QStringLiteral("event"));
    job->context = context;
    job->hadContext = context != nullptr;
    job->done = std::move(done);

    const auto notSent = [&job](const QString &reason, bool dropped = false) {
        job->result.notSent = reason;
        job->result.dropped = dropped;
        job->done(job->result);
    };
    // Zadarma checks its switches and the URL when the event happens, so the order matters:
    // a switched-off event is not sent even when a URL is set.
    if (!m_pbx->isEventEnabled(job->eventName))
        return notSent(
                QStringLiteral("not sent: %1 is switched off").arg(job->eventName.toLower()));
    if (m_pbx->notificationUrl().isEmpty())
        return notSent(QStringLiteral("not sent: no notification URL"));
    const auto signature = WebhookVerifier::sign(webhookEventTypeFromName(job->eventName), fields,
                                                 m_pbx->config().secret);
    if (!signature)
        return notSent(QStringLiteral("not sent: %1").arg(signature.error().message));
    if (options.drop)
        return notSent(QStringLiteral("dropped (fault)"), true);

    job->body = fields.toUrlEncoded();
    job->signature = signature.value();
    const int copies = options.duplicate ? 2 : 1;
    if (options.delay.count() > 0)
        m_pbx->clock()->callAfter(options.delay, this, [this, job, copies] { post(job, copies); });
    else
        post(job, copies);
}

void SimWebhookSender::post(const std::shared_ptr<Job> &job, int copiesLeft)
{
    const QUrl url = m_pbx->notificationUrl();
    if (url.isEmpty()) { // removed while the delivery was delayed
        job->result.notSent = QStringLiteral("not sent: no notification URL");
        if (!job->hadContext || job->context)
            job->done(job->result);
        return;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Signature", job->signature);
    // Report a redirect as the relay's answer instead of following it with a changed method.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);

    SimDelivery delivery;
    delivery.sentAt = m_pbx->clock()->monotonic();
    job->result.deliveries.append(delivery);
    ++m_inFlight;
    qCDebug(lcSimWebhooks) << "POST" << job->eventName
                           << job->fields.value(QStringLiteral("pbx_call_id"));

    QNetworkReply *reply = m_network->post(request, job->body);
    auto answered = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::finished, this, [this, reply, job, copiesLeft, answered] {
        if (*answered)
            return;
        *answered = true;
        finish(reply, job, copiesLeft, false);
    });
    m_deadlines.push_back({ m_pbx->clock()->monotonic() + m_pbx->config().answerTimeout, reply, job,
                            copiesLeft, answered });
    armDeadlineTimer();
}

void SimWebhookSender::armDeadlineTimer()
{
    // Answered POSTs at the front need no timer.
    while (!m_deadlines.empty() && *m_deadlines.front().answered)
        m_deadlines.pop_front();
    if (m_deadlineTimerArmed || m_deadlines.empty())
        return;
    m_deadlineTimerArmed = true;
    const auto wait = std::max(std::chrono::milliseconds(0),
                               m_deadlines.front().at - m_pbx->clock()->monotonic());
    m_pbx->clock()->callAfter(wait, this, [this] {
        m_deadlineTimerArmed = false;
        expireDeadlines();
    });
}

void SimWebhookSender::expireDeadlines()
{
    const auto now = m_pbx->clock()->monotonic();
    while (!m_deadlines.empty() && m_deadlines.front().at <= now) {
        Deadline deadline = std::move(m_deadlines.front());
        m_deadlines.pop_front();
        if (*deadline.answered || !deadline.reply)
            continue;
        *deadline.answered = true;
        deadline.reply->abort();
        finish(deadline.reply, deadline.job, deadline.copiesLeft, true);
    }
    armDeadlineTimer();
}

void SimWebhookSender::finish(QNetworkReply *reply, const std::shared_ptr<Job> &job, int copiesLeft,
                              bool timedOut)
{
    reply->deleteLater();
    --m_inFlight;
    SimDelivery &delivery = job->result.deliveries.last();
    delivery.took = m_pbx->clock()->monotonic() - delivery.sentAt;
    if (timedOut) {
        delivery.error = QStringLiteral("no answer within %1 ms")
                                 .arg(m_pbx->config().answerTimeout.count());
    } else {
        delivery.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delivery.body = reply->read(maxAnswerBytes);
        if (delivery.status == 0)
            delivery.error = reply->errorString();
    }
    ++m_counters.posted;
    if (!delivery.error.isEmpty())
        ++m_counters.failed;
    else if (delivery.status >= 200 && delivery.status < 300)
        ++m_counters.answered2xx;
    else
        ++m_counters.answeredOther;
    if (!delivery.error.isEmpty())
        qCInfo(lcSimWebhooks) << job->eventName << "not delivered:" << delivery.error;
    emit delivered();

    if (copiesLeft > 1) {
        post(job, copiesLeft - 1);
        return;
    }
    if (!job->hadContext || job->context)
        job->done(job->result);
}

} // namespace CallBridge
