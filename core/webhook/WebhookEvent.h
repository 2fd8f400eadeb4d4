// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/webhook/FormFields.h"

#include <QString>

#include <optional>

namespace CallBridge {

enum class WebhookEventType {
    NotifyStart, // inbound call reaches the PBX
    NotifyInternal, // the PBX rings an extension for an inbound call
    NotifyAnswer, // an extension answered
    NotifyEnd, // inbound call ended
    NotifyOutStart, // outbound call from an extension started
    NotifyOutEnd, // outbound call ended
    NotifyRecord, // a recording is ready
    NotifyIvr, // a caller finished a wait_dtmf step
    Sms,
    SpeechRecognition,
    NumberLookup,
    CallTracking,
    Unknown, // an event name we do not know; kept raw, never dropped
};

// Zadarma's call dispositions; anything else is Other with the raw text kept.
enum class Disposition {
    None, // not present in this event
    Answered,
    Busy,
    Cancel,
    NoAnswer,
    Failed, // "failed" in webhooks, "call failed" in statistics
    NoMoney,
    UnallocatedNumber,
    NoLimit,
    NoDayLimit,
    LineLimit,
    NoMoneyNoLimit,
    Other,
};

// The calltype field of outbound events: which leg of a click-to-call (request/callback) this is.
enum class CallLegType { None, Normal, CallbackLeg1, CallbackLeg2, Other };

struct WaitDtmfResult
{
    QString name; // the label the relay gave the wait_dtmf step
    QString digits; // what the caller pressed
    QString defaultBehaviour; // set when the default action fired

    friend bool operator==(const WaitDtmfResult &, const WaitDtmfResult &) = default;
};

// One notification from Zadarma. Every value is the raw text received: numbers are not
// normalised here (signatures are computed over raw values). Empty strings mean "absent".
struct WebhookEvent
{
    WebhookEventType type = WebhookEventType::Unknown;
    QString eventName; // as received, e.g. "NOTIFY_START"
    FormFields fields; // everything received, in order, including fields we do not model

    QString pbxCallId; // in_… / out_…; the same in every event of one call
    QString callStart; // "YYYY-MM-DD HH:MM:SS" in the account's time zone
    QString callerId;
    QString calledDid;
    QString internal; // the extension
    QString destination;
    QString lastInternal; // NOTIFY_END: the extension that answered or rang last (not official)
    QString callIdWithRec; // recording id, for /v1/pbx/record/request/
    std::optional<int> duration; // seconds
    std::optional<int> statusCode; // Q.931 cause
    std::optional<bool> isRecorded;
    Disposition disposition = Disposition::None;
    QString dispositionText;
    CallLegType legType = CallLegType::None;
    QString legTypeText;
    std::optional<WaitDtmfResult> waitDtmf;
    QString result; // SMS, SPEECH_RECOGNITION, NUMBER_LOOKUP, CALL_TRACKING: raw JSON text

    bool isCallEvent() const;
    bool isInbound() const;
    bool isOutbound() const;
};

QString toText(WebhookEventType type);
WebhookEventType webhookEventTypeFromName(const QString &eventName);
Disposition dispositionFromText(const QString &text);
QString toText(Disposition disposition);

} // namespace CallBridge
