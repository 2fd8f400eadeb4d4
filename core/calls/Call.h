// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/webhook/WebhookEvent.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace CallBridge {

enum class CallDirection {
    Unknown, // only a NOTIFY_RECORD has been seen so far
    Inbound,
    Outbound,
    Callback, // click-to-call through request/callback (calltype callback_leg1/2)
};

enum class CallState {
    Ringing, // started, nobody answered yet
    Answered, // talking
    Ended, // ended after an answer (or an outbound call that ended)
    Missed, // inbound call ended without anyone answering
};

// One leg of a click-to-call: leg 1 rings the agent's extension, leg 2 the client.
struct CallLeg
{
    CallLegType type = CallLegType::None;
    QString internal;
    QString destination;
    bool ended = false;
    std::optional<int> duration;
    Disposition disposition = Disposition::None;
    QString dispositionText;

    friend bool operator==(const CallLeg &, const CallLeg &) = default;
};

// A call as folded from its webhooks. Everything here is derived from the set of events seen, so
// duplicates and out-of-order delivery give the same Call.
struct Call
{
    QString pbxCallId;
    CallDirection direction = CallDirection::Unknown;
    CallState state = CallState::Ringing;

    QString callStart; // raw, account time zone
    QString callerId; // inbound: the client; outbound: the CallerID used
    QString calledDid; // inbound: the company number dialled
    QString internal; // outbound: the extension that placed the call
    QString destination; // outbound: the number called

    QStringList ringingExtensions; // inbound: every extension that rang, sorted, unique
    QString answeredBy; // the extension that answered, when known
    bool answered = false;
    bool ended = false;

    std::optional<int> duration;
    std::optional<int> statusCode;
    Disposition disposition = Disposition::None;
    QString dispositionText;

    bool isRecorded = false;
    QString recordingId; // call_id_with_rec
    bool recordingReady = false; // NOTIFY_RECORD arrived

    QList<CallLeg> legs; // Callback only, ordered leg 1, leg 2

    bool isMissed() const { return state == CallState::Missed; }

    friend bool operator==(const Call &, const Call &) = default;
};

QString toText(CallDirection direction);
QString toText(CallState state);

} // namespace CallBridge
