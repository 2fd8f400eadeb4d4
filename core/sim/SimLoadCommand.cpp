// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimLoadCommand.h"

#include "core/sim/SimControlClient.h"

#include <QJsonDocument>
#include <QTextStream>

namespace CallBridge {

SimLoadCommand::SimLoadCommand(SimControlClient *client, QTextStream *out, bool verbose,
                               QObject *parent)
    : QObject(parent), m_client(client), m_out(out), m_verbose(verbose)
{
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SimLoadCommand::tick);
}

void SimLoadCommand::run(QList<SimLoadPlan::PlannedCall> plan)
{
    m_plan = std::move(plan);
    *m_out << "zadarma-sim load: " << m_plan.size() << " calls planned" << Qt::endl;
    m_elapsed.start();
    m_timer.start();
    tick();
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
    emit finished(m_refused == 0 ? 0 : 1);
}

} // namespace CallBridge
