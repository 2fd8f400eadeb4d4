// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/calls/Call.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

namespace CallBridge {

// What an event changed, so that the relay publishes each change once.
enum class CallTransition {
    Started, // first event of a call
    ExtensionRang, // a new extension started ringing
    Answered,
    Ended, // ended after an answer (or outbound ended)
    Missed, // inbound ended unanswered
    RecordingReady,
};

struct CallUpdate
{
    bool isCallEvent = false; // false for SMS, unknown events and events without pbx_call_id
    Call call;
    QList<CallTransition> transitions; // empty for a duplicate
    QStringList newExtensions; // the extensions behind the ExtensionRang transitions, sorted
    bool changed = false; // call differs from before; also true for late details without a
                          // transition (e.g. answeredBy corrected by a late NOTIFY_ANSWER)
};

// Folds webhook events into calls keyed by pbx_call_id.
//
// The aggregator keeps the facts seen per call and derives the Call from them every time, so
// duplicates and any arrival order give the same Call; transitions are the difference between
// the Call before and after an event. Because of that, an inbound call whose NOTIFY_END (not
// "answered") arrives before a late NOTIFY_ANSWER is reported Missed first and then Answered
// and Ended: a consumer must let Ended replace an earlier Missed.
class CallAggregator
{
public:
    // Bounds memory against a sender that invents extensions; the smallest are kept, so the
    // result does not depend on arrival order.
    static constexpr qsizetype maxRingingExtensions = 256;

    CallUpdate apply(const WebhookEvent &event);

    std::optional<Call> call(const QString &pbxCallId) const;
    QList<Call> calls() const; // ordered by callStart, then pbxCallId
    qsizetype size() const;
    // Drops a call the caller has persisted and no longer needs in memory.
    void forget(const QString &pbxCallId);
    // Room for this many calls up front: growing the table later moves every call's facts at
    // once, a pause a busy relay notices.
    void reserve(qsizetype calls) { m_facts.reserve(calls); }

private:
    // Events of one kind merge into one record, so a repeated event costs no memory.
    enum Slot {
        Start,
        Ivr,
        Internal,
        Answer,
        End,
        OutStart,
        OutEnd,
        Leg1Start,
        Leg1End,
        Leg2Start,
        Leg2End,
        Record,
        SlotCount,
    };

    // Merged per field: non-empty wins, then the larger value, so merging is order-independent.
    struct EventFacts
    {
        bool seen = false;
        QString callStart;
        QString callerId;
        QString calledDid;
        QString internal;
        QString destination;
        QString lastInternal;
        QString callIdWithRec;
        std::optional<int> duration;
        std::optional<int> statusCode;
        std::optional<bool> isRecorded;
        Disposition disposition = Disposition::None;
        QString dispositionText;
    };

    struct Facts
    {
        std::array<EventFacts, SlotCount> bySlot;
        QStringList ringingExtensions; // sorted, unique, at most maxRingingExtensions
    };

    static void merge(Facts &facts, const WebhookEvent &event);
    static Call derive(const QString &pbxCallId, const Facts &facts);

    QHash<QString, Facts> m_facts;
};

QString toText(CallTransition transition);

} // namespace CallBridge
