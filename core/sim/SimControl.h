// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimHttp.h"

#include <QHash>
#include <QObject>

#include <chrono>

namespace CallBridge {

class SimCallRunner;
class SimPbx;

// The simulator's control API under /_sim/, for tests, the demo and `zadarma-sim call|load`:
//   POST /_sim/calls              a scenario (SimScenario JSON) → 201 {"id", "pbx_call_id"}
//   GET  /_sim/calls              every kept call, summarised
//   GET  /_sim/calls/<id>[?wait=1] the call's outcome; wait=1 answers once it has finished
//   POST /_sim/reset              forgets the finished calls
// No authentication: the simulator is a test tool meant for the loopback interface, and Zadarma has
// no such API to imitate.
class SimControl : public QObject, public SimHttpHandler
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds maxWait { 60'000 }; // real time, then "running"

    SimControl(SimPbx *pbx, SimCallRunner *runner, QObject *parent = nullptr);

    void handle(const SimHttpRequest &request, SimHttpReply reply) override;

private:
    void startCall(const SimHttpRequest &request, SimHttpReply reply);
    // GET /_sim/stats: calls running, and every webhook POST since start-up by result.
    QJsonObject stats() const;
    void answerCall(const QString &id, bool wait, SimHttpReply reply);
    void onCallFinished(const QString &id);

    SimPbx *m_pbx;
    SimCallRunner *m_runner;
    struct Waiter
    {
        quint64 serial;
        SimHttpReply reply;
    };
    QMultiHash<QString, Waiter> m_waiters;
    quint64 m_nextWaiter = 0;
};

} // namespace CallBridge
