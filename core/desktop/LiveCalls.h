// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/desktop/ClientSettings.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <chrono>
#include <deque>

namespace CallBridge {

class Clock;

// The calls this agent sees right now, fed by the stream, and the one place that decides when a
// pop-up appears: once per pbx_call_id, at ring or at answer (the agent's policy), never while
// "do not disturb" is on, never twice for one call (replays after a reconnect and duplicate
// deliveries only update it), and never for a call that was already over when it arrived.
// Also counts missed calls the agent has not looked at yet (the tray blinks for them).
//
// With an own extension set, pop-ups, ringing and missed calls count only for calls that ring or
// were answered there (an admin sees every call, an agent also those of their contacts). A missed
// call that names no extension at all (back-filled from the PBX's statistics) counts too: the
// relay sent it because it is the agent's.
class LiveCalls : public QObject
{
    Q_OBJECT

public:
    explicit LiveCalls(Clock *clock, QObject *parent = nullptr);
    ~LiveCalls() override;

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

    static constexpr int maxKeptCalls = 200;
    static constexpr int rememberedIds = 500;
    static constexpr std::chrono::minutes keepFinishedFor { 10 };
    // A replayed call that still rings may pop up when it started less than this ago.
    static constexpr std::chrono::seconds replayPopupAge { 60 };
    // A call that rings without news for this long has lost its end; it stops ringing.
    static constexpr std::chrono::minutes ringingGivesUpAfter { 5 };

signals:
    void popupRequested(const CallBridge::CallUpdate &update); // first time for this call
    void popupUpdated(const CallBridge::CallUpdate &update); // the call already has a pop-up
    void ringingChanged(bool anyRinging);
    void unseenMissedChanged(int count);

private:
    struct Entry
    {
        CallUpdate update;
        QDateTime receivedAt; // by the clock
        QDateTime finishedAt; // by the clock; invalid while the call goes on
        bool mayRing = false; // a replayed ring that is too old does not ring
    };

    // The last `capacity` ids seen, oldest forgotten first.
    class RecentIds
    {
    public:
        explicit RecentIds(int capacity) : m_capacity(capacity) { }
        bool contains(const QString &id) const { return m_ids.contains(id); }
        void insert(const QString &id);

    private:
        int m_capacity;
        QSet<QString> m_ids;
        std::deque<QString> m_order;
    };

    bool involves(const CallInfo &call, bool unknownCounts) const;
    bool shouldPopUp(const CallUpdate &update, bool replayed) const;
    bool isYoung(const CallInfo &call) const;
    void countMissed(const CallUpdate &update);
    void forget(const QString &pbxCallId, const QDateTime &finishedAt);
    void trim();
    void updateRinging();

    Clock *m_clock;
    ClientSettings::PopupPolicy m_policy = ClientSettings::PopupPolicy::OnRing;
    bool m_doNotDisturb = false;
    QString m_ownExtension;
    QHash<QString, Entry> m_calls; // bounded: finished calls are forgotten after a while
    RecentIds m_poppedUp { rememberedIds };
    RecentIds m_countedMissed { rememberedIds };
    QSet<QString> m_unseenMissed;
    bool m_anyRinging = false;
};

} // namespace CallBridge
