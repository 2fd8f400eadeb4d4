// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimLoadCommand.h"

#include "core/sim/SimControlClient.h"

#include <QJsonDocument>
#include <QTextStream>

namespace CallBridge {

SimLoadCommand::SimLoadCommand(SimControlClient *client, QTextStream *out, bool verbose,
                               bool waitForCalls, QObject *parent)
    : QObject(parent),
      m_client(client),
      m_out(out),
      m_verbose(verbose),
      m_waitForCalls(waitForCalls)
{
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SimLoadCommand::tick);
}

void SimLoadCommand::run(QList<SimLoadPlan::PlannedCall> plan)
{
    m_plan = std::move(plan);
    // The counters are cumulative: remember where they stood.
    m_client->stats([this](Result<QJsonObject> stats) {
        if (!stats) {
            *m_out << "zadarma-sim load: " << stats.error().message << Qt::endl;
            return finish(1);
        }
        m_baseline = stats.value();
        *m_out << "zadarma-sim load: " << m_plan.size() << " calls planned" << Qt::endl;
        m_elapsed.start();
        m_timer.start();
        tick();
    });
}

void SimLoadCommand::tick()
{
    const double now = double(m_elapsed.nsecsElapsed()) / 1e9;
    while (m_next < m_plan.size() && m_plan.at(m_next).atSeconds <= now) {
        const SimLoadPlan::PlannedCall &call = m_plan.at(m_next++);
        ++m_kinds[call.kind];
        if (m_verbose) {
            *m_out << QStringLiteral("%1s %2 %3")
                              .arg(call.atSeconds, 0, 'f', 3)
                              .arg(call.kind,
                                   QString::fromUtf8(QJsonDocument(call.scenario)
                                                             .toJson(QJsonDocument::Compact)))
                   << Qt::endl;
        }
        m_client->startCall(call.scenario, [this](Result<QJsonObject> started) {
            if (started) {
                ++m_accepted;
            } else {
                if (m_refused++ == 0)
                    m_firstRefusal = started.error().message;
            }
            finishIfDone();
        });
    }
    if (m_elapsed.elapsed() - m_lastSummaryMs >= 1000) {
        m_lastSummaryMs = m_elapsed.elapsed();
        printSummary(false);
    }
    if (m_next >= m_plan.size())
        m_timer.stop();
    finishIfDone();
}

void SimLoadCommand::printSummary(bool final)
{
    QStringList kinds;
    for (auto it = m_kinds.cbegin(); it != m_kinds.cend(); ++it)
        kinds.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
    *m_out << (final ? "done: " : "")
           << QStringLiteral("%1 s: sent %2 calls (%3); accepted %4, refused %5")
                      .arg(double(m_elapsed.elapsed()) / 1000, 0, 'f', 1)
                      .arg(m_next)
                      .arg(kinds.join(QStringLiteral(", ")))
                      .arg(m_accepted)
                      .arg(m_refused)
           << Qt::endl;
    if (final && m_refused > 0)
        *m_out << "first refusal: " << m_firstRefusal << Qt::endl;
}

void SimLoadCommand::finishIfDone()
{
    if (m_done || m_next < m_plan.size() || m_accepted + m_refused < m_plan.size())
        return;
    m_done = true;
    m_timer.stop();
    printSummary(true);
    if (!m_waitForCalls || m_accepted == 0)
        return finish(m_refused == 0 ? 0 : 1);
    pollStats();
}

void SimLoadCommand::pollStats()
{
    m_client->stats([this](Result<QJsonObject> stats) {
        if (!stats) {
            *m_out << "zadarma-sim load: " << stats.error().message << Qt::endl;
            return finish(1);
        }
        if (stats->value(QLatin1StringView("calls_running")).toInteger() > 0
            && m_elapsed.elapsed() < 600'000) {
            QTimer::singleShot(100, this, &SimLoadCommand::pollStats);
            return;
        }
        auto delta = [&](const char *name) {
            return stats->value(QLatin1StringView(name)).toInteger()
                    - m_baseline.value(QLatin1StringView(name)).toInteger();
        };
        const double seconds = double(m_elapsed.elapsed()) / 1000;
        const qint64 answered = delta("webhooks_answered_2xx");
        *m_out << QStringLiteral("webhooks: %1 posted, %2 answered 2xx, %3 answered otherwise, %4 "
                                 "failed; all calls ended after %5 s: %6 webhooks/s answered 2xx")
                          .arg(delta("webhooks_posted"))
                          .arg(answered)
                          .arg(delta("webhooks_answered_other"))
                          .arg(delta("webhooks_failed"))
                          .arg(seconds, 0, 'f', 1)
                          .arg(double(answered) / std::max(seconds, 0.001), 0, 'f', 0)
               << Qt::endl;
        finish(m_refused == 0 ? 0 : 1);
    });
}

void SimLoadCommand::finish(int exitCode)
{
    emit finished(exitCode);
}

} // namespace CallBridge
