// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace CallBridge {

// A seeded, realistic mix of call scenarios for load runs: mostly answered inbound calls, some
// missed, busy and abandoned ones, and outbound calls, from a pool of callers where some call back.
// The same seed always gives the same plan.
class SimLoadPlan
{
public:
    struct Options
    {
        double callsPerSecond = 10;
        double seconds = 10;
        quint32 seed = 1;
        QStringList extensions; // e.g. 100..109
        QStringList directNumbers; // the DIDs callers dial
        int callerPool = 500; // distinct caller numbers
    };

    struct PlannedCall
    {
        double atSeconds = 0; // when to start it, from the beginning of the run (real time)
        QString kind; // "inbound answered", "inbound missed", "busy", "cancel", "outbound"
        QJsonObject scenario; // the body of POST /_sim/calls
    };

    static QList<PlannedCall> make(const Options &options);
};

} // namespace CallBridge
