// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/LiveCalls.h"

#include "core/common/Clock.h"
#include "core/desktop/DesktopLogging.h"

namespace CallBridge {

namespace {

bool isRinging(const CallInfo &call)
{
    return call.state == u"ringing";
}

bool isAnswered(const CallInfo &call)
{
    return call.state == u"answered";
}

bool isMissed(const CallUpdate &update)
{
    return update.type == u"call.missed" || update.call.state == u"missed";
}

} // namespace

void LiveCalls::RecentIds::insert(const QString &id)
{
    if (m_ids.contains(id))
        return;
    m_ids.insert(id);
    m_order.push_back(id);
    while (int(m_order.size()) > m_capacity) {
        m_ids.remove(m_order.front());
        m_order.pop_front();
    }
}

LiveCalls::LiveCalls(Clock *clock, QObject *parent) : QObject(parent), m_clock(clock) { }

LiveCalls::~LiveCalls() = default;

void LiveCalls::setPolicy(ClientSettings::PopupPolicy policy)
{
    m_policy = policy;
}

void LiveCalls::setDoNotDisturb(bool on)
{
    m_doNotDisturb = on;
}

void LiveCalls::setOwnExtension(const QString &extension)
{
    m_ownExtension = extension.trimmed();
}

void LiveCalls::apply(const CallUpdate &update, bool replayed)
{
    const QString id = update.call.pbxCallId;
    if (id.isEmpty())
        return;
    const QDateTime now = m_clock->now();
    const bool finished = update.call.isFinished();

    auto it = m_calls.find(id);
    const bool known = it != m_calls.end();
    if (known) {
        // The stream delivers at least once; a call never starts again after its end.
        if (update.seq > 0 && it->update.seq >= update.seq) {
            qCDebug(lcDesktopCalls) << "Call" << id << "seq" << update.seq << "already seen";
            return;
        }
        if (it->update.call.isFinished() && !finished) {
            qCDebug(lcDesktopCalls) << "Call" << id << "is over; ignoring" << update.type;
            return;
        }
    } else {
        it = m_calls.insert(id, Entry {});
    }

    const bool rangBefore = known && it->mayRing;
    it->update = update;
    it->receivedAt = now;
    it->mayRing = isRinging(update.call) && involves(update.call, false)
            && (!replayed || rangBefore || isYoung(update.call));
    if (it->mayRing)
        m_clock->callAfter(ringingGivesUpAfter, this, [this] { updateRinging(); });
    if (finished && !it->finishedAt.isValid()) {
        it->finishedAt = now;
        m_clock->callAfter(keepFinishedFor, this, [this, id, now] { forget(id, now); });
    }
    if (!known)
        trim();

    if (m_poppedUp.contains(id)) {
        emit popupUpdated(update);
    } else if (shouldPopUp(update, replayed)) {
        m_poppedUp.insert(id);
        qCDebug(lcDesktopCalls) << "Pop-up for call" << id << update.type
                                << (replayed ? "(replayed)" : "");
        emit popupRequested(update);
    }
    countMissed(update);
    updateRinging();
}

bool LiveCalls::anyRinging() const
{
    return m_anyRinging;
}

int LiveCalls::unseenMissed() const
{
    return int(m_unseenMissed.size());
}

void LiveCalls::markMissedSeen()
{
    if (m_unseenMissed.isEmpty())
        return;
    m_unseenMissed.clear();
    emit unseenMissedChanged(0);
}

std::optional<CallUpdate> LiveCalls::latest(const QString &pbxCallId) const
{
    const auto it = m_calls.constFind(pbxCallId);
    if (it == m_calls.cend())
        return std::nullopt;
    return it->update;
}

bool LiveCalls::answeredHere(const CallUpdate &update) const
{
    return !m_ownExtension.isEmpty() && update.call.answeredBy == m_ownExtension;
}

// Without an own extension nothing tells the agent's calls apart: the relay sent them.
bool LiveCalls::involves(const CallInfo &call, bool unknownCounts) const
{
    if (m_ownExtension.isEmpty())
        return true;
    if (call.ringingExtensions.contains(m_ownExtension) || call.extension == m_ownExtension
        || call.answeredBy == m_ownExtension)
        return true;
    return unknownCounts && call.ringingExtensions.isEmpty() && call.extension.isEmpty()
            && call.answeredBy.isEmpty();
}

bool LiveCalls::shouldPopUp(const CallUpdate &update, bool replayed) const
{
    const CallInfo &call = update.call;
    if (m_policy == ClientSettings::PopupPolicy::Never || m_doNotDisturb || call.isFinished())
        return false;
    // After a reconnect only a call that may still be going on is worth interrupting for.
    if (replayed && !isYoung(call))
        return false;
    if (m_policy == ClientSettings::PopupPolicy::OnRing)
        return (isRinging(call) || isAnswered(call)) && involves(call, false);
    // OnAnswer: answered by this agent; an outbound call names no answering extension.
    return isAnswered(call)
            && (answeredHere(update) || m_ownExtension.isEmpty()
                || (call.answeredBy.isEmpty() && involves(call, false)));
}

bool LiveCalls::isYoung(const CallInfo &call) const
{
    const QDateTime started = call.startedAt.isValid() ? call.startedAt : call.updatedAt;
    if (!started.isValid())
        return false;
    return started.msecsTo(m_clock->now())
            < std::chrono::duration_cast<std::chrono::milliseconds>(replayPopupAge).count();
}

void LiveCalls::countMissed(const CallUpdate &update)
{
    const QString &id = update.call.pbxCallId;
    if (!isMissed(update) || !involves(update.call, true) || m_countedMissed.contains(id))
        return;
    m_countedMissed.insert(id);
    m_unseenMissed.insert(id);
    emit unseenMissedChanged(unseenMissed());
}

void LiveCalls::forget(const QString &pbxCallId, const QDateTime &finishedAt)
{
    const auto it = m_calls.find(pbxCallId);
    if (it != m_calls.end() && it->finishedAt == finishedAt)
        m_calls.erase(it);
}

// Beyond maxKeptCalls the call that ended first goes; if none has, the one heard of longest ago.
void LiveCalls::trim()
{
    while (m_calls.size() > maxKeptCalls) {
        auto oldest = m_calls.end();
        for (auto it = m_calls.begin(); it != m_calls.end(); ++it) {
            if (oldest == m_calls.end()) {
                oldest = it;
                continue;
            }
            const bool itFinished = it->finishedAt.isValid();
            const bool oldestFinished = oldest->finishedAt.isValid();
            if (itFinished != oldestFinished) {
                if (itFinished)
                    oldest = it;
                continue;
            }
            if (itFinished ? it->finishedAt < oldest->finishedAt
                           : it->receivedAt < oldest->receivedAt)
                oldest = it;
        }
        m_calls.erase(oldest);
    }
}

void LiveCalls::updateRinging()
{
    const QDateTime now = m_clock->now();
    const qint64 givesUpMs
            = std::chrono::duration_cast<std::chrono::milliseconds>(ringingGivesUpAfter).count();
    bool ringing = false;
    for (const Entry &entry : std::as_const(m_calls)) {
        if (entry.mayRing && entry.receivedAt.msecsTo(now) < givesUpMs) {
            ringing = true;
            break;
        }
    }
    if (ringing == m_anyRinging)
        return;
    m_anyRinging = ringing;
    emit ringingChanged(ringing);
}

} // namespace CallBridge
