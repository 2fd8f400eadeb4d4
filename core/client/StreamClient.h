// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

namespace CallBridge {

class Clock;

// The agent's live feed: the relay's /v1/stream WebSocket (README "The agents' API").
// Sends hello with resume_after = the last sequence number it handed out, so after sleep or a lost
// network the items missed meanwhile are replayed; an item is handed out once (items at or below
// lastSeq() are dropped: the relay delivers at least once). Reconnects by itself with back-off
// (1 s doubling to 60 s, reset after a successful welcome) except after a close that a retry
// cannot mend (4401: token removed or replaced).
class StreamClient : public QObject
{
    Q_OBJECT

public:
    enum class State { Offline, Connecting, Replaying, Live };
    Q_ENUM(State)

    explicit StreamClient(Clock *clock, QObject *parent = nullptr);
    ~StreamClient() override;

    // Starts (or restarts) the connection. resumeAfter: the last seq already handled (persisted by
    // the app between runs; 0 for everything the relay keeps).
    void connectTo(const QUrl &streamUrl, const QString &token, qint64 resumeAfter);
    void disconnectFromRelay(); // no reconnect until connectTo()
    // Connect now instead of waiting out the back-off (network came back, machine woke up).
    void reconnectNow();

    State state() const;
    qint64 lastSeq() const;
    QString lastError() const; // why the last connection ended, for the tray's tooltip

signals:
    void stateChanged(CallBridge::StreamClient::State state);
    // Every new item in order, replayed ones first. lastSeq() is already item.seq.
    void itemReceived(const QString &type, qint64 seq, const QDateTime &at,
                      const QJsonObject &data);
    // Typed views of the same items, emitted right after itemReceived.
    void callUpdated(const CallBridge::CallUpdate &update, bool replayed);
    void taskChanged(const CallBridge::TaskInfo &task, bool created, bool replayed);
    void contactChanged(const CallBridge::ContactCard &contact);
    void replayFinished(int replayedItems);
    // 4401 or an HTTP 401 on upgrade: the token no longer works; no reconnect.
    void unauthorised(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace CallBridge
