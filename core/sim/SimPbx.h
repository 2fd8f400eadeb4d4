// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimConfig.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QRandomGenerator>

#include <chrono>
#include <optional>

namespace CallBridge {

class Clock;

// One finished call, as /v1/statistics/pbx/ and /v1/statistics/ report it.
struct SimCallRecord
{
    QString callId; // "1764062100.3427761": the leg id, also the recording id when recorded
    QString pbxCallId; // in_… / out_…
    QString sip; // the extension involved
    QString callStart; // "YYYY-MM-DD HH:MM:SS" in the account's time zone
    QDateTime startUtc;
    QString clid; // the caller
    QString destination; // what was called
    QString disposition; // answered, busy, cancel, no answer, …
    int seconds = 0;
    bool isRecorded = false;
    bool inbound = true;
};

// The state of the simulated account: its configuration plus what the API changes at run time
// (notification URL and switches, webhook URL and hooks), the call log that statistics are built
// from, and the recordings with their temporary download links.
class SimPbx : public QObject
{
    Q_OBJECT

public:
    SimPbx(SimConfig config, Clock *clock, QObject *parent = nullptr);

    const SimConfig &config() const { return m_config; }
    Clock *clock() const { return m_clock; }
    const SimExtension *extension(const QString &number) const;

    // Call notifications (/v1/pbx/callinfo/…).
    QUrl notificationUrl() const { return m_notificationUrl; }
    void setNotificationUrl(const QUrl &url);
    // notify_start, notify_internal, notify_end, notify_out_start, notify_out_end, notify_answer;
    // all on by default. NOTIFY_RECORD and NOTIFY_IVR have no switch at Zadarma.
    const QList<std::pair<QString, bool>> &notifications() const { return m_notifications; }
    bool setNotification(const QString &name, bool on); // false: no such switch
    bool isEventEnabled(const QString &eventName) const;

    // Other webhooks (/v1/pbx/webhooks/…).
    QUrl webhooksUrl() const { return m_webhooksUrl; }
    void setWebhooksUrl(const QUrl &url) { m_webhooksUrl = url; }
    const QList<std::pair<QString, bool>> &hooks() const { return m_hooks; }
    bool setHook(const QString &name, bool on);

    // Identifiers and times as Zadarma writes them.
    QString newPbxCallId(bool inbound);
    QString newCallId(); // "<unix time>.<7 digits>"
    QString accountTime(const QDateTime &utc) const; // "YYYY-MM-DD HH:MM:SS" in the account's zone
    QDateTime fromAccountTime(const QString &text) const; // the inverse; invalid if malformed

    // The call log.
    void recordCall(const SimCallRecord &record);
    const QList<SimCallRecord> &calls() const { return m_calls; }

    // Recordings: a generated WAV per recorded call, downloaded through links that expire. The WAV
    // is made on download (the same bytes every time), so a load run keeps no audio in memory.
    void addRecording(const QString &callId, const QString &pbxCallId, int callSeconds);
    bool hasRecording(const QString &callId) const { return m_recordings.contains(callId); }
    QStringList recordingsOfCall(const QString &pbxCallId) const;
    bool deleteRecording(const QString &callId);
    // A token for /_sim/recordings/<token>.wav, valid for lifetimeSeconds of simulated time.
    QString createDownloadToken(const QString &callId, int lifetimeSeconds, qint64 *expiresAtUnix);
    // The WAV behind a token that has not expired.
    std::optional<QByteArray> download(const QString &token) const;

signals:
    void callRecorded(const CallBridge::SimCallRecord &record);

private:
    struct Recording
    {
        QString pbxCallId;
        int seconds = 1;
    };
    struct DownloadLink
    {
        QString callId;
        QDateTime expiresUtc;
    };

    SimConfig m_config;
    Clock *m_clock;
    QUrl m_notificationUrl;
    QList<std::pair<QString, bool>> m_notifications;
    QUrl m_webhooksUrl;
    QList<std::pair<QString, bool>> m_hooks;
    QList<SimCallRecord> m_calls;
    QHash<QString, Recording> m_recordings;
    QHash<QString, DownloadLink> m_links;
    QRandomGenerator m_random;
    quint32 m_callSequence = 0;
};

} // namespace CallBridge
