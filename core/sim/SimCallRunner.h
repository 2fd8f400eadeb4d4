// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimCallController.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimWebhookSender.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;

namespace CallBridge {

class SimPbx;

// Fault probabilities applied to every event of every call, on top of a scenario's own faults:
// for load runs. Seeded, so that a run can be repeated.
struct SimFaultRates
{
    double drop = 0; // 0..1
    double duplicate = 0;
    double late = 0;
    quint32 seed = 1;
};

// One notification of a simulated call, as sent (or not).
struct SimEventRecord
{
    QString event; // NOTIFY_*
    FormFields fields;
    qint64 atMs = 0; // when it happened, after the call's start (PBX clock)
    bool dropped = false;
    bool duplicated = false;
    bool late = false; // held back until after the call's last event
    QString notSent; // why it was not posted, e.g. "not sent: no notification URL"
    QList<SimDelivery> deliveries; // sentAt counted from the call's start
};

// What the relay answered to NOTIFY_START.
struct SimRelayAnswer
{
    int status = 0;
    QByteArray body;
    bool honoured = false; // false when it came too late (a "late" START) or was no 2xx JSON
};

// What happened to one simulated call: GET /_sim/calls/<id>.
struct SimCallOutcome
{
    QString id; // "c1"
    bool finished = false; // every event sent and answered, late ones included
    QString direction; // inbound, outbound, callback
    QString pbxCallId;
    QString callStart;
    QJsonObject scenario;
    QString disposition; // empty while running
    QString answeredBy; // extension (inbound) or number (outbound, callback)
    int duration = 0; // seconds of talk
    QString recordingId; // call_id_with_rec
    std::optional<SimRelayAnswer> relayAnswer;
    QList<std::pair<QString, QString>> displayed; // extension → what its phone showed
    QStringList rang; // in ringing order; an extension rung twice appears twice
    QList<SimEventRecord> events;
    QStringList notes; // the simulator's decisions worth knowing (ignored redirect, offline phone)

    QJsonObject toJson() const;
    QJsonObject summaryJson() const; // without events, for the list
};

// Plays simulated calls: sends their notifications with realistic fields, order and timing (on the
// PBX's clock, simulated seconds × SimConfig::timeScale), honours the relay's answer to
// NOTIFY_START, applies delivery faults, and files the finished call in SimPbx's statistics and
// recordings.
//
// The deliveries of one call are serialized: an event is posted once the previous one has been
// answered (or timed out), so the relay sees them in the order they happened unless a fault says
// otherwise. A slow relay therefore delays the later events of that call; it never reorders them.
//
// Where Zadarma's documentation is silent, the simulator chooses:
// - status_code: answered 16, busy 17, no answer 19, cancel 16 (the caller hanging up is a normal
//   clearing; 21 "call rejected" would be the callee's doing). hangup / "blacklist" end busy, 17.
// - duration is talk time, 0 when unanswered. NOTIFY_END has `internal` only when answered and
//   `last_internal` = the answerer, else the last extension that rang. call_id_with_rec is always
//   present, empty when not recorded; only answered calls are recorded.
// - busy ends 1 s after ringing starts; no answer and cancel after ring_timeout. Offline
//   extensions are not rung (no NOTIFY_INTERNAL).
// - The answer to NOTIFY_START counts only if it is a 2xx JSON object (or empty) that arrives
//   within SimConfig::answerTimeout; a redirect to a scenario id ("0-1") rings the scenario's list,
//   as the simulator has no voice menus; IVR keys are noted and ignored. caller_name is what every
//   phone rung afterwards shows.
// - The recording appears in SimPbx when NOTIFY_RECORD is sent, not at the end of the call.
// - A callback keeps the call's call_start on both legs and adds one statistics line per leg;
//   callbacks are not recorded.
// - Late events are delivered once the call's timeline is over, in the order they happened; a late
//   NOTIFY_START does not hold the call up and its answer is kept but not honoured.
class SimCallRunner : public QObject, public SimCallController
{
    Q_OBJECT

public:
    struct Started
    {
        QString id;
        QString pbxCallId;
    };

    SimCallRunner(SimPbx *pbx, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~SimCallRunner() override;

    Started start(const SimScenario &scenario);
    Result<QString> startCallback(const QString &from, const QString &to, const QString &sip,
                                  bool predicted) override;

    void setFaultRates(const SimFaultRates &rates);
    SimFaultRates faultRates() const { return m_rates; }

    const SimCallOutcome *outcome(const QString &id) const; // nullptr when unknown
    QList<const SimCallOutcome *> outcomes() const; // in start order
    int forgetFinished(); // returns how many were forgotten
    // Finished outcomes kept for GET /_sim/calls/<id>; older ones are forgotten (in batches), so
    // that an hour-long load run does not grow without bound. Statistics live in SimPbx and stay.
    void setMaxFinishedKept(qsizetype count) { m_maxFinishedKept = std::max<qsizetype>(1, count); }

    SimWebhookSender *sender() { return &m_sender; }

signals:
    void callFinished(const QString &id);

private:
    struct Call;
    struct Pending;
    using Then = std::function<void(const SimSendResult &)>;

    Call &newCall(const QString &direction, bool inbound);
    void after(Call &call, int simulatedSeconds, std::function<void()> step);
    void emitEvent(Call &call, FormFields fields, Then then = {});
    void pump(Call &call);
    void recordSent(Call &call, qsizetype index, const SimSendResult &result);
    void endTimeline(Call &call);

    void startInbound(Call &call);
    void onStartAnswered(Call &call, const SimSendResult &result);
    void ringScenario(Call &call);
    void ringRedirect(Call &call, const QString &extension, int returnTimeout);
    void ring(Call &call, const QString &extension);
    void answerInbound(Call &call, const QString &extension);
    void endInbound(Call &call, SimScenario::Outcome outcome);

    void startOutbound(Call &call);
    void endOutbound(Call &call, SimScenario::Outcome outcome);

    void callbackLeg(Call &call, int leg, const QString &destination);
    void endCallbackLeg(Call &call, int leg, SimScenario::Outcome outcome, int seconds);

    SimPbx *m_pbx;
    SimWebhookSender m_sender;
    SimFaultRates m_rates;
    QRandomGenerator m_random;
    void forgetOldestFinished();

    std::vector<std::unique_ptr<Call>> m_calls;
    qsizetype m_maxFinishedKept = 10'000;
    qsizetype m_finishedKept = 0;
    bool m_pruneScheduled = false;
    QHash<QString, Call *> m_byId;
    quint64 m_nextId = 1;
};

} // namespace CallBridge
