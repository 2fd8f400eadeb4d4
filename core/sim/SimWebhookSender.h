// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/webhook/FormFields.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace CallBridge {

class SimPbx;

// One POST of a notification and what came back.
struct SimDelivery
{
    int status = 0; // the relay's HTTP status; 0 when it did not answer
    QByteArray body; // the relay's answer (at most maxAnswerBytes)
    QString error; // network error or time-out; empty when the relay answered
    std::chrono::milliseconds sentAt { 0 }; // Clock::monotonic() when posted
    std::chrono::milliseconds took { 0 };
};

struct SimSendOptions
{
    std::chrono::milliseconds delay { 0 }; // before the first POST
    bool drop = false; // pretend to send; nothing reaches the relay
    bool duplicate = false; // POST a second, identical copy after the first
};

struct SimSendResult
{
    QString notSent; // why nothing was posted; empty when something was
    bool dropped = false;
    QList<SimDelivery> deliveries; // one, or two with duplicate
};

// Posts NOTIFY_* events to SimPbx::notificationUrl() as Zadarma does: a form-encoded body (PHP
// encoding) with a Signature header, hex-then-base64 HMAC-SHA1 over the event's signed fields.
// Each POST waits at most SimConfig::answerTimeout (real time, on the PBX's clock) for an answer.
class SimWebhookSender : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype maxAnswerBytes = 64 * 1024;
    using Done = std::function<void(const SimSendResult &)>;

    SimWebhookSender(SimPbx *pbx, QNetworkAccessManager *network, QObject *parent = nullptr);

    // Sends the event named by fields' "event". `done` runs once every POST has an answer or
    // failed; it runs before send() returns when nothing is posted (switched off, no notification
    // URL, dropped), and not at all when `context` is destroyed first.
    void send(const FormFields &fields, const SimSendOptions &options, QObject *context, Done done);

    int inFlight() const { return m_inFlight; } // POSTs awaiting an answer

    // Every POST since start-up, for /_sim/stats and load runs.
    struct Counters
    {
        qint64 posted = 0;
        qint64 answered2xx = 0;
        qint64 answeredOther = 0; // the relay answered with another status
        qint64 failed = 0; // no answer: network error or time-out
    };
    const Counters &counters() const { return m_counters; }

signals:
    void delivered(); // after every POST, answered or not

private:
    struct Job;
    // A POST awaiting its answer. Every POST waits the same answerTimeout, so deadlines come in
    // the order the POSTs went out: one queue and one timer serve them all, where a timer per POST
    // kept thousands of Qt timers alive under load.
    struct Deadline
    {
        std::chrono::milliseconds at;
        QPointer<QNetworkReply> reply;
        std::shared_ptr<Job> job;
        int copiesLeft;
        std::shared_ptr<bool> answered;
    };

    void post(const std::shared_ptr<Job> &job, int copiesLeft);
    void finish(QNetworkReply *reply, const std::shared_ptr<Job> &job, int copiesLeft,
                bool timedOut);
    void armDeadlineTimer();
    void expireDeadlines();

    SimPbx *m_pbx;
    QNetworkAccessManager *m_network;
    int m_inFlight = 0;
    Counters m_counters;
    std::deque<Deadline> m_deadlines;
    bool m_deadlineTimerArmed = false;
};

} // namespace CallBridge
