// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calls/CallAggregator.h"

#include <algorithm>
#include <initializer_list>

namespace CallBridge {
namespace {

// Taking the larger value is commutative, associative and idempotent, so the merged facts do not
// depend on arrival order or duplicates. Empty strings and nullopt sort first: non-empty wins.
template<typename T> void keepLarger(T &kept, const T &incoming)
{
    if (kept < incoming)
        kept = incoming;
}

// "answered" outranks every other disposition, so that a call seen answered stays answered
// even if two end events disagree; otherwise any disposition beats none.
bool dispositionLess(Disposition a, const QString &aText, Disposition b, const QString &bText)
{
    const auto rank = [](Disposition d) {
        return d == Disposition::Answered ? 2 : d == Disposition::None ? 0 : 1;
    };
    if (rank(a) != rank(b))
        return rank(a) < rank(b);
    if (a != b)
        return static_cast<int>(a) < static_cast<int>(b);
    return aText < bText;
}

bool contains(const QStringList &sorted, const QString &value)
{
    return std::binary_search(sorted.cbegin(), sorted.cend(), value);
}

void addTransitions(CallUpdate &update, const std::optional<Call> &before)
{
    const Call &after = update.call;
    const Call previous = before.value_or(Call());
    if (!before)
        update.transitions.append(CallTransition::Started);
    for (const QString &extension : after.ringingExtensions) {
        if (!contains(previous.ringingExtensions, extension)) {
            update.transitions.append(CallTransition::ExtensionRang);
            update.newExtensions.append(extension);
        }
    }
    if (after.answered && !previous.answered)
        update.transitions.append(CallTransition::Answered);
    if (after.state == CallState::Ended && previous.state != CallState::Ended)
        update.transitions.append(CallTransition::Ended);
    if (after.state == CallState::Missed && previous.state != CallState::Missed)
        update.transitions.append(CallTransition::Missed);
    if (after.recordingReady && !previous.recordingReady)
        update.transitions.append(CallTransition::RecordingReady);
    update.changed = !before || *before != after;
}

} // namespace

CallUpdate CallAggregator::apply(const WebhookEvent &event)
{
    CallUpdate update;
    if (!event.isCallEvent() || event.pbxCallId.isEmpty())
        return update;
    update.isCallEvent = true;

    std::optional<Call> before;
    auto it = m_facts.find(event.pbxCallId);
    if (it == m_facts.end())
        it = m_facts.insert(event.pbxCallId, Facts());
    else
        before = derive(event.pbxCallId, *it);

    merge(*it, event);
    update.call = derive(event.pbxCallId, *it);
    addTransitions(update, before);
    return update;
}

std::optional<Call> CallAggregator::call(const QString &pbxCallId) const
{
    const auto it = m_facts.constFind(pbxCallId);
    if (it == m_facts.cend())
        return std::nullopt;
    return derive(pbxCallId, *it);
}

QList<Call> CallAggregator::calls() const
{
    QList<Call> result;
    result.reserve(m_facts.size());
    for (auto it = m_facts.cbegin(); it != m_facts.cend(); ++it)
        result.append(derive(it.key(), it.value()));
    std::sort(result.begin(), result.end(), [](const Call &a, const Call &b) {
        if (a.callStart != b.callStart)
            return a.callStart < b.callStart;
        return a.pbxCallId < b.pbxCallId;
    });
    return result;
}

qsizetype CallAggregator::size() const
{
    return m_facts.size();
}

void CallAggregator::forget(const QString &pbxCallId)
{
    m_facts.remove(pbxCallId);
}

void CallAggregator::merge(Facts &facts, const WebhookEvent &event)
{
    const bool leg1 = event.legType == CallLegType::CallbackLeg1;
    const bool leg2 = event.legType == CallLegType::CallbackLeg2;
    Slot slot = SlotCount;
    switch (event.type) {
    case WebhookEventType::NotifyStart:
        slot = Start;
        break;
    case WebhookEventType::NotifyIvr:
        slot = Ivr;
        break;
    case WebhookEventType::NotifyInternal:
        slot = Internal;
        break;
    case WebhookEventType::NotifyAnswer:
        slot = Answer;
        break;
    case WebhookEventType::NotifyEnd:
        slot = End;
        break;
    case WebhookEventType::NotifyOutStart:
        slot = leg1 ? Leg1Start : leg2 ? Leg2Start : OutStart;
        break;
    case WebhookEventType::NotifyOutEnd:
        slot = leg1 ? Leg1End : leg2 ? Leg2End : OutEnd;
        break;
    case WebhookEventType::NotifyRecord:
        slot = Record;
        break;
    default:
        return; // apply() lets only call events through
    }

    EventFacts &kept = facts.bySlot[slot];
    kept.seen = true;
    keepLarger(kept.callStart, event.callStart);
    keepLarger(kept.callerId, event.callerId);
    keepLarger(kept.calledDid, event.calledDid);
    keepLarger(kept.internal, event.internal);
    keepLarger(kept.destination, event.destination);
    keepLarger(kept.lastInternal, event.lastInternal);
    keepLarger(kept.callIdWithRec, event.callIdWithRec);
    keepLarger(kept.duration, event.duration);
    keepLarger(kept.statusCode, event.statusCode);
    keepLarger(kept.isRecorded, event.isRecorded);
    if (dispositionLess(kept.disposition, kept.dispositionText, event.disposition,
                        event.dispositionText)) {
        kept.disposition = event.disposition;
        kept.dispositionText = event.dispositionText;
    }

    if (slot != Internal || event.internal.isEmpty())
        return;
    QStringList &extensions = facts.ringingExtensions;
    const auto pos = std::lower_bound(extensions.cbegin(), extensions.cend(), event.internal);
    if (pos != extensions.cend() && *pos == event.internal)
        return;
    const qsizetype index = pos - extensions.cbegin();
    if (extensions.size() < maxRingingExtensions) {
        extensions.insert(index, event.internal);
    } else if (index < extensions.size()) {
        // Full: keep the smallest, whatever order they came in.
        extensions.insert(index, event.internal);
        extensions.removeLast();
    }
}

Call CallAggregator::derive(const QString &pbxCallId, const Facts &facts)
{
    const auto slot = [&facts](Slot s) -> const EventFacts & { return facts.bySlot[s]; };
    const auto seen = [&slot](std::initializer_list<Slot> order) {
        return std::any_of(order.begin(), order.end(), [&slot](Slot s) { return slot(s).seen; });
    };
    // Fields that should agree across events come from the first slot, in a fixed order, that
    // has them.
    const auto first = [&slot](QString EventFacts::*field, std::initializer_list<Slot> order) {
        for (Slot s : order) {
            if (!(slot(s).*field).isEmpty())
                return slot(s).*field;
        }
        return QString();
    };

    Call call;
    call.pbxCallId = pbxCallId;

    const bool inbound = seen({ Start, Ivr, Internal, Answer, End });
    const bool outbound = seen({ OutStart, OutEnd });
    if (seen({ Leg1Start, Leg1End, Leg2Start, Leg2End }))
        call.direction = CallDirection::Callback;
    else if (inbound && outbound) // never seen; the id's prefix decides
        call.direction
                = pbxCallId.startsWith(u"out_") ? CallDirection::Outbound : CallDirection::Inbound;
    else if (outbound)
        call.direction = CallDirection::Outbound;
    else if (inbound)
        call.direction = CallDirection::Inbound;

    const std::initializer_list<Slot> callSlots
            = { Start,  Ivr,       Internal, Answer,    End,    OutStart,
                OutEnd, Leg1Start, Leg1End,  Leg2Start, Leg2End };
    call.callStart = first(&EventFacts::callStart, callSlots);
    call.callerId = first(&EventFacts::callerId, callSlots);

    const EventFacts *end = nullptr;
    switch (call.direction) {
    case CallDirection::Unknown:
        break;
    case CallDirection::Inbound:
        end = &slot(End);
        call.calledDid = first(&EventFacts::calledDid, { Start, Ivr, Internal, End });
        if (call.calledDid.isEmpty()) // NOTIFY_ANSWER names it destination
            call.calledDid = slot(Answer).destination;
        call.ringingExtensions = facts.ringingExtensions;
        call.answered = slot(Answer).seen || end->disposition == Disposition::Answered;
        if (call.answered) {
            call.answeredBy = slot(Answer).internal;
            if (call.answeredBy.isEmpty())
                call.answeredBy = end->lastInternal;
            if (call.answeredBy.isEmpty())
                call.answeredBy = end->internal;
        }
        call.ended = end->seen;
        break;
    case CallDirection::Outbound:
        end = &slot(OutEnd);
        call.internal = first(&EventFacts::internal, { OutStart, OutEnd });
        call.destination = first(&EventFacts::destination, { OutStart, OutEnd });
        call.answered = end->disposition == Disposition::Answered;
        call.ended = end->seen;
        break;
    case CallDirection::Callback: {
        const auto addLeg = [&](CallLegType type, Slot startSlot, Slot endSlot) {
            if (!slot(startSlot).seen && !slot(endSlot).seen)
                return;
            const EventFacts &legEnd = slot(endSlot);
            CallLeg leg;
            leg.type = type;
            leg.internal = first(&EventFacts::internal, { startSlot, endSlot });
            leg.destination = first(&EventFacts::destination, { startSlot, endSlot });
            leg.ended = legEnd.seen;
            leg.duration = legEnd.duration;
            leg.disposition = legEnd.disposition;
            leg.dispositionText = legEnd.dispositionText;
            call.legs.append(leg);
        };
        addLeg(CallLegType::CallbackLeg1, Leg1Start, Leg1End);
        addLeg(CallLegType::CallbackLeg2, Leg2Start, Leg2End);
        // Leg 1 is the agent, leg 2 the client.
        call.internal = first(&EventFacts::internal, { Leg1Start, Leg1End, Leg2Start, Leg2End });
        call.destination
                = first(&EventFacts::destination, { Leg2Start, Leg2End, Leg1Start, Leg1End });
        end = slot(Leg2End).seen ? &slot(Leg2End) : &slot(Leg1End);
        call.answered = slot(Leg2End).disposition == Disposition::Answered;
        // The legs are bridged: when either ends, the call is over. Waiting for leg 2 instead
        // would un-end a call whose leg-1 end overtook the leg-2 start.
        call.ended = slot(Leg1End).seen || slot(Leg2End).seen;
        break;
    }
    }

    if (end && end->seen) {
        call.duration = end->duration;
        call.statusCode = end->statusCode;
        call.disposition = end->disposition;
        call.dispositionText = end->dispositionText;
        call.isRecorded = end->isRecorded.value_or(false);
        call.recordingId = end->callIdWithRec;
    }
    const EventFacts &record = slot(Record);
    call.recordingReady = record.seen;
    if (record.seen)
        call.isRecorded = true;
    if (call.recordingId.isEmpty())
        call.recordingId = record.callIdWithRec;

    if (!call.ended)
        call.state = call.answered ? CallState::Answered : CallState::Ringing;
    else if (call.direction == CallDirection::Inbound && !call.answered)
        call.state = CallState::Missed;
    else
        call.state = CallState::Ended;
    return call;
}

QString toText(CallTransition transition)
{
    switch (transition) {
    case CallTransition::Started:
        return QStringLiteral("started");
    case CallTransition::ExtensionRang:
        return QStringLiteral("extension_rang");
    case CallTransition::Answered:
        return QStringLiteral("answered");
    case CallTransition::Ended:
        return QStringLiteral("ended");
    case CallTransition::Missed:
        return QStringLiteral("missed");
    case CallTransition::RecordingReady:
        return QStringLiteral("recording_ready");
    }
    return QString();
}

} // namespace CallBridge
