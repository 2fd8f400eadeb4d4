// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimLoadPlan.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QTimer>

class QTextStream;

namespace CallBridge {

class SimControlClient;

// `zadarma-sim load …`: starts the calls of a SimLoadPlan on a running simulator at their planned
// times and prints what it sent: a line a call with --verbose, a summary every second and at the
// end.
class SimLoadCommand : public QObject
{
    Q_OBJECT

public:
    SimLoadCommand(SimControlClient *client, QTextStream *out, bool verbose, bool waitForCalls,
                   QObject *parent = nullptr);

    void run(QList<SimLoadPlan::PlannedCall> plan);

signals:
    void finished(int exitCode);

private:
    void tick();
    void printSummary(bool final);
    void finishIfDone();
    void pollStats();
    void finish(int exitCode);

    SimControlClient *m_client;
    QTextStream *m_out;
    bool m_verbose;
    bool m_waitForCalls;
    QJsonObject m_baseline;
    QList<SimLoadPlan::PlannedCall> m_plan;
    qsizetype m_next = 0;
    int m_accepted = 0;
    int m_refused = 0;
    QString m_firstRefusal;
    QMap<QString, int> m_kinds;
    QElapsedTimer m_elapsed;
    QTimer m_timer;
    qint64 m_lastSummaryMs = 0;
    bool m_done = false;
};

} // namespace CallBridge
