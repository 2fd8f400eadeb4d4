// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/sim/SimConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace CallBridge {

// Delivery faults asked for by one scenario. Event names are NOTIFY_*; "late" events are held back
// and delivered after the call's last event, which is how a reorder is written.
struct SimFaults
{
    int delayMs = 0; // real milliseconds before each delivery (not scaled by time_scale)
    QStringList drop;
    QStringList duplicate;
    QStringList late;

    bool isEmpty() const
    {
        return delayMs == 0 && drop.isEmpty() && duplicate.isEmpty() && late.isEmpty();
    }
};

// One simulated call: the body of POST /_sim/calls. Times are simulated seconds; the call runner
// scales them by SimConfig::timeScale.
//
// {"direction": "inbound"|"outbound", "caller": "+48600100200", "called_did": "34911234567",
//  "ring": ["100", "101"], "answer": {"by": "101", "after": 5},
//  "outcome": "answered"|"busy"|"no answer"|"cancel", "ring_timeout": 30, "duration": 60,
//  "recorded": true, "record_delay": 5, "extension": "100", "destination": "+442037691880",
//  "faults": {"delay_ms": 0, "drop": [], "duplicate": [], "late": []}}
struct SimScenario
{
    enum class Direction { Inbound, Outbound };
    enum class Outcome { Answered, Busy, NoAnswer, Cancel };

    Direction direction = Direction::Inbound;
    // Inbound
    QString caller;
    QString calledDid; // default: the first direct number
    QStringList ring; // default: the extension the DID rings
    QString answerBy; // answered calls; need not be in `ring` (a redirect may reach it)
    // Outbound
    QString extension; // default: the first extension
    QString destination;
    // Both
    Outcome outcome = Outcome::NoAnswer; // default: answered when "answer" is given
    int answerAfter = 5; // seconds of ringing before the answer
    int ringTimeout = 30; // no answer / cancel: seconds of ringing before the call ends
    int duration = 60; // seconds of talk
    bool recorded = false; // only answered calls are recorded
    int recordDelay = 5; // seconds from the end to NOTIFY_RECORD
    SimFaults faults;

    // Checks against the PBX (extensions, direct numbers) and fills the defaults.
    static Result<SimScenario> fromJson(const QJsonObject &object, const SimConfig &config);
    static Result<SimScenario> fromJson(const QByteArray &json, const SimConfig &config);
    QJsonObject toJson() const; // with the defaults filled in

    bool isInbound() const { return direction == Direction::Inbound; }
    bool isAnswered() const { return outcome == Outcome::Answered; }

    // The NOTIFY_* names a scenario's faults may name.
    static const QStringList &eventNames();
    // Digits, optionally after a '+': what Zadarma puts in caller_id and destination.
    static bool isPhoneNumber(const QString &text);
};

QString toText(SimScenario::Outcome outcome); // "answered", "busy", "no answer", "cancel"

} // namespace CallBridge
