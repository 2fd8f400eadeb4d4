// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimControl.h"

#include "core/common/Clock.h"
#include "core/sim/SimCallRunner.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimScenario.h"

#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

namespace CallBridge {

SimControl::SimControl(SimPbx *pbx, SimCallRunner *runner, QObject *parent)
    : QObject(parent), m_pbx(pbx), m_runner(runner)
{
    connect(m_runner, &SimCallRunner::callFinished, this, &SimControl::onCallFinished);
}

void SimControl::handle(const SimHttpRequest &request, SimHttpReply reply)
{
    QString path = QUrl::fromPercentEncoding(request.path);
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    static const QString calls = QStringLiteral("/_sim/calls");

    if (path == calls) {
        if (post)
            return startCall(request, reply);
        if (get) {
            QJsonArray list;
            for (const SimCallOutcome *outcome : m_runner->outcomes())
                list.append(outcome->summaryJson());
            return reply.sendJson(200,
                                  { { QStringLiteral("status"), QStringLiteral("success") },
                                    { QStringLiteral("calls"), list } });
        }
        return reply.sendError(405, QStringLiteral("use GET or POST on /_sim/calls"));
    }
    if (path.startsWith(calls + u'/')) {
        const QString id = path.mid(calls.size() + 1);
        if (!get)
            return reply.sendError(405, QStringLiteral("use GET on /_sim/calls/<id>"));
        const QUrlQuery query(QString::fromUtf8(request.query));
        const QString wait = query.queryItemValue(QStringLiteral("wait"));
        return answerCall(id, !wait.isEmpty() && wait != QLatin1StringView("0"), reply);
    }
    if (path == QLatin1StringView("/_sim/stats")) {
        if (!get)
            return reply.sendError(405, QStringLiteral("use GET on /_sim/stats"));
        return reply.sendJson(200, stats());
    }
    if (path == QLatin1StringView("/_sim/reset")) {
        if (!post)
            return reply.sendError(405, QStringLiteral("use POST on /_sim/reset"));
        const int forgotten = m_runner->forgetFinished();
        return reply.sendJson(200,
                              { { QStringLiteral("status"), QStringLiteral("success") },
                                { QStringLiteral("forgotten"), forgotten } });
    }
    reply.sendError(404,
                    QStringLiteral("no such control method: %1 %2")
                            .arg(QString::fromLatin1(request.method), path));
}

QJsonObject SimControl::stats() const
{
    qint64 running = 0;
    const auto outcomes = m_runner->outcomes();
    for (const SimCallOutcome *outcome : outcomes)
        running += outcome->finished ? 0 : 1;
    const SimWebhookSender::Counters &counters = m_runner->sender()->counters();
    return { { QStringLiteral("status"), QStringLiteral("success") },
             { QStringLiteral("calls_known"), qint64(outcomes.size()) },
             { QStringLiteral("calls_running"), running },
             { QStringLiteral("webhooks_posted"), counters.posted },
             { QStringLiteral("webhooks_answered_2xx"), counters.answered2xx },
             { QStringLiteral("webhooks_answered_other"), counters.answeredOther },
             { QStringLiteral("webhooks_failed"), counters.failed } };
}

void SimControl::startCall(const SimHttpRequest &request, SimHttpReply reply)
{
    auto scenario = SimScenario::fromJson(request.body, m_pbx->config());
    if (!scenario)
        return reply.sendError(400, scenario.error().message);
    if (m_pbx->notificationUrl().isEmpty())
        return reply.sendError(409,
                               QStringLiteral("no notification URL is set; set one with POST "
                                              "/v1/pbx/callinfo/url/ or --webhook-url"));
    const SimCallRunner::Started started = m_runner->start(scenario.value());
    reply.sendJson(201,
                   { { QStringLiteral("status"), QStringLiteral("success") },
                     { QStringLiteral("id"), started.id },
                     { QStringLiteral("pbx_call_id"), started.pbxCallId } });
}

void SimControl::answerCall(const QString &id, bool wait, SimHttpReply reply)
{
    const SimCallOutcome *outcome = m_runner->outcome(id);
    if (!outcome)
        return reply.sendError(404, QStringLiteral("no call \"%1\"").arg(id));
    if (outcome->finished || !wait)
        return reply.sendJson(200, outcome->toJson());
    const quint64 serial = m_nextWaiter++;
    m_waiters.insert(id, { serial, reply });
    m_pbx->clock()->callAfter(maxWait, this, [this, id, serial] {
        for (auto it = m_waiters.find(id); it != m_waiters.end() && it.key() == id; ++it) {
            if (it->serial != serial)
                continue;
            SimHttpReply waiting = it->reply;
            m_waiters.erase(it);
            // The call may have been forgotten meanwhile (only finished ones are, so not here).
            if (const SimCallOutcome *current = m_runner->outcome(id))
                waiting.sendJson(200, current->toJson());
            else
                waiting.sendError(404, QStringLiteral("no call \"%1\"").arg(id));
            return;
        }
    });
}

void SimControl::onCallFinished(const QString &id)
{
    const QList<Waiter> waiters = m_waiters.values(id);
    if (waiters.isEmpty())
        return;
    m_waiters.remove(id);
    const SimCallOutcome *outcome = m_runner->outcome(id);
    if (!outcome)
        return;
    const QJsonObject json = outcome->toJson();
    for (Waiter waiter : waiters)
        waiter.reply.sendJson(200, json);
}

} // namespace CallBridge
