// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimCallRunner.h"

#include "core/common/Clock.h"
#include "core/sim/SimPbx.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

#include <cmath>
#include <deque>

namespace CallBridge {
namespace {

const QString eventKey = QStringLiteral("event");

// Zadarma documents none of these; they are the simulator's choices (see SimCallRunner.h).
constexpr int busySignalSeconds = 1; // a busy extension or number refuses at once
constexpr int callbackExtensionAnswers = 2; // seconds until the agent picks up a callback leg
constexpr int callbackClientAnswers = 3;
constexpr int callbackTalkSeconds = 30;
constexpr int callbackRingTimeout = 30;

// Q.931 causes: a caller hanging up while it rings is normal clearing (16), not rejection (21).
int statusCode(SimScenario::Outcome outcome)
{
    switch (outcome) {
    case SimScenario::Outcome::Answered:
    case SimScenario::Outcome::Cancel:
        return 16;
    case SimScenario::Outcome::Busy:
        return 17;
    case SimScenario::Outcome::NoAnswer:
        return 19;
    }
    return 16;
}

// PHP casts hangup with (int); accept what such a cast would make non-zero.
bool isTruthy(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    if (value.isString())
        return value.toString().trimmed().toInt() != 0;
    return false;
}

QString textOf(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return value.toString();
}

QJsonValue bodyToJson(const QByteArray &body)
{
    if (body.isEmpty())
        return QJsonValue::Null;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError) {
        if (document.isObject())
            return document.object();
        if (document.isArray())
            return document.array();
    }
    return QString::fromUtf8(body);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

struct SimCallRunner::Pending
{
    qsizetype index = 0; // into outcome.events
    SimSendOptions options;
    Then then;
};

struct SimCallRunner::Call
{
    QObject guard; // context of the call's timers and deliveries
    SimCallOutcome outcome;
    SimScenario scenario;
    std::chrono::milliseconds startedAt { 0 };
    QDateTime startUtc;
    QString callerName; // the relay's caller_name, shown instead of the caller id
    QString lastRung;
    QString callerId; // outbound and callback: the CallerID used
    // Callback
    QString from;
    QString to;
    QString sip;
    bool predicted = false;

    std::deque<Pending> queue;
    std::deque<Pending> late;
    bool sending = false;
    bool pumping = false;
    bool timelineDone = false;
};

SimCallRunner::SimCallRunner(SimPbx *pbx, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_pbx(pbx), m_sender(pbx, network, this), m_random(m_rates.seed)
{ }

SimCallRunner::~SimCallRunner() = default;

void SimCallRunner::setFaultRates(const SimFaultRates &rates)
{
    m_rates = rates;
    m_random.seed(rates.seed);
}

const SimCallOutcome *SimCallRunner::outcome(const QString &id) const
{
    const Call *call = m_byId.value(id);
    return call ? &call->outcome : nullptr;
}

QList<const SimCallOutcome *> SimCallRunner::outcomes() const
{
    QList<const SimCallOutcome *> list;
    for (const auto &call : m_calls)
        list.append(&call->outcome);
    return list;
}

int SimCallRunner::forgetFinished()
{
    const auto before = m_calls.size();
    std::erase_if(m_calls, [this](const std::unique_ptr<Call> &call) {
        if (!call->outcome.finished)
            return false;
        m_byId.remove(call->outcome.id);
        return true;
    });
    m_finishedKept = 0;
    return int(before - m_calls.size());
}

void SimCallRunner::forgetOldestFinished()
{
    m_pruneScheduled = false;
    qsizetype excess = m_finishedKept - m_maxFinishedKept;
    if (excess <= 0)
        return;
    m_finishedKept -= excess;
    // m_calls is in start order: the oldest finished calls come first.
    std::erase_if(m_calls, [this, &excess](const std::unique_ptr<Call> &call) {
        if (excess == 0 || !call->outcome.finished)
            return false;
        --excess;
        m_byId.remove(call->outcome.id);
        return true;
    });
}

SimCallRunner::Call &SimCallRunner::newCall(const QString &direction, bool inbound)
{
    auto call = std::make_unique<Call>();
    call->outcome.id = QStringLiteral("c%1").arg(m_nextId++);
    call->outcome.direction = direction;
    call->outcome.pbxCallId = m_pbx->newPbxCallId(inbound);
    call->startedAt = m_pbx->clock()->monotonic();
    call->startUtc = m_pbx->clock()->now();
    call->outcome.callStart = m_pbx->accountTime(call->startUtc);
    Call &ref = *call;
    m_byId.insert(ref.outcome.id, &ref);
    m_calls.push_back(std::move(call));
    return ref;
}

void SimCallRunner::after(Call &call, int simulatedSeconds, std::function<void()> step)
{
    const auto delay = std::chrono::milliseconds(
            std::llround(simulatedSeconds * 1000.0 * m_pbx->config().timeScale));
    m_pbx->clock()->callAfter(delay, &call.guard, std::move(step));
}

// --- Delivery ------------------------------------------------------------------------------------

void SimCallRunner::emitEvent(Call &call, FormFields fields, Then then)
{
    SimEventRecord record;
    record.event = fields.value(eventKey);
    record.fields = std::move(fields);
    record.atMs = (m_pbx->clock()->monotonic() - call.startedAt).count();

    const SimFaults &faults = call.scenario.faults;
    const auto roll = [this](double rate) { return rate > 0 && m_random.generateDouble() < rate; };
    Pending pending;
    pending.options.delay = std::chrono::milliseconds(faults.delayMs);
    pending.options.drop = faults.drop.contains(record.event) || roll(m_rates.drop);
    pending.options.duplicate = faults.duplicate.contains(record.event) || roll(m_rates.duplicate);
    const bool late
            = !pending.options.drop && (faults.late.contains(record.event) || roll(m_rates.late));
    record.duplicated = pending.options.duplicate;
    record.late = late;
    pending.index = call.outcome.events.size();
    call.outcome.events.append(record);

    if (late) {
        // The call does not wait for an event it holds back: NOTIFY_START's answer comes too late.
        call.late.push_back(std::move(pending));
        if (then)
            then(SimSendResult());
    } else {
        pending.then = std::move(then);
        call.queue.push_back(std::move(pending));
    }
    pump(call);
}

// Sends the queued events one at a time; once the timeline is over, the late ones follow. The
// sender may answer synchronously (nothing posted), hence the loop instead of recursion.
void SimCallRunner::pump(Call &call)
{
    if (call.pumping)
        return;
    call.pumping = true;
    while (!call.sending) {
        if (call.queue.empty()) {
            if (!call.timelineDone || call.late.empty())
                break;
            call.queue.swap(call.late);
            continue;
        }
        Pending pending = std::move(call.queue.front());
        call.queue.pop_front();
        call.sending = true;
        const FormFields fields = call.outcome.events.at(pending.index).fields;
        m_sender.send(fields, pending.options, &call.guard,
                      [this, &call, index = pending.index,
                       then = std::move(pending.then)](const SimSendResult &result) {
                          call.sending = false;
                          recordSent(call, index, result);
                          if (then)
                              then(result);
                          pump(call);
                      });
    }
    call.pumping = false;

    if (!call.outcome.finished && call.timelineDone && !call.sending && call.queue.empty()
        && call.late.empty()) {
        call.outcome.finished = true;
        emit callFinished(call.outcome.id);
        // Later, from the event loop: nothing on the stack may still hold a call then.
        if (++m_finishedKept > m_maxFinishedKept + m_maxFinishedKept / 10 && !m_pruneScheduled) {
            m_pruneScheduled = true;
            QTimer::singleShot(0, this, &SimCallRunner::forgetOldestFinished);
        }
    }
}

void SimCallRunner::recordSent(Call &call, qsizetype index, const SimSendResult &result)
{
    SimEventRecord &record = call.outcome.events[index];
    record.notSent = result.notSent;
    record.dropped = result.dropped;
    record.deliveries = result.deliveries;
    for (SimDelivery &delivery : record.deliveries)
        delivery.sentAt -= call.startedAt; // the outcome counts from the call's start
    if (record.event != QLatin1StringView("NOTIFY_START") || call.outcome.relayAnswer)
        return;
    for (const SimDelivery &delivery : result.deliveries) {
        if (delivery.status > 0) {
            call.outcome.relayAnswer = SimRelayAnswer { delivery.status, delivery.body, false };
            break;
        }
    }
}

void SimCallRunner::endTimeline(Call &call)
{
    call.timelineDone = true;
    pump(call);
}

// --- Inbound -------------------------------------------------------------------------------------

SimCallRunner::Started SimCallRunner::start(const SimScenario &scenario)
{
    Call &call
            = newCall(scenario.isInbound() ? QStringLiteral("inbound") : QStringLiteral("outbound"),
                      scenario.isInbound());
    call.scenario = scenario;
    call.outcome.scenario = scenario.toJson();
    const Started started { call.outcome.id, call.outcome.pbxCallId };
    if (scenario.isInbound())
        startInbound(call);
    else
        startOutbound(call);
    return started;
}

void SimCallRunner::startInbound(Call &call)
{
    emitEvent(call,
              { { eventKey, QStringLiteral("NOTIFY_START") },
                { QStringLiteral("call_start"), call.outcome.callStart },
                { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId },
                { QStringLiteral("caller_id"), call.scenario.caller },
                { QStringLiteral("called_did"), call.scenario.calledDid } },
              [this, &call](const SimSendResult &result) { onStartAnswered(call, result); });
}

// The relay's answer to NOTIFY_START steers the call (zadarma-api.md §4). Keys the simulator does
// not model (ivr_*, wait_dtmf, rewrite_forward_number) are kept in relay_answer and noted.
void SimCallRunner::onStartAnswered(Call &call, const SimSendResult &result)
{
    QJsonObject answer;
    bool honoured = false;
    for (const SimDelivery &delivery : result.deliveries) {
        if (delivery.status <= 0)
            continue;
        if (delivery.status >= 200 && delivery.status < 300) {
            const QJsonDocument document = QJsonDocument::fromJson(delivery.body);
            answer = document.object();
            honoured = document.isObject() || delivery.body.trimmed().isEmpty();
        }
        break;
    }
    if (call.outcome.relayAnswer)
        call.outcome.relayAnswer->honoured = honoured;

    for (const char *key : { "ivr_play", "ivr_saypopular", "ivr_saydigits", "ivr_saynumber",
                             "wait_dtmf", "rewrite_forward_number" }) {
        if (answer.contains(QLatin1StringView(key)))
            call.outcome.notes.append(
                    QStringLiteral("%1 is not simulated; ignored").arg(QLatin1StringView(key)));
    }
    const QString callerName = answer.value(QLatin1StringView("caller_name")).toString();
    if (!callerName.isEmpty())
        call.callerName = callerName;
    if (isTruthy(answer.value(QLatin1StringView("hangup")))) {
        call.outcome.notes.append(QStringLiteral("the relay answered hangup: the call ends busy"));
        endInbound(call, SimScenario::Outcome::Busy);
        return;
    }
    const QString redirect = textOf(answer.value(QLatin1StringView("redirect")));
    if (redirect.isEmpty()) {
        ringScenario(call);
        return;
    }
    if (redirect == QLatin1StringView("blacklist")) {
        call.outcome.notes.append(
                QStringLiteral("redirected to the blacklist: the call ends busy"));
        endInbound(call, SimScenario::Outcome::Busy);
        return;
    }
    if (m_pbx->extension(redirect)) {
        const int returnTimeout = std::max(
                0, answer.value(QLatin1StringView("return_timeout")).toVariant().toInt());
        ringRedirect(call, redirect, returnTimeout);
        return;
    }
    static const QRegularExpression scenarioId(QStringLiteral("^[0-9]+-[0-9]+$"));
    if (scenarioId.match(redirect).hasMatch())
        call.outcome.notes.append(QStringLiteral("redirected to scenario %1: the simulator has no "
                                                 "voice menus, so the scenario's ring list rings")
                                          .arg(redirect));
    else
        call.outcome.notes.append(
                QStringLiteral("redirect to \"%1\", which is no extension or scenario: ignored")
                        .arg(redirect));
    ringScenario(call);
}

void SimCallRunner::ring(Call &call, const QString &extension)
{
    const SimExtension *phone = m_pbx->extension(extension);
    if (!phone || !phone->online) {
        call.outcome.notes.append(
                QStringLiteral("extension %1 is offline: not rung").arg(extension));
        return;
    }
    emitEvent(call,
              { { eventKey, QStringLiteral("NOTIFY_INTERNAL") },
                { QStringLiteral("call_start"), call.outcome.callStart },
                { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId },
                { QStringLiteral("caller_id"), call.scenario.caller },
                { QStringLiteral("called_did"), call.scenario.calledDid },
                { QStringLiteral("internal"), extension } });
    call.outcome.rang.append(extension);
    call.lastRung = extension;
    const QString shown = call.callerName.isEmpty() ? call.scenario.caller : call.callerName;
    for (auto &[number, text] : call.outcome.displayed) {
        if (number == extension) {
            text = shown;
            return;
        }
    }
    call.outcome.displayed.append({ extension, shown });
}

void SimCallRunner::ringScenario(Call &call)
{
    const SimScenario &scenario = call.scenario;
    for (const QString &extension : scenario.ring)
        ring(call, extension);
    switch (scenario.outcome) {
    case SimScenario::Outcome::Answered: {
        const SimExtension *answerer = m_pbx->extension(scenario.answerBy);
        if (scenario.ring.contains(scenario.answerBy) && answerer && answerer->online) {
            after(call, scenario.answerAfter,
                  [this, &call] { answerInbound(call, call.scenario.answerBy); });
            return;
        }
        call.outcome.notes.append(
                QStringLiteral("%1 was to answer but did not ring: nobody answers")
                        .arg(scenario.answerBy));
        after(call, scenario.ringTimeout,
              [this, &call] { endInbound(call, SimScenario::Outcome::NoAnswer); });
        return;
    }
    case SimScenario::Outcome::Busy:
        after(call, busySignalSeconds,
              [this, &call] { endInbound(call, SimScenario::Outcome::Busy); });
        return;
    case SimScenario::Outcome::NoAnswer:
    case SimScenario::Outcome::Cancel:
        after(call, scenario.ringTimeout,
              [this, &call] { endInbound(call, call.scenario.outcome); });
        return;
    }
}

// A redirect rings one extension. It answers if the scenario says it is the one who answers (and
// does so before the return timeout); otherwise the call comes back to the scenario's ring list
// after return_timeout, or with 0 (no return) rings until ring_timeout and goes unanswered.
void SimCallRunner::ringRedirect(Call &call, const QString &extension, int returnTimeout)
{
    const SimScenario &scenario = call.scenario;
    ring(call, extension);
    const SimExtension *phone = m_pbx->extension(extension);
    const bool answers = phone && phone->online && scenario.isAnswered()
            && scenario.answerBy == extension
            && (returnTimeout == 0 || scenario.answerAfter < returnTimeout);
    if (answers) {
        after(call, scenario.answerAfter,
              [this, &call, extension] { answerInbound(call, extension); });
    } else if (returnTimeout > 0) {
        call.outcome.notes.append(QStringLiteral("back from %1 to the scenario after %2 s")
                                          .arg(extension)
                                          .arg(returnTimeout));
        after(call, returnTimeout, [this, &call] { ringScenario(call); });
    } else {
        after(call, scenario.ringTimeout, [this, &call] {
            endInbound(call,
                       call.scenario.outcome == SimScenario::Outcome::Cancel
                               ? SimScenario::Outcome::Cancel
                               : SimScenario::Outcome::NoAnswer);
        });
    }
}

void SimCallRunner::answerInbound(Call &call, const QString &extension)
{
    call.outcome.answeredBy = extension;
    emitEvent(call,
              { { eventKey, QStringLiteral("NOTIFY_ANSWER") },
                { QStringLiteral("caller_id"), call.scenario.caller },
                { QStringLiteral("destination"), call.scenario.calledDid },
                { QStringLiteral("call_start"), call.outcome.callStart },
                { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId },
                { QStringLiteral("internal"), extension } });
    after(call, call.scenario.duration,
          [this, &call] { endInbound(call, SimScenario::Outcome::Answered); });
}

// NOTIFY_END: `internal` only when someone answered (it is optional at Zadarma), `last_internal`
// the answerer or the last extension that rang; duration is talk time, 0 when unanswered.
void SimCallRunner::endInbound(Call &call, SimScenario::Outcome outcome)
{
    const bool answered = outcome == SimScenario::Outcome::Answered;
    const bool recorded = answered && call.scenario.recorded;
    const int seconds = answered ? call.scenario.duration : 0;
    const QString callId = m_pbx->newCallId();
    const QString lastInternal = answered ? call.outcome.answeredBy : call.lastRung;
    if (!answered)
        call.outcome.answeredBy.clear();

    FormFields fields { { eventKey, QStringLiteral("NOTIFY_END") },
                        { QStringLiteral("call_start"), call.outcome.callStart },
                        { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId },
                        { QStringLiteral("caller_id"), call.scenario.caller },
                        { QStringLiteral("called_did"), call.scenario.calledDid } };
    if (answered)
        fields.append(QStringLiteral("internal"), call.outcome.answeredBy);
    if (!lastInternal.isEmpty())
        fields.append(QStringLiteral("last_internal"), lastInternal);
    fields.append(QStringLiteral("duration"), QString::number(seconds));
    fields.append(QStringLiteral("disposition"), toText(outcome));
    fields.append(QStringLiteral("status_code"), QString::number(statusCode(outcome)));
    fields.append(QStringLiteral("is_recorded"),
                  recorded ? QStringLiteral("1") : QStringLiteral("0"));
    fields.append(QStringLiteral("call_id_with_rec"), recorded ? callId : QString());
    emitEvent(call, std::move(fields));

    call.outcome.disposition = toText(outcome);
    call.outcome.duration = seconds;
    if (recorded)
        call.outcome.recordingId = callId;

    SimCallRecord record;
    record.callId = callId;
    record.pbxCallId = call.outcome.pbxCallId;
    record.sip = lastInternal;
    if (record.sip.isEmpty() && !call.scenario.ring.isEmpty())
        record.sip = call.scenario.ring.first();
    record.callStart = call.outcome.callStart;
    record.startUtc = call.startUtc;
    record.clid = call.scenario.caller;
    record.destination = call.scenario.calledDid;
    record.disposition = toText(outcome);
    record.seconds = seconds;
    record.isRecorded = recorded;
    record.inbound = true;
    m_pbx->recordCall(record);

    if (!recorded) {
        endTimeline(call);
        return;
    }
    // The recording exists from NOTIFY_RECORD on, as at Zadarma, not from the end of the call.
    after(call, call.scenario.recordDelay, [this, &call, callId, seconds] {
        m_pbx->addRecording(callId, call.outcome.pbxCallId, seconds);
        emitEvent(call,
                  { { eventKey, QStringLiteral("NOTIFY_RECORD") },
                    { QStringLiteral("call_id_with_rec"), callId },
                    { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId } });
        endTimeline(call);
    });
}

// --- Outbound ------------------------------------------------------------------------------------

void SimCallRunner::startOutbound(Call &call)
{
    const SimScenario &scenario = call.scenario;
    const SimExtension *extension = m_pbx->extension(scenario.extension);
    call.callerId = extension ? extension->callerId : QString();
    call.outcome.rang.append(scenario.destination);
    emitEvent(call,
              { { eventKey, QStringLiteral("NOTIFY_OUT_START") },
                { QStringLiteral("call_start"), call.outcome.callStart },
                { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId },
                { QStringLiteral("internal"), scenario.extension },
                { QStringLiteral("destination"), scenario.destination },
                { QStringLiteral("caller_id"), call.callerId },
                { QStringLiteral("calltype"), QStringLiteral("normal") } });
    switch (scenario.outcome) {
    case SimScenario::Outcome::Answered:
        after(call, scenario.answerAfter, [this, &call] {
            call.outcome.answeredBy = call.scenario.destination;
            after(call, call.scenario.duration,
                  [this, &call] { endOutbound(call, SimScenario::Outcome::Answered); });
        });
        return;
    case SimScenario::Outcome::Busy:
        after(call, busySignalSeconds,
              [this, &call] { endOutbound(call, SimScenario::Outcome::Busy); });
        return;
    case SimScenario::Outcome::NoAnswer:
    case SimScenario::Outcome::Cancel:
        after(call, scenario.ringTimeout,
              [this, &call] { endOutbound(call, call.scenario.outcome); });
        return;
    }
}

void SimCallRunner::endOutbound(Call &call, SimScenario::Outcome outcome)
{
    const SimScenario &scenario = call.scenario;
    const bool answered = outcome == SimScenario::Outcome::Answered;
    const bool recorded = answered && scenario.recorded;
    const int seconds = answered ? scenario.duration : 0;
    const QString callId = m_pbx->newCallId();
    emitEvent(call,
              { { eventKey, QStringLiteral("NOTIFY_OUT_END") },
                { QStringLiteral("call_start"), call.outcome.callStart },
                { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId },
                { QStringLiteral("caller_id"), call.callerId },
                { QStringLiteral("destination"), scenario.destination },
                { QStringLiteral("internal"), scenario.extension },
                { QStringLiteral("duration"), QString::number(seconds) },
                { QStringLiteral("disposition"), toText(outcome) },
                { QStringLiteral("status_code"), QString::number(statusCode(outcome)) },
                { QStringLiteral("is_recorded"),
                  recorded ? QStringLiteral("1") : QStringLiteral("0") },
                { QStringLiteral("call_id_with_rec"), recorded ? callId : QString() },
                { QStringLiteral("calltype"), QStringLiteral("normal") } });
    call.outcome.disposition = toText(outcome);
    call.outcome.duration = seconds;
    if (recorded)
        call.outcome.recordingId = callId;

    SimCallRecord record;
    record.callId = callId;
    record.pbxCallId = call.outcome.pbxCallId;
    record.sip = scenario.extension;
    record.callStart = call.outcome.callStart;
    record.startUtc = call.startUtc;
    record.clid = call.callerId;
    record.destination = scenario.destination;
    record.disposition = toText(outcome);
    record.seconds = seconds;
    record.isRecorded = recorded;
    record.inbound = false;
    m_pbx->recordCall(record);

    if (!recorded) {
        endTimeline(call);
        return;
    }
    after(call, scenario.recordDelay, [this, &call, callId, seconds] {
        m_pbx->addRecording(callId, call.outcome.pbxCallId, seconds);
        emitEvent(call,
                  { { eventKey, QStringLiteral("NOTIFY_RECORD") },
                    { QStringLiteral("call_id_with_rec"), callId },
                    { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId } });
        endTimeline(call);
    });
}

// --- Callback (request/callback) -----------------------------------------------------------------

// Two legs on one out_ pbx_call_id: leg 1 rings the first party (the `from` extension, or `to`
// with predicted), leg 2 the other once the first has answered. An extension answers after 2 s if
// online and never otherwise; a client number after 3 s; they talk 30 s. Both legs carry
// internal = from and the CallerID of `sip`. Leg 2 ends first, then leg 1.
Result<QString> SimCallRunner::startCallback(const QString &from, const QString &to,
                                             const QString &sip, bool predicted)
{
    if (!m_pbx->extension(from))
        return fail(QStringLiteral("from must be an extension of this PBX, not \"%1\"").arg(from));
    if (!SimScenario::isPhoneNumber(to))
        return fail(QStringLiteral("to must be a phone number or extension, not \"%1\"").arg(to));
    const QString callerSip = sip.isEmpty() ? from : sip;
    const SimExtension *sipExtension = m_pbx->extension(callerSip);
    if (!sipExtension)
        return fail(QStringLiteral("sip must be an extension of this PBX, not \"%1\"").arg(sip));

    Call &call = newCall(QStringLiteral("callback"), false);
    call.from = from;
    call.to = to;
    call.sip = callerSip;
    call.callerId = sipExtension->callerId;
    call.predicted = predicted;
    call.outcome.scenario
            = QJsonObject { { QStringLiteral("direction"), QStringLiteral("callback") },
                            { QStringLiteral("from"), from },
                            { QStringLiteral("to"), to },
                            { QStringLiteral("sip"), callerSip },
                            { QStringLiteral("predicted"), predicted } };
    const QString first = predicted ? to : from;
    callbackLeg(call, 1, first);
    return call.outcome.pbxCallId;
}

void SimCallRunner::callbackLeg(Call &call, int leg, const QString &destination)
{
    call.outcome.rang.append(destination);
    emitEvent(call,
              { { eventKey, QStringLiteral("NOTIFY_OUT_START") },
                { QStringLiteral("call_start"), call.outcome.callStart },
                { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId },
                { QStringLiteral("internal"), call.from },
                { QStringLiteral("destination"), destination },
                { QStringLiteral("caller_id"), call.callerId },
                { QStringLiteral("calltype"), QStringLiteral("callback_leg%1").arg(leg) } });

    const SimExtension *extension = m_pbx->extension(destination);
    if (extension && !extension->online) {
        call.outcome.notes.append(
                QStringLiteral("extension %1 is offline: it does not answer").arg(destination));
        after(call, callbackRingTimeout, [this, &call, leg] {
            endCallbackLeg(call, leg, SimScenario::Outcome::NoAnswer, 0);
            if (leg == 2) // the first party was connected the whole time
                endCallbackLeg(call, 1, SimScenario::Outcome::Answered, callbackRingTimeout);
            endTimeline(call);
        });
        return;
    }
    const int answersAfter = extension ? callbackExtensionAnswers : callbackClientAnswers;
    if (leg == 1) {
        after(call, answersAfter,
              [this, &call] { callbackLeg(call, 2, call.predicted ? call.from : call.to); });
        return;
    }
    after(call, answersAfter, [this, &call, destination, answersAfter] {
        call.outcome.answeredBy = destination;
        after(call, callbackTalkSeconds, [this, &call, answersAfter] {
            endCallbackLeg(call, 2, SimScenario::Outcome::Answered, callbackTalkSeconds);
            endCallbackLeg(call, 1, SimScenario::Outcome::Answered,
                           answersAfter + callbackTalkSeconds);
            endTimeline(call);
        });
    });
}

void SimCallRunner::endCallbackLeg(Call &call, int leg, SimScenario::Outcome outcome, int seconds)
{
    const QString destination = leg == 1 ? (call.predicted ? call.to : call.from)
                                         : (call.predicted ? call.from : call.to);
    const QString callId = m_pbx->newCallId();
    emitEvent(call,
              { { eventKey, QStringLiteral("NOTIFY_OUT_END") },
                { QStringLiteral("call_start"), call.outcome.callStart },
                { QStringLiteral("pbx_call_id"), call.outcome.pbxCallId },
                { QStringLiteral("caller_id"), call.callerId },
                { QStringLiteral("destination"), destination },
                { QStringLiteral("internal"), call.from },
                { QStringLiteral("duration"), QString::number(seconds) },
                { QStringLiteral("disposition"), toText(outcome) },
                { QStringLiteral("status_code"), QString::number(statusCode(outcome)) },
                { QStringLiteral("is_recorded"), QStringLiteral("0") },
                { QStringLiteral("call_id_with_rec"), QString() },
                { QStringLiteral("calltype"), QStringLiteral("callback_leg%1").arg(leg) } });
    // The call's result is the last leg that ran: leg 2 once it started, else leg 1.
    if (leg == 2 || call.outcome.disposition.isEmpty()) {
        call.outcome.disposition = toText(outcome);
        call.outcome.duration = outcome == SimScenario::Outcome::Answered && leg == 2 ? seconds : 0;
    }

    SimCallRecord record;
    record.callId = callId;
    record.pbxCallId = call.outcome.pbxCallId;
    record.sip = call.sip;
    record.callStart = call.outcome.callStart;
    record.startUtc = call.startUtc;
    record.clid = call.callerId;
    record.destination = destination;
    record.disposition = toText(outcome);
    record.seconds = seconds;
    record.inbound = false;
    m_pbx->recordCall(record);
}

// --- Outcome JSON --------------------------------------------------------------------------------

QJsonObject SimCallOutcome::summaryJson() const
{
    return { { QStringLiteral("id"), id },
             { QStringLiteral("state"),
               finished ? QStringLiteral("finished") : QStringLiteral("running") },
             { QStringLiteral("direction"), direction },
             { QStringLiteral("pbx_call_id"), pbxCallId },
             { QStringLiteral("call_start"), callStart },
             { QStringLiteral("disposition"), textOrNull(disposition) },
             { QStringLiteral("answered_by"), textOrNull(answeredBy) },
             { QStringLiteral("duration"), duration },
             { QStringLiteral("recording_id"), textOrNull(recordingId) } };
}

QJsonObject SimCallOutcome::toJson() const
{
    QJsonObject object = summaryJson();
    object[QStringLiteral("scenario")] = scenario;
    if (relayAnswer) {
        object[QStringLiteral("relay_answer")]
                = QJsonObject { { QStringLiteral("status"), relayAnswer->status },
                                { QStringLiteral("body"), bodyToJson(relayAnswer->body) },
                                { QStringLiteral("honoured"), relayAnswer->honoured } };
    } else {
        object[QStringLiteral("relay_answer")] = QJsonValue::Null;
    }
    QJsonObject shown;
    for (const auto &[extension, text] : displayed)
        shown[extension] = text;
    object[QStringLiteral("displayed")] = shown;
    object[QStringLiteral("rang")] = QJsonArray::fromStringList(rang);

    QJsonArray eventList;
    for (const SimEventRecord &event : events) {
        QJsonObject fields;
        for (const auto &[name, value] : event.fields.entries())
            fields[name] = value;
        QJsonArray deliveries;
        for (const SimDelivery &delivery : event.deliveries) {
            deliveries.append(
                    QJsonObject { { QStringLiteral("status"), delivery.status },
                                  { QStringLiteral("body"), QString::fromUtf8(delivery.body) },
                                  { QStringLiteral("error"), textOrNull(delivery.error) },
                                  { QStringLiteral("at_ms"), qint64(delivery.sentAt.count()) },
                                  { QStringLiteral("took_ms"), qint64(delivery.took.count()) } });
        }
        eventList.append(QJsonObject { { QStringLiteral("event"), event.event },
                                       { QStringLiteral("fields"), fields },
                                       { QStringLiteral("at_ms"), event.atMs },
                                       { QStringLiteral("dropped"), event.dropped },
                                       { QStringLiteral("duplicated"), event.duplicated },
                                       { QStringLiteral("late"), event.late },
                                       { QStringLiteral("not_sent"), textOrNull(event.notSent) },
                                       { QStringLiteral("deliveries"), deliveries } });
    }
    object[QStringLiteral("events")] = eventList;
    object[QStringLiteral("notes")] = QJsonArray::fromStringList(notes);
    return object;
}

} // namespace CallBridge
