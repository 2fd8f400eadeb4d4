// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/desktop/ClientSettings.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace CallBridge {

class Clock;

// The calls this agent sees right now, fed by the stream, and the one place that decides when a
// pop-up appears: once per pbx_call_id, at ring or at answer (the agent's policy), never while
// "do not disturb" is on, never twice for one call (replays after a reconnect and duplicate
// deliveries only update it), and never for a call that was already over when it arrived.
// Also counts missed calls the agent has not looked at yet (the tray blinks for them).
class LiveCalls : public QObject
{
    Q_OBJECT

public:
    explicit LiveCalls(Clock *clock, QObject *parent = nullptr);

    void setPolicy(ClientSettings::PopupPolicy policy);
    void setDoNotDisturb(bool on);
    void setOwnExtension(const QString &extension); // "answered by you" vs. by a colleague

    // From StreamClient::callUpdated.
    void apply(const CallUpdate &update, bool replayed);

    bool anyRinging() const;
    int unseenMissed() const;
    void markMissedSeen(); // the agent opened the history or the reminders
    std::optional<CallUpdate> latest(const QString &pbxCallId) const;
    bool answeredHere(const CallUpdate &update) const;

signals:
    void popupRequested(const CallBridge::CallUpdate &update); // first time for this call
    void popupUpdated(const CallBridge::CallUpdate &update);   // the call already has a pop-up
    void ringingChanged(bool anyRinging);
    void unseenMissedChanged(int count);

private:
    Clock *m_clock;
    ClientSettings::PopupPolicy m_policy = ClientSettings::PopupPolicy::OnRing;
    bool m_doNotDisturb = false;
    QString m_ownExtension;
    QHash<QString, CallUpdate> m_calls; // bounded: finished calls are forgotten after a while
    QSet<QString> m_poppedUp;
    QSet<QString> m_unseenMissed;
};

} // namespace CallBridge
