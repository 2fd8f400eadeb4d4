// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/StoreTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <chrono>

class QTcpSocket;
class QWebSocketServer;

namespace CallBridge {

class AgentSession;
class Clock;
class FeedHub;
class RelayMetrics;
class Store;

struct AgentStreamConfig
{
    // Server → client: a {"type":"ping"} message and a WebSocket ping.
    std::chrono::milliseconds heartbeatInterval { 20'000 };
    // Nothing from the client (message or pong) this long → close 4408.
    std::chrono::milliseconds clientTimeout { 60'000 };
    // From accept() to hello, the WebSocket handshake included → close 4408.
    std::chrono::milliseconds helloTimeout { 10'000 };
    // Closed, but the client has not hung up this long → abort.
    std::chrono::milliseconds closeTimeout { 5'000 };
    int maxReplayItems = 10'000; // beyond: the newest ones, after "replay_truncated"
    int maxReplayScan = 200'000; // stored items a replay reads at most (older: truncated)
    int replayPageSize = 500; // stored items read per event-loop turn while replaying
    // A client that reads too slowly is closed 1008 (it resumes later).
    qint64 maxPendingBytes = 8 * 1024 * 1024;
    qint64 maxIncomingMessageBytes = 64 * 1024; // clients only send small control messages
};

// The agents' WebSocket stream (GET /v1/stream, on the relay's HTTP port). The HTTP server hands
// over authenticated upgrade requests; each becomes an AgentSession that replays what its user
// may see after the client's resume point and then streams live items from the FeedHub.
//
// Protocol (JSON text messages; close codes 4400 bad request, 4401 user removed or token
// replaced, 4408 no hello / no sign of life, 1001 relay shutting down, 1008 client too slow,
// 1011 storage failure):
//   client → {"type":"hello","resume_after":N}   first message; N = last seq seen or 0
//   server → {"type":"welcome","user":{…},"latest_seq":N,"heartbeat_ms":…,"client_timeout_ms":…}
//   server → [{"type":"replay_truncated","oldest_seq":S}] items {"type","seq","at","data"}…
//   server → {"type":"replay_done","seq":N}  then live items, each seq greater than the last
//   server → {"type":"ping","at":ISO} + a WebSocket ping every heartbeat; {"type":"user_changed"}
//   client → {"type":"ping"} → {"type":"pong"};  {"type":"ack","seq":N} is accepted and ignored
// Delivery is at least once: clients de-duplicate by seq.
class AgentStream : public QObject
{
    Q_OBJECT

public:
    AgentStream(Store *store, FeedHub *feed, RelayMetrics *metrics, Clock *clock,
                AgentStreamConfig config = {}, QObject *parent = nullptr);
    ~AgentStream() override;

    // Takes the socket (its WebSocket handshake still unread) for this authenticated user;
    // false if it cannot (shutting down), and then the caller keeps the socket.
    bool accept(QTcpSocket *socket, const UserRecord &user);
    int connectedCount() const; // sessions past hello
    int sessionCount() const; // every open connection, handshakes included

    // The user's role or visibility changed: later items are filtered with the new record. A
    // replaced token hash closes the user's sessions with 4401.
    void userChanged(const UserRecord &user);
    void userRemoved(qint64 userId); // closes the user's sessions with 4401
    // Shutdown: closes every session with 1001 "going away" and accepts no more; drained() once
    // the last connection is gone.
    void closeAll();

    const AgentStreamConfig &config() const { return m_config; }
    Store *store() const { return m_store; }
    RelayMetrics *metrics() const { return m_metrics; }
    Clock *clock() const { return m_clock; }

    // One unmasked WebSocket text frame: server frames are the same bytes for every client.
    static QByteArray textFrame(QByteArrayView utf8);
    static QByteArray textFrame(const QJsonObject &message);

signals:
    void drained();

private:
    void takeUpgradedConnections();
    void broadcast(const QList<CallBridge::FeedItem> &items);
    void heartbeat();
    void forget(AgentSession *session);

    Store *m_store;
    FeedHub *m_feed;
    RelayMetrics *m_metrics;
    Clock *m_clock;
    AgentStreamConfig m_config;
    QWebSocketServer *m_server;
    QList<AgentSession *> m_sessions;
    // Sessions whose handshake QWebSocketServer is still reading, by their connection's
    // addresses and ports: the QWebSocket it hands out does not expose its QTcpSocket.
    QHash<QString, AgentSession *> m_handshaking;
    bool m_closing = false;
    bool m_drained = false;
};

} // namespace CallBridge
