// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calls/CallAggregator.h"

#include <QHash>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace CallBridge {
namespace {

using Field = std::pair<const char *, const char *>;
using T = CallTransition;
using Transitions = QList<QList<CallTransition>>;

// The typed members are filled the way the webhook parser fills them, from the same raw form
// fields, so that these tests do not depend on the parser.
WebhookEvent ev(std::initializer_list<Field> form)
{
    WebhookEvent event;
    WaitDtmfResult dtmf;
    for (const auto &[rawName, rawValue] : form) {
        const QString name = QString::fromLatin1(rawName);
        const QString value = QString::fromUtf8(rawValue);
        event.fields.append(name, value);
        if (name == u"event") {
            event.eventName = value;
            event.type = webhookEventTypeFromName(value);
        } else if (name == u"pbx_call_id") {
            event.pbxCallId = value;
        } else if (name == u"call_start") {
            event.callStart = value;
        } else if (name == u"caller_id") {
            event.callerId = value;
        } else if (name == u"called_did") {
            event.calledDid = value;
        } else if (name == u"internal") {
            event.internal = value;
        } else if (name == u"destination") {
            event.destination = value;
        } else if (name == u"last_internal") {
            event.lastInternal = value;
        } else if (name == u"call_id_with_rec") {
            event.callIdWithRec = value;
        } else if (name == u"duration") {
            event.duration = value.toInt();
        } else if (name == u"status_code") {
            event.statusCode = value.toInt();
        } else if (name == u"is_recorded") {
            event.isRecorded = value == u"1";
        } else if (name == u"disposition") {
            event.dispositionText = value;
            event.disposition = dispositionFromText(value);
        } else if (name == u"calltype") {
            event.legTypeText = value;
            event.legType = value == u"normal"  ? CallLegType::Normal
                    : value == u"callback_leg1" ? CallLegType::CallbackLeg1
                    : value == u"callback_leg2" ? CallLegType::CallbackLeg2
                                                : CallLegType::Other;
        } else if (name == u"wait_dtmf[name]") {
            dtmf.name = value;
            event.waitDtmf = dtmf;
        } else if (name == u"wait_dtmf[digits]") {
            dtmf.digits = value;
            event.waitDtmf = dtmf;
        } else if (name == u"result") {
            event.result = value;
        }
    }
    return event;
}

QString str(const char *text)
{
    return QString::fromLatin1(text);
}

QString describe(const std::optional<int> &value)
{
    return value ? QString::number(*value) : u"-"_s;
}

// One line per field, so that a failed comparison shows which field differs.
QString describe(const Call &call)
{
    QStringList lines {
        u"pbxCallId="_s + call.pbxCallId,
        u"direction="_s + toText(call.direction),
        u"state="_s + toText(call.state),
        u"callStart="_s + call.callStart,
        u"callerId="_s + call.callerId,
        u"calledDid="_s + call.calledDid,
        u"internal="_s + call.internal,
        u"destination="_s + call.destination,
        u"ringingExtensions="_s + call.ringingExtensions.join(u','),
        u"answeredBy="_s + call.answeredBy,
        u"answered="_s + QString::number(call.answered),
        u"ended="_s + QString::number(call.ended),
        u"duration="_s + describe(call.duration),
        u"statusCode="_s + describe(call.statusCode),
        u"disposition=%1/%2"_s.arg(static_cast<int>(call.disposition)).arg(call.dispositionText),
        u"isRecorded="_s + QString::number(call.isRecorded),
        u"recordingId="_s + call.recordingId,
        u"recordingReady="_s + QString::number(call.recordingReady),
    };
    for (const CallLeg &leg : call.legs) {
        lines.append(
                u"leg type=%1 internal=%2 destination=%3 ended=%4 duration=%5 disposition=%6/%7"_s
                        .arg(static_cast<int>(leg.type))
                        .arg(leg.internal, leg.destination)
                        .arg(leg.ended)
                        .arg(describe(leg.duration))
                        .arg(static_cast<int>(leg.disposition))
                        .arg(leg.dispositionText));
    }
    return lines.join(u'\n');
}

QStringList names(const QList<CallTransition> &transitions)
{
    QStringList result;
    for (CallTransition transition : transitions)
        result.append(toText(transition));
    return result;
}

struct Scenario
{
    const char *name;
    QList<WebhookEvent> events;
    Call expected;
    Transitions transitions; // per event, in the order given
};

// Realistic sequences; ids and numbers look like Zadarma's (caller ids with and without '+').
QList<Scenario> scenarios()
{
    QList<Scenario> result;

    // Inbound, answered by the only extension that rang, recorded.
    const char *idA = "in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
    const WebhookEvent aStart = ev({ { "event", "NOTIFY_START" },
                                     { "call_start", "2026-11-24 10:15:00" },
                                     { "pbx_call_id", idA },
                                     { "caller_id", "+79161234567" },
                                     { "called_did", "74951234567" } });
    const WebhookEvent aInternal = ev({ { "event", "NOTIFY_INTERNAL" },
                                        { "call_start", "2026-11-24 10:15:00" },
                                        { "pbx_call_id", idA },
                                        { "caller_id", "+79161234567" },
                                        { "called_did", "74951234567" },
                                        { "internal", "101" } });
    const WebhookEvent aAnswer = ev({ { "event", "NOTIFY_ANSWER" },
                                      { "caller_id", "+79161234567" },
                                      { "destination", "74951234567" },
                                      { "call_start", "2026-11-24 10:15:00" },
                                      { "pbx_call_id", idA },
                                      { "internal", "101" } });
    const WebhookEvent aEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 10:15:00" },
                                   { "pbx_call_id", idA },
                                   { "caller_id", "+79161234567" },
                                   { "called_did", "74951234567" },
                                   { "internal", "101" },
                                   { "duration", "125" },
                                   { "disposition", "answered" },
                                   { "status_code", "16" },
                                   { "is_recorded", "1" },
                                   { "call_id_with_rec", "1732432500.1234567" },
                                   { "last_internal", "101" } });
    const WebhookEvent aRecord = ev({ { "event", "NOTIFY_RECORD" },
                                      { "call_id_with_rec", "1732432500.1234567" },
                                      { "pbx_call_id", idA } });
    Call a;
    a.pbxCallId = str(idA);
    a.direction = CallDirection::Inbound;
    a.state = CallState::Ended;
    a.callStart = u"2026-11-24 10:15:00"_s;
    a.callerId = u"+79161234567"_s;
    a.calledDid = u"74951234567"_s;
    a.ringingExtensions = { u"101"_s };
    a.answeredBy = u"101"_s;
    a.answered = true;
    a.ended = true;
    a.duration = 125;
    a.statusCode = 16;
    a.disposition = Disposition::Answered;
    a.dispositionText = u"answered"_s;
    a.isRecorded = true;
    a.recordingId = u"1732432500.1234567"_s;
    a.recordingReady = true;
    result.append({ "inbound answered",
                    { aStart, aInternal, aAnswer, aEnd, aRecord },
                    a,
                    { { T::Started },
                      { T::ExtensionRang },
                      { T::Answered },
                      { T::Ended },
                      { T::RecordingReady } } });

    // Inbound, three extensions rang, nobody answered.
    const char *idB = "in_1b2c3d4e5f60718293a4b5c6d7e8f90123456789";
    const auto bInternal = [idB](const char *extension) {
        return ev({ { "event", "NOTIFY_INTERNAL" },
                    { "call_start", "2026-11-24 10:20:31" },
                    { "pbx_call_id", idB },
                    { "caller_id", "79031112233" },
                    { "called_did", "+74951234567" },
                    { "internal", extension } });
    };
    const WebhookEvent bStart = ev({ { "event", "NOTIFY_START" },
                                     { "call_start", "2026-11-24 10:20:31" },
                                     { "pbx_call_id", idB },
                                     { "caller_id", "79031112233" },
                                     { "called_did", "+74951234567" } });
    const WebhookEvent bEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 10:20:31" },
                                   { "pbx_call_id", idB },
                                   { "caller_id", "79031112233" },
                                   { "called_did", "+74951234567" },
                                   { "duration", "0" },
                                   { "disposition", "no answer" },
                                   { "status_code", "19" },
                                   { "is_recorded", "0" },
                                   { "last_internal", "103" } });
    Call b;
    b.pbxCallId = str(idB);
    b.direction = CallDirection::Inbound;
    b.state = CallState::Missed;
    b.callStart = u"2026-11-24 10:20:31"_s;
    b.callerId = u"79031112233"_s;
    b.calledDid = u"+74951234567"_s;
    b.ringingExtensions = { u"101"_s, u"102"_s, u"103"_s };
    b.ended = true;
    b.duration = 0;
    b.statusCode = 19;
    b.disposition = Disposition::NoAnswer;
    b.dispositionText = u"no answer"_s;
    result.append({ "inbound missed, no answer, three extensions",
                    { bStart, bInternal("101"), bInternal("102"), bInternal("103"), bEnd },
                    b,
                    { { T::Started },
                      { T::ExtensionRang },
                      { T::ExtensionRang },
                      { T::ExtensionRang },
                      { T::Missed } } });

    // Inbound, the only extension was busy.
    const char *idC = "in_2c3d4e5f60718293a4b5c6d7e8f9012345678901";
    const WebhookEvent cStart = ev({ { "event", "NOTIFY_START" },
                                     { "call_start", "2026-11-24 11:02:10" },
                                     { "pbx_call_id", idC },
                                     { "caller_id", "+4930123456789" },
                                     { "called_did", "74951234567" } });
    const WebhookEvent cInternal = ev({ { "event", "NOTIFY_INTERNAL" },
                                        { "call_start", "2026-11-24 11:02:10" },
                                        { "pbx_call_id", idC },
                                        { "caller_id", "+4930123456789" },
                                        { "called_did", "74951234567" },
                                        { "internal", "104" } });
    const WebhookEvent cEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 11:02:10" },
                                   { "pbx_call_id", idC },
                                   { "caller_id", "+4930123456789" },
                                   { "called_did", "74951234567" },
                                   { "internal", "104" },
                                   { "duration", "0" },
                                   { "disposition", "busy" },
                                   { "status_code", "17" },
                                   { "is_recorded", "0" },
                                   { "last_internal", "104" } });
    Call c;
    c.pbxCallId = str(idC);
    c.direction = CallDirection::Inbound;
    c.state = CallState::Missed;
    c.callStart = u"2026-11-24 11:02:10"_s;
    c.callerId = u"+4930123456789"_s;
    c.calledDid = u"74951234567"_s;
    c.ringingExtensions = { u"104"_s };
    c.ended = true;
    c.duration = 0;
    c.statusCode = 17;
    c.disposition = Disposition::Busy;
    c.dispositionText = u"busy"_s;
    result.append({ "inbound missed, busy",
                    { cStart, cInternal, cEnd },
                    c,
                    { { T::Started }, { T::ExtensionRang }, { T::Missed } } });

    // Inbound, the caller hung up while two extensions rang.
    const char *idD = "in_3d4e5f60718293a4b5c6d7e8f90123456789abcd";
    const WebhookEvent dStart = ev({ { "event", "NOTIFY_START" },
                                     { "call_start", "2026-11-24 11:40:05" },
                                     { "pbx_call_id", idD },
                                     { "caller_id", "0" },
                                     { "called_did", "74951234567" } });
    const auto dInternal = [idD](const char *extension) {
        return ev({ { "event", "NOTIFY_INTERNAL" },
                    { "call_start", "2026-11-24 11:40:05" },
                    { "pbx_call_id", idD },
                    { "caller_id", "0" },
                    { "called_did", "74951234567" },
                    { "internal", extension } });
    };
    const WebhookEvent dEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 11:40:05" },
                                   { "pbx_call_id", idD },
                                   { "caller_id", "0" },
                                   { "called_did", "74951234567" },
                                   { "duration", "0" },
                                   { "disposition", "cancel" },
                                   { "status_code", "16" },
                                   { "is_recorded", "0" },
                                   { "last_internal", "102" } });
    Call d;
    d.pbxCallId = str(idD);
    d.direction = CallDirection::Inbound;
    d.state = CallState::Missed;
    d.callStart = u"2026-11-24 11:40:05"_s;
    d.callerId = u"0"_s;
    d.calledDid = u"74951234567"_s;
    d.ringingExtensions = { u"101"_s, u"102"_s };
    d.ended = true;
    d.duration = 0;
    d.statusCode = 16;
    d.disposition = Disposition::Cancel;
    d.dispositionText = u"cancel"_s;
    result.append(
            { "inbound missed, caller hung up",
              { dStart, dInternal("102"), dInternal("101"), dEnd },
              d,
              { { T::Started }, { T::ExtensionRang }, { T::ExtensionRang }, { T::Missed } } });

    // Inbound, two extensions rang, the second answered.
    const char *idE = "in_4e5f60718293a4b5c6d7e8f90123456789abcdef";
    const auto eInternal = [idE](const char *extension) {
        return ev({ { "event", "NOTIFY_INTERNAL" },
                    { "call_start", "2026-11-24 12:00:00" },
                    { "pbx_call_id", idE },
                    { "caller_id", "+380441234567" },
                    { "called_did", "74951234567" },
                    { "internal", extension } });
    };
    const WebhookEvent eStart = ev({ { "event", "NOTIFY_START" },
                                     { "call_start", "2026-11-24 12:00:00" },
                                     { "pbx_call_id", idE },
                                     { "caller_id", "+380441234567" },
                                     { "called_did", "74951234567" } });
    const WebhookEvent eAnswer = ev({ { "event", "NOTIFY_ANSWER" },
                                      { "caller_id", "+380441234567" },
                                      { "destination", "74951234567" },
                                      { "call_start", "2026-11-24 12:00:00" },
                                      { "pbx_call_id", idE },
                                      { "internal", "102" } });
    const WebhookEvent eEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 12:00:00" },
                                   { "pbx_call_id", idE },
                                   { "caller_id", "+380441234567" },
                                   { "called_did", "74951234567" },
                                   { "duration", "48" },
                                   { "disposition", "answered" },
                                   { "status_code", "16" },
                                   { "is_recorded", "0" },
                                   { "last_internal", "102" } });
    Call e;
    e.pbxCallId = str(idE);
    e.direction = CallDirection::Inbound;
    e.state = CallState::Ended;
    e.callStart = u"2026-11-24 12:00:00"_s;
    e.callerId = u"+380441234567"_s;
    e.calledDid = u"74951234567"_s;
    e.ringingExtensions = { u"101"_s, u"102"_s };
    e.answeredBy = u"102"_s;
    e.answered = true;
    e.ended = true;
    e.duration = 48;
    e.statusCode = 16;
    e.disposition = Disposition::Answered;
    e.dispositionText = u"answered"_s;
    result.append({ "answered by the second extension",
                    { eStart, eInternal("101"), eInternal("102"), eAnswer, eEnd },
                    e,
                    { { T::Started },
                      { T::ExtensionRang },
                      { T::ExtensionRang },
                      { T::Answered },
                      { T::Ended } } });

    // Inbound through an IVR menu to a ring group, answered and recorded: seven events.
    const char *idF = "in_5f60718293a4b5c6d7e8f90123456789abcdef01";
    const auto fEvent = [idF](const char *type, const char *extension = "") {
        return ev({ { "event", type },
                    { "call_start", "2026-11-24 12:30:45" },
                    { "pbx_call_id", idF },
                    { "caller_id", "79161234567" },
                    { "called_did", "78001234567" },
                    { "internal", extension } });
    };
    const WebhookEvent fIvr = ev({ { "event", "NOTIFY_IVR" },
                                   { "call_start", "2026-11-24 12:30:45" },
                                   { "pbx_call_id", idF },
                                   { "caller_id", "79161234567" },
                                   { "called_did", "78001234567" },
                                   { "wait_dtmf[name]", "main_menu" },
                                   { "wait_dtmf[digits]", "2" } });
    const WebhookEvent fAnswer = ev({ { "event", "NOTIFY_ANSWER" },
                                      { "caller_id", "79161234567" },
                                      { "destination", "78001234567" },
                                      { "call_start", "2026-11-24 12:30:45" },
                                      { "pbx_call_id", idF },
                                      { "internal", "202" } });
    const WebhookEvent fEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 12:30:45" },
                                   { "pbx_call_id", idF },
                                   { "caller_id", "79161234567" },
                                   { "called_did", "78001234567" },
                                   { "internal", "202" },
                                   { "duration", "317" },
                                   { "disposition", "answered" },
                                   { "status_code", "16" },
                                   { "is_recorded", "1" },
                                   { "call_id_with_rec", "1732437045.2345678" },
                                   { "last_internal", "202" } });
    const WebhookEvent fRecord = ev({ { "event", "NOTIFY_RECORD" },
                                      { "call_id_with_rec", "1732437045.2345678" },
                                      { "pbx_call_id", idF } });
    Call f;
    f.pbxCallId = str(idF);
    f.direction = CallDirection::Inbound;
    f.state = CallState::Ended;
    f.callStart = u"2026-11-24 12:30:45"_s;
    f.callerId = u"79161234567"_s;
    f.calledDid = u"78001234567"_s;
    f.ringingExtensions = { u"201"_s, u"202"_s };
    f.answeredBy = u"202"_s;
    f.answered = true;
    f.ended = true;
    f.duration = 317;
    f.statusCode = 16;
    f.disposition = Disposition::Answered;
    f.dispositionText = u"answered"_s;
    f.isRecorded = true;
    f.recordingId = u"1732437045.2345678"_s;
    f.recordingReady = true;
    result.append({ "inbound through IVR to a ring group",
                    { fEvent("NOTIFY_START"), fIvr, fEvent("NOTIFY_INTERNAL", "201"),
                      fEvent("NOTIFY_INTERNAL", "202"), fAnswer, fEnd, fRecord },
                    f,
                    { { T::Started },
                      {},
                      { T::ExtensionRang },
                      { T::ExtensionRang },
                      { T::Answered },
                      { T::Ended },
                      { T::RecordingReady } } });

    // Outbound from extension 101, answered and recorded.
    const char *idG = "out_60718293a4b5c6d7e8f90123456789abcdef0123";
    const WebhookEvent gStart = ev({ { "event", "NOTIFY_OUT_START" },
                                     { "call_start", "2026-11-24 13:05:12" },
                                     { "pbx_call_id", idG },
                                     { "internal", "101" },
                                     { "destination", "+79161234567" },
                                     { "caller_id", "74951234567" },
                                     { "calltype", "normal" } });
    const WebhookEvent gEnd = ev({ { "event", "NOTIFY_OUT_END" },
                                   { "call_start", "2026-11-24 13:05:12" },
                                   { "pbx_call_id", idG },
                                   { "caller_id", "74951234567" },
                                   { "destination", "+79161234567" },
                                   { "internal", "101" },
                                   { "duration", "300" },
                                   { "disposition", "answered" },
                                   { "status_code", "16" },
                                   { "is_recorded", "1" },
                                   { "call_id_with_rec", "1732439112.3456789" },
                                   { "calltype", "normal" } });
    const WebhookEvent gRecord = ev({ { "event", "NOTIFY_RECORD" },
                                      { "call_id_with_rec", "1732439112.3456789" },
                                      { "pbx_call_id", idG } });
    Call g;
    g.pbxCallId = str(idG);
    g.direction = CallDirection::Outbound;
    g.state = CallState::Ended;
    g.callStart = u"2026-11-24 13:05:12"_s;
    g.callerId = u"74951234567"_s;
    g.internal = u"101"_s;
    g.destination = u"+79161234567"_s;
    g.answered = true;
    g.ended = true;
    g.duration = 300;
    g.statusCode = 16;
    g.disposition = Disposition::Answered;
    g.dispositionText = u"answered"_s;
    g.isRecorded = true;
    g.recordingId = u"1732439112.3456789"_s;
    g.recordingReady = true;
    result.append({ "outbound answered",
                    { gStart, gEnd, gRecord },
                    g,
                    { { T::Started }, { T::Answered, T::Ended }, { T::RecordingReady } } });

    // Outbound that failed, and one to a busy number (official fields only, no calltype).
    const auto outbound = [&result](const char *id, const char *callStart, const char *internal,
                                    const char *destination, const char *disposition,
                                    const char *statusCode, Disposition expectedDisposition,
                                    const char *name) {
        const WebhookEvent start = ev({ { "event", "NOTIFY_OUT_START" },
                                        { "call_start", callStart },
                                        { "pbx_call_id", id },
                                        { "internal", internal },
                                        { "destination", destination } });
        const WebhookEvent end = ev({ { "event", "NOTIFY_OUT_END" },
                                      { "call_start", callStart },
                                      { "pbx_call_id", id },
                                      { "caller_id", "+74951234567" },
                                      { "destination", destination },
                                      { "internal", internal },
                                      { "duration", "0" },
                                      { "disposition", disposition },
                                      { "status_code", statusCode },
                                      { "is_recorded", "0" },
                                      { "call_id_with_rec", "" } });
        Call expected;
        expected.pbxCallId = str(id);
        expected.direction = CallDirection::Outbound;
        expected.state = CallState::Ended;
        expected.callStart = str(callStart);
        expected.callerId = u"+74951234567"_s;
        expected.internal = str(internal);
        expected.destination = str(destination);
        expected.ended = true;
        expected.duration = 0;
        expected.statusCode = QString::fromLatin1(statusCode).toInt();
        expected.disposition = expectedDisposition;
        expected.dispositionText = str(disposition);
        result.append({ name, { start, end }, expected, { { T::Started }, { T::Ended } } });
    };
    outbound("out_718293a4b5c6d7e8f90123456789abcdef012345", "2026-11-24 13:20:00", "102",
             "84951112233", "failed", "21", Disposition::Failed, "outbound failed");
    outbound("out_8293a4b5c6d7e8f90123456789abcdef01234567", "2026-11-24 13:25:30", "103",
             "+442071234567", "busy", "17", Disposition::Busy, "outbound busy");

    // Click-to-call: leg 1 rings the agent's extension 101, leg 2 the client.
    const char *idJ = "out_93a4b5c6d7e8f90123456789abcdef0123456789";
    const WebhookEvent jLeg1Start = ev({ { "event", "NOTIFY_OUT_START" },
                                         { "call_start", "2026-11-24 14:00:00" },
                                         { "pbx_call_id", idJ },
                                         { "internal", "101" },
                                         { "destination", "101" },
                                         { "calltype", "callback_leg1" } });
    const WebhookEvent jLeg2Start = ev({ { "event", "NOTIFY_OUT_START" },
                                         { "call_start", "2026-11-24 14:00:00" },
                                         { "pbx_call_id", idJ },
                                         { "internal", "101" },
                                         { "destination", "+79161234567" },
                                         { "caller_id", "74951234567" },
                                         { "calltype", "callback_leg2" } });
    const WebhookEvent jLeg2End = ev({ { "event", "NOTIFY_OUT_END" },
                                       { "call_start", "2026-11-24 14:00:00" },
                                       { "pbx_call_id", idJ },
                                       { "caller_id", "74951234567" },
                                       { "destination", "+79161234567" },
                                       { "internal", "101" },
                                       { "duration", "95" },
                                       { "disposition", "answered" },
                                       { "status_code", "16" },
                                       { "is_recorded", "1" },
                                       { "call_id_with_rec", "1732442400.4567890" },
                                       { "calltype", "callback_leg2" } });
    const WebhookEvent jLeg1End = ev({ { "event", "NOTIFY_OUT_END" },
                                       { "call_start", "2026-11-24 14:00:00" },
                                       { "pbx_call_id", idJ },
                                       { "destination", "101" },
                                       { "internal", "101" },
                                       { "duration", "110" },
                                       { "disposition", "answered" },
                                       { "status_code", "16" },
                                       { "is_recorded", "0" },
                                       { "calltype", "callback_leg1" } });
    const WebhookEvent jRecord = ev({ { "event", "NOTIFY_RECORD" },
                                      { "call_id_with_rec", "1732442400.4567890" },
                                      { "pbx_call_id", idJ } });
    Call j;
    j.pbxCallId = str(idJ);
    j.direction = CallDirection::Callback;
    j.state = CallState::Ended;
    j.callStart = u"2026-11-24 14:00:00"_s;
    j.callerId = u"74951234567"_s;
    j.internal = u"101"_s;
    j.destination = u"+79161234567"_s;
    j.answered = true;
    j.ended = true;
    j.duration = 95;
    j.statusCode = 16;
    j.disposition = Disposition::Answered;
    j.dispositionText = u"answered"_s;
    j.isRecorded = true;
    j.recordingId = u"1732442400.4567890"_s;
    j.recordingReady = true;
    j.legs = { CallLeg { CallLegType::CallbackLeg1, u"101"_s, u"101"_s, true, 110,
                         Disposition::Answered, u"answered"_s },
               CallLeg { CallLegType::CallbackLeg2, u"101"_s, u"+79161234567"_s, true, 95,
                         Disposition::Answered, u"answered"_s } };
    result.append({ "callback, both legs answered",
                    { jLeg1Start, jLeg2Start, jLeg2End, jLeg1End, jRecord },
                    j,
                    { { T::Started }, {}, { T::Answered, T::Ended }, {}, { T::RecordingReady } } });

    // Click-to-call where the agent did not pick up, so leg 2 never started.
    const char *idK = "out_a4b5c6d7e8f90123456789abcdef0123456789ab";
    const WebhookEvent kLeg1Start = ev({ { "event", "NOTIFY_OUT_START" },
                                         { "call_start", "2026-11-24 14:10:00" },
                                         { "pbx_call_id", idK },
                                         { "internal", "105" },
                                         { "destination", "105" },
                                         { "calltype", "callback_leg1" } });
    const WebhookEvent kLeg1End = ev({ { "event", "NOTIFY_OUT_END" },
                                       { "call_start", "2026-11-24 14:10:00" },
                                       { "pbx_call_id", idK },
                                       { "destination", "105" },
                                       { "internal", "105" },
                                       { "duration", "0" },
                                       { "disposition", "no answer" },
                                       { "status_code", "19" },
                                       { "is_recorded", "0" },
                                       { "calltype", "callback_leg1" } });
    Call k;
    k.pbxCallId = str(idK);
    k.direction = CallDirection::Callback;
    k.state = CallState::Ended;
    k.callStart = u"2026-11-24 14:10:00"_s;
    k.internal = u"105"_s;
    k.destination = u"105"_s;
    k.ended = true;
    k.duration = 0;
    k.statusCode = 19;
    k.disposition = Disposition::NoAnswer;
    k.dispositionText = u"no answer"_s;
    k.legs = { CallLeg { CallLegType::CallbackLeg1, u"105"_s, u"105"_s, true, 0,
                         Disposition::NoAnswer, u"no answer"_s } };
    result.append({ "callback, agent did not pick up",
                    { kLeg1Start, kLeg1End },
                    k,
                    { { T::Started }, { T::Ended } } });

    // Out of order and repeated deliveries of the calls above.
    result.append({ "RECORD before END",
                    { aStart, aInternal, aAnswer, aRecord, aEnd },
                    a,
                    { { T::Started },
                      { T::ExtensionRang },
                      { T::Answered },
                      { T::RecordingReady },
                      { T::Ended } } });
    result.append({ "END before ANSWER",
                    { eStart, eInternal("101"), eInternal("102"), eEnd, eAnswer },
                    e,
                    { { T::Started },
                      { T::ExtensionRang },
                      { T::ExtensionRang },
                      { T::Answered, T::Ended },
                      {} } });
    result.append({ "END before START",
                    { aEnd, aStart, aInternal, aAnswer, aRecord },
                    a,
                    { { T::Started, T::Answered, T::Ended },
                      {},
                      { T::ExtensionRang },
                      {},
                      { T::RecordingReady } } });
    result.append({ "missed call, END before START",
                    { bEnd, bInternal("103"), bStart, bInternal("101"), bInternal("102") },
                    b,
                    { { T::Started, T::Missed },
                      { T::ExtensionRang },
                      {},
                      { T::ExtensionRang },
                      { T::ExtensionRang } } });
    result.append({ "every inbound event twice",
                    { aStart, aStart, aInternal, aInternal, aAnswer, aAnswer, aEnd, aEnd, aRecord,
                      aRecord },
                    a,
                    { { T::Started },
                      {},
                      { T::ExtensionRang },
                      {},
                      { T::Answered },
                      {},
                      { T::Ended },
                      {},
                      { T::RecordingReady },
                      {} } });
    result.append(
            { "every outbound event twice",
              { gStart, gEnd, gStart, gRecord, gEnd, gRecord },
              g,
              { { T::Started }, { T::Answered, T::Ended }, {}, { T::RecordingReady }, {}, {} } });
    result.append({ "callback legs repeated, leg 1 ends first",
                    { jLeg1Start, jLeg1Start, jLeg1End, jLeg2Start, jLeg2End, jLeg1End, jRecord },
                    j,
                    { { T::Started },
                      {},
                      { T::Ended },
                      {},
                      { T::Answered },
                      {},
                      { T::RecordingReady } } });

    // Only the recording arrived (e.g. the call was forgotten after it ended).
    const char *idP = "in_b5c6d7e8f90123456789abcdef0123456789abcd";
    Call p;
    p.pbxCallId = str(idP);
    p.direction = CallDirection::Unknown;
    p.state = CallState::Ringing;
    p.isRecorded = true;
    p.recordingId = u"1732444200.5678901"_s;
    p.recordingReady = true;
    result.append({ "RECORD only",
                    { ev({ { "event", "NOTIFY_RECORD" },
                           { "call_id_with_rec", "1732444200.5678901" },
                           { "pbx_call_id", idP } }) },
                    p,
                    { { T::Started, T::RecordingReady } } });

    // A NOTIFY_END that says "no answer" followed by a NOTIFY_ANSWER: the answer wins; the call
    // is reported Missed and then Answered and Ended.
    const char *idQ = "in_c6d7e8f90123456789abcdef0123456789abcdef";
    const WebhookEvent qStart = ev({ { "event", "NOTIFY_START" },
                                     { "call_start", "2026-11-24 15:00:00" },
                                     { "pbx_call_id", idQ },
                                     { "caller_id", "+79161234567" },
                                     { "called_did", "74951234567" } });
    const WebhookEvent qInternal = ev({ { "event", "NOTIFY_INTERNAL" },
                                        { "call_start", "2026-11-24 15:00:00" },
                                        { "pbx_call_id", idQ },
                                        { "caller_id", "+79161234567" },
                                        { "called_did", "74951234567" },
                                        { "internal", "101" } });
    const WebhookEvent qEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 15:00:00" },
                                   { "pbx_call_id", idQ },
                                   { "caller_id", "+79161234567" },
                                   { "called_did", "74951234567" },
                                   { "duration", "0" },
                                   { "disposition", "no answer" },
                                   { "status_code", "19" },
                                   { "is_recorded", "0" } });
    const WebhookEvent qAnswer = ev({ { "event", "NOTIFY_ANSWER" },
                                      { "caller_id", "+79161234567" },
                                      { "destination", "74951234567" },
                                      { "call_start", "2026-11-24 15:00:00" },
                                      { "pbx_call_id", idQ },
                                      { "internal", "101" } });
    Call q;
    q.pbxCallId = str(idQ);
    q.direction = CallDirection::Inbound;
    q.state = CallState::Ended;
    q.callStart = u"2026-11-24 15:00:00"_s;
    q.callerId = u"+79161234567"_s;
    q.calledDid = u"74951234567"_s;
    q.ringingExtensions = { u"101"_s };
    q.answeredBy = u"101"_s;
    q.answered = true;
    q.ended = true;
    q.duration = 0;
    q.statusCode = 19;
    q.disposition = Disposition::NoAnswer;
    q.dispositionText = u"no answer"_s;
    result.append(
            { "late ANSWER after a missed-looking END",
              { qStart, qInternal, qEnd, qAnswer },
              q,
              { { T::Started }, { T::ExtensionRang }, { T::Missed }, { T::Answered, T::Ended } } });

    // NOTIFY_ANSWER lost and no last_internal: the answering extension comes from END's internal.
    const char *idS = "in_d7e8f90123456789abcdef0123456789abcdef01";
    const WebhookEvent sStart = ev({ { "event", "NOTIFY_START" },
                                     { "call_start", "2026-11-24 15:30:00" },
                                     { "pbx_call_id", idS },
                                     { "caller_id", "74957654321" },
                                     { "called_did", "74951234567" } });
    const WebhookEvent sInternal = ev({ { "event", "NOTIFY_INTERNAL" },
                                        { "call_start", "2026-11-24 15:30:00" },
                                        { "pbx_call_id", idS },
                                        { "caller_id", "74957654321" },
                                        { "called_did", "74951234567" },
                                        { "internal", "110" } });
    const WebhookEvent sEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 15:30:00" },
                                   { "pbx_call_id", idS },
                                   { "caller_id", "74957654321" },
                                   { "called_did", "74951234567" },
                                   { "internal", "110" },
                                   { "duration", "12" },
                                   { "disposition", "answered" },
                                   { "status_code", "16" },
                                   { "is_recorded", "0" },
                                   { "call_id_with_rec", "" } });
    Call s;
    s.pbxCallId = str(idS);
    s.direction = CallDirection::Inbound;
    s.state = CallState::Ended;
    s.callStart = u"2026-11-24 15:30:00"_s;
    s.callerId = u"74957654321"_s;
    s.calledDid = u"74951234567"_s;
    s.ringingExtensions = { u"110"_s };
    s.answeredBy = u"110"_s;
    s.answered = true;
    s.ended = true;
    s.duration = 12;
    s.statusCode = 16;
    s.disposition = Disposition::Answered;
    s.dispositionText = u"answered"_s;
    result.append({ "answered without NOTIFY_ANSWER",
                    { sStart, sInternal, sEnd },
                    s,
                    { { T::Started }, { T::ExtensionRang }, { T::Answered, T::Ended } } });

    // Two extensions rang, 101 answered; last_internal names the one that rang last, so the
    // answering extension must come from NOTIFY_ANSWER.
    const char *idU = "in_f90123456789abcdef0123456789abcdef012345";
    const auto uInternal = [idU](const char *extension) {
        return ev({ { "event", "NOTIFY_INTERNAL" },
                    { "call_start", "2026-11-24 16:45:00" },
                    { "pbx_call_id", idU },
                    { "caller_id", "+79031112233" },
                    { "called_did", "74951234567" },
                    { "internal", extension } });
    };
    const WebhookEvent uAnswer = ev({ { "event", "NOTIFY_ANSWER" },
                                      { "caller_id", "+79031112233" },
                                      { "destination", "74951234567" },
                                      { "call_start", "2026-11-24 16:45:00" },
                                      { "pbx_call_id", idU },
                                      { "internal", "101" } });
    const WebhookEvent uEnd = ev({ { "event", "NOTIFY_END" },
                                   { "call_start", "2026-11-24 16:45:00" },
                                   { "pbx_call_id", idU },
                                   { "caller_id", "+79031112233" },
                                   { "called_did", "74951234567" },
                                   { "duration", "64" },
                                   { "disposition", "answered" },
                                   { "status_code", "16" },
                                   { "is_recorded", "0" },
                                   { "last_internal", "102" } });
    Call u;
    u.pbxCallId = str(idU);
    u.direction = CallDirection::Inbound;
    u.state = CallState::Ended;
    u.callStart = u"2026-11-24 16:45:00"_s;
    u.callerId = u"+79031112233"_s;
    u.calledDid = u"74951234567"_s;
    u.ringingExtensions = { u"101"_s, u"102"_s };
    u.answeredBy = u"101"_s;
    u.answered = true;
    u.ended = true;
    u.duration = 64;
    u.statusCode = 16;
    u.disposition = Disposition::Answered;
    u.dispositionText = u"answered"_s;
    result.append({ "answeredBy from NOTIFY_ANSWER, not last_internal",
                    { uInternal("101"), uInternal("102"), uAnswer, uEnd },
                    u,
                    { { T::Started, T::ExtensionRang },
                      { T::ExtensionRang },
                      { T::Answered },
                      { T::Ended } } });
    // The late ANSWER corrects answeredBy (102 from last_internal, then 101): a change without
    // a transition.
    result.append({ "END before ANSWER, last_internal differs",
                    { uInternal("101"), uInternal("102"), uEnd, uAnswer },
                    u,
                    { { T::Started, T::ExtensionRang },
                      { T::ExtensionRang },
                      { T::Answered, T::Ended },
                      {} } });

    // Only NOTIFY_ANSWER so far (START and INTERNAL lost): talking; its destination is the DID.
    const char *idX = "in_123456789abcdef0123456789abcdef012345678";
    Call x;
    x.pbxCallId = str(idX);
    x.direction = CallDirection::Inbound;
    x.state = CallState::Answered;
    x.callStart = u"2026-11-24 17:30:00"_s;
    x.callerId = u"79161234567"_s;
    x.calledDid = u"+74951234567"_s;
    x.answeredBy = u"103"_s;
    x.answered = true;
    result.append({ "only NOTIFY_ANSWER so far",
                    { ev({ { "event", "NOTIFY_ANSWER" },
                           { "caller_id", "79161234567" },
                           { "destination", "+74951234567" },
                           { "call_start", "2026-11-24 17:30:00" },
                           { "pbx_call_id", idX },
                           { "internal", "103" } }) },
                    x,
                    { { T::Started, T::Answered } } });

    // Not seen in reality: events of one kind that disagree. Per field, non-empty wins, then the
    // larger value; "answered" beats any other disposition.
    const char *idV = "in_0123456789abcdef0123456789abcdef01234567";
    const WebhookEvent vStart = ev({ { "event", "NOTIFY_START" },
                                     { "call_start", "2026-11-24 17:00:00" },
                                     { "pbx_call_id", idV },
                                     { "caller_id", "+79161234567" },
                                     { "called_did", "74951234567" } });
    const auto vAnswer = [idV](const char *extension) {
        return ev({ { "event", "NOTIFY_ANSWER" },
                    { "caller_id", "+79161234567" },
                    { "destination", "74951234567" },
                    { "call_start", "2026-11-24 17:00:00" },
                    { "pbx_call_id", idV },
                    { "internal", extension } });
    };
    const WebhookEvent vEndNoAnswer = ev({ { "event", "NOTIFY_END" },
                                           { "call_start", "2026-11-24 17:00:00" },
                                           { "pbx_call_id", idV },
                                           { "caller_id", "+79161234567" },
                                           { "called_did", "74951234567" },
                                           { "duration", "0" },
                                           { "disposition", "no answer" },
                                           { "status_code", "19" },
                                           { "is_recorded", "0" } });
    const WebhookEvent vEndAnswered = ev({ { "event", "NOTIFY_END" },
                                           { "call_start", "2026-11-24 17:00:00" },
                                           { "pbx_call_id", idV },
                                           { "caller_id", "79161234567" },
                                           { "called_did", "74951234567" },
                                           { "duration", "30" },
                                           { "disposition", "answered" },
                                           { "status_code", "16" },
                                           { "is_recorded", "1" },
                                           { "call_id_with_rec", "1732467600.6789012" } });
    Call v;
    v.pbxCallId = str(idV);
    v.direction = CallDirection::Inbound;
    v.state = CallState::Ended;
    v.callStart = u"2026-11-24 17:00:00"_s;
    v.callerId = u"+79161234567"_s; // NOTIFY_START comes first in the fixed order
    v.calledDid = u"74951234567"_s;
    v.answeredBy = u"102"_s;
    v.answered = true;
    v.ended = true;
    v.duration = 30;
    v.statusCode = 19;
    v.disposition = Disposition::Answered;
    v.dispositionText = u"answered"_s;
    v.isRecorded = true;
    v.recordingId = u"1732467600.6789012"_s;
    result.append({ "conflicting ENDs and ANSWERs",
                    { vStart, vEndNoAnswer, vAnswer("102"), vEndAnswered, vAnswer("101") },
                    v,
                    { { T::Started }, { T::Missed }, { T::Answered, T::Ended }, {}, {} } });
    Call vWithoutAnswer = v;
    vWithoutAnswer.answeredBy.clear(); // neither END names an extension
    result.append({ "conflicting ENDs without ANSWER",
                    { vEndAnswered, vStart, vEndNoAnswer },
                    vWithoutAnswer,
                    { { T::Started, T::Answered, T::Ended }, {}, {} } });

    return result;
}

struct RunResult
{
    std::optional<Call> call;
    QHash<CallTransition, int> counts;
    QStringList newExtensions;
    QString error;
};

// Applies events[order[i]] in turn; records what was reported and the first inconsistency.
RunResult run(const QList<WebhookEvent> &events, const std::vector<int> &order)
{
    RunResult result;
    CallAggregator aggregator;
    std::optional<Call> previous;
    for (int index : order) {
        const WebhookEvent &event = events.at(index);
        const CallUpdate update = aggregator.apply(event);
        if (!update.isCallEvent && result.error.isEmpty())
            result.error = u"not a call event"_s;
        if (update.changed != (!previous || *previous != update.call) && result.error.isEmpty())
            result.error = u"changed flag wrong"_s;
        if (!update.changed && !update.transitions.isEmpty() && result.error.isEmpty())
            result.error = u"transitions without a change"_s;
        for (CallTransition transition : update.transitions)
            ++result.counts[transition];
        result.newExtensions += update.newExtensions;
        previous = update.call;
    }
    if (aggregator.size() != 1 && result.error.isEmpty())
        result.error = u"expected one call, have %1"_s.arg(aggregator.size());
    if (!events.isEmpty())
        result.call = aggregator.call(events.first().pbxCallId);
    return result;
}

// What every run must report: each transition at most once, those that the final call implies
// exactly once, and ExtensionRang once per extension that rang.
QString checkTransitions(const RunResult &result, const Call &expected)
{
    const auto count
            = [&result](CallTransition transition) { return result.counts.value(transition); };
    const auto expectOnce = [&](CallTransition transition, bool implied) -> QString {
        const int n = count(transition);
        if (n > 1 || (implied && n != 1))
            return u"%1 reported %2 times"_s.arg(toText(transition)).arg(n);
        return QString();
    };
    QString error = expectOnce(T::Started, true);
    if (error.isEmpty())
        error = expectOnce(T::Answered, expected.answered);
    if (error.isEmpty())
        error = expectOnce(T::Ended, expected.state == CallState::Ended);
    if (error.isEmpty())
        error = expectOnce(T::Missed, expected.state == CallState::Missed);
    if (error.isEmpty())
        error = expectOnce(T::RecordingReady, expected.recordingReady);
    if (error.isEmpty() && expected.direction != CallDirection::Inbound && count(T::Missed) > 0)
        error = u"Missed reported for a call that is not inbound"_s;
    QStringList rang = result.newExtensions;
    rang.sort();
    if (error.isEmpty()
        && (count(T::ExtensionRang) != rang.size() || rang != expected.ringingExtensions))
        error = u"extensions reported: %1"_s.arg(rang.join(u','));
    return error;
}

QString describeOrder(const std::vector<int> &order)
{
    QStringList parts;
    for (int index : order)
        parts.append(QString::number(index));
    return parts.join(u' ');
}

} // namespace

class TestCallAggregator : public QObject
{
    Q_OBJECT

private slots:
    void fold_data();
    void fold();
    void anyOrderAndDuplicates_data();
    void anyOrderAndDuplicates();
    void nonCallEventsIgnored_data();
    void nonCallEventsIgnored();
    void forget();
    void callsListed();
    void repeatedEventsStayBounded();
    void toTexts();
};

void TestCallAggregator::fold_data()
{
    QTest::addColumn<QList<WebhookEvent>>("events");
    QTest::addColumn<Call>("expected");
    QTest::addColumn<Transitions>("transitions");
    for (const Scenario &scenario : scenarios())
        QTest::newRow(scenario.name)
                << scenario.events << scenario.expected << scenario.transitions;
}

void TestCallAggregator::fold()
{
    QFETCH(QList<WebhookEvent>, events);
    QFETCH(Call, expected);
    QFETCH(Transitions, transitions);
    QCOMPARE(transitions.size(), events.size());

    CallAggregator aggregator;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const std::optional<Call> before = aggregator.call(events.at(i).pbxCallId);
        const CallUpdate update = aggregator.apply(events.at(i));
        QVERIFY(update.isCallEvent);
        QCOMPARE(names(update.transitions), names(transitions.at(i)));
        QCOMPARE(update.changed, !before || *before != update.call);
        const std::optional<Call> stored = aggregator.call(events.at(i).pbxCallId);
        QVERIFY(stored);
        QVERIFY(*stored == update.call);
    }
    QCOMPARE(aggregator.size(), 1);
    const std::optional<Call> actual = aggregator.call(expected.pbxCallId);
    QVERIFY(actual);
    QCOMPARE(describe(*actual), describe(expected));
    QVERIFY(*actual == expected);
    QCOMPARE(actual->isMissed(), expected.state == CallState::Missed);
}

void TestCallAggregator::anyOrderAndDuplicates_data()
{
    QTest::addColumn<QList<WebhookEvent>>("events");
    QTest::addColumn<Call>("expected");
    // Rows with repeated events are covered by the duplicate runs below, reorderings of an
    // earlier row by its permutations.
    QList<QByteArrayList> eventSets;
    for (const Scenario &scenario : scenarios()) {
        QByteArrayList eventSet;
        for (const WebhookEvent &event : scenario.events)
            eventSet.append(event.fields.toUrlEncoded());
        std::sort(eventSet.begin(), eventSet.end());
        if (eventSets.contains(eventSet))
            continue;
        eventSets.append(eventSet);
        const bool repeats
                = std::adjacent_find(eventSet.cbegin(), eventSet.cend()) != eventSet.cend();
        if (!repeats && scenario.events.size() <= 7)
            QTest::newRow(scenario.name) << scenario.events << scenario.expected;
    }
}

void TestCallAggregator::anyOrderAndDuplicates()
{
    QFETCH(QList<WebhookEvent>, events);
    QFETCH(Call, expected);

    std::vector<int> order(events.size());
    std::iota(order.begin(), order.end(), 0);
    int runs = 0;
    const auto check = [&](const std::vector<int> &sequence) -> QString {
        ++runs;
        const RunResult result = run(events, sequence);
        if (!result.error.isEmpty())
            return result.error;
        if (!result.call || *result.call != expected)
            return u"different call:\n"_s + (result.call ? describe(*result.call) : u"none"_s);
        return checkTransitions(result, expected);
    };

    do {
        QString error = check(order);
        // Each event delivered twice: at once, and again after everything else.
        for (size_t k = 0; error.isEmpty() && k < order.size(); ++k) {
            std::vector<int> sequence = order;
            sequence.insert(sequence.begin() + static_cast<std::ptrdiff_t>(k) + 1, order[k]);
            error = check(sequence);
            if (error.isEmpty()) {
                sequence = order;
                sequence.push_back(order[k]);
                error = check(sequence);
            }
        }
        QVERIFY2(error.isEmpty(), qPrintable(u"order %1: %2"_s.arg(describeOrder(order), error)));
    } while (std::next_permutation(order.begin(), order.end()));
    QVERIFY(runs > 0);
}

void TestCallAggregator::nonCallEventsIgnored_data()
{
    QTest::addColumn<WebhookEvent>("event");
    QTest::newRow("SMS") << ev({ { "event", "SMS" },
                                 { "result",
                                   R"({"caller_id":"+79161234567","caller_did":"74951234567",)"
                                   R"("text":"Hello"})" } });
    // Carries the pbx_call_id of a real call; it is still not a call event.
    QTest::newRow("SPEECH_RECOGNITION")
            << ev({ { "event", "SPEECH_RECOGNITION" },
                    { "lang", "en" },
                    { "call_id", "1732432500.1234567" },
                    { "pbx_call_id", "in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567" },
                    { "result", R"({"words":[]})" } });
    QTest::newRow("NUMBER_LOOKUP") << ev({ { "event", "NUMBER_LOOKUP" }, { "result", "{}" } });
    QTest::newRow("CALL_TRACKING") << ev({ { "event", "CALL_TRACKING" }, { "result", "{}" } });
    QTest::newRow("NOTIFY_INTERNAL_END")
            << ev({ { "event", "NOTIFY_INTERNAL_END" },
                    { "pbx_call_id", "in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567" },
                    { "internal", "102" } });
    QTest::newRow("NOTIFY_START without pbx_call_id")
            << ev({ { "event", "NOTIFY_START" },
                    { "call_start", "2026-11-24 10:15:00" },
                    { "caller_id", "+79161234567" },
                    { "called_did", "74951234567" } });
    QTest::newRow("NOTIFY_RECORD without pbx_call_id")
            << ev({ { "event", "NOTIFY_RECORD" }, { "call_id_with_rec", "1732432500.1234567" } });
}

void TestCallAggregator::nonCallEventsIgnored()
{
    QFETCH(WebhookEvent, event);

    CallAggregator aggregator;
    const WebhookEvent start
            = ev({ { "event", "NOTIFY_START" },
                   { "call_start", "2026-11-24 10:15:00" },
                   { "pbx_call_id", "in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567" },
                   { "caller_id", "+79161234567" },
                   { "called_did", "74951234567" } });
    const Call before = aggregator.apply(start).call;

    const CallUpdate update = aggregator.apply(event);
    QVERIFY(!update.isCallEvent);
    QVERIFY(update.transitions.isEmpty());
    QVERIFY(update.newExtensions.isEmpty());
    QVERIFY(!update.changed);
    QVERIFY(update.call == Call());
    QCOMPARE(aggregator.size(), 1);
    QVERIFY(aggregator.call(start.pbxCallId) == before);
}

void TestCallAggregator::forget()
{
    const QList<Scenario> all = scenarios();
    const auto named = [&all](const char *name) {
        return *std::find_if(all.cbegin(), all.cend(), [name](const Scenario &scenario) {
            return qstrcmp(scenario.name, name) == 0;
        });
    };
    const Scenario inbound = named("inbound answered");
    const Scenario outbound = named("outbound answered");

    CallAggregator aggregator;
    for (const WebhookEvent &event : inbound.events)
        aggregator.apply(event);
    for (const WebhookEvent &event : outbound.events)
        aggregator.apply(event);
    QCOMPARE(aggregator.size(), 2);

    aggregator.forget(inbound.expected.pbxCallId);
    aggregator.forget(u"in_0000000000000000000000000000000000000000"_s); // unknown: no-op
    QCOMPARE(aggregator.size(), 1);
    QVERIFY(!aggregator.call(inbound.expected.pbxCallId));
    QVERIFY(aggregator.call(outbound.expected.pbxCallId) == outbound.expected);
    QCOMPARE(aggregator.calls().size(), 1);

    // A recording that arrives after the call was persisted and forgotten starts afresh.
    const CallUpdate late = aggregator.apply(inbound.events.last());
    QCOMPARE(names(late.transitions), names({ T::Started, T::RecordingReady }));
    QCOMPARE(toText(late.call.direction), toText(CallDirection::Unknown));
    QCOMPARE(late.call.recordingId, inbound.expected.recordingId);
    QCOMPARE(aggregator.size(), 2);
}

void TestCallAggregator::callsListed()
{
    CallAggregator aggregator;
    QVERIFY(aggregator.calls().isEmpty());
    QCOMPARE(aggregator.size(), 0);

    // One row per call (later rows reorder or vary an earlier call), applied newest first and
    // interleaved; calls() orders by call start, then id.
    QList<Scenario> unique;
    for (const Scenario &scenario : scenarios()) {
        if (std::none_of(unique.cbegin(), unique.cend(), [&](const Scenario &other) {
                return other.expected.pbxCallId == scenario.expected.pbxCallId;
            }))
            unique.prepend(scenario);
    }
    QList<Call> expected;
    for (const Scenario &scenario : unique)
        expected.append(scenario.expected);
    for (qsizetype i = 0;; ++i) {
        bool any = false;
        for (const Scenario &scenario : unique) {
            if (i < scenario.events.size()) {
                aggregator.apply(scenario.events.at(i));
                any = true;
            }
        }
        if (!any)
            break;
    }
    std::sort(expected.begin(), expected.end(), [](const Call &a, const Call &b) {
        return std::pair(a.callStart, a.pbxCallId) < std::pair(b.callStart, b.pbxCallId);
    });

    const QList<Call> calls = aggregator.calls();
    QCOMPARE(aggregator.size(), expected.size());
    QCOMPARE(calls.size(), expected.size());
    for (qsizetype i = 0; i < calls.size(); ++i)
        QCOMPARE(describe(calls.at(i)), describe(expected.at(i)));
    QVERIFY(calls == expected);
    // RECORD only: no call_start, so first
    QCOMPARE(toText(calls.first().direction), toText(CallDirection::Unknown));
}

void TestCallAggregator::repeatedEventsStayBounded()
{
    const char *id = "in_e8f90123456789abcdef0123456789abcdef0123";
    const auto internal = [id](const QByteArray &extension) {
        return ev({ { "event", "NOTIFY_INTERNAL" },
                    { "call_start", "2026-11-24 16:00:00" },
                    { "pbx_call_id", id },
                    { "caller_id", "+79161234567" },
                    { "called_did", "74951234567" },
                    { "internal", extension.constData() } });
    };

    CallAggregator aggregator;
    const WebhookEvent ring = internal("101");
    const Call first = aggregator.apply(ring).call;
    for (int i = 0; i < 10000; ++i) {
        const CallUpdate update = aggregator.apply(ring);
        QVERIFY(update.transitions.isEmpty());
        QVERIFY(!update.changed);
    }
    QVERIFY(aggregator.call(ring.pbxCallId) == first);
    QCOMPARE(first.ringingExtensions, QStringList { u"101"_s });

    // A sender inventing extensions: the smallest are kept, whatever the order.
    QList<WebhookEvent> invented;
    QStringList all;
    for (int i = 0; i < 3 * CallAggregator::maxRingingExtensions; ++i) {
        const QByteArray extension = QByteArray::number(1000 + i);
        invented.append(internal(extension));
        all.append(QString::fromLatin1(extension));
    }
    all.sort();
    const QStringList kept = all.mid(0, CallAggregator::maxRingingExtensions);

    CallAggregator forward;
    CallAggregator backward;
    int rang = 0;
    for (qsizetype i = 0; i < invented.size(); ++i) {
        rang += forward.apply(invented.at(i)).newExtensions.size();
        backward.apply(invented.at(invented.size() - 1 - i));
    }
    QCOMPARE(rang, CallAggregator::maxRingingExtensions);
    QCOMPARE(forward.call(ring.pbxCallId)->ringingExtensions, kept);
    QCOMPARE(backward.call(ring.pbxCallId)->ringingExtensions, kept);
}

void TestCallAggregator::toTexts()
{
    QCOMPARE(toText(CallDirection::Unknown), u"unknown"_s);
    QCOMPARE(toText(CallDirection::Inbound), u"inbound"_s);
    QCOMPARE(toText(CallDirection::Outbound), u"outbound"_s);
    QCOMPARE(toText(CallDirection::Callback), u"callback"_s);
    QCOMPARE(toText(CallState::Ringing), u"ringing"_s);
    QCOMPARE(toText(CallState::Answered), u"answered"_s);
    QCOMPARE(toText(CallState::Ended), u"ended"_s);
    QCOMPARE(toText(CallState::Missed), u"missed"_s);
    QCOMPARE(toText(CallTransition::Started), u"started"_s);
    QCOMPARE(toText(CallTransition::ExtensionRang), u"extension_rang"_s);
    QCOMPARE(toText(CallTransition::Answered), u"answered"_s);
    QCOMPARE(toText(CallTransition::Ended), u"ended"_s);
    QCOMPARE(toText(CallTransition::Missed), u"missed"_s);
    QCOMPARE(toText(CallTransition::RecordingReady), u"recording_ready"_s);
}

} // namespace CallBridge

QTEST_APPLESS_MAIN(CallBridge::TestCallAggregator)

#include "TestCallAggregator.moc"
